//! The API's description: the OpenAPI 3.1 document generated from the
//! handlers' `#[utoipa::path]` annotations (`GET /api/v1/openapi.json`), and
//! the same document as a page for people (`GET /api`).

use std::sync::LazyLock;

use actix_web::HttpResponse;
use serde::Serialize;
use utoipa::OpenApi;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{PathItem, RefOr};

use crate::i18n::Lang;
use crate::views::Page;
use crate::views::api_schema as schema;

/// The name of the bearer-token security scheme.
const TOKEN: &str = "token";

/// Adds the bearer-token scheme that the write operations require.
struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut http = Http::new(HttpAuthScheme::Bearer);
        http.description = Some(
            "A personal token from the account page or `gopy admin create-token`.".to_string(),
        );
        components.add_security_scheme(TOKEN, SecurityScheme::Http(http));
    }
}

/// Every `/api/v1` operation; a test compares this list with the router.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "gopy API",
        description = "The JSON API of gopy, a public consultation portal for draft regulations. \
            Reading is open to everyone; writing needs a personal token. Errors are \
            `{\"error\": {...}}` in the language of `?lang=` or the `lang` cookie. \
            Bulk files of every public record are at /open-data.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later")
    ),
    paths(
        openapi_json,
        super::api::me,
        super::search::api,
        super::api_drafts::index,
        super::api_drafts::create,
        super::api_drafts::show,
        super::api_drafts::version,
        super::api_drafts::create_version,
        super::api_drafts::publish,
        super::api_drafts::open,
        super::api_comments::index,
        super::api_comments::create,
        super::api_comments::show,
        super::api_synthesis::show,
        super::appraisal_public::api,
        super::ledger::api_index,
        super::api_threads::index,
        super::api_threads::show,
        super::api_threads::create,
    ),
    components(schemas(schema::ErrorBody)),
    modifiers(&BearerToken),
    tags(
        (name = "drafts", description = "Drafts, their versions and provisions"),
        (name = "comments", description = "Comments and the agency's answers"),
        (name = "synthesis", description = "The synthesis report"),
        (name = "appraisal", description = "The justice department's appraisal"),
        (name = "ledger", description = "The public hash-chained ledger"),
        (name = "threads", description = "Dialogue threads and feedback on regulations in force"),
        (name = "account", description = "The token's account"),
        (name = "meta", description = "This description")
    )
)]
pub struct ApiDoc;

/// The document, built once.
static DOCUMENT: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(ApiDoc::openapi);

/// The generated document.
pub fn document() -> &'static utoipa::openapi::OpenApi {
    &DOCUMENT
}

/// `GET /api/v1/openapi.json`.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", operation_id = "openapi",
    summary = "This OpenAPI 3.1 document",
    responses((status = 200, description = "The document", content_type = "application/json")))]
pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(document())
}

/// One operation as the page lists it.
#[derive(Debug, Serialize)]
struct OperationView {
    method: String,
    path: String,
    summary: String,
    token: bool,
    params: Vec<String>,
    anchor: String,
}

/// Every operation of `item` at `path`, in the order GET, POST, others.
fn operations(lang: Lang, path: &str, item: &PathItem) -> Vec<OperationView> {
    let methods = [
        ("GET", &item.get),
        ("POST", &item.post),
        ("PUT", &item.put),
        ("PATCH", &item.patch),
        ("DELETE", &item.delete),
    ];
    methods
        .into_iter()
        .filter_map(|(method, op)| Some((method, op.as_ref()?)))
        .map(|(method, op)| {
            let id = op.operation_id.clone().unwrap_or_default();
            let key = format!("api-op-{id}");
            let summary = if lang.has(&key) {
                lang.text(&key)
            } else {
                op.summary.clone().unwrap_or_default()
            };
            OperationView {
                anchor: id,
                method: method.to_string(),
                path: path.to_string(),
                summary,
                token: op.security.as_ref().is_some_and(|s| !s.is_empty()),
                params: op
                    .parameters
                    .iter()
                    .flatten()
                    .filter_map(|p| match p {
                        RefOr::T(p) => Some(p.name.clone()),
                        RefOr::Ref(_) => None,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// `GET /api`: every endpoint with its method, path and purpose, read from
/// the same document that `/api/v1/openapi.json` serves.
pub async fn page(lang: Lang) -> Page {
    let doc = document();
    let list: Vec<OperationView> = doc
        .paths
        .paths
        .iter()
        .flat_map(|(path, item)| operations(lang, path, item))
        .collect();
    Page::render(
        "api/index",
        lang,
        serde_json::json!({
            "operations": list,
            "version": doc.openapi,
            "count": list.len(),
        }),
    )
}
