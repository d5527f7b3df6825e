//! Moderation that cannot be brigaded: reports never hide; hiding needs a
//! moderator and a reason, keeps the comment counted and is logged publicly.

use gopy::domain::{AgencyKind, Role};

use crate::helpers::{TestApp, location};

async fn a_comment(app: &TestApp) -> (String, String) {
    let slug: String = app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::drafts::dsl::*;
        Ok(drafts.filter(status.eq("open")).select(slug).first(c)?)
    });
    let author = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let response = author
        .post_form(
            &format!("/drafts/{slug}/comments"),
            &[
                ("category", "individual"),
                ("consent_processing", "1"),
                ("body", "Dự thảo này bất hợp lý, cần viết lại."),
            ],
        )
        .await;
    (slug, location(&response))
}

#[tokio::test]
async fn twenty_reports_hide_nothing() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (_, path) = a_comment(&app).await;
    for i in 0..20 {
        let brigade = app.browser();
        let response = brigade
            .post_form(
                &format!("{path}/report"),
                &[("reason", &format!("Tôi không đồng ý ({i})"))],
            )
            .await;
        assert_eq!(response.status().as_u16(), 303, "report {i}");
    }
    let page = app.browser().get_text(&path, 200).await;
    assert!(
        page.contains("Dự thảo này bất hợp lý, cần viết lại."),
        "still shown"
    );
    assert!(page.contains("Đã công bố"));
}

