//! The ledger's arithmetic, the same for the server, `gopy ledger verify` and
//! anyone re-checking by hand: an entry's hash is the hex SHA-256 of the
//! previous entry's hash (64 hex characters) followed immediately by the
//! entry's canonical JSON payload, both as UTF-8.

use sha2::{Digest, Sha256};

/// The "previous hash" of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of an entry whose predecessor's hash is `prev` and whose payload is `payload`.
pub fn entry_hash(prev: &str, payload: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev.as_bytes());
    hasher.update(payload.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where the chain first breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Break {
    /// The entry's `prev_hash` is not the hash of the entry before it.
    Link { seq: i64 },
    /// The entry's hash is not the SHA-256 of its content.
    Hash { seq: i64 },
    /// Numbers are missing (entries deleted) between `after` and `found`.
    Gap { after: i64, found: i64 },
    /// The recorded head is not where the chain ends.
    Head { seq: i64 },
}

impl Break {
    /// The entry number to look at.
    pub fn seq(&self) -> i64 {
        match *self {
            Break::Link { seq } | Break::Hash { seq } | Break::Head { seq } => seq,
            Break::Gap { after, .. } => after + 1,
        }
    }
}

/// Checks entries one after the other, from the first.
#[derive(Debug, Clone)]
pub struct Checker {
    last_seq: i64,
    last_hash: String,
    count: i64,
}

impl Default for Checker {
    fn default() -> Self {
        Checker::new()
    }
}

impl Checker {
    /// A checker expecting entry 1.
    pub fn new() -> Checker {
        Checker {
            last_seq: 0,
            last_hash: GENESIS.to_string(),
            count: 0,
        }
    }

    /// Checks the next entry; the first break found, if any.
    pub fn check(&mut self, seq: i64, prev_hash: &str, payload: &str, hash: &str) -> Option<Break> {
        if seq != self.last_seq + 1 {
            return Some(Break::Gap {
                after: self.last_seq,
                found: seq,
            });
        }
        if prev_hash != self.last_hash {
            return Some(Break::Link { seq });
        }
        if entry_hash(prev_hash, payload) != hash || !payload_names(payload, seq) {
            return Some(Break::Hash { seq });
        }
        self.last_seq = seq;
        self.last_hash = hash.to_string();
        self.count += 1;
        None
    }

    /// Entries checked so far.
    pub fn count(&self) -> i64 {
        self.count
    }

    /// The number of the last good entry.
    pub fn last_seq(&self) -> i64 {
        self.last_seq
    }

    /// The hash of the last good entry.
    pub fn last_hash(&self) -> &str {
        &self.last_hash
    }
}

/// Whether the payload carries its own number (so entries can't be reordered).
fn payload_names(payload: &str, seq: i64) -> bool {
    serde_json::from_str::<serde_json::Value>(payload)
        .ok()
        .and_then(|v| v.get("seq").and_then(serde_json::Value::as_i64))
        == Some(seq)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<(i64, String, String, String)> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let payload = format!(r#"{{"kind":"comment.published","seq":{seq}}}"#);
                let hash = entry_hash(&prev, &payload);
                let entry = (seq, prev.clone(), payload, hash.clone());
                prev = hash;
                entry
            })
            .collect()
    }

    fn first_break(entries: &[(i64, String, String, String)]) -> Option<Break> {
        let mut checker = Checker::new();
        entries
            .iter()
            .find_map(|(seq, prev, payload, hash)| checker.check(*seq, prev, payload, hash))
    }

    #[test]
    fn a_good_chain_verifies_and_the_hash_is_reproducible() {
        assert_eq!(first_break(&chain(50)), None);
        // Computed independently: python3 -c "import hashlib;
        // print(hashlib.sha256(('0'*64+'{}').encode()).hexdigest())"
        assert_eq!(
            entry_hash(GENESIS, "{}"),
            "5508d2b710e64bc470079e1b211d9c58e21011e59d0559e422345dc19d659a75"
        );
    }

    #[test]
    fn an_edited_payload_a_broken_link_and_a_deleted_entry_are_found_where_they_are() {
        let mut edited = chain(10);
        edited[6].2 = edited[6].2.replace("published", "hidden");
        assert_eq!(first_break(&edited), Some(Break::Hash { seq: 7 }));

        let mut relinked = chain(10);
        relinked[4].1 = GENESIS.to_string();
        assert_eq!(first_break(&relinked), Some(Break::Link { seq: 5 }));

        let mut deleted = chain(10);
        deleted.remove(3);
        assert_eq!(
            first_break(&deleted),
            Some(Break::Gap { after: 3, found: 5 })
        );

        // Rewriting an entry and its hash still breaks the next link.
        let mut rewritten = chain(10);
        rewritten[2].2 = rewritten[2].2.replace("published", "hidden");
        rewritten[2].3 = entry_hash(&rewritten[2].1, &rewritten[2].2);
        assert_eq!(first_break(&rewritten), Some(Break::Link { seq: 4 }));
    }
}
