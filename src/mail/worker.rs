//! The outbox worker inside `gopy serve`: claims due e-mails, sends them,
//! marks them sent, retries failures with exponential backoff. Claims are
//! conditional row updates, so several nodes never send the same e-mail.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use super::Mailer;
use crate::db::Db;
use crate::models::OutboxMail;

/// How many e-mails one round claims.
const BATCH: i64 = 20;
/// How often the worker looks for mail queued by other nodes.
const POLL: Duration = Duration::from_secs(1);
/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);

/// Sends queued e-mail until the runtime shuts down.
pub struct OutboxWorker {
    pub db: Db,
    pub mailer: Arc<Mailer>,
    pub node: String,
    pub retry: Duration,
    /// How long a claim lasts before another node (or this one restarted
    /// after a crash) may take the row over.
    pub lease: chrono::Duration,
    pub wake: Arc<Notify>,
}

/// The wait before attempt `attempts + 1`: `base`, doubling, at most an hour.
pub fn backoff(base: Duration, attempts: i32) -> Duration {
    let factor = 2u32.saturating_pow(attempts.clamp(0, 16) as u32);
    base.saturating_mul(factor).min(MAX_BACKOFF)
}

impl OutboxWorker {
    /// Runs the loop on the current runtime.
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(self.run())
    }

    async fn run(self) {
        loop {
            let sent_full_batch = match self.round().await {
                Ok(n) => n as i64 == BATCH,
                Err(e) => {
                    tracing::error!(error = %e, "outbox round failed");
                    false
                }
            };
            if !sent_full_batch {
                tokio::select! {
                    _ = self.wake.notified() => {}
                    _ = tokio::time::sleep(POLL) => {}
                }
            }
        }
    }

    /// One round: claim, send, record. Returns how many were claimed.
    async fn round(&self) -> anyhow::Result<usize> {
        let node = self.node.clone();
        let lease = self.lease;
        let batch = self
            .db
            .write(move |c| OutboxMail::claim(c, &node, lease, BATCH))
            .await?;
        let claimed = batch.len();
        for mail in batch {
            let id = mail.id;
            let node = self.node.clone();
            match self.mailer.send(&mail).await {
                Ok(()) => {
                    tracing::info!(outbox_id = id, "e-mail sent");
                    self.db
                        .write(move |c| OutboxMail::mark_sent(c, id, &node))
                        .await?;
                }
                Err(e) => {
                    let wait = backoff(self.retry, mail.attempts);
                    tracing::warn!(outbox_id = id, error = %e, retry_in = ?wait, "e-mail not sent");
                    let error = e.to_string();
                    let wait = chrono::Duration::from_std(wait).unwrap_or(self.lease);
                    self.db
                        .write(move |c| OutboxMail::mark_failed(c, id, &node, &error, wait))
                        .await?;
                }
            }
        }
        Ok(claimed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        let base = Duration::from_secs(30);
        assert_eq!(backoff(base, 0), Duration::from_secs(30));
        assert_eq!(backoff(base, 1), Duration::from_secs(60));
        assert_eq!(backoff(base, 3), Duration::from_secs(240));
        assert_eq!(backoff(base, 20), MAX_BACKOFF);
        assert_eq!(backoff(base, -1), base);
    }
}
