//! The Fotoprotokoll on the laptop: photos added from files (several at
//! once, with progress), shown as a gallery, captioned, given to an agenda
//! item, deleted and brought back, shown full screen by the projector.

use crate::dialogs::FileDialog;
use base64::Engine;
use serde::Serialize;
use tauri::{AppHandle, WebviewWindow};
use wandzeitung::model::{Id, Photo, PhotoInput};

use super::StoreState;
use crate::error::{ApiError, ApiResult};

/// What became of one chosen file: its photo, or why it was refused.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PhotoAdded {
    pub file: String,
    pub photo: Option<Photo>,
    pub error: Option<ApiError>,
}

#[tauri::command]
#[specta::specta]
pub async fn photos(store: StoreState<'_>, workshop_id: Id) -> ApiResult<Vec<Photo>> {
    Ok(store.photos(&workshop_id)?)
}

/// A photo to show: its picture as a `data:` URL and its caption.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PhotoImage {
    pub src: String,
    pub caption: String,
}

/// A stored photo (or its thumbnail) for an `<img>`.
#[tauri::command]
#[specta::specta]
pub async fn photo_image(
    store: StoreState<'_>,
    photo_id: Id,
    thumb: bool,
) -> ApiResult<PhotoImage> {
    let photo = store.photo(&photo_id)?;
    let jpeg = store.photo_jpeg(&photo_id, thumb)?;
    Ok(PhotoImage {
        src: format!(
            "data:image/jpeg;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(jpeg)
        ),
        caption: photo.caption,
    })
}

/// "Fotos hinzufügen …": asks for image files and takes each in on its own,
/// off the async threads, reporting progress; a refused file is named with
/// its reason and holds back none of the others. `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn add_photos(
    app: AppHandle,
    window: WebviewWindow,
    store: StoreState<'_>,
    workshop_id: Id,
    item_id: Option<Id>,
    dialog_title: String,
    filter_name: String,
) -> ApiResult<Option<Vec<PhotoAdded>>> {
    let photos = &["jpg", "jpeg", "png", "webp", "gif", "JPG", "JPEG", "PNG"];
    let chosen = FileDialog::new(dialog_title, filter_name, photos)
        .open_many(&window)
        .await?;
    let Some(paths) = chosen else {
        return Ok(None);
    };
    let store = store.inner().clone();
    let input = PhotoInput {
        caption: String::new(),
        item_id,
        workspace: None,
    };
    let added = tauri::async_runtime::spawn_blocking(move || {
        let mut progress = crate::events::ImportProgress::reporter(&app, paths.len() as u64);
        progress(0);
        let mut out = Vec::with_capacity(paths.len());
        for (i, path) in paths.iter().enumerate() {
            let taken = wandzeitung::photos::read_file(path)
                .and_then(|bytes| store.add_photo(&workshop_id, &input, &bytes));
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push(match taken {
                Ok(photo) => PhotoAdded {
                    file,
                    photo: Some(photo),
                    error: None,
                },
                Err(e) => PhotoAdded {
                    file,
                    photo: None,
                    error: Some(e.into()),
                },
            });
            progress(i as u64 + 1);
        }
        out
    })
    .await
    .map_err(ApiError::unexpected)?;
    Ok(Some(added))
}

/// A photo file dropped onto the window: the page reads it (a drop gives
/// the page the file's contents, not its path) and sends its bytes raw, the
/// workshop in `x-workshop`. Not in the generated bindings, which cannot
/// carry raw bytes; main.rs routes it beside them.
#[tauri::command]
pub async fn add_dropped_photo(
    store: StoreState<'_>,
    request: tauri::ipc::Request<'_>,
) -> ApiResult<Photo> {
    let workshop_id = request
        .headers()
        .get("x-workshop")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| ApiError::unexpected("a dropped photo names no workshop"))?
        .to_owned();
    let tauri::ipc::InvokeBody::Raw(bytes) = request.body() else {
        return Err(ApiError::unexpected("a dropped photo comes as raw bytes"));
    };
    let bytes = bytes.clone();
    let store = store.inner().clone();
    let input = PhotoInput {
        caption: String::new(),
        item_id: None,
        workspace: None,
    };
    Ok(
        tauri::async_runtime::spawn_blocking(move || store.add_photo(&workshop_id, &input, &bytes))
            .await
            .map_err(ApiError::unexpected)??,
    )
}

#[tauri::command]
#[specta::specta]
pub async fn update_photo(
    store: StoreState<'_>,
    photo_id: Id,
    input: PhotoInput,
) -> ApiResult<Photo> {
    Ok(store.update_photo(&photo_id, &input)?)
}

/// Moves a photo to `index` in the gallery; the gallery as it is now.
#[tauri::command]
#[specta::specta]
pub async fn move_photo(store: StoreState<'_>, photo_id: Id, index: u32) -> ApiResult<Vec<Photo>> {
    Ok(store.move_photo(&photo_id, index)?)
}

/// Takes a photo out; `restore_photo` undoes it until the app starts again.
#[tauri::command]
#[specta::specta]
pub async fn delete_photo(store: StoreState<'_>, photo_id: Id) -> ApiResult<Photo> {
    Ok(store.delete_photo(&photo_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn restore_photo(store: StoreState<'_>, photo_id: Id) -> ApiResult<Photo> {
    Ok(store.restore_photo(&photo_id)?)
}
