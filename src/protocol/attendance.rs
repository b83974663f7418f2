//! What the protocol says of who took part, in the workshop's language:
//! the head count by actor group, and per agenda item the phones that
//! contributed. Worded once here, laid out by the PDF and Markdown.

use super::document::WorkshopDocument;
use crate::model::{AgendaItem, Attendance, GroupCount, Language};

fn counted(doc: &WorkshopDocument) -> Attendance {
    let items: Vec<String> = doc.agenda.iter().map(|a| a.id.clone()).collect();
    Attendance::of(&doc.workshop.actor_groups, &items, &doc.attendance)
}

fn group_name(g: &GroupCount, lang: Language) -> &str {
    match (g.group.as_str(), lang) {
        ("", Language::De) => "ohne Angabe",
        ("", Language::En) => "not stated",
        (name, _) => name,
    }
}

/// "Teilnahme nach Akteursgruppe", then a line per group: nothing when no
/// phone joined and nobody was counted by hand.
pub fn by_group(doc: &WorkshopDocument, lang: Language) -> Option<(&'static str, Vec<String>)> {
    let a = counted(doc);
    if a.phones + a.by_hand == 0 {
        return None;
    }
    let de = lang == Language::De;
    let mut lines: Vec<String> = a
        .groups
        .iter()
        .filter(|g| g.phones + g.by_hand > 0)
        .map(|g| {
            let total = g.phones + g.by_hand;
            let name = group_name(g, lang);
            match (g.by_hand, de) {
                (0, _) => format!("{name}: {total}"),
                (n, true) => format!("{name}: {total} (davon {n} ohne Handy)"),
                (n, false) => format!("{name}: {total} ({n} without a phone)"),
            }
        })
        .collect();
    lines.push(match de {
        true => format!(
            "Zusammen: {} ({} mit Handy, {} ohne)",
            a.phones + a.by_hand,
            a.phones,
            a.by_hand
        ),
        false => format!(
            "Total: {} ({} with a phone, {} without)",
            a.phones + a.by_hand,
            a.phones,
            a.by_hand
        ),
    });
    Some((
        if de {
            "Teilnahme nach Akteursgruppe"
        } else {
            "Participation by actor group"
        },
        lines,
    ))
}

/// "Mitgemacht: 12 Handys (Politik 3, Verwaltung 2, ohne Angabe 7)" under
/// an item phones contributed to.
pub fn of_item(doc: &WorkshopDocument, item: &AgendaItem, lang: Language) -> Option<String> {
    let a = counted(doc);
    let count = a.items.iter().find(|c| c.item_id == item.id)?;
    if count.phones == 0 {
        return None;
    }
    let groups: Vec<String> = count
        .groups
        .iter()
        .map(|g| format!("{} {}", group_name(g, lang), g.phones))
        .collect();
    // Only the breakdown a workshop asked for: without actor groups every
    // phone is "not stated".
    let breakdown = if doc.workshop.actor_groups.is_empty() {
        String::new()
    } else {
        format!(" ({})", groups.join(", "))
    };
    Some(match (lang, count.phones) {
        (Language::De, 1) => format!("Mitgemacht: 1 Handy{breakdown}"),
        (Language::De, n) => format!("Mitgemacht: {n} Handys{breakdown}"),
        (Language::En, 1) => format!("Took part: 1 phone{breakdown}"),
        (Language::En, n) => format!("Took part: {n} phones{breakdown}"),
    })
}

/// The workshop's goals under their heading; nothing when it has none.
pub fn goals(doc: &WorkshopDocument, lang: Language) -> Option<(&'static str, &[String])> {
    let goals = &doc.workshop.goals;
    (!goals.is_empty()).then_some((
        match lang {
            Language::De => "Ziele des Workshops",
            Language::En => "Goals of the workshop",
        },
        goals.as_slice(),
    ))
}
