//! The `server_keys` table: secrets generated once and shared by every node.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::server_keys;

/// Operations on server keys.
pub struct ServerKey;

impl ServerKey {
    /// The key called `name`; the first node to ask creates it from `generate`.
    pub fn get_or_create(
        conn: &mut DbConnection,
        name: &str,
        generate: impl FnOnce() -> String,
    ) -> QueryResult<String> {
        let value = generate();
        let now = super::now();
        per_backend!(conn, |c| diesel::insert_into(server_keys::table)
            .values((
                server_keys::name.eq(name),
                server_keys::value.eq(&value),
                server_keys::created_at.eq(now),
            ))
            .on_conflict(server_keys::name)
            .do_nothing()
            .execute(c))?;
        server_keys::table
            .filter(server_keys::name.eq(name))
            .select(server_keys::value)
            .first(conn)
    }
}
