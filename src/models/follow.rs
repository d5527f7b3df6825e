//! Following threads, drafts, agencies and fields, and the notices it leads
//! to. A notice is recorded once per person and event (a unique key), in the
//! transaction of its cause; its e-mail goes to the outbox at once, or waits
//! for the person's daily digest.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{follows, notices, users};
use crate::domain::thread::FollowKind;

use super::NewMail;

/// One follow, as its owner sees it.
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = follows)]
pub struct Follow {
    pub id: i64,
    #[serde(skip)]
    pub user_id: i64,
    pub target_kind: String,
    pub target: String,
    pub digest: bool,
    #[serde(skip)]
    pub created_at: NaiveDateTime,
}

/// Someone a notice goes to, through one of their follows.
#[derive(Debug, Clone, Queryable)]
pub struct Recipient {
    pub user_id: i64,
    pub follow_id: i64,
    pub email: String,
    pub lang: String,
    pub digest: bool,
}

/// An event worth telling followers about.
#[derive(Debug, Clone)]
pub struct Notice {
    /// Unique per event ("thread-answer:<reply id>"): a person gets it once.
    pub key: String,
    /// Path of the page the notice points to.
    pub link: String,
}

/// A notice waiting for a digest, with the address it goes to.
#[derive(Debug, Clone, Queryable)]
pub struct PendingDigest {
    pub id: i64,
    pub user_id: i64,
    pub follow_id: Option<i64>,
    pub subject: String,
    pub link: String,
    pub created_at: NaiveDateTime,
    pub email: String,
    pub lang: String,
}

impl Follow {
    /// Starts following (or changes the digest choice of an existing follow).
    pub fn start(
        conn: &mut DbConnection,
        user_id: i64,
        kind: FollowKind,
        target: &str,
        digest: bool,
    ) -> QueryResult<Follow> {
        crate::db::transaction(conn, |conn| {
            per_backend!(conn, |c| diesel::insert_into(follows::table)
                .values((
                    follows::user_id.eq(user_id),
                    follows::target_kind.eq(kind.as_str()),
                    follows::target.eq(target),
                    follows::digest.eq(digest),
                    follows::created_at.eq(super::now()),
                ))
                .on_conflict((follows::user_id, follows::target_kind, follows::target))
                .do_update()
                .set(follows::digest.eq(digest))
                .execute(c))?;
            follows::table
                .filter(follows::user_id.eq(user_id))
                .filter(follows::target_kind.eq(kind.as_str()))
                .filter(follows::target.eq(target))
                .select(Follow::as_select())
                .first(conn)
        })
    }

    /// Follows `target` unless already following (keeps the digest choice).
    pub fn ensure(
        conn: &mut DbConnection,
        user_id: i64,
        kind: FollowKind,
        target: &str,
    ) -> QueryResult<()> {
        per_backend!(conn, |c| diesel::insert_into(follows::table)
            .values((
                follows::user_id.eq(user_id),
                follows::target_kind.eq(kind.as_str()),
                follows::target.eq(target),
                follows::created_at.eq(super::now()),
            ))
            .on_conflict((follows::user_id, follows::target_kind, follows::target))
            .do_nothing()
            .execute(c))
        .map(|_| ())
    }

    /// Whether `user_id` follows `target`.
    pub fn find(
        conn: &mut DbConnection,
        user_id: i64,
        kind: FollowKind,
        target: &str,
    ) -> QueryResult<Option<Follow>> {
        follows::table
            .filter(follows::user_id.eq(user_id))
            .filter(follows::target_kind.eq(kind.as_str()))
            .filter(follows::target.eq(target))
            .select(Follow::as_select())
            .first(conn)
            .optional()
    }

    /// The follow with `id`, if it still exists.
    pub fn by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Follow>> {
        follows::table
            .find(id)
            .select(Follow::as_select())
            .first(conn)
            .optional()
    }

    /// Everything `user_id` follows, newest first.
    pub fn of_user(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<Follow>> {
        follows::table
            .filter(follows::user_id.eq(user_id))
            .order(follows::id.desc())
            .select(Follow::as_select())
            .load(conn)
    }

    /// Stops the follow `id`; true when there was one.
    pub fn stop(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
        diesel::delete(follows::table.find(id))
            .execute(conn)
            .map(|n| n > 0)
    }

    /// Stops `user_id`'s follow of `target`; true when there was one.
    pub fn stop_target(
        conn: &mut DbConnection,
        user_id: i64,
        kind: FollowKind,
        target: &str,
    ) -> QueryResult<bool> {
        diesel::delete(
            follows::table
                .filter(follows::user_id.eq(user_id))
                .filter(follows::target_kind.eq(kind.as_str()))
                .filter(follows::target.eq(target)),
        )
        .execute(conn)
        .map(|n| n > 0)
    }

    /// The verified, active people following any of `targets`, one follow
    /// per person (the first target listed wins).
    pub fn recipients(
        conn: &mut DbConnection,
        targets: &[(FollowKind, &str)],
    ) -> QueryResult<Vec<Recipient>> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for (kind, target) in targets {
            let found: Vec<Recipient> = follows::table
                .inner_join(users::table)
                .filter(follows::target_kind.eq(kind.as_str()))
                .filter(follows::target.eq(*target))
                .filter(users::email_verified_at.is_not_null())
                .filter(users::disabled_at.is_null())
                .order(follows::id)
                .select((
                    users::id,
                    follows::id,
                    users::email,
                    users::lang,
                    follows::digest,
                ))
                .load(conn)?;
            out.extend(found.into_iter().filter(|r| seen.insert(r.user_id)));
        }
        Ok(out)
    }
}

