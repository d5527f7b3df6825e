//! Open data of the agencies' answers: answers to comments, appraisals and
//! the points they raise, in keyset batches like the rest of `open_data`.

use std::collections::HashMap;

use diesel::prelude::*;
use serde::Serialize;

use crate::db::DbConnection;
use crate::db::schema::{
    agencies, appraisal_answers, appraisal_points, appraisals, comments, responses,
};

use super::{Batch, entry_of, ledger_heads, slugs, time};

/// A published answer, superseded or current.
#[derive(Debug, Clone, Serialize)]
pub struct ResponseRecord {
    pub id: String,
    pub comment: String,
    pub draft: String,
    pub decision: String,
    pub explanation: String,
    pub version: Option<i32>,
    /// Anchors in `version`, separated by spaces.
    pub anchors: String,
    pub group: Option<String>,
    pub published_at: Option<String>,
    pub superseded_at: Option<String>,
    pub superseded_by: Option<String>,
    pub ledger_seq: Option<i64>,
    pub ledger_hash: Option<String>,
}

/// Published answers after `after`, by id.
pub fn responses(
    conn: &mut DbConnection,
    draft: Option<i64>,
    after: i64,
    limit: i64,
) -> QueryResult<Batch<ResponseRecord>> {
    let mut query = responses::table
        .inner_join(comments::table)
        .filter(responses::published_at.is_not_null())
        .filter(responses::id.gt(after))
        .order(responses::id)
        .limit(limit)
        .select((crate::models::Response::as_select(), comments::public_id))
        .into_boxed();
    if let Some(id) = draft {
        query = query.filter(responses::draft_id.eq(id));
    }
    let rows: Vec<(crate::models::Response, String)> = query.load(conn)?;
    let mut draft_ids: Vec<i64> = rows.iter().map(|(r, _)| r.draft_id).collect();
    draft_ids.sort_unstable();
    draft_ids.dedup();
    let slugs = slugs(conn, draft_ids)?;
    let successors: HashMap<i64, String> = responses::table
        .filter(
            responses::id.eq_any(
                rows.iter()
                    .filter_map(|(r, _)| r.superseded_by)
                    .collect::<Vec<_>>(),
            ),
        )
        .select((responses::id, responses::public_id))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let heads = ledger_heads(
        conn,
        rows.iter().map(|(r, _)| r.public_id.clone()).collect(),
    )?;
    let records = rows
        .into_iter()
        .map(|(r, comment)| {
            let (ledger_seq, ledger_hash) = entry_of(&heads, &r.public_id);
            let record = ResponseRecord {
                anchors: r.anchor_list().join(" "),
                id: r.public_id,
                comment,
                draft: slugs.get(&r.draft_id).cloned().unwrap_or_default(),
                decision: r.decision,
                explanation: r.explanation,
                version: r.version_number,
                group: r.group_id,
                published_at: r.published_at.map(time),
                superseded_at: r.superseded_at.map(time),
                superseded_by: r.superseded_by.and_then(|id| successors.get(&id).cloned()),
                ledger_seq,
                ledger_hash,
            };
            (r.id, record)
        })
        .collect();
    Ok(Batch::new(records, limit))
}

/// An appraisal by the justice department.
#[derive(Debug, Clone, Serialize)]
pub struct AppraisalRecord {
    pub id: String,
    pub draft: String,
    pub version: i32,
    pub conclusion: String,
    pub summary: String,
    pub agency: Option<String>,
    pub points: i64,
    pub report_file_name: Option<String>,
    pub report_sha256: Option<String>,
    pub created_at: String,
    pub ledger_seq: Option<i64>,
    pub ledger_hash: Option<String>,
}

