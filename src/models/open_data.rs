//! Open data: every public record in keyset batches, public fields only, each
//! with the number and hash of the newest ledger entry about it.
//!
//! A batch is read by id after a cursor, so an export of any size costs one
//! batch of memory, and following `next` reaches every row. The ledger
//! entries of a whole batch come in one query.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::DbConnection;
use crate::db::schema::{agencies, comments, drafts, ledger, provisions, versions};
use crate::domain::draft::DraftStatus;

use super::Comment;
use super::comment::status;

mod answers;

pub use answers::{
    AppraisalPointRecord, AppraisalRecord, ResponseRecord, appraisal_points, appraisals, responses,
};

/// Up to `limit` records after a cursor, and the cursor of the next batch
/// (`None` once the last record has been read).
#[derive(Debug, Clone)]
pub struct Batch<R> {
    pub records: Vec<R>,
    pub next: Option<i64>,
}

impl<R> Batch<R> {
    /// `records` with the id each was read by; a full batch has a successor.
    fn new(rows: Vec<(i64, R)>, limit: i64) -> Batch<R> {
        let next = (rows.len() as i64 == limit)
            .then(|| rows.last().map(|(id, _)| *id))
            .flatten();
        Batch {
            records: rows.into_iter().map(|(_, r)| r).collect(),
            next,
        }
    }
}

/// A moment as open data gives it: RFC 3339 in UTC.
fn time(t: NaiveDateTime) -> String {
    t.and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The newest ledger entry (number, hash) about each of `subjects`, in one query.
pub fn ledger_heads(
    conn: &mut DbConnection,
    subjects: Vec<String>,
) -> QueryResult<HashMap<String, (i64, String)>> {
    if subjects.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, i64, String)> = ledger::table
        .filter(ledger::subject.eq_any(subjects))
        .order(ledger::seq)
        .select((ledger::subject, ledger::seq, ledger::hash))
        .load(conn)?;
    // Oldest first: the newest entry of each subject is inserted last.
    Ok(rows
        .into_iter()
        .map(|(subject, seq, hash)| (subject, (seq, hash)))
        .collect())
}

/// The entry of `subject` split into the two record fields.
fn entry_of(
    heads: &HashMap<String, (i64, String)>,
    subject: &str,
) -> (Option<i64>, Option<String>) {
    match heads.get(subject) {
        Some((seq, hash)) => (Some(*seq), Some(hash.clone())),
        None => (None, None),
    }
}

/// The slugs of `draft_ids`, by id.
fn slugs(conn: &mut DbConnection, draft_ids: Vec<i64>) -> QueryResult<HashMap<i64, String>> {
    Ok(drafts::table
        .filter(drafts::id.eq_any(draft_ids))
        .select((drafts::id, drafts::slug))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect())
}

/// A public draft.
#[derive(Debug, Clone, Serialize)]
pub struct DraftRecord {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub agency_id: String,
    pub agency: String,
    pub doc_type: String,
    pub field: String,
    pub status: String,
    pub summary: String,
    pub affected_groups: String,
    pub opens_on: Option<String>,
    pub closes_on: Option<String>,
    pub closes_at: Option<String>,
    pub rule_min_days: Option<i32>,
    pub rule_legal_basis: Option<String>,
    pub allow_late: bool,
    pub created_at: String,
    pub synthesis_published_at: Option<String>,
    pub ledger_seq: Option<i64>,
    pub ledger_hash: Option<String>,
}

