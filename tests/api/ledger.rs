//! The public ledger: every public change lands in it in the same
//! transaction; the chain verifies in the database and over HTTP; a row
//! edited behind the portal's back is found at its number.

use std::process::Command;

use diesel::prelude::*;
use gopy::domain::Role;
use gopy::models::ledger::{Entry, kind};

use crate::helpers::{TestApp, location};

fn kinds(app: &TestApp) -> Vec<String> {
    app.db(|c| {
        use gopy::db::schema::ledger::dsl;
        Ok(dsl::ledger.select(dsl::kind).distinct().load(c)?)
    })
}

/// `gopy ledger verify` against the app's database, or `--url` its address
/// (run off the test's runtime, which serves the app).
async fn verify(app: &TestApp, remote: bool) -> (bool, String) {
    let database = match &app.config.database {
        gopy::db::DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
        gopy::db::DatabaseUrl::Postgres(url) => url.clone(),
    };
    let mut command = Command::new(env!("CARGO_BIN_EXE_gopy"));
    command
        .args(["ledger", "verify"])
        .env_remove("GOPY_DATABASE_URL");
    if remote {
        command.args(["--url", &app.address]);
    } else {
        command.args(["--database-url", &database]);
    }
    let output = tokio::task::spawn_blocking(move || command.output().expect("gopy runs"))
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    (output.status.success(), format!("{stdout}{stderr}"))
}

#[tokio::test]
async fn every_kind_of_public_change_is_in_the_ledger_and_the_chain_verifies() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let seen = kinds(&app);
    for expected in [
        kind::DRAFT_STATUS,
        kind::VERSION_PUBLISHED,
        kind::COMMENT_PUBLISHED,
        kind::RESPONSE_PUBLISHED,
        kind::SYNTHESIS_PUBLISHED,
        kind::APPRAISAL_RECORDED,
        kind::APPRAISAL_ANSWERED,
    ] {
        assert!(
            seen.iter().any(|k| k == expected),
            "no {expected} in {seen:?}"
        );
    }

    let slug: String = app.db(|c| {
        use gopy::db::schema::drafts::dsl::*;
        Ok(drafts.filter(status.eq("open")).select(slug).first(c)?)
    });
    let lan = app.signed_in("lan@example.vn", Role::Citizen, None).await;
    let token = lan.csrf().await;
    let sent = lan
        .post_raw(
            &format!("/drafts/{slug}/comments"),
            &[
                ("_csrf", &token),
                ("body", "Đề nghị rút ngắn thời hạn giải quyết."),
                ("category", "individual"),
                ("consent_processing", "1"),
            ],
        )
        .await;
    let path = location(&sent);
    let public_id = path.trim_start_matches("/comments/").to_string();
    let id = public_id.clone();
    let entry = app
        .db(move |c| Ok(Entry::latest_for(c, &id)?))
        .expect("the comment is in the ledger");
    assert_eq!(entry.kind, kind::COMMENT_PUBLISHED);
    assert!(entry.payload.contains("\"sha256\":"));
    assert!(
        !entry.payload.contains("lan@example.vn"),
        "no personal data"
    );
    let receipt = lan.get_text(&path, 200).await;
    assert!(receipt.contains(&format!("/ledger/{}", entry.seq)));
    let page = app
        .browser()
        .get_text(&format!("/ledger/{}", entry.seq), 200)
        .await;
    assert!(page.contains(&entry.hash) && page.contains(&entry.prev_hash));
    // Anyone can recompute the hash from what the page shows.
    assert_eq!(
        gopy::domain::ledger::entry_hash(&entry.prev_hash, &entry.payload),
        entry.hash
    );

    lan.post_form(
        &format!("{path}/edit"),
        &[("body", "Đề nghị rút ngắn thời hạn.")],
    )
    .await;
    lan.post_form(&format!("{path}/withdraw"), &[]).await;
    let history: Vec<String> = app.db(move |c| {
        use gopy::db::schema::ledger::dsl;
        Ok(dsl::ledger
            .filter(dsl::subject.eq(&public_id))
            .order(dsl::seq)
            .select(dsl::kind)
            .load(c)?)
    });
    assert_eq!(
        history,
        [
            kind::COMMENT_PUBLISHED,
            kind::COMMENT_EDITED,
            kind::COMMENT_WITHDRAWN
        ]
    );

    let (ok, out) = verify(&app, false).await;
    assert!(ok && out.contains("chain intact"), "{out}");
    let (ok, out) = verify(&app, true).await;
    assert!(ok && out.contains("chain intact"), "{out}");
    let head = app.db(|c| Ok(Entry::head(c)?));
    assert!(out.contains(&format!("{} entries", head.seq)), "{out}");
}

#[tokio::test]
async fn a_change_that_rolls_back_leaves_no_entry() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let before = app.db(|c| Ok(Entry::head(c)?));
    let comment_id: i64 = app.db(|c| {
        use gopy::db::schema::comments::dsl::*;
        Ok(comments
            .filter(status.eq("published"))
            .select(id)
            .first(c)?)
    });
    let failed: Result<(), diesel::result::Error> = app.db(move |c| {
        Ok(c.transaction(|c| {
            gopy::models::Comment::withdraw(c, comment_id)?;
            Err(diesel::result::Error::RollbackTransaction)
        }))
    });
    assert!(failed.is_err());
    assert_eq!(app.db(|c| Ok(Entry::head(c)?)), before);
    let (ok, out) = verify(&app, false).await;
    assert!(ok, "{out}");
}