/// Appraisals after `after`, by id.
pub fn appraisals(
    conn: &mut DbConnection,
    draft: Option<i64>,
    after: i64,
    limit: i64,
) -> QueryResult<Batch<AppraisalRecord>> {
    let mut query = appraisals::table
        .filter(appraisals::id.gt(after))
        .order(appraisals::id)
        .limit(limit)
        .select(crate::models::Appraisal::as_select())
        .into_boxed();
    if let Some(id) = draft {
        query = query.filter(appraisals::draft_id.eq(id));
    }
    let rows: Vec<crate::models::Appraisal> = query.load(conn)?;
    let slugs = slugs(conn, rows.iter().map(|a| a.draft_id).collect())?;
    let agencies: HashMap<i64, String> = agencies::table
        .filter(agencies::id.eq_any(rows.iter().filter_map(|a| a.agency_id).collect::<Vec<_>>()))
        .select((agencies::id, agencies::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let points: HashMap<i64, i64> = appraisal_points::table
        .filter(
            appraisal_points::appraisal_id.eq_any(rows.iter().map(|a| a.id).collect::<Vec<_>>()),
        )
        .group_by(appraisal_points::appraisal_id)
        .select((appraisal_points::appraisal_id, diesel::dsl::count_star()))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    let subject = |a: &crate::models::Appraisal| {
        let slug = slugs.get(&a.draft_id).map(String::as_str).unwrap_or("");
        format!("{slug}/appraisal/{}", a.public_id)
    };
    let heads = ledger_heads(conn, rows.iter().map(subject).collect())?;
    let records = rows
        .iter()
        .map(|a| {
            let (ledger_seq, ledger_hash) = entry_of(&heads, &subject(a));
            let record = AppraisalRecord {
                id: a.public_id.clone(),
                draft: slugs.get(&a.draft_id).cloned().unwrap_or_default(),
                version: a.version_number,
                conclusion: a.conclusion.clone(),
                summary: a.summary.clone(),
                agency: a.agency_id.and_then(|id| agencies.get(&id).cloned()),
                points: points.get(&a.id).copied().unwrap_or(0),
                report_file_name: a.report_file_name.clone(),
                report_sha256: a.report_sha256.clone(),
                created_at: time(a.created_at),
                ledger_seq,
                ledger_hash,
            };
            (a.id, record)
        })
        .collect();
    Ok(Batch::new(records, limit))
}

/// A point of an appraisal with the drafting agency's latest answer.
#[derive(Debug, Clone, Serialize)]
pub struct AppraisalPointRecord {
    pub appraisal: String,
    pub draft: String,
    pub version: i32,
    pub position: i32,
    pub text: String,
    /// Anchors in `version`, separated by spaces.
    pub anchors: String,
    pub answers: i64,
    pub answer_decision: Option<String>,
    pub answer_explanation: Option<String>,
    pub answered_at: Option<String>,
    pub challenged_at: Option<String>,
    pub challenge_note: Option<String>,
    pub ledger_seq: Option<i64>,
    pub ledger_hash: Option<String>,
}

/// Appraisal points after `after`, by id.
pub fn appraisal_points(
    conn: &mut DbConnection,
    draft: Option<i64>,
    after: i64,
    limit: i64,
) -> QueryResult<Batch<AppraisalPointRecord>> {
    let mut query = appraisal_points::table
        .inner_join(appraisals::table)
        .filter(appraisal_points::id.gt(after))
        .order(appraisal_points::id)
        .limit(limit)
        .select((
            crate::models::AppraisalPoint::as_select(),
            appraisals::public_id,
            appraisals::draft_id,
            appraisals::version_number,
        ))
        .into_boxed();
    if let Some(id) = draft {
        query = query.filter(appraisals::draft_id.eq(id));
    }
    let rows: Vec<(crate::models::AppraisalPoint, String, i64, i32)> = query.load(conn)?;
    let slugs = slugs(conn, rows.iter().map(|r| r.2).collect())?;
    let mut answers: HashMap<i64, (i64, crate::models::AppraisalAnswer)> = HashMap::new();
    let all: Vec<crate::models::AppraisalAnswer> = appraisal_answers::table
        .filter(appraisal_answers::point_id.eq_any(rows.iter().map(|r| r.0.id).collect::<Vec<_>>()))
        .order(appraisal_answers::id)
        .select(crate::models::AppraisalAnswer::as_select())
        .load(conn)?;
    for answer in all {
        let count = answers.get(&answer.point_id).map_or(0, |(n, _)| *n);
        answers.insert(answer.point_id, (count + 1, answer));
    }
    let subject =
        |(point, appraisal, draft_id, _): &(crate::models::AppraisalPoint, String, i64, i32)| {
            let slug = slugs.get(draft_id).map(String::as_str).unwrap_or("");
            format!("{slug}/appraisal/{appraisal}/{}", point.position)
        };
    let heads = ledger_heads(conn, rows.iter().map(subject).collect())?;
    let records = rows
        .iter()
        .map(|row| {
            let (point, appraisal, draft_id, version) = row;
            let (ledger_seq, ledger_hash) = entry_of(&heads, &subject(row));
            let (count, latest) = match answers.remove(&point.id) {
                Some((n, a)) => (n, Some(a)),
                None => (0, None),
            };
            let record = AppraisalPointRecord {
                appraisal: appraisal.clone(),
                draft: slugs.get(draft_id).cloned().unwrap_or_default(),
                version: *version,
                position: point.position,
                text: point.body.clone(),
                anchors: point.anchor_list().join(" "),
                answers: count,
                answer_decision: latest.as_ref().map(|a| a.decision.clone()),
                answer_explanation: latest.as_ref().map(|a| a.explanation.clone()),
                answered_at: latest.as_ref().map(|a| time(a.created_at)),
                challenged_at: latest.as_ref().and_then(|a| a.challenged_at.map(time)),
                challenge_note: latest
                    .as_ref()
                    .filter(|a| a.challenged_at.is_some())
                    .map(|a| a.challenge_note.clone()),
                ledger_seq,
                ledger_hash,
            };
            (point.id, record)
        })
        .collect();
    Ok(Batch::new(records, limit))
}
