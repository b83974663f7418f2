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

/// The all-users install (run elevated by IT) allows the app through
/// Windows' firewall on private networks only, and the uninstaller takes
/// the rule away again: phones reach the participant server without a
/// prompt in front of the room. A per-user install cannot add a rule.
#[test]
fn the_installer_opens_the_firewall_for_the_app_on_private_networks_only() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/package/windows");
    let text = std::fs::read_to_string(dir.join("firewall.nsh")).expect("firewall.nsh");
    let macro_body = |name: &str| -> String {
        let start = text
            .find(&format!("!macro {name}"))
            .unwrap_or_else(|| panic!("{name} in firewall.nsh"));
        let end = start + text[start..].find("!macroend").expect("!macroend");
        text[start..end].to_owned()
    };
    let install = macro_body("FirewallAllow");
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
    assert!(
        add.contains("program=\"${PROGRAM}\""),
        "the installed app: {add}"
    );
    assert!(
        macro_body("FirewallRemove").contains("firewall delete rule name=\"${FIREWALL_RULE}\""),
        "uninstalling removes the rule"
    );

    let installer = std::fs::read_to_string(dir.join("installer.nsi")).expect("installer.nsi");
    let allow = installer
        .find("!insertmacro FirewallAllow \"$INSTDIR\\${EXE}\"")
        .expect("the installer allows the installed app");
    let all_users_branch = installer[..allow]
        .rfind("${If} $AllUsers == 1")
        .expect("inside the all-users branch");
    assert!(
        !installer[all_users_branch..allow].contains("${Else}"),
        "only the all-users install (elevated) adds the rule"
    );
    assert!(
        installer.contains("RequestExecutionLevel user"),
        "no UAC prompt by default"
    );
}
