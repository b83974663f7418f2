//! What the first Windows build needs from the configuration, checked here
//! where no Windows toolchain runs: tauri-build stops without an `.ico`
//! for the executable's resources, and WebView2 moves cards by the page's
//! drag and drop only while Tauri's own drop handler is off.

use std::path::Path;

use serde_json::Value;

fn config() -> Value {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json"))
            .expect("tauri.conf.json at the repository root");
    serde_json::from_str(&text).expect("tauri.conf.json is JSON")
}

#[test]
fn the_bundle_names_a_windows_icon_with_the_sizes_explorer_and_the_taskbar_use() {
    let config = config();
    let icons: Vec<&str> = config["bundle"]["icon"]
        .as_array()
        .expect("bundle.icon")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let ico = icons
        .iter()
        .find(|p| p.ends_with(".ico"))
        .unwrap_or_else(|| panic!("an .ico among {icons:?}"));
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(ico))
        .expect("the .ico is committed");
    assert_eq!(&bytes[..4], [0, 0, 1, 0], "an ICO file");
    let count = u16::from_le_bytes([bytes[4], bytes[5]]) as usize;
    // Each entry's first byte is its width; 0 stands for 256.
    let widths: Vec<u32> = (0..count)
        .map(|i| match bytes[6 + 16 * i] {
            0 => 256,
            w => u32::from(w),
        })
        .collect();
    for size in [16, 32, 48, 256] {
        assert!(widths.contains(&size), "{size} px in {widths:?}");
    }
    assert!(
        config["bundle"]["targets"]
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t == "nsis")),
        "the Windows installer is one of the targets"
    );
}

#[test]
fn every_window_leaves_drag_and_drop_to_the_page() {
    let config = config();
    let windows = config["app"]["windows"].as_array().expect("app.windows");
    assert!(!windows.is_empty());
    for w in windows {
        assert_eq!(
            w["dragDropEnabled"], false,
            "{}: cards and dropped photos go through the page's own drag and drop",
            w["label"]
        );
    }
}

/// The installer allows the app through Windows' firewall on private
/// networks only, and takes the rule away again on uninstall: phones reach
/// the participant server without a prompt in front of the room.
#[test]
fn the_installer_opens_the_firewall_for_the_app_on_private_networks_only() {
    let config = config();
    let hooks = config["bundle"]["windows"]["nsis"]["installerHooks"]
        .as_str()
        .expect("bundle.windows.nsis.installerHooks");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(hooks))
        .expect("the hooks file is committed");
    let macro_body = |name: &str| -> String {
        let start = text
            .find(&format!("!macro {name}"))
            .unwrap_or_else(|| panic!("{name} in {hooks}"));
        let end = start + text[start..].find("!macroend").expect("!macroend");
        text[start..end].to_owned()
    };
    let install = macro_body("NSIS_HOOK_POSTINSTALL");
    let add = install
        .lines()
        .find(|l| l.contains("firewall add rule"))
        .expect("a rule is added");
    assert!(add.contains("profile=private"), "{add}");
    assert!(!add.contains("public"), "{add}");
    assert!(
        add.contains("dir=in") && add.contains("action=allow"),
        "{add}"
    );
    // The installer's own name for the app's executable, whatever it is.
    assert!(
        add.contains("program=\"$INSTDIR\\${MAINBINARYNAME}.exe\""),
        "the installed app: {add}"
    );
    let name = add
        .split("name=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the rule's name");
    assert!(
        macro_body("NSIS_HOOK_POSTUNINSTALL")
            .contains(&format!("firewall delete rule name=\"{name}\"")),
        "uninstalling removes the rule {name:?}"
    );
}

/// `wz.exe` carries a version resource as the app does (tauri-build gives
/// the app its own): the package's version and its names in Explorer's
/// "Details", compiled by build.rs on Windows from the package's metadata.
#[test]
fn wz_exe_names_itself_and_its_version_in_its_file_properties() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let section = |name: &str| -> String {
        let start = manifest
            .find(&format!("\n[{name}]\n"))
            .unwrap_or_else(|| panic!("[{name}] in Cargo.toml"));
        let body = &manifest[start + name.len() + 4..];
        body[..body.find("\n[").unwrap_or(body.len())].to_owned()
    };
    let metadata = section("package.metadata.tauri-winres");
    for line in [
        "ProductName = \"Wandzeitung\"",
        "OriginalFilename = \"wz.exe\"",
        "InternalName = \"wz\"",
    ] {
        assert!(metadata.contains(line), "{line} in {metadata}");
    }
    // The metadata sets no version: it is the package's, as the app's is.
    assert!(!metadata.contains("Version"), "{metadata}");
    assert!(section("target.'cfg(windows)'.build-dependencies").contains("tauri-winres"));

    let build = std::fs::read_to_string(root.join("build.rs")).unwrap();
    assert!(build.contains(".compile_for(&[\"wz\"])"), "only wz.exe");
    let icon = build
        .split("set_icon(\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("an icon");
    let bytes = std::fs::read(root.join(icon)).expect("the icon is committed");
    assert_eq!(&bytes[..4], &[0, 0, 1, 0], "{icon} is an .ico");
}
