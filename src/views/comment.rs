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
    /// Only while the comment is published.
    pub attachments: Vec<AttachmentView>,
    /// The campaign it belongs to, if any.
    pub campaign: Option<CampaignBadge>,
}

/// The "campaign" mark on a comment: where its cluster is, and its size.
#[derive(Debug, Serialize)]
pub struct CampaignBadge {
    pub href: String,
    pub size: i64,
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
            attachments: Vec::new(),
            campaign: None,
        }
    }

    /// Marks a comment of a campaign (`sizes`: the draft's campaigns and
    /// their counted sizes) with a link to its cluster page.
    pub fn with_campaign(
        mut self,
        comment: &Comment,
        slug: &str,
        sizes: &HashMap<i64, i64>,
    ) -> Self {
        if let Some((id, size)) = comment
            .cluster_id
            .and_then(|id| sizes.get(&id).map(|n| (id, *n)))
        {
            self.campaign = Some(CampaignBadge {
                href: format!("/drafts/{slug}/clusters/{id}"),
                size,
            });
        }
        self
    }

    /// Lists the files of a published comment (`files` maps comment ids to theirs).
    pub fn with_attachments(
        mut self,
        comment: &Comment,
        files: &HashMap<i64, Vec<crate::models::Attachment>>,
    ) -> Self {
        if comment.status == crate::models::comment::status::PUBLISHED {
            if let Some(list) = files.get(&comment.id) {
                self.attachments = AttachmentView::list(&comment.public_id, list);
            }
        }
        self
    }
}

/// An attachment as listed under its comment.
#[derive(Debug, Serialize)]
pub struct AttachmentView {
    pub href: String,
    pub name: String,
    /// Size for people: "240 KB".
    pub size: String,
    pub sha256: String,
}

impl AttachmentView {
    /// The views of a comment's attachments.
    pub fn list(public_id: &str, list: &[crate::models::Attachment]) -> Vec<AttachmentView> {
        list.iter()
            .map(|a| AttachmentView {
                href: format!("/comments/{public_id}/attachments/{}", a.position),
                name: a.file_name.clone(),
                size: human_size(a.size_bytes),
                sha256: a.sha256.clone(),
            })
            .collect()
    }
}

/// "12 KB", "3.4 MB".
fn human_size(bytes: i64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", (bytes + 1023) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}
