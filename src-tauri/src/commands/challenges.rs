use wandzeitung::model::*;

use super::StoreState;
use crate::error::ApiResult;

#[tauri::command]
#[specta::specta]
pub async fn create_challenge_list(
    store: StoreState<'_>,
    workshop_id: Id,
    title: String,
) -> ApiResult<ChallengeList> {
    Ok(store.create_challenge_list(&workshop_id, &title)?)
}

#[tauri::command]
#[specta::specta]
pub async fn challenge_list_view(
    store: StoreState<'_>,
    list_id: Id,
) -> ApiResult<ChallengeListView> {
    Ok(store.challenge_list_view(&list_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_challenge(
    store: StoreState<'_>,
    list_id: Id,
    input: ChallengeInput,
) -> ApiResult<Applied<Challenge>> {
    Ok(store.add_challenge(&list_id, &input)?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_challenge(
    store: StoreState<'_>,
    challenge_id: Id,
    input: ChallengeInput,
) -> ApiResult<Applied<Challenge>> {
    Ok(store.update_challenge(&challenge_id, &input)?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_challenge(store: StoreState<'_>, challenge_id: Id) -> ApiResult<Applied<()>> {
    Ok(store.delete_challenge(&challenge_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn move_challenge(
    store: StoreState<'_>,
    challenge_id: Id,
    position: u32,
) -> ApiResult<Applied<()>> {
    Ok(store.move_challenge(&challenge_id, position)?)
}

#[tauri::command]
#[specta::specta]
pub async fn open_challenge_vote(
    store: StoreState<'_>,
    list_id: Id,
    dots: u32,
) -> ApiResult<Applied<ChallengeList>> {
    Ok(store.open_challenge_vote(&list_id, dots)?)
}

#[tauri::command]
#[specta::specta]
pub async fn close_challenge_vote(
    store: StoreState<'_>,
    list_id: Id,
) -> ApiResult<Applied<ChallengeList>> {
    Ok(store.close_challenge_vote(&list_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_challenge_dot(
    store: StoreState<'_>,
    challenge_id: Id,
    participant: String,
) -> ApiResult<Applied<Challenge>> {
    Ok(store.add_challenge_dot(&challenge_id, &participant)?)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_challenge_dot(
    store: StoreState<'_>,
    challenge_id: Id,
    participant: String,
) -> ApiResult<Applied<Challenge>> {
    Ok(store.remove_challenge_dot(&challenge_id, &participant)?)
}

/// A board card or cluster becomes a challenge of the workshop's list.
#[tauri::command]
#[specta::specta]
pub async fn promote_to_challenge(
    store: StoreState<'_>,
    source: VoteTarget,
) -> ApiResult<Applied<Challenge>> {
    Ok(store.promote_to_challenge(&source)?)
}

/// Every cluster of a board the list does not hold yet becomes a challenge
/// of it, to be rated by impact and effort.
#[tauri::command]
#[specta::specta]
pub async fn challenges_from_clusters(
    store: StoreState<'_>,
    list_id: String,
    board_id: String,
) -> ApiResult<Applied<Vec<Challenge>>> {
    Ok(store.challenges_from_clusters(&list_id, &board_id)?)
}

/// The first `limit` rows of the "Vorhaben" list across all workshops, as
/// of the laptop's today, with the counts of all.
#[tauri::command]
#[specta::specta]
pub async fn follow_up(
    store: StoreState<'_>,
    filter: FollowUpFilter,
    limit: u32,
) -> ApiResult<FollowUpPage> {
    Ok(store.follow_up_page(&filter, chrono::Local::now().date_naive(), limit)?)
}

#[tauri::command]
#[specta::specta]
pub async fn challenge_progress(
    store: StoreState<'_>,
    challenge_id: Id,
) -> ApiResult<ChallengeProgress> {
    Ok(store.challenge_progress(&challenge_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn record_progress(
    store: StoreState<'_>,
    challenge_id: Id,
    input: ProgressInput,
) -> ApiResult<Applied<ChallengeEvent>> {
    Ok(store.record_progress(&challenge_id, &input)?)
}
