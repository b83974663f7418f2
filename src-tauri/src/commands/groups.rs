//! Parallel groups as the facilitator sets them up and follows them, and a
//! group's result from a second laptop taken back in as a file.

use tauri::WebviewWindow;
use wandzeitung::model::{GroupsInput, Id, ItemGroups};
use wandzeitung::templates::board_template;

use super::StoreState;
use crate::error::ApiResult;

/// Adds groups to a group-work item, each with a board laid out as the
/// template (or one group per question of it).
#[tauri::command]
#[specta::specta]
pub async fn create_groups(
    store: StoreState<'_>,
    item_id: Id,
    input: GroupsInput,
) -> ApiResult<ItemGroups> {
    let template =
        board_template(&input.template).ok_or_else(|| wandzeitung::Error::UnknownValue {
            field: "board_template",
            value: input.template.clone(),
        })?;
    let groups = store.create_groups(
        &item_id,
        &input.names,
        &template.questions,
        input.per_question,
    )?;
    Ok(groups)
}

/// Counting off: every phone into the next group in turn.
#[tauri::command]
#[specta::specta]
pub async fn count_off(store: StoreState<'_>, item_id: Id) -> ApiResult<ItemGroups> {
    let groups = store.count_off(&item_id)?;
    Ok(groups)
}

/// "Ergebnis einer Gruppe übernehmen": asks for a workshop file and takes its
/// boards into this workshop as new boards; their ids, or `None` when the
/// facilitator cancelled. A broken file is refused whole.
#[tauri::command]
#[specta::specta]
pub async fn import_group_result(
    window: WebviewWindow,
    store: StoreState<'_>,
    workshop_id: Id,
    dialog_title: String,
    filter_name: String,
) -> ApiResult<Option<Vec<Id>>> {
    let Some(file) =
        super::files::ask_for_workshop_file(&window, dialog_title, filter_name).await?
    else {
        return Ok(None);
    };
    Ok(Some(store.import_boards_into(&workshop_id, &file.doc)?))
}
