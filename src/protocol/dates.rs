//! Dates as people in the workshop's language write them.

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::model::Language;

const WEEKDAYS_DE: [&str; 7] = [
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
];
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// "Sonntag, 22. November 2026" or "Sunday, 22 November 2026".
pub fn long_date(date: NaiveDate, language: Language) -> String {
    let weekday = date.weekday().num_days_from_monday() as usize;
    match language {
        Language::De => format!(
            "{}, {}. {} {}",
            WEEKDAYS_DE[weekday],
            date.day(),
            MONTHS_DE[date.month0() as usize],
            date.year()
        ),
        Language::En => date.format("%A, %-d %B %Y").to_string(),
    }
}

/// "14:30 Uhr" or "14:30".
pub fn time_of_day(time: NaiveTime, language: Language) -> String {
    match language {
        Language::De => format!("{} Uhr", time.format("%H:%M")),
        Language::En => time.format("%H:%M").to_string(),
    }
}

/// When an agenda item really started (local time) and how long it ran,
/// "14:12 · 25 Min."; empty for an item that never ran.
pub fn actual_run(item: &crate::model::AgendaItem, language: Language, minutes: &str) -> String {
    let Some(started) = item.started_at else {
        return String::new();
    };
    let local = started.with_timezone(&chrono::Local).time();
    let ran = (item.ran_by(chrono::Utc::now()) + 30) / 60;
    format!("{} · {ran} {minutes}", time_of_day(local, language))
}

/// An agenda item's line under its heading: "Geplant: 15 Min. · Tatsächlich: 14:12 Uhr · 25 Min.".
pub fn planned_and_actual(
    item: &crate::model::AgendaItem,
    l: &super::labels::Labels,
    language: Language,
) -> String {
    let ran = actual_run(item, language, l.minutes);
    let actual = if ran.is_empty() {
        l.not_run.to_owned()
    } else {
        ran
    };
    format!(
        "{}: {} {} · {}: {actual}",
        l.planned, item.duration_minutes, l.minutes, l.actual
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_and_english_long_dates() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(long_date(d, Language::De), "Sonntag, 22. November 2026");
        assert_eq!(long_date(d, Language::En), "Sunday, 22 November 2026");
        let m = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(long_date(m, Language::De), "Montag, 1. März 2027");
    }
}
