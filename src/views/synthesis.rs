//! What the synthesis report shows, whatever its form (page, CSV, DOCX,
//! JSON): the place each comment points at ("Khoản 2 Điều 5"), the article
//! it is grouped under, who commented, the comment and the answer.

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::comment::Category;
use crate::domain::response::Decision;
use crate::i18n::Lang;
use crate::models::comment::status;
use crate::models::synthesis::Cursor;
use crate::models::{Comment, ProvisionRow, ReportRow, Totals};
use crate::views::comment::author;
use crate::views::draft::label;

/// Translation key of a decision's name in the report.
pub fn decision_key(decision: Decision) -> String {
    format!("synthesis-{}", decision.label_key())
}

/// `position.id`, the report's cursor as it travels in URLs (read back
/// by `routes::comments::parse_after`).
pub fn cursor_text(cursor: Cursor) -> String {
    format!("{}.{}", cursor.0, cursor.1)
}

/// Where a provision is, in words.
#[derive(Debug, Clone)]
struct Place {
    /// "Khoản 2 Điều 5".
    reference: String,
    /// The article (or annex, chapter…) it is grouped under: "Điều 5. Hồ sơ".
    group: String,
}

/// Names the places comments point at, for the provisions of every version
/// commented on.
pub struct Places {
    lang: Lang,
    places: HashMap<(i32, String), Place>,
}

impl Places {
    /// The places of `versions` (version number, its provisions).
    pub fn new(lang: Lang, versions: &[(i32, Vec<ProvisionRow>)]) -> Places {
        let mut places = HashMap::new();
        for (number, rows) in versions {
            let by_anchor: HashMap<&str, &ProvisionRow> =
                rows.iter().map(|r| (r.anchor.as_str(), r)).collect();
            for row in rows {
                let mut place = Place {
                    reference: reference(lang, row, &by_anchor),
                    group: group(lang, row, &by_anchor),
                };
                if let Some(document) = attached_document(lang, &row.anchor) {
                    place = Place {
                        reference: lang.text_with(
                            "synthesis-ref-attached",
                            &[
                                ("place".into(), place.reference.into()),
                                ("document".into(), document.clone().into()),
                            ]
                            .into_iter()
                            .collect(),
                        ),
                        group: lang.text_with(
                            "synthesis-group-attached",
                            &[
                                ("group".into(), place.group.into()),
                                ("document".into(), document.into()),
                            ]
                            .into_iter()
                            .collect(),
                        ),
                    };
                }
                places.insert((*number, row.anchor.clone()), place);
            }
        }
        Places { lang, places }
    }

    /// The group heading and the place of `comment`: comments on the whole
    /// draft or a question fall under "Góp ý chung".
    pub fn of(&self, comment: &Comment) -> (String, String) {
        let general = || self.lang.text("synthesis-group-general");
        match (&comment.anchor, comment.question_position) {
            (None, Some(q)) => (
                general(),
                self.lang.text_with(
                    "synthesis-place-question",
                    &[("n".into(), q.to_string().into())].into_iter().collect(),
                ),
            ),
            (None, None) => (general(), self.lang.text("synthesis-place-draft")),
            (Some(anchor), _) => {
                match self.places.get(&(comment.version_number, anchor.clone())) {
                    Some(place) => (place.group.clone(), place.reference.clone()),
                    // A provision no longer known: its anchor is still exact.
                    None => (anchor.clone(), anchor.clone()),
                }
            }
        }
    }
}

/// The name of the regulation issued with a decision that `anchor` is in
/// ("Quy định"), whose articles are numbered from 1 again: "Điều 1" alone
/// would be the decision's.
fn attached_document(lang: Lang, anchor: &str) -> Option<String> {
    match anchor.split('/').next() {
        Some("quy-dinh") => Some(lang.text("synthesis-attached-regulation")),
        Some("quy-che") => Some(lang.text("synthesis-attached-rules")),
        _ => None,
    }
}

/// "Điểm a khoản 2 Điều 5": the provision and its parents up to the article.
fn reference(lang: Lang, row: &ProvisionRow, by_anchor: &HashMap<&str, &ProvisionRow>) -> String {
    let numbered = |key: &str, n: &str| {
        lang.text_with(
            key,
            &[("n".into(), n.to_string().into())].into_iter().collect(),
        )
    };
    let mut text: Option<String> = None;
    let mut current = Some(row);
    while let Some(p) = current {
        let (part, done) = match p.kind.as_str() {
            "point" => (numbered("synthesis-ref-point", &p.number), false),
            "clause" => (numbered("synthesis-ref-clause", &p.number), false),
            kind => (
                label(lang, kind, &p.number)
                    .trim_end_matches('.')
                    .to_string(),
                true,
            ),
        };
        text = Some(match text {
            None => part,
            Some(inner) => lang.text_with(
                "synthesis-ref-within",
                &[
                    ("inner".into(), inner.into()),
                    ("outer".into(), part.into()),
                ]
                .into_iter()
                .collect(),
            ),
        });
        if done {
            break;
        }
        current = p
            .parent_anchor
            .as_deref()
            .and_then(|a| by_anchor.get(a).copied());
    }
    capitalise(&text.unwrap_or_default())
}

