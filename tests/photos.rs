//! The Fotoprotokoll in the core: photos taken in from real files made by
//! ImageMagick and tagged by exiftool, kept upright and without a trace of
//! where or with what they were taken; every kind of bad file refused with
//! its reason and nothing stored; photos in the protocol's PDF as stored;
//! and deleted means gone, from the store's folder and its backups.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::files::{contains, files_below};
use support::fixtures;
use support::pictures::{exiftool, magick, SIDEWAYS_WITH_POSITION};
use wandzeitung::model::*;
use wandzeitung::store::{backup_dir, photo_dir};
use wandzeitung::{PhotoProblem, Store};

struct Room {
    dir: tempfile::TempDir,
    store: Store,
    workshop: Id,
}

fn room() -> Room {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("store").join("photos.sqlite3")).unwrap();
    let (w, _) = fixtures::workshop_with_board(&store, "Werkstatt Ortsmitte");
    Room {
        dir,
        store,
        workshop: w.id,
    }
}

fn refusal(result: wandzeitung::Result<Photo>) -> PhotoProblem {
    match result {
        Err(wandzeitung::Error::PhotoRefused { problem, .. }) => problem,
        other => panic!("expected a refused photo, got {other:?}"),
    }
}

fn pixel(jpeg: &[u8], x: u32, y: u32) -> [u8; 3] {
    image::load_from_memory(jpeg)
        .unwrap()
        .to_rgb8()
        .get_pixel(x, y)
        .0
}

fn is_red([r, g, b]: [u8; 3]) -> bool {
    r > 200 && g < 70 && b < 70
}

fn is_blue([r, g, b]: [u8; 3]) -> bool {
    b > 200 && r < 70 && g < 70
}

#[test]
fn a_photo_taken_sideways_with_a_position_is_kept_upright_and_without_any_metadata() {
    let r = room();
    // Red left, blue right, as the sensor saw it; the tag says: turn it a
    // quarter clockwise to see it as it was taken (red on top).
    let sent = magick(
        r.dir.path(),
        "wand.jpg",
        &[
            "-size", "200x200", "xc:red", "-size", "200x200", "xc:blue", "+append",
        ],
    );
    let tags: Vec<&str> = SIDEWAYS_WITH_POSITION
        .iter()
        .copied()
        .chain([
            "-Model=FP5",
            "-Artist=Erika Mustermann",
            "-DateTimeOriginal=2026:12:03 10:15:00",
        ])
        .collect();
    exiftool(&tags, &sent);
    let tags = exiftool(&["-s", "-GPSLatitude", "-Make"], &sent);
    assert!(
        tags.contains("GPSLatitude") && tags.contains("Fairphone"),
        "the file sent has a position and a device: {tags}"
    );

    let photo = r
        .store
        .add_photo(
            &r.workshop,
            &PhotoInput {
                caption: "Wandzeitung Mobilität".into(),
                item_id: None,
                workspace: None,
            },
            &std::fs::read(&sent).unwrap(),
        )
        .unwrap();
    assert_eq!((photo.width, photo.height), (200, 400), "stood upright");

    let stored = r.store.photo_jpeg(&photo.id, false).unwrap();
    assert!(is_red(pixel(&stored, 100, 60)), "red on top");
    assert!(is_blue(pixel(&stored, 100, 340)), "blue below");
    let kept = r.dir.path().join("kept.jpg");
    std::fs::write(&kept, &stored).unwrap();
    let tags = exiftool(&["-s", "-a", "-G1"], &kept);
    for gone in [
        "GPS",
        "Fairphone",
        "FP5",
        "Erika",
        "2026:12:03",
        "Orientation",
        "ExifIFD",
        "XMP",
        "ICC",
    ] {
        assert!(
            !tags.contains(gone),
            "{gone} must not survive in the stored photo:\n{tags}"
        );
    }
    let thumb = r.store.photo_jpeg(&photo.id, true).unwrap();
    assert!(
        is_red(pixel(&thumb, 50, 20)),
        "the thumbnail is upright too"
    );
    assert_eq!(r.store.photos(&r.workshop).unwrap(), [photo]);
}

