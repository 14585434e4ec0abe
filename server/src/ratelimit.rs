//! In-memory sliding-window rate limiter keyed by client address, and client-address extraction.

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::HeaderMap;

use crate::config::RateLimit;

/// How many acquisitions between sweeps of idle clients out of the table.
const SWEEP_EVERY: u64 = 1024;

/// Per-client sliding-window limiter: at most `max` acquisitions in any `window`.
pub struct RateLimiter {
    limit: RateLimit,
    state: Mutex<State>,
}

/// The mutable part of the limiter.
#[derive(Default)]
struct State {
    clients: HashMap<IpAddr, VecDeque<Instant>>,
    calls: u64,
}

impl RateLimiter {
    /// A limiter enforcing `limit`.
    pub fn new(limit: RateLimit) -> Self {
        RateLimiter {
            limit,
            state: Mutex::new(State::default()),
        }
    }

    /// Records one post by `client`; `Err(retry_after)` (whole seconds, at least 1) if over the limit.
    pub fn try_acquire(&self, client: IpAddr) -> Result<(), u64> {
        self.try_acquire_at(client, Instant::now())
    }

    /// [`Self::try_acquire`] at a given instant (for tests).
    pub fn try_acquire_at(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        if self.limit.is_disabled() {
            return Ok(());
        }
        let window = self.limit.window;
        // A poisoned lock only means another request panicked mid-update; the
        // table is still usable, so keep limiting rather than failing open.
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.calls += 1;
        if state.calls.is_multiple_of(SWEEP_EVERY) {
            state.clients.retain(|_, q| {
                q.back()
                    .is_some_and(|&t| now.saturating_duration_since(t) < window)
            });
        }
        let queue = state.clients.entry(client).or_default();
        while queue
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) >= window)
        {
            queue.pop_front();
        }
        if queue.len() >= self.limit.max as usize {
            let oldest = queue.front().copied().unwrap_or(now);
            let wait = window.saturating_sub(now.saturating_duration_since(oldest));
            return Err(ceil_secs(wait).max(1));
        }
        queue.push_back(now);
        Ok(())
    }
}

/// Rounds a duration up to whole seconds.
fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
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
    fn sliding_window() {
        let rl = RateLimiter::new("2/10".parse().unwrap());
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let other: IpAddr = "10.0.0.2".parse().unwrap();
        let t0 = Instant::now();
        assert!(rl.try_acquire_at(ip, t0).is_ok());
        assert!(rl.try_acquire_at(ip, t0 + Duration::from_secs(4)).is_ok());
        assert_eq!(
            rl.try_acquire_at(ip, t0 + Duration::from_millis(5500)),
            Err(5)
        );
        assert!(rl
            .try_acquire_at(other, t0 + Duration::from_secs(5))
            .is_ok());
        assert!(rl.try_acquire_at(ip, t0 + Duration::from_secs(10)).is_ok());
        assert_eq!(rl.try_acquire_at(ip, t0 + Duration::from_secs(10)), Err(4));
    }

    #[test]
    fn disabled_never_refuses() {
        let rl = RateLimiter::new(RateLimit::DISABLED);
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        for _ in 0..100 {
            assert!(rl.try_acquire(ip).is_ok());
        }
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
