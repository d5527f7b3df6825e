//! Search over drafts and provisions, ignoring diacritics and case: SQLite
//! FTS5 and PostgreSQL full-text search over the same app-folded text, with
//! the same rule (every word must appear), so both backends find the same.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use crate::db::DbConnection;
use crate::db::schema::search_entries;
use crate::domain::text::fold;

use super::Version;

/// One thing found.
#[derive(Debug, Clone, QueryableByName, serde::Serialize)]
pub struct Hit {
    #[diesel(sql_type = Text)]
    pub slug: String,
    #[diesel(sql_type = Text)]
    pub draft_title: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub anchor: Option<String>,
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = Text)]
    pub number: String,
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = Text)]
    pub body: String,
}

/// A comment found.
#[derive(Debug, Clone, QueryableByName, serde::Serialize)]
pub struct CommentHit {
    #[diesel(sql_type = Text)]
    pub public_id: String,
    #[diesel(sql_type = Text)]
    pub body: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub anchor: Option<String>,
    #[diesel(sql_type = Text)]
    pub slug: String,
    #[diesel(sql_type = Text)]
    pub draft_title: String,
}

/// Operations on the search index.
pub struct Search;

/// The words of a query, folded: what every backend matches.
pub fn terms(query: &str) -> Vec<String> {
    fold(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(str::to_string)
        .collect()
}

impl Search {
    /// Replaces the draft's entries with its title and summary and the
    /// provisions of `version_id` (call when a version is published).
    pub fn index(conn: &mut DbConnection, draft_id: i64, version_id: i64) -> QueryResult<()> {
        let draft = super::Draft::by_id(conn, draft_id)?;
        let old: Vec<i64> = search_entries::table
            .filter(search_entries::draft_id.eq(draft_id))
            .select(search_entries::id)
            .load(conn)?;
        if let DbConnection::Sqlite(c) = conn {
            for id in &old {
                diesel::sql_query("DELETE FROM search_fts WHERE entry_id = ?")
                    .bind::<BigInt, _>(id)
                    .execute(c)?;
            }
        }
        diesel::delete(search_entries::table.filter(search_entries::draft_id.eq(draft_id)))
            .execute(conn)?;
        let mut rows = vec![(
            None,
            "draft".to_string(),
            String::new(),
            draft.title.clone(),
            draft.summary.clone(),
        )];
        for p in Version::provisions(conn, version_id)? {
            rows.push((
                Some(p.anchor),
                p.kind,
                p.number,
                p.title.unwrap_or_default(),
                p.body,
            ));
        }
        for (anchor, kind, number, title, body) in rows {
            let folded = fold(&format!("{title}\n{body}"));
            diesel::insert_into(search_entries::table)
                .values((
                    search_entries::draft_id.eq(draft_id),
                    search_entries::anchor.eq(&anchor),
                    search_entries::kind.eq(&kind),
                    search_entries::number.eq(&number),
                    search_entries::title.eq(&title),
                    search_entries::body.eq(&body),
                    search_entries::folded.eq(&folded),
                ))
                .execute(conn)?;
            if let DbConnection::Sqlite(c) = conn {
                diesel::sql_query(
                    "INSERT INTO search_fts (folded, entry_id) VALUES (?, last_insert_rowid())",
                )
                .bind::<Text, _>(&folded)
                .execute(c)?;
            }
        }
        Ok(())
    }

    /// Drafts and provisions containing every word of `query`, best first;
    /// drafts still in preparation are never found.
    pub fn find(conn: &mut DbConnection, query: &str, limit: i64) -> QueryResult<Vec<Hit>> {
        let words = terms(query);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        match conn {
            DbConnection::Sqlite(c) => {
                let matching = words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" ");
                diesel::sql_query(
                    "SELECT d.slug AS slug, d.title AS draft_title, e.anchor AS anchor, e.kind AS kind,
                            e.number AS number, e.title AS title, e.body AS body
                     FROM search_fts f
                     JOIN search_entries e ON e.id = f.entry_id
                     JOIN drafts d ON d.id = e.draft_id
                     WHERE search_fts MATCH ? AND d.status <> 'preparing'
                     ORDER BY bm25(search_fts), e.id
                     LIMIT ?",
                )
                .bind::<Text, _>(matching)
                .bind::<BigInt, _>(limit)
                .load(c)
            }
            DbConnection::Pg(c) => diesel::sql_query(
                "SELECT d.slug AS slug, d.title AS draft_title, e.anchor AS anchor, e.kind AS kind,
                        e.number AS number, e.title AS title, e.body AS body
                 FROM search_entries e
                 JOIN drafts d ON d.id = e.draft_id
                 WHERE to_tsvector('simple', e.folded) @@ plainto_tsquery('simple', $1)
                   AND d.status <> 'preparing'
                 ORDER BY ts_rank(to_tsvector('simple', e.folded), plainto_tsquery('simple', $1)) DESC, e.id
                 LIMIT $2",
            )
            .bind::<Text, _>(words.join(" "))
            .bind::<BigInt, _>(limit)
            .load(c),
        }
    }

    /// Puts comments' texts in the index, replacing what was there for
    /// them: call when a comment is published or its text changes.
    pub fn index_comments(conn: &mut DbConnection, comments: &[(i64, &str)]) -> QueryResult<()> {
        for (id, body) in comments {
            let folded = fold(body);
            match conn {
                DbConnection::Sqlite(c) => {
                    diesel::sql_query("DELETE FROM comment_fts WHERE rowid = ?")
                        .bind::<BigInt, _>(id)
                        .execute(c)?;
                    diesel::sql_query("INSERT INTO comment_fts (rowid, folded) VALUES (?, ?)")
                        .bind::<BigInt, _>(id)
                        .bind::<Text, _>(&folded)
                        .execute(c)?;
                }
                DbConnection::Pg(c) => {
                    diesel::sql_query(
                        "INSERT INTO comment_search (comment_id, words) VALUES ($1, to_tsvector('simple', $2))
                         ON CONFLICT (comment_id) DO UPDATE SET words = EXCLUDED.words",
                    )
                    .bind::<BigInt, _>(id)
                    .bind::<Text, _>(&folded)
                    .execute(c)?;
                }
            }
        }
        Ok(())
    }

    /// [`Search::index_comments`] of one comment, by its id.
    pub fn index_comment(conn: &mut DbConnection, comment_id: i64) -> QueryResult<()> {
        use crate::db::schema::comments;
        let body: String = comments::table
            .find(comment_id)
            .select(comments::body)
            .first(conn)?;
        Search::index_comments(conn, &[(comment_id, &body)])
    }

    /// Published comments containing every word of `query`, newest first
    /// (the index walks them in that order and stops at `limit`, so a common
    /// word costs no more than a rare one); drafts in preparation excluded.
    pub fn find_comments(
        conn: &mut DbConnection,
        query: &str,
        limit: i64,
    ) -> QueryResult<Vec<CommentHit>> {
        let words = terms(query);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        match conn {
            DbConnection::Sqlite(c) => {
                let matching = words
                    .iter()
                    .map(|w| format!("\"{w}\""))
                    .collect::<Vec<_>>()
                    .join(" ");
                diesel::sql_query(
                    "SELECT c.public_id AS public_id, c.body AS body, c.anchor AS anchor,
                            d.slug AS slug, d.title AS draft_title
                     FROM comment_fts f
                     -- CROSS JOIN keeps the index outermost, walked newest first.
                     CROSS JOIN comments c ON c.id = f.rowid
                     CROSS JOIN drafts d ON d.id = c.draft_id
                     WHERE comment_fts MATCH ? AND c.status = 'published' AND d.status <> 'preparing'
                     ORDER BY f.rowid DESC
                     LIMIT ?",
                )
                .bind::<Text, _>(matching)
                .bind::<BigInt, _>(limit)
                .load(c)
            }
            DbConnection::Pg(c) => {
                // One query: with statistics the planner walks the id index
                // backwards for common words and takes the GIN bitmap for rare
                // ones, whichever its estimates say is cheaper.
                diesel::sql_query(
                    "SELECT c.public_id AS public_id, c.body AS body, c.anchor AS anchor,
                            d.slug AS slug, d.title AS draft_title
                     FROM comment_search s
                     JOIN comments c ON c.id = s.comment_id
                     JOIN drafts d ON d.id = c.draft_id
                     WHERE s.words @@ plainto_tsquery('simple', $1)
                       AND c.status = 'published' AND d.status <> 'preparing'
                     ORDER BY s.comment_id DESC
                     LIMIT $2",
                )
                .bind::<Text, _>(words.join(" "))
                .bind::<BigInt, _>(limit)
                .load(c)
            }
        }
    }
}