/// Public drafts (not in preparation) after `after`, by id; one draft with `draft`.
pub fn drafts(
    conn: &mut DbConnection,
    draft: Option<i64>,
    after: i64,
    limit: i64,
) -> QueryResult<Batch<DraftRecord>> {
    let mut query = drafts::table
        .inner_join(agencies::table)
        .filter(drafts::status.ne(DraftStatus::Preparing.as_str()))
        .filter(drafts::id.gt(after))
        .order(drafts::id)
        .limit(limit)
        .select((
            super::Draft::as_select(),
            agencies::public_id,
            agencies::name,
        ))
        .into_boxed();
    if let Some(id) = draft {
        query = query.filter(drafts::id.eq(id));
    }
    let rows: Vec<(super::Draft, String, String)> = query.load(conn)?;
    let heads = ledger_heads(conn, rows.iter().map(|(d, ..)| d.slug.clone()).collect())?;
    let records = rows
        .into_iter()
        .map(|(d, agency_id, agency)| {
            let (ledger_seq, ledger_hash) = entry_of(&heads, &d.slug);
            let record = DraftRecord {
                id: d.public_id,
                title: d.title,
                agency_id,
                agency,
                doc_type: d.doc_type,
                field: d.field,
                status: d.status,
                summary: d.summary,
                affected_groups: d.affected_groups,
                opens_on: d.opens_on.map(|t| t.to_string()),
                closes_on: d.closes_on.map(|t| t.to_string()),
                closes_at: d.closes_at.map(time),
                rule_min_days: d.rule_min_days,
                rule_legal_basis: d.rule_legal_basis,
                allow_late: d.allow_late,
                created_at: time(d.created_at),
                synthesis_published_at: d.synthesis_published_at.map(time),
                ledger_seq,
                ledger_hash,
                slug: d.slug,
            };
            (d.id, record)
        })
        .collect();
    Ok(Batch::new(records, limit))
}

/// A provision of a published version.
#[derive(Debug, Clone, Serialize)]
pub struct ProvisionRecord {
    pub draft: String,
    pub version: i32,
    pub version_published_at: Option<String>,
    pub position: i32,
    pub depth: i32,
    pub kind: String,
    pub number: String,
    pub anchor: String,
    pub short_anchor: Option<String>,
    pub parent_anchor: Option<String>,
    pub title: Option<String>,
    pub text: String,
    /// The entry of the version's publication, which holds the text's SHA-256.
    pub ledger_seq: Option<i64>,
    pub ledger_hash: Option<String>,
}

/// Provisions of published versions of public drafts after `after`, by id.
pub fn provisions(
    conn: &mut DbConnection,
    draft: Option<i64>,
    after: i64,
    limit: i64,
) -> QueryResult<Batch<ProvisionRecord>> {
    let mut query = provisions::table
        .inner_join(versions::table.inner_join(drafts::table))
        .filter(versions::published_at.is_not_null())
        .filter(drafts::status.ne(DraftStatus::Preparing.as_str()))
        .filter(provisions::id.gt(after))
        .order(provisions::id)
        .limit(limit)
        .select((
            super::ProvisionRow::as_select(),
            drafts::slug,
            versions::number,
            versions::published_at,
        ))
        .into_boxed();
    if let Some(id) = draft {
        query = query.filter(drafts::id.eq(id));
    }
    let rows: Vec<(super::ProvisionRow, String, i32, Option<NaiveDateTime>)> = query.load(conn)?;
    let subject = |slug: &str, number: i32| format!("{slug}/v{number}");
    let mut subjects: Vec<String> = rows.iter().map(|(_, s, n, _)| subject(s, *n)).collect();
    subjects.dedup();
    let heads = ledger_heads(conn, subjects)?;
    let records = rows
        .into_iter()
        .map(|(p, slug, number, published_at)| {
            let (ledger_seq, ledger_hash) = entry_of(&heads, &subject(&slug, number));
            let record = ProvisionRecord {
                draft: slug,
                version: number,
                version_published_at: published_at.map(time),
                position: p.position,
                depth: p.depth,
                kind: p.kind,
                number: p.number,
                anchor: p.anchor,
                short_anchor: p.short_anchor,
                parent_anchor: p.parent_anchor,
                title: p.title,
                text: p.body,
                ledger_seq,
                ledger_hash,
            };
            (p.id, record)
        })
        .collect();
    Ok(Batch::new(records, limit))
}

