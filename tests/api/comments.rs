//! Comments: on a point, with or without an account; receipts; windows; consent.

use gopy::domain::Role;

use crate::helpers::{Browser, TestApp, location};

/// The demo's open draft, and the anchor of a point in it.
const POINT: &str = "quy-dinh/chuong-1/dieu-2/khoan-1/diem-b";

fn open_slug(app: &TestApp) -> String {
    app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::drafts::dsl::*;
        Ok(drafts.filter(status.eq("open")).select(slug).first(c)?)
    })
}

async fn comment(browser: &Browser, slug: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut all = vec![("consent_processing", "1")];
    if !fields.iter().any(|(k, _)| *k == "category") {
        all.push(("category", "individual"));
    }
    all.extend_from_slice(fields);
    browser
        .post_form(&format!("/drafts/{slug}/comments"), &all)
        .await
}

/// The number of counted comments the draft page shows.
async fn counted(app: &TestApp, slug: &str) -> i64 {
    let html = app
        .browser()
        .get_text(&format!("/drafts/{slug}"), 200)
        .await;
    let end = html.find(" ý kiến được tính").expect("the count is shown");
    let start = html[..end]
        .rfind(|c: char| !c.is_ascii_digit())
        .map(|i| i + 1)
        .unwrap_or(0);
    html[start..end].parse().unwrap()
}

fn sha256(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn a_citizen_comments_on_a_point_and_gets_a_receipt() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = open_slug(&app);
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let before = counted(&app, &slug).await;

    let draft = lan.get_text(&format!("/drafts/{slug}"), 200).await;
    let link = format!("/drafts/{slug}/comment?anchor={POINT}");
    assert!(draft.contains(&link), "a Góp ý link under the point");
    let form = lan.get_text(&link, 200).await;
    assert!(
        form.contains(&format!("name=\"anchor\" value=\"{POINT}\"")),
        "the point is preselected"
    );
    assert!(
        !form.contains("value=\"1\" checked"),
        "no consent box is pre-ticked"
    );

    let body = "Đề nghị bổ sung giấy tờ thay thế khi hồ sơ bị thất lạc.";
    let response = comment(&lan, &slug, &[("anchor", POINT), ("body", body)]).await;
    assert_eq!(response.status().as_u16(), 303);
    let receipt_path = location(&response);
    let receipt = lan.get_text(&receipt_path, 200).await;
    assert!(receipt.contains("Biên nhận"));
    assert!(
        receipt.contains(&sha256(body)),
        "the fingerprint is the SHA-256 of the text"
    );
    assert!(receipt.contains(body));
    assert!(receipt.contains("Công dân #"), "no name without consent");
    assert!(!receipt.contains("lan@example.vn"));

    let mail = app.smtp.last_to("lan@example.vn").await;
    assert_eq!(mail.subject(), "Biên nhận ý kiến góp ý của bạn");
    assert!(mail.text().contains(&sha256(body)));

    assert_eq!(counted(&app, &slug).await, before + 1);
    let mine = lan.get_text("/account/comments", 200).await;
    assert!(mine.contains("Đã công bố") && mine.contains("Đề nghị bổ sung"));
    let list = app
        .browser()
        .get_text(
            &format!("/drafts/{slug}/comments?anchor=quy-dinh/chuong-1/dieu-2"),
            200,
        )
        .await;
    assert!(
        list.contains(body),
        "listed under the article that contains the point"
    );
}