#[test]
fn every_bad_file_is_refused_with_its_reason_and_nothing_is_stored() {
    let r = room();
    let d = r.dir.path();
    let add = |bytes: &[u8]| {
        r.store
            .add_photo(&r.workshop, &PhotoInput::default(), bytes)
    };

    // Not an image, whatever its name says.
    let text = d.join("einkauf.jpg");
    std::fs::write(&text, "Brot, Milch, Eier").unwrap();
    assert_eq!(
        refusal(add(&std::fs::read(&text).unwrap())),
        PhotoProblem::NotImage
    );
    // SVG is never rendered.
    let svg =
        br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#;
    assert_eq!(refusal(add(svg)), PhotoProblem::Svg);
    // HEIC from an iPhone's folder: refused with the way to a JPEG.
    let mut heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    heic.resize(4096, 0);
    assert_eq!(refusal(add(&heic)), PhotoProblem::Heic);
    // A JPEG cut off in the middle.
    let whole = std::fs::read(magick(
        d,
        "ganz.jpg",
        &["-size", "640x480", "plasma:", "-quality", "90"],
    ))
    .unwrap();
    assert_eq!(
        refusal(add(&whole[..whole.len() / 2])),
        PhotoProblem::Damaged
    );
    // Over the size limit: refused before it is read whole.
    let big = d.join("riesig.jpg");
    let mut f = std::fs::File::create(&big).unwrap();
    use std::io::Write;
    f.write_all(&whole).unwrap();
    f.set_len(PHOTO_FILE_MAX as u64 + 1).unwrap();
    let err = wandzeitung::photos::read_file(&big).unwrap_err();
    assert_eq!(err.code(), "photo_refused");
    assert_eq!(err.params()["reason"], "photo_problem.too_large");
    assert_eq!(err.params()["max_mb"], "30", "the message names the limit");
    // A decompression bomb: a small PNG that declares 50,000 × 50,000 pixels.
    let bomb = png_declaring(50_000, 50_000);
    assert!(bomb.len() < 200);
    assert_eq!(refusal(add(&bomb)), PhotoProblem::TooManyPixels);

    assert!(r.store.photos(&r.workshop).unwrap().is_empty());
    let leftovers = std::fs::read_dir(photo_dir(r.store.path()))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(
        leftovers, 0,
        "no file of a refused photo in the photo folder"
    );
}

