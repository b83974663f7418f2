//! File dialogs that cannot hang the facilitator's day.
//!
//! The dialog plugin runs its GTK dialogs through rfd, which drives GTK
//! from a thread of its own beside Tauri's main loop; GTK is not made for
//! two threads, and after a multi-file photo dialog, with the projector
//! open and a PDF saved, the next save dialog never opened
//! (tauri-apps/plugins-workspace#956, #3224; PolyMeilex/rfd#198). On Linux
//! the dialog is therefore a `GtkFileChooserNative` made on Tauri's own
//! main thread and answered by its "response" signal: no second GTK thread
//! and no nested main loop. Elsewhere the plugin's native dialogs are used,
//! through its callbacks. Either way the command awaits the answer without
//! holding a runtime thread.

use std::path::PathBuf;

use tauri::WebviewWindow;
use tokio::sync::oneshot;

use crate::error::ApiResult;

/// What the dialog asks for: a title, one filter (its name and extensions,
/// in the cases that occur), and for saving, the suggested file name.
pub struct FileDialog {
    title: String,
    filter_name: String,
    extensions: Vec<String>,
    file_name: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ask {
    Save,
    Open,
    OpenMany,
}

impl FileDialog {
    pub fn new(title: String, filter_name: String, extensions: &[&str]) -> Self {
        FileDialog {
            title,
            filter_name,
            extensions: extensions.iter().map(|e| (*e).to_owned()).collect(),
            file_name: None,
        }
    }

    pub fn file_name(mut self, name: String) -> Self {
        self.file_name = Some(name);
        self
    }

    /// Where to save; None when cancelled.
    pub async fn save(self, window: &WebviewWindow) -> ApiResult<Option<PathBuf>> {
        Ok(self.ask(window, Ask::Save).await?.pop())
    }

    /// One file to open; None when cancelled.
    pub async fn open(self, window: &WebviewWindow) -> ApiResult<Option<PathBuf>> {
        Ok(self.ask(window, Ask::Open).await?.pop())
    }

    /// Files to open; None when cancelled.
    pub async fn open_many(self, window: &WebviewWindow) -> ApiResult<Option<Vec<PathBuf>>> {
        let chosen = self.ask(window, Ask::OpenMany).await?;
        Ok((!chosen.is_empty()).then_some(chosen))
    }

    async fn ask(self, window: &WebviewWindow, ask: Ask) -> ApiResult<Vec<PathBuf>> {
        let (tx, rx) = oneshot::channel();
        self.show(window, ask, tx)?;
        // A dropped sender (the window closed under the dialog) is a cancel.
        Ok(rx.await.unwrap_or_default())
    }

    #[cfg(target_os = "linux")]
    fn show(
        self,
        window: &WebviewWindow,
        ask: Ask,
        tx: oneshot::Sender<Vec<PathBuf>>,
    ) -> ApiResult<()> {
        let parent = window.clone();
        window
            .run_on_main_thread(move || gtk_dialog::show(self, &parent, ask, tx))
            .map_err(crate::error::ApiError::unexpected)
    }

    #[cfg(not(target_os = "linux"))]
    fn show(
        self,
        window: &WebviewWindow,
        ask: Ask,
        tx: oneshot::Sender<Vec<PathBuf>>,
    ) -> ApiResult<()> {
        use tauri::Manager;
        use tauri_plugin_dialog::{DialogExt, FilePath};
        let mut d = window
            .app_handle()
            .dialog()
            .file()
            .set_parent(window)
            .set_title(self.title)
            .add_filter(
                self.filter_name,
                &self
                    .extensions
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
            );
        if let Some(name) = self.file_name {
            d = d.set_file_name(name);
        }
        let paths = |files: Vec<FilePath>| -> Vec<PathBuf> {
            files
                .into_iter()
                .filter_map(|f| f.into_path().ok())
                .collect()
        };
        match ask {
            Ask::Save => d.save_file(move |f| {
                let _ = tx.send(paths(f.into_iter().collect()));
            }),
            Ask::Open => d.pick_file(move |f| {
                let _ = tx.send(paths(f.into_iter().collect()));
            }),
            Ask::OpenMany => d.pick_files(move |f| {
                let _ = tx.send(paths(f.unwrap_or_default()));
            }),
        }
        Ok(())
    }
}

#[cfg(target_os = "linux")]
mod gtk_dialog {
    use std::cell::RefCell;
    use std::path::PathBuf;
    use std::rc::Rc;

    use gtk::prelude::*;
    use gtk::{FileChooserAction, FileChooserNative, FileFilter, ResponseType};
    use tauri::WebviewWindow;
    use tokio::sync::oneshot;

    use super::{Ask, FileDialog};

    /// Shows the dialog; its answer goes to `tx` from the response signal.
    /// Runs on the main thread, where GTK lives.
    pub(super) fn show(
        d: FileDialog,
        window: &WebviewWindow,
        ask: Ask,
        tx: oneshot::Sender<Vec<PathBuf>>,
    ) {
        let parent = window.gtk_window().ok();
        let action = match ask {
            Ask::Save => FileChooserAction::Save,
            Ask::Open | Ask::OpenMany => FileChooserAction::Open,
        };
        let native = FileChooserNative::new(Some(&d.title), parent.as_ref(), action, None, None);
        native.set_modal(true);
        let filter = FileFilter::new();
        filter.set_name(Some(&d.filter_name));
        for ext in &d.extensions {
            filter.add_pattern(&format!("*.{ext}"));
        }
        native.add_filter(filter);
        native.set_select_multiple(ask == Ask::OpenMany);
        if ask == Ask::Save {
            native.set_do_overwrite_confirmation(true);
            if let Some(name) = &d.file_name {
                native.set_current_name(name);
            }
        }
        // The dialog keeps itself until it answered; then it lets go.
        let kept = Rc::new(RefCell::new(Some(native.clone())));
        let tx = RefCell::new(Some(tx));
        native.connect_response(move |n, response| {
            let chosen = if response == ResponseType::Accept {
                n.filenames()
            } else {
                Vec::new()
            };
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(chosen);
            }
            n.hide();
            kept.borrow_mut().take();
        });
        native.show();
    }
}
