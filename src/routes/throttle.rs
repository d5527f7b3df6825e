//! Rate limits as handlers use them: who is asking, and whether one more
//! request stays within a limit (counters live in the database, see
//! [`crate::models::RateLimit`]).

use actix_web::HttpRequest;

use crate::db::Db;
use crate::domain::limits::Limit;
use crate::error::AppResult;
use crate::models::RateLimit;

/// The client's IP address: the peer of the connection (no proxy headers
/// are trusted yet).
pub fn client_ip(req: &HttpRequest) -> String {
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// True when one more hit in `bucket` stays within `limit` (and counts it).
pub async fn within(db: &Db, bucket: String, limit: Limit) -> AppResult<bool> {
    let hits = db
        .write(move |c| RateLimit::hit(c, &bucket, limit.window))
        .await?;
    Ok(hits <= limit.max)
}