#[tokio::test]
async fn without_an_account_the_comment_counts_only_after_confirmation() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = open_slug(&app);
    let visitor = app.browser();
    let before = counted(&app, &slug).await;
    let body = "Thời hạn 15 ngày là quá dài.";
    let response = comment(
        &visitor,
        &slug,
        &[
            ("body", body),
            ("name", "Trần Văn Hải"),
            ("email", "hai@example.vn"),
            ("show_name", "1"),
        ],
    )
    .await;
    assert_eq!(response.status().as_u16(), 303);
    let page = visitor.get_text(&location(&response), 200).await;
    assert!(page.contains("Chờ xác nhận — chưa được tính"), "{page}");
    assert!(!page.contains(body), "not public before confirmation");
    assert_eq!(
        counted(&app, &slug).await,
        before,
        "unconfirmed: not counted"
    );

    let mail = app.smtp.last_to("hai@example.vn").await;
    assert_eq!(mail.subject(), "Xác nhận ý kiến góp ý của bạn");
    let link = mail.link("/comments/confirm?token=");
    let confirmed = visitor.get(link.trim_start_matches(&app.address)).await;
    assert_eq!(confirmed.status().as_u16(), 303);
    let page = visitor.get_text(&location(&confirmed), 200).await;
    assert!(page.contains("Đã xác nhận") && page.contains(body));
    assert!(
        page.contains("Trần Văn Hải"),
        "the name is shown: consent was given"
    );
    assert_eq!(counted(&app, &slug).await, before + 1);
    let receipt = app
        .smtp
        .with_subject("hai@example.vn", "Biên nhận ý kiến góp ý của bạn")
        .await;
    assert!(receipt.text().contains(&sha256(body)));
    // The link works once.
    assert_eq!(
        visitor
            .get(link.trim_start_matches(&app.address))
            .await
            .status()
            .as_u16(),
        400
    );
}

#[tokio::test]
async fn consent_is_required_and_invalid_input_is_explained() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = open_slug(&app);
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let response = lan
        .post_form(
            &format!("/drafts/{slug}/comments"),
            &[("category", "business"), ("body", "  ")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Vui lòng nhập nội dung góp ý."));
    assert!(html.contains("Cần có sự đồng ý của bạn"));
    assert!(html.contains("Vui lòng nhập tên tổ chức."));
    let response = comment(&lan, &slug, &[("anchor", "dieu-404"), ("body", "x")]).await;
    assert_eq!(response.status().as_u16(), 422);
}

#[tokio::test]
async fn organisations_are_named_and_markup_is_shown_as_text() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = open_slug(&app);
    let rep = app
        .signed_in("hung@caphe.vn", Role::OrganisationRep, None)
        .await;
    let response = comment(
        &rep,
        &slug,
        &[
            ("category", "association"),
            ("organisation_name", "Hiệp hội <b>Cà phê</b>"),
            ("body", "<script>alert('x')</script> Đề nghị giữ nguyên."),
            ("on_behalf_of", "120 hội viên"),
        ],
    )
    .await;
    let page = rep.get_text(&location(&response), 200).await;
    assert!(
        page.contains("Hiệp hội &lt;b&gt;Cà phê&lt;/b&gt;"),
        "the organisation is named, escaped"
    );
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(!page.contains("<script>alert"));
    assert!(page.contains("120 hội viên"));
}

