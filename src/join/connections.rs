//! The room's connections: HTTP/1.1 with time limits on every wait, a cap
//! on open connections well below the process's open-file limit, and, when
//! the cap or a device's share is reached, idle connections shed first, so
//! a real phone always gets in while somebody holds hundreds open.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use hyper::body::Incoming;
use hyper::Request;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tokio::task::JoinSet;
use tower::ServiceExt;

use super::device::Device;

/// Time to send a request's head; also how long a kept-alive connection may
/// wait for its next request. A phone sends its head in one packet.
pub(crate) const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Time to send a request's body (at most 16 KiB, one or two packets).
pub(crate) const BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections one device may hold: a hall of 150 phones behind one
/// router, each with its WebSocket and one or two HTTP connections.
pub(crate) const CONNECTIONS_PER_DEVICE: usize = 400;
/// The most connections at once, whatever the open-file limit allows.
const CONNECTIONS_MAX: usize = 4096;
/// Files the process keeps for everything else (the store, its backups, the
/// window's own).
const FILES_KEPT: u64 = 256;
/// Longest request head read; beyond it hyper itself closes the connection.
const HEAD_MAX: usize = 64 * 1024;

/// How many connections this process can hold: the open-file limit (raised
/// to the hard limit where allowed) less what the process keeps.
pub(crate) fn connection_cap() -> usize {
    let files = open_file_limit();
    (files.saturating_sub(FILES_KEPT) as usize).clamp(16, CONNECTIONS_MAX)
}

/// Raises the soft open-file limit (often 1,024) towards the hard one, and
/// returns the soft limit now in force.
#[cfg(unix)]
fn open_file_limit() -> u64 {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct it is given and nothing else.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } != 0 {
        return 1024;
    }
    // Enough for CONNECTIONS_MAX; an unlimited hard limit is not asked for whole.
    let wanted = lim.rlim_max.min((CONNECTIONS_MAX as u64 + FILES_KEPT) * 2);
    if lim.rlim_cur < wanted {
        let raised = libc::rlimit {
            rlim_cur: wanted,
            rlim_max: lim.rlim_max,
        };
        // SAFETY: as above; setrlimit only reads the struct.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            return wanted;
        }
    }
    lim.rlim_cur
}

/// Windows has no per-process limit of this kind for sockets.
#[cfg(not(unix))]
fn open_file_limit() -> u64 {
    CONNECTIONS_MAX as u64 + FILES_KEPT
}

struct Entry {
    device: Device,
    /// Requests being answered on it right now.
    busy: u32,
    /// A WebSocket: a phone following the session, never shed as idle.
    upgraded: bool,
    idle_since: Instant,
    shed: Arc<Notify>,
    /// Told to close; no longer counted.
    leaving: bool,
}

#[derive(Default)]
struct Table {
    next: u64,
    entries: HashMap<u64, Entry>,
    per_device: HashMap<Device, usize>,
    open: usize,
}

impl Table {
    fn count(&self, device: Device) -> usize {
        self.per_device.get(&device).copied().unwrap_or(0)
    }

    fn uncount(&mut self, device: Device) {
        self.open = self.open.saturating_sub(1);
        if let Some(n) = self.per_device.get_mut(&device) {
            *n -= 1;
            if *n == 0 {
                self.per_device.remove(&device);
            }
        }
    }

    /// The oldest idle connection of the device that holds the most.
    fn shed_from_the_busiest(&mut self) -> bool {
        self.shed(|_| true, |e, n| (std::cmp::Reverse(n), e.idle_since))
    }

    /// Tells the idle connection among `which` that `rank` puts first to
    /// close. False when none of them is idle.
    fn shed<K: Ord>(
        &mut self,
        which: impl Fn(&Entry) -> bool,
        rank: impl Fn(&Entry, usize) -> K,
    ) -> bool {
        let chosen = self
            .entries
            .iter()
            .filter(|(_, e)| !e.leaving && e.busy == 0 && !e.upgraded && which(e))
            .min_by_key(|(_, e)| rank(e, self.count(e.device)))
            .map(|(id, _)| *id);
        let Some(id) = chosen else {
            return false;
        };
        let device = {
            let e = self.entries.get_mut(&id).expect("chosen from the table");
            e.leaving = true;
            e.shed.notify_one();
            e.device
        };
        self.uncount(device);
        true
    }
}

