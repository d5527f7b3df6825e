//! Public draft pages: the list, a draft with its full text, a version, one provision.

use actix_web::web;
use serde::{Deserialize, Serialize};

use crate::db::Db;
use crate::domain::draft::DraftStatus;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::models::{Agency, Draft, DraftFilter, DraftPage};
use crate::views::Page;
use crate::views::draft::{DocumentView, DraftHeader, DraftItem, ProvisionView, TocEntry, toc};

/// Drafts per page of `/drafts`.
const PER_PAGE: i64 = 20;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    /// Keyset cursor: show drafts older than this id.
    before: Option<i64>,
    #[serde(default)]
    status: String,
    #[serde(default)]
    agency: String,
    #[serde(default)]
    field: String,
    #[serde(default)]
    doc_type: String,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct ListView {
    drafts: Vec<DraftItem>,
    /// The query string of the next page, if there is one.
    next: Option<String>,
    statuses: Vec<Choice>,
    agencies: Vec<Choice>,
    fields: Vec<Choice>,
    doc_types: Vec<Choice>,
    filtered: bool,
}

/// `GET /drafts`: public drafts, newest first, keyset-paginated, filtered by
/// status, agency, field and document type.
pub async fn index(db: Db, lang: Lang, query: web::Query<ListQuery>) -> AppResult<Page> {
    let query = query.into_inner();
    let nonempty = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let status = query.status.parse::<DraftStatus>().ok();
    let (agencies, fields, rules) = db
        .run(|c| {
            Ok((
                Agency::list(c)?,
                Draft::public_fields(c)?,
                crate::models::WindowRule::list(c)?,
            ))
        })
        .await?;
    let agency = agencies
        .iter()
        .find(|a| a.public_id == query.agency)
        .map(|a| a.id);
    let filter = DraftFilter {
        status,
        agency_id: agency,
        field: nonempty(&query.field),
        doc_type: nonempty(&query.doc_type),
    };
    let before = query.before;
    let drafts = {
        let filter = filter.clone();
        db.run(move |c| Draft::public_page(c, &filter, before, PER_PAGE + 1))
            .await?
    };
    let next = (drafts.len() as i64 > PER_PAGE).then(|| {
        let mut qs = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("status", &query.status),
            ("agency", &query.agency),
            ("field", &query.field),
            ("doc_type", &query.doc_type),
        ] {
            if !v.is_empty() {
                qs.append_pair(k, v);
            }
        }
        qs.append_pair("before", &drafts[PER_PAGE as usize - 1].id.to_string());
        qs.finish()
    });
    let items = drafts
        .iter()
        .take(PER_PAGE as usize)
        .map(|d| {
            let agency = agencies
                .iter()
                .find(|a| a.id == d.agency_id)
                .map(|a| a.name.as_str())
                .unwrap_or("");
            DraftItem::new(d, agency)
        })
        .collect();
    let view = ListView {
        drafts: items,
        next,
        statuses: DraftStatus::ALL
            .into_iter()
            .filter(|s| *s != DraftStatus::Preparing)
            .map(|s| Choice {
                value: s.as_str().into(),
                label: lang.text(&s.label_key()),
                selected: Some(s) == status,
            })
            .collect(),
        agencies: agencies
            .iter()
            .map(|a| Choice {
                value: a.public_id.clone(),
                label: a.name.clone(),
                selected: Some(a.id) == agency,
            })
            .collect(),
        fields: fields
            .into_iter()
            .map(|f| Choice {
                selected: Some(&f) == filter.field.as_ref(),
                value: f.clone(),
                label: f,
            })
            .collect(),
        doc_types: rules
            .iter()
            .map(|r| Choice {
                value: r.doc_type.clone(),
                label: r.name(lang).to_string(),
                selected: Some(&r.doc_type) == filter.doc_type.as_ref(),
            })
            .collect(),
        filtered: status.is_some()
            || agency.is_some()
            || filter.field.is_some()
            || filter.doc_type.is_some(),
    };
    Ok(Page::render("drafts/index", lang, view))
}

