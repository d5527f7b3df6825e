//! How an appraisal and the exchange that follows it are shown — on the
//! public page, to the appraiser and to the drafting agency — and sent by
//! the JSON API.

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::response::Decision;
use crate::i18n::Lang;
use crate::models::{AppraisalAnswer, Exchange, PointHistory, ProvisionRow};
use crate::views::comment::vn_time;
use crate::views::response::provision_label;

/// A provision a point is about, linked to its public page.
#[derive(Debug, Clone, Serialize)]
pub struct ProvisionLink {
    pub anchor: String,
    pub label: String,
    pub href: String,
}

/// One answer to a point, and the appraiser's judgement of it, if any.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerItem {
    pub decision: &'static str,
    pub decision_key: &'static str,
    pub paragraphs: Vec<String>,
    pub answered_at: String,
    pub challenged: bool,
    pub challenged_at: Option<String>,
    pub note: Vec<String>,
}

/// A form under a point: the agency's answer, or the appraiser's challenge.
#[derive(Debug, Clone, Serialize)]
pub struct PointForm {
    pub action: String,
    /// A challenge (a note) rather than an answer (a decision and an explanation).
    pub challenge: bool,
    /// The id of the text field (`note-12`, `explanation-12`) and of the
    /// decisions' group (`decision-12`).
    pub text_id: String,
    pub decision_id: String,
    pub decisions: Vec<DecisionChoice>,
    /// The explanation or the note as typed.
    pub text: String,
    pub decision_error: Option<String>,
    pub text_error: Option<String>,
}

/// An error in the alert at the top of a page, linking to its field.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorLink {
    pub href: String,
    pub text: String,
}

impl PointForm {
    /// The appraiser's challenge form under point `point_id`.
    pub fn challenge(point_id: i64, note: String, error: Option<String>) -> PointForm {
        PointForm {
            action: format!("/appraisal/points/{point_id}/challenge"),
            challenge: true,
            text_id: format!("note-{point_id}"),
            decision_id: String::new(),
            decisions: Vec::new(),
            text: note,
            decision_error: None,
            text_error: error,
        }
    }

    /// The drafting agency's answer form under point `point_id` of draft `slug`.
    pub fn answer(slug: &str, point_id: i64, decision: &str, explanation: String) -> PointForm {
        let decision_id = format!("decision-{point_id}");
        PointForm {
            action: format!("/workspace/drafts/{slug}/appraisal/points/{point_id}"),
            challenge: false,
            text_id: format!("explanation-{point_id}"),
            decisions: DecisionChoice::all(&decision_id, decision),
            decision_id,
            text: explanation,
            decision_error: None,
            text_error: None,
        }
    }

    /// The errors of this form, for the alert at the top of the page.
    pub fn error_links(&self) -> Vec<ErrorLink> {
        let first_decision = self.decisions.first().map(|d| d.id.clone());
        let decision = self.decision_error.iter().map(|text| ErrorLink {
            href: format!("#{}", first_decision.clone().unwrap_or_default()),
            text: text.clone(),
        });
        let text = self.text_error.iter().map(|text| ErrorLink {
            href: format!("#{}", self.text_id),
            text: text.clone(),
        });
        decision.chain(text).collect()
    }
}

/// Every error of the point forms of `exchanges`.
pub fn error_links(exchanges: &[ExchangeView]) -> Vec<ErrorLink> {
    exchanges
        .iter()
        .flat_map(|e| &e.points)
        .filter_map(|p| p.form.as_ref().map(PointForm::error_links))
        .flatten()
        .collect()
}

/// A decision offered by the answer form.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionChoice {
    /// The radio button's id.
    pub id: String,
    pub value: &'static str,
    pub label_key: &'static str,
    pub selected: bool,
}

