//! Administration pages and commands.

use gopy::domain::Role;

use crate::helpers::{TestApp, location};

#[tokio::test]
async fn an_admin_adds_an_agency_and_makes_a_citizen_its_drafter() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("admin@example.vn", Role::Admin, None).await;
    let response = admin
        .post_form(
            "/admin/agencies",
            &[
                ("name", "Sở Giáo dục và Đào tạo"),
                ("short_name", "SGDDT"),
                ("kind", "drafting_department"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let list = admin.get_text("/admin/agencies", 200).await;
    assert!(list.contains("Sở Giáo dục và Đào tạo"));
    assert!(list.contains("Đã thêm cơ quan."));

    let duplicate = admin
        .post_form(
            "/admin/agencies",
            &[("name", "Khác"), ("short_name", "SGDDT"), ("kind", "other")],
        )
        .await;
    assert_eq!(duplicate.status().as_u16(), 422);
    assert!(
        duplicate
            .text()
            .await
            .unwrap()
            .contains("Tên viết tắt này đã được dùng")
    );

    let lan = app.create_user("lan@example.vn", Role::Citizen, None);
    let agency = app.db(|c| Ok(gopy::models::Agency::find_by_short_name(c, "SGDDT")?.unwrap()));
    let path = format!("/admin/users/{}", lan.public_id);
    let refused = admin
        .post_form(&path, &[("role", "drafter"), ("agency", "")])
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("phải thuộc một cơ quan")
    );
    let response = admin
        .post_form(&path, &[("role", "drafter"), ("agency", &agency.public_id)])
        .await;
    assert_eq!(location(&response), path);
    let user = app.db(|c| Ok(gopy::models::User::by_id(c, lan.id)?));
    assert_eq!(user.role(), Role::Drafter);
    assert_eq!(user.agency_id, Some(agency.id));
}

#[tokio::test]
async fn an_admin_cannot_lock_themselves_out() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("admin@example.vn", Role::Admin, None).await;
    let me = app.db(|c| {
        Ok(gopy::models::User::find_by_email(
            c,
            &gopy::domain::Email::parse("admin@example.vn").unwrap(),
        )?
        .unwrap())
    });
    let response = admin
        .post_form(
            &format!("/admin/users/{}", me.public_id),
            &[("role", "citizen"), ("agency", "")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    assert_eq!(admin.get("/admin/users").await.status().as_u16(), 200);
}

#[tokio::test]
async fn demo_accounts_exist_for_every_role_and_sign_in() {
    let app = TestApp::spawn().await;
    let report = app.seed_demo();
    assert_eq!(report.users_added, gopy::demo::USERS.len());
    for (email, _, role, _) in gopy::demo::USERS {
        let browser = app.browser();
        let response = browser.login(email, gopy::demo::DEMO_PASSWORD).await;
        assert_eq!(response.status().as_u16(), 303, "{email}");
        let page = browser.get_text("/account", 200).await;
        let label = gopy::i18n::Lang::Vi.text(role.label_key());
        assert!(page.contains(&label), "{email} is a {label}");
    }
    assert_eq!(app.seed_demo().users_added, 0);
}

#[tokio::test]
async fn admin_commands_create_agency_user_and_token() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let app = TestApp::spawn().await;
    let url = app.config.database.to_string();
    let gopy = |args: &[&str], stdin: Option<&str>| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gopy"))
            .args(args)
            .args(["--database-url", &url])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(input) = stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(input.as_bytes())
                .unwrap();
        }
        child.wait_with_output().unwrap()
    };
    let out = gopy(
        &[
            "admin",
            "create-agency",
            "--name",
            "Sở Y tế",
            "--short-name",
            "SYT",
            "--kind",
            "drafting_department",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = gopy(
        &[
            "admin",
            "create-user",
            "--email",
            "an@syt.gov.vn",
            "--role",
            "drafter",
        ],
        None,
    );
    assert!(!out.status.success(), "a drafter needs an agency");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--agency"));
    let out = gopy(
        &[
            "admin",
            "create-user",
            "--email",
            "an@syt.gov.vn",
            "--role",
            "drafter",
            "--agency",
            "SYT",
            "--name",
            "Võ Thị An",
            "--password-stdin",
        ],
        Some("một mật khẩu rất dài\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = gopy(&["admin", "create-token", "--email", "an@syt.gov.vn"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();

    let body: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/api/v1/me", app.address))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["display_name"], "Võ Thị An");
    assert_eq!(body["agency"]["short_name"], "SYT");
    let browser = app.browser();
    assert_eq!(
        browser
            .login("an@syt.gov.vn", "một mật khẩu rất dài")
            .await
            .status()
            .as_u16(),
        303
    );
}
