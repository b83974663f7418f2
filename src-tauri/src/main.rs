// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod bindings;
mod commands;
mod error;
mod events;
mod startup;

fn main() {
    let (store, startup) = match startup::open_store() {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("Wandzeitung: {e}");
            std::process::exit(1);
        }
    };
    let builder = bindings::builder();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(store)
        .manage(startup)
        .manage(std::sync::Mutex::new(events::Presentation::default()))
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            Ok(())
        })
        .run(tauri::generate_context!("../tauri.conf.json"))
        .unwrap_or_else(|e| {
            eprintln!("Wandzeitung: the window could not be started: {e}");
            std::process::exit(1);
        });
}
