//! The Fotoprotokoll in the real app: the facilitator adds a photo of a
//! paper wall through the file dialog, sees it in the gallery, captions it,
//! shows it full screen on the projector, deletes it and takes it back, and
//! finds it in the protocol's PDF, upright and without the camera's tags.
//! A phone (Chromium with a phone's screen) sends one through its page's
//! file input once the facilitator allows it, and the same follows.
// The real app window under Xvfb, driven through WebDriver: Linux only.
#![cfg(target_os = "linux")]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::app::App;
use support::desktop::choose_file;
use support::flows::{fresh_store, invite_phones, pdf_text, screenshot_path, ENTER};
use support::phone_browser::PhoneBrowser;
use support::pictures::{exiftool, magick, SIDEWAYS_WITH_POSITION};
use support::webdriver::{wait_for, Session};
use wandzeitung::model::*;
use wandzeitung::Store;

fn run(program: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs (scripts/setup.sh installs it): {e}"));
    assert!(out.status.success(), "{program} {args:?}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Makes the protocol from the workshop page and checks its one photo: the
/// stored JPEG embedded as it is, upright (400 × 1200 from a sideways
/// 1200 × 400 with its tag), and without the camera's tags; `caption` as
/// `pdftotext` reads it under the photo. Returns the PDF's path.
fn protocol_with_photo(s: &Session, dir: &Path, caption: &str) -> PathBuf {
    s.click(&s.find("[data-testid=create-protocol]"));
    let protocol = dir.join("Protokoll Marktplatz.pdf");
    choose_file("Protokoll speichern", &protocol);
    wait_for("the protocol written", || {
        std::fs::metadata(&protocol)
            .is_ok_and(|m| m.len() > 0)
            .then_some(())
    });
    let images = run("pdfimages", &["-list"], &protocol);
    let row: Vec<&str> = images
        .lines()
        .nth(2)
        .expect("one image")
        .split_whitespace()
        .collect();
    assert_eq!(
        (row[3], row[4], row[8]),
        ("400", "1200", "jpeg"),
        "{images}"
    );
    let text = pdf_text(&protocol);
    assert!(
        text.contains("Fotoprotokoll") && text.contains(caption),
        "{text}"
    );
    let out = dir.join("bild");
    Command::new("pdfimages")
        .arg("-all")
        .arg(&protocol)
        .arg(&out)
        .status()
        .unwrap();
    let embedded = dir.join("bild-000.jpg");
    let tags = exiftool(&["-s", "-a"], &embedded);
    for gone in ["GPS", "Fairphone", "Orientation"] {
        assert!(
            !tags.contains(gone),
            "{gone} left in the protocol's photo:\n{tags}"
        );
    }
    protocol
}

/// Shows the gallery's first photo on the projector, finds `caption` there,
/// keeps a screenshot named `shot`, and comes back to the main window.
fn on_projector(s: &Session, caption: &str, shot: &str) {
    let main = s.current_window();
    s.click(&s.find("[data-testid=photo-show]"));
    let projector = wait_for("the projector window", || {
        s.windows().into_iter().find(|w| *w != main)
    });
    s.switch_to(&projector);
    let shown = wait_for("the photo on the projector", || {
        s.find_all("[data-testid=projector-photo]")
            .into_iter()
            .next()
    });
    assert!(s.text(&shown).contains(caption), "{}", s.text(&shown));
    s.screenshot(&screenshot_path(shot));
    s.switch_to(&main);
}

/// A photo of a paper wall as a phone holds it: taken sideways (the tag
/// turns it), with a position and the phone's maker.
fn sideways_wall(dir: &Path) -> PathBuf {
    let wall = magick(
        dir,
        "pinnwand.jpg",
        &[
            "-size", "600x400", "xc:red", "-size", "600x400", "xc:blue", "+append",
        ],
    );
    exiftool(SIDEWAYS_WITH_POSITION, &wall);
    wall
}

fn workshop(db: &Path, title: &str) {
    Store::open(db)
        .unwrap()
        .create_workshop(&WorkshopInput {
            title: title.into(),
            date: "2026-12-03".into(),
            ..WorkshopInput::default()
        })
        .unwrap();
}

#[test]
fn a_photo_of_a_paper_wall_goes_from_a_file_to_the_gallery_the_projector_and_the_protocol() {
    let (dir, db) = fresh_store();
    let title = "Werkstatt Marktplatz";
    workshop(&db, title);
    let wall = sideways_wall(dir.path());

    let app = App::start(&db);
    let s = &app.session;
    s.click(&s.find_with_text("[data-testid=workshop-list] .row-title", title));
    s.click(&s.find("[data-testid=photos-add]"));
    choose_file("Fotos für das Fotoprotokoll wählen", &wall);
    let thumb = wait_for("the photo in the gallery", || {
        s.find_all("[data-testid=photo-gallery] li img")
            .into_iter()
            .next()
    });
    // Upright: taller than wide, as the tag says.
    let (w, h) = {
        let size = s.execute(
            "return [arguments[0].naturalWidth, arguments[0].naturalHeight]",
            vec![Session::element_arg(&thumb)],
        );
        (size[0].as_u64().unwrap(), size[1].as_u64().unwrap())
    };
    assert!(h > w, "the thumbnail stands upright: {w} × {h}");
    let caption = s.find("[data-testid=photo-caption]");
    s.send_keys(&caption, &format!("Pinnwand Themeninsel Verkehr{ENTER}"));
    s.execute("arguments[0].blur()", vec![Session::element_arg(&caption)]);
    wait_for("the caption stored", || {
        let store = Store::open_to_read(&db).ok()??;
        let w = store.list_workshops().ok()?.pop()?;
        (store.photos(&w.id).ok()?.first()?.caption == "Pinnwand Themeninsel Verkehr").then_some(())
    });
    s.screenshot(&screenshot_path("photos-gallery"));

    // Full screen on the projector.
    on_projector(s, "Pinnwand Themeninsel Verkehr", "photos-projector");

    // Deleted, and taken back.
    s.click(&s.find("[data-testid=photo-delete]"));
    wait_for("the gallery empty", || {
        s.find_all("[data-testid=photo-gallery] li")
            .is_empty()
            .then_some(())
    });
    s.click(&s.find("[data-testid=photos-undo]"));
    wait_for("the photo back", || {
        (s.find_all("[data-testid=photo-gallery] li").len() == 1).then_some(())
    });

    // Files dragged onto the window from a folder: the photo goes in, the
    // file that is not one is named with its reason. (The drop is made by
    // the page's own drag events: no OS drag source runs under Xvfb.)
    let board = std::fs::read(magick(
        dir.path(),
        "tafel.png",
        &["-size", "80x60", "xc:green"],
    ))
    .unwrap();
    s.execute(
        "const dt = new DataTransfer();
         dt.items.add(new File([new Uint8Array(arguments[0])], 'tafel.png', {type: 'image/png'}));
         dt.items.add(new File(['Milch, Brot'], 'notiz.jpg', {type: 'image/jpeg'}));
         for (const type of ['dragenter', 'dragover', 'drop']) {
           document.querySelector('[data-testid=photo-gallery]')
             .dispatchEvent(new DragEvent(type, {dataTransfer: dt, bubbles: true, cancelable: true}));
         }",
        vec![serde_json::json!(board)],
    );
    wait_for("the dropped photo in the gallery", || {
        (s.find_all("[data-testid=photo-gallery] li").len() == 2).then_some(())
    });
    // The dropped one goes first: the protocol follows the gallery's order.
    let captions = |s: &Session| -> Vec<String> {
        s.find_all("[data-testid=photo-caption]")
            .iter()
            .map(|c| {
                s.execute("return arguments[0].value", vec![Session::element_arg(c)])
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    };
    s.click(&s.find_all("[data-testid=photo-earlier]")[1]);
    wait_for("the dropped photo first", || {
        (captions(s) == ["", "Pinnwand Themeninsel Verkehr"]).then_some(())
    });
    s.click(&s.find_all("[data-testid=photo-later]")[0]);
    wait_for("the wall first again", || {
        (captions(s) == ["Pinnwand Themeninsel Verkehr", ""]).then_some(())
    });
    s.execute(
        "document.querySelector('[data-testid=photos]').scrollIntoView()",
        vec![],
    );
    s.screenshot(&screenshot_path("photos-gallery-two"));
    let refused = s.text(&s.find("[data-testid=photos-refused]"));
    assert!(
        refused.contains("notiz.jpg") && refused.contains("kein Bild"),
        "{refused}"
    );

    // The protocol holds it as stored: upright, no tag of the camera.
    let protocol = protocol_with_photo(s, dir.path(), "Foto 1: Pinnwand Themeninsel Verkehr");
    std::fs::copy(
        &protocol,
        screenshot_path("photos-protocol-e2e").with_extension("pdf"),
    )
    .unwrap();

    // After the multi-file photo dialog, with the projector open and a PDF
    // saved, the next save dialog opens and saves (it once never opened:
    // GTK driven from a second thread).
    let again = dir.path().join("Protokoll zweite Fassung.pdf");
    wait_for("the first save answered", || {
        s.find_all("[data-testid=info]")
            .into_iter()
            .find(|n| s.text(n).contains("Protokoll Marktplatz.pdf"))
    });
    s.click(&s.find("[data-testid=create-protocol]"));
    choose_file("Protokoll speichern", &again);
    wait_for("the second protocol written", || {
        std::fs::metadata(&again)
            .is_ok_and(|m| m.len() > 0)
            .then_some(())
    });
    // And once more the photo dialog, then cancelled: the window goes on.
    s.click(&s.find("[data-testid=photos-add]"));
    support::desktop::cancel_dialog("Fotos für das Fotoprotokoll wählen");
    wait_for("the add button usable again", || {
        s.find_all("[data-testid=photos-add]")
            .into_iter()
            .find(|b| {
                s.execute(
                    "return !arguments[0].disabled",
                    vec![Session::element_arg(b)],
                ) == serde_json::json!(true)
            })
    });
}

#[test]
fn a_phone_sends_a_photo_with_its_caption_and_it_reaches_the_gallery_the_projector_and_the_protocol(
) {
    let (dir, db) = fresh_store();
    let title = "Werkstatt Marktplatz";
    workshop(&db, title);
    let wall = sideways_wall(dir.path());
    let not_a_photo = dir.path().join("einkauf.jpg");
    std::fs::write(&not_a_photo, "Milch, Brot, Äpfel").unwrap();

    let app = App::start(&db);
    let s = &app.session;
    let url = invite_phones(s, &db, title);
    let phone = PhoneBrowser::start();
    let p = &phone.session;
    p.navigate(&url);
    wait_for("the programme on the phone", || {
        p.find_all("[data-testid=phone-programme]")
            .into_iter()
            .next()
    });
    assert!(
        p.find_all("[data-testid=phone-photo]").is_empty(),
        "no photos until the facilitator allows them"
    );
    s.click(&s.find("[data-testid=join-photos]"));
    s.find("[data-testid=join-photos-open]");
    let file_input = wait_for("the phone's photo form", || {
        p.find_all("[data-testid=phone-photo-file]")
            .into_iter()
            .next()
    });

    // A file that is not a photo: refused with the reason, caption kept.
    let caption = "Pinnwand Themeninsel Verkehr – Café „Zur Post“";
    p.send_keys(&file_input, &not_a_photo.display().to_string());
    p.send_keys(&p.find("[data-testid=phone-photo-caption]"), caption);
    p.click(&p.find("[data-testid=phone-photo-send]"));
    let problem = wait_for("the phone says why", || {
        p.find_all("main .problem").into_iter().next()
    });
    assert!(
        p.text(&problem).contains("kein Bild"),
        "{}",
        p.text(&problem)
    );
    let kept = p.execute(
        "return document.querySelector('[data-testid=phone-photo-caption]').value",
        vec![],
    );
    assert_eq!(kept, caption, "the caption stays on the phone");
    p.screenshot(&screenshot_path("photos-phone-refused"));

    // The real photo, with the caption still there.
    p.send_keys(&file_input, &wall.display().to_string());
    p.click(&p.find("[data-testid=phone-photo-send]"));
    wait_for("the phone's thanks", || {
        p.find_all("[data-testid=phone-photo-sent]")
            .into_iter()
            .next()
    });
    p.screenshot(&screenshot_path("photos-phone-sent"));

    // The laptop's gallery shows it at once, marked as from a phone.
    wait_for("the phone's photo in the gallery", || {
        s.find_all("[data-testid=photo-from-phone]")
            .into_iter()
            .next()
    });
    let shown = s.execute(
        "return document.querySelector('[data-testid=photo-caption]').value",
        vec![],
    );
    assert_eq!(shown, caption);
    s.screenshot(&screenshot_path("photos-gallery-from-phone"));
    on_projector(
        s,
        "Pinnwand Themeninsel Verkehr",
        "photos-projector-from-phone",
    );

    // Stored without the phone's tags, and upright.
    {
        let store = Store::open_to_read(&db).unwrap().unwrap();
        let w = store.list_workshops().unwrap().pop().unwrap();
        let photo = store.photos(&w.id).unwrap().pop().unwrap();
        assert!(photo.from_phone);
        assert_eq!((photo.width, photo.height), (400, 1200));
        let stored = dir.path().join("gespeichert.jpg");
        std::fs::write(&stored, store.photo_jpeg(&photo.id, false).unwrap()).unwrap();
        let tags = exiftool(&["-s", "-a"], &stored);
        for gone in ["GPS", "Fairphone", "Orientation"] {
            assert!(!tags.contains(gone), "{gone} stored:\n{tags}");
        }
    }
    // The backup with photos goes out as one ZIP and comes back as a
    // workshop whose gallery has the photo, standing upright.
    s.click(&s.find("[data-testid=export-zip]"));
    let backup = dir.path().join("Marktplatz mit Fotos.zip");
    choose_file("Protokoll speichern", &backup);
    wait_for("the backup written", || {
        std::fs::metadata(&backup)
            .is_ok_and(|m| m.len() > 0)
            .then_some(())
    });
    s.click(&s.find("[data-testid=back-to-list]"));
    s.click(&s.find("[data-testid=import-workshop]"));
    choose_file("Workshop-Datei öffnen", &backup);
    s.find_with_text("[data-testid=workshop-heading]", title);
    wait_for("the copy's gallery with the photo", || {
        (s.find_all("[data-testid=photo-gallery] li img").len() == 1).then_some(())
    });
    {
        let store = Store::open_to_read(&db).unwrap().unwrap();
        let copies = store.list_workshops().unwrap();
        assert_eq!(copies.len(), 2);
        for w in copies {
            let photos = store.photos(&w.id).unwrap();
            assert_eq!(photos.len(), 1);
            assert_eq!((photos[0].width, photos[0].height), (400, 1200));
        }
    }
    protocol_with_photo(s, dir.path(), "Pinnwand Themeninsel Verkehr");
}

#[test]
fn a_nearly_full_gallery_says_so_and_deleting_a_photo_makes_room() {
    let (dir, db) = fresh_store();
    let title = "Werkstatt Marktplatz";
    workshop(&db, title);
    let tiny = std::fs::read(magick(
        dir.path(),
        "klein.png",
        &["-size", "8x6", "xc:gray"],
    ))
    .unwrap();
    {
        let store = Store::open(&db).unwrap();
        let w = store.list_workshops().unwrap().pop().unwrap();
        let nearly = PHOTOS_PER_WORKSHOP_MAX * 9 / 10;
        for n in 0..nearly {
            let input = PhotoInput {
                caption: format!("Wand {n}"),
                ..PhotoInput::default()
            };
            store.add_photo(&w.id, &input, &tiny).unwrap();
        }
    }
    let app = App::start(&db);
    let s = &app.session;
    s.click(&s.find_with_text("[data-testid=workshop-list] .row-title", title));
    let alert = s.find("[data-testid=photos-filling]");
    assert!(
        s.text(&alert).contains("fast voll: 270 von 300"),
        "{}",
        s.text(&alert)
    );
    s.execute(
        "arguments[0].scrollIntoView({block: 'center'})",
        vec![Session::element_arg(&alert)],
    );
    s.screenshot(&screenshot_path("photos-nearly-full"));
    s.click(&s.find("[data-testid=photo-delete]"));
    let count = s.find("[data-testid=photos-count]");
    assert_eq!(s.text(&count), "269 von 300 Fotos in der Galerie.");
    assert!(s.find_all("[data-testid=photos-filling]").is_empty());
}
