//! `gopy admin backup` and `restore`: a copy taken while the portal runs
//! comes back whole, and its ledger verifies.

use diesel::prelude::*;
use gopy::config::Config;
use gopy::db::DatabaseUrl;
use gopy::domain::Role;

use crate::helpers::{TestApp, TestDatabase};

fn counts(config: &Config) -> (i64, i64, i64) {
    gopy::startup::with_connection(config, |c| {
        use gopy::db::schema::{comments, ledger, threads};
        Ok((
            comments::table.count().get_result(c)?,
            threads::table.count().get_result(c)?,
            ledger::table.count().get_result(c)?,
        ))
    })
    .unwrap()
}

#[tokio::test]
async fn a_backup_taken_while_serving_restores_whole_and_its_ledger_verifies() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sao-luu/gopy.backup");
    let before = counts(&app.config);

    let done = gopy::backup::backup(&app.config, &file).unwrap();
    assert!(done.bytes > 0);
    assert_eq!(done.ledger_seq, before.2, "the copy holds the whole ledger");
    let again = gopy::backup::backup(&app.config, &file).unwrap_err();
    assert!(again.to_string().contains("never overwrites"), "{again}");

    // The portal goes on after the copy.
    let citizen = app.signed_in("an@example.vn", Role::Citizen, None).await;
    let agency: String = app.db(|c| {
        use gopy::db::schema::agencies;
        Ok(agencies::table
            .filter(agencies::short_name.eq("STC"))
            .select(agencies::public_id)
            .first(c)?)
    });
    let response = citizen
        .post_form(
            "/threads",
            &[
                ("kind", "feedback"),
                ("agency", &agency),
                ("title", "Sau khi sao lưu"),
                ("regulation", "Quyết định 1/2026"),
                ("body", "Nội dung gửi sau bản sao lưu."),
                ("proposal", "Không có."),
                ("full_name", "Nguyễn Văn An"),
                ("address", "Pleiku"),
                ("phone", "0912345678"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(counts(&app.config).1, before.1 + 1);

    // Restored into another database, it is the portal as it was at the copy.
    let target_dir = tempfile::tempdir().unwrap();
    let target = TestDatabase::create(target_dir.path());
    let config = Config {
        database: DatabaseUrl::parse(&target.url).unwrap(),
        ..app.config.clone()
    };
    let verified = gopy::backup::restore(&config, &file).unwrap();
    assert!(verified.ok(), "{}", verified.report());
    assert_eq!(verified.entries, before.2);
    assert_eq!(counts(&config), before);

    // Something that is not a backup is refused and changes nothing.
    let junk = dir.path().join("not-a-backup.txt");
    std::fs::write(&junk, "hello").unwrap();
    assert!(gopy::backup::restore(&config, &junk).is_err());
    assert_eq!(counts(&config), before);
}