/// Every open connection, by device.
pub(crate) struct Connections {
    table: Mutex<Table>,
    cap: usize,
}

/// One admitted connection, held by its task and, once upgraded, by its
/// WebSocket: the connection counts until the last holder lets go.
pub(crate) struct Slot {
    id: u64,
    connections: Arc<Connections>,
}

/// Who is on the other end of a request: put into every request.
#[derive(Clone)]
pub(crate) struct Peer {
    pub device: Device,
    pub slot: Arc<Slot>,
}

impl Connections {
    pub(crate) fn new(cap: usize) -> Arc<Connections> {
        Arc::new(Connections {
            table: Mutex::new(Table::default()),
            cap,
        })
    }

    fn table(&self) -> MutexGuard<'_, Table> {
        self.table.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn open(&self) -> usize {
        self.table().open
    }

    /// Admits a connection from `device`, shedding an idle one to make room;
    /// None when every connection that could go is busy.
    fn admit(self: &Arc<Self>, device: Device) -> Option<(Arc<Slot>, Arc<Notify>)> {
        let mut t = self.table();
        // A device at its share makes room from its own idle connections only.
        if t.count(device) >= CONNECTIONS_PER_DEVICE
            && !t.shed(|e| e.device == device, |e, _| e.idle_since)
        {
            return None;
        }
        // The room is full: the device holding the most gives its oldest idle one.
        if t.open >= self.cap && !t.shed_from_the_busiest() {
            return None;
        }
        t.next += 1;
        let id = t.next;
        let shed = Arc::new(Notify::new());
        t.entries.insert(
            id,
            Entry {
                device,
                busy: 0,
                upgraded: false,
                idle_since: Instant::now(),
                shed: shed.clone(),
                leaving: false,
            },
        );
        *t.per_device.entry(device).or_default() += 1;
        t.open += 1;
        drop(t);
        let slot = Arc::new(Slot {
            id,
            connections: self.clone(),
        });
        Some((slot, shed))
    }

    fn update(&self, id: u64, f: impl FnOnce(&mut Entry)) {
        if let Some(e) = self.table().entries.get_mut(&id) {
            f(e)
        }
    }
}

impl Slot {
    /// The connection became a WebSocket.
    pub(crate) fn upgraded(&self) {
        self.connections.update(self.id, |e| e.upgraded = true);
    }

    fn busy(self: &Arc<Self>) -> Busy {
        self.connections.update(self.id, |e| e.busy += 1);
        Busy(self.clone())
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut t = self.connections.table();
        if let Some(e) = t.entries.remove(&self.id) {
            if !e.leaving {
                t.uncount(e.device);
            }
        }
    }
}

/// A request being answered on a connection.
struct Busy(Arc<Slot>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.connections.update(self.0.id, |e| {
            e.busy = e.busy.saturating_sub(1);
            e.idle_since = Instant::now();
        });
    }
}

/// Accepts connections until `stop` turns true, then lets each connection
/// finish its request and waits for them (upgraded sockets end on their own).
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    connections: Arc<Connections>,
    mut stop: watch::Receiver<bool>,
) {
    let mut tasks = JoinSet::new();
    let for_connections = stop.clone();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, addr) = match accepted {
                    Ok(a) => a,
                    Err(_) => {
                        // Out of files, most likely: an idle connection makes room.
                        connections.table().shed_from_the_busiest();
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    }
                };
                let device = Device::of(addr.ip());
                let Some((slot, shed)) = connections.admit(device) else {
                    turn_away(stream);
                    continue;
                };
                let peer = Peer { device, slot };
                tasks.spawn(serve_one(stream, router.clone(), peer, shed, for_connections.clone()));
            }
            _ = stopped(&mut stop) => break,
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
        }
    }
    drop(listener);
    while tasks.join_next().await.is_some() {}
}

