//! The `email_tokens` table: single-use, expiring links sent by e-mail.

use chrono::Duration;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::email_tokens;

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::VerifyEmail => "verify_email",
            TokenPurpose::ResetPassword => "reset_password",
        }
    }

    /// How long a link stays valid.
    pub fn lifetime(self) -> Duration {
        match self {
            TokenPurpose::VerifyEmail => Duration::days(2),
            TokenPurpose::ResetPassword => Duration::hours(1),
        }
    }
}

/// Operations on e-mailed tokens.
pub struct EmailToken;

impl EmailToken {
    /// Stores a token (by hash) for `user_id`.
    pub fn create(
        conn: &mut DbConnection,
        token_hash: &str,
        user_id: i64,
        purpose: TokenPurpose,
    ) -> QueryResult<()> {
        let now = super::now();
        diesel::insert_into(email_tokens::table)
            .values((
                email_tokens::token_hash.eq(token_hash),
                email_tokens::user_id.eq(user_id),
                email_tokens::purpose.eq(purpose.as_str()),
                email_tokens::created_at.eq(now),
                email_tokens::expires_at.eq(now + purpose.lifetime()),
            ))
            .execute(conn)
            .map(|_| ())
    }

    fn usable(
        token_hash: &str,
        purpose: TokenPurpose,
    ) -> email_tokens::BoxedQuery<'_, crate::db::DbBackend> {
        email_tokens::table
            .filter(email_tokens::token_hash.eq(token_hash))
            .filter(email_tokens::purpose.eq(purpose.as_str()))
            .filter(email_tokens::used_at.is_null())
            .filter(email_tokens::expires_at.gt(super::now()))
            .into_boxed()
    }

    /// The user a still-usable token belongs to, without using it up.
    pub fn peek(
        conn: &mut DbConnection,
        token_hash: &str,
        purpose: TokenPurpose,
    ) -> QueryResult<Option<i64>> {
        EmailToken::usable(token_hash, purpose)
            .select(email_tokens::user_id)
            .first(conn)
            .optional()
    }

    /// Uses the token up and returns its user; `None` when it is unknown,
    /// used or expired. Two concurrent uses: only one gets the user.
    pub fn consume(
        conn: &mut DbConnection,
        token_hash: &str,
        purpose: TokenPurpose,
    ) -> QueryResult<Option<i64>> {
        let Some(user_id) = EmailToken::peek(conn, token_hash, purpose)? else {
            return Ok(None);
        };
        let used = diesel::update(
            email_tokens::table
                .filter(email_tokens::token_hash.eq(token_hash))
                .filter(email_tokens::used_at.is_null()),
        )
        .set(email_tokens::used_at.eq(super::now()))
        .execute(conn)?;
        Ok((used == 1).then_some(user_id))
    }
}
