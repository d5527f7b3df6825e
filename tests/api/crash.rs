//! Crash safety: `gopy serve` killed with SIGKILL in the middle of a stream
//! of comment submissions loses nothing it acknowledged; after a restart the
//! ledger verifies and every receipt queued reaches the mail server.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::helpers::TestDatabase;
use crate::process::{Server, gopy};
use crate::smtp::SmtpServer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_stream_keeps_every_acknowledged_comment() {
    let dir = tempfile::tempdir().unwrap();
    let database = TestDatabase::create(dir.path());
    let url = database.url.clone();
    assert!(gopy(&url, &["demo"]).status.success(), "demo data");
    let token = String::from_utf8(
        gopy(
            &url,
            &["admin", "create-token", "--email", "congdan@demo.gopy.vn"],
        )
        .stdout,
    )
    .unwrap()
    .lines()
    .rev()
    .find(|l| !l.trim().is_empty())
    .unwrap()
    .trim()
    .to_string();
    let slug = {
        use diesel::prelude::*;
        let config = gopy::config::Config::try_from(gopy::config::RawConfig {
            database_url: url.clone(),
            ..gopy::config::RawConfig::default()
        })
        .unwrap();
        gopy::startup::with_connection(&config, |c| {
            use gopy::db::schema::drafts;
            Ok(drafts::table
                .filter(drafts::status.eq("open"))
                .select(drafts::slug)
                .first::<String>(c)?)
        })
        .unwrap()
    };
    let smtp = SmtpServer::start().await;
    let port = SmtpServer::reserve_port();
    let client = reqwest::Client::new();
    // A short lease: the restarted node takes over what the killed one claimed.
    let lease = Duration::from_secs(3);
    let mut server = Server::start(&url, port, smtp.port, lease, dir.path());
    server.ready(&client).await;
    let base = server.base.clone();

    // Eight clients send comments as fast as they can.
    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut clients = Vec::new();
    for n in 0..8 {
        let (client, base, token, slug, acked) = (
            client.clone(),
            base.clone(),
            token.clone(),
            slug.clone(),
            acked.clone(),
        );
        clients.push(tokio::spawn(async move {
            for i in 0.. {
                let body = serde_json::json!({
                    "body": format!("Ý kiến số {i} của người gửi {n}: đề nghị rút ngắn thời hạn giải quyết hồ sơ."),
                    "category": "individual",
                    "consent_processing": true,
                });
                let Ok(response) = client
                    .post(format!("{base}/api/v1/drafts/{slug}/comments"))
                    .bearer_auth(&token)
                    .json(&body)
                    .send()
                    .await
                else {
                    return;
                };
                if response.status().as_u16() != 201 {
                    continue;
                }
                let Ok(json) = response.json::<serde_json::Value>().await else {
                    return;
                };
                acked.lock().unwrap().push(json["id"].as_str().unwrap().to_string());
            }
        }));
    }
    while acked.lock().unwrap().len() < 150 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.kill();
    for c in clients {
        let _ = c.await;
    }
    let acked: Vec<String> = acked.lock().unwrap().clone();
    assert!(acked.len() >= 150);

    // Restarted on the same database, it has every acknowledged comment.
    let server = Server::start(&url, port, smtp.port, lease, dir.path());
    server.ready(&client).await;
    for id in &acked {
        let status = client
            .get(format!("{base}/api/v1/comments/{id}"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        assert_eq!(status, 200, "acknowledged comment {id} is stored");
    }
    let verified = gopy(&url, &["ledger", "verify"]);
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stdout)
    );

    // Every receipt queued reaches the mail server; a mail sent just before
    // the kill may go again, with the same Message-ID (the outbox row's).
    let mut by_comment: HashMap<String, BTreeSet<String>> = HashMap::new();
    for _ in 0..600 {
        by_comment.clear();
        for mail in smtp.messages() {
            let text = mail.text();
            if let Some(id) = acked.iter().find(|id| text.contains(id.as_str())) {
                by_comment
                    .entry(id.clone())
                    .or_default()
                    .insert(mail.header("Message-ID").unwrap_or_default());
            }
        }
        if by_comment.len() == acked.len() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        by_comment.len(),
        acked.len(),
        "a receipt for every acknowledged comment"
    );
    for (id, ids) in &by_comment {
        assert_eq!(
            ids.len(),
            1,
            "receipts of {id} share one Message-ID: {ids:?}"
        );
    }
}
