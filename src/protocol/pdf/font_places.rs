//! Where each system keeps its fonts, and how it names a bold face: the
//! protocol looks for a font with a character DejaVu lacks in the folders
//! of the system it runs on. Pure functions of the environment, so each
//! system's layout is tested on any of them.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum System {
    Linux,
    Windows,
    MacOs,
}

impl System {
    pub fn current() -> System {
        if cfg!(windows) {
            System::Windows
        } else if cfg!(target_os = "macos") {
            System::MacOs
        } else {
            System::Linux
        }
    }
}

/// The font folders of `system`, the system's own first; `env` reads an
/// environment variable. A folder that needs a variable that is not set
/// (`HOME` is usually unset on Windows) is left out.
pub(super) fn font_dirs(system: System, env: impl Fn(&str) -> Option<OsString>) -> Vec<PathBuf> {
    let var = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let mut dirs = Vec::new();
    match system {
        System::Windows => {
            let windows = var("WINDIR")
                .or_else(|| var("SystemRoot"))
                .unwrap_or_else(|| PathBuf::from(r"C:\Windows"));
            dirs.push(windows.join("Fonts"));
            // Fonts a user installed without administrator rights (Windows 10 1809 on).
            if let Some(local) = var("LOCALAPPDATA") {
                dirs.push(local.join("Microsoft").join("Windows").join("Fonts"));
            }
        }
        System::MacOs => {
            dirs.extend(["/System/Library/Fonts", "/Library/Fonts"].map(PathBuf::from));
            if let Some(home) = var("HOME") {
                dirs.push(home.join("Library").join("Fonts"));
            }
        }
        System::Linux => {
            dirs.extend(["/usr/share/fonts", "/usr/local/share/fonts"].map(PathBuf::from));
            match var("XDG_DATA_HOME") {
                Some(data) => dirs.push(data.join("fonts")),
                None => {
                    if let Some(home) = var("HOME") {
                        dirs.push(home.join(".local").join("share").join("fonts"));
                    }
                }
            }
            if let Some(home) = var("HOME") {
                dirs.push(home.join(".fonts"));
            }
        }
    }
    dirs
}

/// Font files by their extension: single faces and collections.
pub(super) fn is_font_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["ttf", "otf", "ttc", "otc"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// The names a regular face's bold sibling may have beside it, most likely
/// first: Noto's "X-Regular.ttf" → "X-Bold.ttf", and Windows' short names
/// ("arial.ttf" → "arialbd.ttf", "segoeui.ttf" → "segoeuib.ttf").
pub(super) fn bold_names(path: &Path) -> Vec<PathBuf> {
    let (Some(stem), Some(ext)) = (
        path.file_stem().and_then(|s| s.to_str()),
        path.extension().and_then(|e| e.to_str()),
    ) else {
        return Vec::new();
    };
    let mut names = Vec::new();
    if let Some(family) = stem.strip_suffix("-Regular") {
        names.push(format!("{family}-Bold.{ext}"));
    } else if !stem.contains('-') {
        for suffix in ["bd", "b", "B"] {
            names.push(format!("{stem}{suffix}.{ext}"));
        }
    }
    names.into_iter().map(|n| path.with_file_name(n)).collect()
}

/// Drops the files that are another file's bold face (`arialbd.ttf` beside
/// `arial.ttf`): they are reached through their regular face, for bold
/// text only.
pub(super) fn without_bold_siblings(files: &mut Vec<PathBuf>) {
    let bolds: std::collections::HashSet<PathBuf> =
        files.iter().flat_map(|f| bold_names(f)).collect();
    files.retain(|f| !bolds.contains(f));
}

/// The order candidates are tried in: upright sans-serif regular faces
/// first, the system's interface fonts next, then the black-and-white
/// symbol and emoji fonts (Symbola; Segoe UI Symbol and Emoji on Windows),
/// then serif, mono and display faces, styled faces last.
pub(super) fn preference(path: &Path) -> (u8, String) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    let lower = name.to_ascii_lowercase();
    let styled = [
        "bold",
        "italic",
        "light",
        "thin",
        "black",
        "medium",
        "condensed",
        "semi",
        "extra",
    ]
    .iter()
    .any(|s| lower.contains(s));
    let rank = if styled {
        4
    } else if lower.contains("symbola")
        || lower.starts_with("seguisym")
        || lower.starts_with("seguiemj")
    {
        2
    } else if lower.contains("serif") || lower.contains("mono") || lower.contains("display") {
        3
    } else if name.contains("UI") || lower.starts_with("segoeui") {
        1
    } else {
        0
    };
    (rank, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_system_has_its_font_folders_and_a_missing_home_is_no_folder() {
        let windows = font_dirs(System::Windows, |k| match k {
            "WINDIR" => Some(r"D:\Win".into()),
            "LOCALAPPDATA" => Some(r"C:\Users\Eva\AppData\Local".into()),
            _ => None,
        });
        assert_eq!(windows.len(), 2);
        assert!(windows[0].starts_with(r"D:\Win"));
        assert!(windows[1].ends_with(Path::new("Microsoft").join("Windows").join("Fonts")));
        let bare = font_dirs(System::Windows, |_| None);
        assert_eq!(
            bare,
            [PathBuf::from(r"C:\Windows").join("Fonts")],
            "no HOME needed"
        );
        let linux = font_dirs(System::Linux, |k| (k == "HOME").then(|| "/home/eva".into()));
        assert!(linux.contains(&PathBuf::from("/usr/share/fonts")));
        assert!(linux.contains(&PathBuf::from("/home/eva/.local/share/fonts")));
        assert_eq!(font_dirs(System::Linux, |_| None).len(), 2);
        let mac = font_dirs(System::MacOs, |_| None);
        assert!(mac.contains(&PathBuf::from("/Library/Fonts")));
    }

    #[test]
    fn bold_faces_are_found_by_each_systems_names() {
        let names = |p: &str| bold_names(Path::new(p));
        assert_eq!(
            names("/f/NotoSansArabic-Regular.ttf"),
            [PathBuf::from("/f/NotoSansArabic-Bold.ttf")]
        );
        assert!(names("/f/arial.ttf").contains(&PathBuf::from("/f/arialbd.ttf")));
        assert!(names("/f/segoeui.ttf").contains(&PathBuf::from("/f/segoeuib.ttf")));
        assert!(names("/f/NotoSans-Italic.ttf").is_empty());
    }

    #[test]
    fn symbols_come_after_the_script_fonts_and_styled_faces_last() {
        let rank = |p: &str| preference(Path::new(p)).0;
        assert!(rank("Nirmala.ttf") < rank("seguisym.ttf"));
        assert!(rank("segoeui.ttf") < rank("seguiemj.ttf"));
        assert!(rank("Symbola.ttf") < rank("NotoSerif-Regular.ttf"));
        assert_eq!(rank("NotoSans-Bold.ttf"), 4);
    }
}
