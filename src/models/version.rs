//! The `versions` and `provisions` tables: a draft's text, parsed, immutable
//! once published.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{provisions, versions};
use crate::domain::legal_text::{Document, Provision};

/// One version as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = versions)]
pub struct Version {
    pub id: i64,
    pub draft_id: i64,
    pub number: i32,
    pub source_text: String,
    pub metadata: String,
    pub published_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// One provision as stored (the tree flattened in document order).
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = provisions)]
pub struct ProvisionRow {
    #[serde(skip)]
    pub id: i64,
    #[serde(skip)]
    pub version_id: i64,
    pub position: i32,
    pub depth: i32,
    pub kind: String,
    pub number: String,
    pub anchor: String,
    pub short_anchor: Option<String>,
    pub parent_anchor: Option<String>,
    pub title: Option<String>,
    pub body: String,
}

/// The short form of an anchor: from the article on, keeping the attached
/// regulation's prefix (`quy-dinh/chuong-2/dieu-5/khoan-1` → `quy-dinh/dieu-5/khoan-1`).
fn short_form(doc: &Document, anchor: &str) -> Option<String> {
    let at = anchor.find("dieu-")?;
    if at == 0 {
        return None;
    }
    let first = anchor.split('/').next()?;
    let attached_prefix = doc
        .attached
        .as_ref()
        .and_then(|a| a.provisions.first())
        .and_then(|p| p.anchor.split('/').next());
    let short = if attached_prefix == Some(first) {
        format!("{first}/{}", &anchor[at..])
    } else {
        anchor[at..].to_string()
    };
    (short != anchor).then_some(short)
}

/// The rows of a parsed document: own provisions, the attached regulation, annexes.
fn flatten(doc: &Document) -> Vec<(i32, &Provision, Option<&str>, Option<String>)> {
    fn walk<'a>(
        doc: &Document,
        nodes: &'a [Provision],
        depth: i32,
        parent: Option<&'a str>,
        out: &mut Vec<(i32, &'a Provision, Option<&'a str>, Option<String>)>,
    ) {
        for node in nodes {
            let short = short_form(doc, &node.anchor)
                .filter(|s| doc.resolve(s).is_some_and(|p| p.anchor == node.anchor));
            out.push((depth, node, parent, short));
            walk(doc, &node.children, depth + 1, Some(&node.anchor), out);
        }
    }
    let mut out = Vec::new();
    walk(doc, &doc.provisions, 0, None, &mut out);
    if let Some(attached) = &doc.attached {
        walk(doc, &attached.provisions, 0, None, &mut out);
    }
    walk(doc, &doc.annexes, 0, None, &mut out);
    out
}