#[tokio::test]
async fn a_moderator_hides_with_a_reason_that_stays_public_and_the_comment_still_counts() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (slug, path) = a_comment(&app).await;
    let public_id = path.trim_start_matches("/comments/").to_string();
    app.browser()
        .post_form(
            &format!("{path}/report"),
            &[("reason", "Có số điện thoại cá nhân")],
        )
        .await;

    let citizen = app.signed_in("minh@example.vn", Role::Citizen, None).await;
    let refused = citizen
        .post_form(
            &format!("/moderation/comments/{public_id}/hide"),
            &[("reason_code", "spam")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 403);

    app.create_agency("VP", AgencyKind::PeoplesCommitteeOffice);
    let moderator = app
        .signed_in("mod@vp.gov.vn", Role::Moderator, Some("VP"))
        .await;
    let queue = moderator.get_text("/moderation", 200).await;
    assert!(queue.contains(&public_id) && queue.contains("1 báo cáo"));
    let list_before = app
        .browser()
        .get_text(&format!("/drafts/{slug}/comments"), 200)
        .await;
    let refused = moderator
        .post_form(
            &format!("/moderation/comments/{public_id}/hide"),
            &[("reason_code", "other")],
        )
        .await;
    assert_eq!(
        refused.status().as_u16(),
        400,
        "'other' needs an explanation"
    );

    let response = moderator
        .post_form(
            &format!("/moderation/comments/{public_id}/hide"),
            &[
                ("reason_code", "personal_data"),
                ("reason_text", "Số điện thoại"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let page = app.browser().get_text(&path, 200).await;
    assert!(!page.contains("bất hợp lý"), "the text is hidden");
    assert!(
        page.contains("Chứa thông tin cá nhân") && page.contains("Số điện thoại"),
        "the reason is public"
    );
    let list_after = app
        .browser()
        .get_text(&format!("/drafts/{slug}/comments"), 200)
        .await;
    let total = |html: &str| {
        html[..html.find(" ý kiến được tính").unwrap()]
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        total(&list_before),
        total(&list_after),
        "a hidden comment still counts"
    );
    let log = app
        .browser()
        .get_text(&format!("/drafts/{slug}/moderation"), 200)
        .await;
    assert!(
        log.contains("Ẩn ý kiến")
            && log.contains("Chứa thông tin cá nhân")
            && log.contains(&public_id)
    );
}

#[tokio::test]
async fn an_appeal_is_decided_by_another_moderator_once() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (slug, path) = a_comment(&app).await;
    let public_id = path.trim_start_matches("/comments/").to_string();
    app.create_agency("VP", AgencyKind::PeoplesCommitteeOffice);
    let first = app
        .signed_in("mod1@vp.gov.vn", Role::Moderator, Some("VP"))
        .await;
    let second = app
        .signed_in("mod2@vp.gov.vn", Role::Moderator, Some("VP"))
        .await;
    first
        .post_form(
            &format!("/moderation/comments/{public_id}/hide"),
            &[("reason_code", "off_topic")],
        )
        .await;

    // The author signs in again (a_comment's browser is gone) and appeals.
    let author = app.browser();
    author
        .login("lan@example.vn", crate::helpers::PASSWORD)
        .await;
    let page = author.get_text(&path, 200).await;
    assert!(
        page.contains("Khiếu nại việc ẩn ý kiến"),
        "the author is offered an appeal"
    );
    let response = author
        .post_form(
            &format!("{path}/appeal"),
            &[("body", "Ý kiến của tôi nói đúng về dự thảo.")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let again = author
        .post_form(&format!("{path}/appeal"), &[("body", "Lần nữa.")])
        .await;
    assert_eq!(again.status().as_u16(), 409, "one appeal only");
    // Someone else can't appeal for the author.
    let other = app.signed_in("minh@example.vn", Role::Citizen, None).await;
    assert_eq!(
        other
            .post_form(&format!("{path}/appeal"), &[("body", "x")])
            .await
            .status()
            .as_u16(),
        403
    );

    let own = first
        .post_form(
            &format!("/moderation/appeals/{public_id}"),
            &[("outcome", "uphold"), ("decision", "Giữ nguyên.")],
        )
        .await;
    assert_eq!(own.status().as_u16(), 403, "not the moderator who hid it");
    assert!(
        second
            .get_text("/moderation", 200)
            .await
            .contains("Ý kiến của tôi nói đúng về dự thảo.")
    );
    let response = second
        .post_form(
            &format!("/moderation/appeals/{public_id}"),
            &[
                ("outcome", "restore"),
                ("decision", "Ý kiến có liên quan đến dự thảo."),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let page = app.browser().get_text(&path, 200).await;
    assert!(
        page.contains("Dự thảo này bất hợp lý, cần viết lại."),
        "restored"
    );
    assert!(page.contains("Khiếu nại được chấp nhận"));
    let log = app
        .browser()
        .get_text(&format!("/drafts/{slug}/moderation"), 200)
        .await;
    assert!(
        log.contains("Hiện lại ý kiến") && log.contains("Ý kiến có liên quan đến dự thảo."),
        "the restoration is logged"
    );
}

#[tokio::test]
async fn a_moderator_of_the_drafting_agency_needs_a_second_moderator_to_hide() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (_, path) = a_comment(&app).await;
    let public_id = path.trim_start_matches("/comments/").to_string();
    // The open demo draft belongs to SNNMT.
    let insider = app
        .signed_in("mod@snnmt.gov.vn", Role::Moderator, Some("SNNMT"))
        .await;
    let response = insider
        .post_form(
            &format!("/moderation/comments/{public_id}/hide"),
            &[("reason_code", "off_topic")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let page = app.browser().get_text(&path, 200).await;
    assert!(
        page.contains("Dự thảo này bất hợp lý, cần viết lại."),
        "still published: only a proposal"
    );
    let own = insider
        .post_form(
            &format!("/moderation/comments/{public_id}/confirm-hide"),
            &[],
        )
        .await;
    assert_eq!(own.status().as_u16(), 403, "the proposer can't confirm");

    let second = app
        .signed_in("kiemduyet2@vp.gov.vn", Role::Moderator, Some("VPUBND"))
        .await;
    assert!(
        second
            .get_text("/moderation", 200)
            .await
            .contains("Đề xuất ẩn chờ xác nhận")
    );
    let response = second
        .post_form(
            &format!("/moderation/comments/{public_id}/confirm-hide"),
            &[],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let page = app.browser().get_text(&path, 200).await;
    assert!(
        !page.contains("bất hợp lý") && page.contains("Không liên quan đến dự thảo"),
        "hidden with the proposed reason"
    );
}
