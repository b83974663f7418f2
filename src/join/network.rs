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

/// One adapter as the system reports it: what the classification needs.
#[derive(Debug, Clone)]
pub struct Adapter {
    /// The name the system shows: `wlp2s0` on Linux, `WLAN` or
    /// `LAN-Verbindung* 10` on a German Windows.
    pub name: String,
    pub ip: std::net::IpAddr,
    /// Down, not present or without its lower layer: no phone reaches it.
    pub down: bool,
    /// A point-to-point link (PPP, a tunnel): a VPN, whatever its name.
    pub point_to_point: bool,
}

/// Names, in lower case, that only VPN software gives its adapters. On
/// Windows the adapter's name may be the software's ("OpenVPN TAP-Windows6",
/// "NordLynx") or a generic one ("Ethernet 2"); the generic ones are found
/// by their link or their address instead.
const VPN_NAMES: &[&str] = &[
    "vpn",
    "tap-windows",
    "wintun",
    "wireguard",
    "tailscale",
    "zerotier",
    "nordlynx",
    "mullvad",
    "anyconnect",
    "forti",
    "globalprotect",
    "pangp",
    "juniper",
    "pulse secure",
];

/// Names of adapters that belong to virtual machines and containers.
const VIRTUAL_NAMES: &[&str] = &[
    "virtual",
    "vethernet",
    "hyper-v",
    "vmware",
    "virtualbox",
    "wsl",
];

/// The kind of an adapter's address, or none for one not to offer at all:
/// an adapter that is down, and a self-assigned address (169.254.x.x, what
/// Windows gives an adapter that found no network).
pub fn classify(adapter: &Adapter) -> Option<NetworkKind> {
    let ip = &adapter.ip;
    if ip.is_loopback() {
        return Some(NetworkKind::Loopback);
    }
    if adapter.down || ip.is_unspecified() {
        return None;
    }
    if let std::net::IpAddr::V4(v4) = ip {
        if v4.is_link_local() {
            return None;
        }
    }
    Some(kind_of(adapter))
}

/// Classifies an adapter by its link, name and address. Names follow the
/// usual Linux, macOS and Windows conventions (English and German); an
/// unknown one is "other".
fn kind_of(adapter: &Adapter) -> NetworkKind {
    let name = adapter.name.to_lowercase();
    let has = |prefixes: &[&str]| prefixes.iter().any(|p| name.starts_with(p));
    let contains = |parts: &[&str]| parts.iter().any(|p| name.contains(p));
    if adapter.point_to_point
        || has(&["tun", "tap", "wg", "ppp", "zt", "utun", "ipsec"])
        || contains(VPN_NAMES)
        || is_carrier_grade_nat(&adapter.ip)
    {
        NetworkKind::Vpn
    } else if has(&[
        "docker", "br-", "virbr", "veth", "vmnet", "vboxnet", "lxc", "lxd", "podman", "cni",
        "flannel",
    ]) || contains(VIRTUAL_NAMES)
    {
        NetworkKind::Virtual
    } else if has(&["ap", "uap"]) || name.contains("hotspot") || is_hotspot_range(&adapter.ip) {
        NetworkKind::Hotspot
    } else if has(&["wl", "wlan", "wifi", "wi-fi", "ath", "ra"])
        || contains(&["wlan", "wireless", "drahtlos", "wi-fi"])
    {
        NetworkKind::Wlan
    } else if contains(&[
        "mobilfunk",
        "cellular",
        "mobile broadband",
        "wwan",
        "bluetooth",
    ]) {
        // A phone cannot reach the laptop through the carrier or a
        // Bluetooth tether.
        NetworkKind::Other
    } else if has(&["en", "eth", "em", "ethernet"]) || name.contains("lan") {
        NetworkKind::Ethernet
    } else {
        NetworkKind::Other
    }
}

