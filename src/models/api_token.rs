//! The `api_tokens` table: personal tokens for the JSON API, stored hashed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{api_tokens, users};

use super::User;

/// One token as stored (never the token itself).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    pub id: i64,
    pub public_id: String,
    pub user_id: i64,
    pub name: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

impl ApiToken {
    /// Records a token for `user_id`.
    pub fn create(
        conn: &mut DbConnection,
        user_id: i64,
        name: &str,
        token_hash: &str,
    ) -> QueryResult<()> {
        diesel::insert_into(api_tokens::table)
            .values((
                api_tokens::public_id.eq(uuid::Uuid::new_v4().to_string()),
                api_tokens::user_id.eq(user_id),
                api_tokens::name.eq(name),
                api_tokens::token_hash.eq(token_hash),
                api_tokens::created_at.eq(super::now()),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// The user behind a token that is not revoked (and not disabled); notes
    /// the use to the minute (a client sending thousands of requests a
    /// minute writes once).
    pub fn user(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<User>> {
        let user = api_tokens::table
            .inner_join(users::table)
            .filter(api_tokens::token_hash.eq(token_hash))
            .filter(api_tokens::revoked_at.is_null())
            .filter(users::disabled_at.is_null())
            .select(User::as_select())
            .first(conn)
            .optional()?;
        if user.is_some() {
            let now = super::now();
            diesel::update(
                api_tokens::table
                    .filter(api_tokens::token_hash.eq(token_hash))
                    .filter(
                        api_tokens::last_used_at
                            .is_null()
                            .or(api_tokens::last_used_at.lt(now - chrono::Duration::minutes(1))),
                    ),
            )
            .set(api_tokens::last_used_at.eq(now))
            .execute(conn)?;
        }
        Ok(user)
    }

    /// The user's tokens, newest first.
    pub fn list_for(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<ApiToken>> {
        api_tokens::table
            .filter(api_tokens::user_id.eq(user_id))
            .order(api_tokens::id.desc())
            .select(ApiToken::as_select())
            .load(conn)
    }

    /// Revokes one of `user_id`'s tokens; `NotFound` when it isn't theirs.
    pub fn revoke(conn: &mut DbConnection, user_id: i64, public_id: &str) -> QueryResult<()> {
        let changed = diesel::update(
            api_tokens::table
                .filter(api_tokens::public_id.eq(public_id))
                .filter(api_tokens::user_id.eq(user_id))
                .filter(api_tokens::revoked_at.is_null()),
        )
        .set(api_tokens::revoked_at.eq(super::now()))
        .execute(conn)?;
        if changed == 0 {
            return Err(diesel::result::Error::NotFound);
        }
        Ok(())
    }
}
