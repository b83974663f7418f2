//! The Fotoprotokoll in the real app: the facilitator adds a photo of a
//! paper wall through the file dialog, sees it in the gallery, captions it,
//! shows it full screen on the projector, deletes it and takes it back, and
//! finds it in the protocol's PDF, upright and without the camera's tags.

mod support;

use std::path::Path;
use std::process::Command;

use support::app::App;
use support::desktop::choose_file;
use support::flows::{fresh_store, screenshot_path, ENTER};
use support::pictures::{exiftool, magick, SIDEWAYS_WITH_POSITION};
use support::webdriver::wait_for;
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

#[test]
fn a_photo_of_a_paper_wall_goes_from_a_file_to_the_gallery_the_projector_and_the_protocol() {
    let (dir, db) = fresh_store();
    let title = "Werkstatt Marktplatz";
    {
        let store = Store::open(&db).unwrap();
        store
            .create_workshop(&WorkshopInput {
                title: title.into(),
                date: "2026-12-03".into(),
                ..WorkshopInput::default()
            })
            .unwrap();
    }
    // Taken sideways (the tag turns it), with a position and a device.
    let wall = magick(
        dir.path(),
        "pinnwand.jpg",
        &[
            "-size", "600x400", "xc:red", "-size", "600x400", "xc:blue", "+append",
        ],
    );
    exiftool(SIDEWAYS_WITH_POSITION, &wall);

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
            vec![support::webdriver::Session::element_arg(&thumb)],
        );
        (size[0].as_u64().unwrap(), size[1].as_u64().unwrap())
    };
    assert!(h > w, "the thumbnail stands upright: {w} × {h}");
    let caption = s.find("[data-testid=photo-caption]");
    s.send_keys(&caption, &format!("Pinnwand Themeninsel Verkehr{ENTER}"));
    s.execute(
        "arguments[0].blur()",
        vec![support::webdriver::Session::element_arg(&caption)],
    );
    wait_for("the caption stored", || {
        let store = Store::open_to_read(&db).ok()??;
        let w = store.list_workshops().ok()?.pop()?;
        (store.photos(&w.id).ok()?.first()?.caption == "Pinnwand Themeninsel Verkehr").then_some(())
    });
    s.screenshot(&screenshot_path("photos-gallery"));

    // Full screen on the projector.
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
    assert!(s.text(&shown).contains("Pinnwand Themeninsel Verkehr"));
    s.screenshot(&screenshot_path("photos-projector"));
    s.switch_to(&main);

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

    // The protocol holds it as stored: upright, no tag of the camera.
    s.click(&s.find("[data-testid=create-protocol]"));
    let protocol = dir.path().join("Protokoll Marktplatz.pdf");
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
    let text = Command::new("pdftotext")
        .arg(&protocol)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Fotoprotokoll") && text.contains("Foto 1: Pinnwand Themeninsel Verkehr"),
        "{text}"
    );
    let out = dir.path().join("bild");
    Command::new("pdfimages")
        .arg("-all")
        .arg(&protocol)
        .arg(&out)
        .status()
        .unwrap();
    let embedded = dir.path().join("bild-000.jpg");
    let tags = exiftool(&["-s", "-a"], &embedded);
    for gone in ["GPS", "Fairphone", "Orientation"] {
        assert!(
            !tags.contains(gone),
            "{gone} left in the protocol's photo:\n{tags}"
        );
    }
    std::fs::copy(
        &protocol,
        screenshot_path("photos-protocol-e2e").with_extension("pdf"),
    )
    .unwrap();
}
