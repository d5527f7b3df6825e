//! The public ledger: an append-only, hash-chained record of every public
//! state change. Entries are appended inside the transaction of the change
//! they record, so a change that rolls back leaves no entry.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::DbConnection;
use crate::db::schema::{ledger, ledger_head};
use crate::domain::ledger::{Break, GENESIS, entry_hash};

/// One ledger entry as stored.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = ledger)]
pub struct Entry {
    pub seq: i64,
    #[serde(skip)]
    pub created_at: NaiveDateTime,
    pub kind: String,
    pub subject: String,
    #[serde(skip)]
    pub draft_id: Option<i64>,
    /// Canonical JSON: keys sorted, no spaces.
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

/// What kind of change an entry records.
pub mod kind {
    pub const DRAFT_STATUS: &str = "draft.status";
    pub const VERSION_PUBLISHED: &str = "version.published";
    pub const COMMENT_PUBLISHED: &str = "comment.published";
    pub const COMMENT_EDITED: &str = "comment.edited";
    pub const COMMENT_WITHDRAWN: &str = "comment.withdrawn";
    pub const COMMENT_HIDDEN: &str = "comment.hidden";
    pub const COMMENT_RESTORED: &str = "comment.restored";
    pub const RESPONSE_PUBLISHED: &str = "response.published";
    pub const SYNTHESIS_PUBLISHED: &str = "synthesis.published";
    pub const INTEREST_DECLARED: &str = "interest.declared";
    pub const APPRAISAL_RECORDED: &str = "appraisal.recorded";
    pub const APPRAISAL_ANSWERED: &str = "appraisal.answered";
    pub const APPRAISAL_CHALLENGED: &str = "appraisal.challenged";
    pub const THREAD_OPENED: &str = "thread.opened";
    pub const THREAD_ANSWERED: &str = "thread.answered";
    pub const THREAD_FORWARDED: &str = "thread.forwarded";
    pub const THREAD_STATE: &str = "thread.state";
    pub const THREAD_HIDDEN: &str = "thread.hidden";
    pub const THREAD_APPEAL: &str = "thread.appeal";
    pub const SESSION_SCHEDULED: &str = "dialogue.scheduled";
    pub const SESSION_MINUTES: &str = "dialogue.minutes";
}

/// The newest entry's number and hash (0 and the genesis hash when empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Head {
    pub seq: i64,
    pub hash: String,
}

impl Entry {
    /// Appends an entry for `kind` on `subject` (a public id) with `payload`
    /// (public fields only). Call it inside the transaction of the change.
    pub fn append(
        conn: &mut DbConnection,
        kind: &str,
        subject: &str,
        draft_id: Option<i64>,
        payload: serde_json::Value,
    ) -> QueryResult<Entry> {
        crate::db::transaction(conn, |conn| {
            // Taking the head row first makes concurrent appenders wait.
            diesel::update(ledger_head::table.find(1))
                .set(ledger_head::seq.eq(ledger_head::seq))
                .execute(conn)?;
            let (head_seq, head_hash): (i64, String) = ledger_head::table
                .find(1)
                .select((ledger_head::seq, ledger_head::hash))
                .first(conn)?;
            let head = Head {
                seq: head_seq,
                hash: head_hash,
            };
            let entry = Entry::chained(&head, super::now(), kind, subject, draft_id, payload);
            Entry::insert_all(conn, std::slice::from_ref(&entry))?;
            Ok(entry)
        })
    }

    /// The entry that follows `head`: its number, canonical payload and
    /// hash. Nothing is stored; see [`Entry::insert_all`].
    pub fn chained(
        head: &Head,
        now: NaiveDateTime,
        kind: &str,
        subject: &str,
        draft_id: Option<i64>,
        payload: serde_json::Value,
    ) -> Entry {
        let seq = head.seq + 1;
        let body = serde_json::json!({
            "seq": seq,
            "time": now.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            "kind": kind,
            "subject": subject,
            "data": payload,
        });
        let payload = body.to_string();
        Entry {
            seq,
            created_at: now,
            kind: kind.to_string(),
            subject: subject.to_string(),
            draft_id,
            hash: entry_hash(&head.hash, &payload),
            payload,
            prev_hash: head.hash.clone(),
        }
    }

