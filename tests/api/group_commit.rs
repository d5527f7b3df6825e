//! Writes through `Db::write` (grouped into one transaction on SQLite):
//! each succeeds or fails alone, and a failed one leaves nothing behind.

use diesel::prelude::*;
use gopy::db::Db;
use gopy::db::schema::server_keys;

use crate::helpers::TestApp;

fn insert_key(c: &mut gopy::db::DbConnection, name: &str) -> QueryResult<usize> {
    diesel::insert_into(server_keys::table)
        .values((
            server_keys::name.eq(name),
            server_keys::value.eq("v"),
            server_keys::created_at.eq(chrono::Utc::now().naive_utc()),
        ))
        .execute(c)
}

#[tokio::test]
async fn concurrent_writes_stand_alone_and_a_failed_one_leaves_nothing() {
    let app = TestApp::spawn().await;
    let pool = gopy::startup::open_database(&app.config).await.unwrap();
    let db = Db::new(pool, app.config.database.backend());
    db.write(|c| insert_key(c, "taken")).await.unwrap();
    let writes: Vec<_> = (0..60)
        .map(|i| {
            let db = db.clone();
            tokio::spawn(async move {
                db.write(move |c| {
                    if i == 7 {
                        // Half done, then a duplicate: all of it must go.
                        insert_key(c, "group-7-half")?;
                        return insert_key(c, "taken");
                    }
                    insert_key(c, &format!("group-{i}"))
                })
                .await
            })
        })
        .collect();
    let mut failed = Vec::new();
    for (i, write) in writes.into_iter().enumerate() {
        if write.await.unwrap().is_err() {
            failed.push(i);
        }
    }
    assert_eq!(failed, vec![7], "only the duplicate failed");
    let stored: Vec<String> = app.db(|c| {
        Ok(server_keys::table
            .filter(server_keys::name.like("group-%"))
            .select(server_keys::name)
            .load(c)?)
    });
    assert_eq!(stored.len(), 59, "{stored:?}");
    assert!(!stored.contains(&"group-7-half".to_string()));
}
