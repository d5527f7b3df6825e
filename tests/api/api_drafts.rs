//! The drafts API: read for anyone, write with a drafter's token.

use gopy::domain::{AgencyKind, Role};
use serde_json::{Value, json};

use crate::helpers::TestApp;

const TEXT: &str = "Điều 1. Phạm vi điều chỉnh\nQuy định này quy định về phí chợ.\nĐiều 2. Mức thu\n1. Chợ loại 1: 10.000 đồng.\n2. Chợ loại 2: 5.000 đồng.";

fn today() -> chrono::NaiveDate {
    gopy::domain::draft::local_date(chrono::Utc::now())
}

struct Api<'a> {
    app: &'a TestApp,
    token: Option<String>,
}

impl Api<'_> {
    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request =
            reqwest::Client::new().request(method, format!("{}{path}", self.app.address));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

fn token_for(app: &TestApp, email: &str, role: Role, agency: Option<&str>) -> String {
    app.create_user(email, role, agency);
    app.db(|c| gopy::admin::create_token(c, email, "test"))
}

#[tokio::test]
async fn a_drafter_token_creates_publishes_and_opens_a_draft() {
    let app = TestApp::spawn().await;
    app.create_agency("SCT", AgencyKind::DraftingDepartment);
    let api = Api {
        app: &app,
        token: Some(token_for(&app, "an@sct.gov.vn", Role::Drafter, Some("SCT"))),
    };
    let public = Api {
        app: &app,
        token: None,
    };

    let (status, body) = api
        .send(reqwest::Method::POST, "/api/v1/drafts", Some(json!({"title": "Quy định phí chợ", "doc_type": "hdnd_resolution", "text": TEXT, "questions": ["Mức thu có hợp lý?"]})))
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["articles"], 2);
    let slug = body["slug"].as_str().unwrap().to_string();
    assert_eq!(
        public
            .send(
                reqwest::Method::GET,
                &format!("/api/v1/drafts/{slug}"),
                None
            )
            .await
            .0,
        404,
        "not public yet"
    );

    let (status, _) = api
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/drafts/{slug}/versions/1/publish"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let short = json!({"opens_on": today().to_string(), "closes_on": (today() + chrono::Days::new(7)).to_string()});
    let (status, body) = api
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/drafts/{slug}/open?lang=en"),
            Some(short),
        )
        .await;
    assert_eq!(status, 422);
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("minimum of 30 days") && message.contains("Điều 120"),
        "{message}"
    );

    let full = json!({"opens_on": today().to_string(), "closes_on": (today() + chrono::Days::new(30)).to_string()});
    let (status, body) = api
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/drafts/{slug}/open"),
            Some(full),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body["closes_at"]
            .as_str()
            .unwrap()
            .ends_with("T17:00:00+00:00"),
        "midnight in Vietnam: {body}"
    );

    let (status, list) = public
        .send(reqwest::Method::GET, "/api/v1/drafts", None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(list["drafts"][0]["slug"], slug.as_str());
    assert_eq!(list["drafts"][0]["status"], "open");
    assert_eq!(list["drafts"][0]["rule"]["min_days"], 30);
    let (_, draft) = public
        .send(
            reqwest::Method::GET,
            &format!("/api/v1/drafts/{slug}"),
            None,
        )
        .await;
    let anchors: Vec<&str> = draft["provisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["anchor"].as_str().unwrap())
        .collect();
    assert_eq!(
        anchors,
        vec!["dieu-1", "dieu-2", "dieu-2/khoan-1", "dieu-2/khoan-2"]
    );
    assert_eq!(draft["questions"][0], "Mức thu có hợp lý?");

    let (status, body) = api
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/drafts/{slug}/versions"),
            Some(json!({"text": TEXT.replace("10.000", "8.000")})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["version"], 2);
    api.send(
        reqwest::Method::POST,
        &format!("/api/v1/drafts/{slug}/versions/2/publish"),
        None,
    )
    .await;
    let (status, v1) = public
        .send(
            reqwest::Method::GET,
            &format!("/api/v1/drafts/{slug}/versions/1"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        v1["provisions"][2]["text"]
            .as_str()
            .unwrap()
            .contains("10.000")
    );
    let (_, latest) = public
        .send(
            reqwest::Method::GET,
            &format!("/api/v1/drafts/{slug}"),
            None,
        )
        .await;
    assert_eq!(latest["version"], 2);
    assert!(
        latest["provisions"][2]["text"]
            .as_str()
            .unwrap()
            .contains("8.000")
    );
}

#[tokio::test]
async fn only_a_drafter_of_the_agency_may_write() {
    let app = TestApp::spawn().await;
    app.create_agency("SCT", AgencyKind::DraftingDepartment);
    app.create_agency("SXD", AgencyKind::DraftingDepartment);
    let owner = Api {
        app: &app,
        token: Some(token_for(&app, "an@sct.gov.vn", Role::Drafter, Some("SCT"))),
    };
    let other = Api {
        app: &app,
        token: Some(token_for(
            &app,
            "binh@sxd.gov.vn",
            Role::Drafter,
            Some("SXD"),
        )),
    };
    let citizen = Api {
        app: &app,
        token: Some(token_for(&app, "lan@example.vn", Role::Citizen, None)),
    };
    let nobody = Api {
        app: &app,
        token: None,
    };
    let body = json!({"title": "Quy định phí chợ", "doc_type": "hdnd_resolution", "text": TEXT});
    assert_eq!(
        citizen
            .send(reqwest::Method::POST, "/api/v1/drafts", Some(body.clone()))
            .await
            .0,
        403
    );
    assert_eq!(
        nobody
            .send(reqwest::Method::POST, "/api/v1/drafts", Some(body.clone()))
            .await
            .0,
        401
    );
    let (_, created) = owner
        .send(reqwest::Method::POST, "/api/v1/drafts", Some(body))
        .await;
    let slug = created["slug"].as_str().unwrap();
    assert_eq!(
        other
            .send(
                reqwest::Method::POST,
                &format!("/api/v1/drafts/{slug}/versions/1/publish"),
                None
            )
            .await
            .0,
        403
    );
    let (status, body) = owner
        .send(
            reqwest::Method::POST,
            "/api/v1/drafts",
            Some(json!({"doc_type": "nope", "text": TEXT, "title": "x"})),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = owner
        .send(
            reqwest::Method::POST,
            "/api/v1/drafts",
            Some(json!({"text": 5})),
        )
        .await;
    assert_eq!(status, 400, "malformed JSON is a JSON 400: {body}");
    assert_eq!(body["error"]["code"], "bad_request");
}