/// A public comment: the text only while published; who wrote it only with
/// their consent (organisations always name themselves); never an e-mail,
/// phone number or address.
#[derive(Debug, Clone, Serialize)]
pub struct CommentRecord {
    pub id: String,
    pub draft: String,
    pub version: i32,
    pub anchor: Option<String>,
    pub question: Option<i32>,
    pub category: String,
    pub author: Option<String>,
    pub organisation: Option<String>,
    pub on_behalf_of: String,
    pub status: String,
    pub late: bool,
    pub published_at: Option<String>,
    pub withdrawn_at: Option<String>,
    pub hidden_reason: Option<String>,
    pub text: Option<String>,
    pub sha256: String,
    pub ledger_seq: Option<i64>,
    pub ledger_hash: Option<String>,
}

/// Comments that ever became public (published, hidden, withdrawn) after `after`, by id.
pub fn comments(
    conn: &mut DbConnection,
    draft: Option<i64>,
    after: i64,
    limit: i64,
) -> QueryResult<Batch<CommentRecord>> {
    let mut query = comments::table
        .inner_join(drafts::table)
        .filter(comments::status.ne(status::PENDING))
        .filter(comments::id.gt(after))
        .order(comments::id)
        .limit(limit)
        .select((Comment::as_select(), drafts::slug))
        .into_boxed();
    if let Some(id) = draft {
        query = query.filter(comments::draft_id.eq(id));
    }
    let rows: Vec<(Comment, String)> = query.load(conn)?;
    let list: Vec<Comment> = rows.iter().map(|(c, _)| c.clone()).collect();
    let mut names = Comment::consented_names(conn, &list)?;
    drop(list);
    let heads = ledger_heads(
        conn,
        rows.iter().map(|(c, _)| c.public_id.clone()).collect(),
    )?;
    let records = rows
        .into_iter()
        .map(|(c, slug)| {
            let (ledger_seq, ledger_hash) = entry_of(&heads, &c.public_id);
            let hidden_reason = match (c.hidden_reason_code, c.hidden_reason_text) {
                (Some(code), Some(text)) if !text.is_empty() => Some(format!("{code}: {text}")),
                (code, _) => code,
            };
            let published = c.status == status::PUBLISHED;
            let record = CommentRecord {
                id: c.public_id,
                draft: slug,
                version: c.version_number,
                anchor: c.anchor,
                question: c.question_position,
                category: c.category,
                author: names.remove(&c.id).filter(|_| c.show_name),
                organisation: c.organisation_name,
                on_behalf_of: c.on_behalf_of,
                status: c.status,
                late: c.late,
                published_at: c.published_at.map(time),
                withdrawn_at: c.withdrawn_at.map(time),
                hidden_reason,
                text: published.then_some(c.body),
                sha256: c.body_sha256,
                ledger_seq,
                ledger_hash,
            };
            (c.id, record)
        })
        .collect();
    Ok(Batch::new(records, limit))
}

/// A ledger entry.
#[derive(Debug, Clone, Serialize)]
pub struct LedgerRecord {
    pub seq: i64,
    pub time: String,
    pub kind: String,
    pub subject: String,
    /// The canonical JSON the hash covers.
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Ledger entries after `after`, oldest first; of one draft with `draft`.
pub fn ledger(
    conn: &mut DbConnection,
    draft: Option<i64>,
    after: i64,
    limit: i64,
) -> QueryResult<Batch<LedgerRecord>> {
    let entries = super::ledger::Entry::after(conn, after, draft, limit)?;
    let records = entries
        .into_iter()
        .map(|e| {
            let record = LedgerRecord {
                seq: e.seq,
                time: time(e.created_at),
                kind: e.kind,
                subject: e.subject,
                payload: e.payload,
                prev_hash: e.prev_hash,
                hash: e.hash,
            };
            (record.seq, record)
        })
        .collect();
    Ok(Batch::new(records, limit))
}

/// The id of the public draft `slug` (not in preparation), for the filter.
pub fn public_draft_id(conn: &mut DbConnection, slug: &str) -> QueryResult<i64> {
    drafts::table
        .filter(drafts::slug.eq(slug))
        .filter(drafts::status.ne(DraftStatus::Preparing.as_str()))
        .select(drafts::id)
        .first(conn)
}
