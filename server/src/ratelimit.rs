//! The per-client rate limit's arithmetic, and client-address extraction.
//!
//! The limit itself is kept in the database (table `rate_events`, see `db.rs` and `pg.rs`), so
//! every server process on the same database shares one window per client: at most `max` posts
//! in any `window`, checked and recorded inside the transaction that stores the comment.

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::HeaderMap;

use crate::config::RateLimit;

/// How many posts a process handles between sweeps of expired events of all clients.
pub const SWEEP_EVERY: u64 = 1024;

/// Milliseconds since the Unix epoch (the time base of `rate_events.at_ms`).
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// The window as milliseconds.
pub fn window_ms(limit: RateLimit) -> i64 {
    i64::try_from(limit.window.as_millis()).unwrap_or(i64::MAX)
}

/// Events at or before this instant have left the window that ends at `now_ms`.
pub fn expired_before(limit: RateLimit, now_ms: i64) -> i64 {
    now_ms.saturating_sub(window_ms(limit))
}

/// The decision once the client's events still inside the window are known.
///
/// `count` events remain, the oldest at `oldest_ms`. `Err(retry_after)` in whole seconds
/// (at least 1) when one more post would exceed the limit.
pub fn decide(
    limit: RateLimit,
    count: i64,
    oldest_ms: Option<i64>,
    now_ms: i64,
) -> Result<(), u64> {
    if limit.is_disabled() || count < i64::from(limit.max) {
        return Ok(());
    }
    let oldest = oldest_ms.unwrap_or(now_ms);
    let wait_ms = oldest
        .saturating_add(window_ms(limit))
        .saturating_sub(now_ms)
        .max(0);
    let wait = Duration::from_millis(u64::try_from(wait_ms).unwrap_or(0));
    Err(ceil_secs(wait).max(1))
}

/// Rounds a duration up to whole seconds.
fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// The key a client is counted under: an IPv4 address as it is, an IPv6 address by its /64
/// prefix (one subscriber's network: a home or phone gets a whole /64 and can pick any address
/// in it), written `2001:db8:1:2::/64`. IPv4-mapped IPv6 addresses count as IPv4.
pub fn client_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let prefix = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{prefix}/64")
            }
        },
    }
}

/// The client address: the socket peer, or with `trust_proxy` the last `X-Forwarded-For` entry.
///
/// The last entry is the one appended by the (single) trusted reverse proxy;
/// earlier entries are supplied by the client and can be forged.
pub fn client_ip(headers: &HeaderMap, peer: SocketAddr, trust_proxy: bool) -> IpAddr {
    if trust_proxy {
        // Only the very last entry counts; if it is garbage, fall back to the peer
        // rather than to an earlier (client-controlled) entry.
        let last_header = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .next_back();
        let forwarded = last_header
            .and_then(|v| v.rsplit(',').map(str::trim).find(|s| !s.is_empty()))
            .and_then(|s| s.parse::<IpAddr>().ok());
        if let Some(ip) = forwarded {
            return ip;
        }
    }
    peer.ip()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decision_and_retry_after() {
        let limit: RateLimit = "2/10".parse().unwrap();
        assert_eq!(decide(limit, 0, None, 1000), Ok(()));
        assert_eq!(decide(limit, 1, Some(0), 4000), Ok(()));
        // Two posts at 0 ms and 4000 ms: at 5500 ms the oldest leaves at 10000 ms.
        assert_eq!(decide(limit, 2, Some(0), 5500), Err(5));
        assert_eq!(decide(limit, 2, Some(0), 9999), Err(1));
        assert_eq!(expired_before(limit, 10_000), 0);
        assert_eq!(decide(RateLimit::DISABLED, 100, Some(0), 1), Ok(()));
    }

    #[test]
    fn ipv6_clients_count_by_their_64_prefix() {
        let key = |s: &str| client_key(s.parse().unwrap());
        assert_eq!(key("203.0.113.7"), "203.0.113.7");
        assert_eq!(key("::ffff:203.0.113.7"), "203.0.113.7");
        assert_eq!(key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
    }

    #[test]
    fn forwarded_for_only_when_trusted() {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", "1.1.1.1, 2.2.2.2".parse().unwrap());
        let peer: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        assert_eq!(client_ip(&h, peer, false), peer.ip());
        assert_eq!(
            client_ip(&h, peer, true),
            "2.2.2.2".parse::<IpAddr>().unwrap()
        );
        assert_eq!(client_ip(&HeaderMap::new(), peer, true), peer.ip());
    }
}
