//! The laptop's network addresses, labelled the way a facilitator knows them,
//! so the server listens on the one network the room's phones are on.

use serde::{Deserialize, Serialize};

/// Which kind of network an address belongs to, best choice first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum NetworkKind {
    /// The laptop's own hotspot: phones join the laptop's network.
    Hotspot,
    Wlan,
    Ethernet,
    Other,
    /// VPNs and virtual adapters (containers, VMs): phones cannot reach them.
    Vpn,
    Virtual,
    /// Only this computer; for trying the page out on the laptop itself.
    Loopback,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NetworkAddress {
    pub interface: String,
    pub ip: String,
    pub kind: NetworkKind,
}

/// Classifies an interface by its name and address. Names follow the usual
/// Linux, macOS and Windows conventions; an unknown one is "other".
fn kind_of(interface: &str, ip: &std::net::IpAddr) -> NetworkKind {
    let name = interface.to_ascii_lowercase();
    let has = |prefixes: &[&str]| prefixes.iter().any(|p| name.starts_with(p));
    if ip.is_loopback() {
        NetworkKind::Loopback
    } else if has(&[
        "tun",
        "tap",
        "wg",
        "ppp",
        "tailscale",
        "zt",
        "utun",
        "ipsec",
    ]) || name.contains("vpn")
    {
        NetworkKind::Vpn
    } else if has(&[
        "docker", "br-", "virbr", "veth", "vmnet", "vboxnet", "lxc", "lxd", "podman", "cni",
        "flannel",
    ]) || name.contains("virtual")
        || name.contains("vethernet")
        || name.contains("hyper-v")
    {
        NetworkKind::Virtual
    } else if has(&["ap", "uap"]) || name.contains("hotspot") || is_hotspot_range(ip) {
        NetworkKind::Hotspot
    } else if has(&["wl", "wlan", "wifi", "wi-fi", "ath", "ra"])
        || name.contains("wlan")
        || name.contains("wireless")
    {
        NetworkKind::Wlan
    } else if has(&["en", "eth", "em", "ethernet"]) || name.contains("lan") {
        NetworkKind::Ethernet
    } else {
        NetworkKind::Other
    }
}

/// NetworkManager's shared connection (Linux hotspot) hands out 10.42.x.x,
/// Windows' mobile hotspot 192.168.137.x.
fn is_hotspot_range(ip: &std::net::IpAddr) -> bool {
    match ip {
        std::net::IpAddr::V4(v4) => {
            let o = v4.octets();
            (o[0] == 10 && o[1] == 42) || (o[0] == 192 && o[1] == 168 && o[2] == 137)
        }
        std::net::IpAddr::V6(_) => false,
    }
}

/// Every IPv4 address of the laptop, best first (hotspot, WLAN, Ethernet;
/// VPN, virtual adapters and loopback last). IPv4 only: a phone types it.
pub fn addresses() -> Vec<NetworkAddress> {
    let mut found: Vec<NetworkAddress> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| i.ip().is_ipv4())
        .map(|i| NetworkAddress {
            kind: kind_of(&i.name, &i.ip()),
            ip: i.ip().to_string(),
            interface: i.name,
        })
        .collect();
    if !found.iter().any(|a| a.kind == NetworkKind::Loopback) {
        found.push(NetworkAddress {
            interface: "lo".into(),
            ip: "127.0.0.1".into(),
            kind: NetworkKind::Loopback,
        });
    }
    found.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then_with(|| a.interface.cmp(&b.interface))
    });
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str, ip: &str) -> NetworkKind {
        kind_of(name, &ip.parse().unwrap())
    }

    #[test]
    fn interfaces_are_named_as_a_facilitator_knows_them() {
        assert_eq!(kind("wlp2s0", "192.168.178.20"), NetworkKind::Wlan);
        assert_eq!(kind("wlan0", "10.42.0.1"), NetworkKind::Hotspot);
        assert_eq!(kind("enp0s31f6", "192.168.1.4"), NetworkKind::Ethernet);
        assert_eq!(kind("eth0", "10.0.0.5"), NetworkKind::Ethernet);
        assert_eq!(kind("tun0", "10.8.0.2"), NetworkKind::Vpn);
        assert_eq!(kind("wg0", "10.9.0.2"), NetworkKind::Vpn);
        assert_eq!(kind("docker0", "172.17.0.1"), NetworkKind::Virtual);
        assert_eq!(kind("virbr0", "192.168.122.1"), NetworkKind::Virtual);
        assert_eq!(kind("lo", "127.0.0.1"), NetworkKind::Loopback);
        assert_eq!(kind("WLAN", "192.168.137.1"), NetworkKind::Hotspot);
    }

    #[test]
    fn the_best_choice_comes_first_and_loopback_is_always_there() {
        let all = addresses();
        assert!(all.iter().any(|a| a.ip == "127.0.0.1"), "{all:?}");
        assert!(all.windows(2).all(|w| w[0].kind <= w[1].kind), "{all:?}");
    }
}
