//! Core benchmarks with the store on disk. Prints numbers; asserts nothing.
//! Run with `make bench` (release build).

use std::time::{Duration, Instant};

use wandzeitung::model::{CardColor, CardInput, WorkshopInput};
use wandzeitung::store::{PhoneCall, PhoneWrite, SessionRequest};
use wandzeitung::{templates, Store};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
    println!(
        "{name:<44} n={:<5} mean={:>9.3?} p50={:>9.3?} p95={:>9.3?} max={:>9.3?}",
        samples.len(),
        mean,
        percentile(&samples, 0.5),
        percentile(&samples, 0.95),
        samples[samples.len() - 1]
    );
}

fn card(i: usize) -> CardInput {
    CardInput {
        text: format!("Karte {i}: Beteiligung früh und verständlich planen"),
        color: CardColor::ALL[i % CardColor::ALL.len()],
        author: "Gruppe A".into(),
    }
}

/// Reads the workshop and renders the PDF protocol, as "Protokoll erstellen"
/// does, a few times; prints time and size.
fn protocol(store: &Store, id: &str, name: &str) {
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..7 {
        let t = Instant::now();
        let doc = store.export_workshop(id).expect("export");
        size = wandzeitung::protocol::pdf::render(&doc, chrono::Utc::now())
            .expect("pdf")
            .len();
        times.push(t.elapsed());
    }
    report(name, times);
    println!("{:<44} {:>9.1} KiB", "  file size", size as f64 / 1024.0);
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path().join("bench.sqlite3")).expect("store");

    let t = Instant::now();
    let demo = templates::create_demo_workshop(&store).expect("demo");
    println!(
        "{:<44} {:>9.3?}",
        "create demo workshop (whole)",
        t.elapsed()
    );
    protocol(&store, &demo, "PDF protocol, demo workshop (14 cards)");
    let demo_board = &store.workshop_detail(&demo).expect("demo").boards[0].id;
    let demo_fields = store.board_view(demo_board).expect("view").fields;
    for i in 0..36 {
        let field = &demo_fields[i % demo_fields.len()].field.id;
        store.add_card(field, &card(i)).expect("card");
    }
    protocol(&store, &demo, "PDF protocol, demo workshop with 50 cards");

    // Cards in eight scripts: the first render also looks through the
    // system's fonts for the characters DejaVu lacks (once per process).
    let scripts = store
        .create_workshop(&WorkshopInput {
            title: "Schriften".into(),
            date: "2026-11-22".into(),
            ..WorkshopInput::default()
        })
        .expect("workshop");
    let board = store
        .create_board_from_template(&scripts.id, templates::GROUP_WORK_KEY)
        .expect("board");
    for text in [
        "مرحبا بكم في ورشة العمل",
        "שלום לכולם בסדנה",
        "Громадський транспорт у селі",
        "Καλημέρα σε όλους",
        "Çocuklar için güvenli okul yolu",
        "Zażółć gęślą jaźń",
        "नमस्ते दोस्तों",
        "Mehr Radwege 🚲 und Bäume 🌳",
    ] {
        let input = CardInput {
            text: text.into(),
            color: CardColor::Yellow,
            author: String::new(),
        };
        store
            .add_card(&board.fields[0].field.id, &input)
            .expect("card");
    }
    let t = Instant::now();
    let doc = store.export_workshop(&scripts.id).expect("export");
    wandzeitung::protocol::pdf::render(&doc, chrono::Utc::now()).expect("pdf");
    println!(
        "{:<44} {:>9.3?}",
        "PDF, eight scripts, first (finds fonts)",
        t.elapsed()
    );
    protocol(&store, &scripts.id, "PDF protocol, eight scripts, again");

    let w = store
        .create_workshop(&WorkshopInput {
            title: "Bench".into(),
            date: "2026-11-22".into(),
            ..WorkshopInput::default()
        })
        .expect("workshop");
    let board = store
        .create_board_from_template(&w.id, templates::GROUP_WORK_KEY)
        .expect("board");
    let fields: Vec<String> = board.fields.iter().map(|f| f.field.id.clone()).collect();

    let mut fill = Vec::new();
    for i in 0..2_000 {
        if i == 1_000 {
            protocol(&store, &w.id, "PDF protocol, workshop with 1,000 cards");
        }
        let t = Instant::now();
        store
            .add_card(&fields[i % fields.len()], &card(i))
            .expect("card");
        fill.push(t.elapsed());
    }
    report("add_card, board growing 0..2000 cards", fill);

    // A rolling backup of the store with the 2,000-card board in it.
    let backups = dir.path().join("backups");
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..5 {
        let t = Instant::now();
        bytes = store.backup_into(&backups).expect("backup").bytes;
        times.push(t.elapsed());
    }
    report("backup of the store (2,000-card board)", times);
    println!("{:<44} {:>9.1} KiB", "  backup size", bytes as f64 / 1024.0);

    let mut on_full = Vec::new();
    for i in 0..300 {
        let t = Instant::now();
        store
            .add_card(&fields[i % fields.len()], &card(i))
            .expect("card");
        on_full.push(t.elapsed());
    }
    report("add_card on a board with 2000+ cards", on_full);

    // A room of 100 phones writing at once: one transaction for all
    // (group commit, as the join server does), per write and per batch.
    // A session opened from the board: phones write to it between agenda items.
    store
        .open_join_session(&SessionRequest {
            workshop_id: &board.board.workshop_id,
            board_id: Some(&board.board.id),
            named: false,
            cap: 200,
            address: "127.0.0.1:0",
            secret: "bench-secret",
            code: "BENCH1",
        })
        .expect("session");
    let mut batch_times = Vec::new();
    for round in 0..10 {
        let calls: Vec<PhoneCall> = (0..100)
            .map(|p| PhoneCall {
                participant: format!("phone-{p:03}-token-0123456789abcdef"),
                item: None,
                write: PhoneWrite::AddCard {
                    field_id: fields[p % fields.len()].clone(),
                    input: card(round * 100 + p),
                },
            })
            .collect();
        let t = Instant::now();
        let results = store
            .participant_writes(&board.board.workshop_id, &calls)
            .expect("batch");
        batch_times.push(t.elapsed());
        assert!(results.iter().all(Result::is_ok));
    }
    report("participant_writes, 100 cards in one commit", batch_times);

    let mut open = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        let v = store.board_view(&board.board.id).expect("view");
        std::hint::black_box(v);
        open.push(t.elapsed());
    }
    report("board_view with 2300 cards", open);

    let mut list = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        std::hint::black_box(store.list_workshops().expect("list"));
        list.push(t.elapsed());
    }
    report("list_workshops", list);

    import_at_the_bounds(&store, &demo);
}

