//! The `drafts` table and its questions.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{draft_questions, drafts};
use crate::domain::draft::{DraftStatus, Window};

use super::WindowRule;

/// One draft as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = drafts)]
pub struct Draft {
    pub id: i64,
    pub public_id: String,
    pub slug: String,
    pub agency_id: i64,
    pub title: String,
    pub doc_type: String,
    pub field: String,
    pub summary: String,
    pub affected_groups: String,
    pub status: String,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    pub closes_at: Option<NaiveDateTime>,
    pub rule_id: Option<i64>,
    pub rule_min_days: Option<i32>,
    pub rule_legal_basis: Option<String>,
    pub allow_late: bool,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// When the synthesis report was published.
    pub synthesis_published_at: Option<NaiveDateTime>,
}

/// See [`Draft::comment_timing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentTiming {
    OnTime,
    Late,
    Closed,
    NotOpen,
}

impl CommentTiming {
    /// Whether a comment is accepted at all.
    pub fn accepts(self) -> bool {
        matches!(self, CommentTiming::OnTime | CommentTiming::Late)
    }
}

/// What `/drafts` may be narrowed to.
#[derive(Debug, Clone, Default)]
pub struct DraftFilter {
    pub status: Option<DraftStatus>,
    pub agency_id: Option<i64>,
    pub field: Option<String>,
    pub doc_type: Option<String>,
}

/// A draft to create.
#[derive(Debug, Clone)]
pub struct NewDraft {
    pub agency_id: i64,
    pub title: String,
    pub doc_type: String,
    pub field: String,
    pub summary: String,
    pub affected_groups: String,
    pub questions: Vec<String>,
    pub created_by: Option<i64>,
}

impl Draft {
    /// The stored status (constrained by a CHECK).
    pub fn status(&self) -> DraftStatus {
        self.status.parse().unwrap_or(DraftStatus::Preparing)
    }

    /// The consultation window, once opened.
    pub fn window(&self) -> Option<Window> {
        Some(Window {
            opens_on: self.opens_on?,
            closes_on: self.closes_on?,
        })
    }

    /// Whether a comment arriving at `now` is accepted: on time, late (the
    /// window has closed but the agency accepts late comments), or not at all.
    pub fn comment_timing(&self, now: chrono::DateTime<chrono::Utc>) -> CommentTiming {
        let status = self.status();
        let window = self.window();
        if status == DraftStatus::Open && window.is_some_and(|w| w.is_open_at(now)) {
            return CommentTiming::OnTime;
        }
        let closed = window.is_some_and(|w| now >= w.closes_at());
        if closed && self.allow_late && matches!(status, DraftStatus::Open | DraftStatus::Closed) {
            return CommentTiming::Late;
        }
        if closed {
            CommentTiming::Closed
        } else {
            CommentTiming::NotOpen
        }
    }

    /// The draft with this id.
    pub fn by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Draft> {
        drafts::table
            .find(id)
            .select(Draft::as_select())
            .first(conn)
    }

    /// The draft with this slug.
    pub fn by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Draft> {
        drafts::table
            .filter(drafts::slug.eq(slug))
            .select(Draft::as_select())
            .first(conn)
    }