#[tokio::test]
async fn a_row_edited_in_the_database_is_found_at_its_number() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let target: i64 = 7;
    app.db(move |c| {
        use gopy::db::schema::ledger::dsl;
        let payload: String = dsl::ledger.find(target).select(dsl::payload).first(c)?;
        diesel::update(dsl::ledger.find(target))
            .set(dsl::payload.eq(payload.replace("\"status\":\"", "\"status\":\"x")))
            .execute(c)?;
        Ok(())
    });
    let (ok, out) = verify(&app, false).await;
    assert!(!ok && out.contains("BROKEN at entry 7"), "{out}");
    let (ok, out) = verify(&app, true).await;
    assert!(!ok && out.contains("BROKEN at entry 7"), "{out}");

    // Deleting an entry is found too.
    app.db(|c| {
        use gopy::db::schema::ledger::dsl;
        diesel::delete(dsl::ledger.find(3)).execute(c)?;
        Ok(())
    });
    let (ok, out) = verify(&app, false).await;
    assert!(!ok && out.contains("BROKEN after entry 2"), "{out}");
}

#[tokio::test]
async fn the_api_pages_through_the_whole_chain_and_concurrent_writers_never_fork_it() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let slug: String = app.db(|c| {
        use gopy::db::schema::drafts::dsl::*;
        Ok(drafts.filter(status.eq("open")).select(slug).first(c)?)
    });
    // Twenty people comment at the same moment.
    let mut people = Vec::new();
    for i in 0..20 {
        people.push(
            app.signed_in(&format!("nguoi{i}@example.vn"), Role::Citizen, None)
                .await,
        );
    }
    let mut sends = Vec::new();
    for (i, person) in people.iter().enumerate() {
        let slug = slug.clone();
        let token = person.csrf().await;
        let client = person.client.clone();
        let address = person.address.clone();
        sends.push(tokio::spawn(async move {
            client
                .post(format!("{address}/drafts/{slug}/comments"))
                .form(&[
                    ("_csrf", token.as_str()),
                    ("body", &format!("Ý kiến đồng thời số {i}.")),
                    ("category", "individual"),
                    ("consent_processing", "1"),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    for send in sends {
        assert_eq!(send.await.unwrap(), 303);
    }
    let mut after = 0;
    let mut seqs = Vec::new();
    loop {
        let page: serde_json::Value = app
            .browser()
            .get(&format!("/api/v1/ledger?after={after}"))
            .await
            .json()
            .await
            .unwrap();
        for entry in page["entries"].as_array().unwrap() {
            seqs.push(entry["seq"].as_i64().unwrap());
        }
        match page["next"].as_i64() {
            Some(next) => after = next,
            None => break,
        }
    }
    let head = app.db(|c| Ok(Entry::head(c)?));
    assert_eq!(seqs, (1..=head.seq).collect::<Vec<_>>(), "no gap, no fork");
    let later: serde_json::Value = app
        .browser()
        .get("/api/v1/ledger?after=100")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        later["entries"][0]["seq"], 101,
        "the cursor starts after it"
    );
    assert_eq!(later["head"]["hash"], head.hash.as_str());
    let (ok, out) = verify(&app, true).await;
    assert!(ok, "{out}");
}

#[tokio::test]
async fn every_page_and_the_feed_name_the_ledger_head() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let head = app.db(|c| Ok(Entry::head(c)?));
    assert!(head.seq > 0);
    let home = app.browser().get_text("/", 200).await;
    assert!(
        home.contains(&format!("Sổ cái công khai: mục số {}", head.seq))
            && home.contains(&head.hash),
        "the footer names the head"
    );
    let feed = app.browser().get_text("/feed.atom", 200).await;
    assert!(feed.contains(&format!(
        "<gopy:ledger seq=\"{}\" hash=\"{}\"/>",
        head.seq, head.hash
    )));
}

#[tokio::test]
async fn a_comment_or_answer_rewritten_in_the_database_is_reported() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (ok, out) = verify(&app, false).await;
    assert!(ok, "{out}");
    let (comment, answer): (String, String) = app.db(|c| {
        use gopy::db::schema::{comments, responses};
        let comment: String = comments::table
            .filter(comments::status.eq("published"))
            .order(comments::id)
            .select(comments::public_id)
            .first(c)?;
        let answer: String = responses::table
            .filter(responses::published_at.is_not_null())
            .filter(responses::decision.eq("not_accepted"))
            .order(responses::id)
            .select(responses::public_id)
            .first(c)?;
        // A quiet rewrite: new text with a matching fingerprint, and a softer decision.
        diesel::update(comments::table.filter(comments::public_id.eq(&comment)))
            .set((
                comments::body.eq("Tôi hoàn toàn đồng ý với dự thảo."),
                comments::body_sha256.eq(gopy::storage::Storage::hash(
                    "Tôi hoàn toàn đồng ý với dự thảo.".as_bytes(),
                )),
            ))
            .execute(c)?;
        diesel::update(responses::table.filter(responses::public_id.eq(&answer)))
            .set(responses::decision.eq("accepted"))
            .execute(c)?;
        Ok((comment, answer))
    });
    let (ok, out) = verify(&app, false).await;
    assert!(!ok, "{out}");
    assert!(
        out.contains("chain intact"),
        "the chain itself is untouched: {out}"
    );
    assert!(out.contains(&format!("{comment} (sha256)")), "{out}");
    assert!(out.contains(&format!("{answer} (decision)")), "{out}");
}
