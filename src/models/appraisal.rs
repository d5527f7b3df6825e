//! The `appraisals`, `appraisal_points` and `appraisal_answers` tables: the
//! justice department's appraisal of one version, the points it raises, and
//! the drafting agency's answers. An answer is never changed, except that the
//! appraiser may mark it inadequate, which reopens its point.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{appraisal_answers, appraisal_points, appraisals, drafts};
use crate::domain::appraisal::{ChallengeNote, Conclusion, Findings};
use crate::domain::draft::DraftStatus;
use crate::domain::response::Answer;

use super::{Draft, DraftEvent};

/// One appraisal as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appraisals)]
pub struct Appraisal {
    pub id: i64,
    pub public_id: String,
    pub draft_id: i64,
    pub version_number: i32,
    pub conclusion: String,
    pub summary: String,
    pub report_file_name: Option<String>,
    pub report_content_type: Option<String>,
    pub report_size: Option<i64>,
    pub report_sha256: Option<String>,
    pub appraiser_id: i64,
    pub agency_id: Option<i64>,
    pub created_at: NaiveDateTime,
}

/// The report attached to an appraisal, stored under its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFile {
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

impl Appraisal {
    /// The stored conclusion (constrained by a CHECK).
    pub fn conclusion(&self) -> Conclusion {
        self.conclusion
            .parse()
            .unwrap_or(Conclusion::NotYetEligible)
    }

    /// Whether the draft has an appraisal on record.
    pub fn exists_for(conn: &mut DbConnection, draft_id: i64) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            appraisals::table.filter(appraisals::draft_id.eq(draft_id)),
        ))
        .get_result(conn)
    }

    /// The attached report, if any.
    pub fn report(&self) -> Option<ReportFile> {
        Some(ReportFile {
            file_name: self.report_file_name.clone()?,
            content_type: self.report_content_type.clone()?,
            size: self.report_size?,
            sha256: self.report_sha256.clone()?,
        })
    }
}

/// One point as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appraisal_points)]
pub struct AppraisalPoint {
    pub id: i64,
    pub appraisal_id: i64,
    /// 1-based, as numbered in the appraisal.
    pub position: i32,
    pub body: String,
    /// Anchors in the appraised version, one per line.
    pub anchors: String,
}

impl AppraisalPoint {
    /// The provisions the point is about.
    pub fn anchor_list(&self) -> Vec<&str> {
        self.anchors.lines().filter(|l| !l.is_empty()).collect()
    }

    /// The id of the draft whose appraisal raised point `point_id`.
    pub fn draft_of(conn: &mut DbConnection, point_id: i64) -> QueryResult<i64> {
        appraisal_points::table
            .inner_join(appraisals::table)
            .filter(appraisal_points::id.eq(point_id))
            .select(appraisals::draft_id)
            .first(conn)
    }
}

/// One answer to a point as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appraisal_answers)]
pub struct AppraisalAnswer {
    pub id: i64,
    pub point_id: i64,
    pub decision: String,
    pub explanation: String,
    pub responder_id: i64,
    pub created_at: NaiveDateTime,
    /// Set when the appraiser judged the explanation inadequate.
    pub challenged_at: Option<NaiveDateTime>,
    pub challenged_by: Option<i64>,
    pub challenge_note: String,
}

/// A point and every answer to it, oldest first.
#[derive(Debug, Clone)]
pub struct PointHistory {
    pub point: AppraisalPoint,
    pub answers: Vec<AppraisalAnswer>,
}

impl PointHistory {
    /// The answer that stands, if any.
    pub fn latest(&self) -> Option<&AppraisalAnswer> {
        self.answers.last()
    }

    /// Open: never answered, or its latest answer was judged inadequate.
    pub fn is_open(&self) -> bool {
        self.latest().is_none_or(|a| a.challenged_at.is_some())
    }
}

/// An appraisal with its points and their answers: the whole exchange.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub appraisal: Appraisal,
    /// In the appraisal's order.
    pub points: Vec<PointHistory>,
}

impl Exchange {
    /// Points still waiting for an (adequate) answer.
    pub fn open_points(&self) -> usize {
        self.points.iter().filter(|p| p.is_open()).count()
    }

