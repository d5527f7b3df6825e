//! The shapes of the JSON API's bodies, for the OpenAPI document.
//!
//! The handlers write their JSON with `serde_json::json!`; these types
//! describe it for clients and are never built. The integration test
//! `openapi::documented_schemas_match_real_responses` compares them with real
//! responses, so a key added to or dropped from a handler fails it.
#![allow(dead_code)]

use serde_json::Value;
use utoipa::ToSchema;

/// Every error under `/api/`.
#[derive(ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// What went wrong, in the request's language.
#[derive(ToSchema)]
pub struct ErrorDetail {
    pub status: u16,
    /// A stable code (`not_found`, `unprocessable_entity`, …).
    pub code: String,
    pub message: String,
    /// Quote it when reporting a server error.
    pub request_id: Option<String>,
}

/// An agency, briefly.
#[derive(ToSchema)]
pub struct AgencyRef {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub kind: Option<String>,
}

/// The token's user.
#[derive(ToSchema)]
pub struct Me {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub agency: Option<AgencyRef>,
}

/// One search hit: a draft or one of its provisions.
#[derive(ToSchema)]
pub struct SearchHit {
    pub draft: String,
    pub draft_title: String,
    pub anchor: Option<String>,
    pub kind: String,
    pub number: String,
    pub title: String,
    pub text: String,
    pub url: String,
}

/// A published comment found, newest first.
#[derive(ToSchema)]
pub struct CommentSearchHit {
    /// The comment's public id.
    pub id: String,
    pub draft: String,
    pub draft_title: String,
    pub anchor: Option<String>,
    pub text: String,
    pub url: String,
}

/// Search results (every word must match; diacritics are ignored).
#[derive(ToSchema)]
pub struct SearchResults {
    pub query: String,
    pub results: Vec<SearchHit>,
    pub comments: Vec<CommentSearchHit>,
}

/// The consultation-window rule a draft was opened under.
#[derive(ToSchema)]
pub struct RuleRef {
    pub min_days: Option<i32>,
    pub legal_basis: String,
}

/// A draft in a list.
#[derive(ToSchema)]
pub struct DraftSummary {
    pub slug: String,
    pub id: String,
    pub title: String,
    pub agency: Option<AgencyRef>,
    pub doc_type: String,
    pub field: String,
    pub status: String,
    /// `YYYY-MM-DD`.
    pub opens_on: Option<String>,
    pub closes_on: Option<String>,
    /// RFC 3339.
    pub closes_at: Option<String>,
    pub rule: Option<RuleRef>,
    pub url: String,
}

/// A page of drafts, newest first.
#[derive(ToSchema)]
pub struct DraftList {
    pub drafts: Vec<DraftSummary>,
    /// Pass as `before` for the next page; null on the last.
    pub next: Option<i64>,
}

/// A provision of a version.
#[derive(ToSchema)]
pub struct Provision {
    pub kind: String,
    pub number: String,
    pub anchor: String,
    pub short_anchor: Option<String>,
    pub parent: Option<String>,
    pub title: Option<String>,
    pub text: String,
}

/// A draft with the provisions of one version.
#[derive(ToSchema)]
pub struct DraftDetail {
    pub slug: String,
    pub id: String,
    pub title: String,
    pub agency: Option<AgencyRef>,
    pub doc_type: String,
    pub field: String,
    pub status: String,
    pub opens_on: Option<String>,
    pub closes_on: Option<String>,
    pub closes_at: Option<String>,
    pub rule: Option<RuleRef>,
    pub url: String,
    pub summary: String,
    pub affected_groups: String,
    pub questions: Vec<String>,
    /// The numbers of the published versions.
    pub versions: Vec<i32>,
    /// The version shown.
    pub version: Option<i32>,
    pub provisions: Vec<Provision>,
}

/// What `POST /api/v1/drafts` returns.
#[derive(ToSchema)]
pub struct DraftCreated {
    pub slug: String,
    pub version: i32,
    /// Articles the text parser found.
    pub articles: i64,
    pub url: String,
}

/// What `POST /api/v1/drafts/{slug}/versions` returns.
#[derive(ToSchema)]
pub struct VersionCreated {
    pub version: i32,
}

/// What publishing a version returns.
#[derive(ToSchema)]
pub struct VersionPublished {
    pub version: i32,
    pub published: bool,
    pub already_published: bool,
}

/// What opening the consultation returns.
#[derive(ToSchema)]
pub struct Opened {
    pub status: String,
    pub opens_on: String,
    pub closes_on: String,
    /// 23:59:59 Vietnam time on the last day, RFC 3339.
    pub closes_at: String,
}

/// A published answer to a comment.
#[derive(ToSchema)]
pub struct Answer {
    pub id: String,
    /// `accepted`, `partly_accepted`, `not_accepted` or `noted`.
    pub decision: String,
    pub explanation: String,
    pub version: Option<i32>,
    pub anchors: Vec<String>,
    pub group: Option<String>,
    pub published_at: Option<String>,
    pub superseded_at: Option<String>,
}

