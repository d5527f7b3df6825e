//! Personal API tokens: shown once, stored hashed, revocable.

use gopy::domain::Role;
use serde_json::Value;

use crate::helpers::{TestApp, extract_value};

async fn me(app: &TestApp, token: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(format!("{}/api/v1/me", app.address));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_token_works_until_it_is_revoked() {
    let app = TestApp::spawn().await;
    let browser = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let response = browser
        .post_form("/account/tokens", &[("name", "script báo cáo")])
        .await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let html = response.text().await.unwrap();
    let token = extract_value(&html, "<code class=\"token\" id=\"new-token\">")
        .map(|t| t.split('<').next().unwrap().to_string())
        .or_else(|| {
            let start = html.find("id=\"new-token\">")? + "id=\"new-token\">".len();
            Some(html[start..start + html[start..].find('<')?].to_string())
        })
        .expect("the token is shown");
    assert!(token.starts_with("gopy_"), "{token}");

    // Shown once: the account page doesn't show it again, and it is stored hashed.
    let again = browser.get_text("/account", 200).await;
    assert!(!again.contains(&token));
    assert!(again.contains("script báo cáo"));
    let stored: Vec<String> = app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::api_tokens::dsl::*;
        Ok(api_tokens.select(token_hash).load(c)?)
    });
    assert_eq!(stored, vec![gopy::auth::secret::digest(&token)]);

    let response = me(&app, Some(&token)).await;
    assert_eq!(response.status().as_u16(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["email"], "lan@example.vn");
    assert_eq!(body["role"], "citizen");
    assert_eq!(body["agency"], Value::Null);

    let html = browser.get_text("/account", 200).await;
    let marker = "action=\"/account/tokens/";
    let start = html.find(marker).unwrap() + marker.len();
    let id = &html[start..start + html[start..].find('/').unwrap()];
    let response = browser
        .post_form(&format!("/account/tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(response.status().as_u16(), 303);

    let response = me(&app, Some(&token)).await;
    assert_eq!(response.status().as_u16(), 401);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized");
    assert_eq!(
        body["error"]["message"],
        "Mã truy cập không đúng hoặc đã bị thu hồi."
    );
}

#[tokio::test]
async fn a_missing_or_made_up_token_gets_a_json_401() {
    let app = TestApp::spawn().await;
    let response = me(&app, None).await;
    assert_eq!(response.status().as_u16(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    assert_eq!(response.headers()["content-type"], "application/json");
    let body: Value = response.json().await.unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Authorization: Bearer")
    );
    let response = me(&app, Some("gopy_made-up")).await;
    assert_eq!(response.status().as_u16(), 401);
}

#[tokio::test]
async fn a_token_carries_its_users_role_and_agency() {
    let app = TestApp::spawn().await;
    app.create_agency("STP", gopy::domain::AgencyKind::JusticeDepartment);
    app.create_user("bao@stp.gov.vn", Role::Appraiser, Some("STP"));
    let token = app.db(|c| gopy::admin::create_token(c, "bao@stp.gov.vn", "cli"));
    let body: Value = me(&app, Some(&token)).await.json().await.unwrap();
    assert_eq!(body["role"], "appraiser");
    assert_eq!(body["agency"]["short_name"], "STP");
}

#[tokio::test]
async fn one_user_cannot_revoke_anothers_token() {
    let app = TestApp::spawn().await;
    app.create_user("minh@example.vn", Role::Citizen, None);
    let token = app.db(|c| gopy::admin::create_token(c, "minh@example.vn", "cli"));
    let id: String = app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::api_tokens::dsl::*;
        Ok(api_tokens.select(public_id).first(c)?)
    });
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let response = lan
        .post_form(&format!("/account/tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(me(&app, Some(&token)).await.status().as_u16(), 200);
}