#[derive(Serialize)]
struct ShowView {
    draft: DraftHeader,
    comment_total: i64,
    documents: Vec<DocumentView>,
    version: Option<i32>,
    latest: bool,
    versions: Vec<i32>,
    toc: Vec<TocEntry>,
    provisions: Vec<ProvisionView>,
    /// How the agency is answering (the draft's main page only).
    progress: Option<crate::models::Progress>,
    /// The share of answers that reuse one explanation, in percent.
    reused_share: Option<i64>,
    /// An appraisal is on record (the draft's main page only).
    appraisal: bool,
    /// Each status change, with the agency that made it.
    timeline: Vec<TimelineEntry>,
    /// How the answers fall by who commented.
    indicators: Option<crate::models::indicators::Indicators>,
    /// The drafting team's declarations of interest.
    interests: Vec<crate::models::interest::Declaration>,
    /// The counted comments split into individual and campaign ones.
    breakdown: Option<crate::models::cluster::Breakdown>,
}

#[derive(Serialize)]
struct TimelineEntry {
    status_key: String,
    date: String,
    agency: Option<String>,
    note: String,
}

/// The provisions of a page with their comment counts.
fn with_counts(
    lang: Lang,
    rows: &[crate::models::ProvisionRow],
    counts: &std::collections::HashMap<Option<String>, i64>,
) -> Vec<ProvisionView> {
    rows.iter()
        .map(|p| {
            let mut view = ProvisionView::new(lang, p);
            view.comments = counts.get(&Some(p.anchor.clone())).copied().unwrap_or(0);
            view
        })
        .collect()
}

fn show_view(
    lang: Lang,
    page: DraftPage,
    counts: &std::collections::HashMap<Option<String>, i64>,
) -> ShowView {
    let latest = page.versions.last().copied();
    ShowView {
        comment_total: counts.values().sum(),
        documents: DocumentView::list(&page.draft.slug, &page.documents),
        draft: DraftHeader::new(lang, &page.draft, &page.agency, &page.rule, page.questions),
        version: page.version.as_ref().map(|v| v.number),
        latest: page.version.as_ref().map(|v| v.number) == latest,
        versions: page.versions,
        toc: toc(lang, &page.provisions),
        provisions: page
            .provisions
            .iter()
            .map(|p| ProvisionView::new(lang, p))
            .collect(),
        progress: None,
        reused_share: None,
        appraisal: false,
        timeline: Vec::new(),
        indicators: None,
        interests: Vec::new(),
        breakdown: None,
    }
}

async fn load_public(db: &Db, slug: String, version: Option<i32>) -> AppResult<DraftPage> {
    let memo = db.provisions();
    let page = db
        .run(move |c| DraftPage::load_memo(c, &slug, version, false, &memo))
        .await?;
    if page.draft.status() == DraftStatus::Preparing {
        return Err(AppError::not_found());
    }
    Ok(page)
}

/// A public draft page and its comment counts per provision.
async fn load_with_counts(
    db: &Db,
    slug: String,
    version: Option<i32>,
) -> AppResult<(DraftPage, std::collections::HashMap<Option<String>, i64>)> {
    let page = load_public(db, slug, version).await?;
    let id = page.draft.id;
    let counts = db
        .run(move |c| crate::models::Comment::counts_by_anchor(c, id))
        .await?;
    Ok((page, counts))
}

