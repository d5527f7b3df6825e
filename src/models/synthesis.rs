//! The synthesis report (bản tổng hợp ý kiến, tiếp thu, giải trình): a
//! draft's counted comments in the order of the draft, each with its current
//! answer; the totals of the report's introduction; publishing the report and
//! the gate before appraisal.
//!
//! The report's order puts the comments on the whole draft or on a question
//! first (by id), then the comments on provisions by the provision's place
//! and id. Its keyset cursor is `(position, id)`, where the first group has
//! the position [`GENERAL`]: the first provision of a version also has place
//! 0, and its comments must not be mixed into the general ones.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{comment_contacts, comments, drafts, responses};
use crate::domain::comment::Category;
use crate::domain::draft::DraftStatus;
use crate::domain::response::Decision;
use crate::domain::synthesis::{Missing, appraisal_gate, publish_steps};

use super::comment::status;
use super::{Comment, Draft, DraftEvent, ProvisionRow, Response, Version};

/// The cursor position of the comments on the whole draft or on a question.
pub const GENERAL: i32 = -1;

/// A place in the report: `(position, id)`.
pub type Cursor = (i32, i64);

/// One line of the report: a counted comment and its current answer.
#[derive(Debug, Clone)]
pub struct ReportRow {
    pub comment: Comment,
    /// Published and not superseded; `None` while unanswered.
    pub answer: Option<Response>,
}

impl ReportRow {
    /// Where this row sits in the report's order.
    pub fn cursor(&self) -> Cursor {
        cursor_of(&self.comment)
    }
}

/// Where `comment` sits in the report's order.
pub fn cursor_of(comment: &Comment) -> Cursor {
    match comment.anchor {
        None => (GENERAL, comment.id),
        Some(_) => (comment.position, comment.id),
    }
}

/// The figures of the report's introduction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// Comments that count: published and hidden.
    pub counted: i64,
    /// Of which hidden by moderation.
    pub hidden: i64,
    /// Distinct organisations among the authors (by the name they gave).
    pub organisations: i64,
    /// Distinct people among the authors who spoke for no organisation
    /// (accounts, and e-mail addresses of commenters without one).
    pub people: i64,
    /// Counted comments per author category, in `Category::ALL` order.
    pub by_category: Vec<(Category, i64)>,
    /// Counted comments per decision of their current answer, in `Decision::ALL` order.
    pub by_decision: Vec<(Decision, i64)>,
}

impl Totals {
    /// Counted comments with a current published answer.
    pub fn answered(&self) -> i64 {
        self.by_decision.iter().map(|(_, n)| n).sum()
    }

    /// Counted comments still without one.
    pub fn unanswered(&self) -> i64 {
        self.counted - self.answered()
    }
}

/// Who takes a step, for the timeline.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub agency_id: i64,
    pub user_id: i64,
}

/// The counted comments of a draft joined to their current answer (if any).
macro_rules! report_query {
    ($draft_id:expr) => {
        comments::table
            .left_join(
                responses::table.on(responses::comment_id
                    .eq(comments::id)
                    .and(responses::published_at.is_not_null())
                    .and(responses::superseded_at.is_null())),
            )
            .filter(comments::draft_id.eq($draft_id))
            .filter(comments::status.eq_any(status::COUNTED))
            .select((Comment::as_select(), Option::<Response>::as_select()))
    };
}

/// The ids of a draft's counted comments, as a subquery.
macro_rules! counted_ids {
    ($draft_id:expr) => {
        comments::table
            .filter(comments::draft_id.eq($draft_id))
            .filter(comments::status.eq_any(status::COUNTED))
            .select(comments::id)
    };
}

/// The organisation categories, as stored.
fn organisation_categories() -> Vec<&'static str> {
    Category::ALL
        .into_iter()
        .filter(|c| c.is_organisation())
        .map(Category::as_str)
        .collect()
}

/// The report of one draft.
pub struct Synthesis;

