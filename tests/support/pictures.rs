//! Test photos as phones and folders hold them: made by ImageMagick, tagged
//! and read back by exiftool (both installed by scripts/setup.sh).

use std::path::{Path, PathBuf};

/// exiftool's arguments for a photo taken sideways (the tag turns it a
/// quarter clockwise) with a GPS position and the phone's maker.
pub const SIDEWAYS_WITH_POSITION: &[&str] = &[
    "-overwrite_original",
    "-n",
    "-Orientation=6",
    "-GPSLatitude=52.52",
    "-GPSLatitudeRef=N",
    "-GPSLongitude=13.40",
    "-GPSLongitudeRef=E",
    "-Make=Fairphone",
];

/// A picture made by ImageMagick's `convert` into `dir/name`.
pub fn magick(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let status = super::host::tool("convert")
        .args(args)
        .file(&out)
        .status()
        .expect("ImageMagick's convert runs (scripts/setup.sh installs it)");
    assert!(status.success(), "convert {args:?}");
    out
}

/// exiftool with `args` on `file`; its output.
pub fn exiftool(args: &[&str], file: &Path) -> String {
    let out = super::host::tool("exiftool")
        .args(args)
        .file(file)
        .output()
        .expect("exiftool runs (scripts/setup.sh installs it)");
    assert!(out.status.success(), "exiftool {args:?}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
