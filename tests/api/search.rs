//! Search ignores diacritics and case, on both backends alike.

use serde_json::Value;

use crate::helpers::TestApp;

async fn api(app: &TestApp, q: &str) -> Value {
    let url =
        reqwest::Url::parse_with_params(&format!("{}/api/v1/search", app.address), &[("q", q)])
            .unwrap();
    let response = reqwest::get(url).await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn words_without_diacritics_find_provisions_with_them() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let body = api(&app, "giam tien su dung dat").await;
    let results = body["results"].as_array().unwrap();
    assert!(!results.is_empty(), "{body}");
    assert!(
        results
            .iter()
            .any(|r| r["anchor"] == "quy-dinh/chuong-2/dieu-5"),
        "Article 5 'Giảm tiền sử dụng đất' is found: {body}"
    );
    // đ folds to d, and case does not matter.
    let upper = api(&app, "ĐẤT").await;
    let plain = api(&app, "dat").await;
    assert_eq!(upper["results"], plain["results"]);
    assert!(!plain["results"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn every_word_must_appear() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let body = api(&app, "tien su dung dat xylophone").await;
    assert_eq!(body["results"].as_array().unwrap().len(), 0);
    let body = api(&app, "").await;
    assert_eq!(body["results"].as_array().unwrap().len(), 0);
    let body = api(&app, "\"); DROP TABLE drafts; --").await;
    assert!(
        body["results"].is_array(),
        "query syntax is never passed through"
    );
}

#[tokio::test]
async fn the_search_page_links_to_the_provision() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let html = app
        .browser()
        .get_text("/search?q=giam%20tien%20su%20dung%20dat%20han%20muc", 200)
        .await;
    assert!(
        html.contains("/provisions/quy-dinh/chuong-2/dieu-5"),
        "{html}"
    );
    assert!(html.contains("kết quả cho “giam tien su dung dat han muc”"));
}

#[tokio::test]
async fn drafts_in_preparation_are_not_found() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let before = api(&app, "dat").await["results"].as_array().unwrap().len();
    // Back to preparation (as if just imported): nothing of it may be found.
    app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::drafts::dsl::*;
        diesel::update(drafts.filter(status.eq("open")))
            .set(status.eq("preparing"))
            .execute(c)?;
        Ok(())
    });
    let after = api(&app, "dat").await["results"].as_array().unwrap().len();
    assert!(after < before, "{before} → {after}");
}

#[tokio::test]
async fn published_comments_are_found_without_diacritics_and_hidden_ones_are_not() {
    use gopy::domain::Role;
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug: String = app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::drafts::dsl::*;
        Ok(drafts.filter(status.eq("open")).select(slug).first(c)?)
    });
    app.create_user("lan@example.vn", Role::Citizen, None);
    let token = app.db(|c| gopy::admin::create_token(c, "lan@example.vn", "test"));
    let sent = reqwest::Client::new()
        .post(format!("{}/api/v1/drafts/{slug}/comments", app.address))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "body": "Đề nghị miễn lệ phí trước bạ cho hộ nghèo ở vùng đồng bào dân tộc thiểu số.",
            "category": "individual",
            "consent_processing": true,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status().as_u16(), 201);
    let id = sent.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    let found = api(&app, "LE PHI truoc ba ho ngheo").await;
    let comments = found["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 1, "{found}");
    assert_eq!(comments[0]["id"], id.as_str());
    assert_eq!(comments[0]["url"], format!("/comments/{id}"));
    let html = app
        .browser()
        .get_text("/search?q=le%20phi%20truoc%20ba%20ho%20ngheo", 200)
        .await;
    assert!(html.contains(&format!("/comments/{id}")), "{html}");
    assert!(html.contains("1 ý kiến đã công bố có đủ các từ này"));

    app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::comments;
        diesel::update(comments::table.filter(comments::public_id.eq(&id)))
            .set(comments::status.eq("hidden"))
            .execute(c)?;
        Ok(())
    });
    let gone = api(&app, "le phi truoc ba ho ngheo").await;
    assert_eq!(
        gone["comments"].as_array().unwrap().len(),
        0,
        "a hidden comment is not found"
    );
}
