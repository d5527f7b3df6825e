//! Configuration: built-in defaults, then an optional `gopy.toml`, then `GOPY_*`
//! environment variables, then command-line flags; each layer overrides the one before.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

use crate::db::DatabaseUrl;

/// One configuration key: its environment variable, default and meaning.
/// The list below feeds `gopy serve --help`, so the help can't forget a key.
pub struct Setting {
    pub env: &'static str,
    pub default: &'static str,
    pub help: &'static str,
}

/// Every key gopy reads, in the order the help shows them.
pub const SETTINGS: &[Setting] = &[
    Setting {
        env: "GOPY_DATABASE_URL",
        default: "sqlite://data/gopy.db",
        help: "sqlite://PATH or a plain file path for SQLite; postgres://USER@HOST/DB for PostgreSQL",
    },
    Setting {
        env: "GOPY_BIND",
        default: "127.0.0.1:8080",
        help: "address and port the web server listens on",
    },
    Setting {
        env: "GOPY_DATA_DIR",
        default: "data",
        help: "folder for uploaded files and, without SMTP, outgoing mail",
    },
    Setting {
        env: "GOPY_BASE_URL",
        default: "http://127.0.0.1:8080",
        help: "public address of the portal, used in e-mailed links; https turns on Secure cookies and HSTS",
    },
    Setting {
        env: "GOPY_MAIL_URL",
        default: "file://DATA_DIR/mail",
        help: "where e-mail goes: smtp://host:port, smtps://user:pass@host, or file://DIR for .eml files",
    },
    Setting {
        env: "GOPY_MAIL_RETRY_SECONDS",
        default: "30",
        help: "wait before the first retry of a failed e-mail; doubles each time, at most an hour",
    },
    Setting {
        env: "GOPY_MAIL_LEASE_SECONDS",
        default: "300",
        help: "how long a node's claim on queued e-mail lasts; after a crash another node (or the restarted one) sends it then",
    },
    Setting {
        env: "GOPY_MAIL_FROM",
        default: "gopy <no-reply@localhost>",
        help: "sender of every e-mail",
    },
    Setting {
        env: "GOPY_UPLOAD_LIMIT_MB",
        default: "20",
        help: "largest file accepted (dossier documents, draft files), in megabytes",
    },
    Setting {
        env: "GOPY_POOL_SIZE",
        default: "10",
        help: "database connections per server process",
    },
    Setting {
        env: "GOPY_WORKERS",
        default: "(number of CPU cores)",
        help: "HTTP worker threads",
    },
    Setting {
        env: "GOPY_LOG",
        default: "info",
        help: "log filter, e.g. info or gopy=debug,actix_web=info",
    },
    Setting {
        env: "GOPY_LOG_FORMAT",
        default: "text",
        help: "text, or json for one JSON object per line",
    },
    Setting {
        env: "GOPY_COMMENT_LIMITS",
        default: "true",
        help: "false lifts the per-address and per-author comment limits (load tests only)",
    },
    Setting {
        env: "GOPY_THREAD_ANSWER_DAYS",
        default: "20",
        help: "days an agency has to answer a thread or a feedback (1 to 365)",
    },
];

/// The configuration as read from files and the environment, before validation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawConfig {
    pub database_url: String,
    pub bind: String,
    pub data_dir: PathBuf,
    pub base_url: Option<String>,
    pub mail_url: Option<String>,
    pub mail_from: String,
    pub mail_retry_seconds: u64,
    pub mail_lease_seconds: u64,
    pub upload_limit_mb: u64,
    pub pool_size: u32,
    pub workers: Option<usize>,
    pub log: String,
    pub log_format: String,
    pub comment_limits: bool,
    pub thread_answer_days: u32,
}

impl Default for RawConfig {
    fn default() -> Self {
        RawConfig {
            database_url: "sqlite://data/gopy.db".into(),
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("data"),
            base_url: None,
            mail_url: None,
            mail_from: "gopy <no-reply@localhost>".into(),
            mail_retry_seconds: 30,
            mail_lease_seconds: 300,
            upload_limit_mb: 20,
            pool_size: 10,
            workers: None,
            log: "info".into(),
            log_format: "text".into(),
            comment_limits: true,
            thread_answer_days: crate::domain::thread::DEFAULT_ANSWER_DAYS,
        }
    }
}

/// Where e-mail goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailTransport {
    /// An SMTP server (`smtp://` or `smtps://` URL, as lettre reads it).
    Smtp(String),
    /// `.eml` files in a folder (development).
    Files(PathBuf),
}