    /// Stores `entries`, which continue the chain from its current head
    /// (built with [`Entry::chained`] while holding the head row), and moves
    /// the head to the last. For bulk loads, one statement per 500 entries.
    pub fn insert_all(conn: &mut DbConnection, entries: &[Entry]) -> QueryResult<()> {
        let Some(last) = entries.last() else {
            return Ok(());
        };
        for chunk in entries.chunks(500) {
            let rows: Vec<_> = chunk
                .iter()
                .map(|e| {
                    (
                        ledger::seq.eq(e.seq),
                        ledger::created_at.eq(e.created_at),
                        ledger::kind.eq(&e.kind),
                        ledger::subject.eq(&e.subject),
                        ledger::draft_id.eq(e.draft_id),
                        ledger::payload.eq(&e.payload),
                        ledger::prev_hash.eq(&e.prev_hash),
                        ledger::hash.eq(&e.hash),
                    )
                })
                .collect();
            per_backend!(conn, |c| diesel::insert_into(ledger::table)
                .values(&rows)
                .execute(c))?;
        }
        diesel::update(ledger_head::table.find(1))
            .set((
                ledger_head::seq.eq(last.seq),
                ledger_head::hash.eq(&last.hash),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// Locks the head row until the transaction ends (so that no other
    /// appender interleaves) and returns it.
    pub fn lock_head(conn: &mut DbConnection) -> QueryResult<Head> {
        diesel::update(ledger_head::table.find(1))
            .set(ledger_head::seq.eq(ledger_head::seq))
            .execute(conn)?;
        Entry::head(conn)
    }

    /// The head of the chain.
    pub fn head(conn: &mut DbConnection) -> QueryResult<Head> {
        let (seq, hash) = ledger_head::table
            .find(1)
            .select((ledger_head::seq, ledger_head::hash))
            .first(conn)?;
        Ok(Head { seq, hash })
    }

    /// Entry number `seq`.
    pub fn get(conn: &mut DbConnection, seq: i64) -> QueryResult<Entry> {
        ledger::table
            .find(seq)
            .select(Entry::as_select())
            .first(conn)
    }

    /// Up to `limit` entries after `after`, oldest first, of one draft or all.
    pub fn after(
        conn: &mut DbConnection,
        after: i64,
        draft_id: Option<i64>,
        limit: i64,
    ) -> QueryResult<Vec<Entry>> {
        let mut query = ledger::table
            .filter(ledger::seq.gt(after))
            .order(ledger::seq)
            .limit(limit)
            .select(Entry::as_select())
            .into_boxed();
        if let Some(id) = draft_id {
            query = query.filter(ledger::draft_id.eq(id));
        }
        query.load(conn)
    }

    /// Up to `limit` entries before `before` (newest first), of one draft or all.
    pub fn before(
        conn: &mut DbConnection,
        before: Option<i64>,
        draft_id: Option<i64>,
        limit: i64,
    ) -> QueryResult<Vec<Entry>> {
        let mut query = ledger::table
            .order(ledger::seq.desc())
            .limit(limit)
            .select(Entry::as_select())
            .into_boxed();
        if let Some(seq) = before {
            query = query.filter(ledger::seq.lt(seq));
        }
        if let Some(id) = draft_id {
            query = query.filter(ledger::draft_id.eq(id));
        }
        query.load(conn)
    }

    /// The newest entry about `subject`.
    pub fn latest_for(conn: &mut DbConnection, subject: &str) -> QueryResult<Option<Entry>> {
        ledger::table
            .filter(ledger::subject.eq(subject))
            .order(ledger::seq.desc())
            .select(Entry::as_select())
            .first(conn)
            .optional()
    }

    /// Checks the whole chain in batches, calling `progress` with the number
    /// checked; returns the number of entries and the first break, if any.
    pub fn verify(
        conn: &mut DbConnection,
        mut progress: impl FnMut(i64),
    ) -> QueryResult<(i64, Option<Break>)> {
        let mut checker = crate::domain::ledger::Checker::new();
        let mut after = 0;
        loop {
            let batch = Entry::after(conn, after, None, 5_000)?;
            let Some(last) = batch.last() else {
                break;
            };
            after = last.seq;
            for entry in &batch {
                if let Some(broken) =
                    checker.check(entry.seq, &entry.prev_hash, &entry.payload, &entry.hash)
                {
                    return Ok((checker.count(), Some(broken)));
                }
            }
            progress(checker.count());
        }
        let head = Entry::head(conn)?;
        if head.seq != checker.last_seq() || (head.seq > 0 && head.hash != checker.last_hash()) {
            return Ok((checker.count(), Some(Break::Head { seq: head.seq })));
        }
        Ok((checker.count(), None))
    }
}

/// The genesis hash, for callers that show an empty chain.
pub fn genesis() -> &'static str {
    GENESIS
}

/// The slug of a draft, as entries name it.
/// What the ledger records of a comment: its fingerprint, status, target
/// and category — never the author's identity.
#[derive(Debug, Clone, Copy)]
pub struct CommentFacts<'a> {
    pub draft: &'a str,
    pub version: i32,
    pub anchor: Option<&'a str>,
    pub question: Option<i32>,
    pub category: &'a str,
    pub status: &'a str,
    pub late: bool,
    pub sha256: &'a str,
    pub hidden_reason: Option<&'a str>,
}

impl CommentFacts<'_> {
    /// The entry's payload.
    pub fn payload(&self) -> serde_json::Value {
        serde_json::json!({
            "draft": self.draft,
            "version": self.version,
            "anchor": self.anchor,
            "question": self.question,
            "category": self.category,
            "status": self.status,
            "late": self.late,
            "sha256": self.sha256,
            "hidden_reason": self.hidden_reason,
        })
    }
}

