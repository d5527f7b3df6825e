//! The `agencies` table.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::DbConnection;
use crate::db::schema::agencies;
use crate::domain::AgencyKind;

/// One agency as stored.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = agencies)]
pub struct Agency {
    pub id: i64,
    pub public_id: String,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub description: String,
}

impl Agency {
    /// The agency's kind; rows are constrained by a CHECK, so this can't fail
    /// unless the database was edited by hand.
    pub fn kind(&self) -> AgencyKind {
        self.kind.parse().unwrap_or(AgencyKind::Other)
    }

    /// All agencies, by name.
    pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Agency>> {
        agencies::table
            .select(Agency::as_select())
            .order(agencies::name.asc())
            .load(conn)
    }

    /// How many agencies exist.
    pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
        agencies::table.count().get_result(conn)
    }

    /// The agency with this public id.
    pub fn find(conn: &mut DbConnection, public_id: &str) -> QueryResult<Agency> {
        agencies::table
            .filter(agencies::public_id.eq(public_id))
            .select(Agency::as_select())
            .first(conn)
    }

    /// The agency's address in URLs: its short name as a slug ("sxd").
    pub fn slug(&self) -> String {
        crate::domain::text::slugify(&self.short_name, 40)
    }

    /// The agency at `/agencies/{key}`: `key` is its slug or, in older
    /// links, its public id. Agencies are few, so the slug is matched here
    /// rather than stored.
    pub fn find_by_slug(conn: &mut DbConnection, key: &str) -> QueryResult<Agency> {
        if uuid::Uuid::parse_str(key).is_ok() {
            return Agency::find(conn, key);
        }
        Agency::list(conn)?
            .into_iter()
            .find(|a| a.slug() == key)
            .ok_or(diesel::result::Error::NotFound)
    }

    /// The agency with this id.
    pub fn by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Agency> {
        agencies::table
            .find(id)
            .select(Agency::as_select())
            .first(conn)
    }

    /// Replaces the public description of agency `id`.
    pub fn set_description(conn: &mut DbConnection, id: i64, text: &str) -> QueryResult<()> {
        diesel::update(agencies::table.find(id))
            .set((
                agencies::description.eq(text),
                agencies::updated_at.eq(super::now()),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// The agency with this short name, if any.
    pub fn find_by_short_name(conn: &mut DbConnection, short: &str) -> QueryResult<Option<Agency>> {
        agencies::table
            .filter(agencies::short_name.eq(short))
            .select(Agency::as_select())
            .first(conn)
            .optional()
    }
}

/// An agency to create.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = agencies)]
pub struct NewAgency<'a> {
    pub public_id: String,
    pub name: &'a str,
    pub short_name: &'a str,
    pub kind: &'static str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl<'a> NewAgency<'a> {
    /// A new agency stamped with the current time and a fresh public id.
    pub fn new(name: &'a str, short_name: &'a str, kind: AgencyKind) -> Self {
        let now = super::now();
        NewAgency {
            public_id: uuid::Uuid::new_v4().to_string(),
            name,
            short_name,
            kind: kind.as_str(),
            created_at: now,
            updated_at: now,
        }
    }

    /// Inserts the agency; a duplicate short name is a unique violation.
    pub fn insert(&self, conn: &mut DbConnection) -> QueryResult<Agency> {
        diesel::insert_into(agencies::table)
            .values(self)
            .execute(conn)?;
        agencies::table
            .filter(agencies::short_name.eq(self.short_name))
            .select(Agency::as_select())
            .first(conn)
    }

    /// Inserts the agency unless one with the same short name exists; returns
    /// whether it was inserted.
    pub fn insert_if_missing(&self, conn: &mut DbConnection) -> QueryResult<bool> {
        if Agency::find_by_short_name(conn, self.short_name)?.is_some() {
            return Ok(false);
        }
        diesel::insert_into(agencies::table)
            .values(self)
            .execute(conn)?;
        Ok(true)
    }
}
