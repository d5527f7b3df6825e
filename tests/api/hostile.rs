//! Hostile input: each gets a clear 4xx (never a 5xx) and leaves no partial
//! data behind.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use gopy::db::schema::threads;
use gopy::domain::Role;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{TestApp, location};

/// What a form that can't be read is answered with (form-error-malformed).
const MALFORMED: &str = "Dữ liệu biểu mẫu không đọc được.";

fn stored_threads(app: &TestApp) -> i64 {
    app.db(|c| Ok(threads::table.count().get_result(c)?))
}

fn stc(app: &TestApp) -> String {
    app.db(|c| {
        use gopy::db::schema::agencies;
        Ok(agencies::table
            .filter(agencies::short_name.eq("STC"))
            .select(agencies::public_id)
            .first(c)?)
    })
}

#[tokio::test]
async fn oversized_malformed_and_overstuffed_forms_get_a_4xx_and_store_nothing() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let citizen = app.signed_in("an@example.vn", Role::Citizen, None).await;
    let csrf = citizen.csrf().await;
    let before = stored_threads(&app);
    let url = format!("{}/threads", app.address);

    // A form far larger than any form needs.
    let huge = format!(
        "_csrf={csrf}&kind=feedback&title=x&body={}",
        "a".repeat(2_000_000)
    );
    let response = citizen
        .client
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 413);

    // Bytes that are not UTF-8.
    let mut bytes = format!("_csrf={csrf}&kind=feedback&title=").into_bytes();
    bytes.extend_from_slice(&[0xff, 0xfe, 0xfd]);
    let response = citizen
        .client
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(bytes)
        .send()
        .await
        .unwrap();
    // Decoded with replacement characters, then judged like any input.
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Tiêu đề cần ít nhất 5 ký tự."),
        "a clear message"
    );

    // Multipart that isn't: a boundary that never comes.
    let response = citizen
        .client
        .post(&url)
        .header("content-type", "multipart/form-data; boundary=XYZ")
        .body("--ABC\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400, "malformed multipart");
    assert!(response.text().await.unwrap().contains(MALFORMED));

    // Ten thousand fields.
    let mut many = format!("_csrf={csrf}");
    for i in 0..10_000 {
        many.push_str(&format!("&f{i}=x"));
    }
    let started = Instant::now();
    let response = citizen
        .client
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(many)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    assert!((400..500).contains(&status), "10,000 fields: {status}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "answered quickly"
    );

    assert_eq!(stored_threads(&app), before, "nothing was stored");
    // And the portal still answers.
    assert_eq!(app.get("/threads").await.status().as_u16(), 200);
}

#[tokio::test]
async fn markup_sql_and_traversal_in_every_text_come_back_as_plain_text() {
    use reqwest::multipart::{Form, Part};
    let app = TestApp::spawn().await;
    app.seed_demo();
    let agency = stc(&app);
    let citizen = app.signed_in("an@example.vn", Role::Citizen, None).await;
    let script = "<script>alert('x')</script>";
    let sql = "'; DROP TABLE threads; -- \" OR 1=1";
    let title = format!("{script} {sql}");
    let csrf = citizen.csrf_from("/threads/new?kind=feedback").await;
    let mut form = Form::new().text("_csrf", csrf);
    for (k, v) in [
        ("kind", "feedback"),
        ("agency", agency.as_str()),
        ("title", title.as_str()),
        ("regulation", script),
        ("body", sql),
        ("proposal", "<img src=x onerror=alert(1)>"),
        ("field", script),
        ("tags", "<b>đậm</b>, %_\\"),
        ("full_name", script),
        ("address", sql),
        ("phone", "0912345678"),
    ] {
        form = form.text(k.to_string(), v.to_string());
    }
    let pdf: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n";
    form = form.part(
        "attachments",
        Part::bytes(pdf.to_vec()).file_name("../../../etc/passwd\".pdf"),
    );
    let response = citizen
        .client
        .post(format!("{}/threads", citizen.address))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
    let path = location(&response);

    let page = app.browser().get_text(&path, 200).await;
    assert!(!page.contains("<script>alert"), "markup is escaped");
    assert!(!page.contains("<img src=x"));
    assert!(page.contains("&lt;script&gt;"));
    assert!(page.contains("DROP TABLE threads"), "stored as typed");
    let file = app.get(&format!("{path}/attachments/1")).await;
    assert_eq!(file.status().as_u16(), 200);
    let disposition = file.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        !disposition.contains("..") && !disposition.contains("%2F") && !disposition.contains('/'),
        "no path in the name: {disposition}"
    );

    // The same characters in searches and filters.
    for query in [
        "/threads?q=%27%20OR%201%3D1%20--",
        "/threads?q=%25_%5C",
        "/threads?agency=%27%3B--&state=%3Cx%3E&kind=%00&field=%27",
        "/search?q=%27%20OR%201%3D1%20--",
        "/api/v1/threads?q=%22%29%29%3B",
        "/api/v1/search?q=%3Cscript%3E",
    ] {
        let status = app.get(query).await.status().as_u16();
        assert!(status < 500, "{query}: {status}");
    }
    let threads: i64 = app.db(|c| Ok(threads::table.count().get_result(c)?));
    assert!(threads > 0, "the table is still there");
}