    /// Every appraisal of a draft, newest (the current one) first, each with
    /// its points and answers: three queries.
    pub fn of_draft(conn: &mut DbConnection, draft_id: i64) -> QueryResult<Vec<Exchange>> {
        let list: Vec<Appraisal> = appraisals::table
            .filter(appraisals::draft_id.eq(draft_id))
            .order(appraisals::id.desc())
            .select(Appraisal::as_select())
            .load(conn)?;
        Exchange::assemble(conn, list)
    }

    /// `list` with the points and answers of each.
    pub(super) fn assemble(
        conn: &mut DbConnection,
        list: Vec<Appraisal>,
    ) -> QueryResult<Vec<Exchange>> {
        let ids: Vec<i64> = list.iter().map(|a| a.id).collect();
        let points: Vec<AppraisalPoint> = appraisal_points::table
            .filter(appraisal_points::appraisal_id.eq_any(&ids))
            .order((appraisal_points::appraisal_id, appraisal_points::position))
            .select(AppraisalPoint::as_select())
            .load(conn)?;
        let point_ids: Vec<i64> = points.iter().map(|p| p.id).collect();
        let mut answers: HashMap<i64, Vec<AppraisalAnswer>> = HashMap::new();
        for answer in appraisal_answers::table
            .filter(appraisal_answers::point_id.eq_any(&point_ids))
            .order(appraisal_answers::id)
            .select(AppraisalAnswer::as_select())
            .load::<AppraisalAnswer>(conn)?
        {
            answers.entry(answer.point_id).or_default().push(answer);
        }
        let mut by_appraisal: HashMap<i64, Vec<PointHistory>> = HashMap::new();
        for point in points {
            let history = PointHistory {
                answers: answers.remove(&point.id).unwrap_or_default(),
                point,
            };
            by_appraisal
                .entry(history.point.appraisal_id)
                .or_default()
                .push(history);
        }
        Ok(list
            .into_iter()
            .map(|appraisal| Exchange {
                points: by_appraisal.remove(&appraisal.id).unwrap_or_default(),
                appraisal,
            })
            .collect())
    }

    /// The current appraisal of a draft with its points and answers.
    fn current(conn: &mut DbConnection, draft_id: i64) -> QueryResult<Option<Exchange>> {
        let latest: Option<Appraisal> = appraisals::table
            .filter(appraisals::draft_id.eq(draft_id))
            .order(appraisals::id.desc())
            .select(Appraisal::as_select())
            .first(conn)
            .optional()?;
        Ok(Exchange::assemble(conn, latest.into_iter().collect())?
            .into_iter()
            .next())
    }
}

/// Takes the draft's row lock (PostgreSQL keeps it to the end of the
/// transaction; SQLite has one writer anyway) if the draft is at one of
/// `allowed`, so concurrent answers and challenges of one draft run one
/// after the other; returns the status, or `None` when it is elsewhere.
fn lock_draft(
    conn: &mut DbConnection,
    draft_id: i64,
    allowed: &[DraftStatus],
) -> QueryResult<Option<DraftStatus>> {
    let names: Vec<&str> = allowed.iter().map(|s| s.as_str()).collect();
    let touched = diesel::update(
        drafts::table
            .find(draft_id)
            .filter(drafts::status.eq_any(names)),
    )
    .set(drafts::updated_at.eq(super::now()))
    .execute(conn)?;
    if touched == 0 {
        return Ok(None);
    }
    Ok(Some(Draft::by_id(conn, draft_id)?.status()))
}

/// An appraisal to record.
#[derive(Debug, Clone)]
pub struct NewAppraisal {
    pub draft_id: i64,
    pub version_number: i32,
    pub findings: Findings,
    pub report: Option<ReportFile>,
    pub appraiser_id: i64,
    pub agency_id: i64,
}

