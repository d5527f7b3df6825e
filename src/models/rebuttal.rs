//! The commenter's one reply to the agency's answer, and the agency's answer to it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::rebuttals;

/// A rebuttal as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = rebuttals)]
pub struct Rebuttal {
    pub id: i64,
    pub comment_id: i64,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub answer: Option<String>,
    pub answered_by: Option<i64>,
    pub answered_at: Option<NaiveDateTime>,
}

impl Rebuttal {
    /// The rebuttal of a comment, if any.
    pub fn of(conn: &mut DbConnection, comment_id: i64) -> QueryResult<Option<Rebuttal>> {
        rebuttals::table
            .filter(rebuttals::comment_id.eq(comment_id))
            .select(Rebuttal::as_select())
            .first(conn)
            .optional()
    }

    /// Stores the rebuttal; `false` when the comment already has one (one only).
    pub fn create(conn: &mut DbConnection, comment_id: i64, body: &str) -> QueryResult<bool> {
        let inserted = diesel::insert_into(rebuttals::table)
            .values((
                rebuttals::comment_id.eq(comment_id),
                rebuttals::body.eq(body),
                rebuttals::created_at.eq(super::now()),
            ))
            .execute(conn);
        match inserted {
            Ok(_) => Ok(true),
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The agency's answer; `false` when there is no rebuttal or it was answered.
    pub fn answer(
        conn: &mut DbConnection,
        comment_id: i64,
        text: &str,
        user_id: i64,
    ) -> QueryResult<bool> {
        diesel::update(
            rebuttals::table
                .filter(rebuttals::comment_id.eq(comment_id))
                .filter(rebuttals::answered_at.is_null()),
        )
        .set((
            rebuttals::answer.eq(text),
            rebuttals::answered_by.eq(user_id),
            rebuttals::answered_at.eq(super::now()),
        ))
        .execute(conn)
        .map(|n| n == 1)
    }
}