impl Synthesis {
    /// The totals of the introduction.
    pub fn totals(conn: &mut DbConnection, draft_id: i64) -> QueryResult<Totals> {
        let per_status: Vec<(String, i64)> = comments::table
            .filter(comments::draft_id.eq(draft_id))
            .filter(comments::status.eq_any(status::COUNTED))
            .group_by(comments::status)
            .select((comments::status, diesel::dsl::count_star()))
            .load(conn)?;
        let counted = per_status.iter().map(|(_, n)| n).sum();
        let hidden = per_status
            .iter()
            .find(|(s, _)| s == status::HIDDEN)
            .map_or(0, |(_, n)| *n);
        let per_category: Vec<(String, i64)> = comments::table
            .filter(comments::draft_id.eq(draft_id))
            .filter(comments::status.eq_any(status::COUNTED))
            .group_by(comments::category)
            .select((comments::category, diesel::dsl::count_star()))
            .load(conn)?;
        let by_category = Category::ALL
            .into_iter()
            .map(|c| {
                let n = per_category
                    .iter()
                    .filter(|(s, _)| s.parse::<Category>().unwrap_or(Category::Other) == c)
                    .map(|(_, n)| n)
                    .sum();
                (c, n)
            })
            .collect();
        let organisations = comments::table
            .filter(comments::draft_id.eq(draft_id))
            .filter(comments::status.eq_any(status::COUNTED))
            .filter(comments::category.eq_any(organisation_categories()))
            .select(diesel::dsl::count(comments::organisation_name).aggregate_distinct())
            .first::<i64>(conn)?;
        let with_accounts = comments::table
            .filter(comments::draft_id.eq(draft_id))
            .filter(comments::status.eq_any(status::COUNTED))
            .filter(comments::category.ne_all(organisation_categories()))
            .select(diesel::dsl::count(comments::user_id).aggregate_distinct())
            .first::<i64>(conn)?;
        let guests = comment_contacts::table
            .filter(
                comment_contacts::comment_id.eq_any(
                    counted_ids!(draft_id)
                        .filter(comments::user_id.is_null())
                        .filter(comments::category.ne_all(organisation_categories())),
                ),
            )
            .select(diesel::dsl::count(comment_contacts::email).aggregate_distinct())
            .first::<i64>(conn)?;
        let per_decision: Vec<(String, i64)> = responses::table
            .filter(responses::draft_id.eq(draft_id))
            .filter(responses::published_at.is_not_null())
            .filter(responses::superseded_at.is_null())
            .filter(responses::comment_id.eq_any(counted_ids!(draft_id)))
            .group_by(responses::decision)
            .select((responses::decision, diesel::dsl::count_star()))
            .load(conn)?;
        let by_decision = Decision::ALL
            .into_iter()
            .map(|d| {
                let n = per_decision
                    .iter()
                    .find(|(s, _)| s == d.as_str())
                    .map_or(0, |(_, n)| *n);
                (d, n)
            })
            .collect();
        Ok(Totals {
            counted,
            hidden,
            organisations,
            people: with_accounts + guests,
            by_category,
            by_decision,
        })
    }

    /// Up to `limit` rows of the report after `after`, in the report's order,
    /// each with its current answer (one query per part of the order).
    pub fn rows(
        conn: &mut DbConnection,
        draft_id: i64,
        after: Option<Cursor>,
        limit: i64,
    ) -> QueryResult<Vec<ReportRow>> {
        let mut found: Vec<(Comment, Option<Response>)> = Vec::new();
        let general_after = match after {
            None => Some(0),
            Some((GENERAL, id)) => Some(id),
            Some(_) => None,
        };
        if let Some(after_id) = general_after {
            found = report_query!(draft_id)
                .filter(comments::anchor.is_null())
                .filter(comments::id.gt(after_id))
                .order(comments::id.asc())
                .limit(limit)
                .load(conn)?;
        }
        let room = limit - found.len() as i64;
        if room > 0 {
            let (position, id) = match after {
                Some((position, id)) if position != GENERAL => (position, id),
                _ => (i32::MIN, 0),
            };
            let more: Vec<(Comment, Option<Response>)> = report_query!(draft_id)
                .filter(comments::anchor.is_not_null())
                .filter(
                    comments::position
                        .gt(position)
                        .or(comments::position.eq(position).and(comments::id.gt(id))),
                )
                .order((comments::position.asc(), comments::id.asc()))
                .limit(room)
                .load(conn)?;
            found.extend(more);
        }
        Ok(found
            .into_iter()
            .map(|(comment, answer)| ReportRow { comment, answer })
            .collect())
    }

    /// How many rows come before `after` in the report, `after` included:
    /// the number of the row that follows it, less one.
    pub fn rank(conn: &mut DbConnection, draft_id: i64, after: Cursor) -> QueryResult<i64> {
        let general = |conn: &mut DbConnection, up_to: i64| {
            counted_ids!(draft_id)
                .filter(comments::anchor.is_null())
                .filter(comments::id.le(up_to))
                .count()
                .get_result::<i64>(conn)
        };
        match after {
            (GENERAL, id) => general(conn, id),
            (position, id) => {
                let before: i64 = general(conn, i64::MAX)?;
                let anchored: i64 = counted_ids!(draft_id)
                    .filter(comments::anchor.is_not_null())
                    .filter(
                        comments::position
                            .lt(position)
                            .or(comments::position.eq(position).and(comments::id.le(id))),
                    )
                    .count()
                    .get_result(conn)?;
                Ok(before + anchored)
            }
        }
    }

    /// The counted comment at `cursor`, if it is one of the draft's.
    pub fn comment_at(
        conn: &mut DbConnection,
        draft_id: i64,
        cursor: Cursor,
    ) -> QueryResult<Option<Comment>> {
        comments::table
            .find(cursor.1)
            .filter(comments::draft_id.eq(draft_id))
            .filter(comments::status.eq_any(status::COUNTED))
            .select(Comment::as_select())
            .first(conn)
            .optional()
    }

