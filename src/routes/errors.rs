//! Error pages: turns every error response (ours, an extractor's, the router's
//! 404 and 405) into a page in the user's language, or JSON under `/api/`.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::{StatusCode, header};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use serde::Serialize;
use serde_json::json;
use tracing_actix_web::RequestId;

use crate::error::{AppError, AppResult, ErrorKind};
use crate::i18n::Lang;
use crate::views::{Page, Templates};

/// The router's fallback: nothing matches the path.
pub async fn not_found() -> AppResult<HttpResponse> {
    Err(AppError::not_found())
}

/// What the error page shows.
#[derive(Serialize)]
struct ErrorView {
    status: u16,
    title: String,
    message: String,
    request_id: Option<String>,
}

/// The `ErrorHandlers` hook: replaces the body of every 4xx/5xx response that
/// carries an error or has no body. Handlers that answer an error status with
/// their own body (a form shown again, `/healthz`) are left alone.
pub fn render<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let has_error = res.response().error().is_some();
    let empty = matches!(
        res.response().body().size(),
        actix_web::body::BodySize::Sized(0) | actix_web::body::BodySize::None
    );
    if !has_error && !empty {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let app_error = res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>());
    let kind = app_error
        .map(|e| e.kind)
        .unwrap_or_else(|| ErrorKind::from_status(status));
    if status.is_server_error() {
        if let Some(e) = res.response().error() {
            tracing::error!(error = %e, status = status.as_u16(), "request failed");
        }
    }
    let req = res.request().clone();
    if kind == ErrorKind::Unauthorized && !is_api(&req) {
        // A page that needs an account: sign in, then come back.
        let next = if req.method() == actix_web::http::Method::GET {
            req.uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/")
                .to_string()
        } else {
            "/".to_string()
        };
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("next", &next)
            .finish();
        let (req, _) = res.into_parts();
        let redirect = HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/login?{query}")))
            .finish();
        return Ok(ErrorHandlerResponse::Response(
            ServiceResponse::new(req, redirect).map_into_right_body(),
        ));
    }
    let lang = Lang::of(&req);
    let message = match app_error.and_then(|e| e.message.as_ref()) {
        Some(m) => m.text(lang),
        None => lang.text(&kind.body_key()),
    };
    let request_id = req.extensions().get::<RequestId>().map(|id| id.to_string());
    let view = ErrorView {
        status: status.as_u16(),
        title: lang.text(&kind.title_key()),
        message,
        request_id: request_id.filter(|_| status.is_server_error()),
    };
    let mut fresh = if is_api(&req) {
        HttpResponse::build(status).json(json!({
            "error": {"status": view.status, "code": kind.code(), "message": view.message, "request_id": view.request_id}
        }))
    } else {
        html_page(&req, lang, status, &view)
    };
    if kind == ErrorKind::Unauthorized {
        fresh.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer"),
        );
    }
    for (name, value) in res.response().headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            fresh.headers_mut().append(name.clone(), value.clone());
        }
    }
    let (req, _) = res.into_parts();
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, fresh).map_into_right_body(),
    ))
}

fn is_api(req: &HttpRequest) -> bool {
    req.path() == "/api" || req.path().starts_with("/api/")
}

fn html_page(
    req: &HttpRequest,
    lang: Lang,
    status: StatusCode,
    view: &ErrorView,
) -> HttpResponse<BoxBody> {
    let page = Page::render("errors/show", lang, view).with_status(status);
    let html = req
        .app_data::<web::Data<Templates>>()
        .ok_or_else(|| anyhow::anyhow!("no templates"))
        .and_then(|t| page.to_html(t, req));
    match html {
        Ok(html) => HttpResponse::build(status)
            .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
            .insert_header((header::CONTENT_LANGUAGE, lang.code()))
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(html),
        Err(e) => {
            tracing::error!(error = %e, "error page did not render");
            HttpResponse::build(status)
                .insert_header((header::CONTENT_TYPE, "text/plain; charset=utf-8"))
                .body(format!("{} {}\n{}", view.status, view.title, view.message))
        }
    }
}
