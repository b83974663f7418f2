//! The participant page, built by the UI's toolchain (`ui/participant.html`,
//! `npm run build`) and embedded in the binary: a phone loads nothing from
//! anywhere but the laptop.

macro_rules! built {
    ($file:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/ui/dist-participant/",
            $file
        ))
    };
}

pub(crate) const INDEX_HTML: &[u8] = built!("participant.html");
pub(crate) const SCRIPT: &[u8] = built!("participant.js");
pub(crate) const STYLE: &[u8] = built!("participant.css");
