//! Files the binaries carry, packed at build time:
//! - the protocol's built-in fonts (brotli): about 0.8 MB less for the app
//!   and `wz`, unpacked once when a protocol is first written
//!   (`src/protocol/pdf/fonts.rs`);
//! - the phones' page as the UI's toolchain built it (`ui/dist-participant`),
//!   gzipped once here rather than per request: what a phone on the room's
//!   Wi-Fi downloads (`src/join/page.rs`);
//! - for Windows, `wz.exe`'s version resource and icon: town-hall IT checks
//!   what is installed by the file's properties.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    pack_fonts(&out);
    pack_participant_page(&out);
    windows_resource();
}

/// The version resource of `wz.exe`: the package's version, and the names
/// in `[package.metadata.tauri-winres]`. Decided by the *target*: a build
/// script's own `cfg(windows)` is the machine it runs on, and `wz.exe` is
/// cross-built on Linux (MinGW's windres compiles the resource there).
fn windows_resource() {
    println!("cargo:rerun-if-changed=assets/icons/icon.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resource = tauri_winres::WindowsResource::new();
    resource.set_icon("assets/icons/icon.ico");
    resource
        .compile_for(&["wz"])
        .expect("wz.exe's version resource compiles (rc.exe, or MinGW's windres)");
}

fn pack_fonts(out: &Path) {
    for name in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] {
        let source = Path::new("assets/fonts").join(name);
        println!("cargo:rerun-if-changed={}", source.display());
        let bytes = std::fs::read(&source)
            .unwrap_or_else(|e| panic!("{} is needed: {e}", source.display()));
        let params = brotli::enc::BrotliEncoderParams {
            quality: 9,
            lgwin: 22,
            ..Default::default()
        };
        let mut packed = Vec::new();
        brotli::BrotliCompress(&mut &bytes[..], &mut packed, &params)
            .expect("compressing into memory cannot fail");
        std::fs::write(out.join(format!("{name}.br")), packed).expect("OUT_DIR is writable");
    }
}

fn pack_participant_page(out: &Path) {
    let dist = Path::new("ui/dist-participant");
    println!("cargo:rerun-if-changed={}", dist.display());
    let entries = std::fs::read_dir(dist).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}): build the UI first (`make ui`, or `npm run build` in ui/)",
            dist.display()
        )
    });
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        // Each file's brotli form lies beside it (the UI's build writes it).
        .filter(|n| !n.ends_with(".br"))
        .collect();
    names.sort();
    let packed = out.join("participant");
    std::fs::create_dir_all(&packed).expect("OUT_DIR is writable");
    let mut table = String::from("pub(crate) const FILES: &[Asset] = &[\n");
    for name in &names {
        let bytes = std::fs::read(dist.join(name)).expect("a file of the built page");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes)
            .expect("compressing into memory cannot fail");
        let gz = gz.finish().expect("compressing into memory cannot fail");
        std::fs::write(packed.join(format!("{name}.gz")), &gz).expect("OUT_DIR is writable");
        let br = dist.join(format!("{name}.br"));
        if !br.is_file() {
            panic!(
                "{} is missing: build the UI again (`make ui`, or `npm run build` in ui/)",
                br.display()
            );
        }
        let br = std::fs::canonicalize(&br).expect("the brotli file exists");
        let kind = match name.rsplit('.').next() {
            Some("html") => "text/html; charset=utf-8",
            Some("js") => "text/javascript; charset=utf-8",
            Some("css") => "text/css; charset=utf-8",
            Some("svg") => "image/svg+xml",
            Some("png") => "image/png",
            Some("woff2") => "font/woff2",
            _ => "application/octet-stream",
        };
        writeln!(
            table,
            "    Asset {{ name: {name:?}, content_type: {kind:?}, size: {}, gzip: include_bytes!(concat!(env!(\"OUT_DIR\"), \"/participant/{name}.gz\")), brotli: include_bytes!({:?}) }},",
            bytes.len(),
            br.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    table.push_str("];\n");
    std::fs::write(out.join("participant_files.rs"), table).expect("OUT_DIR is writable");
}