/// 100.64.0.0/10: the addresses Tailscale and carrier NAT hand out, never
/// the ones of a room's Wi-Fi.
fn is_carrier_grade_nat(ip: &std::net::IpAddr) -> bool {
    match ip {
        std::net::IpAddr::V4(v4) => {
            let o = v4.octets();
            o[0] == 100 && (64..128).contains(&o[1])
        }
        std::net::IpAddr::V6(_) => false,
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

/// The addresses to offer, best first (hotspot, WLAN, Ethernet; VPN,
/// virtual adapters and loopback last), loopback always among them.
pub fn offered(adapters: Vec<Adapter>) -> Vec<NetworkAddress> {
    let mut found: Vec<NetworkAddress> = adapters
        .into_iter()
        .filter(|a| a.ip.is_ipv4())
        .filter_map(|a| {
            Some(NetworkAddress {
                kind: classify(&a)?,
                ip: a.ip.to_string(),
                interface: a.name,
            })
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

/// Every IPv4 address of the laptop worth offering, best first. IPv4 only:
/// a phone's user may have to type it.
pub fn addresses() -> Vec<NetworkAddress> {
    use if_addrs::IfOperStatus;
    let adapters = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .map(|i| Adapter {
            ip: i.ip(),
            down: matches!(
                i.oper_status,
                IfOperStatus::Down | IfOperStatus::NotPresent | IfOperStatus::LowerLayerDown
            ),
            point_to_point: i.is_p2p,
            name: i.name,
        })
        .collect();
    offered(adapters)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adapter(name: &str, ip: &str) -> Adapter {
        Adapter {
            name: name.into(),
            ip: ip.parse().unwrap(),
            down: false,
            point_to_point: false,
        }
    }

    fn kind(name: &str, ip: &str) -> NetworkKind {
        classify(&adapter(name, ip)).unwrap()
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

    /// The adapter names Windows 10 and 11 really show, English and German.
    #[test]
    fn windows_adapters_are_named_as_windows_names_them() {
        for (name, ip, expected) in [
            ("Wi-Fi", "192.168.178.31", NetworkKind::Wlan),
            ("WLAN", "192.168.178.31", NetworkKind::Wlan),
            ("WLAN 2", "10.10.4.17", NetworkKind::Wlan),
            (
                "Drahtlosnetzwerkverbindung",
                "192.168.0.12",
                NetworkKind::Wlan,
            ),
            ("Ethernet", "192.168.1.20", NetworkKind::Ethernet),
            ("LAN-Verbindung", "192.168.1.20", NetworkKind::Ethernet),
            // The mobile hotspot's adapter (Wi-Fi Direct), by its range.
            ("LAN-Verbindung* 10", "192.168.137.1", NetworkKind::Hotspot),
            (
                "Local Area Connection* 2",
                "192.168.137.1",
                NetworkKind::Hotspot,
            ),
            (
                "vEthernet (Default Switch)",
                "172.26.80.1",
                NetworkKind::Virtual,
            ),
            ("vEthernet (WSL)", "172.22.96.1", NetworkKind::Virtual),
            (
                "VMware Network Adapter VMnet8",
                "192.168.80.1",
                NetworkKind::Virtual,
            ),
            (
                "VMware Network Adapter VMnet1",
                "192.168.56.1",
                NetworkKind::Virtual,
            ),
            (
                "VirtualBox Host-Only Network",
                "192.168.56.1",
                NetworkKind::Virtual,
            ),
            ("OpenVPN TAP-Windows6", "10.8.0.6", NetworkKind::Vpn),
            ("NordLynx", "10.5.0.2", NetworkKind::Vpn),
            ("Tailscale", "100.101.102.103", NetworkKind::Vpn),
            (
                "ZeroTier One [8056c2e21c000001]",
                "10.147.17.5",
                NetworkKind::Vpn,
            ),
            (
                "Cisco AnyConnect Secure Mobility Client Connection",
                "10.200.1.9",
                NetworkKind::Vpn,
            ),
            ("Mobilfunk", "10.140.2.7", NetworkKind::Other),
            (
                "Bluetooth-Netzwerkverbindung",
                "192.168.44.2",
                NetworkKind::Other,
            ),
        ] {
            assert_eq!(kind(name, ip), expected, "{name} ({ip})");
        }
    }

    /// A VPN with a generic name is told by its link or by its address.
    #[test]
    fn a_vpn_with_a_generic_name_is_still_a_vpn() {
        let tunnel = Adapter {
            point_to_point: true,
            ..adapter("Ethernet 2", "10.20.30.40")
        };
        assert_eq!(classify(&tunnel), Some(NetworkKind::Vpn));
        assert_eq!(kind("LAN-Verbindung 2", "100.84.12.7"), NetworkKind::Vpn);
        assert_eq!(kind("Ethernet 2", "192.168.2.4"), NetworkKind::Ethernet);
    }

    #[test]
    fn adapters_that_are_down_or_found_no_network_are_not_offered() {
        let down = Adapter {
            down: true,
            ..adapter("Ethernet", "192.168.1.20")
        };
        assert_eq!(classify(&down), None);
        assert_eq!(classify(&adapter("Ethernet", "169.254.12.7")), None);
        let offered = offered(vec![
            down,
            adapter("WLAN", "169.254.3.3"),
            adapter("VMware Network Adapter VMnet8", "192.168.80.1"),
            adapter("WLAN", "192.168.178.31"),
            adapter("LAN-Verbindung* 10", "192.168.137.1"),
        ]);
        let shown: Vec<(&str, NetworkKind)> =
            offered.iter().map(|a| (a.ip.as_str(), a.kind)).collect();
        assert_eq!(
            shown,
            [
                ("192.168.137.1", NetworkKind::Hotspot),
                ("192.168.178.31", NetworkKind::Wlan),
                ("192.168.80.1", NetworkKind::Virtual),
                ("127.0.0.1", NetworkKind::Loopback),
            ]
        );
    }

    #[test]
    fn the_best_choice_comes_first_and_loopback_is_always_there() {
        let all = addresses();
        assert!(all.iter().any(|a| a.ip == "127.0.0.1"), "{all:?}");
        assert!(all.windows(2).all(|w| w[0].kind <= w[1].kind), "{all:?}");
    }
}
