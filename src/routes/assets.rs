//! `GET /static/{path}`: embedded static files with cache headers.
//!
//! A URL carrying the file's current version (`?v=…`, as the `asset` template
//! helper writes it) is cacheable for a year; any other for an hour. Both carry
//! an ETag, and a matching `If-None-Match` gets 304.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::{AppError, AppResult};
use crate::views::assets::Asset;

/// Serves one static file.
pub async fn serve(req: HttpRequest, path: web::Path<String>) -> AppResult<HttpResponse> {
    let path = path.into_inner();
    if path.split('/').any(|part| part.is_empty() || part == "..") {
        return Err(AppError::not_found());
    }
    let asset = Asset::get(&path).ok_or_else(AppError::not_found)?;
    let etag = format!("\"{}\"", asset.version);
    let versioned = url::form_urlencoded::parse(req.query_string().as_bytes())
        .any(|(k, v)| k == "v" && v == asset.version.as_str());
    let cache = if versioned {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    let not_modified = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if not_modified {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, cache));
    if not_modified {
        return Ok(response.finish());
    }
    Ok(response
        .insert_header((header::CONTENT_TYPE, asset.mime))
        .body(asset.data.into_owned()))
}