/// `GET /drafts/{slug}`: the draft and the text of its newest published version.
pub async fn show(db: Db, lang: Lang, path: web::Path<String>) -> AppResult<Page> {
    let (page, counts) = load_with_counts(&db, path.into_inner(), None).await?;
    let id = page.draft.id;
    let (progress, reused_share, events, appraisal, indicators, interests, breakdown) = db
        .run(move |c| {
            use crate::models::{Appraisal, Cluster, DraftEvent, Response};
            Ok((
                Response::progress(c, id)?,
                Response::reused_share(c, id)?,
                DraftEvent::of(c, id)?,
                Appraisal::exists_for(c, id)?,
                crate::models::indicators::Indicators::of(c, &[id])?,
                crate::models::interest::of(c, id)?,
                Cluster::breakdown(c, id, &crate::models::CommentFilter::default())?,
            ))
        })
        .await?;
    let mut view = show_view(lang, page, &counts);
    view.progress = (progress.answered > 0).then_some(progress);
    view.reused_share = reused_share;
    view.indicators = (indicators.answered > 0).then_some(indicators);
    view.interests = interests;
    view.breakdown = Some(breakdown);
    view.appraisal = appraisal;
    view.timeline = events
        .into_iter()
        .filter_map(|(event, agency)| {
            let status: DraftStatus = event.status.parse().ok()?;
            Some(TimelineEntry {
                status_key: status.label_key(),
                date: crate::views::comment::vn_time(event.created_at),
                agency,
                note: event.note,
            })
        })
        .collect();
    Ok(Page::render("drafts/show", lang, view))
}

/// `GET /drafts/{slug}/versions/{n}`.
pub async fn version(db: Db, lang: Lang, path: web::Path<(String, i32)>) -> AppResult<Page> {
    let (slug, number) = path.into_inner();
    let (page, counts) = load_with_counts(&db, slug, Some(number)).await?;
    Ok(Page::render(
        "drafts/show",
        lang,
        show_view(lang, page, &counts),
    ))
}

#[derive(Serialize)]
struct ProvisionPageView {
    draft: DraftHeader,
    provisions: Vec<ProvisionView>,
    version: Option<i32>,
}

/// `GET /drafts/{slug}/provisions/{anchor}`: one provision and what it
/// contains, by its full anchor or its short form (`dieu-5/khoan-2`).
pub async fn provision(db: Db, lang: Lang, path: web::Path<(String, String)>) -> AppResult<Page> {
    let (slug, anchor) = path.into_inner();
    let (page, counts) = load_with_counts(&db, slug, None).await?;
    let anchor = anchor.trim_matches('/').to_string();
    let start = page
        .provisions
        .iter()
        .position(|p| p.anchor == anchor || p.short_anchor.as_deref() == Some(anchor.as_str()))
        .ok_or_else(AppError::not_found)?;
    let root = &page.provisions[start];
    let prefix = format!("{}/", root.anchor);
    let provisions = page.provisions[start..]
        .iter()
        .take_while(|p| p.anchor == root.anchor || p.anchor.starts_with(&prefix))
        .cloned()
        .collect::<Vec<_>>();
    let provisions = with_counts(lang, &provisions, &counts);
    let version = page.version.as_ref().map(|v| v.number);
    Ok(Page::render(
        "drafts/provision",
        lang,
        ProvisionPageView {
            draft: DraftHeader::new(lang, &page.draft, &page.agency, &page.rule, page.questions),
            provisions,
            version,
        },
    ))
}

#[derive(Debug, Deserialize)]
pub struct DiffQuery {
    from: Option<i32>,
    to: Option<i32>,
}

#[derive(Serialize)]
struct DiffEntry {
    anchor: String,
    label: String,
    change: crate::domain::diff::Change,
    change_key: &'static str,
    segments: Vec<crate::domain::diff::Segment>,
}

#[derive(Serialize)]
struct DiffView {
    draft: DraftHeader,
    from: i32,
    to: i32,
    versions: Vec<i32>,
    entries: Vec<DiffEntry>,
    added: usize,
    removed: usize,
    changed: usize,
    unchanged: usize,
}

