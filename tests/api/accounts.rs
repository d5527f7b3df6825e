//! Registration, confirmation, sign-in and password reset, with real e-mail.

use gopy::domain::Role;

use crate::helpers::{PASSWORD, TestApp, extract_value, location};

fn alert(html: &str) -> String {
    let start = html.find("role=\"alert\"").expect("an alert");
    let end = html[start..].find("</div>").unwrap() + start;
    html[start..end].to_string()
}

#[tokio::test]
async fn register_confirm_by_email_then_sign_in() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let response = browser
        .register("Nguyễn Thị Lan", "Lan@Example.vn", PASSWORD)
        .await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/register/sent");
    let sent = browser.get_text("/register/sent", 200).await;
    assert!(sent.contains("Vui lòng kiểm tra hộp thư"), "{sent}");

    // Not yet: the address is unconfirmed.
    let early = browser.login("lan@example.vn", PASSWORD).await;
    assert_eq!(early.status().as_u16(), 422);
    assert!(
        early
            .text()
            .await
            .unwrap()
            .contains("xác nhận địa chỉ thư điện tử trước")
    );

    let mail = app.smtp.last_to("lan@example.vn").await;
    assert_eq!(mail.subject(), "Xác nhận địa chỉ thư điện tử của bạn");
    assert_eq!(
        mail.from, "no-reply@localhost",
        "the envelope sender is GOPY_MAIL_FROM"
    );
    assert!(
        mail.text().contains("Xin chào Nguyễn Thị Lan,"),
        "{}",
        mail.text()
    );
    assert!(mail.html().contains("Xác nhận địa chỉ"), "HTML part too");
    let link = mail.link("/verify-email?token=");
    assert!(
        link.starts_with(&app.address),
        "{link} points at the portal"
    );

    let path = link.trim_start_matches(&app.address);
    let confirmed = browser.get_text(path, 200).await;
    assert!(
        confirmed.contains("Đã xác nhận địa chỉ thư điện tử"),
        "{confirmed}"
    );
    // A confirmation link works once.
    browser.get_text(path, 400).await;

    let response = browser.login("lan@example.vn", PASSWORD).await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/account");
    let account = browser.get_text("/account", 200).await;
    assert!(account.contains("Nguyễn Thị Lan"));
    assert!(account.contains("lan@example.vn"));
    assert!(account.contains("Công dân"), "role shown");
}

#[tokio::test]
async fn english_registration_sends_english_mail() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    browser.get_text("/?lang=en", 200).await;
    let response = browser.register("Lan", "lan@example.vn", PASSWORD).await;
    assert_eq!(response.status().as_u16(), 303);
    let mail = app.smtp.last_to("lan@example.vn").await;
    assert_eq!(mail.subject(), "Confirm your e-mail address");
}

