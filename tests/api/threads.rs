//! Dialogue threads, feedback on regulations in force, following and
//! notices, dialogue sessions.

use chrono::Days;
use diesel::prelude::*;
use gopy::db::schema::{agencies, drafts, follows, notices, threads};
use gopy::domain::Role;

use crate::helpers::{Browser, TestApp, location};

fn today() -> chrono::NaiveDate {
    gopy::domain::draft::local_date(chrono::Utc::now())
}

/// The demo's open draft: slug, title, field and its agency's short name.
fn open_draft(app: &TestApp) -> (String, String, String, String) {
    app.db(|c| {
        Ok(drafts::table
            .inner_join(agencies::table)
            .filter(drafts::status.eq("open"))
            .select((
                drafts::slug,
                drafts::title,
                drafts::field,
                agencies::short_name,
            ))
            .first(c)?)
    })
}

fn agency_public_id(app: &TestApp, short: &str) -> String {
    let short = short.to_string();
    app.db(move |c| {
        Ok(agencies::table
            .filter(agencies::short_name.eq(short))
            .select(agencies::public_id)
            .first(c)?)
    })
}

/// The fields of a valid feedback to `agency` (a public id).
fn feedback<'a>(agency: &'a str, title: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", "feedback"),
        ("agency", agency),
        ("title", title),
        (
            "regulation",
            "Quyết định 12/2024/QĐ-UBND về cấp phép khai thác nước",
        ),
        (
            "body",
            "Thủ tục gia hạn giấy phép yêu cầu nộp lại toàn bộ hồ sơ gốc.",
        ),
        (
            "proposal",
            "Cho phép gia hạn chỉ với báo cáo tình hình khai thác.",
        ),
        ("full_name", "Nguyễn Văn An"),
        ("address", "12 Lê Lợi, Pleiku"),
        ("phone", "0912 345 678"),
    ]
}

/// Opens a thread through the form; returns its public id.
async fn open(browser: &Browser, fields: &[(&str, &str)]) -> String {
    let response = browser.post_form("/threads", fields).await;
    assert_eq!(response.status().as_u16(), 303, "the thread is opened");
    location(&response)
        .trim_start_matches("/threads/")
        .to_string()
}

async fn answer(browser: &Browser, id: &str, body: &str) -> reqwest::Response {
    browser
        .post_form(
            &format!("/threads/{id}/replies"),
            &[("body", body), ("official", "1")],
        )
        .await
}

fn ledger_kinds(app: &TestApp, id: &str) -> Vec<String> {
    let subject = format!("/threads/{id}");
    app.db(move |c| {
        use gopy::db::schema::ledger;
        Ok(ledger::table
            .filter(ledger::subject.eq(subject))
            .order(ledger::seq)
            .select(ledger::kind)
            .load(c)?)
    })
}

