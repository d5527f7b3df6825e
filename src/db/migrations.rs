//! Embedded migrations, one folder per backend with the same names.

use diesel::prelude::*;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::DbConnection;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A lock id for PostgreSQL advisory locks, so that two nodes starting at once
/// don't run the same migration twice ("gopy" in ASCII).
const MIGRATION_LOCK: i64 = 0x676f_7079;

/// What a migration run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationReport {
    /// Versions applied by this run, oldest first.
    pub applied: Vec<String>,
}

/// Applies every pending migration of the connection's backend.
pub fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<MigrationReport> {
    let applied = match conn {
        DbConnection::Sqlite(c) => versions(c.run_pending_migrations(SQLITE)),
        DbConnection::Pg(c) => {
            diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK})")).execute(c)?;
            let result = versions(c.run_pending_migrations(POSTGRES));
            diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})")).execute(c)?;
            result
        }
    }?;
    Ok(MigrationReport { applied })
}

fn versions(
    result: diesel::migration::Result<Vec<diesel::migration::MigrationVersion<'_>>>,
) -> anyhow::Result<Vec<String>> {
    result
        .map(|v| v.into_iter().map(|v| v.to_string()).collect())
        .map_err(|e| anyhow::anyhow!("migration failed: {e}"))
}