impl MailTransport {
    /// `smtp://…`, `smtps://…` or `file://DIR`; unset means `DATA_DIR/mail`.
    pub fn parse(raw: Option<&str>, data_dir: &Path) -> Result<MailTransport, ConfigError> {
        let raw = raw.map(str::trim).filter(|s| !s.is_empty());
        let Some(raw) = raw else {
            return Ok(MailTransport::Files(data_dir.join("mail")));
        };
        if let Some(dir) = raw.strip_prefix("file://") {
            if dir.is_empty() {
                return Err(ConfigError::invalid(
                    "GOPY_MAIL_URL",
                    "file:// names no folder",
                ));
            }
            return Ok(MailTransport::Files(PathBuf::from(dir)));
        }
        match url::Url::parse(raw) {
            Ok(u) if matches!(u.scheme(), "smtp" | "smtps") && u.has_host() => {
                Ok(MailTransport::Smtp(raw.to_string()))
            }
            _ => Err(ConfigError::invalid(
                "GOPY_MAIL_URL",
                "use smtp://HOST:PORT, smtps://USER:PASS@HOST or file://DIR",
            )),
        }
    }
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Validated configuration: every value has been parsed.
#[derive(Debug, Clone)]
pub struct Config {
    pub database: DatabaseUrl,
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    pub base_url: url::Url,
    pub mail: MailTransport,
    pub mail_from: lettre::message::Mailbox,
    pub mail_retry: std::time::Duration,
    /// How long a claim on queued e-mail lasts (see `mail::worker`).
    pub mail_lease: std::time::Duration,
    /// The largest upload, in bytes.
    pub upload_limit: usize,
    pub pool_size: u32,
    pub workers: Option<usize>,
    pub log: String,
    pub log_format: LogFormat,
    /// Whether comments are rate-limited per address and per author (off
    /// only for load tests, where one address sends everything).
    pub comment_limits: bool,
    /// Days an agency has to answer a thread or a feedback (1 to 365).
    pub thread_answer_days: u32,
}

/// A configuration value that can't be used; the message names the variable.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid {variable}: {reason}")]
    Invalid {
        variable: &'static str,
        reason: String,
    },
    #[error("could not read the configuration: {0}")]
    Load(#[from] Box<figment::Error>),
}

impl ConfigError {
    pub(crate) fn invalid(variable: &'static str, reason: impl Into<String>) -> Self {
        ConfigError::Invalid {
            variable,
            reason: reason.into(),
        }
    }
}

impl Config {
    /// The layered sources: defaults, then `file` (or `gopy.toml` when it exists),
    /// then `GOPY_*` variables. Callers may merge flags on top before [`Config::from_figment`].
    pub fn figment(file: Option<&Path>) -> Figment {
        let file = file.unwrap_or(Path::new("gopy.toml"));
        Figment::from(Serialized::defaults(RawConfig::default()))
            .merge(Toml::file(file))
            .merge(Env::prefixed("GOPY_"))
    }

    /// Extracts and validates the configuration.
    pub fn from_figment(figment: Figment) -> Result<Config, ConfigError> {
        let raw: RawConfig = figment.extract().map_err(Box::new)?;
        Config::try_from(raw)
    }
}

impl TryFrom<RawConfig> for Config {
    type Error = ConfigError;

    fn try_from(raw: RawConfig) -> Result<Config, ConfigError> {
        let database = DatabaseUrl::parse(&raw.database_url)?;
        let bind: SocketAddr = raw.bind.trim().parse().map_err(|_| {
            ConfigError::invalid(
                "GOPY_BIND",
                format!("{:?} is not an address like 127.0.0.1:8080", raw.bind),
            )
        })?;
        let base = raw
            .base_url
            .clone()
            .unwrap_or_else(|| format!("http://{bind}"));
        let base_url = url::Url::parse(base.trim())
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
            .ok_or_else(|| {
                ConfigError::invalid(
                    "GOPY_BASE_URL",
                    format!("{base:?} is not an http:// or https:// address"),
                )
            })?;
        if raw.pool_size == 0 {
            return Err(ConfigError::invalid("GOPY_POOL_SIZE", "must be at least 1"));
        }
        if raw.workers == Some(0) {
            return Err(ConfigError::invalid("GOPY_WORKERS", "must be at least 1"));
        }
        let mail = MailTransport::parse(raw.mail_url.as_deref(), &raw.data_dir)?;
        let log_format = match raw.log_format.trim().to_ascii_lowercase().as_str() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => {
                return Err(ConfigError::invalid(
                    "GOPY_LOG_FORMAT",
                    format!("{other:?} is neither text nor json"),
                ));
            }
        };
        Ok(Config {
            database,
            bind,
            data_dir: raw.data_dir,
            base_url,
            mail,
            mail_from: raw.mail_from.trim().parse().map_err(|_| {
                ConfigError::invalid(
                    "GOPY_MAIL_FROM",
                    format!(
                        "{:?} is not an address like gopy <no-reply@example.vn>",
                        raw.mail_from
                    ),
                )
            })?,
            mail_retry: std::time::Duration::from_secs(raw.mail_retry_seconds.max(1)),
            mail_lease: std::time::Duration::from_secs(raw.mail_lease_seconds.clamp(2, 86_400)),
            upload_limit: usize::try_from(raw.upload_limit_mb.clamp(1, 1024) * 1024 * 1024)
                .unwrap_or(usize::MAX),
            pool_size: raw.pool_size,
            workers: raw.workers,
            log: raw.log,
            log_format,
            comment_limits: raw.comment_limits,
            thread_answer_days: raw.thread_answer_days.clamp(1, 365),
        })
    }
}

