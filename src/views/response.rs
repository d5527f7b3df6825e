//! How answers are shown: on the comment, in lists, in the workspace, in e-mail.

use serde::Serialize;

use crate::domain::response::Decision;
use crate::i18n::Lang;
use crate::models::{ProvisionRow, Response};
use crate::views::comment::vn_time;
use crate::views::draft::label;

/// A link to a provision of the new version that carries the change.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeLink {
    pub label: String,
    /// The provision in the version-to-version comparison.
    pub href: String,
}

/// One answer.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerView {
    pub decision: String,
    pub decision_key: &'static str,
    pub paragraphs: Vec<String>,
    pub published_at: Option<String>,
    pub superseded_at: Option<String>,
    pub changes: Vec<ChangeLink>,
    /// Shared with other comments (a campaign answer).
    pub grouped: bool,
}

impl AnswerView {
    /// The view of `response` to a comment made on version `commented`.
    /// `outline` holds the provisions of the answer's version, for labels.
    pub fn new(
        lang: Lang,
        response: &Response,
        slug: &str,
        commented: i32,
        outline: &[ProvisionRow],
    ) -> AnswerView {
        let decision: Decision = response.decision.parse().unwrap_or(Decision::Noted);
        let changes = match response.version_number {
            Some(to) => response
                .anchor_list()
                .into_iter()
                .map(|anchor| ChangeLink {
                    label: outline
                        .iter()
                        .find(|p| p.anchor == anchor)
                        .map(|p| provision_label(lang, p))
                        .unwrap_or_else(|| anchor.to_string()),
                    href: format!("/drafts/{slug}/diff?from={commented}&to={to}#{anchor}"),
                })
                .collect(),
            None => Vec::new(),
        };
        AnswerView {
            decision: decision.as_str().to_string(),
            decision_key: decision.label_key(),
            paragraphs: response
                .explanation
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect(),
            published_at: response.published_at.map(vn_time),
            superseded_at: response.superseded_at.map(vn_time),
            changes,
            grouped: response.group_id.is_some(),
        }
    }
}

/// How a provision is cited in Vietnamese documents, smallest part first:
/// "Điểm a Khoản 2 Điều 5"; an article with its title.
pub fn provision_label(lang: Lang, p: &ProvisionRow) -> String {
    if p.kind == "article" {
        return match &p.title {
            Some(title) => format!("{} {title}", label(lang, &p.kind, &p.number)),
            None => lang.text_with(
                "citation-article",
                &[("n".into(), p.number.clone().into())]
                    .into_iter()
                    .collect(),
            ),
        };
    }
    let short = p.short_anchor.as_deref().unwrap_or(&p.anchor);
    let parts: Vec<String> = short
        .split('/')
        .filter_map(|segment| {
            let (kind, n) = segment.rsplit_once('-')?;
            let key = match kind {
                "dieu" => "citation-article",
                "khoan" => "citation-clause",
                "diem" => "citation-point",
                _ => return None,
            };
            Some(lang.text_with(
                key,
                &[("n".into(), n.to_string().into())].into_iter().collect(),
            ))
        })
        .collect();
    if parts.is_empty() {
        label(lang, &p.kind, &p.number)
    } else {
        parts.into_iter().rev().collect::<Vec<_>>().join(" ")
    }
}