fn draft_slug(conn: &mut DbConnection, draft_id: i64) -> QueryResult<String> {
    use crate::db::schema::drafts;
    drafts::table
        .find(draft_id)
        .select(drafts::slug)
        .first(conn)
}

impl Entry {
    /// Records a comment's public state after a change (`kind`): its
    /// fingerprint, status, target and category — never the author's identity.
    pub fn comment(conn: &mut DbConnection, kind: &str, comment_id: i64) -> QueryResult<Entry> {
        use crate::db::schema::comments;
        let c: super::Comment = comments::table
            .find(comment_id)
            .select(super::Comment::as_select())
            .first(conn)?;
        let draft = draft_slug(conn, c.draft_id)?;
        let payload = CommentFacts {
            draft: &draft,
            version: c.version_number,
            anchor: c.anchor.as_deref(),
            question: c.question_position,
            category: &c.category,
            status: &c.status,
            late: c.late,
            sha256: &c.body_sha256,
            hidden_reason: c.hidden_reason_code.as_deref(),
        }
        .payload();
        Entry::append(conn, kind, &c.public_id, Some(c.draft_id), payload)
    }

    /// Records a published answer (and the answer it supersedes).
    pub fn response(
        conn: &mut DbConnection,
        response: &super::Response,
        comment_public_id: &str,
        superseded: Option<&str>,
    ) -> QueryResult<Entry> {
        let draft = draft_slug(conn, response.draft_id)?;
        Entry::append(
            conn,
            kind::RESPONSE_PUBLISHED,
            &response.public_id,
            Some(response.draft_id),
            serde_json::json!({
                "draft": draft,
                "comment": comment_public_id,
                "decision": response.decision,
                "explanation_sha256": crate::storage::Storage::hash(response.explanation.as_bytes()),
                "version": response.version_number,
                "anchors": response.anchor_list(),
                "supersedes": superseded,
            }),
        )
    }

    /// Records a draft's status change.
    pub fn draft_status(
        conn: &mut DbConnection,
        draft_id: i64,
        status: &str,
        note: &str,
    ) -> QueryResult<Entry> {
        let draft = draft_slug(conn, draft_id)?;
        Entry::append(
            conn,
            kind::DRAFT_STATUS,
            &draft,
            Some(draft_id),
            serde_json::json!({"status": status, "note": note}),
        )
    }

