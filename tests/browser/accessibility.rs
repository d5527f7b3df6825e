//! axe-core on every main page, in Vietnamese and English, on a phone and a
//! laptop: no serious or critical violation (labels, contrast, names,
//! landmarks, ARIA). Each page is also photographed for review and must fit
//! a phone's width.

use crate::chrome::{Chrome, DESKTOP, PHONE};
use crate::helpers::TestApp;
use crate::{DEMO_PASSWORD, POINT, open_slug, sign_in};

/// Who looks at a group of pages.
struct Visit {
    /// `None` for a visitor; else a demo account.
    account: Option<&'static str>,
    /// `(name for the screenshot, path)`.
    pages: Vec<(String, String)>,
}

/// The first link on `path` whose address starts with `prefix` and is not
/// one of `except`.
async fn first_link(
    chrome: &Chrome,
    app: &TestApp,
    path: &str,
    prefix: &str,
    except: &[&str],
) -> String {
    chrome.open(&format!("{}{path}", app.address)).await;
    let links = chrome
        .script(&format!(
            "return [...document.querySelectorAll('a[href^=\"{prefix}\"]')].map(a => a.getAttribute('href'))"
        ))
        .await;
    links
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l.as_str())
        .find(|l| !except.iter().any(|e| l.starts_with(e)))
        .unwrap_or_else(|| panic!("no link to {prefix}… on {path}"))
        .to_string()
}

fn with_lang(path: &str, lang: &str) -> String {
    let (path, fragment) = path.split_once('#').unwrap_or((path, ""));
    let joined = if path.contains('?') {
        format!("{path}&lang={lang}")
    } else {
        format!("{path}?lang={lang}")
    };
    if fragment.is_empty() {
        joined
    } else {
        format!("{joined}#{fragment}")
    }
}

