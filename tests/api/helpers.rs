//! `TestApp::spawn()`: the real application against a fresh database.

use std::path::Path;

use actix_web::dev::ServerHandle;
use diesel::{Connection, PgConnection, RunQueryDsl};
use gopy::config::{Config, RawConfig};
use gopy::db::Backend;
use gopy::domain::Role;
use gopy::startup::{self, Application};
use tempfile::TempDir;

use crate::smtp::SmtpServer;

/// A running portal, the SMTP server it sends to, and a client that talks to
/// it like a browser (cookies on, redirects not followed).
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub config: Config,
    pub smtp: SmtpServer,
    handle: ServerHandle,
    pages: gopy::views::page_cache::PageCache,
    _database: TestDatabase,
    _dir: TempDir,
}

/// The password of the accounts tests create.
pub const PASSWORD: &str = "mật khẩu thử nghiệm";

impl TestApp {
    /// Starts the app with default test settings.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(|_| {}).await
    }

    /// Starts the app after `customise` has adjusted the configuration.
    pub async fn spawn_with(customise: impl FnOnce(&mut RawConfig)) -> TestApp {
        let smtp = SmtpServer::start().await;
        TestApp::spawn_with_smtp(smtp, customise).await
    }

    /// Starts the app sending mail to `smtp`'s port (which may be stopped).
    pub async fn spawn_with_smtp(
        smtp: SmtpServer,
        customise: impl FnOnce(&mut RawConfig),
    ) -> TestApp {
        if std::env::var_os("TEST_LOG").is_some() {
            gopy::telemetry::init("info", gopy::config::LogFormat::Text);
        }
        let dir = tempfile::tempdir().expect("temporary folder");
        let database = TestDatabase::create(dir.path());
        let mut raw = RawConfig {
            database_url: database.url.clone(),
            bind: "127.0.0.1:0".into(),
            data_dir: dir.path().join("data"),
            mail_url: Some(format!("smtp://127.0.0.1:{}", smtp.port)),
            mail_retry_seconds: 1,
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
        let pages = app.pages();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            client: new_client(),
            address,
            config,
            smtp,
            handle,
            pages,
            _database: database,
            _dir: dir,
        }
    }

    /// Another browser: its own cookies, same portal.
    pub fn browser(&self) -> Browser {
        Browser {
            address: self.address.clone(),
            client: new_client(),
        }
    }

    /// Runs `f` on a connection to the app's database, as a change made
    /// through the app (the pages it keeps for visitors are forgotten).
    pub fn db<T>(&self, f: impl FnOnce(&mut gopy::db::DbConnection) -> anyhow::Result<T>) -> T {
        let result = self.db_elsewhere(f);
        self.pages.invalidate();
        result
    }

    /// Runs `f` on a connection to the app's database, as another node or
    /// process would: the app learns of it only through the database.
    pub fn db_elsewhere<T>(
        &self,
        f: impl FnOnce(&mut gopy::db::DbConnection) -> anyhow::Result<T>,
    ) -> T {
        startup::with_connection(&self.config, f).unwrap()
    }

    /// Creates a confirmed account with [`PASSWORD`].
    pub fn create_user(&self, email: &str, role: Role, agency: Option<&str>) -> gopy::models::User {
        self.db(|c| {
            gopy::admin::create_user(
                c,
                gopy::admin::UserSpec {
                    email,
                    display_name: None,
                    role,
                    agency,
                    password: Some(PASSWORD),
                },
            )
        })
    }

    /// Creates an agency.
    pub fn create_agency(
        &self,
        short: &str,
        kind: gopy::domain::AgencyKind,
    ) -> gopy::models::Agency {
        self.db(|c| gopy::admin::create_agency(c, &format!("Cơ quan {short}"), short, kind))
    }

    /// A browser signed in as a new account of `role`.
    pub async fn signed_in(&self, email: &str, role: Role, agency: Option<&str>) -> Browser {
        self.create_user(email, role, agency);
        let browser = self.browser();
        let response = browser.login(email, PASSWORD).await;
        assert_eq!(response.status().as_u16(), 303, "sign-in of {email}");
        browser
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
        self.db(gopy::demo::seed)
    }
}

fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        // The server closes idle connections after 5 s (actix's keep-alive);
        // a test that pauses longer (seeding the demo on a slow machine) must
        // not send its next request down a connection being closed.
        .pool_idle_timeout(std::time::Duration::from_secs(2))
        .build()
        .unwrap()
}

/// One browser: a cookie jar talking to the portal.
#[derive(Clone)]
pub struct Browser {
    pub address: String,
    pub client: reqwest::Client,
}

impl Browser {
    /// `GET path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }

    /// `GET path`, asserting the status, returning the body.
    pub async fn get_text(&self, path: &str, status: u16) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status().as_u16(), status, "GET {path}");
        response.text().await.unwrap()
    }

    /// The CSRF token a form on `path` carries.
    pub async fn csrf_from(&self, path: &str) -> String {
        let html = self.get_text(path, 200).await;
        extract_value(&html, "name=\"_csrf\" value=\"")
            .unwrap_or_else(|| panic!("no CSRF token on {path}"))
    }

    /// The CSRF token of this browser's current session (or visitor cookie).
    pub async fn csrf(&self) -> String {
        let response = self.get("/login").await;
        let path = if response.status().as_u16() == 303 {
            "/account"
        } else {
            "/login"
        };
        self.csrf_from(path).await
    }

    /// Posts a form with a valid CSRF token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf().await;
        let mut body: Vec<(&str, &str)> = vec![("_csrf", &token)];
        body.extend_from_slice(fields);
        self.post_raw(path, &body).await
    }

    /// Posts a form exactly as given (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.address))
            .form(fields)
            .send()
            .await
            .expect("request sent")
    }

    /// Signs in.
    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form(
            "/login",
            &[
                ("email", email),
                ("password", password),
                ("next", "/account"),
            ],
        )
        .await
    }

    /// Registers a citizen account.
    pub async fn register(&self, name: &str, email: &str, password: &str) -> reqwest::Response {
        self.post_form(
            "/register",
            &[
                ("display_name", name),
                ("email", email),
                ("password", password),
                ("password_confirm", password),
                ("account_type", "citizen"),
            ],
        )
        .await
    }
}

/// The text after `marker` up to the next double quote, HTML entities decoded.
pub fn extract_value(html: &str, marker: &str) -> Option<String> {
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].replace("&amp;", "&"))
}

/// The `Location` header of a redirect.
pub fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
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
                gopy::db::init_tls();
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

/// `(METHOD, path)` of every route registered in `src/routes/mod.rs`, with
/// actix's `{name:regex}` written `{name}`.
pub fn router_routes() -> std::collections::BTreeSet<(String, String)> {
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/routes/mod.rs"),
    )
    .expect("the router's source");
    let mut routes = std::collections::BTreeSet::new();
    let marker = "web::resource(\"";
    let mut rest = source.as_str();
    while let Some(at) = rest.find(marker) {
        rest = &rest[at + marker.len()..];
        let end = rest.find('"').expect("a closing quote");
        let mut path = String::new();
        let mut in_regex = false;
        for ch in rest[..end].chars() {
            match ch {
                ':' if path.rfind('{') > path.rfind('}') => in_regex = true,
                '}' => {
                    in_regex = false;
                    path.push(ch);
                }
                _ if in_regex => {}
                _ => path.push(ch),
            }
        }
        // This resource's calls run up to the next resource.
        let calls = &rest[end..rest[end..].find(marker).map_or(rest.len(), |n| end + n)];
        let before = routes.len();
        for method in ["get", "post", "put", "patch", "delete"] {
            if calls.contains(&format!(".{method}(")) {
                routes.insert((method.to_uppercase(), path.clone()));
            }
        }
        assert!(routes.len() > before, "no method found for {path}");
    }
    routes
}

/// A .docx whose paragraphs are the lines of `text`, as Word saves them.
pub fn docx(text: &str) -> Vec<u8> {
    use std::io::Write;
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let body: String = text
        .lines()
        .map(|l| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape(l)
            )
        })
        .collect();
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    )
    .unwrap();
    zip.finish().unwrap();
    buffer.into_inner()
}
