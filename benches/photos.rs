//! The Fotoprotokoll's costs on this machine: a 12-megapixel phone JPEG
//! from arrival to stored with its thumbnail, a protocol with 30 such
//! photos, and a backup of a store holding about 100 MB of photos.
//! The test photos are made here: noise, so the JPEG is as large as a
//! real photo's (a flat colour would compress to nothing).

use std::time::Instant;

use image::{Rgb, RgbImage};
use wandzeitung::model::*;
use wandzeitung::protocol::{pdf, Pictures};
use wandzeitung::Store;

/// A 4000 × 3000 JPEG with the detail of a real photo, `seed` making each
/// one different (the store keeps identical pictures once).
fn phone_photo(seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    let picture = RgbImage::from_fn(4000, 3000, |x, y| {
        let n = (next() & 0x3f) as u8;
        Rgb([
            (x / 16) as u8 ^ n,
            (y / 12) as u8 ^ n,
            ((x + y) / 28) as u8 ^ n,
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&picture)
        .unwrap();
    out
}

/// The same photos as a phone sends them: over HTTP to the participant
/// server on loopback, from the first byte sent to the answer that it is
/// stored (the bytes' way in, the checks, decoding, the store).
fn phone_uploads(store: &Store, workshop: &str, photos: &[Vec<u8>]) {
    use wandzeitung::join::{JoinConfig, JoinServer};
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime
        .block_on(JoinServer::start(
            std::sync::Arc::new(Store::open(store.path()).unwrap()),
            JoinConfig {
                workshop_id: workshop.to_owned(),
                board_id: None,
                named: false,
                cap: 10,
            },
            ([127, 0, 0, 1], 0).into(),
            |_| {},
        ))
        .unwrap();
    server.set_photos(true).unwrap();
    let base = format!("http://{}", server.addr());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let joined: serde_json::Value = agent
        .post(format!("{base}/api/join"))
        .send_json(serde_json::json!({"secret": server.secret()}))
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap();
    let auth = format!("Bearer {}", joined["token"].as_str().unwrap());
    let mut times = Vec::new();
    for (i, bytes) in photos.iter().enumerate() {
        let t = Instant::now();
        let resp = agent
            .post(format!("{base}/api/photos?request_id=bench-photo-{i:04}"))
            .header("Authorization", &auth)
            .header("X-Caption", format!("Handyfoto%20{i}"))
            .send(bytes.as_slice())
            .unwrap();
        times.push(t.elapsed().as_secs_f64() * 1e3);
        assert_eq!(resp.status(), 200);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "12-megapixel JPEG from a phone, sent over HTTP to stored: p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms (n={})",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times.last().unwrap(),
        times.len()
    );
    runtime.block_on(server.stop());
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("photos.sqlite3")).unwrap();
    let w = store
        .create_workshop(&WorkshopInput {
            title: "Fotoprotokoll".into(),
            date: "2026-12-04".into(),
            ..Default::default()
        })
        .unwrap();

    let photos: Vec<Vec<u8>> = (0..30).map(phone_photo).collect();
    let mb = photos.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    println!("30 test photos of 4000 × 3000, {mb:.1} MB as sent");
    let mut times = Vec::new();
    for (i, bytes) in photos.iter().enumerate() {
        let input = PhotoInput {
            caption: format!("Wand {i}"),
            item_id: None,
            workspace: None,
        };
        let t = Instant::now();
        store.add_photo(&w.id, &input, bytes).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "12-megapixel JPEG, arrival to stored with its thumbnail: p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms (n={})",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times.last().unwrap(),
        times.len()
    );

    let doc = store.export_workshop(&w.id).unwrap();
    let stored: u64 = store
        .photos(&w.id)
        .unwrap()
        .iter()
        .map(|p| u64::from(p.bytes))
        .sum();
    let t = Instant::now();
    let bytes =
        pdf::render_with(&doc, &Pictures::of_store(store.path()), chrono::Utc::now()).unwrap();
    println!(
        "protocol with 30 photos: {:.2} s, {:.1} MB (the stored photos: {:.1} MB)",
        t.elapsed().as_secs_f64(),
        bytes.len() as f64 / 1e6,
        stored as f64 / 1e6
    );

    // Phones send the first ten again (the same pixels: no new files).
    phone_uploads(&store, &w.id, &photos[..10]);

    // About 100 MB of photos: the 30 above and more until the folder holds it.
    let mut seed = 30;
    let folder = wandzeitung::store::photo_dir(store.path());
    let folder_mb = || -> f64 {
        std::fs::read_dir(&folder)
            .unwrap()
            .flatten()
            .map(|e| e.metadata().unwrap().len())
            .sum::<u64>() as f64
            / 1e6
    };
    while folder_mb() < 100.0 {
        let w2 = &w.id;
        store
            .add_photo(w2, &PhotoInput::default(), &phone_photo(seed))
            .unwrap();
        seed += 1;
    }
    let backups = wandzeitung::store::backup_dir(store.path());
    let t = Instant::now();
    let info = store.backup_into(&backups).unwrap();
    println!(
        "backup of a store with {:.0} MB of photos ({} photos): {:.0} ms, the backup file {:.2} MB (photos shared, not copied)",
        folder_mb(),
        seed,
        t.elapsed().as_secs_f64() * 1e3,
        info.bytes as f64 / 1e6
    );
}
