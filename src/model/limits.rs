//! Size limits at the core's door. User text is data: bounded here, so no
//! window, export or protocol ever has to cope with a novel on one card.

use crate::error::{Error, Result};

/// Longest card text, in Unicode scalar values (what a person counts as characters).
pub const CARD_TEXT_MAX: usize = 2_000;
/// Titles, questions, headings and names.
pub const TITLE_MAX: usize = 300;
/// Short labels: author or group, place, a facilitator's name.
pub const LABEL_MAX: usize = 120;
/// Longer free text beside a title: descriptions, roles, next steps.
pub const NOTE_MAX: usize = 4_000;
/// People in one room; a generous bound that still catches typos like 10000.
pub const PARTICIPANTS_MAX: u32 = 5_000;
/// Facilitators named on one workshop.
pub const FACILITATORS_MAX: usize = 20;
/// Goals of one workshop, a line each.
pub const GOALS_MAX: usize = 10;
/// Actor groups a workshop asks the phones about.
pub const ACTOR_GROUPS_MAX: usize = 12;
/// A single agenda item cannot last longer than a day.
pub const DURATION_MAX_MINUTES: u32 = 24 * 60;
/// A participant's first name, as a phone sends it.
pub const PARTICIPANT_NAME_MAX: usize = 40;
/// Participants one join session can take.
pub const JOIN_CAP_MAX: u32 = 1_000;
/// What a person may type for the six-letter join code: with spaces or
/// dashes between the letters, as people read it off a projector.
pub const JOIN_CODE_TYPED_MAX: usize = 12;
/// The largest photo file taken in, in bytes (a 50-megapixel phone JPEG
/// stays below it).
pub const PHOTO_FILE_MAX: usize = 30_000_000;
/// The most pixels a photo may declare: a larger header is refused before
/// any pixel is decoded. Phones make 12 to 50 megapixels.
pub const PHOTO_PIXELS_MAX: u64 = 50_000_000;
/// The most bytes a photo's decoded pixels may take, whatever their depth:
/// a 50-megapixel phone photo (8-bit RGB) is 150 MB; a small file of 16-bit
/// pixels, within the pixel count, could ask for far more.
pub const PHOTO_DECODED_BYTES_MAX: u64 = 160_000_000;
/// The long edge of a stored photo: enough for an A4 page and a projector.
pub const PHOTO_LONG_EDGE: u32 = 2_560;
/// The long edge of a gallery thumbnail.
pub const PHOTO_THUMB_EDGE: u32 = 480;
/// One word (or short phrase) of a word cloud, in characters.
pub const CLOUD_WORD_MAX: usize = 40;
/// Words one phone sends to one word cloud.
pub const CLOUD_WORDS_PER_PHONE: usize = 3;
/// Photos one workshop holds.
pub const PHOTOS_PER_WORKSHOP_MAX: u32 = 300;
/// Photos one phone may send to a workshop.
pub const PHOTOS_PER_PARTICIPANT_MAX: u32 = 20;
/// Photos one device (one address: a router's whole class) may send while
/// the laptop runs: a third of the gallery, so one device never fills it.
/// Kept in memory with the device, so it starts anew after a restart.
pub const PHOTOS_PER_DEVICE_MAX: u32 = 100;

/// Every bound the core enforces that a form should know, as one value the
/// TypeScript bindings carry (`LIMITS`): a box's `maxlength`, a number's
/// `min`/`max` are read from here, never typed twice.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Limits {
    pub card_text: usize,
    pub title: usize,
    pub label: usize,
    pub note: usize,
    pub participants: u32,
    pub facilitators: usize,
    pub goals: usize,
    pub actor_groups: usize,
    pub duration_minutes: u32,
    pub dots_per_participant: u32,
    pub timer_minutes: u32,
    pub scale_min: u8,
    pub scale_max: u8,
    pub participant_name: usize,
    pub question: usize,
    pub poll_points_max: u8,
    pub poll_choices_max: usize,
    pub join_cap: u32,
    pub join_code_typed: usize,
    pub photo_file_mb: usize,
    pub photos_per_participant: u32,
    pub photos_per_device: u32,
    pub photos_per_workshop: u32,
    pub cloud_word: usize,
    pub cloud_words: usize,
}

pub const LIMITS: Limits = Limits {
    card_text: CARD_TEXT_MAX,
    title: TITLE_MAX,
    label: LABEL_MAX,
    note: NOTE_MAX,
    participants: PARTICIPANTS_MAX,
    facilitators: FACILITATORS_MAX,
    goals: GOALS_MAX,
    actor_groups: ACTOR_GROUPS_MAX,
    duration_minutes: DURATION_MAX_MINUTES,
    dots_per_participant: super::DOTS_MAX,
    timer_minutes: super::TIMER_MAX_SECONDS / 60,
    scale_min: super::SCALE_MIN,
    scale_max: super::SCALE_MAX,
    participant_name: PARTICIPANT_NAME_MAX,
    question: super::QUESTION_MAX,
    poll_points_max: *super::POLL_POINTS.end(),
    poll_choices_max: *super::POLL_CHOICES.end(),
    join_cap: JOIN_CAP_MAX,
    join_code_typed: JOIN_CODE_TYPED_MAX,
    photo_file_mb: PHOTO_FILE_MAX / 1_000_000,
    photos_per_participant: PHOTOS_PER_PARTICIPANT_MAX,
    photos_per_device: PHOTOS_PER_DEVICE_MAX,
    photos_per_workshop: PHOTOS_PER_WORKSHOP_MAX,
    cloud_word: CLOUD_WORD_MAX,
    cloud_words: CLOUD_WORDS_PER_PHONE,
};