/// The heading of the group a provision falls under: its article or annex,
/// or the provision itself when it is above articles (a chapter).
fn group(lang: Lang, row: &ProvisionRow, by_anchor: &HashMap<&str, &ProvisionRow>) -> String {
    let mut current = row;
    while matches!(current.kind.as_str(), "clause" | "point") {
        match current
            .parent_anchor
            .as_deref()
            .and_then(|a| by_anchor.get(a))
        {
            Some(parent) => current = parent,
            None => break,
        }
    }
    let name = label(lang, &current.kind, &current.number)
        .trim_end_matches('.')
        .to_string();
    match current.title.as_deref().map(str::trim) {
        Some(title) if !title.is_empty() => format!("{name}. {title}"),
        _ => name,
    }
}

/// `text` with its first letter upper case ("khoản 2…" → "Khoản 2…").
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One row of the report, in words.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// The row number (STT), from 1.
    pub n: i64,
    pub comment_id: String,
    pub group: String,
    pub place: String,
    pub anchor: Option<String>,
    pub question: Option<i32>,
    pub author: String,
    pub category: &'static str,
    /// The category's name.
    pub category_label: String,
    /// The text, or the placeholder of a hidden comment.
    pub comment: String,
    pub hidden: bool,
    pub decision: Option<&'static str>,
    /// The decision's name, or "not answered".
    pub decision_label: String,
    pub explanation: String,
    /// The cursor of this row.
    pub cursor: String,
}

impl RowView {
    /// The view of `row`, numbered `n`.
    pub fn new(
        lang: Lang,
        places: &Places,
        names: &HashMap<i64, String>,
        row: &ReportRow,
        n: i64,
    ) -> RowView {
        let comment = &row.comment;
        let category: Category = comment.category.parse().unwrap_or(Category::Other);
        let hidden = comment.status == status::HIDDEN;
        let (group, place) = places.of(comment);
        let decision: Option<Decision> = row.answer.as_ref().and_then(|a| a.decision.parse().ok());
        RowView {
            n,
            comment_id: comment.public_id.clone(),
            group,
            place,
            anchor: comment.anchor.clone(),
            question: comment.question_position,
            author: author(lang, comment, names),
            category: category.as_str(),
            category_label: lang.text(category.label_key()),
            comment: if hidden {
                lang.text("synthesis-hidden")
            } else {
                comment.body.clone()
            },
            hidden,
            decision: decision.map(Decision::as_str),
            decision_label: match decision {
                Some(d) => lang.text(&decision_key(d)),
                None => lang.text("synthesis-unanswered"),
            },
            explanation: row
                .answer
                .as_ref()
                .map(|a| a.explanation.clone())
                .unwrap_or_default(),
            cursor: cursor_text(row.cursor()),
        }
    }

    /// The answer as one cell: the decision, then the explanation.
    pub fn answer(&self) -> String {
        if self.explanation.is_empty() {
            self.decision_label.clone()
        } else {
            format!("{}\n{}", self.decision_label, self.explanation)
        }
    }

    /// The comment's paragraphs, for the page.
    pub fn paragraphs(&self) -> Vec<String> {
        lines(&self.comment)
    }
}

/// Non-empty lines of `text`.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// A label and a count.
#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub key: &'static str,
    pub label: String,
    pub count: i64,
}

/// The totals, in words.
#[derive(Debug, Clone, Serialize)]
pub struct TotalsView {
    pub counted: i64,
    pub hidden: i64,
    pub organisations: i64,
    pub people: i64,
    pub answered: i64,
    pub unanswered: i64,
    pub by_category: Vec<Count>,
    pub by_decision: Vec<Count>,
}

impl TotalsView {
    /// The view of `totals`.
    pub fn new(lang: Lang, totals: &Totals) -> TotalsView {
        TotalsView {
            counted: totals.counted,
            hidden: totals.hidden,
            organisations: totals.organisations,
            people: totals.people,
            answered: totals.answered(),
            unanswered: totals.unanswered(),
            by_category: totals
                .by_category
                .iter()
                .map(|(c, n)| Count {
                    key: c.as_str(),
                    label: lang.text(c.label_key()),
                    count: *n,
                })
                .collect(),
            by_decision: totals
                .by_decision
                .iter()
                .map(|(d, n)| Count {
                    key: d.as_str(),
                    label: lang.text(&decision_key(*d)),
                    count: *n,
                })
                .collect(),
        }
    }