/// The largest import a real workshop could bring: boards full to the bound
/// of cards each, read from a file as the app does. Prints the time and the
/// progress steps the window would see.
fn import_at_the_bounds(store: &Store, template: &str) {
    use wandzeitung::model::CARDS_PER_BOARD_MAX;
    use wandzeitung::protocol::document::MAX_BYTES;
    use wandzeitung::protocol::WorkshopFile;
    let mut doc = store.export_workshop(template).expect("export");
    let mut board = doc.boards[0].clone();
    board.votes.clear();
    let sample = board.fields[0].cards[0].clone();
    for f in &mut board.fields {
        f.clusters.clear();
        f.cards.clear();
    }
    let boards = 4;
    doc.boards = (0..boards)
        .map(|b| {
            let mut copy = board.clone();
            copy.board.id = format!("board-{b}");
            for (i, f) in copy.fields.iter_mut().enumerate() {
                f.field.id = format!("field-{b}-{i}");
            }
            copy.fields[0].cards = (0..CARDS_PER_BOARD_MAX as usize)
                .map(|i| {
                    let mut c = sample.clone();
                    c.id = format!("card-{b}-{i}");
                    c.cluster_id = None;
                    c.hidden = false;
                    c.text = card(i).text;
                    c
                })
                .collect();
            copy
        })
        .collect();
    let file = tempfile::NamedTempFile::new().expect("file");
    std::fs::write(file.path(), doc.to_json().expect("json")).expect("write");
    let bytes = std::fs::metadata(file.path()).expect("size").len();
    assert!(bytes < MAX_BYTES as u64, "within the file bound");
    let t = Instant::now();
    let read = WorkshopFile::read(file.path()).expect("read").doc;
    let parsed = t.elapsed();
    let mut steps = 0u64;
    store
        .import_workshop_with(&read, &mut |_| steps += 1)
        .expect("import");
    println!(
        "{:<44} {:>9.3?} (file {:.1} MiB read in {:.3?}; {} items, {} progress steps)",
        format!(
            "import of {} boards x {} cards",
            boards, CARDS_PER_BOARD_MAX
        ),
        t.elapsed(),
        bytes as f64 / 1_048_576.0,
        parsed,
        read.items(),
        steps
    );
}
