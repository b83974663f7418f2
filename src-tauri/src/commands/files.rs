//! Files in and out of the app: the protocol and exports through a native
//! save dialog, a workshop file through a native open dialog.
//!
//! The dialogs run here, in Rust, rather than from the UI: the webview gets no
//! dialog, file system or opener permission at all, and a path is never
//! something the page can choose.

use std::path::PathBuf;

use serde::Serialize;
use tauri::{AppHandle, WebviewWindow};
use tauri_plugin_opener::OpenerExt;
use wandzeitung::model::{FollowUpFilter, Id, Language};
use wandzeitung::protocol::export::{self, ExportFormat};
use wandzeitung::protocol::follow_up::{self, FollowUpFormat};
use wandzeitung::protocol::Pictures;
use wandzeitung::protocol::WorkshopFile;

use super::StoreState;
use crate::dialogs::FileDialog;
use crate::error::ApiResult;

/// Where the file went, and whether the system viewer took it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SavedFile {
    pub path: String,
    pub opened: bool,
}

/// Asks where to save, writes the file whole and, for the PDF, opens it in
/// the system's viewer. `None` when the facilitator cancelled the dialog.
#[tauri::command]
#[specta::specta]
pub async fn export_workshop_file(
    app: AppHandle,
    window: WebviewWindow,
    store: StoreState<'_>,
    workshop_id: Id,
    format: ExportFormat,
    dialog_title: String,
    filter_name: String,
) -> ApiResult<Option<SavedFile>> {
    // Read first: an unknown workshop fails before a dialog asks for a path.
    let doc = store.export_workshop(&workshop_id)?;
    let name = export::suggested_file_name(&doc, format);
    let Some(path) =
        ask_where(&window, dialog_title, name, filter_name, format.extension()).await?
    else {
        return Ok(None);
    };
    let bytes = export::render_with(
        &doc,
        format,
        chrono::Utc::now(),
        &Pictures::of_store(store.path()),
    )?;
    export::write_whole(&path, &bytes)?;
    let opened = format.extension() == "pdf" && open_in_viewer(&app, &path);
    Ok(Some(SavedFile {
        path: path.to_string_lossy().into_owned(),
        opened,
    }))
}

/// "Stand der Umsetzung" (PDF, Markdown, CSV) or the calendar (ICS) of the
/// challenges `filter` lets through, as of the laptop's today: asks where to
/// save, writes the file whole, opens a PDF in the viewer.
// A command's arguments are what the page sends; three are Tauri's own.
#[allow(clippy::too_many_arguments)]
#[tauri::command]
#[specta::specta]
pub async fn export_follow_up(
    app: AppHandle,
    window: WebviewWindow,
    store: StoreState<'_>,
    filter: FollowUpFilter,
    format: FollowUpFormat,
    language: Language,
    dialog_title: String,
    filter_name: String,
) -> ApiResult<Option<SavedFile>> {
    let report = store.follow_up_report(&filter, chrono::Local::now().date_naive())?;
    let name = format.file_name(&report, language);
    let Some(path) =
        ask_where(&window, dialog_title, name, filter_name, format.extension()).await?
    else {
        return Ok(None);
    };
    let bytes = follow_up::render(&report, format, language, chrono::Utc::now())?;
    export::write_whole(&path, &bytes)?;
    let opened = format == FollowUpFormat::Pdf && open_in_viewer(&app, &path);
    Ok(Some(SavedFile {
        path: path.to_string_lossy().into_owned(),
        opened,
    }))
}

/// Asks where to save a file of the kind `ext`, suggesting `name`; the path
/// with the extension added when the user typed none, or `None` when the
/// dialog was cancelled.
async fn ask_where(
    window: &WebviewWindow,
    title: String,
    name: String,
    filter_name: String,
    ext: &str,
) -> ApiResult<Option<PathBuf>> {
    let chosen = FileDialog::new(title, filter_name, &[ext])
        .file_name(name)
        .save(window)
        .await?;
    let Some(mut path) = chosen else {
        return Ok(None);
    };
    if path.extension().is_none() {
        path.set_extension(ext);
    }
    Ok(Some(path))
}

/// A workshop file, as exported (JSON, or ZIP with photos).
pub(crate) const WORKSHOP_FILES: &[&str] = &["json", "zip", "JSON", "ZIP"];

/// Opens a written file in the system's viewer; false when there is none.
fn open_in_viewer(app: &AppHandle, path: &std::path::Path) -> bool {
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .inspect_err(|e| wandzeitung::note!("wandzeitung: no viewer for {}: {e}", path.display()))
        .is_ok()
}

/// Asks for a workshop file and imports it as a new workshop; returns its id,
/// or `None` when the facilitator cancelled. A broken or foreign file is
/// refused with the reason and leaves the store as it was.
#[tauri::command]
#[specta::specta]
pub async fn import_workshop_file(
    app: AppHandle,
    window: WebviewWindow,
    store: StoreState<'_>,
    dialog_title: String,
    filter_name: String,
) -> ApiResult<Option<Id>> {
    let Some(file) = ask_for_workshop_file(&window, dialog_title, filter_name).await? else {
        return Ok(None);
    };
    let mut progress = crate::events::ImportProgress::reporter(&app, file.doc.items());
    progress(0);
    Ok(Some(file.import_into(&store, &mut progress)?))
}

/// Asks for a workshop file and reads it (refused whole when broken);
/// `None` when the facilitator cancelled.
pub(super) async fn ask_for_workshop_file(
    window: &WebviewWindow,
    title: String,
    filter_name: String,
) -> ApiResult<Option<WorkshopFile>> {
    let chosen = FileDialog::new(title, filter_name, WORKSHOP_FILES)
        .open(window)
        .await?;
    match chosen {
        Some(path) => Ok(Some(WorkshopFile::read(&path)?)),
        None => Ok(None),
    }
}