/// Until the server is told to stop (or the server is gone).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// A connection that cannot be taken hears why, in the phone's refusal
/// format, if its socket takes the few bytes at once; it is not waited for.
fn turn_away(stream: TcpStream) {
    let body = super::refusal::Refusal::busy().json();
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
         retry-after: 5\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.try_write(&[head.as_bytes(), &body].concat());
}

async fn serve_one(
    stream: TcpStream,
    router: Router,
    peer: Peer,
    shed: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
        let busy = peer.slot.busy();
        req.extensions_mut().insert(peer.clone());
        let router = router.clone();
        async move {
            let answer = router.oneshot(req).await;
            drop(busy);
            answer
        }
    });
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_buf_size(HEAD_MAX)
        .keep_alive(true);
    let conn = http
        .serve_connection(TokioIo::new(stream), service)
        .with_upgrades();
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        // Shed for a newcomer: dropping the connection closes it.
        _ = shed.notified() => return,
        _ = stopped(&mut stop) => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = tokio::time::timeout(Duration::from_secs(2), conn).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(n: u8) -> Device {
        Device::of(std::net::Ipv4Addr::new(10, 0, 0, n).into())
    }

    fn told(shed: &Arc<Notify>) -> bool {
        // A stored permit means the connection was told to close.
        futures_now(shed.notified())
    }

    /// Whether a `notified()` future is ready at once.
    fn futures_now(f: tokio::sync::futures::Notified<'_>) -> bool {
        let mut f = std::pin::pin!(f);
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        f.as_mut().poll(&mut cx).is_ready()
    }

    use std::future::Future;

    #[test]
    fn a_full_room_sheds_the_oldest_idle_connection_of_the_device_holding_the_most() {
        let c = Connections::new(4);
        let a: Vec<_> = (0..3).map(|_| c.admit(device(1)).unwrap()).collect();
        let b = c.admit(device(2)).unwrap();
        let _busy = a[0].0.busy();
        let newcomer = c.admit(device(3));
        assert!(newcomer.is_some(), "a newcomer gets in");
        assert!(!told(&a[0].1), "a connection answering a request stays");
        assert!(
            told(&a[1].1),
            "the oldest idle one of the busiest device goes"
        );
        assert!(!told(&a[2].1) && !told(&b.1));
        assert_eq!(c.open(), 4);
    }

    #[test]
    fn a_device_at_its_share_makes_room_from_its_own_connections_only() {
        let c = Connections::new(10_000);
        let other = c.admit(device(2)).unwrap();
        let mine: Vec<_> = (0..CONNECTIONS_PER_DEVICE)
            .map(|_| c.admit(device(1)).unwrap())
            .collect();
        let extra = c.admit(device(1)).expect("room made from its own");
        assert!(told(&mine[0].1), "its own oldest idle connection goes");
        assert!(!told(&other.1));
        let _extra_busy = extra.0.busy();
        // Every other one of its connections busy or a socket: no more for
        // it, and another device's idle connection is never taken instead.
        let _busy: Vec<_> = mine[1..64].iter().map(|(slot, _)| slot.busy()).collect();
        mine[64..].iter().for_each(|(slot, _)| slot.upgraded());
        assert!(c.admit(device(1)).is_none());
        assert!(
            !told(&other.1),
            "another device's connection is not shed for it"
        );
        assert!(c.admit(device(3)).is_some(), "another device still gets in");
    }

    #[test]
    fn a_closed_connection_is_counted_no_more() {
        let c = Connections::new(2);
        let first = c.admit(device(1)).unwrap();
        let second = c.admit(device(1)).unwrap();
        drop(first);
        assert_eq!(c.open(), 1);
        drop(second);
        assert_eq!(c.open(), 0);
    }
}
