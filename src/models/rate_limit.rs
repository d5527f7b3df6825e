//! The `rate_limits` table: fixed-window counters in the database, so a limit
//! holds across app nodes and restarts.

use chrono::Duration;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::rate_limits;

/// Operations on rate-limit buckets (`login:account:…`, `login:ip:…`).
pub struct RateLimit;

impl RateLimit {
    /// Hits counted in the bucket's current window (0 once the window is over).
    pub fn count(conn: &mut DbConnection, bucket: &str, window: Duration) -> QueryResult<i32> {
        let since = super::now() - window;
        Ok(rate_limits::table
            .filter(rate_limits::bucket.eq(bucket))
            .filter(rate_limits::window_start.gt(since))
            .select(rate_limits::hits)
            .first(conn)
            .optional()?
            .unwrap_or(0))
    }

    /// Counts one hit and returns the window's total. Each statement is atomic,
    /// so concurrent hits from several nodes are all counted.
    pub fn hit(conn: &mut DbConnection, bucket: &str, window: Duration) -> QueryResult<i32> {
        let now = super::now();
        per_backend!(conn, |c| diesel::insert_into(rate_limits::table)
            .values((
                rate_limits::bucket.eq(bucket),
                rate_limits::window_start.eq(now),
                rate_limits::hits.eq(0),
            ))
            .on_conflict(rate_limits::bucket)
            .do_nothing()
            .execute(c))?;
        diesel::update(
            rate_limits::table
                .filter(rate_limits::bucket.eq(bucket))
                .filter(rate_limits::window_start.le(now - window)),
        )
        .set((rate_limits::window_start.eq(now), rate_limits::hits.eq(0)))
        .execute(conn)?;
        diesel::update(rate_limits::table.filter(rate_limits::bucket.eq(bucket)))
            .set(rate_limits::hits.eq(rate_limits::hits + 1))
            .execute(conn)?;
        rate_limits::table
            .filter(rate_limits::bucket.eq(bucket))
            .select(rate_limits::hits)
            .first(conn)
    }

    /// Forgets a bucket (after a successful sign-in).
    pub fn clear(conn: &mut DbConnection, bucket: &str) -> QueryResult<()> {
        diesel::delete(rate_limits::table.filter(rate_limits::bucket.eq(bucket)))
            .execute(conn)
            .map(|_| ())
    }
}
