//! The `users` table.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::users;
use crate::domain::{DisplayName, Email, Organisation, Role};

/// One user as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub public_id: String,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub role: String,
    pub agency_id: Option<i64>,
    pub organisation_name: Option<String>,
    pub organisation_tax_code: Option<String>,
    pub organisation_sector: Option<String>,
    pub email_verified_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub lang: String,
    pub disabled_at: Option<NaiveDateTime>,
}

impl User {
    /// The user's role (constrained by a CHECK in the database).
    pub fn role(&self) -> Role {
        self.role.parse().unwrap_or(Role::Citizen)
    }

    /// The user with this id.
    pub fn by_id(conn: &mut DbConnection, id: i64) -> QueryResult<User> {
        users::table.find(id).select(User::as_select()).first(conn)
    }

    /// The user with this public id.
    pub fn find(conn: &mut DbConnection, public_id: &str) -> QueryResult<User> {
        users::table
            .filter(users::public_id.eq(public_id))
            .select(User::as_select())
            .first(conn)
    }

    /// The user with this address, if any.
    pub fn find_by_email(conn: &mut DbConnection, email: &Email) -> QueryResult<Option<User>> {
        users::table
            .filter(users::email.eq(email.as_str()))
            .select(User::as_select())
            .first(conn)
            .optional()
    }

    /// Every user, newest first.
    pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<User>> {
        users::table
            .select(User::as_select())
            .order(users::id.desc())
            .load(conn)
    }

    /// Stores a new password hash.
    pub fn set_password_hash(conn: &mut DbConnection, id: i64, hash: &str) -> QueryResult<()> {
        diesel::update(users::table.find(id))
            .set((
                users::password_hash.eq(hash),
                users::updated_at.eq(super::now()),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// Marks the address as confirmed (keeps the first confirmation time).
    pub fn mark_verified(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
        let now = super::now();
        diesel::update(
            users::table
                .find(id)
                .filter(users::email_verified_at.is_null()),
        )
        .set((users::email_verified_at.eq(now), users::updated_at.eq(now)))
        .execute(conn)
        .map(|_| ())
    }

    /// Changes the name shown and the preferred language.
    pub fn update_profile(
        conn: &mut DbConnection,
        id: i64,
        name: &DisplayName,
        lang: &str,
    ) -> QueryResult<()> {
        diesel::update(users::table.find(id))
            .set((
                users::display_name.eq(name.as_str()),
                users::lang.eq(lang),
                users::updated_at.eq(super::now()),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// Changes role and agency (an admin's decision); the database refuses a
    /// staff role without an agency.
    pub fn set_role(
        conn: &mut DbConnection,
        id: i64,
        role: Role,
        agency_id: Option<i64>,
        disabled: bool,
    ) -> QueryResult<()> {
        let now = super::now();
        diesel::update(users::table.find(id))
            .set((
                users::role.eq(role.as_str()),
                users::agency_id.eq(agency_id),
                users::disabled_at.eq(disabled.then_some(now)),
                users::updated_at.eq(now),
            ))
            .execute(conn)
            .map(|_| ())
    }
}

/// A user to create.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser {
    pub public_id: String,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub role: &'static str,
    pub agency_id: Option<i64>,
    pub organisation_name: Option<String>,
    pub organisation_tax_code: Option<String>,
    pub organisation_sector: Option<String>,
    pub email_verified_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub lang: String,
}

impl NewUser {
    /// A user with a fresh public id, not yet verified.
    pub fn new(
        email: &Email,
        name: &DisplayName,
        role: Role,
        password_hash: Option<String>,
    ) -> Self {
        let now = super::now();
        NewUser {
            public_id: uuid::Uuid::new_v4().to_string(),
            email: email.as_str().to_string(),
            display_name: name.as_str().to_string(),
            password_hash,
            role: role.as_str(),
            agency_id: None,
            organisation_name: None,
            organisation_tax_code: None,
            organisation_sector: None,
            email_verified_at: None,
            created_at: now,
            updated_at: now,
            lang: "vi".into(),
        }
    }

    /// Speaks for `org`.
    pub fn with_organisation(mut self, org: Organisation) -> Self {
        self.organisation_name = Some(org.name);
        self.organisation_tax_code = Some(org.tax_code);
        self.organisation_sector = Some(org.sector);
        self
    }

    /// Inserts the user and returns it.
    pub fn insert(&self, conn: &mut DbConnection) -> QueryResult<User> {
        diesel::insert_into(users::table)
            .values(self)
            .execute(conn)?;
        users::table
            .filter(users::public_id.eq(&self.public_id))
            .select(User::as_select())
            .first(conn)
    }
}
