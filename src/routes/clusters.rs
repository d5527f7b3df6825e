//! Campaigns: the public page of one cluster of near-identical comments,
//! the campaigns on a draft's comment list, and answering a whole cluster
//! once from the answer workspace.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::{Drafter, Form};
use crate::db::{Db, DbConnection};
use crate::domain::response::Answer;
use crate::error::{AppError, AppResult, ErrorKind, Message};
use crate::i18n::Lang;
use crate::mail::Postman;
use crate::models::cluster::{Breakdown, Campaign};
use crate::models::{Cluster, Comment, CommentFilter, NewResponse};
use crate::views::Page;
use crate::views::comment::CommentItem;
use crate::views::draft::DraftHeader;
use crate::views::flash;

/// Members per page of a cluster page.
const PER_PAGE: i64 = 50;
/// Campaigns shown on a draft's comment list.
const LISTED: usize = 20;

/// A campaign as the comment list shows it.
#[derive(Serialize)]
pub(super) struct CampaignView {
    id: i64,
    href: String,
    size: i64,
    representative: CommentItem,
    sample: Vec<CommentItem>,
    /// Members neither the representative nor in the sample.
    more: i64,
}

impl CampaignView {
    pub(super) fn new(lang: Lang, slug: &str, campaign: &Campaign) -> CampaignView {
        // Names only with consent: no names map, so people show as pseudonyms
        // (organisations by name).
        let names = HashMap::new();
        CampaignView {
            id: campaign.id,
            href: format!("/drafts/{slug}/clusters/{}", campaign.id),
            size: campaign.size,
            representative: CommentItem::new(lang, &campaign.representative, &names),
            sample: campaign
                .sample
                .iter()
                .map(|c| CommentItem::new(lang, c, &names))
                .collect(),
            more: (campaign.size - 1 - campaign.sample.len() as i64).max(0),
        }
    }
}

/// What the comment list needs about campaigns: the split of its totals,
/// the size of each campaign (for the badges) and, on the first unfiltered
/// page, the campaigns themselves.
pub(super) fn list_data(
    conn: &mut DbConnection,
    draft_id: i64,
    filter: &CommentFilter,
    with_campaigns: bool,
) -> diesel::QueryResult<(Breakdown, HashMap<i64, i64>, Vec<Campaign>)> {
    let breakdown = Cluster::breakdown(conn, draft_id, filter)?;
    let sizes = Cluster::campaign_sizes(conn, draft_id)?;
    let campaigns = if with_campaigns {
        Cluster::campaigns(conn, draft_id, LISTED)?
    } else {
        Vec::new()
    };
    Ok((breakdown, sizes, campaigns))
}

#[derive(Debug, Default, Deserialize)]
pub struct MembersQuery {
    /// Cursor: the last member id of the previous page.
    after: Option<i64>,
}

#[derive(Serialize)]
struct ShowView {
    draft: DraftHeader,
    id: i64,
    size: i64,
    campaign: bool,
    representative: Option<CommentItem>,
    members: Vec<CommentItem>,
    next: Option<i64>,
    first_page: bool,
}

/// `GET /drafts/{slug}/clusters/{id}`: one cluster, its representative (the
/// earliest counted comment), how many counted comments it has, and every
/// member, oldest first, by pages.
pub async fn show(
    db: Db,
    lang: Lang,
    path: web::Path<(String, i64)>,
    query: web::Query<MembersQuery>,
) -> AppResult<Page> {
    let (slug, id) = path.into_inner();
    let page = super::comments::public_page(&db, slug).await?;
    let (draft_id, after) = (page.draft.id, query.after);
    let (size, representative, members, names) = db
        .run(move |c| {
            Cluster::find(c, draft_id, id)?;
            let size = Cluster::campaign_sizes(c, draft_id)?
                .get(&id)
                .copied()
                .unwrap_or(0);
            let representative = Cluster::members(c, id, true, None, 1)?.pop();
            let members = Cluster::members(c, id, false, after, PER_PAGE + 1)?;
            let names = Comment::consented_names(c, &members)?;
            Ok((size, representative, members, names))
        })
        .await?;
    let next = (members.len() as i64 > PER_PAGE).then(|| members[PER_PAGE as usize - 1].id);
    let view = ShowView {
        id,
        size,
        campaign: size >= crate::domain::campaign::CAMPAIGN_MIN,
        representative: representative
            .as_ref()
            .map(|c| CommentItem::new(lang, c, &names)),
        members: members
            .iter()
            .take(PER_PAGE as usize)
            .map(|c| CommentItem::new(lang, c, &names))
            .collect(),
        next,
        first_page: after.is_none(),
        draft: DraftHeader::new(
            lang,
            &page.draft,
            &page.agency,
            &page.rule,
            page.questions.clone(),
        ),
    };
    Ok(Page::render("clusters/show", lang, view))
}

/// What the "answer the whole cluster" form sends.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ClusterAnswerForm {
    decision: String,
    explanation: String,
    /// `publish`, or save only.
    action: String,
}

/// `POST /workspace/drafts/{slug}/clusters/{id}/answer`: one answer saved
/// for every member of the cluster still without a published answer (a
/// group answer), and published at once when asked.
pub async fn answer(
    db: Db,
    drafter: Drafter,
    postman: web::Data<Postman>,
    path: web::Path<(String, i64)>,
    Form(form): Form<ClusterAnswerForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let page = super::workspace::own_page(&db, &drafter, slug).await?;
    let draft_id = page.draft.id;
    let ids = db
        .run(move |c| {
            Cluster::find(c, draft_id, id)?;
            Cluster::unanswered_ids(c, id)
        })
        .await?;
    let back = format!("/workspace/drafts/{}/answers?cluster={id}", page.draft.slug);
    if ids.is_empty() {
        return Err(AppError::new(ErrorKind::UnprocessableEntity)
            .with_message(Message::new("clusters-answer-none")));
    }
    let answer = Answer::parse(&form.decision, &form.explanation).map_err(|invalid| {
        AppError::new(ErrorKind::UnprocessableEntity).with_message(invalid.message)
    })?;
    let new = NewResponse {
        draft_id,
        answer,
        anchors: Vec::new(),
        version_number: None,
        responder_id: drafter.user.id,
    };
    let saved = ids.clone();
    db.run(move |c| new.save(c, &saved)).await?;
    if form.action == "publish" {
        super::answers::publish(&db, &postman, &page, Some(ids)).await?;
        return Ok(flash::redirect(&back, Some("flash-cluster-published")));
    }
    Ok(flash::redirect(&back, Some("flash-cluster-saved")))
}

/// A campaign offered in the workspace's cluster filter.
#[derive(Serialize)]
pub(super) struct ClusterChoice {
    id: i64,
    size: i64,
    excerpt: String,
    selected: bool,
}

/// The draft's campaigns for the workspace filter, biggest first.
pub(super) fn choices(campaigns: &[Campaign], selected: Option<i64>) -> Vec<ClusterChoice> {
    campaigns
        .iter()
        .map(|c| ClusterChoice {
            id: c.id,
            size: c.size,
            excerpt: c.representative.body.chars().take(60).collect(),
            selected: Some(c.id) == selected,
        })
        .collect()
}

/// How many members of cluster `id` still need a published answer.
pub(super) fn unanswered(conn: &mut DbConnection, id: i64) -> diesel::QueryResult<i64> {
    Ok(Cluster::unanswered_ids(conn, id)?.len() as i64)
}