/// A PNG with a valid header chunk for `w` × `h` and a few bytes of data.
fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend(kind);
        out.extend(data);
        out.extend(crc.sum().to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn odd_but_real_pictures_come_in_with_their_colours_right() {
    let r = room();
    let d = r.dir.path();
    let add = |path: PathBuf| {
        r.store
            .add_photo(
                &r.workshop,
                &PhotoInput::default(),
                &std::fs::read(path).unwrap(),
            )
            .unwrap()
    };
    // A CMYK JPEG from a print shop's scanner: red stays red.
    let cmyk = add(magick(
        d,
        "cmyk.jpg",
        &["-size", "120x80", "xc:red", "-colorspace", "CMYK"],
    ));
    assert!(is_red(pixel(
        &r.store.photo_jpeg(&cmyk.id, false).unwrap(),
        60,
        40
    )));
    // A 16-bit PNG with alpha: half-transparent blue on the protocol's white.
    let deep = add(magick(
        d,
        "tief.png",
        &[
            "-size",
            "120x80",
            "xc:rgba(0,0,255,0.5)",
            "-depth",
            "16",
            "-define",
            "png:format=png64",
        ],
    ));
    let [red, green, blue] = pixel(&r.store.photo_jpeg(&deep.id, false).unwrap(), 60, 40);
    assert!(
        blue > 240 && (110..150).contains(&red) && (110..150).contains(&green),
        "{red} {green} {blue}"
    );
    // An animated GIF: its first frame.
    let gif = add(magick(
        d,
        "blinken.gif",
        &[
            "-delay", "20", "-size", "90x60", "xc:red", "xc:blue", "-loop", "0",
        ],
    ));
    assert!(is_red(pixel(
        &r.store.photo_jpeg(&gif.id, false).unwrap(),
        45,
        30
    )));
    // WebP.
    let webp = add(magick(d, "bild.webp", &["-size", "90x60", "xc:blue"]));
    assert!(is_blue(pixel(
        &r.store.photo_jpeg(&webp.id, false).unwrap(),
        45,
        30
    )));
    assert_eq!(r.store.photos(&r.workshop).unwrap().len(), 4);
}

#[test]
fn a_workshop_takes_photos_up_to_its_limit_and_the_next_is_refused_whole() {
    let r = room();
    let tiny = std::fs::read(magick(
        r.dir.path(),
        "klein.png",
        &["-size", "8x8", "xc:green"],
    ))
    .unwrap();
    for _ in 0..PHOTOS_PER_WORKSHOP_MAX {
        r.store
            .add_photo(&r.workshop, &PhotoInput::default(), &tiny)
            .unwrap();
    }
    let err = r
        .store
        .add_photo(&r.workshop, &PhotoInput::default(), &tiny)
        .unwrap_err();
    assert_eq!(err.code(), "full");
    assert_eq!(err.params()["what"], "limit.photos_per_workshop");
    assert_eq!(
        r.store.photos(&r.workshop).unwrap().len() as u32,
        PHOTOS_PER_WORKSHOP_MAX
    );
}

/// `wz` with the store at `db`.
fn wz(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wz"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

/// `wz attach` of one file: whether it was taken, and the process's peak
/// memory in MB where GNU time measures it (Linux).
fn attach_peak(db: &Path, workshop: &str, file: &Path) -> (bool, Option<u64>) {
    if !cfg!(unix) {
        let out = wz(db, &["attach", workshop, file.to_str().unwrap()]);
        return (out.status.success(), None);
    }
    let out = Command::new("/usr/bin/time")
        .args(["-f", "maxrss_kib=%M", env!("CARGO_BIN_EXE_wz"), "--db"])
        .arg(db)
        .args(["attach", workshop])
        .arg(file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let kib: u64 = stderr
        .split("maxrss_kib=")
        .nth(1)
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| panic!("the memory used: {stderr}"));
    (out.status.success(), Some(kib / 1024))
}

/// A small file can ask for a big decode: 16-bit pixels take twice the
/// bytes of a phone's, and alpha more. The decode is bounded by its bytes
/// (told from the header), not only by its pixel count, and a photo a phone
/// makes still comes in.
#[test]
fn a_small_file_of_deep_pixels_is_refused_from_its_header_and_a_phone_photo_fits() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("deep.sqlite3");
    let workshop = {
        let store = Store::open(&db).unwrap();
        fixtures::workshop_with_board(&store, "Werkstatt").0.id
    };
    // 7,745 × 7,745 16-bit pixels (60 million) in under a megabyte.
    let deep = magick(
        dir.path(),
        "tief.png",
        &["-size", "7745x7745", "-depth", "16", "gradient:white-gray"],
    );
    assert!(std::fs::metadata(&deep).unwrap().len() < 2_000_000);
    let (taken, peak) = attach_peak(&db, &workshop, &deep);
    assert!(!taken, "60 million 16-bit pixels are refused");
    if let Some(mb) = peak {
        assert!(
            mb < 100,
            "refused from the header, nothing decoded: {mb} MB"
        );
    }
    // Within the bytes: 16-bit 25 megapixels (150 MB decoded), and a phone's
    // 12-megapixel JPEG; each decode holds its pixels and one 8-bit copy.
    let within = magick(
        dir.path(),
        "tief-klein.png",
        &["-size", "5000x5000", "-depth", "16", "gradient:white-gray"],
    );
    let phone = magick(
        dir.path(),
        "handy.jpg",
        &["-size", "4000x3000", "plasma:", "-quality", "90"],
    );
    for (file, bound_mb) in [(&within, 320), (&phone, 150)] {
        let (taken, peak) = attach_peak(&db, &workshop, file);
        assert!(taken, "{} is taken in", file.display());
        if let Some(mb) = peak {
            assert!(mb < bound_mb, "{}: {mb} MB at its peak", file.display());
            eprintln!("{}: peak {mb} MB", file.display());
        }
    }
}

#[test]
fn wz_attach_takes_a_twelve_megapixel_photo_and_names_a_refused_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("wz.sqlite3");
    let workshop = {
        let store = Store::open(&db).unwrap();
        fixtures::workshop_with_board(&store, "Zukunftswerkstatt")
            .0
            .id
    };
    let photo = magick(
        dir.path(),
        "wand.jpg",
        &["-size", "4000x3000", "gradient:red-blue", "-quality", "92"],
    );
    let text = dir.path().join("notiz.jpg");
    std::fs::write(&text, "keine Fotodatei").unwrap();

    let out = wz(
        &db,
        &[
            "attach",
            &workshop,
            photo.to_str().unwrap(),
            "--caption",
            "Pinnwand, Tisch 3",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let printed = String::from_utf8(out.stdout).unwrap();
    let id = printed.split('\t').next().unwrap().to_owned();
    assert!(printed.trim_end().ends_with("wand.jpg"), "{printed}");

    let out = wz(&db, &["attach", &workshop, text.to_str().unwrap()]);
    assert!(!out.status.success());
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.contains("notiz.jpg") && said.contains("not an image"),
        "{said}"
    );

    let store = Store::open(&db).unwrap();
    let photos = store.photos(&workshop).unwrap();
    assert_eq!(photos.len(), 1, "the refused file added nothing");
    assert_eq!(photos[0].id, id);
    assert_eq!(photos[0].caption, "Pinnwand, Tisch 3");
    assert_eq!(
        (photos[0].width, photos[0].height),
        (PHOTO_LONG_EDGE, PHOTO_LONG_EDGE * 3 / 4),
        "scaled to what a protocol and a projector need"
    );
    let thumb = image::load_from_memory(&store.photo_jpeg(&id, true).unwrap()).unwrap();
    assert_eq!(
        (thumb.width(), thumb.height()),
        (PHOTO_THUMB_EDGE, PHOTO_THUMB_EDGE * 3 / 4)
    );
}

#[test]
fn the_protocol_shows_each_photo_under_its_item_or_in_the_fotoprotokoll_as_stored() {
    let r = room();
    let d = r.dir.path();
    let item = r
        .store
        .add_agenda_item(
            &r.workshop,
            &AgendaItemInput {
                start_time: "10:00".into(),
                duration_minutes: 60,
                title: "Themeninseln".into(),
                who: String::new(),
                activity: Activity::Listen,
            },
        )
        .unwrap()
        .id;
    r.store.start_agenda_item(&item).unwrap();
    let wall = r
        .store
        .add_photo(
            &r.workshop,
            &PhotoInput {
                caption: "Pinnwand der Themeninsel Jugend".into(),
                item_id: Some(item.clone()),
                workspace: None,
            },
            &std::fs::read(magick(d, "insel.jpg", &["-size", "1600x1200", "plasma:"])).unwrap(),
        )
        .unwrap();
    r.store
        .add_photo(
            &r.workshop,
            &PhotoInput {
                caption: "Flipchart Abschlussrunde".into(),
                item_id: None,
                workspace: None,
            },
            &std::fs::read(magick(
                d,
                "flip.png",
                &["-size", "900x1200", "gradient:white-orange"],
            ))
            .unwrap(),
        )
        .unwrap();

    let doc = r.store.export_workshop(&r.workshop).unwrap();
    let pdf = wandzeitung::protocol::pdf::render_with(
        &doc,
        &wandzeitung::protocol::Pictures::of_store(r.store.path()),
        chrono::Utc::now(),
    )
    .unwrap();
    let file = d.join("protokoll.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let look = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens");
    std::fs::create_dir_all(&look).unwrap();
    std::fs::copy(&file, look.join("photos-protocol.pdf")).unwrap();
    let list = support::host::tool("pdfimages")
        .arg("-list")
        .file(&file)
        .output()
        .unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    let rows: Vec<Vec<&str>> = list
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 2, "{list}");
    for row in &rows {
        assert_eq!((row[2], row[5], row[8]), ("image", "rgb", "jpeg"), "{list}");
    }
    assert_eq!((rows[0][3], rows[0][4]), ("1600", "1200"));
    // Embedded as stored: the PDF holds the stored JPEG's bytes.
    let stored = r.store.photo_jpeg(&wall.id, false).unwrap();
    assert!(contains(
        &pdf,
        &stored[stored.len() / 2..stored.len() / 2 + 64]
    ));

    let text = support::host::tool("pdftotext")
        .args(["-layout"])
        .file(&file)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let at = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s:?} not in:\n{text}"))
    };
    assert!(at("Themeninseln") < at("Foto 1: Pinnwand der Themeninsel Jugend"));
    assert!(at("Foto 1: Pinnwand der Themeninsel Jugend") < at("Fotoprotokoll"));
    // Numbered through the whole protocol: "Foto 2" names one photo.
    assert!(at("Fotoprotokoll") < at("Foto 2: Flipchart Abschlussrunde"));
    assert_eq!(text.matches("Foto 1").count(), 1, "one Foto 1:\n{text}");
    let md = wandzeitung::protocol::markdown::render(&doc);
    assert!(
        md.contains("## Fotoprotokoll\n\n- Foto 2: Flipchart Abschlussrunde"),
        "{md}"
    );
    assert_eq!(md.matches("Foto 1").count(), 1, "{md}");

    // From the file alone, without the photo folder: the places and captions stay.
    let alone = wandzeitung::protocol::pdf::render(&doc, chrono::Utc::now()).unwrap();
    std::fs::write(&file, &alone).unwrap();
    let text = support::host::tool("pdftotext")
        .file(&file)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert_eq!(text.matches("Bild nicht vorhanden").count(), 2, "{text}");
}

