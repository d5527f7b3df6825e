//! What draft pages show: the header facts, the outline and the text.

use chrono::Utc;
use serde::Serialize;

use crate::domain::draft::DraftStatus;
use crate::i18n::Lang;
use crate::models::{Agency, Draft, ProvisionRow, WindowRule};

/// A draft in a list.
#[derive(Debug, Serialize)]
pub struct DraftItem {
    pub slug: String,
    pub title: String,
    pub agency: String,
    pub status_key: String,
    pub open: bool,
    pub days_left: Option<i64>,
    pub closes_on: Option<String>,
    /// For the agency and the justice department: how answering is going.
    pub progress: Option<crate::models::Progress>,
    pub unanswered: i64,
    /// Whole days since the window closed.
    pub days_since_close: Option<i64>,
}

impl DraftItem {
    /// The list entry of `draft` by `agency`.
    pub fn new(draft: &Draft, agency: &str) -> Self {
        let status = draft.status();
        let window = draft.window();
        DraftItem {
            slug: draft.slug.clone(),
            title: draft.title.clone(),
            agency: agency.to_string(),
            status_key: status.label_key(),
            open: status == DraftStatus::Open,
            days_left: window
                .filter(|_| status == DraftStatus::Open)
                .map(|w| w.days_left(Utc::now())),
            closes_on: draft.closes_on.map(|d| d.format("%d/%m/%Y").to_string()),
            progress: None,
            unanswered: 0,
            days_since_close: None,
        }
    }

    /// Adds the answering figures of the draft.
    pub fn with_progress(mut self, draft: &Draft, progress: crate::models::Progress) -> Self {
        self.unanswered = progress.unanswered();
        self.progress = Some(progress);
        self.days_since_close = draft
            .closes_at
            .filter(|_| !matches!(draft.status(), DraftStatus::Preparing | DraftStatus::Open))
            .map(|at| (Utc::now().naive_utc() - at).num_days().max(0));
        self
    }
}

/// One provision on the page.
#[derive(Debug, Serialize)]
pub struct ProvisionView {
    pub anchor: String,
    pub kind: String,
    pub depth: i32,
    /// "Chương II", "Điều 5", "1.", "a)".
    pub label: String,
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
    pub heading: bool,
    /// Published comments on this provision (the comments issue fills it in).
    pub comments: i64,
}

/// How a provision is introduced in the text, as Vietnamese documents write it
/// ("Chương II", "Điều 5.", "1.", "a)"); the words come from the translations.
pub fn label(lang: Lang, kind: &str, number: &str) -> String {
    let word = |key: &str| {
        lang.text_with(
            key,
            &[("n".into(), number.to_string().into())]
                .into_iter()
                .collect(),
        )
    };
    match kind {
        "part" => word("provision-part"),
        "chapter" => word("provision-chapter"),
        "section" => word("provision-section"),
        "subsection" => word("provision-subsection"),
        "article" => word("provision-article"),
        "annex" => word("provision-annex"),
        "clause" => format!("{number}."),
        "point" => format!("{number})"),
        _ => number.to_string(),
    }
}

impl ProvisionView {
    /// The view of a stored provision.
    pub fn new(lang: Lang, row: &ProvisionRow) -> Self {
        ProvisionView {
            label: label(lang, &row.kind, &row.number),
            heading: matches!(
                row.kind.as_str(),
                "part" | "chapter" | "section" | "subsection" | "article" | "annex"
            ),
            anchor: row.anchor.clone(),
            kind: row.kind.clone(),
            depth: row.depth,
            title: row.title.clone(),
            paragraphs: row
                .body
                .lines()
                .map(str::to_string)
                .filter(|l| !l.trim().is_empty())
                .collect(),
            comments: 0,
        }
    }
}

/// An entry of the table of contents (parts, chapters, sections, articles, annexes).
#[derive(Debug, Serialize)]
pub struct TocEntry {
    pub anchor: String,
    pub label: String,
    pub title: Option<String>,
    pub depth: i32,
}

