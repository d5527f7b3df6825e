//! Closes consultation windows on time: every node runs this loop, and the
//! conditional status update lets only one of them close each draft.

use std::time::Duration;

use crate::db::Db;
use crate::models::Draft;

/// How often windows are checked; a window closes at most this late.
const EVERY: Duration = Duration::from_secs(15);

/// Closes every open draft whose window has ended, now and then every [`EVERY`].
pub fn spawn(db: Db) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let now = crate::models::now();
            match db.run(move |c| Draft::close_expired(c, now)).await {
                Ok(closed) => {
                    for slug in closed {
                        tracing::info!(draft = %slug, "consultation window closed");
                    }
                }
                Err(e) => tracing::error!(error = %e, "closing windows failed"),
            }
            tokio::time::sleep(EVERY).await;
        }
    })
}
