//! Password hashing with argon2id. Each call costs ~25 ms of CPU: callers run
//! it on the blocking pool (`web::block`), never on an async worker.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::domain::Password;

/// A PHC string for `password` (argon2id, the crate's default parameters).
pub fn hash(password: &Password) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

/// True when `candidate` matches `stored`. With no stored hash (unknown
/// account, or one without a password) a dummy hash is checked anyway, so the
/// answer takes as long either way and reveals nothing.
pub fn verify(candidate: &str, stored: Option<&str>) -> bool {
    let dummy = dummy_hash();
    let (hash, real) = match stored {
        Some(h) => (h, true),
        None => (dummy.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let ok = Argon2::default()
        .verify_password(candidate.as_bytes(), &parsed)
        .is_ok();
    ok && real
}

fn dummy_hash() -> &'static String {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        hash(&Password::parse("not a real password, only for timing").expect("valid"))
            .expect("hashing works")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let password = Password::parse("mật khẩu đủ dài").unwrap();
        let stored = hash(&password).unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("mật khẩu đủ dài", Some(&stored)));
        assert!(!verify("mật khẩu sai rồi", Some(&stored)));
        assert!(!verify("mật khẩu đủ dài", None));
        assert!(!verify("x", Some("not a hash")));
    }
}