impl NewAppraisal {
    /// Records the appraisal and moves the draft from in appraisal to
    /// appraised — and straight on to appraisal answered when it raises no
    /// point, as no point is left open — in one transaction. `None` when the
    /// draft is no longer in appraisal (another appraiser was first).
    pub fn record(&self, conn: &mut DbConnection) -> QueryResult<Option<Appraisal>> {
        crate::db::transaction(conn, |conn| {
            let (draft, agency, user) = (self.draft_id, Some(self.agency_id), self.appraiser_id);
            if !DraftEvent::transition(
                conn,
                draft,
                (DraftStatus::InAppraisal, DraftStatus::Appraised),
                agency,
                Some(user),
                "",
            )? {
                return Ok(None);
            }
            let public_id = uuid::Uuid::new_v4().to_string();
            let report = self.report.as_ref();
            diesel::insert_into(appraisals::table)
                .values((
                    appraisals::public_id.eq(&public_id),
                    appraisals::draft_id.eq(draft),
                    appraisals::version_number.eq(self.version_number),
                    appraisals::conclusion.eq(self.findings.conclusion.as_str()),
                    appraisals::summary.eq(&self.findings.summary),
                    appraisals::report_file_name.eq(report.map(|r| &r.file_name)),
                    appraisals::report_content_type.eq(report.map(|r| &r.content_type)),
                    appraisals::report_size.eq(report.map(|r| r.size)),
                    appraisals::report_sha256.eq(report.map(|r| &r.sha256)),
                    appraisals::appraiser_id.eq(user),
                    appraisals::agency_id.eq(agency),
                    appraisals::created_at.eq(super::now()),
                ))
                .execute(conn)?;
            let appraisal: Appraisal = appraisals::table
                .filter(appraisals::public_id.eq(&public_id))
                .select(Appraisal::as_select())
                .first(conn)?;
            super::ledger::Entry::draft_change(
                conn,
                super::ledger::kind::APPRAISAL_RECORDED,
                draft,
                &format!("/appraisal/{public_id}"),
                serde_json::json!({
                    "appraisal": public_id,
                    "version": self.version_number,
                    "conclusion": self.findings.conclusion.as_str(),
                    "summary_sha256": crate::storage::Storage::hash(self.findings.summary.as_bytes()),
                    "report_sha256": report.map(|r| r.sha256.clone()),
                    "points": self.findings.points.len(),
                }),
            )?;
            for (i, point) in self.findings.points.iter().enumerate() {
                diesel::insert_into(appraisal_points::table)
                    .values((
                        appraisal_points::appraisal_id.eq(appraisal.id),
                        appraisal_points::position.eq(i as i32 + 1),
                        appraisal_points::body.eq(&point.body),
                        appraisal_points::anchors.eq(point.anchor.clone().unwrap_or_default()),
                    ))
                    .execute(conn)?;
            }
            if self.findings.points.is_empty() {
                DraftEvent::transition(
                    conn,
                    draft,
                    (DraftStatus::Appraised, DraftStatus::AppraisalAnswered),
                    agency,
                    Some(user),
                    "",
                )?;
            }
            Ok(Some(appraisal))
        })
    }
}

/// What became of an answer to a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// Stored; `all` when it was the last open point (the draft is now
    /// appraisal answered).
    Stored { all: bool },
    /// The point already has an answer that stands.
    NotOpen,
    /// The draft is not waiting for answers to its appraisal.
    Closed,
}

/// What became of a challenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Challenged {
    /// The answer is marked inadequate and its point open again.
    Reopened,
    /// The point has no answer standing to challenge.
    NothingToChallenge,
    /// The appraisal belongs to another justice department.
    OtherAgency,
    /// The exchange is over (the draft moved on).
    Closed,
}

/// The point `point_id` of the draft's current appraisal (`NotFound` otherwise).
fn current_point(
    conn: &mut DbConnection,
    draft_id: i64,
    point_id: i64,
) -> QueryResult<(Exchange, usize)> {
    let exchange = Exchange::current(conn, draft_id)?.ok_or(diesel::result::Error::NotFound)?;
    let index = exchange
        .points
        .iter()
        .position(|p| p.point.id == point_id)
        .ok_or(diesel::result::Error::NotFound)?;
    Ok((exchange, index))
}

