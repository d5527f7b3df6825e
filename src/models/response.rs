//! The `responses` table: answers to comments, saved unpublished, published
//! one by one or in bulk, superseded (never edited) once published.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{comments, responses};
use crate::domain::response::{Answer, BOILERPLATE_MIN};

use super::comment::{Comment, status};

/// One answer as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = responses)]
pub struct Response {
    pub id: i64,
    pub public_id: String,
    pub draft_id: i64,
    pub comment_id: i64,
    pub decision: String,
    pub explanation: String,
    pub explanation_key: String,
    /// Anchors in `version_number`, one per line.
    pub anchors: String,
    pub version_number: Option<i32>,
    pub responder_id: i64,
    pub group_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    pub superseded_at: Option<NaiveDateTime>,
    pub superseded_by: Option<i64>,
}

impl Response {
    /// The anchors of the provisions that carry the change.
    pub fn anchor_list(&self) -> Vec<&str> {
        self.anchors.lines().filter(|l| !l.is_empty()).collect()
    }

    /// Published and not superseded.
    pub fn is_current(&self) -> bool {
        self.published_at.is_some() && self.superseded_at.is_none()
    }
}

/// An answer to save for one or several comments (a campaign answer).
#[derive(Debug, Clone)]
pub struct NewResponse {
    pub draft_id: i64,
    pub answer: Answer,
    pub anchors: Vec<String>,
    pub version_number: Option<i32>,
    pub responder_id: i64,
}

/// How far a draft's answering has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Progress {
    /// Published comments: each needs a published answer.
    pub to_answer: i64,
    pub answered: i64,
    /// Answers saved but not yet published.
    pub unpublished: i64,
}

impl Progress {
    /// Comments still without a published answer.
    pub fn unanswered(&self) -> i64 {
        self.to_answer - self.answered
    }
}

impl NewResponse {
    /// Saves this answer, unpublished, for each of `comment_ids` (comments of
    /// the draft only), replacing an earlier unpublished one. Several comments
    /// share a group id: one campaign answer. Returns how many were saved.
    pub fn save(&self, conn: &mut DbConnection, comment_ids: &[i64]) -> QueryResult<usize> {
        crate::db::transaction(conn, |conn| {
            let ids: Vec<i64> = comments::table
                .filter(comments::draft_id.eq(self.draft_id))
                .filter(comments::id.eq_any(comment_ids))
                .filter(comments::status.eq_any(status::COUNTED))
                .select(comments::id)
                .load(conn)?;
            let group = (ids.len() > 1).then(|| uuid::Uuid::new_v4().to_string());
            let now = super::now();
            for id in &ids {
                diesel::delete(
                    responses::table
                        .filter(responses::comment_id.eq(id))
                        .filter(responses::published_at.is_null()),
                )
                .execute(conn)?;
                diesel::insert_into(responses::table)
                    .values((
                        responses::public_id.eq(uuid::Uuid::new_v4().to_string()),
                        responses::draft_id.eq(self.draft_id),
                        responses::comment_id.eq(id),
                        responses::decision.eq(self.answer.decision.as_str()),
                        responses::explanation.eq(&self.answer.explanation),
                        responses::explanation_key.eq(self.answer.explanation_key()),
                        responses::anchors.eq(self.anchors.join("\n")),
                        responses::version_number.eq(self.version_number),
                        responses::responder_id.eq(self.responder_id),
                        responses::group_id.eq(&group),
                        responses::created_at.eq(now),
                        responses::updated_at.eq(now),
                    ))
                    .execute(conn)?;
            }
            Ok(ids.len())
        })
    }
}

/// What publishing one answer hands to the caller to tell the commenter.
pub struct Published<'a> {
    pub comment: &'a Comment,
    pub response: &'a Response,
    /// Where the commenter is reached, if anywhere.
    pub email: Option<String>,
    /// The language of the commenter's account (none for guests).
    pub lang: Option<String>,
    /// The answer it replaces, for a correction.
    pub superseded: Option<&'a Response>,
}

