//! The three flows of the brief, in the browser: a citizen on her phone, a
//! drafter at his desk, a business association opening a dialogue.

use diesel::prelude::*;
use gopy::domain::draft::DraftStatus;
use gopy::domain::{AgencyKind, Role};

use crate::chrome::{Chrome, DESKTOP, PHONE};
use crate::helpers::{PASSWORD, TestApp, docx, location};
use crate::{DEMO_PASSWORD, POINT, open_slug, sign_in};

fn sha256(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_comments_on_a_point_from_her_phone_and_confirms_by_email() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let Some(chrome) = Chrome::start(PHONE).await else {
        return;
    };
    let slug = open_slug(&app);

    chrome.open(&format!("{}/drafts/{slug}", app.address)).await;
    chrome.assert_fits_width().await;
    chrome.screenshot("flow-citizen-1-draft-390").await;
    let link = format!("a[href=\"/drafts/{slug}/comment?anchor={POINT}\"]");
    let form = chrome.follow(&link).await;
    assert!(
        form.starts_with(&format!("/drafts/{slug}/comment?anchor=")),
        "{form}"
    );
    chrome.assert_fits_width().await;

    let body = "Đề nghị bổ sung giấy tờ thay thế khi hồ sơ gốc bị thất lạc.";
    chrome.find("#body").await.send_keys(body).await.unwrap();
    chrome
        .find("#name")
        .await
        .send_keys("Trần Thị Mai")
        .await
        .unwrap();
    chrome
        .find("#email")
        .await
        .send_keys("mai@example.vn")
        .await
        .unwrap();
    chrome
        .find("#consent_processing")
        .await
        .click()
        .await
        .unwrap();
    chrome.find("#show_name").await.click().await.unwrap();
    chrome.screenshot("flow-citizen-2-form-390").await;
    let receipt = chrome
        .follow(&format!(
            "form[action=\"/drafts/{slug}/comments\"] button[type=submit]"
        ))
        .await;
    assert!(receipt.starts_with("/comments/"), "{receipt}");
    let pending = chrome.text().await;
    assert!(
        pending.contains("Chờ xác nhận — chưa được tính"),
        "{pending}"
    );
    assert!(!pending.contains(body), "not public before confirmation");
    chrome.assert_fits_width().await;

    let mail = app
        .smtp
        .with_subject("mai@example.vn", "Xác nhận ý kiến góp ý của bạn")
        .await;
    let confirm = mail.link("/comments/confirm?token=");
    chrome.open(&confirm).await;
    chrome.wait_for_path("/comments/").await;
    let receipt = chrome.text().await;
    assert!(receipt.contains("Đã xác nhận"), "{receipt}");
    assert!(receipt.contains(body));
    assert!(receipt.contains("Trần Thị Mai"), "her name: she agreed");
    assert!(
        receipt.contains(&sha256(body)),
        "the receipt shows the fingerprint of the text"
    );
    assert!(!receipt.contains("mai@example.vn"), "never her address");
    chrome.assert_fits_width().await;
    chrome.screenshot("flow-citizen-3-receipt-390").await;
    let mailed = app
        .smtp
        .with_subject("mai@example.vn", "Biên nhận ý kiến góp ý của bạn")
        .await;
    assert!(mailed.text().contains(&sha256(body)));
}