#[tokio::test]
async fn a_closed_window_refuses_with_its_closing_time_and_late_comments_are_marked() {
    use diesel::prelude::*;
    let app = TestApp::spawn().await;
    app.seed_demo();
    let closed: String = app.db(|c| {
        use gopy::db::schema::drafts::dsl::*;
        Ok(drafts.filter(status.eq("closed")).select(slug).first(c)?)
    });
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let response = comment(&lan, &closed, &[("body", "Muộn rồi.")]).await;
    assert_eq!(response.status().as_u16(), 409);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Thời hạn lấy ý kiến đã kết thúc lúc 23:59:59"),
        "{html}"
    );
    assert!(
        !lan.get_text(&format!("/drafts/{closed}"), 200)
            .await
            .contains("/comment?anchor="),
        "no Góp ý links"
    );

    // The drafting agency (STC) chooses to take late comments.
    let manage = format!("/workspace/drafts/{closed}");
    let other = app
        .signed_in("minh@snnmt.gov.vn", Role::Drafter, Some("SNNMT"))
        .await;
    let refused = other
        .post_form(&format!("{manage}/late"), &[("allow_late", "1")])
        .await;
    assert_eq!(
        refused.status().as_u16(),
        403,
        "not another agency's drafter"
    );
    let drafter = app
        .signed_in("ha@stc.gov.vn", Role::Drafter, Some("STC"))
        .await;
    let form = drafter.get_text(&manage, 200).await;
    assert!(form.contains("name=\"allow_late\"") && !form.contains("value=\"1\" checked"));
    let saved = drafter
        .post_form(&format!("{manage}/late"), &[("allow_late", "1")])
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    assert!(
        drafter
            .get_text(&manage, 200)
            .await
            .contains("Dự thảo nhận ý kiến gửi muộn")
    );
    let response = comment(&lan, &closed, &[("body", "Muộn nhưng vẫn được nhận.")]).await;
    assert_eq!(response.status().as_u16(), 303);
    let page = lan.get_text(&location(&response), 200).await;
    assert!(page.contains("Gửi sau thời hạn"));

    // Unticked: refused again.
    drafter.post_form(&format!("{manage}/late"), &[]).await;
    let again = comment(&lan, &closed, &[("body", "Muộn lần nữa.")]).await;
    assert_eq!(again.status().as_u16(), 409);
}

#[tokio::test]
async fn a_double_click_makes_one_comment_and_robots_are_refused() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = open_slug(&app);
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let before = counted(&app, &slug).await;
    let first = comment(&lan, &slug, &[("body", "Một lần thôi.")]).await;
    let second = comment(&lan, &slug, &[("body", "Một lần thôi.")]).await;
    assert_eq!(location(&first), location(&second));
    assert_eq!(
        counted(&app, &slug).await,
        before + 1,
        "one comment, not two"
    );
    let robot = comment(
        &lan,
        &slug,
        &[("body", "Mua ngay!"), ("website", "http://spam.example")],
    )
    .await;
    assert_eq!(robot.status().as_u16(), 400);
}

#[tokio::test]
async fn too_many_comments_get_a_readable_429() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = open_slug(&app);
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    for i in 0..20 {
        let response = comment(&lan, &slug, &[("body", &format!("Ý kiến số {i}"))]).await;
        assert_eq!(response.status().as_u16(), 303, "comment {i}");
    }
    let response = comment(&lan, &slug, &[("body", "Ý kiến thứ 21")]).await;
    assert_eq!(response.status().as_u16(), 429);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("quá nhiều ý kiến trong thời gian ngắn")
    );
}

#[tokio::test]
async fn lifting_the_comment_limits_for_a_load_test_lets_every_comment_through() {
    let app = TestApp::spawn_with(|raw| raw.comment_limits = false).await;
    app.seed_demo();
    let slug = open_slug(&app);
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let before = counted(&app, &slug).await;
    for i in 0..25 {
        let response = comment(&lan, &slug, &[("body", &format!("Ý kiến số {i}"))]).await;
        assert_eq!(response.status().as_u16(), 303, "comment {i}");
    }
    assert_eq!(counted(&app, &slug).await, before + 25);
}