#[test]
fn a_deleted_photo_comes_back_by_undo_and_is_gone_for_good_at_the_next_start() {
    let r = room();
    let path = r.store.path().to_path_buf();
    let bytes = std::fs::read(magick(
        r.dir.path(),
        "a.jpg",
        &["-size", "300x200", "plasma:"],
    ))
    .unwrap();
    let photo = r
        .store
        .add_photo(&r.workshop, &PhotoInput::default(), &bytes)
        .unwrap();
    r.store.delete_photo(&photo.id).unwrap();
    assert!(r.store.photos(&r.workshop).unwrap().is_empty());
    assert_eq!(
        r.store.photo_jpeg(&photo.id, false).unwrap_err().code(),
        "not_found"
    );
    r.store.restore_photo(&photo.id).unwrap();
    assert_eq!(
        r.store.photos(&r.workshop).unwrap(),
        std::slice::from_ref(&photo)
    );

    r.store.delete_photo(&photo.id).unwrap();
    let workshop = r.workshop.clone();
    drop(r.store);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.restore_photo(&photo.id).unwrap_err().code(),
        "not_found"
    );
    assert!(store.photos(&workshop).unwrap().is_empty());
    let left = std::fs::read_dir(photo_dir(&path)).unwrap().count();
    assert_eq!(left, 0, "no backup names it: its files are gone");
}

