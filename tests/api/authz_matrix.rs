//! The authorization matrix: every route of the router, for every role, gets
//! the answer the matrix expects — reached (any status but a refusal), or
//! refused (sent to sign in, 401 or 403). A route missing from the matrix
//! fails the test, and no request may end in a 5xx.

use std::collections::BTreeMap;

use diesel::prelude::*;
use gopy::domain::Role;

use crate::helpers::{Browser, TestApp, router_routes};

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Visitor,
    Citizen,
    Organisation,
    /// A drafter of the agency that owns the draft, thread and session used.
    Drafter,
    /// A drafter of another agency.
    OtherDrafter,
    Appraiser,
    Moderator,
    Admin,
}

const EVERYONE: [Who; 8] = [
    Who::Visitor,
    Who::Citizen,
    Who::Organisation,
    Who::Drafter,
    Who::OtherDrafter,
    Who::Appraiser,
    Who::Moderator,
    Who::Admin,
];

/// Who a route lets through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Everyone, visitors too.
    Public,
    /// Anyone signed in.
    SignedIn,
    /// Drafters of the owning agency only.
    Owner,
    /// Any drafter.
    AnyDrafter,
    Appraiser,
    Moderator,
    Admin,
    /// Only the author of the comment or thread (none of the roles here).
    Author,
    /// The API with a token: any token.
    Token,
    /// The API with a token of a drafter of the owning agency.
    OwnerToken,
    /// The API with any drafter's token.
    DrafterToken,
}

impl Rule {
    fn lets(self, who: Who) -> bool {
        match self {
            Rule::Public => true,
            Rule::SignedIn | Rule::Token => who != Who::Visitor,
            Rule::Owner | Rule::OwnerToken => who == Who::Drafter,
            Rule::AnyDrafter | Rule::DrafterToken => {
                matches!(who, Who::Drafter | Who::OtherDrafter)
            }
            Rule::Appraiser => who == Who::Appraiser,
            Rule::Moderator => who == Who::Moderator,
            Rule::Admin => who == Who::Admin,
            Rule::Author => false,
        }
    }

    fn api(self) -> bool {
        matches!(self, Rule::Token | Rule::OwnerToken | Rule::DrafterToken)
    }
}

