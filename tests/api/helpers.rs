//! `TestApp::spawn()`: the real application against a fresh database.

use std::path::Path;

use actix_web::dev::ServerHandle;
use diesel::{Connection, PgConnection, RunQueryDsl};
use gopy::config::{Config, RawConfig};
use gopy::db::Backend;
use gopy::startup::{self, Application};
use tempfile::TempDir;

/// A running portal and a client that talks to it like a browser (cookies on,
/// redirects not followed).
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub config: Config,
    handle: ServerHandle,
    _database: TestDatabase,
    _dir: TempDir,
}

impl TestApp {
    /// Starts the app with default test settings.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(|_| {}).await
    }

    /// Starts the app after `customise` has adjusted the configuration.
    pub async fn spawn_with(customise: impl FnOnce(&mut RawConfig)) -> TestApp {
        if std::env::var_os("TEST_LOG").is_some() {
            gopy::telemetry::init("info", gopy::config::LogFormat::Text);
        }
        let dir = tempfile::tempdir().expect("temporary folder");
        let database = TestDatabase::create(dir.path());
        let mut raw = RawConfig {
            database_url: database.url.clone(),
            bind: "127.0.0.1:0".into(),
            data_dir: dir.path().join("data"),
            pool_size: 4,
            workers: Some(2),
            ..RawConfig::default()
        };
        customise(&mut raw);
        let config = Config::try_from(raw).expect("valid test configuration");
        let app = Application::build(config.clone())
            .await
            .expect("application builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .unwrap();
        TestApp {
            address,
            client,
            config,
            handle,
            _database: database,
            _dir: dir,
        }
    }

    /// The backend this run tests.
    pub fn backend(&self) -> Backend {
        self.config.database.backend()
    }

    /// `GET path` (relative to the app).
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }

    /// `GET path` and the body as text, asserting the status.
    pub async fn get_text(&self, path: &str, status: u16) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status().as_u16(), status, "GET {path}");
        response.text().await.unwrap()
    }

    /// Seeds the demo data through the same code as `gopy demo`.
    pub fn seed_demo(&self) -> gopy::demo::DemoReport {
        startup::with_connection(&self.config, |c| Ok(gopy::demo::seed(c)?)).unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Sends the stop command at once; the workers let go of the database.
        drop(self.handle.stop(false));
    }
}

/// The backend under test: `TEST_DATABASE_URL` when it is a PostgreSQL URL.
pub fn postgres_admin_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres://") || u.starts_with("postgresql://"))
}

/// A database made for one test and dropped after it.
pub struct TestDatabase {
    pub url: String,
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    /// A new SQLite file under `dir`, or a new PostgreSQL database.
    pub fn create(dir: &Path) -> TestDatabase {
        match postgres_admin_url() {
            None => TestDatabase {
                url: format!("sqlite://{}", dir.join("gopy.db").display()),
                postgres: None,
            },
            Some(admin) => {
                let name = format!("gopy_test_{}", uuid::Uuid::new_v4().simple());
                let mut conn = PgConnection::establish(&admin)
                    .unwrap_or_else(|e| panic!("TEST_DATABASE_URL does not connect: {e}"));
                diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
                    .execute(&mut conn)
                    .expect("test database created");
                let mut url = url::Url::parse(&admin).unwrap();
                url.set_path(&name);
                TestDatabase {
                    url: url.to_string(),
                    postgres: Some((admin, name)),
                }
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.postgres {
            if let Ok(mut conn) = PgConnection::establish(admin) {
                let _ =
                    diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .execute(&mut conn);
            }
        }
    }
}
