//! What a facilitator does again and again, as WebDriver steps.

use super::webdriver::{wait_for, Element, Session};

pub const ENTER: &str = "\u{E007}";
// W3C WebDriver key codes, for key chords; RELEASE lets go of held modifiers.
pub const RELEASE: &str = "\u{E000}";
pub const TAB: &str = "\u{E004}";
pub const SHIFT: &str = "\u{E008}";
pub const CONTROL: &str = "\u{E009}";
pub const ALT: &str = "\u{E00A}";
pub const ESCAPE: &str = "\u{E00C}";
pub const ARROW_LEFT: &str = "\u{E012}";
pub const ARROW_UP: &str = "\u{E013}";
pub const ARROW_RIGHT: &str = "\u{E014}";
pub const ARROW_DOWN: &str = "\u{E015}";
pub const UNICODE_CARD: &str = "Grüße aus Breidenbach – ąęłżğış 🚲";

pub fn fresh_store() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.sqlite3");
    (dir, db)
}

/// Types into the quick-entry box of the field at `index` and presses Enter.
pub fn add_card(s: &Session, index: usize, text: &str) {
    let entries = wait_for("card entry boxes", || {
        let e = s.find_all("[data-testid=card-entry]");
        (e.len() > index).then_some(e)
    });
    type_text(s, &entries[index], text);
    s.send_keys(&entries[index], ENTER);
    saved(s);
}

/// Waits until every card the board shows at once has been saved by the
/// store (until then it is inert and has no id of the store's).
pub fn saved(s: &Session) {
    wait_for("the new card saved", || {
        s.find_all("[data-card-id^=pending-]")
            .is_empty()
            .then_some(())
    });
}

/// Types `text` into a focused box. WebKitWebDriver cannot synthesise keys
/// outside the Basic Multilingual Plane, so emoji go in the way the system's
/// emoji picker or a paste puts them: as an `insertText` input event.
pub fn type_text(s: &Session, el: &Element, text: &str) {
    let mut typeable = String::new();
    for c in text.chars() {
        if (c as u32) < 0x10000 {
            typeable.push(c);
            continue;
        }
        if !typeable.is_empty() {
            s.send_keys(el, &std::mem::take(&mut typeable));
        }
        s.execute(
            "arguments[0].focus(); document.execCommand('insertText', false, arguments[1]);",
            vec![Session::element_arg(el), serde_json::json!(c.to_string())],
        );
    }
    if !typeable.is_empty() {
        s.send_keys(el, &typeable);
    }
}

/// The strings of a JSON array a script returned.
pub fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

pub fn card_texts(s: &Session, field_index: usize) -> Vec<String> {
    // The n-th field's card texts, read in the page in display order; only
    // cards the store has saved (one just typed shows at once, inert, until then).
    let value = s.execute(
        "const f = document.querySelectorAll('[data-testid=field]')[arguments[0]];
         return f ? [...f.querySelectorAll('[data-testid=card]:not([data-card-id^=pending-]) [data-testid=card-text]')].map(e => e.textContent) : [];",
        vec![serde_json::json!(field_index)],
    );
    strings(&value)
}

pub fn create_workshop_with_board(s: &Session, title: &str) {
    s.click(&s.find("[data-testid=nav-home]"));
    let input = s.find("[data-testid=new-workshop-title]");
    s.send_keys(&input, title);
    s.click(&s.find("[data-testid=create-workshop]"));
    s.find_with_text("[data-testid=workshop-heading]", title);
    s.click(&s.find("[data-testid=create-board]"));
    s.find("[data-testid=card-entry]");
}

pub fn open_workshop_and_board(s: &Session, title: &str) {
    s.click(&s.find("[data-testid=nav-home]"));
    let row = wait_for(&format!("workshop {title:?} in the list"), || {
        s.find_all("[data-testid=workshop-list] button")
            .into_iter()
            .find(|b| s.text(b).contains(title))
    });
    s.click(&row);
    s.find_with_text("[data-testid=workshop-heading]", title);
    s.click(&s.find("[data-testid=board-list] button"));
    s.find("[data-testid=card-entry]");
}

