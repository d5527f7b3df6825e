//! `gopy admin backup FILE` and `gopy admin restore FILE`.
//!
//! SQLite: the backup is `VACUUM INTO`, a consistent copy taken while the
//! portal keeps running; restoring replaces the database file (stop the
//! portal first) and checks the ledger of what was restored. PostgreSQL:
//! `pg_dump --format=custom` and `pg_restore --clean` (the client tools of
//! the server's version must be on the PATH), then the same check.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use diesel::RunQueryDsl;

use crate::config::Config;
use crate::db::{DatabaseUrl, DbConnection};

/// The first bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What a backup wrote.
#[derive(Debug, Clone)]
pub struct Backup {
    pub file: PathBuf,
    pub bytes: u64,
    /// The ledger's head when the copy was taken.
    pub ledger_seq: i64,
}

/// Copies the database of `config` to `file`, which must not exist.
pub fn backup(config: &Config, file: &Path) -> anyhow::Result<Backup> {
    if file.exists() {
        bail!(
            "{} exists; choose a new file name (a backup never overwrites)",
            file.display()
        );
    }
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("could not create {}", parent.display()))?;
    }
    let ledger_seq = match &config.database {
        DatabaseUrl::Sqlite(_) => crate::startup::with_connection(config, |conn| {
            let head = crate::models::ledger::Entry::head(conn)?;
            vacuum_into(conn, file)?;
            Ok(head.seq)
        })?,
        DatabaseUrl::Postgres(url) => {
            let head = crate::startup::with_connection(config, |c| {
                Ok(crate::models::ledger::Entry::head(c)?)
            })?;
            run(Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(file)
                .arg(url))?;
            // The dump is taken after the head was read: it holds at least that.
            head.seq
        }
    };
    let bytes = std::fs::metadata(file)?.len();
    Ok(Backup {
        file: file.to_path_buf(),
        bytes,
        ledger_seq,
    })
}

fn vacuum_into(conn: &mut DbConnection, file: &Path) -> anyhow::Result<()> {
    let path = file
        .to_str()
        .context("the backup path is not valid UTF-8")?
        .replace('\'', "''");
    match conn {
        DbConnection::Sqlite(c) => {
            diesel::sql_query(format!("VACUUM INTO '{path}'")).execute(c)?;
            Ok(())
        }
        DbConnection::Pg(_) => bail!("VACUUM INTO is SQLite only"),
    }
}

/// Runs an external tool, explaining a missing one or a failure.
fn run(command: &mut Command) -> anyhow::Result<()> {
    let program = command.get_program().to_string_lossy().into_owned();
    let output = command.output().map_err(|e| {
        anyhow::anyhow!(
            "could not run {program} ({e}); install PostgreSQL's client tools (Debian: postgresql-client)"
        )
    })?;
    if !output.status.success() {
        bail!(
            "{program} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

/// Replaces the database of `config` with the backup `file`, then checks
/// the restored ledger.
pub fn restore(config: &Config, file: &Path) -> anyhow::Result<crate::ledger_cli::Verified> {
    if !file.is_file() {
        bail!("{} is not a file", file.display());
    }
    match &config.database {
        DatabaseUrl::Sqlite(path) => restore_sqlite(file, path)?,
        DatabaseUrl::Postgres(url) => run(Command::new("pg_restore")
            .args([
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
            ])
            .arg(url)
            .arg(file))?,
    }
    crate::startup::with_connection(config, crate::ledger_cli::verify_local)
}

fn restore_sqlite(file: &Path, database: &Path) -> anyhow::Result<()> {
    let mut header = [0u8; 16];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(file)?;
        f.read_exact(&mut header)
            .with_context(|| format!("{} is not an SQLite backup", file.display()))?;
    }
    if &header != SQLITE_HEADER {
        bail!("{} is not an SQLite backup", file.display());
    }
    if let Some(parent) = database.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    // Copy beside the database, then rename over it: a crash leaves either
    // the old database or the restored one, never half of each.
    let staging = database.with_extension("restoring");
    std::fs::copy(file, &staging).with_context(|| format!("could not copy {}", file.display()))?;
    for suffix in ["-wal", "-shm"] {
        let mut side = database.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::rename(&staging, database)
        .with_context(|| format!("could not replace {}", database.display()))?;
    Ok(())
}
