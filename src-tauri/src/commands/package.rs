//! The workshop package: templates to start from and to share as files,
//! and who took part.

use wandzeitung::model::*;
use wandzeitung::protocol::export;
use wandzeitung::templates;

use super::files::SavedFile;
use super::StoreState;
use crate::dialogs::FileDialog;
use crate::error::ApiResult;

/// Every template: the app's own first, then the team's.
#[tauri::command]
#[specta::specta]
pub async fn templates(store: StoreState<'_>) -> ApiResult<Vec<TemplateSummary>> {
    Ok(templates::all_templates(&store)?)
}

/// "Als Vorlage speichern": the workshop's set-up, without the day's content.
#[tauri::command]
#[specta::specta]
pub async fn save_template(
    store: StoreState<'_>,
    workshop_id: Id,
    name: String,
) -> ApiResult<TemplateSummary> {
    Ok(store.save_template(&workshop_id, &name)?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_template(store: StoreState<'_>, id: String) -> ApiResult<()> {
    Ok(store.delete_template(&id)?)
}

/// "Neuer Workshop aus Vorlage": the new workshop's id. `date` is
/// `YYYY-MM-DD`.
#[tauri::command]
#[specta::specta]
pub async fn workshop_from_template(
    store: StoreState<'_>,
    template_id: String,
    title: String,
    date: String,
) -> ApiResult<Id> {
    let date = parse_date("workshop_date", &date)?;
    let template = templates::template(&store, &template_id)?;
    Ok(store.workshop_from_template(&template, &title, date)?)
}

/// A template as a file, to share with the team; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_template_file(
    window: tauri::WebviewWindow,
    store: StoreState<'_>,
    template_id: String,
    dialog_title: String,
    filter_name: String,
) -> ApiResult<Option<SavedFile>> {
    let template = templates::template(&store, &template_id)?;
    let name: String = template
        .name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .take(100)
        .collect();
    let chosen = FileDialog::new(dialog_title, filter_name, &[TEMPLATE_EXTENSION])
        .file_name(format!("{}.{TEMPLATE_EXTENSION}", name.trim()))
        .save(&window)
        .await?;
    let Some(mut path) = chosen else {
        return Ok(None);
    };
    if path.extension().is_none() {
        path.set_extension(TEMPLATE_EXTENSION);
    }
    export::write_whole(&path, template.to_json()?.as_bytes())?;
    Ok(Some(SavedFile {
        path: path.to_string_lossy().into_owned(),
        opened: false,
    }))
}

/// A template file a colleague shared, taken into this store (refused whole
/// when broken); `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn import_template_file(
    window: tauri::WebviewWindow,
    store: StoreState<'_>,
    dialog_title: String,
    filter_name: String,
) -> ApiResult<Option<TemplateSummary>> {
    let chosen = FileDialog::new(
        dialog_title,
        filter_name,
        &[TEMPLATE_EXTENSION, "json", "JSON"],
    )
    .open(&window)
    .await?;
    let Some(path) = chosen else {
        return Ok(None);
    };
    let bytes = read_bounded(&path)?;
    Ok(Some(store.import_template(&bytes)?))
}

/// A file's bytes up to one past the template's bound, so a huge file is
/// refused by its size without being read whole.
fn read_bounded(path: &std::path::Path) -> wandzeitung::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(TEMPLATE_MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Who took part, counted by actor group and by item.
#[tauri::command]
#[specta::specta]
pub async fn attendance(store: StoreState<'_>, workshop_id: Id) -> ApiResult<Attendance> {
    Ok(store.attendance(&workshop_id)?)
}

/// People without a phone in one actor group, counted by hand.
#[tauri::command]
#[specta::specta]
pub async fn set_people_by_hand(
    store: StoreState<'_>,
    workshop_id: Id,
    group: String,
    people: u32,
) -> ApiResult<Attendance> {
    Ok(store.set_people_by_hand(&workshop_id, &group, people)?)
}