    /// Records any other change of a draft (a version, an appraisal step);
    /// the subject is the draft's slug followed by `suffix` (`/v2`).
    pub fn draft_change(
        conn: &mut DbConnection,
        kind: &str,
        draft_id: i64,
        suffix: &str,
        data: serde_json::Value,
    ) -> QueryResult<Entry> {
        let draft = draft_slug(conn, draft_id)?;
        let subject = format!("{draft}{suffix}");
        let mut data = data;
        data["draft"] = serde_json::Value::String(draft);
        Entry::append(conn, kind, &subject, Some(draft_id), data)
    }
}

/// A stored row that no longer matches what the ledger last recorded of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    /// The row's public id.
    pub subject: String,
    /// The entry that recorded it last.
    pub seq: i64,
    /// What differs ("sha256", "status", "decision", …).
    pub field: &'static str,
}

impl Entry {
    /// Compares every comment and published answer with the last entry
    /// recorded about it: a row changed behind the portal's back (its text,
    /// status or decision) shows up here even though the chain is intact.
    pub fn drift(conn: &mut DbConnection) -> QueryResult<Vec<Drift>> {
        use crate::db::schema::{comments, responses};
        let mut found = Vec::new();
        let mut after = 0;
        loop {
            let rows: Vec<(i64, String, String, String)> = comments::table
                .filter(comments::id.gt(after))
                .filter(comments::status.ne(super::comment::status::PENDING))
                .order(comments::id)
                .limit(2_000)
                .select((
                    comments::id,
                    comments::public_id,
                    comments::status,
                    comments::body_sha256,
                ))
                .load(conn)?;
            let Some(last) = rows.last() else { break };
            after = last.0;
            let latest = Entry::latest_of(conn, rows.iter().map(|r| r.1.clone()).collect())?;
            for (_, public_id, status, sha) in &rows {
                let Some(entry) = latest.get(public_id) else {
                    continue;
                };
                let data: serde_json::Value =
                    serde_json::from_str(&entry.payload).unwrap_or_default();
                let recorded = &data["data"];
                if recorded["sha256"].as_str() != Some(sha.as_str()) {
                    found.push(Drift {
                        subject: public_id.clone(),
                        seq: entry.seq,
                        field: "sha256",
                    });
                } else if recorded["status"].as_str() != Some(status.as_str()) {
                    found.push(Drift {
                        subject: public_id.clone(),
                        seq: entry.seq,
                        field: "status",
                    });
                }
            }
        }
        let answers: Vec<(String, String, String)> = responses::table
            .filter(responses::published_at.is_not_null())
            .select((
                responses::public_id,
                responses::decision,
                responses::explanation,
            ))
            .load(conn)?;
        for chunk in answers.chunks(2_000) {
            let latest = Entry::latest_of(conn, chunk.iter().map(|r| r.0.clone()).collect())?;
            for (public_id, decision, explanation) in chunk {
                let Some(entry) = latest.get(public_id) else {
                    continue;
                };
                let data: serde_json::Value =
                    serde_json::from_str(&entry.payload).unwrap_or_default();
                let recorded = &data["data"];
                let sha = crate::storage::Storage::hash(explanation.as_bytes());
                let field = if recorded["decision"].as_str() != Some(decision.as_str()) {
                    Some("decision")
                } else if recorded["explanation_sha256"].as_str() != Some(sha.as_str()) {
                    Some("explanation")
                } else {
                    None
                };
                if let Some(field) = field {
                    found.push(Drift {
                        subject: public_id.clone(),
                        seq: entry.seq,
                        field,
                    });
                }
            }
        }
        Ok(found)
    }

    /// The newest entry about each of `subjects`.
    fn latest_of(
        conn: &mut DbConnection,
        subjects: Vec<String>,
    ) -> QueryResult<std::collections::HashMap<String, Entry>> {
        let entries: Vec<Entry> = ledger::table
            .filter(ledger::subject.eq_any(subjects))
            .order(ledger::seq)
            .select(Entry::as_select())
            .load(conn)?;
        Ok(entries
            .into_iter()
            .map(|e| (e.subject.clone(), e))
            .collect())
    }
}
