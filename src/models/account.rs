//! Account operations that span several tables, each in one transaction so
//! an e-mail is queued exactly when its cause is stored.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::Email;

use super::{EmailToken, NewMail, NewUser, Session, TokenPurpose, User};

/// Creates the account and queues `verify_mail`; when the address is already
/// registered, queues `existing_mail` instead (the page says the same either way).
pub fn register(
    conn: &mut DbConnection,
    new_user: &NewUser,
    token_hash: &str,
    verify_mail: &NewMail,
    existing_mail: &NewMail,
) -> QueryResult<()> {
    crate::db::transaction(conn, |conn| {
        let email = Email::parse(&new_user.email).map_err(|_| diesel::result::Error::NotFound)?;
        if User::find_by_email(conn, &email)?.is_some() {
            return existing_mail.enqueue(conn);
        }
        let user = new_user.insert(conn)?;
        EmailToken::create(conn, token_hash, user.id, TokenPurpose::VerifyEmail)?;
        verify_mail.enqueue(conn)
    })
}

/// Queues a link of `purpose` for the account at `email`, if it may have one:
/// a reset link for any active account, a confirmation link for an
/// unconfirmed one. Returns whether a mail was queued.
pub fn send_link(
    conn: &mut DbConnection,
    email: &Email,
    purpose: TokenPurpose,
    token_hash: &str,
    mail: &NewMail,
) -> QueryResult<bool> {
    crate::db::transaction(conn, |conn| {
        let Some(user) = User::find_by_email(conn, email)? else {
            return Ok(false);
        };
        let wanted = user.disabled_at.is_none()
            && match purpose {
                TokenPurpose::ResetPassword => true,
                TokenPurpose::VerifyEmail => user.email_verified_at.is_none(),
            };
        if !wanted {
            return Ok(false);
        }
        EmailToken::create(conn, token_hash, user.id, purpose)?;
        mail.enqueue(conn)?;
        Ok(true)
    })
}

/// Uses a confirmation link; returns the confirmed user.
pub fn verify_email(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<i64>> {
    crate::db::transaction(conn, |conn| {
        let user = EmailToken::consume(conn, token_hash, TokenPurpose::VerifyEmail)?;
        if let Some(id) = user {
            User::mark_verified(conn, id)?;
        }
        Ok(user)
    })
}

/// Uses a reset link: stores the new hash, confirms the address (the link
/// proved it) and ends every session of the account.
pub fn reset_password(
    conn: &mut DbConnection,
    token_hash: &str,
    password_hash: &str,
) -> QueryResult<Option<i64>> {
    crate::db::transaction(conn, |conn| {
        let user = EmailToken::consume(conn, token_hash, TokenPurpose::ResetPassword)?;
        if let Some(id) = user {
            User::set_password_hash(conn, id, password_hash)?;
            User::mark_verified(conn, id)?;
            Session::delete_all_for(conn, id, None)?;
        }
        Ok(user)
    })
}

/// Stores a new password hash and ends every other session of the account
/// (`keep` is the hash of the session making the change).
pub fn change_password(
    conn: &mut DbConnection,
    user_id: i64,
    password_hash: &str,
    keep: Option<&str>,
) -> QueryResult<()> {
    crate::db::transaction(conn, |conn| {
        User::set_password_hash(conn, user_id, password_hash)?;
        Session::delete_all_for(conn, user_id, keep).map(|_| ())
    })
}
