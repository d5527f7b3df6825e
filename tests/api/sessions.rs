//! Sessions: stored in the database, revocable, renewed at sign-in.

use gopy::domain::Role;

use crate::helpers::{PASSWORD, TestApp, location};

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("gopy_session="))
}

#[tokio::test]
async fn session_cookie_is_http_only_and_lax() {
    let app = TestApp::spawn().await;
    app.create_user("lan@example.vn", Role::Citizen, None);
    let response = app.browser().login("lan@example.vn", PASSWORD).await;
    let cookie = session_cookie(&response).expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
}

#[tokio::test]
async fn session_cookie_is_secure_when_the_portal_is_https() {
    let app = TestApp::spawn_with(|c| c.base_url = Some("https://gopy.example.vn".into())).await;
    app.create_user("lan@example.vn", Role::Citizen, None);
    // Posted as the portal's own origin would be; the test client speaks plain http.
    let browser = app.browser();
    let token = browser.csrf().await;
    let response = browser
        .client
        .post(format!("{}/login", app.address))
        .form(&[
            ("_csrf", token.as_str()),
            ("email", "lan@example.vn"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let cookie = session_cookie(&response).expect("a session cookie");
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn session_id_changes_at_each_sign_in() {
    let app = TestApp::spawn().await;
    app.create_user("lan@example.vn", Role::Citizen, None);
    let browser = app.browser();
    let first = session_cookie(&browser.login("lan@example.vn", PASSWORD).await).unwrap();
    browser.post_form("/logout", &[]).await;
    let second = session_cookie(&browser.login("lan@example.vn", PASSWORD).await).unwrap();
    assert_ne!(first, second);
}

#[tokio::test]
async fn sessions_survive_a_restart_because_they_live_in_the_database() {
    let app = TestApp::spawn().await;
    app.create_user("lan@example.vn", Role::Citizen, None);
    let browser = app.browser();
    let cookie = session_cookie(&browser.login("lan@example.vn", PASSWORD).await).unwrap();
    let value = cookie.split(';').next().unwrap().to_string();
    // A second app process on the same database (as after a restart, or another node).
    let other = gopy::startup::Application::build(app.config.clone())
        .await
        .unwrap();
    let port = other.port();
    let handle = other.handle();
    tokio::spawn(other.run_until_stopped());
    let response = reqwest::Client::new()
        .get(format!("http://127.0.0.1:{port}/account"))
        .header("cookie", value)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.text().await.unwrap().contains("lan@example.vn"));
    handle.stop(false).await;
}

#[tokio::test]
async fn sign_out_ends_the_session() {
    let app = TestApp::spawn().await;
    app.create_user("lan@example.vn", Role::Citizen, None);
    let browser = app.browser();
    browser.login("lan@example.vn", PASSWORD).await;
    browser.get_text("/account", 200).await;
    let response = browser.post_form("/logout", &[]).await;
    assert_eq!(location(&response), "/");
    assert_eq!(browser.get("/account").await.status().as_u16(), 303);
    assert!(
        browser
            .get_text("/", 200)
            .await
            .contains("Bạn đã đăng xuất.")
    );
}

#[tokio::test]
async fn sign_out_everywhere_ends_the_other_sessions_too() {
    let app = TestApp::spawn().await;
    app.create_user("lan@example.vn", Role::Citizen, None);
    let phone = app.browser();
    let laptop = app.browser();
    phone.login("lan@example.vn", PASSWORD).await;
    laptop.login("lan@example.vn", PASSWORD).await;
    let account = laptop.get_text("/account", 200).await;
    assert!(account.contains("trên 2 thiết bị"), "{account}");

    let response = laptop.post_form("/account/sessions/end-all", &[]).await;
    assert_eq!(location(&response), "/login");
    assert_eq!(
        phone.get("/account").await.status().as_u16(),
        303,
        "the phone is signed out"
    );
    assert_eq!(
        laptop.get("/account").await.status().as_u16(),
        303,
        "and this browser too"
    );
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions_but_keeps_this_one() {
    let app = TestApp::spawn().await;
    app.create_user("lan@example.vn", Role::Citizen, None);
    let phone = app.browser();
    let laptop = app.browser();
    phone.login("lan@example.vn", PASSWORD).await;
    laptop.login("lan@example.vn", PASSWORD).await;

    let wrong = laptop
        .post_form(
            "/account/password",
            &[
                ("current", "không phải mật khẩu"),
                ("password", "mật khẩu mới dài"),
                ("password_confirm", "mật khẩu mới dài"),
            ],
        )
        .await;
    assert_eq!(wrong.status().as_u16(), 422);
    assert!(
        wrong
            .text()
            .await
            .unwrap()
            .contains("Mật khẩu hiện tại không đúng.")
    );

    let response = laptop
        .post_form(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("password", "mật khẩu mới dài"),
                ("password_confirm", "mật khẩu mới dài"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/account");
    assert_eq!(laptop.get("/account").await.status().as_u16(), 200);
    assert_eq!(phone.get("/account").await.status().as_u16(), 303);
    assert_eq!(
        app.browser()
            .login("lan@example.vn", "mật khẩu mới dài")
            .await
            .status()
            .as_u16(),
        303
    );
}

#[tokio::test]
async fn a_disabled_account_is_signed_out_and_cannot_sign_in() {
    let app = TestApp::spawn().await;
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let admin = app.signed_in("admin@example.vn", Role::Admin, None).await;
    let user = app.db(|c| {
        Ok(gopy::models::User::find_by_email(
            c,
            &gopy::domain::Email::parse("lan@example.vn").unwrap(),
        )?
        .unwrap())
    });
    let response = admin
        .post_form(
            &format!("/admin/users/{}", user.public_id),
            &[("role", "citizen"), ("agency", ""), ("disabled", "1")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(lan.get("/account").await.status().as_u16(), 303);
    assert_eq!(
        app.browser()
            .login("lan@example.vn", PASSWORD)
            .await
            .status()
            .as_u16(),
        422
    );
}
