//! The open challenges' dates as an iCalendar file (RFC 5545): an all-day
//! event on each due date and each review date, the form that Outlook,
//! Thunderbird and phone calendars all import (several ignore to-dos in a
//! file). Each event's UID is the challenge's id and the kind of date, so a
//! newer file updates the calendar instead of doubling it; SEQUENCE is the
//! challenge's revision, which only ever grows.

use chrono::{DateTime, NaiveDate, Utc};

use super::{words, Words};
use crate::model::{ChallengeStatus, FollowUpItem, Language};

/// The calendar of `items` still open or in progress that have a due or a
/// review date, stamped `now`.
pub fn render(items: &[FollowUpItem], language: Language, now: DateTime<Utc>) -> String {
    let w = words(language);
    let mut out = Ics::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//Wandzeitung//Vorhaben//DE");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.property("X-WR-CALNAME", w.calendar_name);
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for item in items {
        if !matches!(
            item.status,
            ChallengeStatus::Open | ChallengeStatus::InProgress
        ) {
            continue;
        }
        if let Some(due) = item.due_date {
            event(&mut out, item, &w, &stamp, "due", due, w.due_prefix);
        }
        if let Some(review) = item.review_date {
            event(
                &mut out,
                item,
                &w,
                &stamp,
                "review",
                review,
                w.review_prefix,
            );
        }
    }
    out.line("END:VCALENDAR");
    out.text
}

fn event(
    out: &mut Ics,
    item: &FollowUpItem,
    w: &Words,
    stamp: &str,
    kind: &str,
    day: NaiveDate,
    prefix: &str,
) {
    out.line("BEGIN:VEVENT");
    out.line(&format!("UID:{}-{kind}@wandzeitung", item.team_id));
    out.line(&format!("DTSTAMP:{stamp}"));
    out.line(&format!("SEQUENCE:{}", item.revision));
    out.line(&format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")));
    let next = day.succ_opt().unwrap_or(day);
    out.line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
    // An all-day reminder does not block the day in the calendar.
    out.line("TRANSP:TRANSPARENT");
    out.property("SUMMARY", &format!("{prefix}: {}", item.title));
    if !item.responsible.is_empty() {
        out.property("CONTACT", &item.responsible);
    }
    let mut lines = Vec::new();
    for (label, value) in [
        (w.next_step, item.next_step.as_str()),
        (w.responsible, item.responsible.as_str()),
        (w.impact_goal, item.impact_goal.as_str()),
        (w.impact_signal, item.impact_signal.as_str()),
        (w.origin, item.origin.as_deref().unwrap_or_default()),
    ] {
        if !value.is_empty() {
            lines.push(format!("{label}: {value}"));
        }
    }
    lines.push(format!(
        "{}: {} ({})",
        w.workshop,
        item.workshop_title,
        item.workshop_date.format("%d.%m.%Y")
    ));
    out.property("DESCRIPTION", &lines.join("\n"));
    out.property("CATEGORIES", w.calendar_name);
    out.line("END:VEVENT");
}

#[derive(Default)]
struct Ics {
    text: String,
}

impl Ics {
    /// A property whose value is text, escaped.
    fn property(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape(value)));
    }

    /// One content line, folded to 75 octets and ended by CRLF (RFC 5545
    /// 3.1); a fold never splits a character.
    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let n = c.len_utf8();
            if width + n > 75 {
                self.text.push_str("\r\n ");
                width = 1;
            }
            self.text.push(c);
            width += n;
        }
        self.text.push_str("\r\n");
    }
}

/// TEXT as RFC 5545 3.3.11 writes it: backslash, semicolon and comma
/// escaped, a line break as `\n`; other control characters cannot be
/// written: a tab becomes a space, the rest are dropped.
fn escape(value: &str) -> String {
    let value = value.replace("\r\n", "\n");
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' | '\r' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut ics = Ics::default();
        let value = "ä".repeat(100);
        ics.property("SUMMARY", &value);
        for line in ics.text.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = ics.text.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{value}\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\r\ne\tf"), "a\\,b\\;c\\\\d\\ne f");
    }
}
