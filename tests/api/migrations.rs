//! The two migration folders must describe the same schema.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use diesel::prelude::*;
use diesel::sql_types::Text;
use gopy::config::{Config, RawConfig};
use gopy::db::DbConnection;

fn listing(backend: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let files = std::fs::read_dir(&path)
                .unwrap()
                .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                files,
            )
        })
        .collect()
}

#[test]
fn migration_folders_have_the_same_names_and_files() {
    let sqlite = listing("sqlite");
    let postgres = listing("postgres");
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite.keys().collect::<Vec<_>>(),
        postgres.keys().collect::<Vec<_>>(),
        "migrations/sqlite and migrations/postgres have drifted"
    );
    for (name, files) in sqlite.iter().chain(postgres.iter()) {
        let expected: BTreeSet<String> = ["down.sql", "up.sql"].map(String::from).into();
        assert_eq!(
            files, &expected,
            "{name} must hold exactly up.sql and down.sql"
        );
    }
}

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

/// Every table and column, as `table.column`.
fn columns(conn: &mut DbConnection) -> BTreeSet<String> {
    let query = match conn {
        DbConnection::Sqlite(_) => {
            "SELECT m.name AS table_name, p.name AS column_name
             FROM sqlite_master m JOIN pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
               AND m.name <> '__diesel_schema_migrations'
               -- FTS5's tables are SQLite's search index; PostgreSQL has a GIN index instead.
               AND m.name NOT LIKE 'search_fts%' AND m.name NOT LIKE 'comment_fts%'"
        }
        DbConnection::Pg(_) => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name
             FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'
               -- The words of comments, SQLite's comment_fts.
               AND table_name <> 'comment_search'"
        }
    };
    diesel::sql_query(query)
        .load::<Column>(conn)
        .unwrap()
        .into_iter()
        .map(|c| format!("{}.{}", c.table_name, c.column_name))
        .collect()
}

fn migrated(url: String) -> BTreeSet<String> {
    let config = Config::try_from(RawConfig {
        database_url: url,
        ..RawConfig::default()
    })
    .unwrap();
    gopy::startup::with_connection(&config, |conn| {
        gopy::db::run_migrations(conn)?;
        Ok(columns(conn))
    })
    .unwrap()
}

#[test]
fn migrations_apply_and_build_the_same_tables_on_both_backends() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = migrated(format!("sqlite://{}", dir.path().join("m.db").display()));
    assert!(sqlite.contains("users.email"), "{sqlite:?}");
    assert!(sqlite.contains("agencies.kind"), "{sqlite:?}");
    let Some(_) = crate::helpers::postgres_admin_url() else {
        eprintln!("TEST_DATABASE_URL not set: PostgreSQL columns not compared (CI compares them)");
        return;
    };
    let database = crate::helpers::TestDatabase::create(dir.path());
    let postgres = migrated(database.url.clone());
    assert_eq!(sqlite, postgres, "the backends' schemas differ");
}

#[test]
fn migrating_twice_applies_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let database = crate::helpers::TestDatabase::create(dir.path());
    let config = Config::try_from(RawConfig {
        database_url: database.url.clone(),
        ..RawConfig::default()
    })
    .unwrap();
    let first = gopy::startup::with_connection(&config, gopy::db::run_migrations).unwrap();
    assert!(!first.applied.is_empty());
    let second = gopy::startup::with_connection(&config, gopy::db::run_migrations).unwrap();
    assert!(second.applied.is_empty(), "{second:?}");
}
