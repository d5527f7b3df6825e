//! The portal-wide statistics behind `/stats`: comments per day, per author
//! category, and answers per agency by decision. Each is one grouped query,
//! so the cost follows the number of days, categories and agencies, not the
//! number of comments read into memory.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Timestamp};

use crate::db::DbConnection;
use crate::db::schema::{agencies, comments, drafts, responses};

use super::comment::status;

/// Counted comments (published and hidden) published on each day, in
/// Vietnam's calendar, from `since` (inclusive); days without any are absent.
pub fn comments_per_day(
    conn: &mut DbConnection,
    since: NaiveDateTime,
) -> QueryResult<BTreeMap<NaiveDate, i64>> {
    #[derive(QueryableByName)]
    struct Day {
        #[diesel(sql_type = Text)]
        day: String,
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    // Timestamps are stored in UTC; the day is Vietnam's (UTC+7).
    let sql = match conn {
        DbConnection::Sqlite(_) => {
            "SELECT date(published_at, '+7 hours') AS day, COUNT(*) AS n FROM comments \
             WHERE status IN (?, ?) AND published_at >= ? GROUP BY 1"
        }
        DbConnection::Pg(_) => {
            "SELECT to_char(published_at + interval '7 hours', 'YYYY-MM-DD') AS day, \
             COUNT(*) AS n FROM comments \
             WHERE status IN ($1, $2) AND published_at >= $3 GROUP BY 1"
        }
    };
    let rows: Vec<Day> = per_backend!(conn, |c| {
        diesel::sql_query(sql)
            .bind::<Text, _>(status::COUNTED[0])
            .bind::<Text, _>(status::COUNTED[1])
            .bind::<Timestamp, _>(since)
            .load(c)
    })?;
    Ok(rows
        .into_iter()
        .filter_map(|d| Some((NaiveDate::parse_from_str(&d.day, "%Y-%m-%d").ok()?, d.n)))
        .collect())
}

/// Counted comments per author category, as stored.
pub fn comments_per_category(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64)>> {
    comments::table
        .filter(comments::status.eq_any(status::COUNTED))
        .group_by(comments::category)
        .select((comments::category, diesel::dsl::count_star()))
        .load(conn)
}

/// Current published answers of each agency by decision:
/// `(agency name, decision, count)`.
pub fn decisions_per_agency(conn: &mut DbConnection) -> QueryResult<Vec<(String, String, i64)>> {
    responses::table
        .inner_join(drafts::table.inner_join(agencies::table))
        .filter(responses::published_at.is_not_null())
        .filter(responses::superseded_at.is_null())
        .group_by((agencies::name, responses::decision))
        .select((
            agencies::name,
            responses::decision,
            diesel::dsl::count_star(),
        ))
        .load(conn)
}
