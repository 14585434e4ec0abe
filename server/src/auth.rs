//! Who is moderating: named moderators with their own tokens (stored only as Argon2id hashes),
//! the old shared `--moderation-token` as an unnamed admin, and a per-client back-off after
//! failed sign-ins.
//!
//! A named token reads `avm_<id>_<64 hex digits>`: the id finds the moderator's row, the hex
//! digits (32 random bytes from the OS) are checked against its Argon2id hash. A token checked
//! once is remembered by its SHA-256 in this process, so the slow hash runs once per token and
//! process; the row is still read on every request, so a revoked token stops working at once on
//! every instance.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::model::Moderator;
use crate::store::{in_tx, DbError, Store};
use crate::tx::StoreTx;

/// The audit log's name for whoever uses the shared `--moderation-token`.
pub const ADMIN_NAME: &str = "admin";
/// The audit log's name for the `approve`/`reject` subcommands.
pub const CLI_NAME: &str = "command line";
/// Shared tokens shorter than this get a warning at start.
pub const MIN_SHARED_TOKEN_CHARS: usize = 32;
/// Prefix of named tokens.
const TOKEN_PREFIX: &str = "avm_";
/// Failed sign-ins a client may make before it has to wait.
pub const FREE_FAILURES: u32 = 5;
/// Longest wait imposed after failed sign-ins.
pub const MAX_BACKOFF: Duration = Duration::from_secs(15 * 60);
/// Clients remembered by the back-off table at most (the oldest are forgotten first).
const MAX_CLIENTS: usize = 100_000;

/// Errors of the `moderators` subcommands.
#[derive(Debug, thiserror::Error)]
pub enum ModeratorError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// The name is empty, too long or has control characters.
    #[error("a moderator's name must be 1–80 characters without control characters")]
    BadName,
    /// The name is in use (also by a revoked moderator).
    #[error("there is already a moderator called {0:?} (names of revoked moderators stay taken)")]
    NameTaken(String),
    /// No active moderator has the name.
    #[error("there is no active moderator called {0:?}")]
    NoSuchModerator(String),
    /// Hashing failed.
    #[error("cannot hash the token: {0}")]
    Hash(String),
}

/// Argon2id hash (PHC string) of a token's secret part.
fn hash_secret(secret: &str) -> Result<String, ModeratorError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ModeratorError::Hash(e.to_string()))
}

