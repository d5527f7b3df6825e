//! The ledger head shown in every page's footer. Reading it on every page
//! would cost a query each; it is re-read at most once a second instead, by
//! a middleware before the page is made, so a footer is never more than a
//! second behind the chain.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;

use crate::db::Db;
use crate::models::ledger::{Entry, Head};

/// How old the footer's head may be.
const FRESH: Duration = Duration::from_secs(1);

/// The last head read, and when.
#[derive(Debug, Clone, Default)]
pub struct HeadCache(Arc<RwLock<Option<(Instant, Head)>>>);

impl HeadCache {
    /// The head last read, if any.
    pub fn current(&self) -> Option<Head> {
        self.0
            .read()
            .ok()
            .and_then(|guard| guard.as_ref().map(|(_, head)| head.clone()))
    }

    fn stale(&self) -> bool {
        self.0
            .read()
            .map(|guard| guard.as_ref().is_none_or(|(at, _)| at.elapsed() > FRESH))
            .unwrap_or(true)
    }

    /// Re-reads the head if the one held is older than a second.
    pub async fn refresh(&self, db: &Db) {
        if !self.stale() {
            return;
        }
        match db.run(Entry::head).await {
            Ok(head) => {
                if let Ok(mut guard) = self.0.write() {
                    *guard = Some((Instant::now(), head));
                }
            }
            Err(e) => tracing::warn!(error = %e, "ledger head not read for the footer"),
        }
    }
}

/// Middleware: keeps the footer's head fresh for pages (not for the API or static files).
pub async fn keep_fresh(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, actix_web::Error> {
    let page = req.method() == actix_web::http::Method::GET
        && !req.path().starts_with("/api/")
        && !req.path().starts_with("/static/");
    if page {
        let cache = req.app_data::<web::Data<HeadCache>>().cloned();
        let db = req.app_data::<web::Data<Db>>().cloned();
        if let (Some(cache), Some(db)) = (cache, db) {
            cache.refresh(&db).await;
        }
    }
    next.call(req).await
}
