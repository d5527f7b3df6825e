//! Drafts: import (.docx), publish, open under the window rules, read in public.

use gopy::domain::{AgencyKind, Role};
use reqwest::multipart::{Form, Part};

use crate::helpers::{Browser, TestApp, docx, location};

const DECISION_02: &str = include_str!(
    "../../fixtures/legal-texts/02_qd31-2011-ubnd-gialai-quy-dinh-mien-giam-tien-sdd.txt"
);

async fn upload(
    browser: &Browser,
    file: Vec<u8>,
    name: &str,
    doc_type: &str,
    csrf: Option<String>,
) -> reqwest::Response {
    let csrf = match csrf {
        Some(c) => c,
        None => browser.csrf_from("/workspace/drafts/new").await,
    };
    let form = Form::new()
        .text("_csrf", csrf)
        .text("doc_type", doc_type.to_string())
        .text("field", "Đất đai")
        .text("summary", "Quy định miễn, giảm tiền sử dụng đất.")
        .text(
            "questions",
            "Thời hạn giải quyết có hợp lý không?\nHồ sơ có cần bớt giấy tờ không?",
        )
        .part("file", Part::bytes(file).file_name(name.to_string()));
    browser
        .client
        .post(format!("{}/workspace/drafts", browser.address))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

fn today() -> chrono::NaiveDate {
    gopy::domain::draft::local_date(chrono::Utc::now())
}

async fn setup(app: &TestApp) -> Browser {
    app.create_agency("SNNMT", AgencyKind::DraftingDepartment);
    app.signed_in("minh@snnmt.gov.vn", Role::Drafter, Some("SNNMT"))
        .await
}

#[tokio::test]
async fn a_drafter_imports_a_docx_publishes_and_opens_a_thirty_day_consultation() {
    let app = TestApp::spawn().await;
    let drafter = setup(&app).await;
    let response = upload(
        &drafter,
        docx(DECISION_02),
        "du-thao.docx",
        "ubnd_decision",
        None,
    )
    .await;
    assert_eq!(response.status().as_u16(), 303);
    let manage = location(&response);
    let slug = manage.trim_start_matches("/workspace/drafts/").to_string();
    assert!(
        slug.starts_with("ve-viec-ban-hanh-quy-dinh"),
        "title taken from the text: {slug}"
    );

    let page = drafter.get_text(&manage, 200).await;
    assert!(page.contains("Đã nhập dự thảo."), "notice shown");
    assert!(
        page.contains("31/2011/QĐ-UBND"),
        "the document number was recognised"
    );
    assert!(
        page.contains("<dd>12</dd>"),
        "twelve articles recognised:\n{page}"
    );
    assert!(page.contains("Giảm tiền sử dụng đất"));

    // Not public before it is published and opened.
    assert_eq!(
        app.browser()
            .get(&format!("/drafts/{slug}"))
            .await
            .status()
            .as_u16(),
        404
    );

    let response = drafter.post_form(&format!("{manage}/publish"), &[]).await;
    assert_eq!(response.status().as_u16(), 303);

    let short = (today() + chrono::Days::new(20)).to_string();
    let response = drafter
        .post_form(
            &format!("{manage}/open"),
            &[("opens_on", &today().to_string()), ("closes_on", &short)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Thời gian lấy ý kiến là 20 ngày, ngắn hơn mức tối thiểu 30 ngày theo Luật Ban hành văn bản quy phạm pháp luật 2015, sửa đổi 2020, Điều 129."),
        "{html}"
    );

    let full = (today() + chrono::Days::new(30)).to_string();
    let response = drafter
        .post_form(
            &format!("{manage}/open"),
            &[("opens_on", &today().to_string()), ("closes_on", &full)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), format!("/drafts/{slug}"));

    // A citizen finds it on the home page and reads Article 5 of the regulation by its anchor.
    let citizen = app.browser();
    let home = citizen.get_text("/", 200).await;
    assert!(home.contains(&format!("/drafts/{slug}")), "listed as open");
    assert!(home.contains("Còn 31 ngày"), "days left shown");
    let draft = citizen.get_text(&format!("/drafts/{slug}"), 200).await;
    assert!(
        draft.contains("id=\"quy-dinh/chuong-2/dieu-5\""),
        "each provision has its anchor"
    );
    assert!(
        draft.contains("Thời hạn giải quyết có hợp lý không?"),
        "questions listed"
    );
    assert!(draft.contains("Đang lấy ý kiến"));
    let article = citizen
        .get_text(
            &format!("/drafts/{slug}/provisions/quy-dinh/chuong-2/dieu-5"),
            200,
        )
        .await;
    assert!(article.contains("Giảm tiền sử dụng đất"));
    assert!(
        !article.contains("Miễn tiền sử dụng đất"),
        "only Article 5 and its clauses"
    );
    // The short form starts at the article (the regulation keeps its prefix).
    let short = citizen
        .get_text(
            &format!("/drafts/{slug}/provisions/quy-dinh/dieu-5/khoan-1"),
            200,
        )
        .await;
    assert!(short.contains("Giảm 90% tiền sử dụng đất"), "{short}");
    citizen
        .get_text(&format!("/drafts/{slug}/provisions/dieu-99"), 404)
        .await;
}

#[tokio::test]
async fn pasted_text_can_be_fixed_before_publishing_but_not_after() {
    let app = TestApp::spawn().await;
    let drafter = setup(&app).await;
    let csrf = drafter.csrf_from("/workspace/drafts/new").await;
    let form = Form::new()
        .text("_csrf", csrf)
        .text("title", "Quy định về phí chợ")
        .text("doc_type", "hdnd_resolution")
        .text(
            "text",
            "Điều 1. Phạm vi\nNội dung.\nĐiều 2 Đối tượng\nNội dung.",
        );
    let response = drafter
        .client
        .post(format!("{}/workspace/drafts", app.address))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let manage = location(&response);
    assert!(
        drafter.get_text(&manage, 200).await.contains("<dd>1</dd>"),
        "'Điều 2' without a dot is not an article"
    );
    let fixed = "Điều 1. Phạm vi\nNội dung.\nĐiều 2. Đối tượng\nNội dung.";
    let response = drafter
        .post_form(&format!("{manage}/text"), &[("text", fixed)])
        .await;
    assert_eq!(response.status().as_u16(), 303);
    assert!(drafter.get_text(&manage, 200).await.contains("<dd>2</dd>"));
    drafter.post_form(&format!("{manage}/publish"), &[]).await;
    let response = drafter
        .post_form(&format!("{manage}/text"), &[("text", "Điều 1. Khác")])
        .await;
    assert_eq!(response.status().as_u16(), 409);
}

#[tokio::test]
async fn uploads_are_checked_by_content_and_need_the_csrf_token() {
    let app = TestApp::spawn().await;
    let drafter = setup(&app).await;
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    let response = upload(&drafter, png, "du-thao.docx", "ubnd_decision", None).await;
    assert_eq!(response.status().as_u16(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Chỉ nhận tệp .docx hoặc văn bản thuần")
    );
    let response = upload(
        &drafter,
        docx(DECISION_02),
        "du-thao.docx",
        "ubnd_decision",
        Some("forged".into()),
    )
    .await;
    assert_eq!(response.status().as_u16(), 403);
    let response = upload(
        &drafter,
        docx(DECISION_02),
        "du-thao.docx",
        "not_a_type",
        None,
    )
    .await;
    assert_eq!(response.status().as_u16(), 422);
}

#[tokio::test]
async fn another_agencys_drafter_cannot_touch_the_draft() {
    let app = TestApp::spawn().await;
    let drafter = setup(&app).await;
    let response = upload(&drafter, docx(DECISION_02), "a.docx", "ubnd_decision", None).await;
    let manage = location(&response);
    app.create_agency("STC", AgencyKind::DraftingDepartment);
    let other = app
        .signed_in("ha@stc.gov.vn", Role::Drafter, Some("STC"))
        .await;
    assert_eq!(other.get(&manage).await.status().as_u16(), 403);
    assert_eq!(
        other
            .post_form(&format!("{manage}/publish"), &[])
            .await
            .status()
            .as_u16(),
        403
    );
    let citizen = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    assert_eq!(
        citizen.get("/workspace/drafts/new").await.status().as_u16(),
        403
    );
    assert_eq!(citizen.get(&manage).await.status().as_u16(), 403);
}

#[tokio::test]
async fn expired_windows_are_closed_by_the_background_task() {
    use diesel::prelude::*;
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug: String = app.db(|c| {
        use gopy::db::schema::drafts::dsl::*;
        let open_slug: String = drafts.filter(status.eq("open")).select(slug).first(c)?;
        diesel::update(drafts.filter(slug.eq(&open_slug)))
            .set(closes_at.eq(gopy::models::now() - chrono::Duration::seconds(1)))
            .execute(c)?;
        Ok(open_slug)
    });
    // A node starting now checks the windows at once.
    let other = gopy::startup::Application::build(app.config.clone())
        .await
        .unwrap();
    let handle = other.handle();
    tokio::spawn(other.run_until_stopped());
    for _ in 0..100 {
        let page = app
            .browser()
            .get_text(&format!("/drafts/{slug}"), 200)
            .await;
        if page.contains("Đã hết hạn góp ý") {
            handle.stop(false).await;
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the window was not closed");
}

#[tokio::test]
async fn demo_drafts_are_listed_with_their_state_and_versions() {
    let app = TestApp::spawn().await;
    let report = app.seed_demo();
    assert_eq!(report.drafts_added, 3);
    assert_eq!(app.seed_demo().drafts_added, 0, "idempotent");
    let list = app.browser().get_text("/drafts", 200).await;
    assert!(list.contains("Đang lấy ý kiến"));
    assert!(list.contains("Đã hết hạn góp ý"));
    let slug = gopy::domain::text::slugify(
        "Phân bổ chi tiết kế hoạch vốn đầu tư công nguồn ngân sách tỉnh",
        60,
    );
    let page = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    assert!(page.contains("Đang xem dự thảo lần 2"));
    assert!(page.contains(&format!("/drafts/{slug}/versions/1")));
    assert!(page.contains("id=\"phu-luc"), "annexes have anchors");
    let v1 = app
        .browser()
        .get_text(&format!("/drafts/{slug}/versions/1"), 200)
        .await;
    assert!(v1.contains("không phải lần mới nhất"));
    app.browser()
        .get_text(&format!("/drafts/{slug}/versions/3"), 404)
        .await;
}

#[tokio::test]
async fn version_two_shows_a_per_provision_diff_with_word_highlights() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = gopy::domain::text::slugify(
        "Phân bổ chi tiết kế hoạch vốn đầu tư công nguồn ngân sách tỉnh",
        60,
    );
    let page = app
        .browser()
        .get_text(&format!("/drafts/{slug}/diff?from=1&to=2"), 200)
        .await;
    assert!(page.contains("So sánh dự thảo lần 1 và lần 2"), "{page}");
    assert!(
        page.contains("1 phần sửa đổi, 0 phần bổ sung, 0 phần bãi bỏ"),
        "{page}"
    );
    assert!(page.contains("<ins>"), "the new words are highlighted");
    assert!(page.contains("báo cáo kết quả giải ngân hằng quý"));
    assert!(page.contains("Điều 2."), "the changed provision is named");
    app.browser()
        .get_text(&format!("/drafts/{slug}/diff?from=1&to=7"), 404)
        .await;
}

#[test]
fn dry_run_prints_the_provision_tree_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("qd.docx");
    std::fs::write(&file, docx(DECISION_02)).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gopy"))
        .args([
            "admin",
            "import-draft",
            file.to_str().unwrap(),
            "--dry-run",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(tree["metadata"]["number"], "31/2011/QĐ-UBND");
    assert_eq!(tree["metadata"]["date"], "2011-11-10");
    let first = &tree["provisions"][0];
    assert_eq!(first["kind"], "article");
    assert_eq!(first["number"], "1");
    assert_eq!(first["anchor"], "dieu-1");
    assert!(
        first.get("title").is_some()
            && first.get("text").is_some()
            && first.get("children").is_some()
    );
    assert!(
        tree["attached"]["provisions"].as_array().unwrap().len() == 4,
        "four chapters in the regulation"
    );
}

async fn post_document(
    app: &TestApp,
    browser: &Browser,
    manage: &str,
    bytes: Vec<u8>,
    name: &str,
) -> reqwest::Response {
    let csrf = browser.csrf_from(manage).await;
    let form = Form::new()
        .text("_csrf", csrf)
        .text("kind", "explanatory_memo")
        .text("title", "Tờ trình dự thảo")
        .part("file", Part::bytes(bytes).file_name(name.to_string()));
    browser
        .client
        .post(format!("{}{manage}/documents", app.address))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn dossier_documents_are_checked_by_content_and_served_safely() {
    let app = TestApp::spawn_with(|c| c.upload_limit_mb = 1).await;
    let drafter = setup(&app).await;
    let manage =
        location(&upload(&drafter, docx(DECISION_02), "a.docx", "ubnd_decision", None).await);
    let slug = manage.trim_start_matches("/workspace/drafts/").to_string();

    let fake = post_document(
        &app,
        &drafter,
        &manage,
        b"MZ\x90\x00 not a pdf".to_vec(),
        "to-trinh.pdf",
    )
    .await;
    assert_eq!(fake.status().as_u16(), 422);
    assert!(
        fake.text()
            .await
            .unwrap()
            .contains("Chỉ nhận tệp PDF, DOCX hoặc ODT")
    );
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(1024 * 1024 + 10, b' ');
    let large = post_document(&app, &drafter, &manage, big, "lon.pdf").await;
    assert_eq!(large.status().as_u16(), 422);
    assert!(large.text().await.unwrap().contains("Tệp lớn hơn 1 MB."));

    let pdf = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n".to_vec();
    let response = post_document(&app, &drafter, &manage, pdf.clone(), "tờ trình.exe").await;
    assert_eq!(response.status().as_u16(), 303);

    drafter.post_form(&format!("{manage}/publish"), &[]).await;
    let (from, to) = (
        today().to_string(),
        (today() + chrono::Days::new(30)).to_string(),
    );
    drafter
        .post_form(
            &format!("{manage}/open"),
            &[("opens_on", &from), ("closes_on", &to)],
        )
        .await;
    let page = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    assert!(
        page.contains("Hồ sơ dự thảo") && page.contains("Tờ trình dự thảo"),
        "{page}"
    );
    let start = page.find(&format!("/drafts/{slug}/documents/")).unwrap();
    let href = &page[start..start + page[start..].find('"').unwrap()];
    let response = app.browser().get(href).await;
    assert_eq!(response.status().as_u16(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment;") && disposition.ends_with(".pdf"),
        "named by its real type: {disposition}"
    );
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("sandbox")
    );
    assert_eq!(response.bytes().await.unwrap().to_vec(), pdf);
}

#[tokio::test]
async fn the_list_filters_and_pages_by_keyset() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let closed = app.browser().get_text("/drafts?status=closed", 200).await;
    assert!(closed.contains("Phân bổ chi tiết kế hoạch vốn"));
    assert!(
        !closed.contains("miễn, giảm tiền sử dụng đất"),
        "only closed drafts"
    );
    let land = app
        .browser()
        .get_text("/drafts?field=%C4%90%E1%BA%A5t%20%C4%91ai", 200)
        .await;
    assert!(land.contains("miễn, giảm tiền sử dụng đất") && !land.contains("Phân bổ chi tiết"));
    let none = app.browser().get_text("/drafts?status=adopted", 200).await;
    assert!(none.contains("Không có dự thảo nào phù hợp."));

    // 22 more open drafts: 20 on the first page, then the rest.
    app.db(|c| {
        let agency = gopy::models::Agency::find_by_short_name(c, "STC")?.unwrap();
        let rule = gopy::models::WindowRule::for_type(c, "ubnd_decision")?;
        for i in 0..22 {
            let new = gopy::models::NewDraft {
                agency_id: agency.id,
                title: format!("Dự thảo thử số {i:02}"),
                doc_type: "ubnd_decision".into(),
                field: "Thử".into(),
                summary: String::new(),
                affected_groups: String::new(),
                questions: vec![],
                created_by: None,
            };
            let (draft, version) = gopy::models::import(c, &new, "Điều 1. Phạm vi\nNội dung.")?;
            gopy::models::Version::publish(c, version.id)?;
            gopy::models::Draft::open_for_comment(
                c,
                draft.id,
                gopy::domain::draft::Window::minimum(today(), 30),
                &rule,
                None,
            )?;
        }
        Ok(())
    });
    let first = app
        .browser()
        .get_text("/drafts?field=Th%E1%BB%AD", 200)
        .await;
    assert_eq!(first.matches("class=\"draft-item\"").count(), 20);
    assert!(
        first.contains("Dự thảo thử số 21") && !first.contains("Dự thảo thử số 01"),
        "newest first"
    );
    let marker = "button-secondary\" href=\"/drafts?";
    let start = first.find(marker).expect("a next-page link") + "button-secondary\" href=\"".len();
    let next = first[start..start + first[start..].find('"').unwrap()].replace("&amp;", "&");
    assert!(
        next.contains("field=") && next.contains("before="),
        "{next}"
    );
    let second = app.browser().get_text(&next, 200).await;
    assert_eq!(second.matches("class=\"draft-item\"").count(), 2);
    assert!(second.contains("Dự thảo thử số 00") && second.contains("Dự thảo thử số 01"));
    assert!(!second.contains(marker), "no further page");
}

#[tokio::test]
async fn an_admin_changes_a_rule_and_new_openings_follow_it() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("admin@example.vn", Role::Admin, None).await;
    let page = admin.get_text("/admin/rules", 200).await;
    assert!(page.contains("Nghị định 187/2025/NĐ-CP, Điều 51a"));
    let id: i64 = app.db(|c| Ok(gopy::models::WindowRule::for_type(c, "ubnd_decision")?.id));
    let refused = admin
        .post_form(
            &format!("/admin/rules/{id}"),
            &[("min_days", "0"), ("legal_basis", "x")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let response = admin
        .post_form(
            &format!("/admin/rules/{id}"),
            &[
                ("min_days", "45"),
                ("legal_basis", "Luật 64/2025/QH15, Điều 99"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let drafter = setup(&app).await;
    let manage =
        location(&upload(&drafter, docx(DECISION_02), "a.docx", "ubnd_decision", None).await);
    drafter.post_form(&format!("{manage}/publish"), &[]).await;
    let (from, to) = (
        today().to_string(),
        (today() + chrono::Days::new(30)).to_string(),
    );
    let response = drafter
        .post_form(
            &format!("{manage}/open"),
            &[("opens_on", &from), ("closes_on", &to)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("tối thiểu 45 ngày theo Luật 64/2025/QH15, Điều 99")
    );
    let citizen = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    assert_eq!(citizen.get("/admin/rules").await.status().as_u16(), 403);
}

#[tokio::test]
async fn the_atom_feed_lists_public_drafts() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let response = app.browser().get("/feed.atom").await;
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml")
    );
    let xml = response.text().await.unwrap();
    assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert_eq!(xml.matches("<entry>").count(), 3);
    assert!(xml.contains("miễn, giảm tiền sử dụng đất"));
    assert!(
        xml.contains(&format!("<link href=\"{}/drafts/", app.address)),
        "absolute links"
    );
}

#[tokio::test]
async fn the_timeline_shows_each_status_change_and_the_agency_records_later_steps() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug: String = app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::drafts::dsl::*;
        Ok(drafts.filter(status.eq("closed")).select(slug).first(c)?)
    });
    let page = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    let timeline = &page[page.find("Quá trình xây dựng dự thảo").expect("a timeline")..];
    let prepared = timeline.find("Đang chuẩn bị").expect("created");
    let opened = timeline.find("Đang lấy ý kiến").expect("opened");
    let closed = timeline.find("Đã hết hạn góp ý").expect("closed");
    assert!(prepared < opened && opened < closed, "in order");
    assert!(timeline.contains("Sở Tài chính tỉnh Gia Lai"));

    let ha = app
        .signed_in("ha@stc.gov.vn", Role::Drafter, Some("STC"))
        .await;
    let manage = ha.get_text(&format!("/workspace/drafts/{slug}"), 200).await;
    assert!(manage.contains("value=\"withdrawn\""));
    assert!(
        !manage.contains("value=\"adopted\""),
        "not before it is submitted"
    );
    let stage = format!("/workspace/drafts/{slug}/stage");
    let other = app
        .signed_in("minh@snnmt.gov.vn", Role::Drafter, Some("SNNMT"))
        .await;
    assert_eq!(
        other
            .post_form(&stage, &[("status", "withdrawn")])
            .await
            .status()
            .as_u16(),
        403
    );
    let recorded = ha
        .post_form(
            &stage,
            &[("status", "withdrawn"), ("note", "Công văn số 15/STC-NS")],
        )
        .await;
    assert_eq!(recorded.status().as_u16(), 303);
    let page = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    assert!(page.contains("Đã rút") && page.contains("Công văn số 15/STC-NS"));
    let again = ha.post_form(&stage, &[("status", "withdrawn")]).await;
    assert_eq!(again.status().as_u16(), 409);
    let adopted = ha.post_form(&stage, &[("status", "open")]).await;
    assert_eq!(adopted.status().as_u16(), 400, "only the later steps here");
}
