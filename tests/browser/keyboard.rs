//! The comment flow with the keyboard alone: Tab, typing, Space and Enter;
//! every stop shows where the focus is, and a refused form says why in an
//! alert that leads to the field.

use crate::chrome::{Chrome, PHONE};
use crate::helpers::TestApp;
use crate::{DEMO_PASSWORD, POINT, open_slug};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_signs_in_and_comments_with_the_keyboard_alone() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let Some(chrome) = Chrome::start(PHONE).await else {
        return;
    };
    let slug = open_slug(&app);

    // Sign in.
    chrome.open(&format!("{}/login", app.address)).await;
    let first = chrome.tab_until(5, |f| f.tag == "a").await;
    assert_eq!(first, 1, "the first stop is a link");
    let skip = chrome.focused().await;
    assert_eq!(
        skip.href, "#main",
        "the first Tab offers to skip to the content"
    );
    chrome.tab_until(40, |f| f.id == "email").await;
    chrome.type_text("congdan@demo.gopy.vn").await;
    chrome.tab_until(3, |f| f.id == "password").await;
    chrome.type_text(DEMO_PASSWORD).await;
    let after = chrome.enter_and_wait().await;
    assert!(!after.starts_with("/login"), "signed in, now on {after}");

    // From the draft to the comment form of point b.
    chrome.open(&format!("{}/drafts/{slug}", app.address)).await;
    let link = format!("/drafts/{slug}/comment?anchor={POINT}");
    chrome.tab_until(300, |f| f.href == link).await;
    let form = chrome.enter_and_wait().await;
    assert!(
        form.starts_with(&format!("/drafts/{slug}/comment")),
        "{form}"
    );

    // Write, then send without the consent the law asks for.
    let body = "Đề nghị cho nộp hồ sơ qua dịch vụ công trực tuyến.";
    chrome.tab_until(40, |f| f.id == "body").await;
    chrome.type_text(body).await;
    tab_to_send(&chrome).await;
    chrome.enter_and_wait().await;
    let alert = chrome.find("#form-errors[role=alert]").await;
    let message = alert.text().await.unwrap();
    assert!(
        message.contains("đồng ý"),
        "the alert names the missing consent: {message}"
    );
    let to_field = chrome
        .script("return document.querySelector('#form-errors a').getAttribute('href')")
        .await;
    assert_eq!(
        to_field, "#consent_processing",
        "the alert leads to the field"
    );
    let kept = chrome
        .script("return document.getElementById('body').value")
        .await;
    assert_eq!(kept, body, "what she wrote is kept");

    // Tick the box with Space and send with Enter.
    chrome.tab_until(60, |f| f.id == "consent_processing").await;
    chrome.type_text(" ").await;
    let ticked = chrome
        .script("return document.getElementById('consent_processing').checked")
        .await;
    assert_eq!(ticked, true, "Space ticks the box");
    tab_to_send(&chrome).await;
    let receipt = chrome.enter_and_wait().await;
    assert!(receipt.starts_with("/comments/"), "{receipt}");
    let page = chrome.text().await;
    assert!(page.contains("Biên nhận") && page.contains(body), "{page}");
    chrome.screenshot("keyboard-receipt-390").await;
}

/// Tabs from the focused field to the comment form's send button.
async fn tab_to_send(chrome: &Chrome) {
    chrome
        .tab_until(40, |f| {
            f.tag == "button" && f.kind == "submit" && f.id.is_empty()
        })
        .await;
}
