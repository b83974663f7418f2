//! Windows draws the window with Microsoft's WebView2 runtime. Windows 10
//! and 11 normally have it; some managed machines do not. Without it Tauri
//! stops deep inside window creation, which a facilitator who double-clicked
//! the app never sees: a release build has no console. So the app asks for
//! the runtime first and, when it is missing, says so in a message box in
//! the user's language, with what to do, and ends.
//!
//! The words come from the UI's catalogue (`ui/src/lib/i18n/*.ts`): the one
//! place the app's messages live, read here at compile time because without
//! a webview there is no UI to look them up.

// Only Windows shows the box; the words are tested everywhere.
#[cfg(any(windows, test))]
const DE: &str = include_str!("../../ui/src/lib/i18n/de.ts");
#[cfg(any(windows, test))]
const EN: &str = include_str!("../../ui/src/lib/i18n/en.ts");

/// A message of a catalogue source file: the single-quoted value written
/// after `'key':` (with `\'`, `\\` and `\n` unescaped), if the key is there.
#[cfg(any(windows, test))]
pub fn catalogue_text(source: &str, key: &str) -> Option<String> {
    let start = source.find(&format!("'{key}':"))? + key.len() + 3;
    let rest = source[start..].trim_start().strip_prefix('\'')?;
    let mut text = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => return Some(text),
            '\\' => match chars.next()? {
                'n' => text.push('\n'),
                other => text.push(other),
            },
            c => text.push(c),
        }
    }
    None
}

/// The title and text of the box, German unless the user's Windows speaks
/// another language (then English).
#[cfg(any(windows, test))]
pub fn missing_message(german: bool) -> (String, String) {
    let source = if german { DE } else { EN };
    let text = |key: &str| {
        catalogue_text(source, key).unwrap_or_else(|| panic!("{key} is in the catalogue"))
    };
    (text("webview.missing_title"), text("webview.missing_text"))
}

/// Ends the process with a message box when the WebView2 runtime is missing.
#[cfg(windows)]
pub fn ensure() {
    if let Err(e) = tauri::webview_version() {
        wandzeitung::note!("Wandzeitung: no WebView2 runtime: {e}");
        let (title, text) = missing_message(windows::german());
        windows::message_box(&title, &text);
        std::process::exit(1);
    }
}

#[cfg(not(windows))]
pub fn ensure() {}

#[cfg(windows)]
mod windows {
    use windows_sys::Win32::Globalization::GetUserDefaultUILanguage;
    use windows_sys::Win32::UI::WindowsAndMessaging::{MessageBoxW, MB_ICONERROR, MB_OK};

    /// Whether the user's display language is German (primary language 0x07).
    pub fn german() -> bool {
        // SAFETY: takes no arguments, only reads the user's setting.
        unsafe { GetUserDefaultUILanguage() & 0x3ff == 0x07 }
    }

    pub fn message_box(title: &str, text: &str) {
        let wide = |s: &str| s.encode_utf16().chain([0]).collect::<Vec<u16>>();
        let (title, text) = (wide(title), wide(text));
        // SAFETY: both strings are NUL-terminated UTF-16 that outlive the
        // call; no owner window.
        unsafe {
            MessageBoxW(
                std::ptr::null_mut(),
                text.as_ptr(),
                title.as_ptr(),
                MB_OK | MB_ICONERROR,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_box_names_the_runtime_and_who_can_install_it_in_both_languages() {
        for german in [true, false] {
            let (title, text) = missing_message(german);
            assert!(title.contains("WebView2"), "{title}");
            assert!(
                text.contains("Microsoft Edge WebView2"),
                "the runtime's name as IT searches for it: {text}"
            );
            assert!(
                text.contains("IT") || text.contains("administrator"),
                "{text}"
            );
        }
    }

    #[test]
    fn catalogue_values_are_read_with_their_escapes() {
        let source =
            "export const de = {\n  'a.b': 'Ein \\'Zitat\\'\\nzweite Zeile',\n  'a.c': 'x',\n};";
        assert_eq!(
            catalogue_text(source, "a.b").as_deref(),
            Some("Ein 'Zitat'\nzweite Zeile")
        );
        assert_eq!(catalogue_text(source, "a.c").as_deref(), Some("x"));
        assert_eq!(catalogue_text(source, "a.d"), None);
    }
}