/// The table of contents of a version.
pub fn toc(lang: Lang, rows: &[ProvisionRow]) -> Vec<TocEntry> {
    rows.iter()
        .filter(|r| {
            matches!(
                r.kind.as_str(),
                "part" | "chapter" | "section" | "subsection" | "article" | "annex"
            )
        })
        .map(|r| TocEntry {
            anchor: r.anchor.clone(),
            label: label(lang, &r.kind, &r.number)
                .trim_end_matches('.')
                .to_string(),
            title: r.title.clone(),
            depth: r.depth,
        })
        .collect()
}

/// The facts at the top of a draft page.
#[derive(Debug, Serialize)]
pub struct DraftHeader {
    pub slug: String,
    pub title: String,
    pub agency: String,
    pub agency_id: String,
    pub doc_type: String,
    pub field: String,
    pub summary: Vec<String>,
    pub affected_groups: String,
    pub status_key: String,
    pub open: bool,
    pub opens_on: Option<String>,
    pub closes_on: Option<String>,
    pub days_left: Option<i64>,
    pub rule_legal_basis: Option<String>,
    pub rule_min_days: Option<i32>,
    pub questions: Vec<QuestionView>,
    /// Comments are accepted now (on time or late).
    pub accepts_comments: bool,
}

/// One of the agency's questions.
#[derive(Debug, Serialize)]
pub struct QuestionView {
    /// 1-based, as in "question 2".
    pub n: usize,
    pub text: String,
}

impl DraftHeader {
    /// The header of `draft`.
    pub fn new(
        lang: Lang,
        draft: &Draft,
        agency: &Agency,
        rule: &WindowRule,
        questions: Vec<String>,
    ) -> Self {
        let item = DraftItem::new(draft, &agency.name);
        DraftHeader {
            slug: draft.slug.clone(),
            title: draft.title.clone(),
            agency: agency.name.clone(),
            agency_id: agency.public_id.clone(),
            doc_type: rule.name(lang).to_string(),
            field: draft.field.clone(),
            summary: draft
                .summary
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect(),
            affected_groups: draft.affected_groups.clone(),
            status_key: item.status_key,
            open: item.open,
            opens_on: draft.opens_on.map(|d| d.format("%d/%m/%Y").to_string()),
            closes_on: item.closes_on,
            days_left: item.days_left,
            rule_legal_basis: draft.rule_legal_basis.clone(),
            rule_min_days: draft.rule_min_days,
            questions: questions
                .into_iter()
                .enumerate()
                .map(|(i, text)| QuestionView { n: i + 1, text })
                .collect(),
            accepts_comments: draft.comment_timing(Utc::now()).accepts(),
        }
    }
}

/// A dossier document in a list.
#[derive(Debug, Serialize)]
pub struct DocumentView {
    pub href: String,
    pub title: String,
    pub kind_key: String,
    pub filename: String,
    pub size: String,
}

impl DocumentView {
    /// The entry of `doc` of the draft `slug`.
    pub fn new(slug: &str, doc: &crate::models::DossierDocument) -> Self {
        let size = if doc.size >= 1024 * 1024 {
            format!("{:.1} MB", doc.size as f64 / (1024.0 * 1024.0))
        } else {
            format!("{} KB", (doc.size + 1023) / 1024)
        };
        DocumentView {
            href: format!("/drafts/{slug}/documents/{}", doc.public_id),
            title: doc.title.clone(),
            kind_key: format!("dossier-kind-{}", doc.kind.replace('_', "-")),
            filename: doc.filename.clone(),
            size,
        }
    }

    /// The entries of a draft's documents.
    pub fn list(slug: &str, docs: &[crate::models::DossierDocument]) -> Vec<DocumentView> {
        docs.iter().map(|d| DocumentView::new(slug, d)).collect()
    }
}
