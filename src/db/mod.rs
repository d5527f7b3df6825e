//! Storage: one connection type over SQLite and PostgreSQL, the pool, migrations.

pub mod group_commit;
mod handle;
mod migrations;
pub mod schema;
mod transaction;
mod url;

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::R2D2Connection;

pub use handle::Db;
pub use migrations::{MigrationReport, run_migrations};
pub use transaction::transaction;
pub use url::{Backend, DatabaseUrl};

/// A connection to either backend; model code is written once against it.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Pg(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

impl DbConnection {
    /// The backend behind this connection.
    pub fn backend(&self) -> Backend {
        match self {
            DbConnection::Pg(_) => Backend::Postgres,
            DbConnection::Sqlite(_) => Backend::Sqlite,
        }
    }
}

/// The backend type of [`DbConnection`], for boxed queries.
pub type DbBackend = <DbConnection as diesel::Connection>::Backend;

/// The connection pool shared by all request handlers.
pub type Pool = diesel::r2d2::Pool<ConnectionManager>;
/// A connection checked out of the [`Pool`].
pub type PooledConnection = diesel::r2d2::PooledConnection<ConnectionManager>;

/// Per-connection SQLite settings: wait instead of failing on a busy database,
/// write-ahead log so readers never block the writer, enforced foreign keys.
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 5000;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;";

/// Opens connections of the backend the URL names, and only that one.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: DatabaseUrl,
}

impl ConnectionManager {
    /// A manager for `url`.
    pub fn new(url: DatabaseUrl) -> Self {
        if matches!(url, DatabaseUrl::Postgres(_)) {
            init_tls();
        }
        ConnectionManager { url }
    }

    /// Opens one connection, configured for gopy.
    pub fn establish(&self) -> Result<DbConnection, ConnectionError> {
        match &self.url {
            DatabaseUrl::Sqlite(path) => {
                let path = path.to_str().ok_or_else(|| {
                    ConnectionError::BadConnection("the SQLite path is not valid UTF-8".into())
                })?;
                let mut conn = diesel::SqliteConnection::establish(path)?;
                conn.batch_execute(SQLITE_PRAGMAS)
                    .map_err(ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConnection::Sqlite(conn))
            }
            DatabaseUrl::Postgres(url) => {
                Ok(DbConnection::Pg(diesel::PgConnection::establish(url)?))
            }
        }
    }
}

/// Errors of the r2d2 manager, wrapped so they carry `std::error::Error`.
#[derive(Debug, thiserror::Error)]
pub enum ManagerError {
    #[error(transparent)]
    Connection(#[from] ConnectionError),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
}

impl diesel::r2d2::ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = ManagerError;

    fn connect(&self) -> Result<DbConnection, ManagerError> {
        Ok(self.establish()?)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), ManagerError> {
        ping(conn)?;
        Ok(())
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}

/// Initialises OpenSSL (which libpq uses) without its exit handler, before
/// the first PostgreSQL connection: otherwise the handler frees OpenSSL while
/// pool threads still use it, and the process may crash on exit
/// (openssl/openssl#3505). Call it before any direct `PgConnection`.
pub fn init_tls() {
    openssl_sys::init();
}

/// Runs a trivial query: proof that the database answers.
pub fn ping(conn: &mut DbConnection) -> QueryResult<()> {
    diesel::sql_query("SELECT 1").execute(conn).map(|_| ())
}

/// Builds the pool; for SQLite, creates the file's folder first.
/// Fails (after a few seconds) when the database can't be reached.
pub fn connect(url: &DatabaseUrl, size: u32) -> anyhow::Result<Pool> {
    if let Some(parent) = url.sqlite_path().and_then(|p| p.parent()) {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(|e| {
                anyhow::anyhow!(
                    "could not create the folder {} for the database: {e}",
                    parent.display()
                )
            })?;
        }
    }
    let pool = diesel::r2d2::Pool::builder()
        .max_size(size)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(10))
        .build(ConnectionManager::new(url.clone()))
        .map_err(|e| anyhow::anyhow!("could not connect to the database {url}: {e}"))?;
    Ok(pool)
}
