//! Which database backend a URL names. The backend comes from the scheme alone:
//! connections are never tried in turn (SQLite would accept any string).

use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::ConfigError;

const VARIABLE: &str = "GOPY_DATABASE_URL";

/// A parsed database location.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An SQLite database file.
    Sqlite(PathBuf),
    /// A PostgreSQL connection string (kept whole for libpq).
    Postgres(String),
}

/// The backend a [`DatabaseUrl`] names, as reported by `/healthz`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The name used in `/healthz` and logs.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

impl DatabaseUrl {
    /// `sqlite://PATH`, `sqlite:PATH` or a plain path → SQLite;
    /// `postgres://…` or `postgresql://…` → PostgreSQL; anything else is an error
    /// that names `GOPY_DATABASE_URL`.
    pub fn parse(raw: &str) -> Result<DatabaseUrl, ConfigError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ConfigError::invalid(
                VARIABLE,
                "is empty; use sqlite://PATH or postgres://USER@HOST/DATABASE",
            ));
        }
        let Some((scheme, rest)) = split_scheme(raw) else {
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(raw)));
        };
        match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => {
                let path = rest.strip_prefix("//").unwrap_or(rest);
                if path.is_empty() {
                    return Err(ConfigError::invalid(
                        VARIABLE,
                        "names no SQLite file; use sqlite://data/gopy.db",
                    ));
                }
                if path.contains('?') || path == ":memory:" {
                    return Err(ConfigError::invalid(
                        VARIABLE,
                        "takes a plain SQLite file path, without options or :memory:",
                    ));
                }
                Ok(DatabaseUrl::Sqlite(PathBuf::from(path)))
            }
            "postgres" | "postgresql" => match url::Url::parse(raw) {
                Ok(_) => Ok(DatabaseUrl::Postgres(raw.to_string())),
                Err(e) => Err(ConfigError::invalid(
                    VARIABLE,
                    format!("is not a valid PostgreSQL URL ({e})"),
                )),
            },
            other => Err(ConfigError::invalid(
                VARIABLE,
                format!(
                    "unsupported scheme {other:?}; use sqlite://PATH (or a file path) or postgres://USER@HOST/DATABASE"
                ),
            )),
        }
    }

    /// The backend this URL names.
    pub fn backend(&self) -> Backend {
        match self {
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
            DatabaseUrl::Postgres(_) => Backend::Postgres,
        }
    }

    /// The SQLite file, if this is an SQLite URL.
    pub fn sqlite_path(&self) -> Option<&Path> {
        match self {
            DatabaseUrl::Sqlite(path) => Some(path),
            DatabaseUrl::Postgres(_) => None,
        }
    }
}

/// Splits `scheme:rest` where the scheme follows RFC 3986 and is at least two
/// characters (so a Windows drive letter `C:\…` stays a path).
fn split_scheme(raw: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = raw.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = scheme.len() >= 2
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

/// Shows the URL without its password, so it can be logged.
impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            DatabaseUrl::Postgres(raw) => match url::Url::parse(raw) {
                Ok(mut url) if url.password().is_some() => {
                    let _ = url.set_password(Some("***"));
                    write!(f, "{url}")
                }
                _ => f.write_str(raw),
            },
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(raw: &str) -> PathBuf {
        match DatabaseUrl::parse(raw).unwrap() {
            DatabaseUrl::Sqlite(path) => path,
            other => panic!("{raw} chose {other:?}"),
        }
    }

    fn error(raw: &str) -> String {
        DatabaseUrl::parse(raw).unwrap_err().to_string()
    }

    #[test]
    fn sqlite_scheme_and_plain_paths_choose_sqlite() {
        assert_eq!(
            sqlite("sqlite://data/gopy.db"),
            PathBuf::from("data/gopy.db")
        );
        assert_eq!(
            sqlite("sqlite:///var/lib/gopy.db"),
            PathBuf::from("/var/lib/gopy.db")
        );
        assert_eq!(sqlite("sqlite:gopy.db"), PathBuf::from("gopy.db"));
        assert_eq!(sqlite("SQLITE://x.db"), PathBuf::from("x.db"));
        assert_eq!(sqlite("data/gopy.db"), PathBuf::from("data/gopy.db"));
        assert_eq!(sqlite("/tmp/g.db"), PathBuf::from("/tmp/g.db"));
        assert_eq!(sqlite("  spaced.db \n"), PathBuf::from("spaced.db"));
    }

    #[test]
    fn postgres_schemes_choose_postgres() {
        for raw in [
            "postgres://postgres@127.0.0.1/test",
            "postgresql://u:p@db.example:5433/gopy?sslmode=require",
            "postgres:///test",
        ] {
            let url = DatabaseUrl::parse(raw).unwrap();
            assert_eq!(url.backend(), Backend::Postgres, "{raw}");
        }
    }

    #[test]
    fn unknown_scheme_is_refused_naming_the_variable() {
        let message = error("mysql://root@localhost/gopy");
        assert!(message.contains("GOPY_DATABASE_URL"), "{message}");
        assert!(message.contains("\"mysql\""), "{message}");
    }

    #[test]
    fn empty_and_pathless_urls_are_refused() {
        assert!(error("").contains("GOPY_DATABASE_URL"));
        assert!(error("   ").contains("is empty"));
        assert!(error("sqlite://").contains("names no SQLite file"));
        assert!(error("sqlite::memory:").contains(":memory:"));
    }

    #[test]
    fn malformed_postgres_url_is_refused() {
        let message = error("postgres://user@[bad-host/db");
        assert!(message.contains("GOPY_DATABASE_URL"), "{message}");
        assert!(message.contains("PostgreSQL"), "{message}");
    }

    #[test]
    fn display_hides_the_password() {
        let url = DatabaseUrl::parse("postgres://gopy:s3cret@db/gopy").unwrap();
        let shown = url.to_string();
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("***"), "{shown}");
    }
}
