//! The OpenAPI document: it lists every `/api/v1` route of the router and no
//! other, declares parameters, bodies and token security, its schemas match
//! real responses, and `/api` shows it to people in both languages.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::helpers::TestApp;

/// `(METHOD, /api/v1/...)` of every route registered in `src/routes/mod.rs`.
fn router_api_routes() -> BTreeSet<(String, String)> {
    crate::helpers::router_routes()
        .into_iter()
        .filter(|(_, path)| path.starts_with("/api/v1"))
        .collect()
}

async fn document(app: &TestApp) -> Value {
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status().as_u16(), 200);
    response.json().await.unwrap()
}

/// `(METHOD, path)` of every operation in the document.
fn documented(doc: &Value) -> BTreeSet<(String, String)> {
    let mut all = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, _) in item.as_object().unwrap() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                all.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    all
}

/// `path` with its `{params}` filled in with harmless values.
fn concrete(path: &str) -> String {
    path.replace("{slug}", "khong-co")
        .replace("{n}", "1")
        .replace("{id}", "khong-co")
}

#[tokio::test]
async fn every_api_route_of_the_router_is_in_the_openapi_document_and_back() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let router = router_api_routes();
    assert!(router.len() >= 16, "the router's API routes: {router:?}");
    let documented = documented(&doc);
    let undocumented: Vec<_> = router.difference(&documented).collect();
    let unrouted: Vec<_> = documented.difference(&router).collect();
    assert!(
        undocumented.is_empty(),
        "routes missing from the OpenAPI document (add #[utoipa::path] and list them \
         in routes::api_doc::ApiDoc): {undocumented:?}"
    );
    assert!(
        unrouted.is_empty(),
        "documented operations that the router does not serve: {unrouted:?}"
    );

    // The live router agrees: each documented path is a resource (an
    // undocumented method gets 405, not 404) that takes the documented method.
    for (method, path) in &documented {
        let url = format!("{}{}", app.address, concrete(path));
        let other = app
            .client
            .request(reqwest::Method::DELETE, &url)
            .send()
            .await
            .unwrap();
        assert_eq!(
            other.status().as_u16(),
            405,
            "DELETE {path}: no such resource"
        );
        let status = app
            .client
            .request(method.parse().unwrap(), &url)
            .send()
            .await
            .unwrap()
            .status();
        assert_ne!(status.as_u16(), 405, "{method} {path} is not routed");
    }
}

/// The schema `$ref` points at.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            let name = reference.rsplit('/').next().unwrap();
            let found = &doc["components"]["schemas"][name];
            assert!(found.is_object(), "{reference} is not in components");
            resolve(doc, found)
        }
        None => schema,
    }
}

/// Checks `value` against `schema`: objects have no undocumented key and
/// every required one; arrays and nested objects are checked the same way.
fn check(doc: &Value, schema: &Value, value: &Value, at: &str) {
    let schema = resolve(doc, schema);
    if let Some(alternatives) = schema["oneOf"].as_array() {
        if value.is_null() {
            return;
        }
        let concrete = alternatives
            .iter()
            .find(|a| a["type"] != "null")
            .expect("a non-null alternative");
        return check(doc, concrete, value, at);
    }
    if value.is_null() {
        let types = &schema["type"];
        let nullable = types == "null"
            || types
                .as_array()
                .is_some_and(|t| t.iter().any(|t| t == "null"));
        assert!(nullable, "{at}: null where the schema does not allow it");
        return;
    }
    if let Some(properties) = schema["properties"].as_object() {
        let object = value
            .as_object()
            .unwrap_or_else(|| panic!("{at}: not an object"));
        for key in object.keys() {
            assert!(
                properties.contains_key(key),
                "{at}.{key}: not in the documented schema"
            );
        }
        for required in schema["required"].as_array().into_iter().flatten() {
            let key = required.as_str().unwrap();
            assert!(
                object.contains_key(key),
                "{at}.{key}: documented as required"
            );
        }
        for (key, item) in object {
            check(doc, &properties[key], item, &format!("{at}.{key}"));
        }
    } else if let Some(items) = schema.get("items") {
        let list = value
            .as_array()
            .unwrap_or_else(|| panic!("{at}: not an array"));
        for (i, item) in list.iter().take(20).enumerate() {
            check(doc, items, item, &format!("{at}[{i}]"));
        }
    }
}

/// Checks the JSON of `GET path` against the document's schema for `status`.
async fn matches(app: &TestApp, doc: &Value, template: &str, path: &str, token: Option<&str>) {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16().to_string();
    let body: Value = response.json().await.unwrap();
    let schema = &doc["paths"][template]["get"]["responses"][&status]["content"]["application/json"]
        ["schema"];
    assert!(
        schema.is_object(),
        "GET {path}: status {status} is not documented"
    );
    check(doc, schema, &body, path);
}

