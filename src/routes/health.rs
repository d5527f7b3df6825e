//! `GET /healthz`: for load balancers and monitoring.

use actix_web::HttpResponse;
use actix_web::http::header;
use serde_json::json;

use crate::db::{self, Db};

/// 200 `{"status":"ok","database":"sqlite"}` after a real query; 503 with
/// `"status":"unavailable"` when the database does not answer.
pub async fn check(db: Db) -> HttpResponse {
    let backend = db.backend().name();
    match db.run(db::ping).await {
        Ok(()) => HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .json(json!({"status": "ok", "database": backend})),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            HttpResponse::ServiceUnavailable()
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .json(json!({"status": "unavailable", "database": backend}))
        }
    }
}