    /// Drafts open for comment, closing soonest first.
    pub fn open(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<Draft>> {
        drafts::table
            .filter(drafts::status.eq(DraftStatus::Open.as_str()))
            .order((drafts::closes_at.asc(), drafts::id.asc()))
            .limit(limit)
            .select(Draft::as_select())
            .load(conn)
    }

    /// Public drafts (not in preparation) matching `filter`, newest first, after `before_id`.
    pub fn public_page(
        conn: &mut DbConnection,
        filter: &DraftFilter,
        before_id: Option<i64>,
        limit: i64,
    ) -> QueryResult<Vec<Draft>> {
        let mut query = drafts::table
            .filter(drafts::status.ne(DraftStatus::Preparing.as_str()))
            .order(drafts::id.desc())
            .limit(limit)
            .select(Draft::as_select())
            .into_boxed();
        if let Some(before) = before_id {
            query = query.filter(drafts::id.lt(before));
        }
        if let Some(status) = filter.status {
            query = query.filter(drafts::status.eq(status.as_str()));
        }
        if let Some(agency) = filter.agency_id {
            query = query.filter(drafts::agency_id.eq(agency));
        }
        if let Some(field) = &filter.field {
            query = query.filter(drafts::field.eq(field.clone()));
        }
        if let Some(doc_type) = &filter.doc_type {
            query = query.filter(drafts::doc_type.eq(doc_type.clone()));
        }
        query.load(conn)
    }

    /// The fields public drafts are filed under, for the filter list.
    pub fn public_fields(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
        drafts::table
            .filter(drafts::status.ne(DraftStatus::Preparing.as_str()))
            .filter(drafts::field.ne(""))
            .select(drafts::field)
            .distinct()
            .order(drafts::field.asc())
            .load(conn)
    }

    /// An agency's drafts, newest first.
    pub fn for_agency(conn: &mut DbConnection, agency_id: i64) -> QueryResult<Vec<Draft>> {
        drafts::table
            .filter(drafts::agency_id.eq(agency_id))
            .order(drafts::id.desc())
            .select(Draft::as_select())
            .load(conn)
    }

    /// The draft's questions, in order.
    pub fn questions(conn: &mut DbConnection, draft_id: i64) -> QueryResult<Vec<String>> {
        draft_questions::table
            .filter(draft_questions::draft_id.eq(draft_id))
            .order(draft_questions::position.asc())
            .select(draft_questions::body)
            .load(conn)
    }

    /// Whether comments arriving after the window closes are taken (and
    /// marked late) or refused.
    pub fn set_allow_late(conn: &mut DbConnection, id: i64, allow: bool) -> QueryResult<()> {
        diesel::update(drafts::table.find(id))
            .set((
                drafts::allow_late.eq(allow),
                drafts::updated_at.eq(super::now()),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// Opens the consultation with `window` (already checked by the
    /// caller against the rule), recording the rule it opened under.
    /// `false` when the draft's status no longer allows opening (another
    /// request was first).
    pub fn open_for_comment(
        conn: &mut DbConnection,
        id: i64,
        window: Window,
        rule: &WindowRule,
        actor: Option<i64>,
    ) -> QueryResult<bool> {
        let now = super::now();
        let allowed: Vec<&str> = DraftStatus::ALL
            .into_iter()
            .filter(|s| s.can_become(DraftStatus::Open))
            .map(DraftStatus::as_str)
            .collect();
        crate::db::transaction(conn, |conn| {
            let changed = diesel::update(
                drafts::table
                    .find(id)
                    .filter(drafts::status.eq_any(allowed)),
            )
            .set((
                drafts::status.eq(DraftStatus::Open.as_str()),
                drafts::opens_on.eq(window.opens_on),
                drafts::closes_on.eq(window.closes_on),
                drafts::closes_at.eq(window.closes_at().naive_utc()),
                drafts::rule_id.eq(rule.id),
                drafts::rule_min_days.eq(rule.min_days),
                drafts::rule_legal_basis.eq(&rule.legal_basis),
                drafts::updated_at.eq(now),
            ))
            .execute(conn)?;
            if changed == 1 {
                let agency: i64 = drafts::table
                    .find(id)
                    .select(drafts::agency_id)
                    .first(conn)?;
                super::DraftEvent::record(conn, id, DraftStatus::Open, Some(agency), actor, "")?;
            }
            Ok(changed == 1)
        })
    }

    /// Closes every open draft whose window has ended; returns their slugs.
    /// The conditional update makes this safe when several nodes run it.
    pub fn close_expired(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<Vec<String>> {
        let due: Vec<(i64, String, i64)> = drafts::table
            .filter(drafts::status.eq(DraftStatus::Open.as_str()))
            .filter(drafts::closes_at.le(now))
            .select((drafts::id, drafts::slug, drafts::agency_id))
            .load(conn)?;
        let mut closed = Vec::new();
        for (id, slug, agency) in due {
            if super::DraftEvent::transition(
                conn,
                id,
                (DraftStatus::Open, DraftStatus::Closed),
                Some(agency),
                None,
                "",
            )? {
                closed.push(slug);
            }
        }
        Ok(closed)
    }
}

impl NewDraft {
    /// Inserts the draft (status `preparing`) with a unique slug and its questions.
    pub fn insert(&self, conn: &mut DbConnection) -> QueryResult<Draft> {
        crate::db::transaction(conn, |conn| {
            let base = crate::domain::text::slugify(&self.title, 60);
            let base = if base.is_empty() {
                "du-thao".to_string()
            } else {
                base
            };
            let mut slug = base.clone();
            let mut n = 2;
            while drafts::table
                .filter(drafts::slug.eq(&slug))
                .count()
                .get_result::<i64>(conn)?
                > 0
            {
                slug = format!("{base}-{n}");
                n += 1;
            }
            let now = super::now();
            let public_id = uuid::Uuid::new_v4().to_string();
            diesel::insert_into(drafts::table)
                .values((
                    drafts::public_id.eq(&public_id),
                    drafts::slug.eq(&slug),
                    drafts::agency_id.eq(self.agency_id),
                    drafts::title.eq(&self.title),
                    drafts::doc_type.eq(&self.doc_type),
                    drafts::field.eq(&self.field),
                    drafts::summary.eq(&self.summary),
                    drafts::affected_groups.eq(&self.affected_groups),
                    drafts::status.eq(DraftStatus::Preparing.as_str()),
                    drafts::created_by.eq(self.created_by),
                    drafts::created_at.eq(now),
                    drafts::updated_at.eq(now),
                ))
                .execute(conn)?;
            let draft = Draft::by_slug(conn, &slug)?;
            super::DraftEvent::record(
                conn,
                draft.id,
                DraftStatus::Preparing,
                Some(self.agency_id),
                self.created_by,
                "",
            )?;
            for (i, body) in self.questions.iter().enumerate() {
                diesel::insert_into(draft_questions::table)
                    .values((
                        draft_questions::draft_id.eq(draft.id),
                        draft_questions::position.eq(i as i32 + 1),
                        draft_questions::body.eq(body),
                    ))
                    .execute(conn)?;
            }
            Ok(draft)
        })
    }
}

/// Everything a draft page shows, loaded in one go.
pub struct DraftPage {
    pub draft: Draft,
    pub documents: Vec<super::DossierDocument>,
    pub agency: super::Agency,
    pub rule: WindowRule,
    pub questions: Vec<String>,
    pub version: Option<super::Version>,
    pub provisions: std::sync::Arc<Vec<super::ProvisionRow>>,
    pub versions: Vec<i32>,
}

impl DraftPage {
    /// The page of the draft `slug` at `version` (default: the newest
    /// published one). With `include_unpublished` (the drafting agency's own
    /// preview) the newest version counts even before it is published.
    pub fn load(
        conn: &mut DbConnection,
        slug: &str,
        version: Option<i32>,
        include_unpublished: bool,
    ) -> QueryResult<DraftPage> {
        DraftPage::load_memo(
            conn,
            slug,
            version,
            include_unpublished,
            &super::ProvisionMemo::default(),
        )
    }

    /// [`DraftPage::load`] taking published provisions from `memo`.
    pub fn load_memo(
        conn: &mut DbConnection,
        slug: &str,
        version: Option<i32>,
        include_unpublished: bool,
        memo: &super::ProvisionMemo,
    ) -> QueryResult<DraftPage> {
        let draft = Draft::by_slug(conn, slug)?;
        let agency = super::Agency::by_id(conn, draft.agency_id)?;
        let rule = WindowRule::for_type(conn, &draft.doc_type)?;
        let questions = Draft::questions(conn, draft.id)?;
        let version = match version {
            Some(n) => {
                let v = super::Version::by_number(conn, draft.id, n)?;
                if v.published_at.is_none() && !include_unpublished {
                    return Err(diesel::result::Error::NotFound);
                }
                Some(v)
            }
            None if include_unpublished => super::Version::latest(conn, draft.id)?,
            None => super::Version::latest_published(conn, draft.id)?,
        };
        let provisions = match &version {
            Some(v) => super::Version::provisions_memo(conn, v, memo)?,
            None => Default::default(),
        };
        let versions = super::Version::published_numbers(conn, draft.id)?;
        let documents = super::DossierDocument::list_for(conn, draft.id)?;
        Ok(DraftPage {
            documents,
            draft,
            agency,
            rule,
            questions,
            version,
            provisions,
            versions,
        })
    }
}

/// Creates a draft in preparation with version 1 (unpublished) parsed from `text`.
pub fn import(
    conn: &mut DbConnection,
    new: &NewDraft,
    text: &str,
) -> QueryResult<(Draft, super::Version)> {
    let document = crate::domain::legal_text::parse(text);
    crate::db::transaction(conn, |conn| {
        let draft = new.insert(conn)?;
        let version = super::Version::create(conn, draft.id, text, &document)?;
        Ok((draft, version))
    })
}