#[tokio::test]
async fn documented_schemas_match_real_responses() {
    use diesel::prelude::*;
    let app = TestApp::spawn().await;
    app.seed_demo();
    let doc = document(&app).await;
    let (slug, finished, comment): (String, String, String) = app.db(|c| {
        use gopy::db::schema::{comments, drafts, responses};
        let open = drafts::table
            .filter(drafts::status.eq("open"))
            .select(drafts::slug)
            .first(c)?;
        let finished = drafts::table
            .filter(drafts::synthesis_published_at.is_not_null())
            .select(drafts::slug)
            .first(c)?;
        let answered = responses::table
            .inner_join(comments::table)
            .filter(responses::published_at.is_not_null())
            .select(comments::public_id)
            .first(c)?;
        Ok((open, finished, answered))
    });
    // The demo's answered feedback: an official reply, a history.
    let answered_thread: String = app.db(|c| {
        use gopy::db::schema::threads;
        Ok(threads::table
            .filter(threads::state.eq("answered"))
            .filter(threads::kind.eq("feedback"))
            .select(threads::public_id)
            .first(c)?)
    });
    let token = app.db(|c| gopy::admin::create_token(c, "soanthao@demo.gopy.vn", "test"));
    let cases = [
        ("/api/v1/me", "/api/v1/me".to_string()),
        ("/api/v1/search", "/api/v1/search?q=dat%20dai".to_string()),
        ("/api/v1/drafts", "/api/v1/drafts".to_string()),
        ("/api/v1/drafts/{slug}", format!("/api/v1/drafts/{slug}")),
        (
            "/api/v1/drafts/{slug}",
            "/api/v1/drafts/khong-co".to_string(),
        ),
        (
            "/api/v1/drafts/{slug}/versions/{n}",
            format!("/api/v1/drafts/{finished}/versions/1"),
        ),
        (
            "/api/v1/drafts/{slug}/comments",
            format!("/api/v1/drafts/{finished}/comments"),
        ),
        (
            "/api/v1/comments/{id}",
            format!("/api/v1/comments/{comment}"),
        ),
        (
            "/api/v1/drafts/{slug}/synthesis",
            format!("/api/v1/drafts/{finished}/synthesis"),
        ),
        (
            "/api/v1/drafts/{slug}/appraisal",
            format!("/api/v1/drafts/{finished}/appraisal"),
        ),
        ("/api/v1/ledger", "/api/v1/ledger".to_string()),
        ("/api/v1/threads", "/api/v1/threads".to_string()),
        (
            "/api/v1/threads/{id}",
            format!("/api/v1/threads/{answered_thread}"),
        ),
        (
            "/api/v1/threads/{id}",
            "/api/v1/threads/khong-co".to_string(),
        ),
    ];
    for (template, path) in &cases {
        matches(&app, &doc, template, path, Some(&token)).await;
    }
    // Without a token, the documented 401.
    matches(&app, &doc, "/api/v1/me", "/api/v1/me", None).await;
}

#[tokio::test]
async fn the_document_is_openapi_3_1_with_parameters_bodies_and_token_security() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc["components"]["securitySchemes"]["token"]["scheme"],
        "bearer"
    );
    let mut ids = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().expect("an operation id");
            assert!(ids.insert(id.to_string()), "{id} twice");
            assert!(op["summary"].is_string(), "{method} {path}: a summary");
            let params: Vec<&Value> = op["parameters"].as_array().into_iter().flatten().collect();
            for segment in path.split('/').filter(|s| s.starts_with('{')) {
                let name = segment.trim_matches(['{', '}']);
                assert!(
                    params
                        .iter()
                        .any(|p| p["name"] == name && p["in"] == "path"),
                    "{method} {path}: path parameter {name} is not declared"
                );
            }
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{method} {path}: a success response"
            );
            for response in responses.values() {
                if let Some(schema) = response["content"]["application/json"].get("schema") {
                    resolve(&doc, schema);
                }
            }
            if method == "post" {
                assert_eq!(
                    op["security"],
                    serde_json::json!([{"token": []}]),
                    "{method} {path}: writing needs a token"
                );
                assert!(responses.contains_key("401"), "{method} {path}: 401");
                if !path.ends_with("/publish") {
                    let body = &op["requestBody"]["content"]["application/json"]["schema"];
                    let body = resolve(&doc, body);
                    assert!(
                        body["properties"].is_object(),
                        "{method} {path}: a documented request body"
                    );
                }
            }
        }
    }
    assert_eq!(
        doc["paths"]["/api/v1/me"]["get"]["security"],
        serde_json::json!([{"token": []}])
    );
    let listed = &doc["paths"]["/api/v1/drafts/{slug}/comments"]["get"]["parameters"];
    for query in ["after", "anchor", "category"] {
        assert!(
            listed
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["name"] == query && p["in"] == "query"),
            "query parameter {query}"
        );
    }
}

#[tokio::test]
async fn the_api_page_lists_every_operation_in_both_languages_without_javascript() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let vi = app.get_text("/api", 200).await;
    let en = app.get_text("/api?lang=en", 200).await;
    assert!(vi.contains("API JSON") && en.contains("JSON API"));
    for html in [&vi, &en] {
        assert!(!html.contains("<script"), "no JavaScript");
        assert!(html.contains("href=\"/api/v1/openapi.json\""));
        for (method, path) in documented(&doc) {
            let row = format!("<td><code>{method}</code></td><td><code>{path}</code></td>");
            assert!(html.contains(&row), "{method} {path} is listed");
        }
    }
    for item in doc["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            let id = op["operationId"].as_str().unwrap();
            for lang in gopy::i18n::Lang::ALL {
                assert!(
                    lang.has(&format!("api-op-{id}")),
                    "api-op-{id} in {}",
                    lang.code()
                );
            }
        }
    }
    assert!(vi.contains("Sổ cái chuỗi băm, cũ nhất trước"));
    assert!(en.contains("The hash-chained ledger, oldest first"));
}