/// A public comment with its current answer.
#[derive(ToSchema)]
pub struct Comment {
    pub id: String,
    pub anchor: Option<String>,
    pub question: Option<i32>,
    pub version: i32,
    pub category: String,
    /// The name only with the author's consent, else a pseudonym.
    pub author: String,
    pub organisation: Option<String>,
    pub on_behalf_of: String,
    /// Null unless published (hidden and withdrawn comments keep no text).
    pub body: Option<String>,
    pub sha256: String,
    pub status: String,
    pub late: bool,
    pub published_at: Option<String>,
    pub answer: Option<Answer>,
}

/// A page of comments, oldest first.
#[derive(ToSchema)]
pub struct CommentList {
    pub comments: Vec<Comment>,
    /// Pass as `after` for the next page; null on the last.
    pub next: Option<i64>,
}

/// The author's one reply to the answer, and the agency's answer to it.
#[derive(ToSchema)]
pub struct Rebuttal {
    pub body: String,
    pub created_at: String,
    pub answer: Option<String>,
    pub answered_at: Option<String>,
}

/// A comment with every published answer (superseded ones included).
#[derive(ToSchema)]
pub struct CommentDetail {
    pub id: String,
    pub anchor: Option<String>,
    pub question: Option<i32>,
    pub version: i32,
    pub category: String,
    pub author: String,
    pub organisation: Option<String>,
    pub on_behalf_of: String,
    pub body: Option<String>,
    pub sha256: String,
    pub status: String,
    pub late: bool,
    pub published_at: Option<String>,
    pub answer: Option<Answer>,
    pub answers: Vec<Answer>,
    pub rebuttal: Option<Rebuttal>,
}

/// A draft, briefly.
#[derive(ToSchema)]
pub struct DraftRef {
    pub slug: String,
    pub title: String,
    pub status: String,
}

/// The report's totals.
#[derive(ToSchema)]
pub struct SynthesisTotals {
    pub comments: i64,
    pub hidden: i64,
    pub organisations: i64,
    pub people: i64,
    pub answered: i64,
    pub unanswered: i64,
    /// Comments per author category.
    #[schema(value_type = Object)]
    pub by_category: Value,
    /// Answers per decision.
    #[schema(value_type = Object)]
    pub by_decision: Value,
}

/// One row of the synthesis report.
#[derive(ToSchema)]
pub struct SynthesisRow {
    pub n: i64,
    pub comment_id: String,
    pub group: String,
    pub place: String,
    pub anchor: Option<String>,
    pub question: Option<i32>,
    pub author: String,
    pub category: String,
    pub category_label: String,
    pub comment: String,
    pub hidden: bool,
    pub decision: Option<String>,
    pub decision_label: String,
    pub explanation: String,
    pub cursor: String,
}

/// A page of the published synthesis report.
#[derive(ToSchema)]
pub struct Synthesis {
    pub draft: DraftRef,
    pub published_at: String,
    pub totals: SynthesisTotals,
    pub rows: Vec<SynthesisRow>,
    /// Pass as `after` for the next page; null on the last.
    pub next: Option<String>,
}

/// A provision an appraisal point is about.
#[derive(ToSchema)]
pub struct PointProvision {
    pub anchor: String,
    pub label: String,
    pub href: String,
}

/// The drafting agency's answer to an appraisal point.
#[derive(ToSchema)]
pub struct PointAnswer {
    pub decision: String,
    pub explanation: String,
    pub answered_at: String,
    pub challenged_at: Option<String>,
    pub challenge_note: Option<String>,
}

/// A point an appraisal raises.
#[derive(ToSchema)]
pub struct AppraisalPoint {
    pub id: i64,
    pub position: i32,
    pub body: String,
    pub provisions: Vec<PointProvision>,
    pub open: bool,
    pub answers: Vec<PointAnswer>,
}

/// The appraisal's report file.
#[derive(ToSchema)]
pub struct AppraisalReport {
    pub href: Option<String>,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

/// One appraisal and the answers to its points.
#[derive(ToSchema)]
pub struct Appraisal {
    pub id: String,
    pub version: i32,
    pub conclusion: String,
    pub summary: String,
    pub agency: Option<String>,
    pub appraised_at: String,
    pub report: Option<AppraisalReport>,
    pub open_points: i64,
    pub points: Vec<AppraisalPoint>,
}

/// A draft's appraisals: the current one and the earlier ones.
#[derive(ToSchema)]
pub struct AppraisalExchange {
    pub draft: String,
    pub status: String,
    pub appraisal: Option<Appraisal>,
    pub earlier: Vec<Appraisal>,
}

/// One ledger entry.
#[derive(ToSchema)]
pub struct LedgerEntry {
    pub seq: i64,
    pub kind: String,
    pub subject: String,
    /// Canonical JSON: the hash is SHA-256(prev_hash ‖ payload).
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The newest entry.
#[derive(ToSchema)]
pub struct LedgerHead {
    pub seq: i64,
    pub hash: String,
}

/// A page of the ledger, oldest first.
#[derive(ToSchema)]
pub struct LedgerPage {
    pub entries: Vec<LedgerEntry>,
    /// Pass as `after` for the next page; null at the head.
    pub next: Option<i64>,
    pub head: LedgerHead,
}
