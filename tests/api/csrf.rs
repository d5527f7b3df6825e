//! Every state-changing form needs a token bound to the session, from our own origin.

use gopy::domain::Role;

use crate::helpers::{PASSWORD, TestApp};

#[tokio::test]
async fn a_form_without_a_token_is_refused_with_a_clear_page() {
    let app = TestApp::spawn().await;
    app.create_user("lan@example.vn", Role::Citizen, None);
    let browser = app.browser();
    let response = browser
        .post_raw(
            "/login",
            &[("email", "lan@example.vn"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 403);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Biểu mẫu đã hết hạn hoặc được gửi từ một trang khác"),
        "{html}"
    );
    assert!(
        browser.get("/account").await.status().as_u16() == 303,
        "not signed in"
    );
}

#[tokio::test]
async fn a_token_from_another_browser_is_refused() {
    let app = TestApp::spawn().await;
    app.create_user("lan@example.vn", Role::Citizen, None);
    let victim = app.signed_in("minh@example.vn", Role::Citizen, None).await;
    let attacker = app.browser();
    let attackers_token = attacker.csrf().await;
    let response = victim
        .post_raw("/account/sessions/end-all", &[("_csrf", &attackers_token)])
        .await;
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(
        victim.get("/account").await.status().as_u16(),
        200,
        "still signed in"
    );
}

#[tokio::test]
async fn the_token_of_a_signed_out_session_no_longer_works() {
    let app = TestApp::spawn().await;
    let browser = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let old = browser.csrf().await;
    browser.post_form("/logout", &[]).await;
    browser.login("lan@example.vn", PASSWORD).await;
    let response = browser
        .post_raw("/account/sessions/end-all", &[("_csrf", &old)])
        .await;
    assert_eq!(response.status().as_u16(), 403);
}

#[tokio::test]
async fn a_post_from_another_origin_is_refused_even_with_a_token() {
    let app = TestApp::spawn().await;
    let browser = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let token = browser.csrf().await;
    let response = browser
        .client
        .post(format!("{}/account/sessions/end-all", app.address))
        .header("origin", "https://evil.example")
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    let response = browser
        .client
        .post(format!("{}/account/sessions/end-all", app.address))
        .header("referer", "https://evil.example/page")
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    // The same request from our own origin passes.
    let response = browser
        .client
        .post(format!("{}/account/sessions/end-all", app.address))
        .header("origin", app.address.as_str())
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
}