impl Response {
    /// Publishes the saved answers of `comment_ids` (all saved answers of the
    /// draft when `None`): each supersedes the comment's current answer, locks
    /// the comment, and queues the e-mail `mail` composes, in one transaction.
    /// Returns how many were published.
    pub fn publish(
        conn: &mut DbConnection,
        draft_id: i64,
        comment_ids: Option<&[i64]>,
        mail: impl Fn(Published<'_>) -> Option<super::NewMail>,
    ) -> QueryResult<usize> {
        crate::db::transaction(conn, |conn| {
            let mut query = responses::table
                .filter(responses::draft_id.eq(draft_id))
                .filter(responses::published_at.is_null())
                .select(Response::as_select())
                .into_boxed();
            if let Some(ids) = comment_ids {
                query = query.filter(responses::comment_id.eq_any(ids.to_vec()));
            }
            let saved: Vec<Response> = query.order(responses::id).load(conn)?;
            let now = super::now();
            for response in &saved {
                let previous: Option<Response> = responses::table
                    .filter(responses::comment_id.eq(response.comment_id))
                    .filter(responses::published_at.is_not_null())
                    .filter(responses::superseded_at.is_null())
                    .select(Response::as_select())
                    .first(conn)
                    .optional()?;
                if let Some(old) = &previous {
                    diesel::update(responses::table.find(old.id))
                        .set((
                            responses::superseded_at.eq(now),
                            responses::superseded_by.eq(response.id),
                        ))
                        .execute(conn)?;
                }
                let comment_public_id: String = comments::table
                    .find(response.comment_id)
                    .select(comments::public_id)
                    .first(conn)?;
                super::ledger::Entry::response(
                    conn,
                    response,
                    &comment_public_id,
                    previous.as_ref().map(|p| p.public_id.as_str()),
                )?;
                diesel::update(responses::table.find(response.id))
                    .set((
                        responses::published_at.eq(now),
                        responses::updated_at.eq(now),
                    ))
                    .execute(conn)?;
                diesel::update(
                    comments::table
                        .find(response.comment_id)
                        .filter(comments::locked_at.is_null()),
                )
                .set(comments::locked_at.eq(now))
                .execute(conn)?;
                let comment: Comment = comments::table
                    .find(response.comment_id)
                    .select(Comment::as_select())
                    .first(conn)?;
                let email = Comment::contact_email(conn, &comment)?;
                let lang = match comment.user_id {
                    Some(id) => Some(
                        crate::db::schema::users::table
                            .find(id)
                            .select(crate::db::schema::users::lang)
                            .first::<String>(conn)?,
                    ),
                    None => None,
                };
                let published = Response {
                    published_at: Some(now),
                    ..response.clone()
                };
                if let Some(message) = mail(Published {
                    comment: &comment,
                    response: &published,
                    email,
                    lang,
                    superseded: previous.as_ref(),
                }) {
                    message.enqueue(conn)?;
                }
            }
            Ok(saved.len())
        })
    }

    /// Every answer of each of `comment_ids`, oldest first.
    pub fn of(
        conn: &mut DbConnection,
        comment_ids: &[i64],
    ) -> QueryResult<HashMap<i64, Vec<Response>>> {
        let rows: Vec<Response> = responses::table
            .filter(responses::comment_id.eq_any(comment_ids))
            .order(responses::id)
            .select(Response::as_select())
            .load(conn)?;
        let mut map: HashMap<i64, Vec<Response>> = HashMap::new();
        for row in rows {
            map.entry(row.comment_id).or_default().push(row);
        }
        Ok(map)
    }

    /// How many of the draft's published comments have a published answer.
    pub fn progress(conn: &mut DbConnection, draft_id: i64) -> QueryResult<Progress> {
        Ok(Response::progress_many(conn, &[draft_id])?
            .remove(&draft_id)
            .unwrap_or_default())
    }

    /// [`Response::progress`] of several drafts in two queries.
    pub fn progress_many(
        conn: &mut DbConnection,
        draft_ids: &[i64],
    ) -> QueryResult<HashMap<i64, Progress>> {
        let counted = super::tally::published_and_answered(conn, draft_ids)?;
        let unpublished: Vec<(i64, i64)> = responses::table
            .filter(responses::draft_id.eq_any(draft_ids))
            .filter(responses::published_at.is_null())
            .group_by(responses::draft_id)
            .select((responses::draft_id, diesel::dsl::count_star()))
            .load(conn)?;
        let mut map: HashMap<i64, Progress> = draft_ids
            .iter()
            .map(|id| (*id, Progress::default()))
            .collect();
        for (id, (to_answer, answered)) in counted {
            let progress = map.entry(id).or_default();
            progress.to_answer = to_answer;
            progress.answered = answered;
        }
        for (id, n) in unpublished {
            map.entry(id).or_default().unpublished = n;
        }
        Ok(map)
    }

    /// Published comments still without a published answer, in the order of
    /// the draft (at most `limit`).
    pub fn unanswered(
        conn: &mut DbConnection,
        draft_id: i64,
        limit: i64,
    ) -> QueryResult<Vec<Comment>> {
        Response::unanswered_page(
            conn,
            draft_id,
            &super::CommentFilter::default(),
            None,
            limit,
        )
    }

    /// A page of published comments without a published answer, in the
    /// order of the draft, after the cursor `(position, id)`.
    pub fn unanswered_page(
        conn: &mut DbConnection,
        draft_id: i64,
        filter: &super::CommentFilter,
        after: Option<(i32, i64)>,
        limit: i64,
    ) -> QueryResult<Vec<Comment>> {
        let mut query = comments::table
            .filter(comments::draft_id.eq(draft_id))
            .filter(comments::status.eq(status::PUBLISHED))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                responses::table
                    .filter(responses::comment_id.eq(comments::id))
                    .filter(responses::published_at.is_not_null()),
            )))
            .order((comments::position, comments::id))
            .limit(limit)
            .select(Comment::as_select())
            .into_boxed();
        if let Some(category) = filter.category {
            query = query.filter(comments::category.eq(category));
        }
        if let Some((position, id)) = after {
            query = query.filter(
                comments::position
                    .gt(position)
                    .or(comments::position.eq(position).and(comments::id.gt(id))),
            );
        }
        query.load(conn)
    }

    /// One explanation as typed for each of `keys`.
    pub fn explanation_samples(
        conn: &mut DbConnection,
        draft_id: i64,
        keys: &[String],
    ) -> QueryResult<HashMap<String, String>> {
        let rows: Vec<(String, String)> = responses::table
            .filter(responses::draft_id.eq(draft_id))
            .filter(responses::explanation_key.eq_any(keys))
            .select((responses::explanation_key, responses::explanation))
            .order(responses::id)
            .load(conn)?;
        Ok(rows.into_iter().rev().collect())
    }

    /// The current published answer of each of `comment_ids`.
    pub fn current_of(
        conn: &mut DbConnection,
        comment_ids: &[i64],
    ) -> QueryResult<HashMap<i64, Response>> {
        let rows: Vec<Response> = responses::table
            .filter(responses::comment_id.eq_any(comment_ids))
            .filter(responses::published_at.is_not_null())
            .filter(responses::superseded_at.is_null())
            .select(Response::as_select())
            .load(conn)?;
        Ok(rows.into_iter().map(|r| (r.comment_id, r)).collect())
    }

    /// How many distinct comments were given this explanation (by its key).
    pub fn explanation_uses(conn: &mut DbConnection, draft_id: i64, key: &str) -> QueryResult<i64> {
        responses::table
            .filter(responses::draft_id.eq(draft_id))
            .filter(responses::superseded_at.is_null())
            .filter(responses::explanation_key.eq(key))
            .select(diesel::dsl::count(responses::comment_id).aggregate_distinct())
            .first(conn)
    }

    /// Explanations (by their key) given to at least `BOILERPLATE_MIN`
    /// distinct comments, with how many; current published or saved answers.
    pub fn reused_explanations(
        conn: &mut DbConnection,
        draft_id: i64,
    ) -> QueryResult<Vec<(String, i64)>> {
        let rows: Vec<(String, i64)> = responses::table
            .filter(responses::draft_id.eq(draft_id))
            .filter(responses::superseded_at.is_null())
            .filter(responses::explanation_key.ne(""))
            .group_by(responses::explanation_key)
            .select((
                responses::explanation_key,
                diesel::dsl::count(responses::comment_id).aggregate_distinct(),
            ))
            .load(conn)?;
        let mut reused: Vec<(String, i64)> = rows
            .into_iter()
            .filter(|(_, n)| *n >= BOILERPLATE_MIN)
            .collect();
        reused.sort_by_key(|r| std::cmp::Reverse(r.1));
        Ok(reused)
    }

    /// The share (0–100) of current published answers whose explanation is reused.
    pub fn reused_share(conn: &mut DbConnection, draft_id: i64) -> QueryResult<Option<i64>> {
        let tally = super::tally::of_draft(conn, draft_id)?;
        Ok((tally.answers > 0).then(|| tally.reused_answers * 100 / tally.answers))
    }
}
