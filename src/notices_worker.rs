//! Tells followers what they asked to hear about, from every node: drafts
//! newly open in a followed field or agency, windows closing in three days,
//! and the daily digests. Each notice has a unique key per person, so two
//! nodes (or two rounds) never send it twice.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{Days, Utc};

use crate::db::{Db, DbConnection};
use crate::domain::draft::local_date;
use crate::domain::text::fold;
use crate::domain::thread::FollowKind;
use crate::i18n::Lang;
use crate::mail::Postman;
use crate::models::follow::{OpenDraft, PendingDigest};
use crate::models::{Follow, Notice};

/// How often the worker looks.
const EVERY: Duration = Duration::from_secs(30);
/// A window closing within this many days brings a reminder.
pub const CLOSING_SOON_DAYS: u64 = 3;
/// Drafts opened this many days ago or less count as new.
const NEW_FOR_DAYS: u64 = 7;

/// Runs [`run_once`] now and then every [`EVERY`].
pub fn spawn(db: Db, postman: Postman) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let composer = postman.clone();
            match db.run(move |c| run_once(c, &composer)).await {
                Ok(0) => {}
                Ok(queued) => {
                    tracing::info!(queued, "notices queued");
                    postman.wake();
                }
                Err(e) => tracing::error!(error = %e, "notices failed"),
            }
            tokio::time::sleep(EVERY).await;
        }
    })
}

/// One round: new drafts, closing reminders and due digests. Returns how
/// many e-mails it queued.
pub fn run_once(conn: &mut DbConnection, postman: &Postman) -> diesel::QueryResult<usize> {
    let today = local_date(Utc::now());
    let mut queued = 0;
    for draft in OpenDraft::all(conn)? {
        let link = format!("/drafts/{}", draft.slug);
        let is_new = draft
            .opens_on
            .is_some_and(|d| d.checked_add_days(Days::new(NEW_FOR_DAYS)) >= Some(today));
        if is_new {
            let field = fold(&draft.field);
            let recipients = Follow::recipients(
                conn,
                &[
                    (FollowKind::Agency, &draft.agency_public_id),
                    (FollowKind::Field, &field),
                ],
            )?;
            let compose = |r: &crate::models::Recipient| {
                let data = serde_json::json!({
                    "title": draft.title,
                    "field": draft.field,
                    "link": postman.link(&link),
                    "unsubscribe": postman.unsubscribe_link(r.follow_id),
                });
                postman
                    .compose("draft_opened", lang_of(r), &r.email, &data)
                    .ok()
            };
            queued += crate::db::transaction(conn, |c| {
                Notice {
                    key: format!("draft-opened:{}", draft.id),
                    link: link.clone(),
                }
                .send(c, &recipients, None, &compose)
            })?;
        }
        let closing_soon = draft.closes_on.is_some_and(|d| {
            d >= today && today.checked_add_days(Days::new(CLOSING_SOON_DAYS)) >= Some(d)
        });
        if closing_soon {
            let recipients = Follow::recipients(conn, &[(FollowKind::Draft, &draft.slug)])?;
            let closes_on = draft.closes_on.map(|d| d.format("%d/%m/%Y").to_string());
            let compose = |r: &crate::models::Recipient| {
                let data = serde_json::json!({
                    "title": draft.title,
                    "closes_on": closes_on,
                    "link": postman.link(&link),
                    "unsubscribe": postman.unsubscribe_link(r.follow_id),
                });
                postman
                    .compose("draft_closing", lang_of(r), &r.email, &data)
                    .ok()
            };
            queued += crate::db::transaction(conn, |c| {
                Notice {
                    key: format!("draft-closing:{}", draft.id),
                    link: link.clone(),
                }
                .send(c, &recipients, None, &compose)
            })?;
        }
    }
    queued += send_digests(conn, postman)?;
    Ok(queued)
}

fn lang_of(recipient: &crate::models::Recipient) -> Lang {
    Lang::from_code(&recipient.lang).unwrap_or_default()
}

/// Gathers each person's waiting notices, once the oldest is a day old,
/// into one e-mail.
fn send_digests(conn: &mut DbConnection, postman: &Postman) -> diesel::QueryResult<usize> {
    let pending = Notice::due_digests(conn, crate::models::now(), chrono::Duration::hours(24))?;
    let mut by_user: BTreeMap<i64, Vec<PendingDigest>> = BTreeMap::new();
    for notice in pending {
        by_user.entry(notice.user_id).or_default().push(notice);
    }
    let mut queued = 0;
    for notices in by_user.values() {
        let first = &notices[0];
        let items: Vec<_> = notices
            .iter()
            .map(|n| {
                serde_json::json!({
                    "subject": n.subject,
                    "link": postman.link(&n.link),
                    "unsubscribe": n.follow_id.map(|f| postman.unsubscribe_link(f)),
                })
            })
            .collect();
        let lang = Lang::from_code(&first.lang).unwrap_or_default();
        let data = serde_json::json!({"items": items, "count": items.len()});
        let Ok(mail) = postman.compose("notice_digest", lang, &first.email, &data) else {
            continue;
        };
        let ids: Vec<i64> = notices.iter().map(|n| n.id).collect();
        if Notice::send_digest(conn, &ids, &mail)? {
            queued += 1;
        }
    }
    Ok(queued)
}
