//! E-mail goes through the outbox: nothing is lost while SMTP is down, and
//! nothing is sent twice.

use std::time::Duration;

use gopy::domain::Role;

use crate::helpers::{PASSWORD, TestApp};
use crate::smtp::SmtpServer;

fn pending(app: &TestApp) -> i64 {
    app.db(|c| Ok(gopy::models::OutboxMail::pending(c)?))
}

#[tokio::test]
async fn mail_waits_in_the_outbox_while_smtp_is_down_and_goes_out_once_it_is_back() {
    let port = SmtpServer::reserve_port();
    let mut down = SmtpServer::start_on(port).await;
    down.stop();
    let app = TestApp::spawn_with_smtp(down, |_| {}).await;
    let response = app
        .browser()
        .register("Lan", "lan@example.vn", PASSWORD)
        .await;
    assert_eq!(
        response.status().as_u16(),
        303,
        "the user is not kept waiting by SMTP"
    );

    // A few failed attempts later, the mail is still queued with its error.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(pending(&app), 1);
    let (attempts, error): (i32, Option<String>) = app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::outbox::dsl::*;
        Ok(outbox.select((attempts, last_error)).first(c)?)
    });
    assert!(attempts >= 1, "tried at least once");
    assert!(error.is_some());

    let back = SmtpServer::start_on(port).await;
    let mail = back.last_to("lan@example.vn").await;
    assert_eq!(mail.subject(), "Xác nhận địa chỉ thư điện tử của bạn");
    // Give the worker time to (wrongly) send again, then count.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(back.messages().len(), 1, "sent exactly once");
    assert_eq!(pending(&app), 0);
}

#[tokio::test]
async fn two_nodes_on_one_database_send_each_mail_once() {
    let app = TestApp::spawn().await;
    // A second node: same database, same SMTP server, its own outbox worker.
    let other = gopy::startup::Application::build(app.config.clone())
        .await
        .unwrap();
    let handle = other.handle();
    tokio::spawn(other.run_until_stopped());
    for i in 0..10 {
        app.create_user(&format!("u{i}@example.vn"), Role::Citizen, None);
        app.browser()
            .post_form(
                "/password/forgot",
                &[("email", &format!("u{i}@example.vn"))],
            )
            .await;
    }
    app.smtp.wait_for(10).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let messages = app.smtp.messages();
    assert_eq!(messages.len(), 10, "each of the ten e-mails exactly once");
    let mut ids: Vec<String> = messages
        .iter()
        .map(|m| m.header("Message-ID").unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 10);
    handle.stop(false).await;
}

#[tokio::test]
async fn without_smtp_mail_is_written_to_files() {
    let app = TestApp::spawn_with(|c| c.mail_url = None).await;
    app.browser()
        .register("Lan", "lan@example.vn", PASSWORD)
        .await;
    let dir = app.config.data_dir.join("mail");
    for _ in 0..100 {
        let files: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.flatten().collect())
            .unwrap_or_default();
        if let Some(file) = files
            .iter()
            .find(|f| f.path().extension().is_some_and(|e| e == "eml"))
        {
            let text = std::fs::read_to_string(file.path()).unwrap();
            assert!(text.contains("lan@example.vn"));
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no .eml file in {}", dir.display());
}