impl AppraisalAnswer {
    /// Stores the drafting agency's answer to an open point of the draft's
    /// current appraisal; when no point is left open, the draft moves from
    /// appraised to appraisal answered, in the same transaction.
    pub fn add(
        conn: &mut DbConnection,
        draft_id: i64,
        point_id: i64,
        answer: &Answer,
        responder_id: i64,
        agency_id: i64,
    ) -> QueryResult<Answered> {
        crate::db::transaction(conn, |conn| {
            if lock_draft(conn, draft_id, &[DraftStatus::Appraised])?.is_none() {
                // Still a 404 for a point that isn't the draft's.
                let (exchange, index) = current_point(conn, draft_id, point_id)?;
                return Ok(if exchange.points[index].is_open() {
                    Answered::Closed
                } else {
                    Answered::NotOpen
                });
            }
            let (exchange, index) = current_point(conn, draft_id, point_id)?;
            if !exchange.points[index].is_open() {
                return Ok(Answered::NotOpen);
            }
            diesel::insert_into(appraisal_answers::table)
                .values((
                    appraisal_answers::point_id.eq(point_id),
                    appraisal_answers::decision.eq(answer.decision.as_str()),
                    appraisal_answers::explanation.eq(&answer.explanation),
                    appraisal_answers::responder_id.eq(responder_id),
                    appraisal_answers::created_at.eq(super::now()),
                ))
                .execute(conn)?;
            super::ledger::Entry::draft_change(
                conn,
                super::ledger::kind::APPRAISAL_ANSWERED,
                draft_id,
                &format!("/appraisal/{}/{}", exchange.appraisal.public_id, index + 1),
                serde_json::json!({
                    "point": index + 1,
                    "decision": answer.decision.as_str(),
                    "explanation_sha256": crate::storage::Storage::hash(answer.explanation.as_bytes()),
                }),
            )?;
            let all = exchange.open_points() == 1;
            if all
                && !DraftEvent::transition(
                    conn,
                    draft_id,
                    (DraftStatus::Appraised, DraftStatus::AppraisalAnswered),
                    Some(agency_id),
                    Some(responder_id),
                    "",
                )?
            {
                // Unreachable while the row lock is held.
                return Err(diesel::result::Error::RollbackTransaction);
            }
            Ok(Answered::Stored { all })
        })
    }

    /// Marks the standing answer to a point of the draft's current appraisal
    /// inadequate, with the appraiser's note, which reopens the point. If the
    /// draft was appraisal answered it goes back to appraised (a recorded
    /// step of the timeline): it is no longer fully answered, and it cannot
    /// be submitted until the point is answered again.
    pub fn challenge(
        conn: &mut DbConnection,
        draft_id: i64,
        point_id: i64,
        note: &ChallengeNote,
        appraiser_id: i64,
        agency_id: i64,
    ) -> QueryResult<Challenged> {
        crate::db::transaction(conn, |conn| {
            let allowed = [DraftStatus::Appraised, DraftStatus::AppraisalAnswered];
            let Some(status) = lock_draft(conn, draft_id, &allowed)? else {
                current_point(conn, draft_id, point_id)?;
                return Ok(Challenged::Closed);
            };
            let (exchange, index) = current_point(conn, draft_id, point_id)?;
            if exchange.appraisal.agency_id != Some(agency_id) {
                return Ok(Challenged::OtherAgency);
            }
            let Some(latest) = exchange.points[index]
                .latest()
                .filter(|a| a.challenged_at.is_none())
            else {
                return Ok(Challenged::NothingToChallenge);
            };
            diesel::update(
                appraisal_answers::table
                    .find(latest.id)
                    .filter(appraisal_answers::challenged_at.is_null()),
            )
            .set((
                appraisal_answers::challenged_at.eq(super::now()),
                appraisal_answers::challenged_by.eq(appraiser_id),
                appraisal_answers::challenge_note.eq(note.as_str()),
            ))
            .execute(conn)?;
            super::ledger::Entry::draft_change(
                conn,
                super::ledger::kind::APPRAISAL_CHALLENGED,
                draft_id,
                &format!("/appraisal/{}/{}", exchange.appraisal.public_id, index + 1),
                serde_json::json!({
                    "point": index + 1,
                    "note_sha256": crate::storage::Storage::hash(note.as_str().as_bytes()),
                }),
            )?;
            if status == DraftStatus::AppraisalAnswered
                && !DraftEvent::transition(
                    conn,
                    draft_id,
                    (DraftStatus::AppraisalAnswered, DraftStatus::Appraised),
                    Some(agency_id),
                    Some(appraiser_id),
                    "",
                )?
            {
                return Err(diesel::result::Error::RollbackTransaction);
            }
            Ok(Challenged::Reopened)
        })
    }
}