#[tokio::test]
async fn a_business_opens_a_thread_on_a_draft_the_drafter_answers_and_followers_get_mail() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (slug, _, _, agency) = open_draft(&app);
    let business = app
        .signed_in("hiephoi@example.vn", Role::OrganisationRep, None)
        .await;
    let follower = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let drafter = app
        .signed_in("canbo@example.vn", Role::Drafter, Some(&agency))
        .await;

    let draft_page = business.get_text(&format!("/drafts/{slug}"), 200).await;
    let new_link = format!("/threads/new?kind=draft&amp;draft={slug}");
    assert!(
        draft_page.contains(&new_link),
        "the draft page offers a thread"
    );
    let form = business
        .get_text(&format!("/threads/new?kind=draft&draft={slug}"), 200)
        .await;
    assert!(form.contains("Đối thoại về dự thảo"));
    let title = "Thời hạn chuyển đổi cho hợp tác xã cà phê";
    let id = open(
        &business,
        &[
            ("kind", "draft"),
            ("draft", &slug),
            ("title", title),
            ("provisions", "Điều 5, khoản 2"),
            (
                "body",
                "Đề nghị cho hợp tác xã thêm 12 tháng để chuyển đổi.",
            ),
        ],
    )
    .await;
    let page = app.browser().get_text(&format!("/threads/{id}"), 200).await;
    assert!(page.contains(title) && page.contains("Chờ trả lời"));
    assert!(
        page.contains("doanh nghiệp, tổ chức"),
        "who opened it is shown"
    );
    let listed = app
        .browser()
        .get_text(&format!("/threads?draft={slug}"), 200)
        .await;
    assert!(listed.contains(title), "listed with the draft's threads");

    let response = follower
        .post_form(
            "/follow",
            &[("kind", "thread"), ("target", &id), ("next", "/")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);

    // Nobody but the addressed agency answers officially.
    let refused = answer(&follower, &id, "Tôi trả lời thay cơ quan.").await;
    assert_eq!(refused.status().as_u16(), 403);
    let outsider = app
        .signed_in("khac@example.vn", Role::Drafter, Some("STP"))
        .await;
    assert_eq!(
        answer(&outsider, &id, "Không phải việc của tôi.")
            .await
            .status()
            .as_u16(),
        403
    );

    let workspace = drafter.get_text("/workspace", 200).await;
    assert!(workspace.contains(title), "the agency's inbox lists it");
    let drafter_view = drafter.get_text(&format!("/threads/{id}"), 200).await;
    assert!(drafter_view.contains("name=\"official\""));
    let text = "Cơ quan soạn thảo tiếp thu: thời hạn chuyển đổi được nâng lên 18 tháng.";
    assert_eq!(answer(&drafter, &id, text).await.status().as_u16(), 303);

    let subject = format!("Đã có trả lời chính thức: {title}");
    let mail = app.smtp.with_subject("lan@example.vn", &subject).await;
    assert!(mail.text().contains(text), "the answer is in the e-mail");
    assert!(mail.text().contains("/unsubscribe?f="));
    app.smtp.with_subject("hiephoi@example.vn", &subject).await;
    assert!(
        !app.smtp
            .messages()
            .iter()
            .any(|m| m.to.iter().any(|t| t == "canbo@example.vn") && m.subject() == subject),
        "the one who answered gets no e-mail about it"
    );

    let page = app.browser().get_text(&format!("/threads/{id}"), 200).await;
    assert!(page.contains("Trả lời chính thức") && page.contains(text));
    let workspace = drafter.get_text("/workspace", 200).await;
    assert!(!workspace.contains(title), "answered, it leaves the inbox");
    assert!(page.contains("Đã trả lời"));
    assert_eq!(
        ledger_kinds(&app, &id),
        vec!["thread.opened", "thread.answered"]
    );
    // A reply to the answer nests under it.
    let page = business.get_text(&format!("/threads/{id}"), 200).await;
    let reply_to = page
        .split("name=\"parent\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a reply form under the answer")
        .to_string();
    let response = business
        .post_form(
            &format!("/threads/{id}/replies"),
            &[("body", "Xin cảm ơn cơ quan."), ("parent", &reply_to)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let json: serde_json::Value = app
        .get(&format!("/api/v1/threads/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["state"], "answered");
    assert_eq!(json["replies"][0]["official"], true);
    assert_eq!(
        json["replies"][0]["replies"][0]["body"],
        "Xin cảm ơn cơ quan."
    );
}

#[tokio::test]
async fn feedback_needs_the_regulation_the_problem_a_proposal_and_a_private_contact() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let agency = agency_public_id(&app, "SNNMT");
    let citizen = app.signed_in("an@example.vn", Role::Citizen, None).await;
    let drafter = app
        .signed_in("canbo@example.vn", Role::Drafter, Some("SNNMT"))
        .await;

    let visitor = app.browser().get("/threads/new?kind=feedback").await;
    assert_eq!(visitor.status().as_u16(), 303);
    assert!(
        location(&visitor).starts_with("/login?next="),
        "a visitor is asked to sign in"
    );
    let response = citizen
        .post_form(
            "/threads",
            &[
                ("kind", "feedback"),
                ("title", "Gia hạn"),
                ("body", "Thủ tục rườm rà."),
                ("phone", "12"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.unwrap();
    for message in [
        "Vui lòng chọn cơ quan nhận.",
        "Số điện thoại cần 8 đến 15 chữ số",
        "Vui lòng nhập thông tin này.",
    ] {
        assert!(html.contains(message), "{message}");
    }
    for field in ["regulation", "proposal", "full_name", "address", "phone"] {
        assert!(
            html.contains(&format!("id=\"{field}-error\"")),
            "{field} is flagged"
        );
    }
    assert!(html.contains("Thủ tục rườm rà."), "what was typed is kept");
    let stored = app.db(|c| {
        Ok(threads::table
            .filter(threads::body.eq("Thủ tục rườm rà."))
            .count()
            .get_result::<i64>(c)?)
    });
    assert_eq!(stored, 0, "nothing is stored");

    let id = open(
        &citizen,
        &feedback(&agency, "Gia hạn giấy phép khai thác nước"),
    )
    .await;
    let public = app.browser().get_text(&format!("/threads/{id}"), 200).await;
    assert!(public.contains("Quyết định 12/2024/QĐ-UBND"));
    assert!(public.contains("Cho phép gia hạn chỉ với báo cáo"));
    for private in ["0912 345 678", "12 Lê Lợi", "Nguyễn Văn An"] {
        assert!(!public.contains(private), "{private} is not public");
        let api = app
            .get(&format!("/api/v1/threads/{id}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(!api.contains(private), "{private} is not in the API");
    }
    let staff = drafter.get_text(&format!("/threads/{id}"), 200).await;
    assert!(
        staff.contains("0912 345 678") && staff.contains("12 Lê Lợi"),
        "the agency addressed sees how to reach the sender"
    );
}

#[tokio::test]
async fn the_due_date_follows_the_configuration_and_overdue_threads_are_flagged() {
    let app = TestApp::spawn_with(|c| c.thread_answer_days = 10).await;
    app.seed_demo();
    // The demo has no thread for the construction department.
    let agency = agency_public_id(&app, "SXD");
    let citizen = app.signed_in("an@example.vn", Role::Citizen, None).await;
    let drafter = app
        .signed_in("canbo@example.vn", Role::Drafter, Some("SXD"))
        .await;
    let scorecard = app
        .browser()
        .get_text(&format!("/agencies/{agency}"), 200)
        .await;
    assert!(scorecard.contains("Không có phản ánh, kiến nghị nào quá hạn"));
    let id = open(&citizen, &feedback(&agency, "Phí thẩm định hồ sơ quá cao")).await;
    let due = today().checked_add_days(Days::new(10)).unwrap();
    let page = app.browser().get_text(&format!("/threads/{id}"), 200).await;
    assert!(page.contains(&format!("Hạn trả lời {}", due.format("%d/%m/%Y"))));
    assert!(!page.contains("Quá hạn"));
    let overdue = app.browser().get_text("/threads?overdue=1", 200).await;
    assert!(!overdue.contains("Phí thẩm định"));

    let yesterday = today().pred_opt().unwrap();
    let key = id.clone();
    app.db(move |c| {
        diesel::update(threads::table.filter(threads::public_id.eq(key)))
            .set(threads::due_on.eq(yesterday))
            .execute(c)?;
        Ok(())
    });
    let page = app.browser().get_text(&format!("/threads/{id}"), 200).await;
    assert!(page.contains("Quá hạn trả lời"), "flagged publicly");
    let overdue = app.browser().get_text("/threads?overdue=1", 200).await;
    assert!(overdue.contains("Phí thẩm định"));
    let api: serde_json::Value = app
        .get("/api/v1/threads?overdue=1")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(api["threads"][0]["id"], id);
    assert_eq!(api["threads"][0]["overdue"], true);
    let scorecard = app
        .browser()
        .get_text(&format!("/agencies/{agency}"), 200)
        .await;
    assert!(
        scorecard.contains("1 phản ánh, kiến nghị quá hạn"),
        "the agency's scorecard counts it"
    );

    assert_eq!(
        answer(&drafter, &id, "Phí được tính theo Nghị quyết 05/2023.")
            .await
            .status()
            .as_u16(),
        303
    );
    let overdue = app.browser().get_text("/threads?overdue=1", 200).await;
    assert!(
        !overdue.contains("Phí thẩm định"),
        "answered late, no longer open"
    );
}

#[tokio::test]
async fn forwarding_keeps_the_history_and_is_refused_after_five_working_days() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let stc = agency_public_id(&app, "STC");
    let snnmt = agency_public_id(&app, "SNNMT");
    let citizen = app.signed_in("an@example.vn", Role::Citizen, None).await;
    let wrong = app
        .signed_in("stc@example.vn", Role::Drafter, Some("STC"))
        .await;
    let right = app
        .signed_in("snnmt@example.vn", Role::Drafter, Some("SNNMT"))
        .await;
    let id = open(&citizen, &feedback(&stc, "Giấy phép khai thác nước ngầm")).await;

    let forward = |browser: Browser, id: String, to: String| async move {
        browser
            .post_form(
                &format!("/threads/{id}/forward"),
                &[
                    ("agency", &to),
                    ("note", "Thuộc thẩm quyền của Sở Nông nghiệp."),
                ],
            )
            .await
    };
    assert_eq!(
        forward(citizen.clone(), id.clone(), snnmt.clone())
            .await
            .status()
            .as_u16(),
        403
    );
    let response = forward(wrong.clone(), id.clone(), snnmt.clone()).await;
    assert_eq!(response.status().as_u16(), 303);

    let page = app.browser().get_text(&format!("/threads/{id}"), 200).await;
    assert!(page.contains("Gửi Sở Nông nghiệp và Môi trường tỉnh Gia Lai"));
    assert!(page.contains(
        "Sở Tài chính tỉnh Gia Lai chuyển đến Sở Nông nghiệp và Môi trường tỉnh Gia Lai"
    ));
    assert!(
        page.contains("Đã gửi đến Sở Tài chính tỉnh Gia Lai"),
        "the first address stays"
    );
    assert!(page.contains("Thuộc thẩm quyền của Sở Nông nghiệp."));
    assert_eq!(
        answer(&wrong, &id, "Chúng tôi trả lời.")
            .await
            .status()
            .as_u16(),
        403,
        "the first agency no longer answers for it"
    );
    assert_eq!(
        answer(&right, &id, "Sở Nông nghiệp trả lời.")
            .await
            .status()
            .as_u16(),
        303
    );
    assert_eq!(
        ledger_kinds(&app, &id),
        vec!["thread.opened", "thread.forwarded", "thread.answered"]
    );

    // Received ten days ago: more than five working days have passed.
    let late = open(&citizen, &feedback(&stc, "Lệ phí cấp phép xả thải")).await;
    let received = chrono::Utc::now().naive_utc() - chrono::Duration::days(10);
    let key = late.clone();
    app.db(move |c| {
        diesel::update(threads::table.filter(threads::public_id.eq(key)))
            .set(threads::received_at.eq(received))
            .execute(c)?;
        Ok(())
    });
    let response = forward(wrong, late.clone(), snnmt).await;
    assert_eq!(response.status().as_u16(), 409);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Đã quá thời hạn chuyển (5 ngày làm việc")
    );
    assert_eq!(ledger_kinds(&app, &late), vec!["thread.opened"]);
}

#[tokio::test]
async fn the_unsubscribe_link_works_without_signing_in_and_cannot_be_forged() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let agency = agency_public_id(&app, "SNNMT");
    let author = app.signed_in("an@example.vn", Role::Citizen, None).await;
    let other = app.signed_in("binh@example.vn", Role::Citizen, None).await;
    let drafter = app
        .signed_in("canbo@example.vn", Role::Drafter, Some("SNNMT"))
        .await;
    let id = open(&author, &feedback(&agency, "Cấp phép khai thác cát sông")).await;
    other
        .post_form(
            "/follow",
            &[("kind", "thread"), ("target", &id), ("next", "/")],
        )
        .await;
    answer(&drafter, &id, "Lần trả lời thứ nhất.").await;
    let subject = "Đã có trả lời chính thức: Cấp phép khai thác cát sông";
    let mail = app.smtp.with_subject("an@example.vn", subject).await;
    let link = mail.link("/unsubscribe?f=");
    let path = link.trim_start_matches(&app.address).to_string();
    let other_mail = app.smtp.with_subject("binh@example.vn", subject).await;
    let other_path = other_mail
        .link("/unsubscribe?f=")
        .trim_start_matches(&app.address)
        .to_string();
    assert_ne!(path, other_path, "each follower has their own link");

    // Forged: another follow's number with this signature, or a changed signature.
    let (f, s) = path
        .trim_start_matches("/unsubscribe?f=")
        .split_once("&s=")
        .unwrap();
    let other_f = other_path
        .trim_start_matches("/unsubscribe?f=")
        .split_once("&s=")
        .unwrap()
        .0;
    let visitor = app.browser();
    for forged in [
        format!("/unsubscribe?f={other_f}&s={s}"),
        format!("/unsubscribe?f={f}&s=x{s}"),
        format!("/unsubscribe?f={f}"),
    ] {
        let response = visitor.get(&forged).await;
        assert_eq!(response.status().as_u16(), 400, "{forged}");
        assert!(response.text().await.unwrap().contains("bị sửa"));
    }
    let csrf = visitor.csrf_from(&path).await;
    let forged = visitor
        .post_raw(
            "/unsubscribe",
            &[("_csrf", &csrf), ("f", other_f), ("s", s)],
        )
        .await;
    assert_eq!(forged.status().as_u16(), 400);

    // The real link, in a browser that never signed in.
    let page = visitor.get_text(&path, 200).await;
    assert!(page.contains("Cấp phép") || page.contains(&id));
    let done = visitor
        .post_raw("/unsubscribe", &[("_csrf", &csrf), ("f", f), ("s", s)])
        .await;
    assert_eq!(done.status().as_u16(), 200);
    assert!(
        done.text()
            .await
            .unwrap()
            .contains("không nhận thư về mục này nữa")
    );
    let left: i64 = app.db(|c| {
        Ok(follows::table
            .inner_join(gopy::db::schema::users::table)
            .filter(gopy::db::schema::users::email.eq("an@example.vn"))
            .count()
            .get_result(c)?)
    });
    assert_eq!(left, 0);

    answer(&drafter, &id, "Lần trả lời thứ hai.").await;
    let second = |m: &crate::smtp::ReceivedMail| {
        m.to.iter().any(|t| t == "binh@example.vn") && m.text().contains("Lần trả lời thứ hai.")
    };
    for _ in 0..200 {
        if app.smtp.messages().iter().any(second) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        app.smtp.messages().iter().any(second),
        "the other follower still hears"
    );
    let to_author = app
        .smtp
        .messages()
        .iter()
        .filter(|m| m.to.iter().any(|t| t == "an@example.vn") && m.subject() == subject)
        .count();
    assert_eq!(to_author, 1, "no e-mail after unsubscribing");
}

#[tokio::test]
async fn a_dialogue_session_takes_registrations_and_questions_and_publishes_minutes() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let drafter = app
        .signed_in("canbo@example.vn", Role::Drafter, Some("SNNMT"))
        .await;
    let business = app
        .signed_in("hiephoi@example.vn", Role::OrganisationRep, None)
        .await;
    let citizen = app.signed_in("an@example.vn", Role::Citizen, None).await;

    let response = drafter
        .post_form(
            "/workspace/dialogues",
            &[("title", "Đối thoại"), ("date", "mai"), ("time", "9h")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Giờ cần có dạng HH:MM."));
    assert!(html.contains("Cần có địa điểm hoặc đường dẫn trực tuyến."));
    assert_eq!(
        citizen
            .post_form(
                "/workspace/dialogues",
                &[("title", "Đối thoại doanh nghiệp")]
            )
            .await
            .status()
            .as_u16(),
        403
    );

    let tomorrow = today().succ_opt().unwrap().to_string();
    let response = drafter
        .post_form(
            "/workspace/dialogues",
            &[
                ("title", "Đối thoại doanh nghiệp ngành cà phê quý IV"),
                ("date", &tomorrow),
                ("time", "08:30"),
                ("place", "Hội trường Sở, 05 Hùng Vương, Pleiku"),
                ("agenda", "1. Thủ tục cấp phép\n2. Hỏi đáp"),
                ("capacity", "1"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let page_path = location(&response);
    let session = page_path.trim_start_matches("/dialogues/").to_string();
    let listed = app.browser().get_text("/dialogues", 200).await;
    assert!(listed.contains("ngành cà phê quý IV"));

    let register = |b: Browser| {
        let path = format!("{page_path}/register");
        async move { b.post_form(&path, &[]).await }
    };
    assert_eq!(register(business.clone()).await.status().as_u16(), 303);
    assert_eq!(register(business.clone()).await.status().as_u16(), 303);
    let full = register(citizen.clone()).await;
    assert_eq!(full.status().as_u16(), 409);
    assert!(full.text().await.unwrap().contains("đã đủ chỗ"));
    let organiser = drafter.get_text(&page_path, 200).await;
    assert!(
        organiser.contains("hiephoi@example.vn"),
        "the agency sees who registered"
    );
    let public = app.browser().get_text(&page_path, 200).await;
    assert!(public.contains("1 / 1") && !public.contains("hiephoi@example.vn"));

    let question = open(
        &business,
        &[
            ("kind", "question"),
            ("session", &session),
            ("title", "Hồ sơ cấp mã vùng trồng"),
            ("body", "Thời gian cấp mã vùng trồng có thể rút ngắn không?"),
        ],
    )
    .await;
    let public = app.browser().get_text(&page_path, 200).await;
    assert!(public.contains("Hồ sơ cấp mã vùng trồng"));

    let minutes = [
        (
            "minutes",
            "Sở cam kết rút ngắn thời gian cấp mã vùng trồng còn 10 ngày.",
        ),
        (&*format!("q-{question}"), "1"),
    ];
    let minutes: Vec<(&str, &str)> = minutes.iter().map(|(k, v)| (*k, *v)).collect();
    let early = drafter
        .post_form(&format!("/workspace/dialogues/{session}/minutes"), &minutes)
        .await;
    assert_eq!(early.status().as_u16(), 409, "not before the session");

    let held = chrono::Utc::now().naive_utc() - chrono::Duration::hours(3);
    let key = session.clone();
    app.db(move |c| {
        use gopy::db::schema::dialogue_sessions;
        diesel::update(dialogue_sessions::table.filter(dialogue_sessions::public_id.eq(key)))
            .set(dialogue_sessions::starts_at.eq(held))
            .execute(c)?;
        Ok(())
    });
    let other_agency = app
        .signed_in("stc@example.vn", Role::Drafter, Some("STC"))
        .await;
    assert_eq!(
        other_agency
            .post_form(&format!("/workspace/dialogues/{session}/minutes"), &minutes)
            .await
            .status()
            .as_u16(),
        403
    );
    let response = drafter
        .post_form(&format!("/workspace/dialogues/{session}/minutes"), &minutes)
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let public = app.browser().get_text(&page_path, 200).await;
    assert!(public.contains("rút ngắn thời gian cấp mã vùng trồng còn 10 ngày"));
    assert!(public.contains(&format!("href=\"/threads/{question}\"")));
    let thread = app
        .browser()
        .get_text(&format!("/threads/{question}"), 200)
        .await;
    assert!(thread.contains("Đã trả lời") && thread.contains("Đã trả lời tại hội nghị đối thoại"));
    assert_eq!(
        register(citizen).await.status().as_u16(),
        409,
        "registration is over"
    );
    let again = drafter
        .post_form(&format!("/workspace/dialogues/{session}/minutes"), &minutes)
        .await;
    assert_eq!(again.status().as_u16(), 409, "published once");
}

#[tokio::test]
async fn threads_are_filtered_searched_without_diacritics_and_served_as_feed_and_api() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let snnmt = agency_public_id(&app, "SNNMT");
    let stc = agency_public_id(&app, "STC");
    let citizen = app.signed_in("an@example.vn", Role::Citizen, None).await;
    let mut first = feedback(&snnmt, "Thu hồi đất đai vùng ven đô");
    first.push(("field", "Đất đai"));
    open(&citizen, &first).await;
    open(&citizen, &feedback(&stc, "Học phí trường công lập")).await;

    let found = app.browser().get_text("/threads?q=dat+dai", 200).await;
    assert!(found.contains("Thu hồi đất đai") && !found.contains("Học phí"));
    let by_agency = app
        .browser()
        .get_text(&format!("/threads?agency={stc}"), 200)
        .await;
    assert!(by_agency.contains("Học phí") && !by_agency.contains("Thu hồi đất đai"));
    let by_field = app
        .browser()
        .get_text("/threads?field=%C4%90%E1%BA%A5t+%C4%91ai", 200)
        .await;
    assert!(by_field.contains("Thu hồi đất đai") && !by_field.contains("Học phí"));
    let answered = app
        .browser()
        .get_text("/threads?state=answered&q=hoc+phi", 200)
        .await;
    assert!(answered.contains("Không có cuộc đối thoại nào khớp"));

    let feed = app.get("/threads/feed.atom").await;
    assert_eq!(
        feed.headers()["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let feed = feed.text().await.unwrap();
    assert!(feed.contains("Thu hồi đất đai") && feed.contains("Học phí"));

    let token = app.db(|c| gopy::admin::create_token(c, "an@example.vn", "test"));
    let url = format!("{}/api/v1/threads", app.address);
    let refused = app
        .client
        .post(&url)
        .json(&serde_json::json!({"kind": "feedback", "title": "x", "body": "y"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 401);
    let invalid = app
        .client
        .post(&url)
        .bearer_auth(&token)
        .json(
            &serde_json::json!({"kind": "feedback", "agency": stc, "title": "Lệ phí", "body": "y"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(invalid.status().as_u16(), 422);
    assert!(invalid.text().await.unwrap().contains("phone"));
    let created = app
        .client
        .post(&url)
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "kind": "feedback", "agency": stc, "title": "Lệ phí trước bạ xe điện",
            "body": "Mức lệ phí chưa khuyến khích xe điện.", "regulation": "Nghị quyết 07/2022",
            "proposal": "Giảm 50% trong 3 năm.", "full_name": "Nguyễn Văn An",
            "address": "Pleiku", "phone": "0912345678"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status().as_u16(), 201);
    let created: serde_json::Value = created.json().await.unwrap();
    assert_eq!(created["state"], "open");
    let list: serde_json::Value = app
        .get("/api/v1/threads?kind=feedback")
        .await
        .json()
        .await
        .unwrap();
    let items = list["threads"].as_array().unwrap();
    assert_eq!(items[0]["id"], created["id"], "newest first");
    assert!(items.iter().all(|t| t["kind"] == "feedback"));
    assert!(
        items
            .iter()
            .any(|t| t["title"] == "Thu hồi đất đai vùng ven đô")
    );
}

#[tokio::test]
async fn followers_hear_of_new_drafts_and_closing_windows_once_or_in_a_daily_digest() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (slug, title, field, _) = open_draft(&app);
    let field_follower = app.signed_in("an@example.vn", Role::Citizen, None).await;
    let draft_follower = app.signed_in("binh@example.vn", Role::Citizen, None).await;
    let digest_reader = app.signed_in("chi@example.vn", Role::Citizen, None).await;
    field_follower
        .post_form(
            "/follow",
            &[
                ("kind", "field"),
                ("target", &field.to_uppercase()),
                ("next", "/"),
            ],
        )
        .await;
    draft_follower
        .post_form(
            "/follow",
            &[("kind", "draft"), ("target", &slug), ("next", "/")],
        )
        .await;
    digest_reader
        .post_form(
            "/follow",
            &[
                ("kind", "draft"),
                ("target", &slug),
                ("digest", "1"),
                ("next", "/"),
            ],
        )
        .await;
    let mine = digest_reader.get_text("/account/follows", 200).await;
    assert!(mine.contains("thư tổng hợp hằng ngày"));

    // The draft opened today and closes in two days.
    let (opens, closes) = (today(), today().checked_add_days(Days::new(2)).unwrap());
    let key = slug.clone();
    app.db(move |c| {
        diesel::update(drafts::table.filter(drafts::slug.eq(key)))
            .set((drafts::opens_on.eq(opens), drafts::closes_on.eq(closes)))
            .execute(c)?;
        Ok(())
    });
    let run = || {
        let config = app.config.clone();
        app.db_elsewhere(move |c| {
            let key = gopy::models::ServerKey::get_or_create(
                c,
                "unsubscribe",
                gopy::auth::secret::random_token,
            )?;
            let postman =
                gopy::mail::Postman::new(gopy::views::Templates::load()?, &config.base_url)
                    .with_unsubscribe_key(key.into_bytes());
            Ok(gopy::notices_worker::run_once(c, &postman)?)
        })
    };
    let first = run();
    assert!(first >= 2, "queued {first}");
    assert_eq!(
        run(),
        0,
        "a second round (or a second node) sends nothing again"
    );

    let opened = app
        .smtp
        .with_subject("an@example.vn", &format!("Dự thảo mới lấy ý kiến: {title}"))
        .await;
    assert!(opened.text().contains(&format!("/drafts/{slug}")));
    assert!(opened.text().contains("/unsubscribe?f="));
    app.smtp
        .with_subject("binh@example.vn", &format!("Còn 3 ngày góp ý: {title}"))
        .await;
    assert!(
        !app.smtp
            .messages()
            .iter()
            .any(|m| m.to.iter().any(|t| t == "chi@example.vn")),
        "the digest reader gets nothing yet"
    );

    // A day later, the digest gathers what waited.
    app.db(|c| {
        let day_ago = chrono::Utc::now().naive_utc() - chrono::Duration::hours(25);
        diesel::update(notices::table.filter(notices::sent_at.is_null()))
            .set(notices::created_at.eq(day_ago))
            .execute(c)?;
        Ok(())
    });
    assert_eq!(run(), 1);
    let digest = app.smtp.last_to("chi@example.vn").await;
    assert_eq!(digest.subject(), "Tổng hợp: 1 tin mới bạn theo dõi");
    assert!(
        digest
            .text()
            .contains(&format!("Còn 3 ngày góp ý: {title}"))
    );
    assert_eq!(run(), 0, "sent once");
}

#[tokio::test]
async fn a_feedback_carries_files_checked_by_content_and_hidden_with_it() {
    use reqwest::multipart::{Form, Part};
    let app = TestApp::spawn().await;
    app.seed_demo();
    let agency = agency_public_id(&app, "SNNMT");
    let citizen = app.signed_in("an@example.vn", Role::Citizen, None).await;
    let moderator = app
        .signed_in("kiemduyet@example.vn", Role::Moderator, Some("VPUBND"))
        .await;
    let send = |files: Vec<(&'static str, &'static [u8])>| {
        let citizen = citizen.clone();
        let agency = agency.clone();
        async move {
            let csrf = citizen.csrf_from("/threads/new?kind=feedback").await;
            let mut form = Form::new().text("_csrf", csrf);
            for (k, v) in feedback(&agency, "Biểu mẫu đăng ký khai thác nước") {
                form = form.text(k.to_string(), v.to_string());
            }
            for (name, bytes) in files {
                form = form.part(
                    "attachments",
                    Part::bytes(bytes.to_vec()).file_name(name.to_string()),
                );
            }
            citizen
                .client
                .post(format!("{}/threads", citizen.address))
                .multipart(form)
                .send()
                .await
                .unwrap()
        }
    };
    const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n";
    const EXE: &[u8] = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff";

    let lying = send(vec![("bieu-mau.pdf", EXE)]).await;
    assert_eq!(lying.status().as_u16(), 422);
    assert!(lying.text().await.unwrap().contains("không phải PDF"));

    let response = send(vec![("bieu-mau.pdf", PDF)]).await;
    assert_eq!(response.status().as_u16(), 303);
    let path = location(&response);
    let page = app.browser().get_text(&path, 200).await;
    assert!(page.contains("bieu-mau.pdf"));
    let file = app.get(&format!("{path}/attachments/1")).await;
    assert_eq!(file.status().as_u16(), 200);
    assert_eq!(file.headers()["content-type"], "application/pdf");
    assert!(
        file.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(file.bytes().await.unwrap().as_ref(), PDF);
    assert_eq!(
        app.get(&format!("{path}/attachments/2"))
            .await
            .status()
            .as_u16(),
        404
    );

    let response = moderator
        .post_form(
            &format!("{path}/hide"),
            &[("reason", "Chứa thông tin cá nhân")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let page = app.browser().get_text(&path, 200).await;
    assert!(
        page.contains("Chứa thông tin cá nhân"),
        "the reason is public"
    );
    assert!(!page.contains("bieu-mau.pdf"));
    let api: serde_json::Value = app
        .get(&format!(
            "/api/v1/threads/{}",
            path.trim_start_matches("/threads/")
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(api["body"], "", "the API withholds it too");
    assert_eq!(api["regulation"], "");
    let list: serde_json::Value = app.get("/api/v1/threads").await.json().await.unwrap();
    let item = list["threads"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["hidden"] == true)
        .expect("the hidden thread stays listed");
    assert_eq!(item["title"], "");
    let found = app
        .browser()
        .get_text("/threads?q=bieu+mau+dang+ky", 200)
        .await;
    assert!(!found.contains("Biểu mẫu đăng ký"), "words don't find it");
    assert_eq!(
        app.get(&format!("{path}/attachments/1"))
            .await
            .status()
            .as_u16(),
        404,
        "a hidden thread's files are hidden too"
    );
    let id = path.trim_start_matches("/threads/");
    assert_eq!(
        ledger_kinds(&app, id),
        vec!["thread.opened", "thread.hidden"]
    );
}

#[tokio::test]
async fn reports_reach_the_moderators_and_hide_nothing_by_themselves() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let agency = agency_public_id(&app, "SNNMT");
    let citizen = app.signed_in("an@example.vn", Role::Citizen, None).await;
    let moderator = app
        .signed_in("kiemduyet@example.vn", Role::Moderator, Some("VPUBND"))
        .await;
    let id = open(
        &citizen,
        &feedback(&agency, "Phí bảo vệ môi trường nước thải"),
    )
    .await;
    let response = citizen
        .post_form(
            &format!("/threads/{id}/replies"),
            &[("body", "Số điện thoại của cán bộ là 0909 000 111.")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let page = citizen.get_text(&format!("/threads/{id}"), 200).await;
    let reply = page
        .split("name=\"reply\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("each reply can be reported")
        .to_string();

    for _ in 0..20 {
        let visitor = app.browser();
        let csrf = visitor.csrf_from(&format!("/threads/{id}")).await;
        let response = visitor
            .post_raw(
                &format!("/threads/{id}/report"),
                &[
                    ("_csrf", &csrf),
                    ("reason", "Lộ thông tin cá nhân"),
                    ("reply", &reply),
                ],
            )
            .await;
        assert_eq!(response.status().as_u16(), 303);
    }
    let page = app.browser().get_text(&format!("/threads/{id}"), 200).await;
    assert!(page.contains("0909 000 111"), "twenty reports hide nothing");
    let queue = moderator.get_text("/moderation", 200).await;
    assert!(queue.contains("Phí bảo vệ môi trường nước thải") && queue.contains("20 báo cáo"));
    assert_eq!(
        citizen
            .post_form(
                &format!("/threads/{id}/hide"),
                &[("reason", "Lộ thông tin cá nhân"), ("reply", &reply)],
            )
            .await
            .status()
            .as_u16(),
        403,
        "only moderators hide"
    );
    let response = moderator
        .post_form(
            &format!("/threads/{id}/hide"),
            &[("reason", "Lộ thông tin cá nhân"), ("reply", &reply)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let page = app.browser().get_text(&format!("/threads/{id}"), 200).await;
    assert!(!page.contains("0909 000 111"));
    assert!(
        page.contains("Lộ thông tin cá nhân"),
        "the reason is public"
    );
    assert!(
        page.contains("Phí bảo vệ môi trường nước thải"),
        "the thread stays"
    );
}

#[tokio::test]
async fn the_author_appeals_once_and_another_moderator_decides() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let agency = agency_public_id(&app, "SNNMT");
    let author = app.signed_in("an@example.vn", Role::Citizen, None).await;
    let hider = app
        .signed_in("kd1@example.vn", Role::Moderator, Some("VPUBND"))
        .await;
    let other = app
        .signed_in("kd2@example.vn", Role::Moderator, Some("VPUBND"))
        .await;
    let id = open(&author, &feedback(&agency, "Giá nước sạch vùng nông thôn")).await;
    hider
        .post_form(
            &format!("/threads/{id}/hide"),
            &[("reason", "Nghi là quảng cáo")],
        )
        .await;
    let page = author.get_text(&format!("/threads/{id}"), 200).await;
    assert!(page.contains("Lý do khiếu nại việc ẩn đối thoại của bạn"));
    let stranger = app.signed_in("binh@example.vn", Role::Citizen, None).await;
    let appeal = |b: Browser| {
        let path = format!("/threads/{id}/appeal");
        let target = id.clone();
        async move {
            b.post_form(
                &path,
                &[
                    ("target", &target),
                    ("body", "Đây là phản ánh thật, không quảng cáo."),
                ],
            )
            .await
        }
    };
    assert_eq!(
        appeal(stranger).await.status().as_u16(),
        403,
        "only the author appeals"
    );
    assert_eq!(appeal(author.clone()).await.status().as_u16(), 303);
    assert_eq!(appeal(author.clone()).await.status().as_u16(), 409, "once");

    let queue = other.get_text("/moderation", 200).await;
    assert!(queue.contains("Đây là phản ánh thật, không quảng cáo."));
    let appeal_id = queue
        .split("/moderation/thread-appeals/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let decide = |b: Browser| {
        let path = format!("/moderation/thread-appeals/{appeal_id}");
        async move {
            b.post_form(
                &path,
                &[("outcome", "restore"), ("decision", "Nội dung phù hợp.")],
            )
            .await
        }
    };
    assert_eq!(
        decide(hider).await.status().as_u16(),
        409,
        "who hid it does not judge the appeal"
    );
    assert_eq!(decide(other.clone()).await.status().as_u16(), 303);
    let page = app.browser().get_text(&format!("/threads/{id}"), 200).await;
    assert!(page.contains("Giá nước sạch vùng nông thôn"), "shown again");
    assert!(page.contains("Hiện lại sau khiếu nại") && page.contains("Nội dung phù hợp."));
    assert_eq!(decide(other).await.status().as_u16(), 404, "decided once");
    assert_eq!(
        ledger_kinds(&app, &id),
        vec!["thread.opened", "thread.hidden", "thread.appeal"]
    );
}

#[tokio::test]
async fn one_account_opening_threads_in_bulk_is_slowed_down_by_form_and_api_alike() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let stc = agency_public_id(&app, "STC");
    let citizen = app.signed_in("an@example.vn", Role::Citizen, None).await;
    let token = app.db(|c| gopy::admin::create_token(c, "an@example.vn", "test"));
    let url = format!("{}/api/v1/threads", app.address);
    let max = gopy::domain::limits::COMMENT_PER_AUTHOR.max;
    let mut statuses = Vec::new();
    for n in 0..max {
        let title = format!("Phản ánh số {n}");
        if n % 2 == 0 {
            statuses.push(
                citizen
                    .post_form("/threads", &feedback(&stc, &title))
                    .await
                    .status()
                    .as_u16(),
            );
        } else {
            let fields: serde_json::Map<String, serde_json::Value> = feedback(&stc, &title)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.into()))
                .collect();
            statuses.push(
                app.client
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&fields)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16(),
            );
        }
    }
    assert!(
        statuses.iter().all(|s| *s == 303 || *s == 201),
        "{max} threads are fine: {statuses:?}"
    );

    let fields: serde_json::Map<String, serde_json::Value> = feedback(&stc, "Một lần nữa")
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.into()))
        .collect();
    let api = app
        .client
        .post(&url)
        .bearer_auth(&token)
        .json(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status().as_u16(), 429, "the API counts with the form");
    let form = citizen
        .post_form("/threads", &feedback(&stc, "Một lần nữa"))
        .await;
    assert_eq!(form.status().as_u16(), 429);
    assert!(
        form.text()
            .await
            .unwrap()
            .contains("Bạn đã gửi quá nhiều ý kiến"),
        "a readable refusal"
    );
    let opened: i64 = app.db(|c| {
        Ok(threads::table
            .filter(threads::title.like("%Một lần nữa%"))
            .count()
            .get_result(c)?)
    });
    assert_eq!(opened, 0, "nothing past the limit is stored");
}