impl DecisionChoice {
    /// Every decision, `selected` checked; ids start with `prefix`.
    pub fn all(prefix: &str, selected: &str) -> Vec<DecisionChoice> {
        Decision::ALL
            .into_iter()
            .map(|d| DecisionChoice {
                id: format!("{prefix}-{}", d.as_str()),
                value: d.as_str(),
                label_key: d.label_key(),
                selected: d.as_str() == selected,
            })
            .collect()
    }
}

/// One point with its history.
#[derive(Debug, Clone, Serialize)]
pub struct PointItem {
    pub id: i64,
    pub n: i32,
    pub paragraphs: Vec<String>,
    pub provisions: Vec<ProvisionLink>,
    pub answers: Vec<AnswerItem>,
    pub open: bool,
    /// Open again after an answer was judged inadequate.
    pub reopened: bool,
    pub state_key: &'static str,
    pub form: Option<PointForm>,
}

/// The appraisal's report, for download.
#[derive(Debug, Clone, Serialize)]
pub struct ReportLink {
    pub href: String,
    pub file_name: String,
    pub size: String,
}

/// One appraisal and its exchange.
#[derive(Debug, Clone, Serialize)]
pub struct ExchangeView {
    pub public_id: String,
    /// 1 for the first appraisal of the draft.
    pub round: usize,
    /// The newest appraisal: the one being answered.
    pub current: bool,
    pub conclusion: &'static str,
    pub conclusion_key: &'static str,
    pub eligible: bool,
    pub summary: Vec<String>,
    pub agency: String,
    pub appraised_at: String,
    pub version: i32,
    pub report: Option<ReportLink>,
    pub points: Vec<PointItem>,
    pub total_points: usize,
    pub open_points: usize,
}

fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// A size as people read it.
pub fn file_size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

impl AnswerItem {
    /// The view of a stored answer.
    pub fn new(answer: &AppraisalAnswer) -> AnswerItem {
        let decision: Decision = answer.decision.parse().unwrap_or(Decision::Noted);
        AnswerItem {
            decision: decision.as_str(),
            decision_key: decision.label_key(),
            paragraphs: paragraphs(&answer.explanation),
            answered_at: vn_time(answer.created_at),
            challenged: answer.challenged_at.is_some(),
            challenged_at: answer.challenged_at.map(vn_time),
            note: paragraphs(&answer.challenge_note),
        }
    }
}

impl PointItem {
    /// The view of a point of draft `slug`; `outline` is the appraised
    /// version's, for the provisions' labels.
    pub fn new(lang: Lang, slug: &str, history: &PointHistory, outline: &[ProvisionRow]) -> Self {
        let open = history.is_open();
        let reopened = open && !history.answers.is_empty();
        PointItem {
            id: history.point.id,
            n: history.point.position,
            paragraphs: paragraphs(&history.point.body),
            provisions: history
                .point
                .anchor_list()
                .into_iter()
                .map(|anchor| ProvisionLink {
                    anchor: anchor.to_string(),
                    label: outline
                        .iter()
                        .find(|p| p.anchor == anchor)
                        .map(|p| citation(lang, p))
                        .unwrap_or_else(|| anchor.to_string()),
                    href: format!("/drafts/{slug}/provisions/{anchor}"),
                })
                .collect(),
            answers: history.answers.iter().map(AnswerItem::new).collect(),
            open,
            reopened,
            state_key: match (open, reopened) {
                (false, _) => "appraisal-point-answered",
                (true, true) => "appraisal-point-reopened",
                (true, false) => "appraisal-point-open",
            },
            form: None,
        }
    }
}

/// "Điều 5", "Khoản 2 Điều 5": how a point cites a provision (without the
/// full stop that follows an article's number in the text).
pub fn citation(lang: Lang, p: &ProvisionRow) -> String {
    provision_label(lang, p).trim_end_matches('.').to_string()
}

