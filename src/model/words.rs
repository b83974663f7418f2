//! Words of a word cloud counted as people read them: "Bürger", "bürger "
//! and "BÜRGER!" are one word, shown in its most frequent spelling.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::Id;
use unicode_normalization::UnicodeNormalization;

/// One word of the cloud with how many phones sent it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CountedWord {
    /// The spelling sent most often (the first sent among equals).
    pub word: String,
    /// What the spellings have in common: the word as counted.
    pub key: String,
    pub count: u32,
    /// Where it first came among the words counted (0 first): the cloud
    /// places a word once, by this, so a new word moves no other.
    pub first: u32,
    /// A filler like "und" or "die": counted and exported, kept off the cloud.
    pub stop_word: bool,
    /// Taken off the cloud by the facilitator (every spelling of it).
    pub hidden: bool,
}

/// A word cloud as the facilitator and the projector see it: never who
/// sent which word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ItemWordCloud {
    pub item_id: Id,
    pub question: String,
    /// Collected face down: the room sees the words once revealed.
    pub hidden: bool,
    pub revealed: bool,
    /// Phones that sent words.
    pub phones: u32,
    /// Every word counted, the most frequent first.
    pub words: Vec<CountedWord>,
}

impl ItemWordCloud {
    /// Whether the room sees the words now.
    pub fn shown(&self) -> bool {
        !self.hidden || self.revealed
    }

    /// The words on the cloud: neither taken off nor fillers.
    pub fn on_cloud(&self) -> impl Iterator<Item = &CountedWord> {
        self.words.iter().filter(|w| !w.hidden && !w.stop_word)
    }
}

/// A word cloud as a phone sees it: the question and its own words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantWordCloud {
    pub question: String,
    pub mine: Vec<String>,
}

/// The word as sent, without the spaces and punctuation around it and with
/// its inner spaces made one; None when nothing of a word is left. Letters
/// are kept as typed (umlauts and ß too), in one Unicode form, so a phone
/// that composes "ü" from two code points sends the same word.
pub fn spelling(raw: &str) -> Option<String> {
    let composed: String = raw.nfc().collect();
    let trimmed = composed.trim_matches(|c: char| c.is_whitespace() || is_punctuation(c));
    if trimmed.is_empty() {
        return None;
    }
    Some(trimmed.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Marks that end or quote a word, in the scripts a room writes: an emoji
/// or a symbol ("🌳", "€") is a word of its own and stays.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            // ¡ § « ¶ · » ¿
            '\u{a1}' | '\u{a7}' | '\u{ab}' | '\u{b6}' | '\u{b7}' | '\u{bb}' | '\u{bf}'
            // General Punctuation: dashes, „quotes“, …, ‹›
            | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}'
            // Arabic comma, semicolon, question mark, full stop; CJK marks
            | '\u{60c}' | '\u{61b}' | '\u{61f}' | '\u{6d4}' | '\u{3001}'..='\u{3003}'
            | '\u{300c}'..='\u{300f}')
}

/// What counts two spellings as one word: the spelling in lower case.
pub fn word_key(raw: &str) -> Option<String> {
    spelling(raw).map(|s| s.to_lowercase())
}

/// German fillers that say nothing on their own in a cloud.
const STOP_WORDS: &[&str] = &[
    "aber", "alle", "als", "also", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "da",
    "damit", "dann", "das", "dass", "dem", "den", "der", "des", "die", "dies", "diese", "doch",
    "du", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "für", "hat",
    "ich", "ihr", "im", "in", "ins", "ist", "ja", "kein", "keine", "man", "mehr", "mit", "nach",
    "nicht", "noch", "nur", "ob", "oder", "sehr", "sich", "sie", "sind", "so", "um", "und", "uns",
    "vom", "von", "vor", "war", "was", "wenn", "wie", "wir", "wird", "zu", "zum", "zur",
];

pub fn is_stop_word(key: &str) -> bool {
    STOP_WORDS.binary_search(&key).is_ok()
}

