// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod backups;
mod bindings;
mod commands;
mod dialogs;
mod error;
mod events;
mod joining;
mod rendering;
mod startup;
mod team_sync;
mod webview_runtime;

use tauri::Manager;

fn main() {
    rendering::choose();
    startup::start_log();
    startup::prepare_in_background();
    webview_runtime::ensure();
    // Without a store the window still opens, to say why in the user's
    // language: a facilitator who double-clicks the app never sees stderr.
    let opened = startup::open_store(|_| Ok(())).map_err(|e| {
        wandzeitung::note!("Wandzeitung: {e}");
        error::ApiError::from(e)
    });
    let builder = bindings::builder();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(startup::Startup::default())
        .manage(std::sync::Mutex::new(events::Presentation::default()))
        .manage(joining::Joining::default())
        .manage(team_sync::TeamSync::default())
        .manage(commands::agenda_run::LastMoved::default())
        .invoke_handler({
            let typed = builder.invoke_handler();
            // The one command whose body is raw bytes (see add_dropped_photo).
            let raw: fn(tauri::ipc::Invoke<tauri::Wry>) -> bool =
                tauri::generate_handler![commands::photos::add_dropped_photo];
            move |invoke: tauri::ipc::Invoke<tauri::Wry>| {
                if invoke.message.command() == "add_dropped_photo" {
                    raw(invoke)
                } else {
                    typed(invoke)
                }
            }
        })
        .setup(move |app| {
            builder.mount_events(app);
            match opened {
                Ok(opened) => {
                    startup::adopt(app.handle(), opened);
                    tauri::async_runtime::spawn(joining::resume(app.handle().clone()));
                }
                Err(problem) => {
                    *startup::lock(&app.state::<startup::Startup>().problem) = Some(problem)
                }
            }
            Ok(())
        })
        .run(tauri::generate_context!("../tauri.conf.json"))
        .unwrap_or_else(|e| {
            wandzeitung::note!("Wandzeitung: the window could not be started: {e}");
            std::process::exit(1);
        });
}
