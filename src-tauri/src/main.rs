// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod backups;
mod bindings;
mod commands;
mod error;
mod events;
mod joining;
mod rendering;
mod startup;

fn main() {
    rendering::choose();
    // Without a store the window still opens, to say why in the user's
    // language: a facilitator who double-clicks the app never sees stderr.
    let (store, startup) = match startup::open_store() {
        Ok((store, startup)) => (Some(store), startup),
        Err(e) => {
            eprintln!("Wandzeitung: {e}");
            let problem = Some(error::ApiError::from(e));
            (
                None,
                startup::Startup {
                    problem: std::sync::Mutex::new(problem),
                    ..Default::default()
                },
            )
        }
    };
    let builder = bindings::builder();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init());
    let app = match store {
        Some(store) => {
            let store = std::sync::Arc::new(store);
            backups::keep(store.clone());
            app.manage(store)
        }
        None => app,
    };
    app.manage(startup)
        .manage(std::sync::Mutex::new(events::Presentation::default()))
        .manage(joining::Joining::default())
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