impl Notice {
    /// Records the notice for each recipient but `except` (who caused it),
    /// once per person; queues an e-mail from `compose` for those who don't
    /// take a digest. Call inside the transaction of the event. Returns how
    /// many e-mails were queued.
    pub fn send(
        &self,
        conn: &mut DbConnection,
        recipients: &[Recipient],
        except: Option<i64>,
        compose: &dyn Fn(&Recipient) -> Option<NewMail>,
    ) -> QueryResult<usize> {
        let now = super::now();
        let mut queued = 0;
        for recipient in recipients.iter().filter(|r| Some(r.user_id) != except) {
            let Some(mail) = compose(recipient) else {
                continue;
            };
            let inserted = per_backend!(conn, |c| diesel::insert_into(notices::table)
                .values((
                    notices::user_id.eq(recipient.user_id),
                    notices::follow_id.eq(recipient.follow_id),
                    notices::event_key.eq(&self.key),
                    notices::subject.eq(&mail.subject),
                    notices::link.eq(&self.link),
                    notices::digest.eq(recipient.digest),
                    notices::created_at.eq(now),
                    notices::sent_at.eq((!recipient.digest).then_some(now)),
                ))
                .on_conflict((notices::user_id, notices::event_key))
                .do_nothing()
                .execute(c))?;
            if inserted == 1 && !recipient.digest {
                mail.enqueue(conn)?;
                queued += 1;
            }
        }
        Ok(queued)
    }

    /// Digest notices still unsent for people whose oldest one is older than
    /// `age` at `now`, oldest first.
    pub fn due_digests(
        conn: &mut DbConnection,
        now: NaiveDateTime,
        age: Duration,
    ) -> QueryResult<Vec<PendingDigest>> {
        let due_users: Vec<i64> = notices::table
            .filter(notices::digest.eq(true))
            .filter(notices::sent_at.is_null())
            .filter(notices::created_at.le(now - age))
            .select(notices::user_id)
            .distinct()
            .load(conn)?;
        if due_users.is_empty() {
            return Ok(Vec::new());
        }
        notices::table
            .inner_join(users::table)
            .filter(notices::digest.eq(true))
            .filter(notices::sent_at.is_null())
            .filter(notices::user_id.eq_any(due_users))
            .order((notices::user_id, notices::id))
            .select((
                notices::id,
                notices::user_id,
                notices::follow_id,
                notices::subject,
                notices::link,
                notices::created_at,
                users::email,
                users::lang,
            ))
            .load(conn)
    }

    /// Marks the notices `ids` sent and queues their digest `mail`, in one
    /// transaction; notices another node sent meanwhile are left out (the
    /// mail is not queued when any of them was).
    pub fn send_digest(conn: &mut DbConnection, ids: &[i64], mail: &NewMail) -> QueryResult<bool> {
        crate::db::transaction(conn, |conn| {
            let marked = diesel::update(
                notices::table
                    .filter(notices::id.eq_any(ids))
                    .filter(notices::sent_at.is_null()),
            )
            .set(notices::sent_at.eq(super::now()))
            .execute(conn)?;
            if marked != ids.len() {
                return Err(diesel::result::Error::RollbackTransaction);
            }
            mail.enqueue(conn)?;
            Ok(true)
        })
        .or_else(|e| match e {
            diesel::result::Error::RollbackTransaction => Ok(false),
            e => Err(e),
        })
    }
}

/// An open draft, as the notices about it need it.
#[derive(Debug, Clone, Queryable)]
pub struct OpenDraft {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub field: String,
    pub opens_on: Option<chrono::NaiveDate>,
    pub closes_on: Option<chrono::NaiveDate>,
    pub agency_public_id: String,
}

impl OpenDraft {
    /// Drafts open for comments now.
    pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<OpenDraft>> {
        use crate::db::schema::{agencies, drafts};
        drafts::table
            .inner_join(agencies::table)
            .filter(drafts::status.eq(crate::domain::draft::DraftStatus::Open.as_str()))
            .select((
                drafts::id,
                drafts::slug,
                drafts::title,
                drafts::field,
                drafts::opens_on,
                drafts::closes_on,
                agencies::public_id,
            ))
            .load(conn)
    }
}