const DECISION_02: &str = include_str!(
    "../../fixtures/legal-texts/02_qd31-2011-ubnd-gialai-quy-dinh-mien-giam-tien-sdd.txt"
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_drafter_imports_a_docx_publishes_answers_and_publishes_the_synthesis() {
    let app = TestApp::spawn().await;
    app.create_agency("SNNMT", AgencyKind::DraftingDepartment);
    app.create_user("minh@snnmt.gov.vn", Role::Drafter, Some("SNNMT"));
    let Some(chrome) = Chrome::start(DESKTOP).await else {
        return;
    };
    sign_in(&chrome, &app, "minh@snnmt.gov.vn", PASSWORD).await;

    // Import.
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("du-thao-quy-dinh.docx");
    std::fs::write(&file, docx(DECISION_02)).unwrap();
    chrome
        .open(&format!("{}/workspace/drafts/new", app.address))
        .await;
    chrome
        .find("#file")
        .await
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    chrome
        .find("#doc_type")
        .await
        .select_by_value("ubnd_decision")
        .await
        .unwrap();
    chrome
        .find("#field")
        .await
        .send_keys("Đất đai")
        .await
        .unwrap();
    chrome
        .find("#summary")
        .await
        .send_keys("Quy định miễn, giảm tiền sử dụng đất.")
        .await
        .unwrap();
    chrome.screenshot("flow-drafter-1-import-1280").await;
    let manage = chrome
        .follow("form[action=\"/workspace/drafts\"] button[type=submit]")
        .await;
    assert!(
        manage.starts_with("/workspace/drafts/"),
        "imported: {manage}"
    );
    let slug = manage.trim_start_matches("/workspace/drafts/").to_string();
    let page = chrome.text().await;
    assert!(page.contains("Đã nhập dự thảo."), "{page}");
    assert!(
        page.contains("31/2011/QĐ-UBND"),
        "the number was recognised"
    );

    // Publish the text, then open the window the form suggests (30 days).
    chrome
        .follow(&format!("form[action=\"{manage}/publish\"] button"))
        .await;
    let public = chrome
        .follow(&format!("form[action=\"{manage}/open\"] button"))
        .await;
    assert_eq!(public, format!("/drafts/{slug}"));
    assert!(chrome.text().await.contains("Đang lấy ý kiến"));
    chrome.screenshot("flow-drafter-2-open-1280").await;

    // Two people comment; the window then ends.
    let bodies = [
        "Đề nghị làm rõ đối tượng được giảm tiền sử dụng đất.",
        "Thời hạn nộp hồ sơ nên kéo dài thêm 15 ngày.",
    ];
    for (n, body) in bodies.iter().enumerate() {
        let citizen = app
            .signed_in(&format!("nguoi{n}@example.vn"), Role::Citizen, None)
            .await;
        let response = citizen
            .post_form(
                &format!("/drafts/{slug}/comments"),
                &[
                    ("body", body),
                    ("category", "individual"),
                    ("consent_processing", "1"),
                ],
            )
            .await;
        assert_eq!(response.status().as_u16(), 303, "{}", location(&response));
    }
    app.db(|c| {
        use gopy::db::schema::drafts;
        let id: i64 = drafts::table
            .filter(drafts::slug.eq(&slug))
            .select(drafts::id)
            .first(c)?;
        let closing = (DraftStatus::Open, DraftStatus::Closed);
        gopy::models::DraftEvent::transition(c, id, closing, None, None, "")?;
        Ok(())
    });

    // Answer both from the answers page.
    let explanations = [
        (
            "partly_accepted",
            "Tiếp thu một phần: bổ sung đối tượng tại khoản 2 Điều 5.",
        ),
        (
            "not_accepted",
            "Không tiếp thu: thời hạn đã theo Luật Đất đai.",
        ),
    ];
    chrome
        .open(&format!("{}/workspace/drafts/{slug}/answers", app.address))
        .await;
    assert!(chrome.text().await.contains("Đã trả lời 0/2 ý kiến"));
    chrome
        .follow(&format!("a[href^=\"/workspace/drafts/{slug}/answers/\"]"))
        .await;
    for (decision, explanation) in explanations {
        chrome
            .find(&format!("#decision-{decision}"))
            .await
            .click()
            .await
            .unwrap();
        chrome
            .find("#explanation")
            .await
            .send_keys(explanation)
            .await
            .unwrap();
        // Publishing one answer leads to the next comment waiting for one.
        chrome.follow("button[name=action][value=publish]").await;
    }
    assert_eq!(
        chrome.path().await,
        format!("/workspace/drafts/{slug}/answers")
    );
    assert!(chrome.text().await.contains("Đã trả lời 2/2 ý kiến"));
    chrome.open(&format!("{}{manage}", app.address)).await;
    let panel = chrome.find("#synthesis").await.text().await.unwrap();
    assert!(
        panel.contains("Đã trả lời 2/2 ý kiến đã công bố"),
        "{panel}"
    );
    chrome
        .follow(&format!(
            "form[action=\"{manage}/synthesis/publish\"] button"
        ))
        .await;

    // Anyone now reads the synthesis with both answers.
    let visitor = app.browser();
    let report = visitor
        .get_text(&format!("/drafts/{slug}/synthesis"), 200)
        .await;
    for (_, explanation) in explanations {
        assert!(
            report.contains(explanation),
            "{explanation} is in the report"
        );
    }
    for body in bodies {
        assert!(report.contains(body));
    }
    chrome
        .open(&format!("{}/drafts/{slug}/synthesis", app.address))
        .await;
    chrome.screenshot("flow-drafter-3-synthesis-1280").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_business_association_opens_a_dialogue_thread_on_a_draft() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let Some(chrome) = Chrome::start(PHONE).await else {
        return;
    };
    let slug = open_slug(&app);
    sign_in(&chrome, &app, "doanhnghiep@demo.gopy.vn", DEMO_PASSWORD).await;
    chrome.open(&format!("{}/drafts/{slug}", app.address)).await;
    chrome
        .follow(&format!("a[href=\"/threads/new?kind=draft&draft={slug}\"]"))
        .await;
    chrome.assert_fits_width().await;
    let title = "Thủ tục xác nhận hộ sản xuất cà phê";
    let body = "Hội viên phải nộp xác nhận của UBND xã mỗi năm, dù diện tích không đổi.";
    let provisions = "Điều 2, khoản 1";
    chrome.find("#title").await.send_keys(title).await.unwrap();
    chrome
        .find("#provisions")
        .await
        .send_keys(provisions)
        .await
        .unwrap();
    chrome.find("#body").await.send_keys(body).await.unwrap();
    chrome.screenshot("flow-business-1-thread-form-390").await;
    let thread = chrome
        .follow("form[action=\"/threads\"] button[type=submit]")
        .await;
    assert!(
        thread.starts_with("/threads/") && thread != "/threads/new",
        "opened: {thread}"
    );
    let page = chrome.text().await;
    for text in [title, body, provisions, "Hiệp hội Cà phê Gia Lai"] {
        assert!(page.contains(text), "{text} on the thread page:\n{page}");
    }
    chrome.assert_fits_width().await;
    chrome.screenshot("flow-business-2-thread-390").await;
    // The drafting agency sees it waiting for an answer.
    let listed = app.browser().get_text("/threads", 200).await;
    assert!(listed.contains(title));
}
