//! `Page`: a handler's HTML answer, rendered in the request's language inside
//! the base layout.

use actix_web::body::BoxBody;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, Responder, web};
use serde::Serialize;
use serde_json::{Value, json};

use super::{Templates, flash};
use crate::error::AppError;
use crate::i18n::{LANG_PARAM, Lang};

/// A template and the data it shows.
pub struct Page {
    template: &'static str,
    lang: Lang,
    data: Value,
    status: StatusCode,
}

impl Page {
    /// `templates/<template>.hbs` rendered with `data`'s fields at the top level.
    pub fn render(template: &'static str, lang: Lang, data: impl Serialize) -> Page {
        let data = serde_json::to_value(data).unwrap_or_else(|e| {
            tracing::error!(template, error = %e, "page data did not serialise");
            Value::Null
        });
        Page {
            template,
            lang,
            data,
            status: StatusCode::OK,
        }
    }

    /// Answers with another status (a form shown again with errors, an error page).
    pub fn with_status(mut self, status: StatusCode) -> Page {
        self.status = status;
        self
    }

    /// The response for `req` (for handlers that answer a page or a redirect).
    pub fn into_response(self, req: &HttpRequest) -> HttpResponse {
        Responder::respond_to(self, req)
    }

    /// The HTML, or the rendering error.
    pub fn to_html(&self, templates: &Templates, req: &HttpRequest) -> anyhow::Result<String> {
        let mut context = match &self.data {
            Value::Object(map) => map.clone(),
            Value::Null => serde_json::Map::new(),
            other => {
                let mut map = serde_json::Map::new();
                map.insert("data".into(), other.clone());
                map
            }
        };
        context.insert("lang".into(), json!(self.lang.code()));
        context.insert("site".into(), site_context(self.lang, req));
        if let Value::Object(site) = &mut context["site"] {
            let session = crate::auth::extract::session_of(req);
            if let Some(user) = session.user {
                site.insert(
                    "user".into(),
                    json!({
                        "display_name": user.display_name,
                        "is_admin": user.role == crate::domain::Role::Admin,
                        "is_staff": user.role.is_staff(),
                        "is_drafter": user.role == crate::domain::Role::Drafter,
                        "is_moderator": user.role == crate::domain::Role::Moderator,
                        "is_appraiser": user.role == crate::domain::Role::Appraiser,
                    }),
                );
                site.insert("csrf".into(), json!(crate::auth::csrf::token_for(req)));
            }
            if let Some(notice) = flash::take(req, self.lang) {
                site.insert("flash".into(), json!(notice));
            }
        }
        Ok(templates.render(self.template, &Value::Object(context))?)
    }
}

/// What the layout needs on every page: the language switch and the path.
fn site_context(lang: Lang, req: &HttpRequest) -> Value {
    let other = lang.other();
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in url::form_urlencoded::parse(req.query_string().as_bytes()) {
        if k != LANG_PARAM {
            query.append_pair(&k, &v);
        }
    }
    query.append_pair(LANG_PARAM, other.code());
    let ledger = req
        .app_data::<web::Data<crate::views::ledger_head::HeadCache>>()
        .and_then(|cache| cache.current());
    json!({
        "ledger": ledger,
        "path": req.path(),
        "other_lang": other.code(),
        "switch_url": format!("{}?{}", req.path(), query.finish()),
    })
}

impl Responder for Page {
    type Body = BoxBody;

    fn respond_to(self, req: &HttpRequest) -> HttpResponse {
        let Some(templates) = req.app_data::<web::Data<Templates>>() else {
            return HttpResponse::from_error(AppError::internal(anyhow::anyhow!(
                "no templates in app data"
            )));
        };
        match self.to_html(templates, req) {
            Ok(html) => {
                let mut response = HttpResponse::build(self.status);
                response
                    .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
                    .insert_header((header::CACHE_CONTROL, "no-cache"))
                    .insert_header((header::CONTENT_LANGUAGE, self.lang.code()))
                    .insert_header((header::VARY, "Cookie"));
                if req.cookie(flash::COOKIE).is_some() {
                    let mut gone = actix_web::cookie::Cookie::new(flash::COOKIE, "");
                    gone.set_path("/");
                    gone.make_removal();
                    response.cookie(gone);
                }
                response.body(html)
            }
            Err(e) => HttpResponse::from_error(AppError::internal(
                e.context(format!("rendering {}", self.template)),
            )),
        }
    }
}