/// Every route and its rule. Keep in the router's order.
const MATRIX: &[(&str, &str, Rule)] = &[
    ("GET", "/", Rule::Public),
    ("GET", "/healthz", Rule::Public),
    ("GET", "/static/{path}", Rule::Public),
    ("GET", "/register", Rule::Public),
    ("POST", "/register", Rule::Public),
    ("GET", "/register/sent", Rule::Public),
    ("GET", "/verify-email", Rule::Public),
    ("GET", "/verify-email/resend", Rule::Public),
    ("POST", "/verify-email/resend", Rule::Public),
    ("GET", "/login", Rule::Public),
    ("POST", "/login", Rule::Public),
    ("POST", "/logout", Rule::Public),
    ("GET", "/password/forgot", Rule::Public),
    ("POST", "/password/forgot", Rule::Public),
    ("GET", "/password/reset", Rule::Public),
    ("POST", "/password/reset", Rule::Public),
    ("GET", "/account", Rule::SignedIn),
    ("POST", "/account", Rule::SignedIn),
    ("GET", "/account/password", Rule::SignedIn),
    ("POST", "/account/password", Rule::SignedIn),
    ("POST", "/account/sessions/end-all", Rule::SignedIn),
    ("POST", "/account/tokens", Rule::SignedIn),
    ("POST", "/account/tokens/{id}/revoke", Rule::SignedIn),
    ("GET", "/drafts", Rule::Public),
    ("GET", "/drafts/{slug}", Rule::Public),
    ("GET", "/drafts/{slug}/versions/{n}", Rule::Public),
    ("GET", "/drafts/{slug}/diff", Rule::Public),
    ("GET", "/drafts/{slug}/comment", Rule::Public),
    ("GET", "/drafts/{slug}/comments", Rule::Public),
    ("POST", "/drafts/{slug}/comments", Rule::Public),
    ("GET", "/drafts/{slug}/comments.csv", Rule::Public),
    ("GET", "/drafts/{slug}/clusters/{id}", Rule::Public),
    (
        "POST",
        "/workspace/drafts/{slug}/clusters/{id}/answer",
        Rule::Owner,
    ),
    ("GET", "/drafts/{slug}/synthesis", Rule::Public),
    ("GET", "/drafts/{slug}/synthesis.csv", Rule::Public),
    ("GET", "/drafts/{slug}/synthesis.docx", Rule::Public),
    (
        "POST",
        "/workspace/drafts/{slug}/synthesis/publish",
        Rule::Owner,
    ),
    (
        "POST",
        "/workspace/drafts/{slug}/appraisal-request",
        Rule::Owner,
    ),
    ("GET", "/api/v1/drafts/{slug}/synthesis", Rule::Public),
    ("GET", "/ledger", Rule::Public),
    ("GET", "/ledger/{seq}", Rule::Public),
    ("GET", "/api/v1/ledger", Rule::Public),
    ("GET", "/comments/confirm", Rule::Public),
    ("GET", "/comments/{id}", Rule::Public),
    ("GET", "/comments/{id}/attachments/{n}", Rule::Public),
    ("GET", "/comments/{id}/edit", Rule::Author),
    ("POST", "/comments/{id}/edit", Rule::Author),
    ("POST", "/comments/{id}/withdraw", Rule::Author),
    ("POST", "/comments/{id}/rebuttal", Rule::Author),
    ("POST", "/comments/{id}/report", Rule::Public),
    ("GET", "/moderation", Rule::Moderator),
    ("POST", "/moderation/comments/{id}/hide", Rule::Moderator),
    ("POST", "/moderation/appeals/{id}", Rule::Moderator),
    (
        "POST",
        "/moderation/comments/{id}/confirm-hide",
        Rule::Moderator,
    ),
    ("POST", "/comments/{id}/appeal", Rule::Author),
    ("GET", "/drafts/{slug}/moderation", Rule::Public),
    ("GET", "/account/comments", Rule::SignedIn),
    ("GET", "/drafts/{slug}/documents/{id}", Rule::Public),
    ("GET", "/drafts/{slug}/provisions/{anchor}", Rule::Public),
    ("GET", "/drafts/{slug}/appraisal", Rule::Public),
    ("GET", "/drafts/{slug}/appraisal/report", Rule::Public),
    ("GET", "/appraisal", Rule::Appraiser),
    ("GET", "/appraisal/drafts/{slug}", Rule::Appraiser),
    ("POST", "/appraisal/drafts/{slug}", Rule::Appraiser),
    ("POST", "/appraisal/points/{id}/challenge", Rule::Appraiser),
    ("GET", "/workspace/drafts/{slug}/appraisal", Rule::Owner),
    (
        "POST",
        "/workspace/drafts/{slug}/appraisal/points/{id}",
        Rule::Owner,
    ),
    ("GET", "/search", Rule::Public),
    ("GET", "/threads", Rule::Public),
    ("POST", "/threads", Rule::SignedIn),
    ("GET", "/threads/feed.atom", Rule::Public),
    ("GET", "/threads/new", Rule::SignedIn),
    ("GET", "/threads/{id}", Rule::Public),
    ("GET", "/threads/{id}/attachments/{n}", Rule::Public),
    ("POST", "/threads/{id}/replies", Rule::SignedIn),
    ("POST", "/threads/{id}/forward", Rule::Owner),
    ("POST", "/threads/{id}/close", Rule::Owner),
    ("POST", "/threads/{id}/reopen", Rule::Owner),
    ("POST", "/threads/{id}/hide", Rule::Moderator),
    ("POST", "/threads/{id}/report", Rule::Public),
    ("POST", "/threads/{id}/appeal", Rule::Author),
    ("POST", "/moderation/thread-appeals/{id}", Rule::Moderator),
    ("GET", "/dialogues", Rule::Public),
    ("GET", "/dialogues/{id}", Rule::Public),
    ("POST", "/dialogues/{id}/register", Rule::SignedIn),
    ("GET", "/workspace/dialogues/new", Rule::AnyDrafter),
    ("POST", "/workspace/dialogues", Rule::AnyDrafter),
    ("POST", "/workspace/dialogues/{id}/minutes", Rule::Owner),
    ("POST", "/follow", Rule::SignedIn),
    ("POST", "/unfollow", Rule::SignedIn),
    ("GET", "/account/follows", Rule::SignedIn),
    ("GET", "/unsubscribe", Rule::Public),
    ("POST", "/unsubscribe", Rule::Public),
    ("GET", "/stats", Rule::Public),
    ("GET", "/reports", Rule::Public),
    ("GET", "/reports.csv", Rule::Public),
    ("GET", "/reports.docx", Rule::Public),
    ("GET", "/feed.atom", Rule::Public),
    ("GET", "/open-data", Rule::Public),
    ("GET", "/open-data/{file}", Rule::Public),
    ("GET", "/agencies/{id}", Rule::Public),
    ("GET", "/agencies/{id}/edit", Rule::Owner),
    ("POST", "/agencies/{id}/edit", Rule::Owner),
    ("GET", "/workspace", Rule::AnyDrafter),
    ("GET", "/workspace/drafts/new", Rule::AnyDrafter),
    ("POST", "/workspace/drafts", Rule::AnyDrafter),
    ("GET", "/workspace/drafts/{slug}", Rule::Owner),
    ("POST", "/workspace/drafts/{slug}/text", Rule::Owner),
    ("POST", "/workspace/drafts/{slug}/publish", Rule::Owner),
    ("POST", "/workspace/drafts/{slug}/versions", Rule::Owner),
    ("POST", "/workspace/drafts/{slug}/documents", Rule::Owner),
    ("POST", "/workspace/drafts/{slug}/open", Rule::Owner),
    ("POST", "/workspace/drafts/{slug}/late", Rule::Owner),
    ("POST", "/workspace/drafts/{slug}/stage", Rule::Owner),
    ("POST", "/workspace/drafts/{slug}/interest", Rule::Owner),
    ("GET", "/workspace/drafts/{slug}/answers", Rule::Owner),
    ("POST", "/workspace/drafts/{slug}/answers", Rule::Owner),
    (
        "GET",
        "/workspace/drafts/{slug}/answers/{comment}",
        Rule::Owner,
    ),
    (
        "POST",
        "/workspace/drafts/{slug}/answers/{comment}",
        Rule::Owner,
    ),
    (
        "POST",
        "/workspace/drafts/{slug}/answers/{comment}/rebuttal",
        Rule::Owner,
    ),
    ("GET", "/admin/agencies", Rule::Admin),
    ("POST", "/admin/agencies", Rule::Admin),
    ("GET", "/admin/users", Rule::Admin),
    ("GET", "/admin/rules", Rule::Admin),
    ("POST", "/admin/rules/{id}", Rule::Admin),
    ("GET", "/admin/users/{id}", Rule::Admin),
    ("POST", "/admin/users/{id}", Rule::Admin),
    ("GET", "/api", Rule::Public),
    ("GET", "/api/v1/openapi.json", Rule::Public),
    ("GET", "/api/v1/me", Rule::Token),
    ("GET", "/api/v1/search", Rule::Public),
    ("GET", "/api/v1/drafts", Rule::Public),
    ("POST", "/api/v1/drafts", Rule::DrafterToken),
    ("GET", "/api/v1/drafts/{slug}", Rule::Public),
    ("GET", "/api/v1/drafts/{slug}/appraisal", Rule::Public),
    ("POST", "/api/v1/drafts/{slug}/versions", Rule::OwnerToken),
    ("GET", "/api/v1/drafts/{slug}/versions/{n}", Rule::Public),
    (
        "POST",
        "/api/v1/drafts/{slug}/versions/{n}/publish",
        Rule::OwnerToken,
    ),
    ("POST", "/api/v1/drafts/{slug}/open", Rule::OwnerToken),
    ("GET", "/api/v1/drafts/{slug}/comments", Rule::Public),
    ("POST", "/api/v1/drafts/{slug}/comments", Rule::Token),
    ("GET", "/api/v1/comments/{id}", Rule::Public),
    ("GET", "/api/v1/threads", Rule::Public),
    ("POST", "/api/v1/threads", Rule::Token),
    ("GET", "/api/v1/threads/{id}", Rule::Public),
];