#[test]
fn backups_share_the_photo_files_and_deleting_the_workshop_leaves_no_trace_of_a_photo() {
    let r = room();
    let marker = "MARKER-Fotoprotokoll-7f3a";
    let backups = backup_dir(r.store.path());
    let before = r.store.backup_into(&backups).unwrap().bytes;
    let bytes = std::fs::read(magick(
        r.dir.path(),
        "a.jpg",
        &["-size", "800x600", "plasma:"],
    ))
    .unwrap();
    let photo = r
        .store
        .add_photo(
            &r.workshop,
            &PhotoInput {
                caption: marker.into(),
                item_id: None,
                workspace: None,
            },
            &bytes,
        )
        .unwrap();
    let stored = r.store.photo_jpeg(&photo.id, false).unwrap();
    let after = r.store.backup_into(&backups).unwrap().bytes;
    assert!(
        after - before < stored.len() as u64 / 10,
        "a backup grows by the photo's row ({} bytes), not by its {} bytes",
        after - before,
        stored.len()
    );
    // A restored backup finds its photo in place.
    r.store.delete_photo(&photo.id).unwrap();
    let newest = wandzeitung::store::list_backups(&backups)
        .unwrap()
        .remove(0);
    r.store.restore_from(&newest.path).unwrap();
    assert_eq!(r.store.photo_jpeg(&photo.id, false).unwrap(), stored);

    r.store.delete_workshop(&r.workshop).unwrap();
    let sample = &stored[stored.len() / 2..stored.len() / 2 + 64];
    let root = r.store.path().parent().unwrap();
    for (file, content) in files_below(root) {
        assert!(
            !contains(&content, marker.as_bytes()),
            "caption left in {}",
            file.display()
        );
        assert!(
            !contains(&content, sample),
            "photo bytes left in {}",
            file.display()
        );
    }
}

