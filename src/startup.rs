//! Builds the application: database, templates and the HTTP server. The same
//! function serves `gopy serve` and the tests.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::{Compress, ErrorHandlers, from_fn};
use actix_web::{App, HttpServer, web};
use tracing_actix_web::TracingLogger;

use crate::auth::secret::random_token;
use crate::auth::{Keys, session};
use crate::config::Config;
use crate::db::{self, Db, DbConnection, Pool};
use crate::mail::worker::OutboxWorker;
use crate::mail::{Mailer, Postman};
use crate::middleware::{WebSettings, request_context, security_headers};
use crate::models::ServerKey;
use crate::routes;
use crate::views::Templates;

/// A built server, bound to its port, not yet running.
pub struct Application {
    port: u16,
    server: Server,
    pages: crate::views::page_cache::PageCache,
}

impl Application {
    /// Connects to the database, applies pending migrations, compiles the
    /// templates and binds the listening socket.
    pub async fn build(mut config: Config) -> anyhow::Result<Application> {
        let pool = open_database(&config).await?;
        let templates = Templates::load()?;
        let listener = TcpListener::bind(config.bind)
            .map_err(|e| anyhow::anyhow!("could not listen on {}: {e}", config.bind))?;
        let port = listener.local_addr()?.port();
        if config.base_url.port() == Some(0) {
            // Bound to port 0 (tests) with the address derived from it.
            let _ = config.base_url.set_port(Some(port));
        }
        let db = Db::new(pool, config.database.backend());
        let keys = Keys {
            csrf: db
                .run(|c| ServerKey::get_or_create(c, "csrf", random_token))
                .await
                .map_err(|e| anyhow::anyhow!("could not load server keys: {e}"))?
                .into_bytes(),
        };
        let settings = WebSettings {
            comment_limits: config.comment_limits,
            thread_answer_days: config.thread_answer_days,
            ..WebSettings::new(&config.base_url)
        };
        let unsubscribe = db
            .run(|c| ServerKey::get_or_create(c, "unsubscribe", random_token))
            .await
            .map_err(|e| anyhow::anyhow!("could not load server keys: {e}"))?
            .into_bytes();
        let postman =
            Postman::new(templates.clone(), &config.base_url).with_unsubscribe_key(unsubscribe);
        OutboxWorker {
            db: db.clone(),
            mailer: Arc::new(Mailer::new(&config)?),
            node: uuid::Uuid::new_v4().to_string(),
            retry: config.mail_retry,
            lease: chrono::Duration::from_std(config.mail_lease)
                .unwrap_or(chrono::Duration::minutes(5)),
            wake: postman.wake_handle(),
        }
        .spawn();
        crate::drafts_worker::spawn(db.clone());
        crate::notices_worker::spawn(db.clone(), postman.clone());
        let storage = crate::storage::Storage::new(&config.data_dir, config.upload_limit);
        let head = crate::views::ledger_head::HeadCache::default();
        let pages = crate::views::page_cache::PageCache::default();
        let kept = pages.clone();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(web::Data::new(db.clone()))
                .app_data(web::Data::new(templates.clone()))
                .app_data(web::Data::new(settings.clone()))
                .app_data(web::Data::new(keys.clone()))
                .app_data(web::Data::new(postman.clone()))
                .app_data(web::Data::new(storage.clone()))
                .app_data(web::Data::new(head.clone()))
                .app_data(web::Data::new(pages.clone()))
                // Room for the form fields around the largest upload.
                .app_data(routes::attachments::multipart_config(storage.limit))
                .configure(routes::configure)
                .default_service(web::to(routes::errors::not_found))
                .wrap(from_fn(crate::views::ledger_head::keep_fresh))
                .wrap(from_fn(session::load))
                .wrap(ErrorHandlers::new().default_handler(routes::errors::render))
                .wrap(Compress::default())
                .wrap(from_fn(crate::views::page_cache::serve))
                .wrap(from_fn(request_context))
                .wrap(security_headers(&settings))
                .wrap(TracingLogger::default())
        })
        // Slow clients: a request head must arrive within 5 s (else 408 and
        // the connection closes), idle connections last 5 s.
        .client_request_timeout(std::time::Duration::from_secs(5))
        .client_disconnect_timeout(std::time::Duration::from_secs(1))
        .keep_alive(std::time::Duration::from_secs(5))
        .listen(listener)?;
        let server = match config.workers {
            Some(n) => server.workers(n),
            None => server,
        }
        .run();
        Ok(Application {
            port,
            server,
            pages: kept,
        })
    }

    /// The port the server listens on (useful when binding port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The visitors' pages this node keeps (to forget them after a change
    /// made beside the server, as tests do).
    pub fn pages(&self) -> crate::views::page_cache::PageCache {
        self.pages.clone()
    }

    /// A handle to stop the server.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves until the process is told to stop (SIGINT, SIGTERM).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Opens the pool and applies pending migrations, off the async workers.
pub async fn open_database(config: &Config) -> anyhow::Result<Pool> {
    let url = config.database.clone();
    let size = config.pool_size;
    actix_web::rt::task::spawn_blocking(move || {
        let pool = db::connect(&url, size)?;
        let report = db::run_migrations(&mut *pool.get()?)?;
        for version in &report.applied {
            tracing::info!(version, "applied migration");
        }
        Ok::<_, anyhow::Error>(pool)
    })
    .await?
}

/// Runs `f` on one connection of a fresh pool, for the command-line tools.
pub fn with_connection<T>(
    config: &Config,
    f: impl FnOnce(&mut DbConnection) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let pool = db::connect(&config.database, 1)?;
    let mut conn = pool.get()?;
    f(&mut conn)
}
