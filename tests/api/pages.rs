use crate::helpers::TestApp;

#[tokio::test]
async fn home_page_is_vietnamese_by_default() {
    let app = TestApp::spawn().await;
    let response = app.get("/").await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["content-language"], "vi");
    let html = response.text().await.unwrap();
    assert!(html.contains("<html lang=\"vi\">"));
    assert!(
        html.contains("Góp ý dự thảo văn bản quy phạm pháp luật"),
        "{html}"
    );
    assert!(
        html.contains("href=\"/?lang=en\""),
        "the switch links to English"
    );
}

#[tokio::test]
async fn home_page_lists_the_demo_agencies() {
    let app = TestApp::spawn().await;
    let before = app.get_text("/", 200).await;
    assert!(before.contains("Chưa có cơ quan nào."));
    app.seed_demo();
    let html = app.get_text("/", 200).await;
    assert!(html.contains("Sở Tư pháp tỉnh Gia Lai"), "{html}");
    assert!(html.contains("Cơ quan thẩm định"), "the kind is translated");
    assert!(!html.contains("Chưa có cơ quan nào."));
}

#[tokio::test]
async fn lang_parameter_switches_to_english_and_the_cookie_keeps_it() {
    let app = TestApp::spawn().await;
    let response = app.get("/?lang=en").await;
    assert_eq!(response.status().as_u16(), 200);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("lang=en"), "{cookie}");
    assert!(
        cookie.contains("SameSite=Lax") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    let html = response.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Comment on draft regulations"));

    // No parameter now: the cookie keeps English.
    let html = app.get_text("/", 200).await;
    assert!(
        html.contains("<html lang=\"en\">"),
        "cookie was not honoured"
    );
    assert!(
        html.contains("href=\"/?lang=vi\""),
        "the switch links back to Vietnamese"
    );

    // And switching back works the same way.
    let html = app.get_text("/?lang=vi", 200).await;
    assert!(html.contains("<html lang=\"vi\">"));
    let html = app.get_text("/", 200).await;
    assert!(html.contains("<html lang=\"vi\">"));
}

#[tokio::test]
async fn unknown_language_falls_back_to_vietnamese_without_a_cookie() {
    let app = TestApp::spawn().await;
    let response = app.get("/?lang=fr").await;
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.headers().get("set-cookie").is_none());
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("<html lang=\"vi\">")
    );
}

#[tokio::test]
async fn unknown_page_is_a_vietnamese_404_page() {
    let app = TestApp::spawn().await;
    let response = app.get("/khong-co-trang-nay").await;
    assert_eq!(response.status().as_u16(), 404);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = response.text().await.unwrap();
    assert!(html.contains("Không tìm thấy trang"), "{html}");
    assert!(html.contains("<html lang=\"vi\">"));
    assert!(html.contains("href=\"/\""), "offers a way home");
}

#[tokio::test]
async fn unknown_page_is_an_english_404_page_when_asked() {
    let app = TestApp::spawn().await;
    let html = app.get_text("/no-such-page?lang=en", 404).await;
    assert!(html.contains("Page not found"), "{html}");
    assert!(html.contains("<html lang=\"en\">"));
}

#[tokio::test]
async fn unknown_api_path_is_a_json_404() {
    let app = TestApp::spawn().await;
    let response = app.get("/api/v1/nothing?lang=en").await;
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(response.headers()["content-type"], "application/json");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
    assert_eq!(
        body["error"]["message"],
        "The page you are looking for does not exist or has moved."
    );
}

#[tokio::test]
async fn wrong_method_is_a_405_page() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(format!("{}/healthz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);
    let html = response.text().await.unwrap();
    assert!(html.contains("Thao tác không được hỗ trợ"), "{html}");
}

#[tokio::test]
async fn security_headers_are_on_pages_errors_and_static_files() {
    let app = TestApp::spawn().await;
    for (path, status) in [("/", 200), ("/missing", 404), ("/static/css/app.css", 200)] {
        let response = app.get(path).await;
        assert_eq!(response.status().as_u16(), status, "{path}");
        let h = response.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert!(
            h.get("strict-transport-security").is_none(),
            "no HSTS over http"
        );
        let id = h["x-request-id"].to_str().unwrap();
        assert_eq!(id.len(), 36, "request id is a UUID: {id}");
    }
}

#[tokio::test]
async fn https_base_url_adds_hsts_and_secure_cookies() {
    let app = TestApp::spawn_with(|c| c.base_url = Some("https://gopy.example.vn".into())).await;
    let response = app.get("/?lang=en").await;
    assert!(
        response.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn request_ids_differ_between_requests() {
    let app = TestApp::spawn().await;
    let a = app.get("/healthz").await.headers()["x-request-id"].clone();
    let b = app.get("/healthz").await.headers()["x-request-id"].clone();
    assert_ne!(a, b);
}

#[tokio::test]
async fn static_files_carry_cache_headers_and_revalidate() {
    let app = TestApp::spawn().await;
    let html = app.get_text("/", 200).await;
    let start = html
        .find("/static/css/app.css?v=")
        .expect("layout links the versioned stylesheet");
    let url = &html[start..html[start..].find('"').unwrap() + start];

    let versioned = app.get(url).await;
    assert_eq!(versioned.status().as_u16(), 200);
    assert!(
        versioned.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert_eq!(
        versioned.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let etag = versioned.headers()["etag"].clone();
    assert!(versioned.text().await.unwrap().contains("--brand"));

    let plain = app.get("/static/css/app.css").await;
    assert_eq!(plain.headers()["cache-control"], "public, max-age=3600");

    let revalidated = app
        .client
        .get(format!("{}/static/css/app.css", app.address))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status().as_u16(), 304);
    assert!(revalidated.text().await.unwrap().is_empty());
}

#[tokio::test]
async fn static_paths_cannot_escape_the_folder() {
    let app = TestApp::spawn().await;
    for path in [
        "/static/../Cargo.toml",
        "/static/%2e%2e/Cargo.toml",
        "/static/css//app.css",
        "/static/nope.css",
    ] {
        let status = app.get(path).await.status().as_u16();
        assert_eq!(status, 404, "{path}");
    }
}