/// True if `secret` matches the PHC string `hash`.
pub fn verify_secret(secret: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(secret.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// 32 random bytes from the OS as 64 hex digits.
fn random_secret() -> String {
    let mut bytes = [0_u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Splits a named token into (moderator id, secret).
pub fn parse_token(token: &str) -> Option<(i64, &str)> {
    let rest = token.strip_prefix(TOKEN_PREFIX)?;
    let (id, secret) = rest.split_once('_')?;
    let id = id.parse::<i64>().ok().filter(|&i| i > 0)?;
    (secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_hexdigit())).then_some((id, secret))
}

impl Store {
    /// Adds a moderator; returns the new token (shown once, stored only as a hash).
    pub async fn add_moderator(&self, name: &str) -> Result<String, ModeratorError> {
        let name = name.trim().to_owned();
        if name.is_empty()
            || name.chars().count() > article_viewer_rules::MAX_NAME_CHARS
            || name.chars().any(char::is_control)
        {
            return Err(ModeratorError::BadName);
        }
        let secret = random_secret();
        let hash = tokio::task::spawn_blocking({
            let secret = secret.clone();
            move || hash_secret(&secret)
        })
        .await
        .map_err(DbError::from)??;
        let n = name.clone();
        let id: Option<i64> = in_tx!(self, write, |tx| tx.add_moderator(&n, &hash).await)?;
        match id {
            Some(id) => Ok(format!("{TOKEN_PREFIX}{id}_{secret}")),
            None => Err(ModeratorError::NameTaken(name)),
        }
    }

    /// Every moderator, revoked ones too.
    pub async fn moderators(&self) -> Result<Vec<Moderator>, DbError> {
        in_tx!(self, read, |tx| tx.moderators().await)
    }

    /// Revokes a moderator's token.
    pub async fn revoke_moderator(&self, name: &str) -> Result<(), ModeratorError> {
        let n = name.trim().to_owned();
        let done: bool = in_tx!(self, write, |tx| tx.revoke_moderator(&n).await)?;
        if done {
            Ok(())
        } else {
            Err(ModeratorError::NoSuchModerator(name.to_owned()))
        }
    }

    /// Moderator `id`.
    pub async fn moderator(&self, id: i64) -> Result<Option<Moderator>, DbError> {
        in_tx!(self, read, |tx| tx.moderator(id).await)
    }
}

/// Who a request acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The name written in the audit log.
    pub name: String,
    /// True for the shared token (no name of its own).
    pub shared: bool,
}

/// Why a sign-in failed.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// No token matches.
    #[error("wrong or missing token")]
    Wrong,
    /// Too many failures from this client: wait this many seconds.
    #[error("too many failed sign-ins; retry after {0} s")]
    Backoff(u64),
    /// Nothing can sign in: no shared token and no moderators.
    #[error("the moderation API is disabled")]
    Disabled,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

/// One client's failed sign-ins.
#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

/// The wait after `count` failures: none for the first [`FREE_FAILURES`], then 1 s, 2 s, 4 s …
/// up to [`MAX_BACKOFF`].
pub fn backoff_for(count: u32) -> Duration {
    if count < FREE_FAILURES {
        return Duration::ZERO;
    }
    let exp = (count - FREE_FAILURES).min(20);
    Duration::from_secs(1_u64 << exp).min(MAX_BACKOFF)
}

/// Checks moderation tokens for the server.
pub struct Authenticator {
    shared: Option<String>,
    verified: Mutex<HashMap<[u8; 32], (i64, String)>>,
    failures: Mutex<HashMap<String, Failures>>,
}

impl Authenticator {
    /// An authenticator with the shared token `shared` (trimmed; empty means none).
    pub fn new(shared: Option<&str>) -> Self {
        Authenticator {
            shared: shared
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned),
            verified: Mutex::new(HashMap::new()),
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// The seconds `client` must still wait, if it is backed off.
    fn waiting(&self, client: &str) -> Option<u64> {
        let failures = self.failures.lock().ok()?;
        let f = failures.get(client)?;
        let until = f.last + backoff_for(f.count);
        let left = until.checked_duration_since(Instant::now())?;
        Some(left.as_secs() + u64::from(left.subsec_nanos() > 0)).filter(|&s| s > 0)
    }

    /// Records a failed sign-in of `client`.
    fn failed(&self, client: &str) {
        let Ok(mut failures) = self.failures.lock() else {
            return;
        };
        let now = Instant::now();
        if failures.len() >= MAX_CLIENTS {
            failures.retain(|_, f| now.duration_since(f.last) < MAX_BACKOFF * 2);
            if failures.len() >= MAX_CLIENTS {
                if let Some(oldest) = failures
                    .iter()
                    .min_by_key(|(_, f)| f.last)
                    .map(|(k, _)| k.clone())
                {
                    failures.remove(&oldest);
                }
            }
        }
        let f = failures.entry(client.to_owned()).or_insert(Failures {
            count: 0,
            last: now,
        });
        // A client quiet for twice the longest wait starts afresh.
        if now.duration_since(f.last) > MAX_BACKOFF * 2 {
            f.count = 0;
        }
        f.count += 1;
        f.last = now;
    }

    /// Checks `presented` (the bearer token, if any) for `client` (see `ratelimit::client_key`).
    pub async fn check(
        &self,
        store: &Store,
        presented: Option<&str>,
        client: &str,
    ) -> Result<Actor, AuthError> {
        if let Some(wait) = self.waiting(client) {
            return Err(AuthError::Backoff(wait));
        }
        let presented = presented.map(str::trim).unwrap_or("");
        if let Some(shared) = &self.shared {
            if bool::from(presented.as_bytes().ct_eq(shared.as_bytes())) {
                self.succeeded(client);
                return Ok(Actor {
                    name: ADMIN_NAME.into(),
                    shared: true,
                });
            }
        }
        if let Some((id, secret)) = parse_token(presented) {
            if let Some(m) = store.moderator(id).await? {
                if m.revoked.is_none() && self.secret_matches(presented, id, secret, &m).await {
                    self.succeeded(client);
                    return Ok(Actor {
                        name: m.name,
                        shared: false,
                    });
                }
            }
        }
        if self.shared.is_none()
            && !store
                .moderators()
                .await?
                .iter()
                .any(|m| m.revoked.is_none())
        {
            return Err(AuthError::Disabled);
        }
        self.failed(client);
        Err(AuthError::Wrong)
    }

    /// Forgets `client`'s failures.
    fn succeeded(&self, client: &str) {
        if let Ok(mut failures) = self.failures.lock() {
            failures.remove(client);
        }
    }

    /// Checks a named token's secret against the moderator's hash (once per token and process).
    async fn secret_matches(&self, token: &str, id: i64, secret: &str, m: &Moderator) -> bool {
        let digest: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        if let Ok(verified) = self.verified.lock() {
            if verified
                .get(&digest)
                .is_some_and(|(vid, hash)| *vid == id && *hash == m.token_hash)
            {
                return true;
            }
        }
        let (secret, hash) = (secret.to_owned(), m.token_hash.clone());
        let ok = tokio::task::spawn_blocking(move || verify_secret(&secret, &hash))
            .await
            .unwrap_or(false);
        if ok {
            if let Ok(mut verified) = self.verified.lock() {
                verified.insert(digest, (id, m.token_hash.clone()));
            }
        }
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_parse_and_hash() {
        let secret = random_secret();
        assert_eq!(secret.len(), 64);
        let token = format!("avm_12_{secret}");
        assert_eq!(parse_token(&token), Some((12, secret.as_str())));
        assert_eq!(parse_token("avm_x_00"), None);
        assert_eq!(parse_token("ab"), None);
        let hash = hash_secret(&secret).unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_secret(&secret, &hash));
        assert!(!verify_secret(&random_secret(), &hash));
    }

    #[test]
    fn backoff_grows_after_the_free_failures() {
        assert_eq!(backoff_for(0), Duration::ZERO);
        assert_eq!(backoff_for(FREE_FAILURES - 1), Duration::ZERO);
        assert_eq!(backoff_for(FREE_FAILURES), Duration::from_secs(1));
        assert_eq!(backoff_for(FREE_FAILURES + 3), Duration::from_secs(8));
        assert_eq!(backoff_for(1000), MAX_BACKOFF);
    }

    #[test]
    fn failures_back_a_client_off_and_success_forgives() {
        let a = Authenticator::new(Some("  shared-token  "));
        for _ in 0..FREE_FAILURES {
            assert!(a.waiting("1.2.3.4").is_none());
            a.failed("1.2.3.4");
        }
        assert_eq!(a.waiting("1.2.3.4"), Some(1));
        assert!(a.waiting("5.6.7.8").is_none());
        a.succeeded("1.2.3.4");
        assert!(a.waiting("1.2.3.4").is_none());
        assert_eq!(a.shared.as_deref(), Some("shared-token"));
    }
}
