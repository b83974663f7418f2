//! The join address as a QR code, drawn here (as SVG for the screen, as
//! modules for the printed invitation): no service is asked.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// An SVG image of `text` with a quiet zone, black on white, that scales to
/// any size without blurring (a projector shows it a metre wide).
pub fn svg(text: &str) -> Option<String> {
    // Level M survives a projector's glare and a phone's shaky hand while the
    // code stays coarse enough to be read from the back of a room.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color>()
            .quiet_zone(true)
            .min_dimensions(256, 256)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build(),
    )
}

/// The code's modules, row by row (true: dark), and its width, without
/// the quiet zone: for drawing it on paper.
pub fn matrix(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Some((code.width(), dark))
}

#[cfg(test)]
mod tests {
    #[test]
    fn draws_an_svg() {
        let s = super::svg("http://192.168.1.20:8421/j/abc").expect("fits a QR code");
        assert!(s.starts_with("<?xml") && s.contains("<svg"), "{s:.80}");
    }

    #[test]
    fn a_matrix_is_square_with_its_finder_corner_dark() {
        let (width, dark) = super::matrix("http://192.168.1.20:8421/j/abc").unwrap();
        assert_eq!(dark.len(), width * width);
        assert!(
            dark[0] && dark[6] && !dark[width + 1],
            "the finder pattern's ring"
        );
    }
}