impl Config {
    /// True when the portal is served over https, so cookies must be Secure.
    pub fn is_https(&self) -> bool {
        self.base_url.scheme() == "https"
    }
}

#[cfg(test)]
// figment's `Jail` closures return its large error type; that's its API.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;
    use figment::Jail;

    fn load(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let mut figment = Config::figment(Some(Path::new("/nonexistent/gopy.toml")));
        for (key, value) in pairs {
            figment = figment.merge((*key, *value));
        }
        Config::from_figment(figment)
    }

    #[test]
    fn defaults_serve_sqlite_on_loopback() {
        Jail::expect_with(|_| {
            let config = load(&[]).unwrap();
            assert_eq!(config.bind.to_string(), "127.0.0.1:8080");
            assert!(matches!(config.database, DatabaseUrl::Sqlite(_)));
            assert_eq!(config.base_url.as_str(), "http://127.0.0.1:8080/");
            Ok(())
        });
    }

    #[test]
    fn environment_overrides_the_file_and_the_file_overrides_defaults() {
        Jail::expect_with(|jail| {
            jail.create_file("gopy.toml", "bind = \"127.0.0.1:9000\"\npool_size = 3\n")?;
            jail.set_env("GOPY_POOL_SIZE", "7");
            jail.set_env("GOPY_DATABASE_URL", "postgres://postgres@127.0.0.1/test");
            let config = Config::from_figment(Config::figment(None)).unwrap();
            assert_eq!(config.bind.port(), 9000);
            assert_eq!(config.pool_size, 7);
            assert!(matches!(config.database, DatabaseUrl::Postgres(_)));
            Ok(())
        });
    }

    #[test]
    fn bad_bind_names_the_variable() {
        Jail::expect_with(|_| {
            let err = load(&[("bind", "localhost")]).unwrap_err().to_string();
            assert!(err.contains("GOPY_BIND"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn base_url_must_be_http() {
        Jail::expect_with(|_| {
            let err = load(&[("base_url", "ftp://x")]).unwrap_err().to_string();
            assert!(err.contains("GOPY_BASE_URL"), "{err}");
            let ok = load(&[("base_url", "https://gopy.gialai.gov.vn")]).unwrap();
            assert!(ok.is_https());
            Ok(())
        });
    }

    #[test]
    fn mail_goes_to_files_unless_smtp_is_set() {
        Jail::expect_with(|_| {
            let config = load(&[("data_dir", "/srv/gopy")]).unwrap();
            assert_eq!(
                config.mail,
                MailTransport::Files(PathBuf::from("/srv/gopy/mail"))
            );
            let config = load(&[("mail_url", "smtp://127.0.0.1:2525")]).unwrap();
            assert_eq!(
                config.mail,
                MailTransport::Smtp("smtp://127.0.0.1:2525".into())
            );
            let err = load(&[("mail_url", "imap://x")]).unwrap_err().to_string();
            assert!(err.contains("GOPY_MAIL_URL"), "{err}");
            let err = load(&[("mail_from", "not an address")])
                .unwrap_err()
                .to_string();
            assert!(err.contains("GOPY_MAIL_FROM"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn bad_database_url_names_the_variable() {
        Jail::expect_with(|_| {
            let err = load(&[("database_url", "mysql://root@localhost/gopy")])
                .unwrap_err()
                .to_string();
            assert!(err.contains("GOPY_DATABASE_URL"), "{err}");
            assert!(err.contains("mysql"), "{err}");
            Ok(())
        });
    }
}