#[tokio::test]
async fn the_api_takes_a_comment_with_a_token_and_lists_every_comment_by_cursor() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = open_slug(&app);
    app.create_user("lan@example.vn", Role::Citizen, None);
    let token = app.db(|c| gopy::admin::create_token(c, "lan@example.vn", "test"));
    let client = reqwest::Client::new();
    let url = format!("{}/api/v1/drafts/{slug}/comments", app.address);
    let body = serde_json::json!({"anchor": POINT, "body": "Góp ý qua API.", "category": "individual", "consent_processing": true});
    let response = client
        .post(&url)
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    let created: serde_json::Value = response.json().await.unwrap();
    assert_eq!(created["anchor"], POINT);
    assert_eq!(created["status"], "published");
    assert_eq!(created["sha256"], sha256("Góp ý qua API."));

    let refused = client
        .post(&url)
        .bearer_auth(&token)
        .json(&serde_json::json!({"body": "x", "category": "individual"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 422);
    let error: serde_json::Value = refused.json().await.unwrap();
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("đồng ý"),
        "{error}"
    );
    assert_eq!(
        client
            .post(&url)
            .json(&body)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        401
    );

    // 205 more comments straight into the database, then page through all of them.
    app.db(|c| {
        let draft = gopy::models::Draft::by_slug(c, &slug)?;
        for i in 0..205 {
            let text = format!("Ý kiến số {i}");
            let body = gopy::domain::comment::CommentBody::parse(&text).unwrap();
            gopy::models::NewComment {
                public_id: uuid::Uuid::new_v4().to_string(),
                draft_id: draft.id,
                version_number: 1,
                anchor: None,
                question_position: None,
                category: "individual",
                organisation_name: None,
                organisation_reg_no: None,
                on_behalf_of: String::new(),
                body_sha256: body.sha256(),
                body: text,
                late: false,
                show_name: false,
                user_id: None,
                contact: None,
                attachments: Vec::new(),
                position: 0,
            }
            .insert(c, None, None)?;
        }
        Ok(())
    });
    let mut seen = std::collections::HashSet::new();
    let mut cursor: Option<i64> = None;
    loop {
        let page_url = match cursor {
            Some(c) => format!("{url}?after={c}"),
            None => url.clone(),
        };
        let page: serde_json::Value = client
            .get(&page_url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for c in page["comments"].as_array().unwrap() {
            assert!(
                seen.insert(c["id"].as_str().unwrap().to_string()),
                "no comment twice"
            );
        }
        match page["next"].as_i64() {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let demo = gopy::demo_comments::COUNT;
    assert_eq!(seen.len(), demo + 206, "every comment, across pages");
}

#[tokio::test]
async fn a_question_number_that_names_no_question_is_refused_not_a_crash() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = open_slug(&app);
    app.create_user("lan@example.vn", Role::Citizen, None);
    let token = app.db(|c| gopy::admin::create_token(c, "lan@example.vn", "test"));
    let url = format!("{}/api/v1/drafts/{slug}/comments", app.address);
    // i32::MIN once made "question - 1" overflow (found by schemathesis).
    for question in [i32::MIN, -1, 0, 99, i32::MAX] {
        let response = reqwest::Client::new()
            .post(&url)
            .bearer_auth(&token)
            .json(&serde_json::json!({
                "question": question,
                "body": "Góp ý cho một câu hỏi không có.",
                "category": "individual",
                "consent_processing": true,
            }))
            .send()
            .await
            .expect("an answer, not a dropped connection");
        assert_eq!(response.status().as_u16(), 422, "question {question}");
    }
    let lan = app.browser();
    lan.login("lan@example.vn", crate::helpers::PASSWORD).await;
    let response = comment(&lan, &slug, &[("question", "-2147483648"), ("body", "x")]).await;
    assert_eq!(response.status().as_u16(), 422);
}

#[tokio::test]
async fn edits_are_kept_as_versions_until_the_comment_is_answered() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = open_slug(&app);
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let path =
        location(&comment(&lan, &slug, &[("anchor", POINT), ("body", "Bản đầu tiên.")]).await);
    let comment_id = path.trim_start_matches("/comments/").to_string();

    // Someone else can't edit it.
    let minh = app.signed_in("minh@example.vn", Role::Citizen, None).await;
    assert_eq!(
        minh.get(&format!("{path}/edit")).await.status().as_u16(),
        403
    );

    let response = lan
        .post_form(&format!("{path}/edit"), &[("body", "Bản thứ hai, rõ hơn.")])
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let page = app.browser().get_text(&path, 200).await;
    assert!(page.contains("Bản thứ hai, rõ hơn."));
    assert!(
        page.contains("Các lần sửa trước") && page.contains("Bản đầu tiên."),
        "the first text stays visible"
    );
    assert!(
        page.contains(&sha256("Bản thứ hai, rõ hơn.")),
        "the receipt follows the current text"
    );
    assert!(
        page.contains(&sha256("Bản đầu tiên.")),
        "each version keeps its fingerprint"
    );

    // The agency answers (the answers issue sets the lock): no more edits.
    app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::comments::dsl::*;
        diesel::update(comments.filter(public_id.eq(&comment_id)))
            .set(locked_at.eq(Some(gopy::models::now())))
            .execute(c)?;
        Ok(())
    });
    let response = lan
        .post_form(&format!("{path}/edit"), &[("body", "Bản thứ ba.")])
        .await;
    assert_eq!(response.status().as_u16(), 409);
    assert!(response.text().await.unwrap().contains("đã được trả lời"));
    assert!(
        !app.browser()
            .get_text(&path, 200)
            .await
            .contains("Bản thứ ba.")
    );
}