#[tokio::test]
async fn invalid_registration_shows_each_error_and_keeps_the_values() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let response = browser
        .post_form(
            "/register",
            &[
                ("display_name", "  "),
                ("email", "lan@"),
                ("password", "ngắn"),
                ("password_confirm", "ngắn"),
                ("account_type", "organisation"),
                ("organisation_name", "Công ty Sông Ba"),
                ("organisation_tax_code", "12345"),
                ("organisation_sector", "Xây dựng"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Vui lòng nhập thông tin này."));
    assert!(html.contains("Địa chỉ thư điện tử không đúng định dạng"));
    assert!(html.contains("Mật khẩu phải có ít nhất 10 ký tự."));
    assert!(html.contains("Mã số thuế gồm 10 chữ số"));
    assert!(
        html.contains("value=\"Công ty Sông Ba\""),
        "typed values are kept"
    );
    assert!(
        html.contains("aria-invalid=\"true\""),
        "fields are marked for screen readers"
    );
    assert!(app.smtp.messages().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn organisation_registration_records_the_organisation() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let response = browser
        .post_form(
            "/register",
            &[
                ("display_name", "Phạm Văn Hùng"),
                ("email", "hung@caphe.vn"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("account_type", "organisation"),
                ("organisation_name", "Hiệp hội Cà phê Gia Lai"),
                ("organisation_tax_code", "5900123456"),
                ("organisation_sector", "Nông nghiệp"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let user = app.db(|c| {
        Ok(gopy::models::User::find_by_email(
            c,
            &gopy::domain::Email::parse("hung@caphe.vn").unwrap(),
        )?
        .unwrap())
    });
    assert_eq!(user.role(), Role::OrganisationRep);
    assert_eq!(
        user.organisation_name.as_deref(),
        Some("Hiệp hội Cà phê Gia Lai")
    );
    assert_eq!(user.organisation_tax_code.as_deref(), Some("5900123456"));
    assert!(user.password_hash.unwrap().starts_with("$argon2id$"));
}

#[tokio::test]
async fn registering_a_known_address_looks_the_same_but_mails_a_notice() {
    let app = TestApp::spawn().await;
    app.create_user("lan@example.vn", Role::Citizen, None);
    let response = app
        .browser()
        .register("Kẻ giả mạo", "lan@example.vn", "mật khẩu khác hẳn")
        .await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/register/sent");
    let mail = app.smtp.last_to("lan@example.vn").await;
    assert_eq!(mail.subject(), "Có người đăng ký bằng địa chỉ của bạn");
    // The old password still works; nothing was overwritten.
    assert_eq!(
        app.browser()
            .login("lan@example.vn", PASSWORD)
            .await
            .status()
            .as_u16(),
        303
    );
}

#[tokio::test]
async fn wrong_password_and_unknown_address_get_the_same_answer() {
    let app = TestApp::spawn().await;
    app.create_user("lan@example.vn", Role::Citizen, None);
    let wrong = app
        .browser()
        .login("lan@example.vn", "sai mật khẩu rồi")
        .await;
    let unknown = app
        .browser()
        .login("ai@example.vn", "sai mật khẩu rồi")
        .await;
    assert_eq!(wrong.status(), unknown.status());
    assert_eq!(wrong.status().as_u16(), 422);
    let (wrong, unknown) = (wrong.text().await.unwrap(), unknown.text().await.unwrap());
    assert_eq!(alert(&wrong), alert(&unknown));
    assert!(alert(&wrong).contains("Thư điện tử hoặc mật khẩu không đúng."));
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while() {
    let app = TestApp::spawn().await;
    app.create_user("lan@example.vn", Role::Citizen, None);
    let attacker = app.browser();
    for _ in 0..5 {
        let response = attacker.login("lan@example.vn", "đoán mò lần nữa").await;
        assert_eq!(response.status().as_u16(), 422);
    }
    // Even the right password is refused now, from any browser.
    let response = app.browser().login("lan@example.vn", PASSWORD).await;
    assert_eq!(response.status().as_u16(), 429);
    assert!(response.text().await.unwrap().contains("quá nhiều lần"));
    // Another account is not affected.
    app.create_user("minh@example.vn", Role::Citizen, None);
    assert_eq!(
        app.browser()
            .login("minh@example.vn", PASSWORD)
            .await
            .status()
            .as_u16(),
        303
    );
}

#[tokio::test]
async fn failures_from_one_address_are_limited_across_accounts() {
    let app = TestApp::spawn().await;
    let attacker = app.browser();
    for i in 0..30 {
        let response = attacker
            .login(&format!("user{i}@example.vn"), "đoán mò lần nữa")
            .await;
        assert_eq!(response.status().as_u16(), 422, "attempt {i}");
    }
    let response = attacker.login("user99@example.vn", "đoán mò lần nữa").await;
    assert_eq!(response.status().as_u16(), 429);
}

#[tokio::test]
async fn password_reset_link_works_once() {
    let app = TestApp::spawn().await;
    app.create_user("lan@example.vn", Role::Citizen, None);
    let browser = app.browser();
    let response = browser
        .post_form("/password/forgot", &[("email", "lan@example.vn")])
        .await;
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Nếu địa chỉ này có tài khoản")
    );
    let mail = app.smtp.last_to("lan@example.vn").await;
    assert_eq!(mail.subject(), "Đặt lại mật khẩu");
    let link = mail.link("/password/reset?token=");
    let path = link.trim_start_matches(&app.address).to_string();
    let form = browser.get_text(&path, 200).await;
    let token = extract_value(&form, "name=\"token\" value=\"").unwrap();

    let new_password = "một mật khẩu mới tinh";
    let response = browser
        .post_form(
            "/password/reset",
            &[
                ("token", &token),
                ("password", new_password),
                ("password_confirm", new_password),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/login");
    let login_page = browser.get_text("/login", 200).await;
    assert!(
        login_page.contains("Đã đặt mật khẩu mới."),
        "the notice is shown once"
    );
    assert!(
        !browser
            .get_text("/login", 200)
            .await
            .contains("Đã đặt mật khẩu mới.")
    );

    assert_eq!(
        app.browser()
            .login("lan@example.vn", PASSWORD)
            .await
            .status()
            .as_u16(),
        422
    );
    assert_eq!(
        app.browser()
            .login("lan@example.vn", new_password)
            .await
            .status()
            .as_u16(),
        303
    );

    // The same link again: refused, on the form and on submission.
    browser.get_text(&path, 400).await;
    let again = browser
        .post_form(
            "/password/reset",
            &[
                ("token", &token),
                ("password", "lại một mật khẩu khác"),
                ("password_confirm", "lại một mật khẩu khác"),
            ],
        )
        .await;
    assert_eq!(again.status().as_u16(), 400);
    assert_eq!(
        app.browser()
            .login("lan@example.vn", new_password)
            .await
            .status()
            .as_u16(),
        303
    );
}

#[tokio::test]
async fn password_reset_link_expires() {
    use diesel::prelude::*;
    let app = TestApp::spawn().await;
    app.create_user("lan@example.vn", Role::Citizen, None);
    let browser = app.browser();
    browser
        .post_form("/password/forgot", &[("email", "lan@example.vn")])
        .await;
    let link = app
        .smtp
        .last_to("lan@example.vn")
        .await
        .link("/password/reset?token=");
    // An hour and a minute later.
    app.db(|c| {
        use gopy::db::schema::email_tokens::dsl::*;
        diesel::update(email_tokens)
            .set(expires_at.eq(gopy::models::now() - chrono::Duration::minutes(1)))
            .execute(c)?;
        Ok(())
    });
    let page = browser
        .get_text(link.trim_start_matches(&app.address), 400)
        .await;
    assert!(page.contains("đã hết hạn"), "{page}");
}

#[tokio::test]
async fn reset_for_an_unknown_address_sends_nothing_and_says_the_same() {
    let app = TestApp::spawn().await;
    let response = app
        .browser()
        .post_form("/password/forgot", &[("email", "ai@example.vn")])
        .await;
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Nếu địa chỉ này có tài khoản")
    );
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert!(app.smtp.messages().is_empty());
}

#[tokio::test]
async fn sign_in_page_returns_to_the_page_asked_for() {
    let app = TestApp::spawn().await;
    app.create_user("lan@example.vn", Role::Citizen, None);
    let browser = app.browser();
    let response = browser.get("/account/password").await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/login?next=%2Faccount%2Fpassword");
    let form = browser.get_text("/login?next=/account/password", 200).await;
    assert!(form.contains("name=\"next\" value=\"/account/password\""));
    let response = browser
        .post_form(
            "/login",
            &[
                ("email", "lan@example.vn"),
                ("password", PASSWORD),
                ("next", "/account/password"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/account/password");
    // Never to another site.
    let response = browser.post_form("/logout", &[]).await;
    assert_eq!(response.status().as_u16(), 303);
    let response = browser
        .post_form(
            "/login",
            &[
                ("email", "lan@example.vn"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/account");
}