fn page(name: &str, path: impl Into<String>) -> (String, String) {
    (name.to_string(), path.into())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_main_page_passes_axe_in_both_languages_at_phone_and_laptop_width() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let Some(mut chrome) = Chrome::start(DESKTOP).await else {
        return;
    };
    let slug = open_slug(&app);

    // The checker itself finds a field without a label and pale text, so
    // that a clean page means something.
    chrome.open(&format!("{}/", app.address)).await;
    // (The page's CSP ignores style attributes; the script sets the colour.)
    chrome
        .script(
            "const main = document.querySelector('main'); \
             main.insertAdjacentHTML('afterbegin', '<input type=\"text\"><p id=\"pale\">Chữ mờ</p>'); \
             document.getElementById('pale').style.color = '#c8c8c8'; return null",
        )
        .await;
    let Some(found) = chrome.accessibility_problems().await else {
        return;
    };
    for rule in ["label (critical)", "color-contrast (serious)"] {
        assert!(
            found.iter().any(|p| p.starts_with(rule)),
            "axe-core misses {rule}: {found:?}"
        );
    }

    // Addresses that only the demo data knows.
    let comment = first_link(
        &chrome,
        &app,
        &format!("/drafts/{slug}/comments"),
        "/comments/",
        &[],
    )
    .await;
    let thread = first_link(
        &chrome,
        &app,
        "/threads",
        "/threads/",
        &["/threads/new", "/threads/feed"],
    )
    .await;
    let dialogue = first_link(&chrome, &app, "/dialogues", "/dialogues/", &[]).await;
    let finished = app.db(|c| {
        use diesel::prelude::*;
        use gopy::db::schema::{agencies, drafts};
        Ok(drafts::table
            .inner_join(agencies::table)
            .filter(agencies::short_name.eq("SXD"))
            .select(drafts::slug)
            .first::<String>(c)?)
    });
    let agency = first_link(&chrome, &app, &format!("/drafts/{slug}"), "/agencies/", &[]).await;

    let visits = vec![
        Visit {
            account: None,
            pages: vec![
                page("home", "/"),
                page("drafts", "/drafts"),
                page("draft", format!("/drafts/{slug}")),
                page(
                    "provision",
                    format!("/drafts/{slug}/provisions/quy-dinh/chuong-1/dieu-2"),
                ),
                page(
                    "comment-form",
                    format!("/drafts/{slug}/comment?anchor={POINT}"),
                ),
                page("comments", format!("/drafts/{slug}/comments")),
                page("comment", comment),
                page("synthesis-preview", format!("/drafts/{slug}/synthesis")),
                page("synthesis", format!("/drafts/{finished}/synthesis")),
                page("appraisal-public", format!("/drafts/{finished}/appraisal")),
                page("diff", format!("/drafts/{finished}/diff")),
                page("ledger", "/ledger"),
                page("search", "/search?q=th%E1%BB%9Di+h%E1%BA%A1n"),
                page("threads", "/threads"),
                page("thread", thread),
                page("dialogues", "/dialogues"),
                page("dialogue", dialogue),
                page("agency", agency),
                page("stats", "/stats"),
                page("reports", "/reports"),
                page("open-data", "/open-data"),
                page("api", "/api"),
                page("login", "/login"),
                page("register", "/register"),
                page("password-forgot", "/password/forgot"),
                page("not-found", "/drafts/khong-co-du-thao-nay"),
            ],
        },
        Visit {
            account: Some("congdan@demo.gopy.vn"),
            pages: vec![
                page("account", "/account"),
                page("my-comments", "/account/comments"),
                page("follows", "/account/follows"),
                page("feedback-form", "/threads/new?kind=feedback"),
            ],
        },
        Visit {
            account: Some("soanthao@demo.gopy.vn"),
            pages: vec![
                page("workspace", "/workspace"),
                page("new-draft", "/workspace/drafts/new"),
                page("manage", format!("/workspace/drafts/{slug}")),
                page("answers", format!("/workspace/drafts/{slug}/answers")),
                page("answer", format!("/workspace/drafts/{slug}/answers/FIRST")),
                page("new-dialogue", "/workspace/dialogues/new"),
            ],
        },
        Visit {
            account: Some("kiemduyet@demo.gopy.vn"),
            pages: vec![page("moderation", "/moderation")],
        },
        Visit {
            account: Some("thamdinh@demo.gopy.vn"),
            pages: vec![page("appraisal", "/appraisal")],
        },
        Visit {
            account: Some("quantri@demo.gopy.vn"),
            pages: vec![
                page("admin-users", "/admin/users"),
                page("admin-agencies", "/admin/agencies"),
                page("admin-rules", "/admin/rules"),
            ],
        },
    ];

    let mut problems = Vec::new();
    let mut checked = 0;
    for visit in visits {
        chrome.client.delete_all_cookies().await.unwrap();
        if let Some(email) = visit.account {
            sign_in(&chrome, &app, email, DEMO_PASSWORD).await;
        }
        for (name, path) in visit.pages {
            let path = if path.ends_with("/FIRST") {
                let list = path.trim_end_matches("FIRST");
                first_link(&chrome, &app, list.trim_end_matches('/'), list, &[]).await
            } else {
                path
            };
            for (size, lang) in [
                (PHONE, "vi"),
                (PHONE, "en"),
                (DESKTOP, "vi"),
                (DESKTOP, "en"),
            ] {
                chrome.resize(size).await;
                chrome
                    .open(&format!("{}{}", app.address, with_lang(&path, lang)))
                    .await;
                let html_lang = chrome.script("return document.documentElement.lang").await;
                assert_eq!(html_lang, lang, "{path} says which language it is in");
                if let Some(problem) = chrome.sideways_scrolling().await {
                    problems.push(format!("{path} [{lang}, {}px]: {problem}", size.0));
                }
                chrome
                    .screenshot(&format!("{name}-{lang}-{}", size.0))
                    .await;
                match chrome.accessibility_problems().await {
                    Some(found) => {
                        checked += 1;
                        problems.extend(
                            found
                                .into_iter()
                                .map(|p| format!("{path} [{lang}, {}px]: {p}", size.0)),
                        );
                    }
                    None => return,
                }
            }
        }
    }
    eprintln!("axe-core checked {checked} page views");
    assert!(
        problems.is_empty(),
        "{} serious or critical accessibility problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
