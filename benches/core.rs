//! Core benchmarks with the store on disk. Prints numbers; asserts nothing.
//! Run with `make bench` (release build).

use std::time::{Duration, Instant};

use wandzeitung::model::{CardColor, CardInput, WorkshopInput};
use wandzeitung::store::PhoneWrite;
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
    let mut batch_times = Vec::new();
    for round in 0..10 {
        let writes: Vec<(String, PhoneWrite)> = (0..100)
            .map(|p| {
                let write = PhoneWrite::AddCard {
                    field_id: fields[p % fields.len()].clone(),
                    input: card(round * 100 + p),
                };
                (format!("phone-{p:03}-token-0123456789abcdef"), write)
            })
            .collect();
        let t = Instant::now();
        let results = store
            .participant_writes(&board.board.id, &writes)
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
}
