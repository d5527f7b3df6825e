//! `gopy ledger verify`: checks the hash chain in the database, or of a
//! remote portal through its public API, and names the first broken entry.

use indicatif::{ProgressBar, ProgressStyle};
use serde::Deserialize;

use crate::db::DbConnection;
use crate::domain::ledger::{Break, Checker};
use crate::models::ledger::Entry;

/// What a verification found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub entries: i64,
    pub broken: Option<Break>,
    /// Rows that differ from what the ledger recorded (local checks only).
    pub drift: Vec<crate::models::ledger::Drift>,
}

impl Verified {
    /// Whether everything checked out.
    pub fn ok(&self) -> bool {
        self.broken.is_none() && self.drift.is_empty()
    }

    /// What to tell the operator: the chain, then each row that drifted.
    pub fn report(&self) -> String {
        let mut lines = vec![self.chain_report()];
        for d in &self.drift {
            lines.push(format!(
                "row CHANGED behind the ledger: {} ({}) differs from ledger entry {}",
                d.subject, d.field, d.seq
            ));
        }
        lines.join("\n")
    }

    fn chain_report(&self) -> String {
        match self.broken {
            None => format!("ledger verified: {} entries, chain intact", self.entries),
            Some(Break::Hash { seq }) => format!(
                "ledger BROKEN at entry {seq}: its hash does not match its content ({} entries before it are intact)",
                self.entries
            ),
            Some(Break::Link { seq }) => format!(
                "ledger BROKEN at entry {seq}: it does not link to the hash of entry {}",
                seq - 1
            ),
            Some(Break::Gap { after, found }) => format!(
                "ledger BROKEN after entry {after}: the next entry is {found} (entries deleted)"
            ),
            Some(Break::Head { seq }) => format!(
                "ledger BROKEN at its head: the head names entry {seq}, the chain ends at {}",
                self.entries
            ),
        }
    }
}

fn bar(total: u64) -> ProgressBar {
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} entries ({per_sec}, {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// Checks the chain in the database.
pub fn verify_local(conn: &mut DbConnection) -> anyhow::Result<Verified> {
    let head = Entry::head(conn)?;
    let progress = bar(head.seq.max(0) as u64);
    let (entries, broken) = Entry::verify(conn, |n| progress.set_position(n as u64))?;
    progress.finish_and_clear();
    let drift = Entry::drift(conn)?;
    Ok(Verified {
        entries,
        broken,
        drift,
    })
}

#[derive(Debug, Deserialize)]
struct RemoteEntry {
    seq: i64,
    payload: String,
    prev_hash: String,
    hash: String,
}

#[derive(Debug, Deserialize)]
struct RemoteHead {
    seq: i64,
    hash: String,
}

#[derive(Debug, Deserialize)]
struct RemotePage {
    entries: Vec<RemoteEntry>,
    next: Option<i64>,
    head: RemoteHead,
}

/// Checks the chain of the portal at `base` (e.g. `https://gopy.example.vn`)
/// by following `GET /api/v1/ledger?after=` to the end.
pub fn verify_remote(base: &str) -> anyhow::Result<Verified> {
    let client = reqwest::blocking::Client::builder()
        .user_agent(concat!("gopy-ledger-verify/", env!("CARGO_PKG_VERSION")))
        .build()?;
    let base = base.trim_end_matches('/');
    let mut checker = Checker::new();
    let mut after = 0;
    let mut progress: Option<ProgressBar> = None;
    let head = loop {
        let page: RemotePage = client
            .get(format!("{base}/api/v1/ledger?after={after}"))
            .send()?
            .error_for_status()?
            .json()?;
        let bar = progress.get_or_insert_with(|| bar(page.head.seq.max(0) as u64));
        for entry in &page.entries {
            if let Some(broken) =
                checker.check(entry.seq, &entry.prev_hash, &entry.payload, &entry.hash)
            {
                bar.finish_and_clear();
                return Ok(Verified {
                    entries: checker.count(),
                    broken: Some(broken),
                    drift: Vec::new(),
                });
            }
        }
        bar.set_position(checker.count() as u64);
        match page.next {
            Some(next) if next > after => after = next,
            _ => break page.head,
        }
    };
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    // Entries appended while we read are fine; a head behind the chain is not.
    let broken = (head.seq < checker.last_seq()
        || (head.seq == checker.last_seq() && head.seq > 0 && head.hash != checker.last_hash()))
    .then_some(Break::Head { seq: head.seq });
    Ok(Verified {
        entries: checker.count(),
        broken,
        drift: Vec::new(),
    })
}