/// What the pages of an exchange need besides the exchanges themselves.
pub struct ExchangeContext<'a> {
    pub lang: Lang,
    pub slug: &'a str,
    /// Agency names by id.
    pub agencies: &'a HashMap<i64, String>,
    /// Outlines of the appraised versions, by number.
    pub outlines: &'a HashMap<i32, Vec<ProvisionRow>>,
}

impl ExchangeView {
    /// The views of a draft's exchanges, newest first as given.
    pub fn list(cx: &ExchangeContext<'_>, exchanges: &[Exchange]) -> Vec<ExchangeView> {
        let total = exchanges.len();
        exchanges
            .iter()
            .enumerate()
            .map(|(i, e)| ExchangeView::new(cx, e, total - i, i == 0))
            .collect()
    }

    fn new(cx: &ExchangeContext<'_>, exchange: &Exchange, round: usize, current: bool) -> Self {
        let appraisal = &exchange.appraisal;
        let conclusion = appraisal.conclusion();
        let empty = Vec::new();
        let outline = cx.outlines.get(&appraisal.version_number).unwrap_or(&empty);
        let report = appraisal.report().map(|r| ReportLink {
            href: if current {
                format!("/drafts/{}/appraisal/report", cx.slug)
            } else {
                format!(
                    "/drafts/{}/appraisal/report?appraisal={}",
                    cx.slug, appraisal.public_id
                )
            },
            file_name: r.file_name,
            size: file_size(r.size),
        });
        ExchangeView {
            public_id: appraisal.public_id.clone(),
            round,
            current,
            conclusion: conclusion.as_str(),
            conclusion_key: conclusion.label_key(),
            eligible: conclusion == crate::domain::appraisal::Conclusion::Eligible,
            summary: paragraphs(&appraisal.summary),
            agency: appraisal
                .agency_id
                .and_then(|id| cx.agencies.get(&id).cloned())
                .unwrap_or_default(),
            appraised_at: vn_time(appraisal.created_at),
            version: appraisal.version_number,
            report,
            points: exchange
                .points
                .iter()
                .map(|p| PointItem::new(cx.lang, cx.slug, p, outline))
                .collect(),
            total_points: exchange.points.len(),
            open_points: exchange.open_points(),
        }
    }
}

/// The JSON of one exchange for `/api/v1/drafts/{slug}/appraisal`.
pub fn exchange_json(view: &ExchangeView, exchange: &Exchange) -> serde_json::Value {
    let appraisal = &exchange.appraisal;
    let points: Vec<serde_json::Value> = exchange
        .points
        .iter()
        .zip(&view.points)
        .map(|(history, item)| {
            let answers: Vec<serde_json::Value> = history
                .answers
                .iter()
                .map(|a| {
                    serde_json::json!({
                        "decision": a.decision,
                        "explanation": a.explanation,
                        "answered_at": a.created_at.and_utc().to_rfc3339(),
                        "challenged_at": a.challenged_at.map(|t| t.and_utc().to_rfc3339()),
                        "challenge_note": a.challenged_at.map(|_| &a.challenge_note),
                    })
                })
                .collect();
            serde_json::json!({
                "id": history.point.id,
                "position": history.point.position,
                "body": history.point.body,
                "provisions": item.provisions.iter().map(|p| serde_json::json!({
                    "anchor": p.anchor,
                    "label": p.label,
                    "href": p.href,
                })).collect::<Vec<_>>(),
                "open": item.open,
                "answers": answers,
            })
        })
        .collect();
    serde_json::json!({
        "id": appraisal.public_id,
        "version": appraisal.version_number,
        "conclusion": view.conclusion,
        "summary": appraisal.summary,
        "agency": view.agency,
        "appraised_at": appraisal.created_at.and_utc().to_rfc3339(),
        "report": appraisal.report().map(|r| serde_json::json!({
            "href": view.report.as_ref().map(|l| &l.href),
            "file_name": r.file_name,
            "content_type": r.content_type,
            "size": r.size,
            "sha256": r.sha256,
        })),
        "open_points": view.open_points,
        "points": points,
    })
}
