//! The `window_rules` table: minimum consultation windows by document type.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::window_rules;

/// One rule as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = window_rules)]
pub struct WindowRule {
    pub id: i64,
    pub doc_type: String,
    pub name_vi: String,
    pub name_en: String,
    pub min_days: i32,
    pub legal_basis: String,
    pub updated_at: NaiveDateTime,
}

impl WindowRule {
    /// Every rule, by document type.
    pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<WindowRule>> {
        window_rules::table
            .order(window_rules::id.asc())
            .select(WindowRule::as_select())
            .load(conn)
    }

    /// The rule with this id.
    pub fn by_id(conn: &mut DbConnection, id: i64) -> QueryResult<WindowRule> {
        window_rules::table
            .find(id)
            .select(WindowRule::as_select())
            .first(conn)
    }

    /// The rule for a document type.
    pub fn for_type(conn: &mut DbConnection, doc_type: &str) -> QueryResult<WindowRule> {
        window_rules::table
            .filter(window_rules::doc_type.eq(doc_type))
            .select(WindowRule::as_select())
            .first(conn)
    }

    /// The name in `lang`.
    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Vi => &self.name_vi,
            crate::i18n::Lang::En => &self.name_en,
        }
    }

    /// Changes a rule (an admin's decision; drafts keep the rule they opened under).
    pub fn update(
        conn: &mut DbConnection,
        id: i64,
        min_days: i32,
        legal_basis: &str,
    ) -> QueryResult<()> {
        diesel::update(window_rules::table.find(id))
            .set((
                window_rules::min_days.eq(min_days),
                window_rules::legal_basis.eq(legal_basis),
                window_rules::updated_at.eq(super::now()),
            ))
            .execute(conn)
            .map(|_| ())
    }
}
