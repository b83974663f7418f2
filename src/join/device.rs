//! What one device in the room may ask of the server. A device is the
//! source address of its connections, kept in memory only and never stored:
//! an IPv4 address, or the /64 prefix of an IPv6 address (a phone may hold
//! many addresses inside its network's prefix, but not outside it).
//!
//! What one address may do (the README says it too): a hall of up to 150
//! phones behind one router (a guest network behind NAT, a school's
//! router) joins and works without one refusal; a class of 60 was measured
//! doing a card round and a vote (`tests/join_class.rs`). A phone following
//! the room costs no request (its socket brings the changes), so a phone
//! spends about seven requests to join and one per write. One hostile
//! device cannot lock out anybody else: every budget is the device's own,
//! so a flood from one address empties only that address's budget; a
//! refusal says when to try again, and the page waits and tries by itself.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::rate::Bucket;

/// Requests of any kind (page, day, writes, sockets): a class of 60 loads
/// the page together, seven requests each (page, script, style, session,
/// join, day, socket); then writes at human speed.
const REQUESTS: (u32, f64) = (600, 50.0);
/// Writes (cards, edits, dots): a class of 60 giving three dots each in
/// the same ten seconds is 180; 60 people writing at human speed average a
/// few a second. At 10 a second one device needs 8 minutes to fill a
/// board's 5,000 cards, long enough for the facilitator to see it and end
/// the session.
const WRITES: (u32, f64) = (200, 10.0);
/// Joins: a hall of 100 joining at once, then two a second; a phone told
/// to wait joins by itself a moment later.
const JOINS: (u32, f64) = (100, 2.0);
/// Wrong short codes: ten typos at once, then one every six seconds; trying
/// all 31^6 codes takes one device about 170 years.
const WRONG_CODES: (u32, f64) = (10, 1.0 / 6.0);
/// Participants one device may have joined: a hall of 150 behind one
/// router; a session's default cap of 200 keeps room for other devices.
pub(crate) const PARTICIPANTS_PER_DEVICE: u32 = 150;
/// Devices remembered at once; beyond it, those unseen longest are forgotten
/// and their budgets start full again (to profit from that, a device would
/// need thousands of addresses outside one IPv6 /64).
const DEVICES_KEPT: usize = 4096;

/// A device: an IPv4 address, or an IPv6 /64 prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Device(IpAddr);

impl Device {
    pub(crate) fn of(ip: IpAddr) -> Device {
        match ip {
            IpAddr::V4(_) => Device(ip),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Device(IpAddr::V4(v4)),
                None => {
                    let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                    Device(IpAddr::V6(prefix.into()))
                }
            },
        }
    }
}

/// The budgets a device spends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spend {
    Request,
    Write,
    Join,
    WrongCode,
}

struct Budgets {
    requests: Bucket,
    writes: Bucket,
    joins: Bucket,
    wrong_codes: Bucket,
    seen: Instant,
}

impl Budgets {
    fn new() -> Budgets {
        let b = |(burst, rate): (u32, f64)| Bucket::new(burst, rate);
        Budgets {
            requests: b(REQUESTS),
            writes: b(WRITES),
            joins: b(JOINS),
            wrong_codes: b(WRONG_CODES),
            seen: Instant::now(),
        }
    }

    fn bucket(&mut self, spend: Spend) -> &mut Bucket {
        match spend {
            Spend::Request => &mut self.requests,
            Spend::Write => &mut self.writes,
            Spend::Join => &mut self.joins,
            Spend::WrongCode => &mut self.wrong_codes,
        }
    }
}

#[derive(Default)]
pub(crate) struct Devices {
    table: Mutex<HashMap<Device, Budgets>>,
}

impl Devices {
    fn with<T>(&self, device: Device, f: impl FnOnce(&mut Budgets) -> T) -> T {
        let mut table = self.table.lock().unwrap_or_else(|p| p.into_inner());
        if !table.contains_key(&device) && table.len() >= DEVICES_KEPT {
            forget_the_longest_unseen(&mut table);
        }
        let budgets = table.entry(device).or_insert_with(Budgets::new);
        budgets.seen = Instant::now();
        f(budgets)
    }

    /// Spends one of the device's `spend`; when it has none left, how long
    /// until it has one again.
    pub(crate) fn spend(&self, device: Device, spend: Spend) -> Result<(), Duration> {
        self.with(device, |b| {
            let bucket = b.bucket(spend);
            if bucket.take() {
                Ok(())
            } else {
                Err(bucket.wait())
            }
        })
    }

    /// Whether the device has one of `spend` left, without spending it: a
    /// right short code is let through without costing the device anything.
    pub(crate) fn has(&self, device: Device, spend: Spend) -> Result<(), Duration> {
        self.with(device, |b| {
            let bucket = b.bucket(spend);
            if bucket.available() {
                Ok(())
            } else {
                Err(bucket.wait())
            }
        })
    }
}

fn forget_the_longest_unseen(table: &mut HashMap<Device, Budgets>) {
    let mut by_age: Vec<(Instant, Device)> = table.iter().map(|(d, b)| (b.seen, *d)).collect();
    by_age.sort_by_key(|(seen, _)| *seen);
    for (_, d) in by_age.iter().take(DEVICES_KEPT / 8) {
        table.remove(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_device_is_its_prefix_and_a_mapped_ipv4_is_the_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(
            Device::of(a),
            Device::of(b),
            "one phone, two privacy addresses"
        );
        assert_ne!(
            Device::of(a),
            Device::of(c),
            "another network is another device"
        );
        let mapped: IpAddr = "::ffff:192.168.1.20".parse().unwrap();
        let v4: IpAddr = "192.168.1.20".parse().unwrap();
        assert_eq!(Device::of(mapped), Device::of(v4));
    }

    #[test]
    fn one_device_spending_its_budget_leaves_another_untouched() {
        let devices = Devices::default();
        let greedy = Device::of("10.0.0.2".parse().unwrap());
        let other = Device::of("10.0.0.3".parse().unwrap());
        let spent = (0..WRONG_CODES.0 + 5)
            .filter(|_| devices.spend(greedy, Spend::WrongCode).is_ok())
            .count();
        assert_eq!(spent as u32, WRONG_CODES.0, "the burst, then no more");
        let wait = devices.has(greedy, Spend::WrongCode).unwrap_err();
        assert!(wait > Duration::ZERO && wait <= Duration::from_secs(6));
        assert!(devices.has(other, Spend::WrongCode).is_ok());
    }

    #[test]
    fn the_table_forgets_the_longest_unseen_devices_when_full() {
        let devices = Devices::default();
        for i in 0..DEVICES_KEPT as u32 + 10 {
            let _ = devices.spend(Device::of(IpAddr::V4(i.into())), Spend::Request);
        }
        let table = devices.table.lock().unwrap();
        assert!(table.len() <= DEVICES_KEPT);
        assert!(table.contains_key(&Device::of(IpAddr::V4((DEVICES_KEPT as u32 + 9).into()))));
    }
}
