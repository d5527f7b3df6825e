//! Multi-row inserts for bulk loads (`gopy admin generate`): comments and
//! answers written a thousand rows per statement. Ordinary requests go
//! through [`super::NewComment::insert`] and [`super::Response::publish`].

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{comments, responses};

/// A published comment to store as it is.
#[derive(Debug, Insertable)]
#[diesel(table_name = comments)]
pub struct BulkComment<'a> {
    pub public_id: &'a str,
    pub draft_id: i64,
    pub version_number: i32,
    pub anchor: Option<&'a str>,
    pub position: i32,
    pub category: &'a str,
    pub organisation_name: Option<&'a str>,
    pub on_behalf_of: &'a str,
    pub body: &'a str,
    pub body_sha256: &'a str,
    pub status: &'a str,
    pub late: bool,
    pub show_name: bool,
    pub consented_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
    pub locked_at: Option<NaiveDateTime>,
}

/// A published answer to store as it is.
#[derive(Debug, Insertable)]
#[diesel(table_name = responses)]
pub struct BulkResponse<'a> {
    pub public_id: &'a str,
    pub draft_id: i64,
    pub comment_id: i64,
    pub decision: &'a str,
    pub explanation: &'a str,
    pub explanation_key: &'a str,
    pub anchors: &'a str,
    pub responder_id: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
}

/// Stores `rows`, a thousand per statement.
pub fn insert_comments(conn: &mut DbConnection, rows: &[BulkComment<'_>]) -> QueryResult<()> {
    for chunk in rows.chunks(1_000) {
        per_backend!(conn, |c| diesel::insert_into(comments::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(())
}

/// Stores `rows`, a thousand per statement.
pub fn insert_responses(conn: &mut DbConnection, rows: &[BulkResponse<'_>]) -> QueryResult<()> {
    for chunk in rows.chunks(1_000) {
        per_backend!(conn, |c| diesel::insert_into(responses::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(())
}

/// The ids of the comments of `draft_id` with these public ids.
pub fn comment_ids<'a>(
    conn: &mut DbConnection,
    draft_id: i64,
    public_ids: impl Iterator<Item = &'a str>,
) -> QueryResult<std::collections::HashMap<String, i64>> {
    let rows: Vec<(String, i64)> = comments::table
        .filter(comments::draft_id.eq(draft_id))
        .filter(comments::public_id.eq_any(public_ids.collect::<Vec<_>>()))
        .select((comments::public_id, comments::id))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// After a bulk load, lets the query planner see the new data. PostgreSQL
/// plans from statistics, which autovacuum would gather only later: without
/// them it guessed one matching row for common words and searched 50 times
/// slower. SQLite's plans here don't depend on statistics (the queries that
/// matter fix their join order), so nothing is done there.
pub fn refresh_statistics(conn: &mut DbConnection) -> QueryResult<()> {
    match conn {
        DbConnection::Pg(c) => diesel::sql_query("ANALYZE").execute(c).map(|_| ()),
        DbConnection::Sqlite(_) => Ok(()),
    }
}
