//! A bare WebKitGTK window the size of the app's, showing one heading: the
//! yardstick `benches/start.rs` holds the app's start against. It paints
//! the way the app does (see `rendering.rs`: compositing off without a GPU),
//! so the difference is what the app itself adds.

#[cfg(target_os = "linux")]
fn main() {
    use gtk::prelude::*;
    use webkit2gtk::{WebView, WebViewExt};

    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none()
        && !std::path::Path::new("/dev/dri/renderD128").exists()
    {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    gtk::init().expect("a display");
    let window = gtk::Window::new(gtk::WindowType::Toplevel);
    window.set_title("Bare WebKitGTK");
    window.set_default_size(1280, 800);
    let view = WebView::new();
    view.load_html(
        "<!doctype html><html lang=de><body style='font-family:sans-serif'>\
         <h1>Wandzeitung</h1><p>Ein leeres Fenster zum Vergleich.</p></body></html>",
        None,
    );
    window.add(&view);
    window.connect_destroy(|_| gtk::main_quit());
    window.show_all();
    gtk::main();
}

#[cfg(not(target_os = "linux"))]
fn main() {
    eprintln!("The bare WebKitGTK window is a Linux yardstick.");
}