/// Texts of the cards shown face up in the n-th field, cluster by cluster
/// (a cluster as `[HEADING]`), then the cards outside any cluster.
pub fn field_layout(s: &Session, field_index: usize) -> Vec<String> {
    let value = s.execute(
        "const f = document.querySelectorAll('[data-testid=field]')[arguments[0]];
         if (!f) return [];
         const out = [];
         for (const k of f.querySelectorAll('[data-testid=cluster]')) {
           out.push('[' + k.querySelector('[data-testid=cluster-heading]').value + ']');
           for (const c of k.querySelectorAll('[data-testid=card]:not([data-card-id^=pending-]) [data-testid=card-text]')) out.push(c.textContent);
         }
         for (const c of f.querySelectorAll('.loose [data-testid=card]:not([data-card-id^=pending-]) [data-testid=card-text]')) out.push(c.textContent);
         return out;",
        vec![serde_json::json!(field_index)],
    );
    strings(&value)
}

/// Waits until the n-th field shows exactly this layout.
pub fn wait_for_layout(s: &Session, field_index: usize, expected: &[&str]) {
    let mut seen = Vec::new();
    let start = std::time::Instant::now();
    while start.elapsed() < super::webdriver::PATIENCE {
        seen = field_layout(s, field_index);
        if seen == expected {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("field {field_index} shows {seen:?}, expected {expected:?}");
}

/// The first element matching `css` inside the field at `field_index`.
pub fn in_field(s: &Session, field_index: usize, css: &str) -> Element {
    // Fields are the board's only <section> columns, so nth-of-type counts them.
    s.find(&format!(
        "section[data-testid=field]:nth-of-type({}) {css}",
        field_index + 1
    ))
}

/// Where screenshots of a test go, for a person to look at.
pub fn screenshot_path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("screens")
        .join(format!("{name}.png"))
}

/// Opens the projector from the facilitator's window and switches to it;
/// returns both window handles (facilitator, projector).
pub fn open_projector(s: &Session) -> (String, String) {
    let main = s.current_window();
    s.click(&s.find("[data-testid=open-projector]"));
    let projector = wait_for("the projector window", || {
        s.windows().into_iter().find(|w| *w != main)
    });
    s.switch_to(&projector);
    (main, projector)
}

/// The address in the QR code of the session the app runs for the store's
/// only workshop, as a phone scans it.
pub fn phone_url(db: &std::path::Path) -> String {
    let store = wandzeitung::Store::open_to_read(db).unwrap().unwrap();
    let w = &store.list_workshops().unwrap()[0];
    let session = store
        .join_session(&w.id)
        .unwrap()
        .expect("a running session");
    format!("http://{}/j/{}", session.address, session.secret)
}

/// Opens the workshop and invites phones on 127.0.0.1; the phones' address.
pub fn invite_phones(s: &Session, db: &std::path::Path, title: &str) -> String {
    s.click(&s.find_with_text("[data-testid=workshop-list] .row-title", title));
    s.click(&s.find("[data-testid=join-invite]"));
    s.screenshot(&screenshot_path("join-laptop-invite"));
    let network = s.find("[data-testid=join-network]");
    s.execute(
        "arguments[0].value = '127.0.0.1'; arguments[0].dispatchEvent(new Event('change'));",
        vec![Session::element_arg(&network)],
    );
    s.click(&s.find("[data-testid=join-start]"));
    s.find("[data-testid=join-code]");
    phone_url(db)
}

/// What `pdftotext` reads in a PDF (layout kept, so lines stay in order).
pub fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils; make test installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `n` phones (Chromium, German) that opened the invitation `url` and show
/// the programme.
pub fn phones_joined(url: &str, n: usize) -> Vec<super::phone_browser::PhoneBrowser> {
    let phones: Vec<_> = (0..n)
        .map(|_| super::phone_browser::PhoneBrowser::start())
        .collect();
    for p in &phones {
        let p = &p.session;
        p.navigate(url);
        wait_for("the programme on the phone", || {
            p.find_all("[data-testid=phone-programme]")
                .into_iter()
                .next()
        });
    }
    phones
}
