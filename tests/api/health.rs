use serde_json::Value;

use crate::helpers::TestApp;

#[tokio::test]
async fn healthz_reports_ok_and_the_backend_in_use() {
    let app = TestApp::spawn().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    let expected = if crate::helpers::postgres_admin_url().is_some() {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(body["database"], expected);
    assert_eq!(app.backend().name(), expected);
}