/// The bounds and the value lists, as one value for the bindings (one
/// constant: the generator writes several in no fixed order).
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Rules {
    pub limits: Limits,
    pub dimensions: [super::Dimension; 8],
    pub challenge_statuses: [super::ChallengeStatus; 4],
    pub involvements: [super::Involvement; 5],
    pub card_colors: [super::CardColor; 6],
    pub sector_colors: [&'static str; 8],
    /// What each kind of activity is: stored how, its own page, its workspace.
    pub activities: [super::ActivityFacts; super::ActivityKind::ALL.len()],
    /// The actor groups a new workshop asks the phones about, by language.
    pub actor_groups: ActorGroups,
    /// "Mit dem Handy mitmachen" in the phone page's languages.
    pub join_in: [super::JoinIn; 7],
}

/// The seeds' five actor groups in each language of the window.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActorGroups {
    pub de: [&'static str; 5],
    pub en: [&'static str; 5],
}

pub const RULES: Rules = Rules {
    limits: LIMITS,
    dimensions: super::Dimension::ALL,
    challenge_statuses: super::ChallengeStatus::ALL,
    involvements: super::Involvement::ALL,
    card_colors: super::CardColor::ALL,
    sector_colors: SECTOR_COLORS,
    activities: super::ACTIVITIES,
    actor_groups: ActorGroups {
        de: super::Language::De.actor_groups(),
        en: super::Language::En.actor_groups(),
    },
    join_in: super::JOIN_IN,
};

/// The sectors' colours (sRGB hex), by the sector's place in its map: the
/// grid, the sector view, the projector and the PDF draw a sector in the
/// same colour. Each reaches 4.5:1 against white, since sector names are
/// written in it and white names on it.
pub const SECTOR_COLORS: [&str; 8] = [
    "#1f4e79", "#a0522d", "#2e7d32", "#6a1b9a", "#8b6508", "#00767f", "#c2185b", "#546e7a",
];

/// Cards on one board: a day's wall holds a few hundred; a benchmark 2,000.
pub const CARDS_PER_BOARD_MAX: u32 = 5_000;
/// Boards in one workshop.
pub const BOARDS_PER_WORKSHOP_MAX: u32 = 100;

/// Refuses one more of `what` when `count` already reached `max`.
pub fn room_for(what: &'static str, count: u32, max: u32) -> Result<()> {
    if count >= max {
        return Err(Error::Full { what, max });
    }
    Ok(())
}

/// Trims the text and checks it is present and within `max` characters.
pub fn required_text(field: &'static str, value: &str, max: usize) -> Result<String> {
    let value = without_controls(value);
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Error::Empty { field });
    }
    bounded(field, trimmed, max)
}

/// Trims the text; empty is allowed and stored as an empty string.
pub fn optional_text(field: &'static str, value: &str, max: usize) -> Result<String> {
    bounded(field, without_controls(value).trim(), max)
}

/// Every text a person or a file brings passes here: control characters
/// (C0, DEL, C1) are removed, since no one types them and they break what
/// reads the text later (a NUL ends a C string, a bell rings in a terminal);
/// tab and line breaks stay, and so do the bidirectional marks that Arabic
/// and Hebrew text needs (they are format characters, not controls). A text
/// that was nothing but controls is then empty, and refused where empty is.
pub fn without_controls(value: &str) -> std::borrow::Cow<'_, str> {
    let unwanted = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if value.chars().any(unwanted) {
        value
            .chars()
            .filter(|c| !unwanted(*c))
            .collect::<String>()
            .into()
    } else {
        value.into()
    }
}

/// A name (of a participant, a card's author, a facilitator, a group, an
/// actor): one visible line. Line breaks, tabs and runs of spaces become one
/// space; a name with nothing visible in it (zero-width spaces, joiners,
/// direction marks, blank fillers) is empty, and refused where a name is
/// needed: a roster or a card must never show an invisible person.
pub fn required_name(field: &'static str, value: &str, max: usize) -> Result<String> {
    let name = one_visible_line(value);
    if name.is_empty() {
        return Err(Error::Empty { field });
    }
    bounded(field, &name, max)
}

/// As [`required_name`]; empty is allowed.
pub fn optional_name(field: &'static str, value: &str, max: usize) -> Result<String> {
    bounded(field, &one_visible_line(value), max)
}

