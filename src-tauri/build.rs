fn main() {
    // The configuration lives at the repository root, beside Cargo.toml.
    tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json"))
        .expect("tauri.conf.json at the repository root must be valid");
}