/// A phone on the room's network sending photos to the app's own server:
/// only while the facilitator allows it, each photo once however often it
/// is sent again, every bad one refused with its reason, within the
/// phone's bound; the laptop hears of each.
#[test]
fn a_phone_sends_photos_only_while_allowed_once_each_and_within_its_bound() {
    use std::net::Ipv4Addr;
    use std::sync::{Arc, Mutex};
    use support::http::{Client, Reply};
    use wandzeitung::join::{JoinConfig, JoinServer};
    use wandzeitung::model::{Source, Subject};

    let r = room();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let served = Arc::new(Store::open(r.store.path()).unwrap());
    let heard = Arc::new(Mutex::new(Vec::new()));
    let h = heard.clone();
    let _heard = served.subscribe(move |p| h.lock().unwrap().extend(p.changes.clone()));
    let server = runtime
        .block_on(JoinServer::start(
            served,
            JoinConfig {
                workshop_id: r.workshop.clone(),
                board_id: None,
                named: false,
                cap: 50,
            },
            ([127, 0, 0, 1], 0).into(),
            |_| {},
        ))
        .unwrap();
    let base = format!("http://{}", server.addr());
    let join = |http: &mut Client| {
        let body = serde_json::json!({"secret": server.secret()}).to_string();
        let r = http
            .send(
                "POST",
                "/api/join",
                &[("Content-Type", "application/json")],
                Some(&body),
            )
            .unwrap();
        format!("Bearer {}", r.json()["token"].as_str().unwrap())
    };
    let mut http = Client::new(Ipv4Addr::LOCALHOST, &base);
    let auth = join(&mut http);
    let send = |http: &mut Client, auth: &str, rid: &str, caption: &str, body: &[u8]| -> Reply {
        http.send_bytes(
            "POST",
            &format!("/api/photos?request_id={rid}"),
            &[
                ("Authorization", auth),
                ("X-Caption", caption),
                ("Content-Type", "application/octet-stream"),
            ],
            body,
        )
        .unwrap()
    };
    let day = |http: &mut Client| {
        http.send("GET", "/api/day", &[("Authorization", &auth)], None)
            .unwrap()
            .json()
    };
    let stored = || r.store.photos(&r.workshop).unwrap();

    let file = magick(
        r.dir.path(),
        "wand.jpg",
        &[
            "-size", "200x200", "xc:red", "-size", "200x200", "xc:blue", "+append",
        ],
    );
    exiftool(SIDEWAYS_WITH_POSITION, &file);
    let photo = std::fs::read(&file).unwrap();
    let caption = "Wand 2: Café & Ideen ☕";
    let encoded =
        percent_encoding::utf8_percent_encode(caption, percent_encoding::NON_ALPHANUMERIC)
            .to_string();

    assert_eq!(day(&mut http)["photos_open"], false, "off by default");
    let closed = send(&mut http, &auth, "photo-0001", &encoded, &photo);
    assert_eq!(closed.status, 403, "{}", closed.body);
    assert_eq!(closed.json()["code"], "photos_closed");
    assert!(stored().is_empty());

    server.set_photos(true).unwrap();
    assert!(server.invitation().photos_open);
    assert_eq!(day(&mut http)["photos_open"], true, "the phone shows it");
    let first = send(&mut http, &auth, "photo-0002", &encoded, &photo);
    assert_eq!(first.status, 200, "{}", first.body);
    let again = send(&mut http, &auth, "photo-0002", &encoded, &photo);
    assert_eq!(
        again.json()["id"],
        first.json()["id"],
        "a retry is answered again"
    );
    let photos = stored();
    assert_eq!(photos.len(), 1, "and not stored twice");
    assert_eq!(photos[0].caption, caption);
    assert!(photos[0].from_phone);
    assert!(
        photos[0].height > photos[0].width,
        "stood upright by its orientation tag: {}×{}",
        photos[0].width,
        photos[0].height
    );
    let jpeg = r.store.photo_jpeg(&photos[0].id, false).unwrap();
    assert!(
        !contains(&jpeg, b"Exif") && !contains(&jpeg, b"Fairphone"),
        "no metadata of the phone's file is kept"
    );
    assert!(
        heard.lock().unwrap().iter().any(|c| matches!(
            (&c.source, &c.subject),
            (Source::Phone { .. }, Subject::Photo { photo: p }) if p.id == photos[0].id && p.caption == caption
        )),
        "the laptop hears of the photo, from a phone"
    );

    // Bad input: each refused with its reason, nothing stored.
    let text = send(&mut http, &auth, "photo-0003", "", "Liebe Grüße".as_bytes());
    assert_eq!(text.status, 400, "{}", text.body);
    assert_eq!(text.json()["params"]["reason"], "photo_problem.not_image");
    let bad_caption = send(&mut http, &auth, "photo-0004", "%FF%FE", &photo);
    assert_eq!(
        bad_caption.json()["code"],
        "malformed",
        "{}",
        bad_caption.body
    );
    // Refused from its announced length, before a byte of it is read.
    let huge = http
        .send_bytes(
            "POST",
            "/api/photos?request_id=photo-0005",
            &[("Authorization", &auth), ("Content-Length", "40000000")],
            b"",
        )
        .unwrap();
    assert_eq!(huge.status, 413, "{}", huge.body);
    assert_eq!(huge.json()["params"]["reason"], "photo_problem.too_large");
    assert_eq!(huge.json()["params"]["max_mb"], "30");
    assert_eq!(stored().len(), 1);

    // The phone's bound: its photos up to the limit, then no more; another
    // phone still sends.
    let small = std::fs::read(magick(
        r.dir.path(),
        "small.png",
        &["-size", "40x30", "xc:green"],
    ))
    .unwrap();
    for n in 1..PHOTOS_PER_PARTICIPANT_MAX {
        let ok = send(&mut http, &auth, &format!("photo-1{n:03}"), "", &small);
        assert_eq!(ok.status, 200, "photo {n}: {}", ok.body);
    }
    let over = send(&mut http, &auth, "photo-2000", "", &small);
    assert_eq!(over.json()["code"], "full", "{}", over.body);
    assert_eq!(
        over.json()["params"]["what"],
        "limit.photos_per_participant"
    );
    let mut other = Client::new(Ipv4Addr::LOCALHOST, &base);
    let other_auth = join(&mut other);
    let script = "Стена у входа – جدار المدخل 🧱";
    let encoded_script =
        percent_encoding::utf8_percent_encode(script, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
    let sent = send(
        &mut other,
        &other_auth,
        "photo-3000",
        &encoded_script,
        &small,
    );
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(
        sent.json()["caption"],
        script,
        "Cyrillic, Arabic and emoji arrive whole"
    );
    assert_eq!(stored().len() as u32, PHOTOS_PER_PARTICIPANT_MAX + 1);

    server.set_photos(false).unwrap();
    let late = send(&mut other, &other_auth, "photo-3001", "", &small);
    assert_eq!(late.json()["code"], "photos_closed");
    runtime.block_on(server.stop());
}

/// The workshop file with its photos: `wz export --format zip` writes the
/// JSON and the stored JPEGs; `wz import` takes it in as a new workshop with
/// every photo in its place. Today's JSON file still imports (without the
/// pixels, which it never carried), and a ZIP with a bad photo in it is
/// refused whole.
#[test]
fn a_workshop_file_with_photos_goes_out_as_a_zip_and_comes_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zip.sqlite3");
    let (workshop, item) = {
        let store = Store::open(&db).unwrap();
        let (w, _) = fixtures::workshop_with_board(&store, "Werkstatt Ortsmitte");
        let item = store
            .add_agenda_item(
                &w.id,
                &AgendaItemInput {
                    start_time: "10:00".into(),
                    duration_minutes: 60,
                    title: "Gruppenarbeit an den Pinnwänden".into(),
                    who: String::new(),
                    activity: Activity::default(),
                },
            )
            .unwrap();
        (w.id, item.id)
    };
    let wall = magick(dir.path(), "wand.jpg", &["-size", "900x600", "plasma:"]);
    let chart = magick(
        dir.path(),
        "flipchart.png",
        &["-size", "300x400", "xc:orange"],
    );
    {
        let store = Store::open(&db).unwrap();
        for (file, caption, item_id) in [
            (
                &wall,
                "Pinnwand Süd – Ideen / Стена / جدار 🧱",
                Some(item.clone()),
            ),
            (&chart, "Flipchart „Nächste Schritte“", None),
        ] {
            store
                .add_photo(
                    &workshop,
                    &PhotoInput {
                        caption: caption.into(),
                        item_id,
                        workspace: None,
                    },
                    &std::fs::read(file).unwrap(),
                )
                .unwrap();
        }
    }
    let zip = dir.path().join("werkstatt.zip");
    let out = wz(
        &db,
        &[
            "export",
            &workshop,
            "--format",
            "zip",
            "--out",
            zip.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let entries: Vec<String> = {
        let archive = ::zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
        archive
            .file_names()
            .map(|n| n.unwrap().into_owned())
            .collect()
    };
    assert_eq!(entries.len(), 3, "{entries:?}");
    assert!(entries.contains(&"workshop.json".to_owned()));

    let imported = wz(&db, &["import", zip.to_str().unwrap()]);
    assert!(imported.status.success(), "{imported:?}");
    let copy = String::from_utf8(imported.stdout)
        .unwrap()
        .trim()
        .to_owned();
    let store = Store::open(&db).unwrap();
    let photos = store.photos(&copy).unwrap();
    let captions: Vec<&str> = photos.iter().map(|p| p.caption.as_str()).collect();
    assert_eq!(
        captions,
        [
            "Pinnwand Süd – Ideen / Стена / جدار 🧱",
            "Flipchart „Nächste Schritte“"
        ]
    );
    let agenda = store.workshop_detail(&copy).unwrap().agenda;
    assert_eq!(
        photos[0].item_id.as_ref(),
        Some(&agenda[0].id),
        "the photo stays under its item, the copy's own"
    );
    assert_eq!(photos[1].item_id, None);
    for p in &photos {
        let jpeg = store.photo_jpeg(&p.id, false).unwrap();
        let decoded = image::load_from_memory(&jpeg).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (p.width, p.height));
    }
    drop(store);

    // Today's JSON file: the same workshop without pixels, still taken in.
    let json = dir.path().join("werkstatt.json");
    assert!(wz(
        &db,
        &[
            "export",
            &workshop,
            "--format",
            "json",
            "--out",
            json.to_str().unwrap()
        ]
    )
    .status
    .success());
    let from_json = wz(&db, &["import", json.to_str().unwrap()]);
    assert!(from_json.status.success(), "{from_json:?}");

    // A ZIP whose photo is a text: refused whole, nothing stored.
    let bad = dir.path().join("kaputt.zip");
    {
        use std::io::Write;
        let doc = Store::open(&db)
            .unwrap()
            .export_workshop(&workshop)
            .unwrap();
        let mut w = ::zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
        let opts = ::zip::write::SimpleFileOptions::default();
        w.start_file("workshop.json", opts).unwrap();
        w.write_all(doc.to_json().unwrap().as_bytes()).unwrap();
        w.start_file(format!("photos/{}.jpg", doc.photos[0].sha256), opts)
            .unwrap();
        w.write_all(b"keine Fotodatei").unwrap();
        w.finish().unwrap();
    }
    let before = Store::open(&db).unwrap().list_workshops().unwrap().len();
    let refused = wz(&db, &["import", bad.to_str().unwrap()]);
    assert!(!refused.status.success());
    let said = String::from_utf8(refused.stderr).unwrap();
    assert!(said.contains("not an image"), "{said}");
    assert_eq!(
        Store::open(&db).unwrap().list_workshops().unwrap().len(),
        before,
        "a refused file leaves no workshop behind"
    );

    // On another laptop: the first picture is fine, the second is not, so
    // the file is refused after the first was taken in. Nothing of it stays,
    // its picture neither (not only until the next start).
    let half = dir.path().join("halb-kaputt.zip");
    {
        use std::io::{Read, Write};
        let mut archive = ::zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
        let doc = Store::open(&db)
            .unwrap()
            .export_workshop(&workshop)
            .unwrap();
        let mut w = ::zip::ZipWriter::new(std::fs::File::create(&half).unwrap());
        let opts = ::zip::write::SimpleFileOptions::default();
        w.start_file("workshop.json", opts).unwrap();
        w.write_all(doc.to_json().unwrap().as_bytes()).unwrap();
        let first = format!("photos/{}.jpg", doc.photos[0].sha256);
        let mut good = Vec::new();
        archive
            .by_name(&first)
            .unwrap()
            .read_to_end(&mut good)
            .unwrap();
        w.start_file(first, opts).unwrap();
        w.write_all(&good).unwrap();
        w.start_file(format!("photos/{}.jpg", doc.photos[1].sha256), opts)
            .unwrap();
        w.write_all(b"keine Fotodatei").unwrap();
        w.finish().unwrap();
    }
    let other = dir.path().join("laptop2").join("other.sqlite3");
    drop(Store::open(&other).unwrap());
    let refused = wz(&other, &["import", half.to_str().unwrap()]);
    assert!(!refused.status.success(), "{refused:?}");
    let left: Vec<_> = std::fs::read_dir(wandzeitung::store::photo_dir(&other))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        left.is_empty(),
        "the refused file's pictures stay behind: {left:?}"
    );
    assert!(Store::open(&other)
        .unwrap()
        .list_workshops()
        .unwrap()
        .is_empty());
}