    /// The provisions of every version the counted comments were made on, by
    /// version number, to name the places they point at.
    pub fn provisions(
        conn: &mut DbConnection,
        draft_id: i64,
    ) -> QueryResult<Vec<(i32, Vec<ProvisionRow>)>> {
        let numbers: Vec<i32> = comments::table
            .filter(comments::draft_id.eq(draft_id))
            .filter(comments::status.eq_any(status::COUNTED))
            .select(comments::version_number)
            .distinct()
            .load(conn)?;
        let mut out = Vec::with_capacity(numbers.len());
        for number in numbers {
            let Some(version) = Version::by_number(conn, draft_id, number).optional()? else {
                continue;
            };
            out.push((number, Version::provisions(conn, version.id)?));
        }
        Ok(out)
    }

    /// Publishes the report: refused while the consultation is open or a
    /// published comment lacks a published answer; otherwise the draft moves
    /// to "synthesis published" (through "synthesising", each change on the
    /// timeline) and the report is stamped, all in one transaction.
    pub fn publish(
        conn: &mut DbConnection,
        draft_id: i64,
        actor: Actor,
    ) -> QueryResult<Result<(), Vec<Missing>>> {
        let outcome = crate::db::transaction(conn, |conn| {
            let draft = Draft::by_id(conn, draft_id)?;
            let unanswered = Response::progress(conn, draft_id)?.unanswered();
            let steps = match publish_steps(draft.status(), unanswered) {
                Ok(steps) => steps,
                Err(missing) => return Ok(Err(missing)),
            };
            move_through(conn, draft_id, draft.status(), steps, actor)?;
            // The report's figures go on the ledger: a later change of an
            // answer shows as a difference from them.
            let totals = Synthesis::totals(conn, draft_id)?;
            super::ledger::Entry::draft_change(
                conn,
                super::ledger::kind::SYNTHESIS_PUBLISHED,
                draft_id,
                "/synthesis",
                serde_json::json!({
                    "counted": totals.counted,
                    "hidden": totals.hidden,
                    "organisations": totals.organisations,
                    "people": totals.people,
                    "by_decision": totals
                        .by_decision
                        .iter()
                        .map(|(d, n)| (d.as_str().to_string(), serde_json::json!(n)))
                        .collect::<serde_json::Map<_, _>>(),
                }),
            )?;
            diesel::update(
                drafts::table
                    .find(draft_id)
                    .filter(drafts::synthesis_published_at.is_null()),
            )
            .set(drafts::synthesis_published_at.eq(super::now()))
            .execute(conn)?;
            Ok(Ok(()))
        });
        lost_race(conn, draft_id, outcome)
    }

    /// Sends the draft to appraisal: refused, naming what is missing, while
    /// a published comment lacks a published answer or the report is not
    /// published.
    pub fn request_appraisal(
        conn: &mut DbConnection,
        draft_id: i64,
        actor: Actor,
    ) -> QueryResult<Result<(), Vec<Missing>>> {
        let outcome = crate::db::transaction(conn, |conn| {
            let draft = Draft::by_id(conn, draft_id)?;
            let unanswered = Response::progress(conn, draft_id)?.unanswered();
            if let Err(missing) = appraisal_gate(
                draft.status(),
                unanswered,
                draft.synthesis_published_at.is_some(),
            ) {
                return Ok(Err(missing));
            }
            move_through(
                conn,
                draft_id,
                draft.status(),
                &[DraftStatus::InAppraisal],
                actor,
            )?;
            Ok(Ok(()))
        });
        lost_race(conn, draft_id, outcome)
    }
}

/// Moves a draft from `from` through `steps`, recording each change; rolls
/// back when another request moved the draft first.
fn move_through(
    conn: &mut DbConnection,
    draft_id: i64,
    from: DraftStatus,
    steps: &[DraftStatus],
    actor: Actor,
) -> QueryResult<()> {
    let mut from = from;
    for &to in steps {
        let moved = DraftEvent::transition(
            conn,
            draft_id,
            (from, to),
            Some(actor.agency_id),
            Some(actor.user_id),
            "",
        )?;
        if !moved {
            return Err(diesel::result::Error::RollbackTransaction);
        }
        from = to;
    }
    Ok(())
}

/// A step rolled back because another request changed the status first
/// becomes a refusal naming the status it is in now.
fn lost_race(
    conn: &mut DbConnection,
    draft_id: i64,
    outcome: QueryResult<Result<(), Vec<Missing>>>,
) -> QueryResult<Result<(), Vec<Missing>>> {
    match outcome {
        Err(diesel::result::Error::RollbackTransaction) => {
            let now = Draft::by_id(conn, draft_id)?.status();
            Ok(Err(vec![Missing::Status(now)]))
        }
        other => other,
    }
}
