//! The list of commands the UI may call, and the TypeScript bindings generated from it.

use tauri_specta::{collect_commands, collect_events, Builder};

use crate::commands::{
    actors, agenda_run, audience, backups, boards, cards, challenges, files, groups, join, package,
    photos, projector, team, voting, workshops,
};
use crate::events::{ImportProgress, Presentation, StoreChanged};
use crate::joining::JoinChanged;

pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .events(collect_events![
            StoreChanged,
            Presentation,
            JoinChanged,
            ImportProgress,
            crate::team_sync::TeamSynced
        ])
        // The core's bounds and value lists, for the forms: one definition.
        .constant("RULES", wandzeitung::model::RULES)
        // The phones' page reads these over HTTP, not IPC; generated all the same.
        .typ::<wandzeitung::model::ParticipantBoard>()
        .typ::<wandzeitung::model::ParticipantDay>()
        .typ::<wandzeitung::store::PhoneWrite>()
        .commands(collect_commands![
            workshops::list_workshops,
            backups::list_backups,
            backups::restore_backup,
            backups::startup_backups,
            backups::restore_at_startup,
            workshops::start_screen,
            workshops::retry_startup,
            workshops::app_version,
            workshops::store_has_room,
            workshops::create_workshop,
            workshops::update_workshop,
            workshops::delete_workshop,
            workshops::workshop_detail,
            workshops::add_agenda_item,
            workshops::update_agenda_item,
            workshops::set_item_script,
            package::templates,
            package::save_template,
            package::delete_template,
            package::workshop_from_template,
            package::export_template_file,
            package::import_template_file,
            package::attendance,
            package::set_people_by_hand,
            workshops::delete_agenda_item,
            agenda_run::start_agenda_item,
            agenda_run::next_agenda_item,
            agenda_run::end_agenda,
            agenda_run::agenda_now,
            agenda_run::item_view,
            audience::set_question_state,
            audience::merge_questions,
            audience::close_poll,
            audience::hide_cloud_word,
            audience::reveal_results,
            groups::create_groups,
            groups::count_off,
            groups::import_group_result,
            photos::photos,
            photos::photo_image,
            photos::add_photos,
            photos::update_photo,
            photos::move_photo,
            photos::delete_photo,
            photos::restore_photo,
            boards::board_templates,
            boards::create_board,
            boards::board_view,
            boards::rename_board,
            boards::delete_board,
            boards::add_field,
            boards::update_field,
            boards::delete_field,
            boards::move_field,
            boards::set_hidden_collection,
            boards::reveal_field,
            boards::step_history,
            cards::add_card,
            cards::update_card,
            cards::delete_card,
            cards::move_card,
            cards::create_cluster,
            cards::rename_cluster,
            cards::dissolve_cluster,
            voting::open_vote,
            voting::close_vote,
            voting::clear_votes,
            voting::add_dot,
            voting::remove_dot,
            voting::timer,
            voting::set_timer,
            projector::open_projector,
            projector::present,
            projector::presentation,
            projector::board_projection,
            actors::create_actor_map,
            actors::actor_map_view,
            actors::add_actor,
            actors::update_actor,
            actors::place_actor,
            actors::delete_actor,
            actors::add_actor_relation,
            actors::delete_actor_relation,
            actors::promotion_sectors,
            actors::promote_to_actor,
            actors::add_sector,
            actors::rename_sector,
            actors::delete_sector,
            challenges::create_challenge_list,
            challenges::challenge_list_view,
            challenges::add_challenge,
            challenges::update_challenge,
            challenges::delete_challenge,
            challenges::move_challenge,
            challenges::open_challenge_vote,
            challenges::close_challenge_vote,
            challenges::add_challenge_dot,
            challenges::remove_challenge_dot,
            challenges::promote_to_challenge,
            challenges::challenges_from_clusters,
            challenges::follow_up,
            challenges::challenge_progress,
            challenges::record_progress,
            files::export_workshop_file,
            files::export_follow_up,
            files::import_workshop_file,
            join::network_addresses,
            join::start_joining,
            join::join_status,
            join::set_join_door,
            join::set_join_photos,
            join::project_join,
            join::stop_joining,
            join::save_invitation,
            team::team,
            team::team_status,
            team::save_team,
            team::check_team,
            team::sync_team,
            team::team_origin,
            team::copy_workshop,
        ])
}

/// Where the generated bindings live, relative to this crate.
#[cfg(test)]
const BINDINGS_PATH: &str = "../ui/src/lib/api/bindings.ts";

/// Renders the bindings as they must be checked in.
#[cfg(test)]
fn render(path: &std::path::Path) -> Result<(), specta_typescript::ExportError> {
    builder().export(
        specta_typescript::Typescript::default()
            .header("// Generated by `make bindings` from the Rust types. Do not edit.\n")
            .bigint(specta_typescript::BigIntExportBehavior::Number),
        path,
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn checked_in_bindings_match_the_rust_types() {
        let checked_in = Path::new(env!("CARGO_MANIFEST_DIR")).join(super::BINDINGS_PATH);
        let dir = std::env::temp_dir().join(format!("wz-bindings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fresh = dir.join("bindings.ts");
        super::render(&fresh).expect("bindings render");
        let fresh_text = std::fs::read_to_string(&fresh).unwrap();
        if std::env::var_os("WZ_WRITE_BINDINGS").is_some() {
            std::fs::write(&checked_in, &fresh_text).unwrap();
        }
        let current = std::fs::read_to_string(&checked_in).unwrap_or_default();
        assert!(
            current == fresh_text,
            "ui/src/lib/api/bindings.ts is stale: run `make bindings` and commit the result"
        );
    }
}