#[tokio::test]
async fn a_withdrawn_comment_shows_the_withdrawal_and_stops_counting() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = open_slug(&app);
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let before = counted(&app, &slug).await;
    let path = location(&comment(&lan, &slug, &[("body", "Tôi sẽ rút ý kiến này.")]).await);
    assert_eq!(counted(&app, &slug).await, before + 1);
    let response = lan.post_form(&format!("{path}/withdraw"), &[]).await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(counted(&app, &slug).await, before);
    let page = app.browser().get_text(&path, 200).await;
    assert!(page.contains("Người gửi đã rút ý kiến này."));
    assert!(
        !page.contains("Tôi sẽ rút ý kiến này."),
        "the text leaves public view"
    );
    let list = app
        .browser()
        .get_text(&format!("/drafts/{slug}/comments"), 200)
        .await;
    assert!(
        list.contains("Người gửi đã rút ý kiến này.") && !list.contains("Tôi sẽ rút ý kiến này.")
    );
    assert_eq!(
        lan.post_form(&format!("{path}/withdraw"), &[])
            .await
            .status()
            .as_u16(),
        409
    );
}

/// Reads a CSV export: the BOM must come first; returns the data rows.
async fn export_rows(app: &TestApp, path: &str) -> Vec<csv::StringRecord> {
    let response = app.browser().get(path).await;
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "a BOM for spreadsheets");
    csv::Reader::from_reader(&bytes[3..])
        .records()
        .map(Result::unwrap)
        .collect()
}

/// The number in "N ý kiến được tính" on a list page.
fn list_total(html: &str) -> usize {
    let end = html.find(" ý kiến được tính").expect("the total is shown");
    let start = html[..end]
        .rfind(|c: char| !c.is_ascii_digit())
        .map(|i| i + 1)
        .unwrap_or(0);
    html[start..end].parse().unwrap()
}