#[tokio::test]
async fn a_nul_character_in_a_link_is_a_4xx_and_in_a_text_is_dropped() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug: String = app.db(|c| {
        use gopy::db::schema::drafts;
        Ok(drafts::table
            .filter(drafts::status.eq("open"))
            .select(drafts::slug)
            .first(c)?)
    });
    // PostgreSQL text can't hold a NUL: each of these was a 500 there.
    for path in [
        "/drafts/a%00b".to_string(),
        "/threads?q=%00".to_string(),
        "/api/v1/drafts/a%00b".to_string(),
        "/api/v1/comments/a%00b".to_string(),
        "/api/v1/threads/a%00b".to_string(),
        "/api/v1/ledger?draft=a%00b".to_string(),
        format!("/api/v1/drafts/{slug}/comments?anchor=%00"),
    ] {
        let status = app.get(&path).await.status().as_u16();
        assert!(status < 500, "{path}: {status}");
    }

    // In a comment's text, and in a new draft's question (found by
    // schemathesis: a 500 on PostgreSQL).
    let token = |email: &str| app.db(|c| gopy::admin::create_token(c, email, "test"));
    let comments = |app: &TestApp| -> i64 {
        use gopy::db::schema::comments;
        app.db(|c| Ok(comments::table.count().get_result(c)?))
    };
    let before = comments(&app);
    let citizen = token("congdan@demo.gopy.vn");
    let drafter = token("soanthao@demo.gopy.vn");
    let sends = [
        (
            &citizen,
            format!("/api/v1/drafts/{slug}/comments"),
            serde_json::json!({"body": "Đề nghị\u{0} sửa Điều 2.", "category": "individual",
                "consent_processing": true}),
        ),
        (
            &drafter,
            "/api/v1/drafts".to_string(),
            serde_json::json!({"title": "Quy định phí chợ", "doc_type": "hdnd_resolution",
                "text": "Điều 1. Phạm vi\nQuy định về phí chợ.", "questions": ["Hợp lý\u{0}?"]}),
        ),
    ];
    for (token, path, body) in sends {
        let response = reqwest::Client::new()
            .post(format!("{}{path}", app.address))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        // The character is dropped from texts, so both databases keep the same.
        assert_eq!(response.status().as_u16(), 201, "{path}");
    }
    assert_eq!(comments(&app), before + 1);
    let (body, question): (String, String) = app.db(|c| {
        use gopy::db::schema::{comments, draft_questions};
        Ok((
            comments::table
                .order(comments::id.desc())
                .select(comments::body)
                .first(c)?,
            draft_questions::table
                .order(draft_questions::id.desc())
                .select(draft_questions::body)
                .first(c)?,
        ))
    });
    assert_eq!(body, "Đề nghị sửa Điều 2.");
    assert_eq!(question, "Hợp lý?");
}

#[tokio::test]
async fn a_client_that_sends_its_request_too_slowly_is_cut_off() {
    let app = TestApp::spawn().await;
    let address = app.address.trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    // Half a request line, then nothing.
    stream
        .write_all(b"GET /threads HTTP/1.1\r\nHo")
        .await
        .unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the server closed the connection");
    let waited = started.elapsed();
    assert!(
        waited < Duration::from_secs(15),
        "cut off after {waited:?}, not held open"
    );
    let text = String::from_utf8_lossy(&answer);
    assert!(
        text.is_empty() || text.starts_with("HTTP/1.1 408"),
        "a timeout answer: {text}"
    );
    // Others are served meanwhile and after.
    assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
}