fn one_visible_line(value: &str) -> String {
    let line = without_controls(value)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if line.chars().any(|c| !c.is_whitespace() && !invisible(c)) {
        line
    } else {
        String::new()
    }
}

/// Characters that take no room and show nothing on their own: Unicode's
/// default-ignorable code points and the blank fillers that look like them.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFA0}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

fn bounded(field: &'static str, value: &str, max: usize) -> Result<String> {
    let len = value.chars().count();
    if len > max {
        return Err(Error::TooLong { field, len, max });
    }
    Ok(value.to_owned())
}

pub fn in_range(field: &'static str, value: i64, min: i64, max: i64) -> Result<i64> {
    if value < min || value > max {
        return Err(Error::OutOfRange {
            field,
            value,
            min,
            max,
        });
    }
    Ok(value)
}

/// Years a stored date or time may have: four digits, so that what is
/// written as `YYYY-MM-DD` (or RFC 3339) always reads back.
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

pub fn parse_date(field: &'static str, value: &str) -> Result<chrono::NaiveDate> {
    use chrono::Datelike;
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| YEARS.contains(&d.year()))
        .ok_or_else(|| Error::InvalidDate {
            field,
            value: value.to_owned(),
        })
}

/// A point in time from outside (a workshop file), checked to read back.
pub fn checked_time(
    field: &'static str,
    t: chrono::DateTime<chrono::Utc>,
) -> Result<chrono::DateTime<chrono::Utc>> {
    use chrono::Datelike;
    in_range(
        field,
        t.year().into(),
        (*YEARS.start()).into(),
        (*YEARS.end()).into(),
    )?;
    Ok(t)
}

pub fn parse_time(field: &'static str, value: &str) -> Result<chrono::NaiveTime> {
    chrono::NaiveTime::parse_from_str(value.trim(), "%H:%M").map_err(|_| Error::InvalidTime {
        field,
        value: value.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_one_visible_line() {
        for invisible in [
            "\u{200B}\u{200B}",
            " \u{200D} ",
            "\u{2060}\u{FEFF}",
            "\u{3164}",
            "\u{2800}\u{2800}",
            "\u{200E}\u{200F}",
            "\u{00AD}",
            "\n\t",
        ] {
            assert!(
                matches!(
                    required_name("participant_name", invisible, 40),
                    Err(Error::Empty {
                        field: "participant_name"
                    })
                ),
                "{invisible:?} is no name"
            );
            assert_eq!(optional_name("card_author", invisible, 40).unwrap(), "");
        }
        assert_eq!(
            required_name("participant_name", "Anna\nBerta\r\n  Meier\t", 40).unwrap(),
            "Anna Berta Meier"
        );
        // Visible text keeps its joiners and marks: an emoji family, Arabic.
        for kept in ["👨\u{200D}👩\u{200D}👧", "\u{200F}سارة", "Zoë"] {
            assert_eq!(required_name("participant_name", kept, 40).unwrap(), kept);
        }
    }

    #[test]
    fn limit_counts_characters_not_bytes() {
        // 2,000 umlauts are 4,000 bytes but exactly the allowed length.
        let text = "ä".repeat(CARD_TEXT_MAX);
        assert_eq!(
            required_text("card_text", &text, CARD_TEXT_MAX).unwrap(),
            text
        );
        let over = "ä".repeat(CARD_TEXT_MAX + 1);
        assert!(matches!(
            required_text("card_text", &over, CARD_TEXT_MAX),
            Err(Error::TooLong { len: 2001, .. })
        ));
    }

    #[test]
    fn control_characters_are_removed_and_bidi_marks_kept() {
        assert!(matches!(
            required_text("card_text", "\u{0}\u{7}", 10),
            Err(Error::Empty { .. })
        ));
        assert_eq!(
            required_text("card_text", "vor\u{0}her\u{1b}[31m\u{85}\u{7f}", 20).unwrap(),
            "vorher[31m"
        );
        assert_eq!(
            optional_text("card_text", "Zeile 1\n\tZeile 2\r\n", 20).unwrap(),
            "Zeile 1\n\tZeile 2"
        );
        let arabic = "\u{200f}مرحبا\u{2067}abc\u{2069}";
        assert_eq!(required_text("card_text", arabic, 20).unwrap(), arabic);
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert!(matches!(
            required_text("card_text", " \n\t ", CARD_TEXT_MAX),
            Err(Error::Empty { .. })
        ));
    }

    #[test]
    fn dates_must_be_real_calendar_days() {
        assert!(parse_date("workshop_date", "2026-02-29").is_err());
        assert!(parse_date("workshop_date", "22.11.2026").is_err());
        assert_eq!(
            parse_date("workshop_date", "2026-11-22")
                .unwrap()
                .to_string(),
            "2026-11-22"
        );
        assert!(parse_time("agenda_start", "25:00").is_err());
        assert!(parse_time("agenda_start", "14:30").is_ok());
    }
}
