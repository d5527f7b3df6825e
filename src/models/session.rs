//! The `sessions` table: one row per signed-in browser.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{sessions, users};

use super::User;

/// One session as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id: i64,
    pub token_hash: String,
    pub user_id: i64,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub user_agent: String,
}

impl Session {
    /// How long a session lasts.
    pub const LIFETIME: Duration = Duration::days(30);

    /// Records a new session for `user_id` whose cookie hashes to `token_hash`.
    pub fn create(
        conn: &mut DbConnection,
        token_hash: &str,
        user_id: i64,
        user_agent: &str,
    ) -> QueryResult<()> {
        let now = super::now();
        let agent: String = user_agent.chars().take(300).collect();
        diesel::insert_into(sessions::table)
            .values((
                sessions::token_hash.eq(token_hash),
                sessions::user_id.eq(user_id),
                sessions::created_at.eq(now),
                sessions::last_seen_at.eq(now),
                sessions::expires_at.eq(now + Session::LIFETIME),
                sessions::user_agent.eq(agent),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// The user of a live session, if the hash names one and the user is not disabled.
    pub fn user(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<User>> {
        sessions::table
            .inner_join(users::table)
            .filter(sessions::token_hash.eq(token_hash))
            .filter(sessions::expires_at.gt(super::now()))
            .filter(users::disabled_at.is_null())
            .select(User::as_select())
            .first(conn)
            .optional()
    }

    /// Ends one session.
    pub fn delete(conn: &mut DbConnection, token_hash: &str) -> QueryResult<usize> {
        diesel::delete(sessions::table.filter(sessions::token_hash.eq(token_hash))).execute(conn)
    }

    /// Ends every session of `user_id` except `keep` (the hash of the current one).
    pub fn delete_all_for(
        conn: &mut DbConnection,
        user_id: i64,
        keep: Option<&str>,
    ) -> QueryResult<usize> {
        let all = sessions::table.filter(sessions::user_id.eq(user_id));
        match keep {
            Some(hash) => diesel::delete(all.filter(sessions::token_hash.ne(hash))).execute(conn),
            None => diesel::delete(all).execute(conn),
        }
    }

    /// The live sessions of `user_id`, newest first.
    pub fn list_for(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<Session>> {
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::expires_at.gt(super::now()))
            .order(sessions::id.desc())
            .select(Session::as_select())
            .load(conn)
    }
}