/// What came back, as far as authorization goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Reached,
    /// A 404: a hidden resource for an outsider, a missing one for others.
    NotFound,
    Refused,
}

fn outcome(response: &reqwest::Response) -> Outcome {
    let status = response.status().as_u16();
    // Sent to sign in and come back (signing out also lands on /login, without `next`).
    let to_login = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .is_some_and(|l| l.starts_with("/login?"));
    match status {
        401 | 403 => Outcome::Refused,
        303 if to_login => Outcome::Refused,
        404 => Outcome::NotFound,
        _ => Outcome::Reached,
    }
}

/// The values the path parameters take: the demo's open draft and what
/// belongs to its agency.
struct Values(BTreeMap<&'static str, String>);

impl Values {
    fn fill(&self, template: &str) -> String {
        let mut path = template.to_string();
        // `{id}` names different things under different prefixes.
        let id = [
            ("/comments/", "comment"),
            ("/moderation/comments/", "comment"),
            ("/moderation/appeals/", "comment"),
            ("/threads/", "thread"),
            ("/dialogues/", "session"),
            ("/workspace/dialogues/", "session"),
            ("/agencies/", "agency"),
            ("/admin/users/", "user"),
            ("/admin/rules/", "rule"),
            ("/account/tokens/", "missing"),
            ("/api/v1/comments/", "comment"),
            ("/api/v1/threads/", "thread"),
        ]
        .iter()
        .find(|(prefix, _)| template.starts_with(prefix))
        .map_or("number", |(_, key)| *key);
        path = path.replace("{id}", &self.0[id]);
        for (key, value) in &self.0 {
            path = path.replace(&format!("{{{key}}}"), value);
        }
        path
    }
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_matrix_says() {
    let app = TestApp::spawn().await;
    app.seed_demo();

    // The matrix covers the router exactly.
    let listed: std::collections::BTreeSet<(String, String)> = MATRIX
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    let routes = router_routes();
    let missing: Vec<_> = routes.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "routes missing from the authorization matrix: {missing:?}"
    );
    let stale: Vec<_> = listed.difference(&routes).collect();
    assert!(stale.is_empty(), "matrix rows with no route: {stale:?}");

    let values = app.db(|c| {
        use gopy::db::schema::{agencies, comments, dialogue_sessions, drafts, threads};
        let (slug, draft_id, agency_id, agency_public, short): (String, i64, i64, String, String) =
            drafts::table
                .inner_join(agencies::table)
                .filter(drafts::status.eq("open"))
                .select((
                    drafts::slug,
                    drafts::id,
                    agencies::id,
                    agencies::public_id,
                    agencies::short_name,
                ))
                .first(c)?;
        let comment: String = comments::table
            .filter(comments::draft_id.eq(draft_id))
            .filter(comments::status.eq("published"))
            .select(comments::public_id)
            .first(c)?;
        let thread: String = threads::table
            .filter(threads::agency_id.eq(agency_id))
            .select(threads::public_id)
            .first(c)
            .optional()?
            .unwrap_or_else(|| "none".into());
        let session: String = dialogue_sessions::table
            .filter(dialogue_sessions::agency_id.eq(agency_id))
            .select(dialogue_sessions::public_id)
            .first(c)
            .optional()?
            .unwrap_or_else(|| "none".into());
        Ok((slug, comment, thread, session, agency_public, short))
    });
    let (slug, comment, thread, session, agency, owner_short) = values;
    let other_short = if owner_short == "STC" { "SXD" } else { "STC" };
    let target = app.create_user("muc-tieu@example.vn", Role::Citizen, None);

    let mut browsers: BTreeMap<Who, Browser> = BTreeMap::new();
    let mut tokens: BTreeMap<Who, String> = BTreeMap::new();
    let accounts = [
        (Who::Citizen, "congdan@example.vn", Role::Citizen, None),
        (
            Who::Organisation,
            "dn@example.vn",
            Role::OrganisationRep,
            None,
        ),
        (
            Who::Drafter,
            "st@example.vn",
            Role::Drafter,
            Some(owner_short.as_str()),
        ),
        (
            Who::OtherDrafter,
            "khac@example.vn",
            Role::Drafter,
            Some(other_short),
        ),
        (
            Who::Appraiser,
            "td@example.vn",
            Role::Appraiser,
            Some("STP"),
        ),
        (
            Who::Moderator,
            "kd@example.vn",
            Role::Moderator,
            Some("VPUBND"),
        ),
        (Who::Admin, "qt@example.vn", Role::Admin, None),
    ];
    browsers.insert(Who::Visitor, app.browser());
    for (who, email, role, agency) in accounts {
        browsers.insert(who, app.signed_in(email, role, agency).await);
        tokens.insert(
            who,
            app.db(|c| gopy::admin::create_token(c, email, "matrix")),
        );
    }
    let mut csrf = BTreeMap::new();
    for (who, browser) in &browsers {
        csrf.insert(*who, browser.csrf().await);
    }
    let values = Values(BTreeMap::from([
        ("slug", slug),
        ("comment", comment),
        ("thread", thread),
        ("session", session),
        ("agency", agency),
        ("user", target.public_id.clone()),
        ("rule", "1".to_string()),
        ("missing", "999999".to_string()),
        ("number", "1".to_string()),
        ("n", "1".to_string()),
        ("seq", "1".to_string()),
        ("path", "css/app.css".to_string()),
        ("anchor", "quy-dinh".to_string()),
        ("file", "comments.csv".to_string()),
    ]));

    // Signing out (here and everywhere) last, so every other row runs signed in.
    let mut rows: Vec<_> = MATRIX.to_vec();
    rows.sort_by_key(|(_, path, _)| match *path {
        "/account/sessions/end-all" => 1,
        "/logout" => 2,
        _ => 0,
    });
    let mut wrong = Vec::new();
    for (method, template, rule) in rows {
        if template == "/logout" {
            // Signed out everywhere by the row before: sign in again.
            for (who, email, ..) in accounts {
                let response = browsers[&who].login(email, crate::helpers::PASSWORD).await;
                assert_eq!(response.status().as_u16(), 303, "{email} signs in again");
                csrf.insert(who, browsers[&who].csrf().await);
            }
        }
        let path = values.fill(template);
        for who in EVERYONE {
            let browser = &browsers[&who];
            let url = format!("{}{path}", app.address);
            let response = match (method, rule.api()) {
                ("GET", false) => browser.get(&path).await,
                ("GET", true) => {
                    let mut request = app.client.get(&url);
                    if let Some(token) = tokens.get(&who) {
                        request = request.bearer_auth(token);
                    }
                    request.send().await.unwrap()
                }
                (_, true) => {
                    let mut request = app.client.post(&url).json(&serde_json::json!({}));
                    if let Some(token) = tokens.get(&who) {
                        request = request.bearer_auth(token);
                    }
                    request.send().await.unwrap()
                }
                _ => browser.post_raw(&path, &[("_csrf", &csrf[&who])]).await,
            };
            let status = response.status().as_u16();
            let location = response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .map(|l| format!(" to {l}"))
                .unwrap_or_default();
            let got = outcome(&response);
            let expected_reach = rule.lets(who);
            let fine = status < 500
                && match (expected_reach, got) {
                    (true, Outcome::Reached | Outcome::NotFound) => true,
                    (false, Outcome::Refused) => true,
                    // An outsider may be told the thing isn't there.
                    (false, Outcome::NotFound) => {
                        matches!(rule, Rule::Owner | Rule::Author) && who != Who::Visitor
                    }
                    _ => false,
                };
            if !fine {
                wrong.push(format!(
                    "{method} {path} as {who:?}: {status}{location} ({})",
                    if expected_reach {
                        "should reach"
                    } else {
                        "should be refused"
                    }
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} answers differ from the matrix:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
