//! The room speaking back, on 127.0.0.1 only: 100 phones in one workshop's
//! session back the same 10 questions at the same moment. Reported: lost
//! and doubled backings (the store is counted afterwards) and post → the
//! update it caused received by every socket. Then 100 phones answer a poll
//! at once and change their answer, and 100 phones in 5 groups choose their
//! group and write 5 cards each. Numbers, not verdicts.

// The phones' HTTP client of the tests, so both speak to the server alike;
// each phone speaks from its device's own loopback address.
#[path = "../tests/support/http.rs"]
#[allow(dead_code)]
mod http;

use std::net::SocketAddr;
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use http::{arrived, connect_from, listen, server_of, Client, Heard};
use wandzeitung::join::{JoinConfig, JoinServer};
use wandzeitung::model::*;
use wandzeitung::store::{PhoneCall, PhoneWrite, PhoneWritten};
use wandzeitung::Store;

const PHONES: usize = 100;
const QUESTIONS: usize = 10;
/// Phones per device (source address), as in a room where a few share a router.
const PHONES_PER_DEVICE: usize = 5;

fn device_of(p: usize) -> std::net::Ipv4Addr {
    let n = 10 + (p / PHONES_PER_DEVICE) as u32;
    std::net::Ipv4Addr::from(0x7f00_0000 + n)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn report(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    println!(
        "  {name:<44} n={:<5} p50 {:>7.1} ms  p99 {:>7.1} ms  max {:>7.1} ms",
        ms.len(),
        percentile(&ms, 0.5),
        percentile(&ms, 0.99),
        ms.last().copied().unwrap_or(f64::NAN)
    );
}

/// Per socket (phone), each update number it was told of and when.
type HeardBy = Vec<Vec<(usize, Instant)>>;
/// How long a phone waits before its k-th post: (phone, k) → pause.
type Pace = fn(usize, usize) -> Duration;
/// Per socket (phone), each message as it came, and when.
type Messages = Vec<Vec<(Instant, String)>>;

/// A workshop's session with its phones joined and their sockets open;
/// each socket notes when it heard of each update.
struct Room {
    _dir: tempfile::TempDir,
    store: Arc<Store>,
    runtime: tokio::runtime::Runtime,
    server: JoinServer,
    base: String,
    tokens: Vec<String>,
    arrivals: Arc<Mutex<Vec<Vec<Instant>>>>,
    heard_by: Arc<Mutex<HeardBy>>,
    messages: Arc<Mutex<Messages>>,
    /// The last update number a post was answered with, once the posts
    /// are done: the sockets read until they heard of it.
    last_update: Arc<std::sync::atomic::AtomicUsize>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

impl Room {
    /// `items` are the agenda; the first one runs.
    fn open(items: &[Activity]) -> Room {
        Room::open_with(|_, _| items.to_vec())
    }

    /// The agenda `items` makes in the new workshop (store, workshop id).
    fn open_with(items: impl FnOnce(&Store, &str) -> Vec<Activity>) -> Room {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(dir.path().join("audience.sqlite3")).unwrap());
        let w = store
            .create_workshop(&WorkshopInput {
                title: "Bürgerforum".into(),
                date: "2026-12-04".into(),
                ..Default::default()
            })
            .unwrap();
        for (i, activity) in items(&store, &w.id).iter().enumerate() {
            let item = store
                .add_agenda_item(
                    &w.id,
                    &AgendaItemInput {
                        start_time: format!("{:02}:00", 9 + i),
                        duration_minutes: 30,
                        title: format!("Punkt {i}"),
                        who: String::new(),
                        activity: activity.clone(),
                    },
                )
                .unwrap();
            if i == 0 {
                store.start_agenda_item(&item.id).unwrap();
            }
        }
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let config = JoinConfig {
            workshop_id: w.id.clone(),
            board_id: None,
            named: false,
            cap: 1_000,
        };
        let addr: SocketAddr = ([127, 0, 0, 1], 0).into();
        let server = runtime
            .block_on(JoinServer::start(store.clone(), config, addr, |_| {}))
            .unwrap();
        let base = format!("http://{}", server.addr());
        let secret = server.secret().to_owned();
        let tokens: Vec<String> = (0..PHONES)
            .map(|p| {
                let r = Client::new(device_of(p), &base)
                    .send(
                        "POST",
                        "/api/join",
                        &[("Content-Type", "application/json")],
                        Some(&serde_json::json!({"secret": secret}).to_string()),
                    )
                    .unwrap();
                r.json()["token"].as_str().unwrap().to_owned()
            })
            .collect();
        let arrivals: Arc<Mutex<Vec<Vec<Instant>>>> = Arc::default();
        let messages: Arc<Mutex<Messages>> = Arc::new(Mutex::new(vec![Vec::new(); PHONES]));
        let heard_by: Arc<Mutex<HeardBy>> = Arc::new(Mutex::new(vec![Vec::new(); PHONES]));
        let last_update = Arc::new(std::sync::atomic::AtomicUsize::new(usize::MAX));
        let readers = tokens
            .iter()
            .enumerate()
            .map(|(p, token)| {
                let url = format!("{}/api/ws?token={token}", base.replacen("http", "ws", 1));
                let stream = connect_from(device_of(p), server_of(&base)).unwrap();
                let (mut ws, _) = tungstenite::client(url, stream).expect("socket");
                ws.get_ref()
                    .set_read_timeout(Some(Duration::from_millis(100)))
                    .unwrap();
                let (arrivals, last_update) = (arrivals.clone(), last_update.clone());
                let (heard_by, messages) = (heard_by.clone(), messages.clone());
                std::thread::spawn(move || {
                    // A burst comes folded: "changed up to n" delivers all up to n.
                    let mut seen = 0usize;
                    let mut heard = Instant::now();
                    while seen < last_update.load(std::sync::atomic::Ordering::SeqCst) {
                        let msg = match listen(&mut ws, &mut heard, Duration::from_secs(5)) {
                            Heard::Message(msg) => msg,
                            Heard::Nothing => continue,
                            Heard::Gone => break,
                        };
                        let Ok(text) = msg.to_text() else { continue };
                        messages.lock().unwrap()[p].push((Instant::now(), text.to_owned()));
                        let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
                        let Some(n) = v["update"].as_u64() else {
                            continue;
                        };
                        let now = Instant::now();
                        heard_by.lock().unwrap()[p].push((n as usize, now));
                        seen = arrived(&arrivals, seen, n as usize, now);
                    }
                })
            })
            .collect();
        Room {
            _dir: dir,
            store,
            runtime,
            server,
            base,
            tokens,
            arrivals,
            heard_by,
            messages,
            last_update,
            readers,
        }
    }

    /// Every phone posts its `bodies` to `path(i)` one after the other, all
    /// phones starting at the same moment. Returns (sent, answered, status, update).
    fn post_all(
        &self,
        bodies: impl Fn(usize) -> Vec<(String, serde_json::Value)>,
    ) -> Vec<(Instant, Instant, u16, Option<usize>)> {
        self.post_paced(bodies, |_, _| Duration::ZERO)
    }

    /// As `post_all`, each phone waiting `pause(phone, k)` before its k-th post.
    fn post_paced(
        &self,
        bodies: impl Fn(usize) -> Vec<(String, serde_json::Value)>,
        pause: Pace,
    ) -> Vec<(Instant, Instant, u16, Option<usize>)> {
        let barrier = Arc::new(Barrier::new(PHONES));
        let phones: Vec<_> = self
            .tokens
            .iter()
            .enumerate()
            .map(|(p, token)| {
                let (base, auth, barrier, posts) = (
                    self.base.clone(),
                    format!("Bearer {token}"),
                    barrier.clone(),
                    bodies(p),
                );
                std::thread::spawn(move || {
                    let mut client = Client::new(device_of(p), &base);
                    // The phone has the day on its screen: its connection is open.
                    let day = client
                        .send("GET", "/api/day", &[("Authorization", &auth)], None)
                        .unwrap();
                    assert_eq!(day.status, 200);
                    barrier.wait();
                    posts
                        .into_iter()
                        .enumerate()
                        .map(|(k, (path, body))| {
                            std::thread::sleep(pause(p, k));
                            let sent = Instant::now();
                            let resp = client
                                .send(
                                    "POST",
                                    &path,
                                    &[
                                        ("Authorization", &auth),
                                        ("Content-Type", "application/json"),
                                    ],
                                    Some(&body.to_string()),
                                )
                                .unwrap();
                            let update = resp.header("x-update").and_then(|v| v.parse().ok());
                            (sent, Instant::now(), resp.status, update)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        phones.into_iter().flat_map(|h| h.join().unwrap()).collect()
    }

    /// Stops the sockets' readers and the server.
    fn close(self) {
        self.last_update
            .store(0, std::sync::atomic::Ordering::SeqCst);
        for r in self.readers {
            r.join().unwrap();
        }
        self.runtime.block_on(self.server.stop());
    }

    /// Post → the update it caused at every socket, once the sockets are done.
    fn report(self, posts: &[(Instant, Instant, u16, Option<usize>)]) {
        self.last_update.store(
            posts.iter().filter_map(|p| p.3).max().unwrap_or(0),
            std::sync::atomic::Ordering::SeqCst,
        );
        for r in self.readers {
            r.join().unwrap();
        }
        let arrivals = self.arrivals.lock().unwrap();
        let to_all: Vec<f64> = posts
            .iter()
            .filter_map(|(sent, _, _, update)| {
                let got = arrivals.get((*update)?)?;
                (got.len() == PHONES).then(|| {
                    got.iter()
                        .max()
                        .unwrap()
                        .duration_since(*sent)
                        .as_secs_f64()
                        * 1e3
                })
            })
            .collect();
        let incomplete = posts.iter().filter(|p| p.3.is_some()).count() - to_all.len();
        report(
            "post → answer",
            posts
                .iter()
                .map(|p| p.1.duration_since(p.0).as_secs_f64() * 1e3)
                .collect(),
        );
        report("post → update received by every socket", to_all);
        println!("  updates that did not reach every socket: {incomplete}");
        self.runtime.block_on(self.server.stop());
    }
}

/// 100 phones send three words each at once, then all change them at once.
/// A phone's view of a cloud is its own words: the socket a post changes is
/// its writer's, and the laptop hears of every post from the store's feed.
fn cloud() {
    let room = Room::open(&[Activity::WordCloud {
        question: "Ein Wort zur Ortsmitte?".into(),
        hidden: false,
    }]);
    let item = item_of(&room.store);
    let fed: Arc<Mutex<Vec<(u64, Instant)>>> = Arc::default();
    let _feed = {
        let fed = fed.clone();
        room.store.subscribe(move |published| {
            fed.lock().unwrap().push((published.number, Instant::now()));
        })
    };
    let words = |p: usize, round: &str| {
        vec![
            "Bürger".to_owned(),
            format!("Ort{p}{round}"),
            format!("Platz{}", p % 10),
        ]
    };
    // The phones have had the question on their screens for a moment.
    std::thread::sleep(Duration::from_millis(600));
    for round in ["", "neu"] {
        let started = Instant::now();
        let posts = room.post_all(|p| {
            vec![(
                "/api/write".to_owned(),
                serde_json::json!({"request_id": format!("p{p}-cloud-{round}"), "item": item,
                    "write": {"kind": "send_words", "words": words(p, round)}}),
            )]
        });
        let wall = started.elapsed();
        let cloud = room.store.item_word_cloud(&item).unwrap().unwrap();
        let count = |w: &str| {
            cloud
                .words
                .iter()
                .find(|x| x.word == w)
                .map(|x| x.count)
                .unwrap_or(0)
        };
        let total: u32 = cloud.words.iter().map(|w| w.count).sum();
        let own_ok = (0..PHONES).all(|p| count(&format!("Ort{p}{round}")) == 1);
        let stale = (0..PHONES)
            .filter(|p| count(&format!("Ort{p}")) > 0)
            .count();
        let shared_ok = (0..10).all(|k| count(&format!("Platz{k}")) == (PHONES / 10) as u32);
        println!(
            "{PHONES} phones send 3 words each at once{} (wall {:.2} s): {total} words counted \
             ({} expected), \"Bürger\" {} (expected {PHONES}), every phone's own word once: {own_ok}, \
             shared words right: {shared_ok}, words left from before: {}; refused posts: {}",
            if round.is_empty() { "" } else { ", then change them" },
            wall.as_secs_f64(),
            3 * PHONES,
            count("Bürger"),
            if round.is_empty() { 0 } else { stale },
            posts.iter().filter(|p| p.2 != 200).count(),
        );
        report(
            "post → answer",
            posts
                .iter()
                .map(|p| p.1.duration_since(p.0).as_secs_f64() * 1e3)
                .collect(),
        );
        // Settled: the last socket message of this round is in.
        std::thread::sleep(Duration::from_millis(600));
        let heard = room.heard_by.lock().unwrap();
        let own: Vec<f64> = posts
            .iter()
            .enumerate()
            .filter_map(|(p, (sent, _, _, update))| {
                let n = (*update)?;
                let at = shown_at(&heard[p], n)?;
                Some(at.duration_since(*sent).as_secs_f64() * 1e3)
            })
            .collect();
        let missing = PHONES - own.len();
        report("post → its phone's socket shows the words", own);
        println!("  posts whose phone's socket did not hear of them: {missing}");
        let fed = fed.lock().unwrap();
        let to_feed: Vec<f64> = posts
            .iter()
            .filter_map(|(sent, _, _, update)| {
                let n = (*update)? as u64;
                let (_, at) = fed.iter().find(|(m, _)| *m == n)?;
                Some(at.duration_since(*sent).as_secs_f64() * 1e3)
            })
            .collect();
        report("post → the laptop's feed (projector, window)", to_feed);
    }
    room.close();
}

/// 100 phones rate the same 10 challenges at once, each on both scales.
fn matrix() {
    const CHALLENGES: usize = 10;
    let mut ids = Vec::new();
    let room = Room::open_with(|store, workshop| {
        let list = store
            .create_challenge_list(workshop, "Herausforderungen")
            .unwrap();
        for i in 0..CHALLENGES {
            let c = store
                .add_challenge(
                    &list.id,
                    &ChallengeInput {
                        title: format!("Herausforderung {i}"),
                        ..Default::default()
                    },
                )
                .unwrap();
            ids.push(c.value.id);
        }
        vec![Activity::ImpactEffort {
            list_id: list.id,
            hidden: false,
        }]
    });
    let item = item_of(&room.store);
    // Phone p rates challenge c (p + c) % 5 + 1 for impact, (p * c) % 5 + 1 for effort;
    // in the second round the other way round.
    std::thread::sleep(Duration::from_millis(600));
    let rounds: [(&str, Pace); 2] = [
        ("as fast as they can", |_, _| Duration::ZERO),
        // A person taps a challenge's two scales, reads the next: 0.3 to 1 s.
        ("at a person's pace", |p, k| {
            Duration::from_millis(300 + ((p * 37 + k * 53) % 700) as u64)
        }),
    ];
    for (round, (pace_name, pace)) in rounds.into_iter().enumerate() {
        let rating = move |p: usize, c: usize| {
            let (i, e) = ((p + c) % 5 + 1, (p * c) % 5 + 1);
            if round == 0 {
                (i, e)
            } else {
                (e, i)
            }
        };
        let started = Instant::now();
        let posts = room.post_paced(
            |p| {
                ids.iter()
                    .enumerate()
                    .map(|(c, id)| {
                        let (impact, effort) = rating(p, c);
                        (
                            "/api/write".to_owned(),
                            serde_json::json!({"request_id": format!("p{p}-rate-{c}-{round}"), "item": item,
                                "write": {"kind": "rate_challenge", "challenge_id": id, "impact": impact, "effort": effort}}),
                        )
                    })
                    .collect()
            },
            pace,
        );
        let wall = started.elapsed();
        let ItemView::ImpactEffort { matrix } = room.store.item_view(&item).unwrap() else {
            panic!("no matrix");
        };
        let (mut counted, mut means_right) = (0, true);
        for (c, challenge) in matrix.challenges.iter().enumerate() {
            let r = challenge.rated.expect("rated");
            counted += r.count;
            let mean = |k: fn((usize, usize)) -> usize| {
                (0..PHONES).map(|p| k(rating(p, c)) as f64).sum::<f64>() / PHONES as f64
            };
            means_right &= (r.impact.mean - mean(|r| r.0)).abs() < 1e-9
                && (r.effort.mean - mean(|r| r.1)).abs() < 1e-9;
        }
        println!(
            "{PHONES} phones rate the same {CHALLENGES} challenges, {pace_name} (wall {:.2} s): {} ratings \
             expected, {counted} counted, every mean as sent: {means_right}, raters {}; refused posts: {}",
            wall.as_secs_f64(),
            PHONES * CHALLENGES,
            matrix.raters,
            posts.iter().filter(|p| p.2 != 200).count(),
        );
        report(
            "post → answer",
            posts
                .iter()
                .map(|p| p.1.duration_since(p.0).as_secs_f64() * 1e3)
                .collect(),
        );
        std::thread::sleep(Duration::from_millis(600));
        // Shown: the first message after the post that changes this
        // challenge on the phone (a patch names what it changes by its id).
        let messages = room.messages.lock().unwrap();
        // A rating sent again as it was changes nothing on the phone.
        let unchanged = |i: usize| {
            let (p, c) = (i / CHALLENGES, i % CHALLENGES);
            round == 1 && rating(p, c).0 == rating(p, c).1
        };
        let same = (0..posts.len()).filter(|i| unchanged(*i)).count();
        let own: Vec<f64> = posts
            .iter()
            .enumerate()
            .filter(|(i, _)| !unchanged(*i))
            .filter_map(|(i, (sent, _, _, _))| {
                let id = &ids[i % CHALLENGES];
                let (at, _) = messages[i / CHALLENGES]
                    .iter()
                    .find(|(at, text)| at >= sent && text.contains(id.as_str()))?;
                Some(at.duration_since(*sent).as_secs_f64() * 1e3)
            })
            .collect();
        let missing = posts.len() - same - own.len();
        report("post → its phone's socket shows the rating", own);
        println!("  ratings sent again as they were (nothing to show): {same}");
        println!("  posts whose phone's socket did not hear of them: {missing}");
    }
    room.close();
}

/// When a socket showed the phone its write of update `n`: the first
/// message numbered `n` or later. A message's number is read before its
/// day, so the day may already hold later writes: the last write of a
/// phone can arrive in a message numbered lower, and then no later one
/// comes (the day is the same); its socket's last message showed it.
fn shown_at(heard: &[(usize, Instant)], n: usize) -> Option<&Instant> {
    heard
        .iter()
        .find(|(m, _)| *m >= n)
        .or(heard.last())
        .map(|(_, at)| at)
}

fn item_of(store: &Store) -> Id {
    let w = &store.list_workshops().unwrap()[0];
    store.running_agenda_item(&w.id).unwrap().unwrap().id
}

/// 100 phones back the same 10 questions at the same moment.
fn backing() {
    let room = Room::open(&[Activity::Questions { review: false }]);
    let item = item_of(&room.store);
    let workshop = room.store.list_workshops().unwrap()[0].id.clone();
    let questions: Vec<Id> = (0..QUESTIONS)
        .map(|i| {
            let asked = room
                .store
                .participant_writes(
                    &workshop,
                    &[PhoneCall {
                        participant: format!("asker-{i}"),
                        item: Some(item.clone()),
                        write: PhoneWrite::AskQuestion {
                            text: format!("Frage {i}"),
                            name: String::new(),
                        },
                    }],
                )
                .unwrap()
                .remove(0)
                .unwrap();
            match asked.value {
                PhoneWritten::Question(q) => q.id,
                other => panic!("{other:?}"),
            }
        })
        .collect();
    let started = Instant::now();
    let posts = room.post_all(|p| {
        questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                (
                    "/api/write".to_owned(),
                    serde_json::json!({"request_id": format!("p{p}-q{i}-bench"), "item": item,
                        "write": {"kind": "back_question", "question_id": q, "backed": true}}),
                )
            })
            .collect()
    });
    let wall = started.elapsed();
    let listed = room.store.item_questions(&item).unwrap().questions;
    let backing: u32 = listed.iter().map(|q| q.backing).sum();
    let expected = (PHONES * QUESTIONS) as u32;
    let refused = posts.iter().filter(|p| p.2 != 200).count();
    println!(
        "{PHONES} phones back the same {QUESTIONS} questions at once (wall {:.2} s): {expected} backings expected, \
         {backing} counted → lost {}, counted twice {}; refused posts: {refused}; every question at {}..{}",
        wall.as_secs_f64(),
        expected.saturating_sub(backing),
        backing.saturating_sub(expected),
        listed.iter().map(|q| q.backing).min().unwrap_or(0),
        listed.iter().map(|q| q.backing).max().unwrap_or(0),
    );
    // The same backings sent again (another tab, a double tap): nothing changes.
    let again = room.post_all(|p| {
        questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                (
                    "/api/write".to_owned(),
                    serde_json::json!({"request_id": format!("p{p}-q{i}-again"), "item": item,
                        "write": {"kind": "back_question", "question_id": q, "backed": true}}),
                )
            })
            .collect()
    });
    let after: u32 = room
        .store
        .item_questions(&item)
        .unwrap()
        .questions
        .iter()
        .map(|q| q.backing)
        .sum();
    println!(
        "  each backing sent again under a new request id: {} posts, backing still {after}",
        again.len()
    );
    room.report(&posts);
}

/// 100 phones answer a 1–5 poll at once, then each changes its answer.
fn poll() {
    let room = Room::open(&[Activity::Poll {
        question: "Wie zufrieden sind Sie?".into(),
        answers: PollAnswers::Scale {
            points: 5,
            low: "gar nicht".into(),
            high: "sehr".into(),
        },
    }]);
    let item = item_of(&room.store);
    let posts = room.post_all(|p| {
        [(p % 5) + 1, ((p + 1) % 5) + 1]
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                (
                    "/api/write".to_owned(),
                    serde_json::json!({"request_id": format!("p{p}-a{i}-bench"), "item": item,
                        "write": {"kind": "answer_poll", "answer": a}}),
                )
            })
            .collect()
    });
    let poll = room.store.item_poll(&item).unwrap().unwrap();
    println!(
        "{PHONES} phones answer a poll at once and change their answer: {} answers counted (expected {PHONES}), \
         distribution {:?} (expected 20 each)",
        poll.result.answered, poll.result.counts
    );
    room.report(&posts);
}

const GROUPS: usize = 5;
const CARDS_EACH: usize = 5;

/// 100 phones in 5 groups: each chooses its group, then writes 5 cards
/// into its group's board, all at once.
fn groups() {
    let room = Room::open(&[Activity::Groups { boards: vec![] }]);
    let item = item_of(&room.store);
    let names: Vec<String> = (1..=GROUPS).map(|g| format!("Tisch {g}")).collect();
    let boards: Vec<Id> = room
        .store
        .create_groups(&item, &names, &["Was braucht die Ortsmitte?".into()], false)
        .unwrap()
        .groups
        .into_iter()
        .map(|g| g.board_id)
        .collect();
    let fields: Vec<Id> = boards
        .iter()
        .map(|b| room.store.board_view(b).unwrap().fields[0].field.id.clone())
        .collect();
    let started = Instant::now();
    let posts = room.post_all(|p| {
        let g = p % GROUPS;
        let mut posts = vec![(
            "/api/write".to_owned(),
            serde_json::json!({"request_id": format!("phone{p:03}-join"), "item": item,
                "write": {"kind": "join_group", "board_id": boards[g]}}),
        )];
        posts.extend((0..CARDS_EACH).map(|k| {
            (
                "/api/write".to_owned(),
                serde_json::json!({"request_id": format!("phone{p:03}-card{k}"), "item": item,
                    "write": {"kind": "add_card", "field_id": fields[g],
                        "input": {"text": format!("g{g} p{p} k{k}"), "color": "yellow", "author": ""}}}),
            )
        }));
        posts
    });
    let wall = started.elapsed();
    let mut misplaced = 0;
    let mut on_boards = Vec::new();
    for (g, b) in boards.iter().enumerate() {
        let cards = &room.store.board_view(b).unwrap().fields[0].cards;
        misplaced += cards
            .iter()
            .filter(|c| !c.text.starts_with(&format!("g{g} ")))
            .count();
        on_boards.push(cards.len());
    }
    let refused = posts.iter().filter(|p| p.2 != 200).count();
    let mut statuses = std::collections::BTreeMap::new();
    for p in &posts {
        *statuses.entry(p.2).or_insert(0) += 1;
    }
    println!("  answers by HTTP status: {statuses:?}");
    println!(
        "{PHONES} phones in {GROUPS} groups write {CARDS_EACH} cards each at once (wall {:.2} s): cards per group board {on_boards:?} (expected {} each), on another group's board {misplaced}, refused posts {refused}",
        wall.as_secs_f64(),
        PHONES / GROUPS * CARDS_EACH,
    );
    room.report(&posts);
}

fn main() {
    let filter = std::env::args().nth(1).filter(|a| !a.starts_with('-'));
    if filter.as_deref().is_none_or(|f| f == "backing") {
        backing();
    }
    if filter.as_deref().is_none_or(|f| f == "poll") {
        poll();
    }
    if filter.as_deref().is_none_or(|f| f == "groups") {
        groups();
    }
    if filter.as_deref().is_none_or(|f| f == "cloud") {
        cloud();
    }
    if filter.as_deref().is_none_or(|f| f == "matrix") {
        matrix();
    }
}
