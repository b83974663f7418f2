//! What a file is, from its first bytes: a name or a browser's MIME type
//! says what the sender believes, the bytes say what it is.

use crate::error::PhotoProblem;

/// The formats a photo is taken in from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoFormat {
    Jpeg,
    Png,
    WebP,
    Gif,
}

impl PhotoFormat {
    pub(super) fn image_format(self) -> image::ImageFormat {
        match self {
            PhotoFormat::Jpeg => image::ImageFormat::Jpeg,
            PhotoFormat::Png => image::ImageFormat::Png,
            PhotoFormat::WebP => image::ImageFormat::WebP,
            PhotoFormat::Gif => image::ImageFormat::Gif,
        }
    }
}

/// The format of `bytes`, or why they are not a photo this app takes.
pub fn sniff(bytes: &[u8]) -> Result<PhotoFormat, PhotoProblem> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(PhotoFormat::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(PhotoFormat::Png);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Ok(PhotoFormat::WebP);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Ok(PhotoFormat::Gif);
    }
    // ISO base media files (HEIC from iPhones, AVIF): `ftyp` and a brand.
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        let brand = &bytes[8..12];
        if [
            b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1",
        ]
        .iter()
        .any(|b| brand == *b)
        {
            return Err(PhotoProblem::Heic);
        }
        if brand == b"avif" || brand == b"avis" {
            return Err(PhotoProblem::Format);
        }
    }
    if looks_like_svg(bytes) {
        return Err(PhotoProblem::Svg);
    }
    if bytes.starts_with(b"BM") || bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return Err(PhotoProblem::Format);
    }
    Err(PhotoProblem::NotImage)
}

/// SVG is text that a browser would run as a document: never taken in,
/// never rendered, whatever its name.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let text = text.trim_start_matches('\u{feff}').trim_start();
    (text.starts_with("<?xml") || text.starts_with("<svg") || text.starts_with("<!doctype svg"))
        && text.contains("<svg")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bytes_not_the_name_say_what_a_file_is() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0rest"), Ok(PhotoFormat::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Ok(PhotoFormat::Png));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Ok(PhotoFormat::WebP));
        assert_eq!(sniff(b"GIF89a...."), Ok(PhotoFormat::Gif));
        assert_eq!(
            sniff(b"\0\0\0\x18ftypheic\0\0\0\0"),
            Err(PhotoProblem::Heic)
        );
        assert_eq!(
            sniff(b"\0\0\0\x18ftypmif1\0\0\0\0"),
            Err(PhotoProblem::Heic)
        );
        assert_eq!(
            sniff(b"\xEF\xBB\xBF <?xml version=\"1.0\"?><svg onload=\"alert(1)\">"),
            Err(PhotoProblem::Svg)
        );
        assert_eq!(
            sniff(b"Einkaufsliste: Brot, Milch"),
            Err(PhotoProblem::NotImage)
        );
        assert_eq!(sniff(b""), Err(PhotoProblem::NotImage));
        assert_eq!(sniff(b"BM\0\0"), Err(PhotoProblem::Format));
    }
}
