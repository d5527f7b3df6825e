//! How comments are shown: author (name only with consent), state, receipt.

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::comment::Category;
use crate::domain::draft::vietnam;
use crate::i18n::Lang;
use crate::models::Comment;

/// A moment as Vietnamese readers expect it, in Vietnam time.
pub fn vn_time(t: chrono::NaiveDateTime) -> String {
    t.and_utc()
        .with_timezone(&vietnam())
        .format("%H:%M:%S %d/%m/%Y")
        .to_string()
}

/// The name a comment is shown under: an organisation's name, the person's
/// name if they agreed, else a pseudonym ("Công dân #123").
pub fn author(lang: Lang, comment: &Comment, names: &HashMap<i64, String>) -> String {
    let category: Category = comment.category.parse().unwrap_or(Category::Other);
    if category.is_organisation() {
        if let Some(name) = &comment.organisation_name {
            return name.clone();
        }
    }
    match names.get(&comment.id) {
        Some(name) if comment.show_name => name.clone(),
        _ => lang.text_with(
            "comment-pseudonym",
            &[("n".into(), comment.id.to_string().into())]
                .into_iter()
                .collect(),
        ),
    }
}

/// One comment in a list.
#[derive(Debug, Serialize)]
pub struct CommentItem {
    pub public_id: String,
    pub author: String,
    pub category_key: &'static str,
    pub organisation: Option<String>,
    pub on_behalf_of: String,
    pub anchor: Option<String>,
    pub paragraphs: Vec<String>,
    pub published_at: String,
    pub late: bool,
    pub hidden: bool,
    /// Translation key of the reason a moderator gave, and their words.
    pub hidden_reason_key: Option<String>,
    pub hidden_reason_text: Option<String>,
    pub withdrawn: bool,
}

impl CommentItem {
    /// The list entry of `comment`.
    pub fn new(lang: Lang, comment: &Comment, names: &HashMap<i64, String>) -> Self {
        let category: Category = comment.category.parse().unwrap_or(Category::Other);
        let visible = comment.status == crate::models::comment::status::PUBLISHED;
        CommentItem {
            public_id: comment.public_id.clone(),
            author: author(lang, comment, names),
            category_key: category.label_key(),
            organisation: comment.organisation_name.clone(),
            on_behalf_of: comment.on_behalf_of.clone(),
            anchor: comment.anchor.clone(),
            paragraphs: if visible {
                comment
                    .body
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_string)
                    .collect()
            } else {
                Vec::new()
            },
            published_at: comment.published_at.map(vn_time).unwrap_or_default(),
            late: comment.late,
            hidden: comment.status == crate::models::comment::status::HIDDEN,
            hidden_reason_key: comment
                .hidden_reason_code
                .as_ref()
                .map(|c| format!("moderation-reason-{}", c.replace('_', "-"))),
            hidden_reason_text: comment.hidden_reason_text.clone().filter(|t| !t.is_empty()),
            withdrawn: comment.status == crate::models::comment::status::WITHDRAWN,
        }
    }
}