fn kind_name(p: &Provision) -> String {
    serde_json::to_value(p.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn insert_provisions(conn: &mut DbConnection, version_id: i64, doc: &Document) -> QueryResult<()> {
    for (position, (depth, node, parent, short)) in flatten(doc).into_iter().enumerate() {
        diesel::insert_into(provisions::table)
            .values((
                provisions::version_id.eq(version_id),
                provisions::position.eq(position as i32),
                provisions::depth.eq(depth),
                provisions::kind.eq(kind_name(node)),
                provisions::number.eq(&node.number),
                provisions::anchor.eq(&node.anchor),
                provisions::short_anchor.eq(short),
                provisions::parent_anchor.eq(parent),
                provisions::title.eq(&node.title),
                provisions::body.eq(&node.text),
            ))
            .execute(conn)?;
    }
    Ok(())
}

impl Version {
    /// Adds the next version of a draft (unpublished) with its provisions.
    pub fn create(
        conn: &mut DbConnection,
        draft_id: i64,
        text: &str,
        doc: &Document,
    ) -> QueryResult<Version> {
        crate::db::transaction(conn, |conn| {
            let last: Option<i32> = versions::table
                .filter(versions::draft_id.eq(draft_id))
                .select(diesel::dsl::max(versions::number))
                .first(conn)?;
            let number = last.unwrap_or(0) + 1;
            let metadata = serde_json::to_string(&doc.metadata).unwrap_or_else(|_| "{}".into());
            diesel::insert_into(versions::table)
                .values((
                    versions::draft_id.eq(draft_id),
                    versions::number.eq(number),
                    versions::source_text.eq(text),
                    versions::metadata.eq(metadata),
                    versions::created_at.eq(super::now()),
                ))
                .execute(conn)?;
            let version = Version::by_number(conn, draft_id, number)?;
            insert_provisions(conn, version.id, doc)?;
            Ok(version)
        })
    }

    /// Replaces the text of a version that is not published yet; `NotFound`
    /// once it is (published versions never change).
    pub fn replace_text(
        conn: &mut DbConnection,
        id: i64,
        text: &str,
        doc: &Document,
    ) -> QueryResult<()> {
        crate::db::transaction(conn, |conn| {
            let metadata = serde_json::to_string(&doc.metadata).unwrap_or_else(|_| "{}".into());
            let changed = diesel::update(
                versions::table
                    .find(id)
                    .filter(versions::published_at.is_null()),
            )
            .set((
                versions::source_text.eq(text),
                versions::metadata.eq(metadata),
            ))
            .execute(conn)?;
            if changed == 0 {
                return Err(diesel::result::Error::NotFound);
            }
            diesel::delete(provisions::table.filter(provisions::version_id.eq(id)))
                .execute(conn)?;
            insert_provisions(conn, id, doc)
        })
    }

    /// Publishes a version and makes it the one search finds; `false` if it
    /// already was published.
    pub fn publish(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
        crate::db::transaction(conn, |conn| {
            let changed = diesel::update(
                versions::table
                    .find(id)
                    .filter(versions::published_at.is_null()),
            )
            .set(versions::published_at.eq(super::now()))
            .execute(conn)?;
            if changed == 1 {
                let draft_id = versions::table
                    .find(id)
                    .select(versions::draft_id)
                    .first(conn)?;
                super::Search::index(conn, draft_id, id)?;
                let (number, text): (i32, String) = versions::table
                    .find(id)
                    .select((versions::number, versions::source_text))
                    .first(conn)?;
                super::ledger::Entry::draft_change(
                    conn,
                    super::ledger::kind::VERSION_PUBLISHED,
                    draft_id,
                    &format!("/v{number}"),
                    serde_json::json!({
                        "version": number,
                        "sha256": crate::storage::Storage::hash(text.as_bytes()),
                    }),
                )?;
            }
            Ok(changed == 1)
        })
    }

    /// Version `number` of a draft.
    pub fn by_number(conn: &mut DbConnection, draft_id: i64, number: i32) -> QueryResult<Version> {
        versions::table
            .filter(versions::draft_id.eq(draft_id))
            .filter(versions::number.eq(number))
            .select(Version::as_select())
            .first(conn)
    }

    /// The newest published version of a draft.
    pub fn latest_published(
        conn: &mut DbConnection,
        draft_id: i64,
    ) -> QueryResult<Option<Version>> {
        versions::table
            .filter(versions::draft_id.eq(draft_id))
            .filter(versions::published_at.is_not_null())
            .order(versions::number.desc())
            .select(Version::as_select())
            .first(conn)
            .optional()
    }

    /// The newest version, published or not (for the drafting agency).
    pub fn latest(conn: &mut DbConnection, draft_id: i64) -> QueryResult<Option<Version>> {
        versions::table
            .filter(versions::draft_id.eq(draft_id))
            .order(versions::number.desc())
            .select(Version::as_select())
            .first(conn)
            .optional()
    }

    /// Every version of a draft, published or not, oldest first.
    pub fn all(conn: &mut DbConnection, draft_id: i64) -> QueryResult<Vec<Version>> {
        versions::table
            .filter(versions::draft_id.eq(draft_id))
            .order(versions::number.asc())
            .select(Version::as_select())
            .load(conn)
    }

    /// The outlines of every version of a draft, by version number (one query).
    pub fn outlines(
        conn: &mut DbConnection,
        draft_id: i64,
    ) -> QueryResult<std::collections::HashMap<i32, Vec<ProvisionRow>>> {
        let rows: Vec<(i32, ProvisionRow)> = provisions::table
            .inner_join(versions::table)
            .filter(versions::draft_id.eq(draft_id))
            .order((versions::number, provisions::position))
            .select((versions::number, ProvisionRow::as_select()))
            .load(conn)?;
        let mut map: std::collections::HashMap<i32, Vec<ProvisionRow>> =
            std::collections::HashMap::new();
        for (number, row) in rows {
            map.entry(number).or_default().push(row);
        }
        Ok(map)
    }

    /// The published version numbers of a draft, oldest first.
    pub fn published_numbers(conn: &mut DbConnection, draft_id: i64) -> QueryResult<Vec<i32>> {
        versions::table
            .filter(versions::draft_id.eq(draft_id))
            .filter(versions::published_at.is_not_null())
            .order(versions::number.asc())
            .select(versions::number)
            .load(conn)
    }

    /// The provisions of a version, in document order, from `memo` when
    /// the version is published (a published version never changes).
    pub fn provisions_memo(
        conn: &mut DbConnection,
        version: &Version,
        memo: &ProvisionMemo,
    ) -> QueryResult<std::sync::Arc<Vec<ProvisionRow>>> {
        if version.published_at.is_none() {
            return Ok(std::sync::Arc::new(Version::provisions(conn, version.id)?));
        }
        if let Some(kept) = memo.get(version.id) {
            return Ok(kept);
        }
        let loaded = std::sync::Arc::new(Version::provisions(conn, version.id)?);
        memo.put(version.id, loaded.clone());
        Ok(loaded)
    }

    /// The provisions of a version, in document order.
    pub fn provisions(conn: &mut DbConnection, version_id: i64) -> QueryResult<Vec<ProvisionRow>> {
        provisions::table
            .filter(provisions::version_id.eq(version_id))
            .order(provisions::position.asc())
            .select(ProvisionRow::as_select())
            .load(conn)
    }
}

/// Provisions of published versions kept in memory by version id, for the
/// pages and submissions that read a whole draft on every request. One per
/// database (it lives in [`crate::db::Db`]): ids are only unique within one.
#[derive(Debug, Clone, Default)]
pub struct ProvisionMemo(
    std::sync::Arc<
        std::sync::Mutex<std::collections::HashMap<i64, std::sync::Arc<Vec<ProvisionRow>>>>,
    >,
);

impl ProvisionMemo {
    /// Versions kept at most; past it the memo starts again.
    const CAPACITY: usize = 256;

    fn get(&self, version_id: i64) -> Option<std::sync::Arc<Vec<ProvisionRow>>> {
        self.0.lock().ok()?.get(&version_id).cloned()
    }

    fn put(&self, version_id: i64, provisions: std::sync::Arc<Vec<ProvisionRow>>) {
        if let Ok(mut kept) = self.0.lock() {
            if kept.len() >= Self::CAPACITY {
                kept.clear();
            }
            kept.insert(version_id, provisions);
        }
    }
}
