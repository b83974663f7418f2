//! The parts of the desktop WebDriver cannot reach, done the way a user does
//! them with xdotool on the same X display: the native GTK file dialogs, and
//! HTML drag and drop (WebKitGTK starts a drag only from real pointer events,
//! which WebDriver's actions are not).

use std::path::Path;
use std::process::Command;

use super::webdriver::{wait_for, Element, Session};

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

/// Where the page's (0, 0) is on the X screen, found by moving the real
/// pointer and reading where the page saw it.
fn page_origin(s: &Session) -> (f64, f64) {
    s.execute(
        "window.__pointer = null;
         addEventListener('mousemove', (e) => { window.__pointer = [e.clientX, e.clientY]; }, { once: true });",
        vec![],
    );
    xdotool(&["mousemove", "--sync", "400", "300"]);
    xdotool(&["mousemove", "--sync", "401", "301"]);
    let seen = wait_for("the page to see the pointer", || {
        let v = s.execute("return window.__pointer", vec![]);
        let a = v.as_array()?;
        Some((a[0].as_f64()?, a[1].as_f64()?))
    });
    (400.0 - seen.0, 300.0 - seen.1)
}

/// The centre of an element on the X screen, scrolled into view first.
fn screen_centre(s: &Session, el: &Element, origin: (f64, f64)) -> (i64, i64) {
    let v = s.execute(
        "const e = arguments[0];
         e.scrollIntoView({ block: 'nearest' });
         const r = e.getBoundingClientRect();
         return [r.left + r.width / 2, r.top + r.height / 2];",
        vec![Session::element_arg(el)],
    );
    let at = |i: usize| v[i].as_f64().expect("a coordinate");
    (
        (origin.0 + at(0)).round() as i64,
        (origin.1 + at(1)).round() as i64,
    )
}

/// Drags `from` onto `to` with the mouse: press, move in steps, release.
pub fn drag_and_drop(s: &Session, from: &Element, to: &Element) {
    let origin = page_origin(s);
    let (x0, y0) = screen_centre(s, from, origin);
    xdotool(&["mousemove", "--sync", &x0.to_string(), &y0.to_string()]);
    xdotool(&["mousedown", "1"]);
    // The target may have scrolled when the source was shown: measure it now.
    let (x1, y1) = screen_centre(s, to, origin);
    let steps = 12;
    for i in 1..=steps {
        let x = x0 + (x1 - x0) * i / steps;
        let y = y0 + (y1 - y0) * i / steps;
        xdotool(&["mousemove", &x.to_string(), &y.to_string()]);
        std::thread::sleep(std::time::Duration::from_millis(40));
    }
    std::thread::sleep(std::time::Duration::from_millis(150));
    xdotool(&["mouseup", "1"]);
}