/// `GET /drafts/{slug}/diff?from=1&to=2`: what changed, provision by provision.
pub async fn diff(
    db: Db,
    lang: Lang,
    path: web::Path<String>,
    query: web::Query<DiffQuery>,
) -> AppResult<Page> {
    use crate::domain::diff::{Change, Side, diff};
    let slug = path.into_inner();
    let page = load_public(&db, slug.clone(), None).await?;
    let latest = *page.versions.last().ok_or_else(AppError::not_found)?;
    let to = query.to.unwrap_or(latest);
    let from = query.from.unwrap_or(to - 1);
    if !page.versions.contains(&from) || !page.versions.contains(&to) {
        return Err(AppError::not_found());
    }
    let (old, new) = {
        let (a, b) = (slug.clone(), slug);
        let old = db
            .run(move |c| DraftPage::load(c, &a, Some(from), false))
            .await?
            .provisions;
        let new = db
            .run(move |c| DraftPage::load(c, &b, Some(to), false))
            .await?
            .provisions;
        (old, new)
    };
    let content = |p: &crate::models::ProvisionRow| match &p.title {
        Some(title) => format!("{title}\n{}", p.body),
        None => p.body.clone(),
    };
    let old_text: Vec<String> = old.iter().map(content).collect();
    let new_text: Vec<String> = new.iter().map(content).collect();
    let old_sides: Vec<Side> = old
        .iter()
        .zip(&old_text)
        .map(|(p, t)| Side {
            anchor: &p.anchor,
            text: t,
        })
        .collect();
    let new_sides: Vec<Side> = new
        .iter()
        .zip(&new_text)
        .map(|(p, t)| Side {
            anchor: &p.anchor,
            text: t,
        })
        .collect();
    let result = diff(&old_sides, &new_sides);
    let count = |c: Change| result.iter().filter(|d| d.change == c).count();
    let (added, removed, changed, unchanged) = (
        count(Change::Added),
        count(Change::Removed),
        count(Change::Changed),
        count(Change::Unchanged),
    );
    let label_of = |anchor: &str| {
        new.iter()
            .chain(old.iter())
            .find(|p| p.anchor == anchor)
            .map(|p| crate::views::draft::label(lang, &p.kind, &p.number))
            .unwrap_or_default()
    };
    let entries = result
        .into_iter()
        .filter(|d| d.change != Change::Unchanged)
        .map(|d| DiffEntry {
            label: label_of(&d.anchor),
            change_key: match d.change {
                Change::Added => "diff-added",
                Change::Removed => "diff-removed",
                Change::Changed => "diff-changed",
                Change::Unchanged => "diff-unchanged",
            },
            anchor: d.anchor,
            change: d.change,
            segments: d.segments,
        })
        .collect();
    Ok(Page::render(
        "drafts/diff",
        lang,
        DiffView {
            draft: DraftHeader::new(lang, &page.draft, &page.agency, &page.rule, page.questions),
            from,
            to,
            versions: page.versions,
            entries,
            added,
            removed,
            changed,
            unchanged,
        },
    ))
}

/// `GET /drafts/{slug}/documents/{id}`: a dossier document, as a download,
/// with headers that keep a browser from running anything in it.
pub async fn document(
    db: Db,
    storage: web::Data<crate::storage::Storage>,
    path: web::Path<(String, String)>,
) -> AppResult<actix_web::HttpResponse> {
    let (slug, id) = path.into_inner();
    let page = load_public(&db, slug, None).await?;
    let doc = page
        .documents
        .into_iter()
        .find(|d| d.public_id == id)
        .ok_or_else(AppError::not_found)?;
    let store = storage.get_ref().clone();
    let sha = doc.sha256.clone();
    let bytes = web::block(move || store.get(&sha))
        .await
        .map_err(AppError::internal)?
        .map_err(|e| AppError::internal(anyhow::anyhow!("dossier file {}: {e}", doc.sha256)))?;
    Ok(super::attachments::download(
        bytes,
        &doc.filename,
        &doc.content_type,
        &doc.sha256,
    ))
}
