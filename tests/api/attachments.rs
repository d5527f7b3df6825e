//! Files sent with a comment: checked by content, at most five, within the
//! size limit, served only while the comment is public.

use gopy::domain::Role;
use reqwest::multipart::{Form, Part};

use crate::helpers::{Browser, TestApp, location};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

fn open_slug(app: &TestApp) -> String {
    app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::drafts::dsl::*;
        Ok(drafts.filter(status.eq("open")).select(slug).first(c)?)
    })
}

fn stored_comments(app: &TestApp) -> i64 {
    app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::comments::dsl::*;
        Ok(comments.count().get_result(c)?)
    })
}

/// Sends the comment form as the browser does (multipart), with `files`.
async fn send(
    browser: &Browser,
    slug: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> reqwest::Response {
    let csrf = browser.csrf_from(&format!("/drafts/{slug}/comment")).await;
    let mut form = Form::new()
        .text("_csrf", csrf)
        .text("category", "individual")
        .text("consent_processing", "1");
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, bytes) in files {
        form = form.part(
            "attachments",
            Part::bytes(bytes.to_vec()).file_name(name.to_string()),
        );
    }
    browser
        .client
        .post(format!("{}/drafts/{slug}/comments", browser.address))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_guest_attaches_a_pdf_and_an_image_which_are_public_once_confirmed() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = open_slug(&app);
    let guest = app.browser();
    let form = guest
        .get_text(&format!("/drafts/{slug}/comment"), 200)
        .await;
    assert!(form.contains("enctype=\"multipart/form-data\""));
    assert!(form.contains("<label for=\"attachments\">Tệp đính kèm"));

    let body = "Kèm theo là bản đồ khu vực và văn bản kiến nghị của thôn.";
    let response = send(
        &guest,
        &slug,
        &[
            ("body", body),
            ("name", "Rơ Châm H'Lan"),
            ("email", "hlan@example.vn"),
        ],
        &[("../../kiến nghị.pdf", PDF), ("bản đồ.PNG.exe", PNG)],
    )
    .await;
    assert_eq!(response.status().as_u16(), 303);
    let path = location(&response);
    let first = format!("{path}/attachments/1");
    assert_eq!(
        app.browser().get(&first).await.status().as_u16(),
        404,
        "not public before the e-mailed link is used"
    );

    let mail = app.smtp.last_to("hlan@example.vn").await;
    let link = mail.link("/comments/confirm?token=");
    let confirmed = guest.get(link.trim_start_matches(&app.address)).await;
    assert_eq!(confirmed.status().as_u16(), 303);

    let receipt = app.browser().get_text(&path, 200).await;
    assert!(receipt.contains("kiến nghị.pdf") && receipt.contains("bản đồ.PNG.png"));
    let pdf = app.browser().get(&first).await;
    assert_eq!(pdf.status().as_u16(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let disposition = pdf.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(disposition.starts_with("attachment;"), "never shown inline");
    assert!(
        !disposition.contains(".."),
        "no folders in the name: {disposition}"
    );
    assert_eq!(pdf.bytes().await.unwrap().as_ref(), PDF);
    let png = app.browser().get(&format!("{path}/attachments/2")).await;
    assert_eq!(png.headers()["content-type"], "image/png");
    assert!(
        png.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .ends_with(".png"),
        "the extension follows the content, not the name sent"
    );
    let list = app
        .browser()
        .get_text(&format!("/drafts/{slug}/comments"), 200)
        .await;
    assert!(list.contains(&first), "the list links the files");
}

#[tokio::test]
async fn a_file_that_lies_about_its_type_or_too_many_files_are_refused_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = open_slug(&app);
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let before = stored_comments(&app);
    let body = "Ý kiến có tệp giả mạo.";

    let fake = send(
        &lan,
        &slug,
        &[("body", body)],
        &[
            ("ok.pdf", PDF),
            ("bao-cao.pdf", b"<html><script>alert(1)</script>"),
        ],
    )
    .await;
    assert_eq!(fake.status().as_u16(), 422);
    let page = fake.text().await.unwrap();
    assert!(page.contains("Tệp “bao-cao.pdf” không phải PDF, DOCX, ODT, PNG hay JPEG"));
    assert!(page.contains(body), "the text typed is kept");

    let six: Vec<(&str, &[u8])> = (0..6).map(|_| ("a.pdf", PDF)).collect();
    let many = send(&lan, &slug, &[("body", body)], &six).await;
    assert_eq!(many.status().as_u16(), 422);
    assert!(many.text().await.unwrap().contains("tối đa 5 tệp"));
    assert_eq!(stored_comments(&app), before, "nothing half-stored");

    let five: Vec<(&str, &[u8])> = (0..5).map(|_| ("a.pdf", PDF)).collect();
    let ok = send(&lan, &slug, &[("body", body)], &five).await;
    assert_eq!(ok.status().as_u16(), 303);
    let receipt = lan.get_text(&location(&ok), 200).await;
    assert_eq!(receipt.matches("/attachments/").count(), 5);
}

#[tokio::test]
async fn files_over_the_limit_get_a_readable_answer_and_nothing_is_stored() {
    let app = TestApp::spawn_with(|c| c.upload_limit_mb = 1).await;
    app.seed_demo();
    let slug = open_slug(&app);
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let before = stored_comments(&app);
    let mut big = PDF.to_vec();
    big.resize(700 * 1024, b' ');

    // Together over the limit, but small enough to read: the form comes back.
    let two = send(
        &lan,
        &slug,
        &[("body", "Hai tệp lớn.")],
        &[("a.pdf", &big), ("b.pdf", &big)],
    )
    .await;
    assert_eq!(two.status().as_u16(), 422);
    let page = two.text().await.unwrap();
    assert!(page.contains("lớn hơn 1 MB") && page.contains("Hai tệp lớn."));

    // Far over: refused while reading, with a page in Vietnamese.
    let mut huge = PDF.to_vec();
    huge.resize(3 * 1024 * 1024, b' ');
    let refused = send(
        &lan,
        &slug,
        &[("body", "Tệp rất lớn.")],
        &[("c.pdf", &huge)],
    )
    .await;
    assert_eq!(refused.status().as_u16(), 413);
    assert!(refused.text().await.unwrap().contains("lớn hơn 1 MB"));
    assert_eq!(stored_comments(&app), before);
}

#[tokio::test]
async fn a_withdrawn_comments_files_leave_public_view() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = open_slug(&app);
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let response = send(
        &lan,
        &slug,
        &[("body", "Có tệp rồi rút.")],
        &[("a.pdf", PDF)],
    )
    .await;
    let path = location(&response);
    let file = format!("{path}/attachments/1");
    assert_eq!(app.browser().get(&file).await.status().as_u16(), 200);
    assert_eq!(
        app.browser()
            .get(&format!("{path}/attachments/2"))
            .await
            .status()
            .as_u16(),
        404
    );
    lan.post_form(&format!("{path}/withdraw"), &[]).await;
    let gone = app.browser().get(&file).await;
    assert_eq!(gone.status().as_u16(), 404);
    assert!(
        gone.text()
            .await
            .unwrap()
            .contains("không còn được công khai")
    );
    assert!(
        !app.browser()
            .get_text(&path, 200)
            .await
            .contains("/attachments/1")
    );
}
