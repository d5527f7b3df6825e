//! End-to-end tests in a real, headless Chromium: the flows people go
//! through on a phone and a laptop, axe-core on every main page in both
//! languages, and the comment flow by keyboard alone. Screenshots land in
//! `target/screenshots/` for review.
//!
//! Needs Debian's `chromium` and `chromium-driver` (skipped with a loud
//! message where they are missing, never in CI) and axe-core from
//! `npm ci --prefix tests/e2e`.

#[allow(dead_code)]
#[path = "../api/helpers.rs"]
mod helpers;
#[allow(dead_code)]
#[path = "../api/smtp.rs"]
mod smtp;

mod accessibility;
mod chrome;
mod flows;
mod keyboard;

/// The demo's open draft.
pub fn open_slug(app: &helpers::TestApp) -> String {
    app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::drafts::dsl::*;
        Ok(drafts.filter(status.eq("open")).select(slug).first(c)?)
    })
}

/// A point of the demo's open draft that takes comments.
pub const POINT: &str = "quy-dinh/chuong-1/dieu-2/khoan-1/diem-b";

/// The demo accounts' password.
pub const DEMO_PASSWORD: &str = "gopy-demo-2026";

/// Signs in through the login form, as a person would.
pub async fn sign_in(chrome: &chrome::Chrome, app: &helpers::TestApp, email: &str, password: &str) {
    chrome.open(&format!("{}/login", app.address)).await;
    chrome.find("#email").await.send_keys(email).await.unwrap();
    chrome
        .find("#password")
        .await
        .send_keys(password)
        .await
        .unwrap();
    let after = chrome
        .follow("form[action=\"/login\"] button[type=submit]")
        .await;
    assert!(
        !after.starts_with("/login"),
        "{email} could not sign in: {}",
        chrome.text().await
    );
}
