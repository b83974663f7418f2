//! A photo taken in: decoded within bounds, turned upright, flattened to
//! RGB, scaled to what a protocol and a projector need, and encoded anew as
//! JPEG. Only the pixels survive: no EXIF, no GPS position, no camera, no
//! time, no colour profile that could name a device.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageError, ImageReader, RgbImage};

use super::sniff::{sniff, PhotoFormat};
use crate::error::{Error, PhotoProblem, Result};
use crate::model::{
    PHOTO_DECODED_BYTES_MAX, PHOTO_FILE_MAX, PHOTO_LONG_EDGE, PHOTO_PIXELS_MAX, PHOTO_THUMB_EDGE,
};
const QUALITY: u8 = 85;
const THUMB_QUALITY: u8 = 80;

/// A photo ready for the store: the picture and its thumbnail, both JPEG.
#[derive(Debug, Clone)]
pub struct Processed {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub thumb: Vec<u8>,
}

fn refused(problem: PhotoProblem, detail: impl Into<String>) -> Error {
    Error::PhotoRefused {
        problem,
        detail: detail.into(),
    }
}

/// Takes a photo in from the bytes of its file. Slow work (tens to hundreds
/// of milliseconds): callers run it off the async threads and outside the
/// store's lock.
pub fn take_in(bytes: &[u8]) -> Result<Processed> {
    if bytes.len() > PHOTO_FILE_MAX {
        return Err(refused(
            PhotoProblem::TooLarge,
            format!("{} bytes, at most {PHOTO_FILE_MAX}", bytes.len()),
        ));
    }
    let format = sniff(bytes).map_err(|p| refused(p, "by its first bytes"))?;
    if format == PhotoFormat::Jpeg && !jpeg_is_whole(bytes) {
        // The JPEG decoder fills a cut-off photo with grey and calls it
        // done; a photo half sent is refused instead.
        return Err(refused(
            PhotoProblem::Damaged,
            "the JPEG ends before its end marker",
        ));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.image_format());
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(PHOTO_DECODED_BYTES_MAX);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    // A bomb is refused from its header, before a pixel is allocated: by
    // its pixels, and by the bytes they take decoded (16-bit channels and
    // alpha take up to eight a pixel, a phone's JPEG three).
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > PHOTO_PIXELS_MAX || w == 0 || h == 0 {
        return Err(refused(
            PhotoProblem::TooManyPixels,
            format!("{w} × {h} pixels"),
        ));
    }
    if decoder.total_bytes() > PHOTO_DECODED_BYTES_MAX {
        return Err(refused(
            PhotoProblem::TooManyPixels,
            format!(
                "{w} × {h} pixels of {:?} take {} MB decoded",
                decoder.color_type(),
                decoder.total_bytes() / 1_000_000
            ),
        ));
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let picture = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    // At most two full-size buffers at once (the decoded one and its 8-bit
    // copy); turned upright once small.
    let rgb = flatten(picture);
    let mut scaled = DynamicImage::ImageRgb8(fit(&rgb, PHOTO_LONG_EDGE));
    drop(rgb);
    scaled.apply_orientation(orientation);
    let scaled = scaled.into_rgb8();
    let thumb = fit(&scaled, PHOTO_THUMB_EDGE);
    Ok(Processed {
        width: scaled.width(),
        height: scaled.height(),
        jpeg: encode(&scaled, QUALITY)?,
        thumb: encode(&thumb, THUMB_QUALITY)?,
    })
}

fn decode_error(e: ImageError) -> Error {
    match e {
        ImageError::Limits(l) => refused(PhotoProblem::TooManyPixels, l.to_string()),
        ImageError::Unsupported(u) => refused(PhotoProblem::Format, u.to_string()),
        ImageError::IoError(io) => refused(PhotoProblem::Damaged, io.to_string()),
        other => refused(PhotoProblem::Damaged, other.to_string()),
    }
}

/// Transparent parts become white, as on the paper of a protocol; 16-bit
/// channels become 8-bit.
fn flatten(picture: DynamicImage) -> RgbImage {
    if !picture.color().has_alpha() {
        return picture.into_rgb8();
    }
    let rgba = picture.into_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over_white = |c: u8| {
            let (c, a) = (u32::from(c), u32::from(a));
            ((c * a + 255 * (255 - a) + 127) / 255) as u8
        };
        image::Rgb([over_white(r), over_white(g), over_white(b)])
    })
}

/// Scales down so the long edge is at most `edge`; never up.
fn fit(picture: &RgbImage, edge: u32) -> RgbImage {
    let (w, h) = picture.dimensions();
    let long = w.max(h);
    if long <= edge {
        return picture.clone();
    }
    let scale = f64::from(edge) / f64::from(long);
    let nw = ((f64::from(w) * scale).round() as u32).max(1);
    let nh = ((f64::from(h) * scale).round() as u32).max(1);
    // `thumbnail` averages the source pixels under each target pixel: fast,
    // and without the aliasing of a point sample on a 12-megapixel photo.
    image::imageops::thumbnail(picture, nw, nh)
}

fn encode(picture: &RgbImage, quality: u8) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(picture)
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    Ok(out)
}

/// Whether a JPEG's picture data runs to its end marker: the segments up to
/// the first scan are walked by their lengths (an EXIF thumbnail inside
/// them has an end marker of its own), then an end marker must follow.
fn jpeg_is_whole(bytes: &[u8]) -> bool {
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return false;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        if marker == 0xDA {
            let scan = &bytes[(at + 2 + len).min(bytes.len())..];
            return scan.windows(2).any(|w| w == [0xFF, 0xD9]);
        }
        at += 2 + len;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jpeg_is_whole_only_with_its_end_marker_after_the_scan() {
        // SOI, an APP1 holding a thumbnail's own end marker, SOS, data, EOI.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x06, 0xFF, 0xD9, 0x00, 0x00];
        jpeg.extend([0xFF, 0xDA, 0x00, 0x04, 0x01, 0x02, 0x11, 0x22, 0x33]);
        assert!(!jpeg_is_whole(&jpeg), "cut off after the scan's data");
        jpeg.extend([0xFF, 0xD9]);
        assert!(jpeg_is_whole(&jpeg));
        jpeg.extend(b"trailing bytes a phone appended");
        assert!(
            jpeg_is_whole(&jpeg),
            "bytes after the end marker are tolerated"
        );
        assert!(
            !jpeg_is_whole(&[0xFF, 0xD8, 0xFF, 0xE1, 0x00]),
            "cut off in a header"
        );
    }
}
