//! Transactions that write. On SQLite (WAL), a transaction begun the
//! default way takes the write lock only at its first write; if another
//! connection committed after it first read, that write fails at once with
//! "database is locked" (SQLite cannot move its snapshot, so it does not
//! wait). Beginning with `BEGIN IMMEDIATE` takes the lock first, waiting
//! its turn in the busy handler, and cannot fail that way.

use diesel::Connection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::result::Error;

use super::DbConnection;

type Manager = <DbConnection as Connection>::TransactionManager;

/// Runs `f` in a transaction (a savepoint inside another), committed when
/// it returns `Ok`, rolled back otherwise; on SQLite the outermost one
/// holds the write lock from the start.
pub fn transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<Error>,
{
    let outermost = Manager::transaction_manager_status_mut(conn)
        .transaction_depth()?
        .is_none();
    match conn {
        DbConnection::Sqlite(c) if outermost => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?;
        }
        _ => return conn.transaction(f),
    }
    match f(conn) {
        Ok(value) => {
            if let Err(e) = Manager::commit_transaction(conn) {
                let _ = Manager::rollback_transaction(conn);
                return Err(e.into());
            }
            Ok(value)
        }
        Err(e) => {
            Manager::rollback_transaction(conn)?;
            Err(e)
        }
    }
}