/// The words sent, counted: the most frequent first, then in the order
/// they first came. Input that holds no word is left out.
pub fn count<'a>(sent: impl IntoIterator<Item = &'a str>) -> Vec<CountedWord> {
    struct Tally {
        first: usize,
        count: u32,
        /// Each spelling with its count and when it first came.
        spellings: Vec<(String, u32)>,
    }
    let mut tallies: HashMap<String, Tally> = HashMap::new();
    for (i, raw) in sent.into_iter().enumerate() {
        let Some(spelled) = spelling(raw) else {
            continue;
        };
        let tally = tallies.entry(spelled.to_lowercase()).or_insert(Tally {
            first: i,
            count: 0,
            spellings: Vec::new(),
        });
        tally.count += 1;
        match tally.spellings.iter_mut().find(|(s, _)| *s == spelled) {
            Some((_, n)) => *n += 1,
            None => tally.spellings.push((spelled, 1)),
        }
    }
    let mut out: Vec<(usize, CountedWord)> = tallies
        .into_iter()
        .map(|(key, t)| {
            // max_by_key keeps the last of equals: reversed, the first sent.
            let word = t
                .spellings
                .iter()
                .rev()
                .max_by_key(|(_, n)| *n)
                .map(|(s, _)| s.clone())
                .unwrap_or_default();
            let stop_word = is_stop_word(&key);
            (
                t.first,
                CountedWord {
                    word,
                    key,
                    count: t.count,
                    first: 0,
                    stop_word,
                    hidden: false,
                },
            )
        })
        .collect();
    // Numbered by arrival, then listed by count.
    out.sort_by_key(|(first, _)| *first);
    for (n, (_, w)) in out.iter_mut().enumerate() {
        w.first = u32::try_from(n).unwrap_or(u32::MAX);
    }
    out.sort_by(|(a_first, a), (b_first, b)| b.count.cmp(&a.count).then(a_first.cmp(b_first)));
    out.into_iter().map(|(_, w)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(sent: &[&str]) -> Vec<(String, u32)> {
        count(sent.iter().copied())
            .into_iter()
            .map(|w| (w.word, w.count))
            .collect()
    }

    #[test]
    fn case_spaces_and_punctuation_make_no_new_word_and_the_most_frequent_spelling_shows() {
        assert_eq!(
            counted(&["Bürger", "bürger ", "BÜRGER!", " Bürger.", "Mitte"]),
            [("Bürger".to_owned(), 4), ("Mitte".to_owned(), 1)]
        );
        // Equal counts: the spelling sent first.
        assert_eq!(counted(&["bürger", "Bürger"]), [("bürger".to_owned(), 2)]);
        assert_eq!(
            counted(&["  Grüne   Mitte ", "grüne mitte"]),
            [("Grüne Mitte".to_owned(), 2)]
        );
        // Inner punctuation belongs to the word.
        assert_eq!(
            counted(&["E-Bike", "„E-Bike“", "e-bike!"]),
            [("E-Bike".to_owned(), 3)]
        );
    }

    #[test]
    fn umlauts_and_sharp_s_stay_and_a_decomposed_umlaut_is_the_same_word() {
        let decomposed = "Bu\u{0308}rger";
        assert_eq!(counted(&["Bürger", decomposed]), [("Bürger".to_owned(), 2)]);
        assert_eq!(
            counted(&["Straße", "Strasse", "Burger"]),
            [
                ("Straße".to_owned(), 1),
                ("Strasse".to_owned(), 1),
                ("Burger".to_owned(), 1)
            ],
            "not folded to ASCII"
        );
    }

    #[test]
    fn stop_words_are_counted_but_marked_and_empty_input_is_no_word() {
        let words = count(["und", "Und", "Zusammenhalt", "?!", "   ", "die"]);
        let marks: Vec<(&str, u32, bool)> = words
            .iter()
            .map(|w| (w.word.as_str(), w.count, w.stop_word))
            .collect();
        assert_eq!(
            marks,
            [
                ("und", 2, true),
                ("Zusammenhalt", 1, false),
                ("die", 1, true)
            ]
        );
        let firsts: Vec<u32> = words.iter().map(|w| w.first).collect();
        assert_eq!(firsts, [0, 1, 2], "numbered by arrival");
        assert!(
            STOP_WORDS.windows(2).all(|w| w[0] < w[1]),
            "sorted for the search"
        );
    }

    #[test]
    fn an_emoji_or_a_symbol_is_a_word_and_keeps_its_skin_tone() {
        assert_eq!(
            counted(&["🌳", "🌳!", " 🌳 ", "👍🏽", "€"]),
            [
                ("🌳".to_owned(), 3),
                ("👍🏽".to_owned(), 1),
                ("€".to_owned(), 1)
            ]
        );
        assert_eq!(spelling("„…“"), None, "punctuation alone is no word");
    }

    #[test]
    fn arabic_and_cyrillic_words_are_counted_with_their_own_punctuation_removed() {
        assert_eq!(
            counted(&["مجتمع", "مجتمع؟", "Громада", "громада!"]),
            [("مجتمع".to_owned(), 2), ("Громада".to_owned(), 2)]
        );
    }
}
