//! The tallies the database keeps with triggers (migration 16): a draft
//! page's figures from a few hundred rows, however many comments it has.
//! Each reader gives what the query over the comments it replaces gave.

use std::collections::HashMap;

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::db::DbConnection;
use crate::db::schema::{comment_tallies, draft_tallies, organisation_tallies};

use super::comment::status;

/// `SUM(n)` as a BIGINT on both backends (PostgreSQL sums to NUMERIC).
fn total() -> diesel::expression::SqlLiteral<BigInt> {
    sql::<BigInt>("CAST(SUM(n) AS BIGINT)")
}

/// A draft's current answers and campaigns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Queryable)]
pub struct DraftTally {
    /// Current (published, not superseded) answers.
    pub answers: i64,
    /// Of those, the ones whose explanation was given at least
    /// [`crate::domain::response::BOILERPLATE_MIN`] times.
    pub reused_answers: i64,
    /// Clusters of at least [`crate::domain::campaign::CAMPAIGN_MIN`] counted comments.
    pub campaigns: i64,
    /// Counted comments in those clusters.
    pub in_campaigns: i64,
}

/// Counted comments of a draft per provision (`None`: the draft as a whole).
pub fn counted_by_anchor(
    conn: &mut DbConnection,
    draft_id: i64,
) -> QueryResult<HashMap<Option<String>, i64>> {
    let rows: Vec<(String, i64)> = comment_tallies::table
        .filter(comment_tallies::draft_id.eq(draft_id))
        .filter(comment_tallies::status.eq_any(status::COUNTED))
        .group_by(comment_tallies::anchor)
        .select((comment_tallies::anchor, total()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(anchor, n)| ((!anchor.is_empty()).then_some(anchor), n))
        .collect())
}

/// A draft's comments per status, within a provision (and what it
/// contains) and of an author category when given.
pub fn by_status(
    conn: &mut DbConnection,
    draft_id: i64,
    anchor: Option<&str>,
    category: Option<&str>,
) -> QueryResult<Vec<(String, i64)>> {
    let mut query = comment_tallies::table
        .filter(comment_tallies::draft_id.eq(draft_id))
        .group_by(comment_tallies::status)
        .select((comment_tallies::status, total()))
        .into_boxed();
    if let Some(anchor) = anchor {
        query = query.filter(
            comment_tallies::anchor
                .eq(anchor.to_string())
                .or(comment_tallies::anchor.like(format!("{anchor}/%"))),
        );
    }
    if let Some(category) = category {
        query = query.filter(comment_tallies::category.eq(category.to_string()));
    }
    query.load(conn)
}

/// Published comments and, of those, the ones with a current answer, per draft.
pub fn published_and_answered(
    conn: &mut DbConnection,
    draft_ids: &[i64],
) -> QueryResult<HashMap<i64, (i64, i64)>> {
    let rows: Vec<(i64, String, i64)> = comment_tallies::table
        .filter(comment_tallies::draft_id.eq_any(draft_ids))
        .filter(comment_tallies::status.eq(status::PUBLISHED))
        .group_by((comment_tallies::draft_id, comment_tallies::decision))
        .select((
            comment_tallies::draft_id,
            comment_tallies::decision,
            total(),
        ))
        .load(conn)?;
    let mut map: HashMap<i64, (i64, i64)> = HashMap::new();
    for (draft_id, decision, n) in rows {
        let entry = map.entry(draft_id).or_default();
        entry.0 += n;
        if !decision.is_empty() {
            entry.1 += n;
        }
    }
    Ok(map)
}

/// Counted comments with a current answer, per author category and decision.
pub fn decisions_by_category(
    conn: &mut DbConnection,
    draft_ids: &[i64],
) -> QueryResult<Vec<(String, String, i64)>> {
    let rows: Vec<(String, String, i64)> = comment_tallies::table
        .filter(comment_tallies::draft_id.eq_any(draft_ids))
        .filter(comment_tallies::status.eq_any(status::COUNTED))
        .filter(comment_tallies::decision.ne(""))
        .group_by((comment_tallies::category, comment_tallies::decision))
        .select((
            comment_tallies::category,
            comment_tallies::decision,
            total(),
        ))
        .load(conn)?;
    Ok(rows.into_iter().filter(|(_, _, n)| *n > 0).collect())
}

/// Organisations with counted comments accepted fully or partly, and how many.
pub fn organisations_accepted(
    conn: &mut DbConnection,
    draft_ids: &[i64],
) -> QueryResult<Vec<(String, i64)>> {
    let rows: Vec<(String, i64)> = organisation_tallies::table
        .filter(organisation_tallies::draft_id.eq_any(draft_ids))
        .filter(organisation_tallies::n.gt(0))
        .select((
            organisation_tallies::organisation_name,
            organisation_tallies::n,
        ))
        .load(conn)?;
    let mut sums: HashMap<String, i64> = HashMap::new();
    for (name, n) in rows {
        *sums.entry(name).or_default() += n;
    }
    Ok(sums.into_iter().collect())
}

/// A draft's answers and campaigns (zero for a draft without any).
pub fn of_draft(conn: &mut DbConnection, draft_id: i64) -> QueryResult<DraftTally> {
    Ok(draft_tallies::table
        .find(draft_id)
        .select((
            draft_tallies::answers,
            draft_tallies::reused_answers,
            draft_tallies::campaigns,
            draft_tallies::in_campaigns,
        ))
        .first(conn)
        .optional()?
        .unwrap_or_default())
}
