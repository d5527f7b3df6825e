//! The justice department's monitor: every agency's drafts past
//! consultation, how far their comments are answered, and where their
//! appraisal stands, in a fixed number of queries.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{agencies, appraisals, comments, drafts, responses};
use crate::domain::draft::DraftStatus;

use super::comment::status;
use super::{Appraisal, Draft, Exchange, Progress};

/// A draft past its consultation, as the justice department monitors it.
#[derive(Debug, Clone)]
pub struct Monitored {
    pub draft: Draft,
    pub agency_name: String,
    pub progress: Progress,
    /// The current appraisal and how many of its points are open.
    pub appraisal: Option<(Appraisal, usize, usize)>,
}

/// Which drafts past consultation to look at: all, or an agency's, or those
/// whose window closed within some days (inclusive).
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope {
    pub agency_id: Option<i64>,
    pub closed_between: Option<(NaiveDate, NaiveDate)>,
}

/// The statuses after the consultation closed (withdrawn drafts left out).
pub const PAST_CONSULTATION: [DraftStatus; 8] = [
    DraftStatus::Closed,
    DraftStatus::Synthesising,
    DraftStatus::SynthesisPublished,
    DraftStatus::InAppraisal,
    DraftStatus::Appraised,
    DraftStatus::AppraisalAnswered,
    DraftStatus::Submitted,
    DraftStatus::Adopted,
];

/// Counts per draft from a `(draft_id, count)` query.
fn counts(rows: Vec<(i64, i64)>) -> HashMap<i64, i64> {
    rows.into_iter().collect()
}

impl Monitored {
    /// Every agency's drafts past consultation, those in appraisal first,
    /// then by the day the window closed: seven queries, however many drafts.
    pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<Monitored>> {
        Monitored::within(conn, &Scope::default())
    }

    /// The drafts past consultation that `scope` selects, as [`Monitored::all`].
    pub fn within(conn: &mut DbConnection, scope: &Scope) -> QueryResult<Vec<Monitored>> {
        let statuses: Vec<&str> = PAST_CONSULTATION.iter().map(|s| s.as_str()).collect();
        let mut query = drafts::table
            .inner_join(agencies::table)
            .filter(drafts::status.eq_any(statuses))
            .into_boxed();
        if let Some(agency_id) = scope.agency_id {
            query = query.filter(drafts::agency_id.eq(agency_id));
        }
        if let Some((first, last)) = scope.closed_between {
            query = query
                .filter(drafts::closes_on.ge(first))
                .filter(drafts::closes_on.le(last));
        }
        let list: Vec<(Draft, String)> = query
            .order((drafts::closes_on.asc(), drafts::id.asc()))
            .select((Draft::as_select(), agencies::name))
            .load(conn)?;
        let ids: Vec<i64> = list.iter().map(|(d, _)| d.id).collect();
        let published = || {
            comments::table
                .filter(comments::draft_id.eq_any(ids.clone()))
                .filter(comments::status.eq(status::PUBLISHED))
                .group_by(comments::draft_id)
        };
        let to_answer = counts(
            published()
                .select((comments::draft_id, diesel::dsl::count_star()))
                .load(conn)?,
        );
        let answered = counts(
            published()
                .filter(diesel::dsl::exists(
                    responses::table
                        .filter(responses::comment_id.eq(comments::id))
                        .filter(responses::published_at.is_not_null()),
                ))
                .select((comments::draft_id, diesel::dsl::count_star()))
                .load(conn)?,
        );
        let unpublished = counts(
            responses::table
                .filter(responses::draft_id.eq_any(ids.clone()))
                .filter(responses::published_at.is_null())
                .group_by(responses::draft_id)
                .select((responses::draft_id, diesel::dsl::count_star()))
                .load(conn)?,
        );
        let mut current: HashMap<i64, Appraisal> = HashMap::new();
        for appraisal in appraisals::table
            .filter(appraisals::draft_id.eq_any(ids))
            .order(appraisals::id)
            .select(Appraisal::as_select())
            .load::<Appraisal>(conn)?
        {
            current.insert(appraisal.draft_id, appraisal);
        }
        let exchanges = Exchange::assemble(conn, current.into_values().collect())?;
        let mut exchanges: HashMap<i64, Exchange> = exchanges
            .into_iter()
            .map(|e| (e.appraisal.draft_id, e))
            .collect();
        let mut rows: Vec<Monitored> = list
            .into_iter()
            .map(|(draft, agency_name)| {
                let id = draft.id;
                Monitored {
                    progress: Progress {
                        to_answer: to_answer.get(&id).copied().unwrap_or(0),
                        answered: answered.get(&id).copied().unwrap_or(0),
                        unpublished: unpublished.get(&id).copied().unwrap_or(0),
                    },
                    appraisal: exchanges.remove(&id).map(|e| {
                        let (points, open) = (e.points.len(), e.open_points());
                        (e.appraisal, points, open)
                    }),
                    draft,
                    agency_name,
                }
            })
            .collect();
        rows.sort_by_key(|m| m.draft.status() != DraftStatus::InAppraisal);
        Ok(rows)
    }
}