#[test]
fn photos_move_in_the_gallery_and_the_protocol_follows_its_order() {
    let r = room();
    let add = |caption: &str, shade: &str| {
        let file = magick(
            r.dir.path(),
            &format!("{caption}.png"),
            &["-size", "60x40", &format!("xc:{shade}")],
        );
        r.store
            .add_photo(
                &r.workshop,
                &PhotoInput {
                    caption: caption.into(),
                    item_id: None,
                    workspace: None,
                },
                &std::fs::read(file).unwrap(),
            )
            .unwrap()
    };
    let (a, _b, c) = (
        add("Erste Wand", "red"),
        add("Zweite Wand", "green"),
        add("Dritte Wand", "blue"),
    );
    let order =
        |photos: Vec<Photo>| -> Vec<String> { photos.into_iter().map(|p| p.caption).collect() };
    assert_eq!(
        order(r.store.move_photo(&c.id, 0).unwrap()),
        ["Dritte Wand", "Erste Wand", "Zweite Wand"]
    );
    assert_eq!(
        order(r.store.move_photo(&a.id, 99).unwrap()),
        ["Dritte Wand", "Zweite Wand", "Erste Wand"],
        "past the end is the end"
    );
    let md =
        wandzeitung::protocol::markdown::render(&r.store.export_workshop(&r.workshop).unwrap());
    let at = |caption: &str| {
        md.find(caption)
            .unwrap_or_else(|| panic!("{caption} in\n{md}"))
    };
    assert!(
        at("Dritte Wand") < at("Zweite Wand") && at("Zweite Wand") < at("Erste Wand"),
        "{md}"
    );
}

