//! The parts of the desktop WebDriver cannot reach: the native GTK file
//! dialogs, answered the way a user does it, by typing into them (xdotool on
//! the same X display).

use std::path::Path;
use std::process::Command;

use super::webdriver::wait_for;

fn xdotool(args: &[&str]) -> String {
    let out = Command::new("xdotool")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("xdotool is needed (make test installs it): {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Waits for the dialog window titled `title` and gives it the keyboard.
fn dialog(title: &str) {
    let id = wait_for(&format!("the dialog {title:?}"), || {
        xdotool(&["search", "--onlyvisible", "--name", title])
            .lines()
            .next()
            .map(str::to_owned)
    });
    // GTK fills in the name field once the dialog is mapped; give it a moment
    // so our keys are not overwritten by the suggested name.
    std::thread::sleep(std::time::Duration::from_millis(1200));
    xdotool(&["windowfocus", "--sync", &id]);
}

/// Types a full path into the dialog's name field and confirms.
pub fn choose_file(title: &str, path: &Path) {
    // Keys go through XTEST to the focused window: GTK ignores the synthetic
    // events `--window` would send. A first "/" opens the open dialog's
    // location field (keys typed while it opens are lost); then Ctrl+A
    // selects whatever the field holds and the path replaces it.
    dialog(title);
    xdotool(&["type", "/"]);
    std::thread::sleep(std::time::Duration::from_millis(600));
    xdotool(&["key", "ctrl+a"]);
    xdotool(&["type", "--delay", "20", &path.to_string_lossy()]);
    // The location field completes as it is typed; let it settle.
    std::thread::sleep(std::time::Duration::from_millis(800));
    xdotool(&["key", "Return"]);
}

/// Closes the dialog with Escape, as a user who changed their mind.
pub fn cancel_dialog(title: &str) {
    dialog(title);
    xdotool(&["key", "Escape"]);
}
