use crate::helpers::TestApp;

#[tokio::test]
async fn demo_seeding_is_idempotent() {
    let app = TestApp::spawn().await;
    let first = app.seed_demo();
    assert!(first.agencies_added >= 5, "{first:?}");
    let second = app.seed_demo();
    assert_eq!(second.agencies_added, 0, "a second run adds nothing");
    let html = app.get_text("/", 200).await;
    assert_eq!(
        html.matches("Sở Tư pháp tỉnh Gia Lai").count(),
        1,
        "each agency is listed once"
    );
}
