//! Reports and moderation decisions. A report is only a note for moderators:
//! no number of reports hides a comment. Hiding keeps the comment in the
//! totals and leaves a public placeholder with the reason; every decision is
//! in the public moderation log.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{appeals, comment_reports, comments, moderation_log};

use super::comment::status;

/// Why a moderator hid a comment.
pub const REASON_CODES: [&str; 5] = ["abuse", "personal_data", "spam", "off_topic", "other"];

/// One entry of the public log.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = moderation_log)]
pub struct LogEntry {
    pub id: i64,
    pub draft_id: i64,
    pub comment_id: i64,
    pub action: String,
    pub reason_code: String,
    pub reason_text: String,
    pub moderator_id: i64,
    pub created_at: NaiveDateTime,
}

/// Operations on reports and decisions.
pub struct Moderation;

impl Moderation {
    /// Records a report; the comment is not touched.
    pub fn report(
        conn: &mut DbConnection,
        comment_id: i64,
        reason: &str,
        reporter: Option<i64>,
    ) -> QueryResult<()> {
        diesel::insert_into(comment_reports::table)
            .values((
                comment_reports::comment_id.eq(comment_id),
                comment_reports::reason.eq(reason),
                comment_reports::reporter_id.eq(reporter),
                comment_reports::created_at.eq(super::now()),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// How many reports a comment has.
    pub fn reports(conn: &mut DbConnection, comment_id: i64) -> QueryResult<i64> {
        comment_reports::table
            .filter(comment_reports::comment_id.eq(comment_id))
            .count()
            .get_result(conn)
    }

    /// Published comments with reports, most reported first (the moderators' queue).
    pub fn queue(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<(super::Comment, i64)>> {
        let counts: Vec<(i64, i64)> = comment_reports::table
            .inner_join(comments::table)
            .filter(comments::status.eq(status::PUBLISHED))
            .group_by(comment_reports::comment_id)
            .select((comment_reports::comment_id, diesel::dsl::count_star()))
            .order(diesel::dsl::count_star().desc())
            .limit(limit)
            .load(conn)?;
        // One query for all the comments, not one per row.
        let ids: Vec<i64> = counts.iter().map(|(id, _)| *id).collect();
        let mut found: std::collections::HashMap<i64, super::Comment> = comments::table
            .filter(comments::id.eq_any(ids))
            .select(super::Comment::as_select())
            .load(conn)?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        Ok(counts
            .into_iter()
            .filter_map(|(id, n)| found.remove(&id).map(|c| (c, n)))
            .collect())
    }

    /// Hides a published comment with a reason, logged; `false` if it wasn't published.
    pub fn hide(
        conn: &mut DbConnection,
        comment_id: i64,
        moderator_id: i64,
        code: &str,
        text: &str,
    ) -> QueryResult<bool> {
        crate::db::transaction(conn, |conn| {
            let now = super::now();
            let changed = diesel::update(
                comments::table
                    .find(comment_id)
                    .filter(comments::status.eq(status::PUBLISHED)),
            )
            .set((
                comments::status.eq(status::HIDDEN),
                comments::hidden_reason_code.eq(code),
                comments::hidden_reason_text.eq(text),
                comments::hidden_by.eq(moderator_id),
                comments::updated_at.eq(now),
            ))
            .execute(conn)?;
            if changed == 0 {
                return Ok(false);
            }
            let draft_id: i64 = comments::table
                .find(comment_id)
                .select(comments::draft_id)
                .first(conn)?;
            diesel::insert_into(moderation_log::table)
                .values((
                    moderation_log::draft_id.eq(draft_id),
                    moderation_log::comment_id.eq(comment_id),
                    moderation_log::action.eq("hide"),
                    moderation_log::reason_code.eq(code),
                    moderation_log::reason_text.eq(text),
                    moderation_log::moderator_id.eq(moderator_id),
                    moderation_log::created_at.eq(now),
                ))
                .execute(conn)?;
            super::ledger::Entry::comment(conn, super::ledger::kind::COMMENT_HIDDEN, comment_id)?;
            Ok(true)
        })
    }

    /// Records a proposal to hide (by a moderator of the drafting agency);
    /// the comment stays published until a second moderator confirms.
    pub fn propose_hide(
        conn: &mut DbConnection,
        comment_id: i64,
        moderator_id: i64,
        code: &str,
        text: &str,
    ) -> QueryResult<bool> {
        let changed = diesel::update(
            comments::table
                .find(comment_id)
                .filter(comments::status.eq(status::PUBLISHED))
                .filter(comments::hide_proposed_by.is_null()),
        )
        .set((
            comments::hide_proposed_by.eq(moderator_id),
            comments::hide_proposed_code.eq(code),
            comments::hide_proposed_text.eq(text),
        ))
        .execute(conn)?;
        Ok(changed == 1)
    }

    /// Confirms a proposal: hides the comment with the proposed reason. The
    /// proposer can't confirm their own proposal (`Ok(false)`).
    pub fn confirm_hide(
        conn: &mut DbConnection,
        comment_id: i64,
        moderator_id: i64,
    ) -> QueryResult<bool> {
        crate::db::transaction(conn, |conn| {
            let comment = comments::table
                .find(comment_id)
                .select(super::Comment::as_select())
                .first(conn)?;
            let (Some(proposer), Some(code)) =
                (comment.hide_proposed_by, comment.hide_proposed_code.clone())
            else {
                return Ok(false);
            };
            if proposer == moderator_id {
                return Ok(false);
            }
            let text = comment.hide_proposed_text.clone().unwrap_or_default();
            diesel::update(comments::table.find(comment_id))
                .set((
                    comments::hide_proposed_by.eq(None::<i64>),
                    comments::hide_proposed_code.eq(None::<String>),
                    comments::hide_proposed_text.eq(None::<String>),
                ))
                .execute(conn)?;
            Moderation::hide(conn, comment_id, moderator_id, &code, &text)
        })
    }

    /// Proposals waiting for a second moderator.
    pub fn proposals(conn: &mut DbConnection) -> QueryResult<Vec<super::Comment>> {
        comments::table
            .filter(comments::hide_proposed_by.is_not_null())
            .filter(comments::status.eq(status::PUBLISHED))
            .order(comments::id.asc())
            .select(super::Comment::as_select())
            .load(conn)
    }

    /// The public log of a draft, newest first, with each comment's public id.
    pub fn log(conn: &mut DbConnection, draft_id: i64) -> QueryResult<Vec<(LogEntry, String)>> {
        moderation_log::table
            .inner_join(comments::table.on(comments::id.eq(moderation_log::comment_id)))
            .filter(moderation_log::draft_id.eq(draft_id))
            .order(moderation_log::id.desc())
            .select((LogEntry::as_select(), comments::public_id))
            .load(conn)
    }
}

/// An author's appeal against hiding.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appeals)]
pub struct Appeal {
    pub id: i64,
    pub comment_id: i64,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub decided_by: Option<i64>,
    pub decided_at: Option<NaiveDateTime>,
    pub outcome: Option<String>,
    pub decision: String,
}

/// Why a decision on an appeal was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppealRefused {
    /// The moderator who hid the comment can't judge their own decision.
    SameModerator,
    /// Already decided, or no appeal.
    NotPending,
}

impl Appeal {
    /// The appeal of a comment, if any.
    pub fn of(conn: &mut DbConnection, comment_id: i64) -> QueryResult<Option<Appeal>> {
        appeals::table
            .filter(appeals::comment_id.eq(comment_id))
            .select(Appeal::as_select())
            .first(conn)
            .optional()
    }

    /// Files the one appeal a hidden comment may have; a second one is a unique violation.
    pub fn file(conn: &mut DbConnection, comment_id: i64, body: &str) -> QueryResult<()> {
        diesel::insert_into(appeals::table)
            .values((
                appeals::comment_id.eq(comment_id),
                appeals::body.eq(body),
                appeals::created_at.eq(super::now()),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// Appeals waiting for a decision, oldest first, with their comments.
    pub fn pending(conn: &mut DbConnection) -> QueryResult<Vec<(Appeal, super::Comment)>> {
        appeals::table
            .inner_join(comments::table.on(comments::id.eq(appeals::comment_id)))
            .filter(appeals::decided_at.is_null())
            .order(appeals::id.asc())
            .select((Appeal::as_select(), super::Comment::as_select()))
            .load(conn)
    }

    /// Decides an appeal: `restore` publishes the comment again (logged); the
    /// moderator who hid it may not decide.
    pub fn decide(
        conn: &mut DbConnection,
        comment_id: i64,
        moderator_id: i64,
        restore: bool,
        decision: &str,
    ) -> QueryResult<Result<(), AppealRefused>> {
        crate::db::transaction(conn, |conn| {
            let comment = comments::table
                .find(comment_id)
                .select(super::Comment::as_select())
                .first(conn)?;
            if comment.hidden_by == Some(moderator_id) {
                return Ok(Err(AppealRefused::SameModerator));
            }
            let now = super::now();
            let decided = diesel::update(
                appeals::table
                    .filter(appeals::comment_id.eq(comment_id))
                    .filter(appeals::decided_at.is_null()),
            )
            .set((
                appeals::decided_by.eq(moderator_id),
                appeals::decided_at.eq(now),
                appeals::outcome.eq(if restore { "restored" } else { "upheld" }),
                appeals::decision.eq(decision),
            ))
            .execute(conn)?;
            if decided == 0 {
                return Ok(Err(AppealRefused::NotPending));
            }
            if restore {
                diesel::update(
                    comments::table
                        .find(comment_id)
                        .filter(comments::status.eq(status::HIDDEN)),
                )
                .set((
                    comments::status.eq(status::PUBLISHED),
                    comments::updated_at.eq(now),
                ))
                .execute(conn)?;
                diesel::insert_into(moderation_log::table)
                    .values((
                        moderation_log::draft_id.eq(comment.draft_id),
                        moderation_log::comment_id.eq(comment_id),
                        moderation_log::action.eq("restore"),
                        moderation_log::reason_code.eq("restored"),
                        moderation_log::reason_text.eq(decision),
                        moderation_log::moderator_id.eq(moderator_id),
                        moderation_log::created_at.eq(now),
                    ))
                    .execute(conn)?;
                super::ledger::Entry::comment(
                    conn,
                    super::ledger::kind::COMMENT_RESTORED,
                    comment_id,
                )?;
            }
            Ok(Ok(()))
        })
    }
}
