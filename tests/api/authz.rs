//! Roles: who may open which page, and staff act only for their own agency.

use gopy::domain::{AgencyKind, Role};

use crate::helpers::{TestApp, location};

#[tokio::test]
async fn visitors_are_sent_to_sign_in_and_citizens_refused_on_staff_pages() {
    let app = TestApp::spawn().await;
    let agency = app.create_agency("SXD", AgencyKind::DraftingDepartment);
    let edit = format!("/agencies/{}/edit", agency.public_id);
    let visitor = app.browser();
    for path in ["/admin/users", "/admin/agencies", edit.as_str(), "/account"] {
        let response = visitor.get(path).await;
        assert_eq!(response.status().as_u16(), 303, "{path}");
        assert!(location(&response).starts_with("/login?next="), "{path}");
    }
    let citizen = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    for path in ["/admin/users", "/admin/agencies", edit.as_str()] {
        let response = citizen.get(path).await;
        assert_eq!(response.status().as_u16(), 403, "{path}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("Không có quyền truy cập")
        );
    }
}

#[tokio::test]
async fn only_drafters_open_the_drafters_workspace() {
    let app = TestApp::spawn().await;
    app.create_agency("SA", AgencyKind::DraftingDepartment);
    app.create_agency("STP", AgencyKind::JusticeDepartment);
    let citizen = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    assert_eq!(citizen.get("/workspace").await.status().as_u16(), 403);
    let appraiser = app
        .signed_in("bao@stp.gov.vn", Role::Appraiser, Some("STP"))
        .await;
    assert_eq!(appraiser.get("/workspace").await.status().as_u16(), 403);
    let drafter = app
        .signed_in("minh@sa.gov.vn", Role::Drafter, Some("SA"))
        .await;
    let page = drafter.get_text("/workspace", 200).await;
    assert!(page.contains("Cơ quan SA"), "the drafter's own agency");
    assert!(!page.contains("Cơ quan STP"));
    assert!(
        page.contains("href=\"/workspace\""),
        "the menu offers the workspace"
    );
    assert!(
        !citizen
            .get_text("/", 200)
            .await
            .contains("href=\"/workspace\"")
    );
}

#[tokio::test]
async fn a_drafter_acts_for_their_own_agency_only() {
    let app = TestApp::spawn().await;
    let a = app.create_agency("SA", AgencyKind::DraftingDepartment);
    let b = app.create_agency("SB", AgencyKind::DraftingDepartment);
    let drafter = app
        .signed_in("minh@sa.gov.vn", Role::Drafter, Some("SA"))
        .await;

    let own = format!("/agencies/{}/edit", a.public_id);
    drafter.get_text(&own, 200).await;
    let response = drafter
        .post_form(
            &own,
            &[("description", "Sở A soạn thảo quy định về đất đai.")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let page = drafter
        .get_text(&format!("/agencies/{}", a.public_id), 200)
        .await;
    assert!(page.contains("Sở A soạn thảo quy định về đất đai."));

    let other = format!("/agencies/{}/edit", b.public_id);
    assert_eq!(drafter.get(&other).await.status().as_u16(), 403);
    let response = drafter
        .post_form(&other, &[("description", "Chiếm quyền")])
        .await;
    assert_eq!(response.status().as_u16(), 403);
    let page = app
        .browser()
        .get_text(&format!("/agencies/{}", b.public_id), 200)
        .await;
    assert!(!page.contains("Chiếm quyền"), "agency B is unchanged");
}

#[tokio::test]
async fn staff_pages_refuse_the_public_roles_and_admin_pages_refuse_staff() {
    let app = TestApp::spawn().await;
    app.create_agency("STP", AgencyKind::JusticeDepartment);
    let appraiser = app
        .signed_in("bao@stp.gov.vn", Role::Appraiser, Some("STP"))
        .await;
    assert_eq!(appraiser.get("/admin/users").await.status().as_u16(), 403);
    let rep = app
        .signed_in("hung@caphe.vn", Role::OrganisationRep, None)
        .await;
    assert_eq!(rep.get("/admin/agencies").await.status().as_u16(), 403);
    let admin = app.signed_in("admin@example.vn", Role::Admin, None).await;
    assert_eq!(admin.get("/admin/users").await.status().as_u16(), 200);
}

#[tokio::test]
async fn the_database_refuses_a_drafter_without_an_agency() {
    use diesel::prelude::*;
    let app = TestApp::spawn().await;
    let user = app.create_user("lan@example.vn", Role::Citizen, None);
    let refused = gopy::startup::with_connection(&app.config, |c| {
        use gopy::db::schema::users::dsl::*;
        Ok(diesel::update(users.find(user.id))
            .set(role.eq("drafter"))
            .execute(c))
    })
    .unwrap();
    assert!(
        refused.is_err(),
        "the CHECK constraint holds on both backends"
    );
}