    /// The introduction as sentences, for the DOCX.
    pub fn sentences(&self, lang: Lang) -> Vec<String> {
        let with = |key: &str, args: &[(&'static str, String)]| {
            lang.text_with(
                key,
                &args
                    .iter()
                    .map(|(k, v)| ((*k).into(), v.clone().into()))
                    .collect(),
            )
        };
        let list = |counts: &[Count]| {
            counts
                .iter()
                .map(|c| format!("{}: {}", c.label, c.count))
                .collect::<Vec<_>>()
                .join("; ")
        };
        vec![
            with(
                "synthesis-intro-consulted",
                &[
                    ("organisations", self.organisations.to_string()),
                    ("people", self.people.to_string()),
                ],
            ),
            with(
                "synthesis-intro-comments",
                &[
                    ("count", self.counted.to_string()),
                    ("hidden", self.hidden.to_string()),
                ],
            ),
            with(
                "synthesis-intro-by-category",
                &[("list", list(&self.by_category))],
            ),
            with(
                "synthesis-intro-by-decision",
                &[
                    ("list", list(&self.by_decision)),
                    ("unanswered", self.unanswered.to_string()),
                ],
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        position: i32,
        kind: &str,
        number: &str,
        anchor: &str,
        parent: Option<&str>,
    ) -> ProvisionRow {
        ProvisionRow {
            id: 0,
            version_id: 0,
            position,
            depth: 0,
            kind: kind.into(),
            number: number.into(),
            anchor: anchor.into(),
            short_anchor: None,
            parent_anchor: parent.map(str::to_string),
            title: (kind == "article").then(|| "Hồ sơ đề nghị".to_string()),
            body: String::new(),
        }
    }

    fn places(lang: Lang) -> Places {
        let rows = vec![
            row(0, "chapter", "I", "chuong-1", None),
            row(1, "article", "5", "chuong-1/dieu-5", Some("chuong-1")),
            row(
                2,
                "clause",
                "2",
                "chuong-1/dieu-5/khoan-2",
                Some("chuong-1/dieu-5"),
            ),
            row(
                3,
                "point",
                "a",
                "chuong-1/dieu-5/khoan-2/diem-a",
                Some("chuong-1/dieu-5/khoan-2"),
            ),
        ];
        Places::new(lang, &[(1, rows)])
    }

    fn at(p: &Places, anchor: &str) -> (String, String) {
        let key = (1, anchor.to_string());
        let place = &p.places[&key];
        (place.group.clone(), place.reference.clone())
    }

    #[test]
    fn places_read_as_vietnamese_documents_cite_them() {
        let p = places(Lang::Vi);
        assert_eq!(
            at(&p, "chuong-1/dieu-5/khoan-2/diem-a"),
            (
                "Điều 5. Hồ sơ đề nghị".to_string(),
                "Điểm a khoản 2 Điều 5".to_string()
            )
        );
        assert_eq!(at(&p, "chuong-1/dieu-5/khoan-2").1, "Khoản 2 Điều 5");
        assert_eq!(at(&p, "chuong-1/dieu-5").1, "Điều 5");
        assert_eq!(at(&p, "chuong-1"), ("Chương I".into(), "Chương I".into()));
    }

    #[test]
    fn articles_of_an_attached_regulation_say_so() {
        let rows = vec![
            row(0, "article", "1", "dieu-1", None),
            row(1, "article", "1", "quy-dinh/dieu-1", None),
            row(
                2,
                "clause",
                "2",
                "quy-dinh/dieu-1/khoan-2",
                Some("quy-dinh/dieu-1"),
            ),
        ];
        let p = Places::new(Lang::Vi, &[(1, rows)]);
        assert_eq!(at(&p, "dieu-1").1, "Điều 1");
        assert_eq!(
            at(&p, "quy-dinh/dieu-1/khoan-2"),
            (
                "Quy định — Điều 1. Hồ sơ đề nghị".to_string(),
                "Khoản 2 Điều 1 của Quy định".to_string()
            )
        );
    }

    #[test]
    fn places_read_in_english_too() {
        let p = places(Lang::En);
        assert_eq!(
            at(&p, "chuong-1/dieu-5/khoan-2/diem-a").1,
            "Point a of clause 2 of Article 5"
        );
    }
}