/// A photo of the paper wall beside a board stands under that board in the
/// protocol, keeps its place through a workshop file with photos, and can
/// name no other workshop's board.
#[test]
fn a_photo_of_a_boards_wall_stands_under_that_board_and_keeps_its_place_in_a_copy() {
    let r = room();
    let board = r.store.workshop_detail(&r.workshop).unwrap().boards[0].clone();
    let on_board = |caption: &str, file: &Path| {
        r.store.add_photo(
            &r.workshop,
            &PhotoInput {
                caption: caption.into(),
                item_id: None,
                workspace: Some(Workspace::Board.at(&board.id)),
            },
            &std::fs::read(file).unwrap(),
        )
    };
    let wall = magick(r.dir.path(), "wand.png", &["-size", "90x60", "xc:teal"]);
    let photo = on_board("Papierwand neben der Wandzeitung", &wall).unwrap();
    assert_eq!(photo.workspace, Some(Workspace::Board.at(&board.id)));
    r.store
        .add_photo(
            &r.workshop,
            &PhotoInput {
                caption: "Gruppenbild".into(),
                ..Default::default()
            },
            &std::fs::read(&wall).unwrap(),
        )
        .unwrap();

    let md =
        wandzeitung::protocol::markdown::render(&r.store.export_workshop(&r.workshop).unwrap());
    let at = |text: &str| md.find(text).unwrap_or_else(|| panic!("{text} in\n{md}"));
    assert!(
        at(&board.title) < at("Papierwand neben der Wandzeitung")
            && at("Papierwand neben der Wandzeitung") < at("Fotoprotokoll")
            && at("Fotoprotokoll") < at("Gruppenbild"),
        "under its board, the other one at the end:\n{md}"
    );

    // Through a workshop file with photos: the copy's photo names the copy's board.
    let zip = r.dir.path().join("kopie.zip");
    let doc = r.store.export_workshop(&r.workshop).unwrap();
    std::fs::write(
        &zip,
        wandzeitung::protocol::export::render_with(
            &doc,
            wandzeitung::protocol::export::ExportFormat::Zip,
            chrono::Utc::now(),
            &wandzeitung::protocol::Pictures::of_store(r.store.path()),
        )
        .unwrap(),
    )
    .unwrap();
    let copy = wandzeitung::protocol::WorkshopFile::read(&zip)
        .unwrap()
        .import_into(&r.store, &mut |_| {})
        .unwrap();
    let copied_board = r.store.workshop_detail(&copy).unwrap().boards[0].id.clone();
    let copied = r.store.photos(&copy).unwrap();
    assert_eq!(
        copied[0].workspace,
        Some(Workspace::Board.at(&copied_board))
    );
    assert_eq!(copied[1].workspace, None);

    // Another workshop's board is not a place for this workshop's photo.
    let result = r.store.update_photo(
        &photo.id,
        &PhotoInput {
            caption: String::new(),
            item_id: None,
            workspace: Some(Workspace::Board.at(&copied_board)),
        },
    );
    assert!(
        matches!(result, Err(wandzeitung::Error::NotFound { .. })),
        "{result:?}"
    );
}