#[tokio::test]
async fn the_list_counts_exactly_what_the_export_contains() {
    use diesel::prelude::*;
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = open_slug(&app);
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let kept = location(
        &comment(
            &lan,
            &slug,
            &[
                ("anchor", POINT),
                ("body", "=HYPERLINK(\"http://x\") xin bỏ"),
            ],
        )
        .await,
    );
    let gone = location(&comment(&lan, &slug, &[("body", "Ý kiến sẽ rút.")]).await);
    lan.post_form(&format!("{gone}/withdraw"), &[]).await;
    app.db(|c| {
        use gopy::db::schema::comments::dsl::*;
        let first: i64 = comments
            .filter(status.eq("published"))
            .select(id)
            .first(c)?;
        diesel::update(comments.find(first))
            .set((status.eq("hidden"), hidden_reason_code.eq("spam")))
            .execute(c)?;
        Ok(())
    });

    let html = app
        .browser()
        .get_text(&format!("/drafts/{slug}/comments"), 200)
        .await;
    assert!(html.contains(&format!("/drafts/{slug}/comments.csv")));
    let rows = export_rows(&app, &format!("/drafts/{slug}/comments.csv")).await;
    let in_export = rows
        .iter()
        .filter(|r| &r[2] == "published" || &r[2] == "hidden")
        .count();
    assert_eq!(list_total(&html), in_export, "the total equals the export");
    assert_eq!(in_export as i64, counted(&app, &slug).await);
    assert_eq!(rows.iter().filter(|r| &r[2] == "withdrawn").count(), 1);
    let hidden = rows.iter().find(|r| &r[2] == "hidden").unwrap();
    assert!(hidden[10].is_empty() && hidden[12].starts_with("spam"));
    let withdrawn = rows.iter().find(|r| &r[2] == "withdrawn").unwrap();
    assert!(
        withdrawn[10].is_empty(),
        "a withdrawn text leaves the export"
    );
    let id = kept.trim_start_matches("/comments/");
    let mine = rows.iter().find(|r| &r[0] == id).unwrap();
    assert!(mine[10].starts_with("'=HYPERLINK"), "no formula runs");
    assert_eq!(&mine[8], POINT);

    // The same with a filter: business comments only.
    let html = app
        .browser()
        .get_text(&format!("/drafts/{slug}/comments?category=business"), 200)
        .await;
    let rows = export_rows(
        &app,
        &format!("/drafts/{slug}/comments.csv?category=business"),
    )
    .await;
    assert!(!rows.is_empty() && rows.iter().all(|r| &r[4] == "business"));
    assert_eq!(list_total(&html), rows.len());
}

#[tokio::test]
async fn by_provision_the_list_follows_the_draft_and_its_cursor_reaches_every_comment() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug = open_slug(&app);
    let positions: std::collections::HashMap<String, i32> = app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::{drafts, provisions, versions};
        Ok(provisions::table
            .inner_join(versions::table.inner_join(drafts::table))
            .filter(versions::number.eq(1))
            .filter(drafts::slug.eq(&slug))
            .select((provisions::anchor, provisions::position))
            .load::<(String, i32)>(c)?
            .into_iter()
            .collect())
    });
    let mut path = format!("/drafts/{slug}/comments?order=provision");
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let html = app.browser().get_text(&path, 200).await;
        pages += 1;
        for chunk in html.split("<li class=\"comment\" id=\"c-").skip(1) {
            let id = chunk[..36].to_string();
            let anchor = chunk
                .split_once("<code>")
                .filter(|(before, _)| !before.contains("</li>"))
                .map(|(_, rest)| rest[..rest.find("</code>").unwrap()].to_string());
            let position = anchor.map(|a| positions[&a]).unwrap_or(0);
            seen.push((position, id));
        }
        match gopy_next(&html) {
            Some(next) => path = format!("/drafts/{slug}/comments?{next}"),
            None => break,
        }
    }
    assert!(pages > 2, "several pages");
    let order: Vec<i32> = seen.iter().map(|(p, _)| *p).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "in the order of the draft");
    let unique: std::collections::HashSet<&String> = seen.iter().map(|(_, id)| id).collect();
    assert_eq!(unique.len(), seen.len(), "no comment twice");
    let rows = export_rows(&app, &format!("/drafts/{slug}/comments.csv")).await;
    assert_eq!(seen.len(), rows.len(), "the cursor reaches every comment");
}

/// The query string of the "more" link.
fn gopy_next(html: &str) -> Option<String> {
    let marker = "comments?";
    let at = html.find("rel=\"next\"")?;
    let start = html[..at].rfind(marker)? + marker.len();
    let end = start + html[start..].find('"')?;
    Some(html[start..end].replace("&amp;", "&"))
}
