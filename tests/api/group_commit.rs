//! Writes through `Db::write` (grouped into one transaction on SQLite) and
//! `db::transaction`:
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

/// A transaction that reads, then writes after another connection committed,
/// still commits: it held the write lock from the start (on SQLite, a
/// transaction begun the default way fails there with "database is locked").
#[tokio::test]
async fn a_transaction_that_reads_first_still_writes_after_another_commits() {
    let app = TestApp::spawn().await;
    let (read_tx, read_rx) = std::sync::mpsc::channel::<()>();
    let config = app.config.clone();
    let first = std::thread::spawn(move || {
        gopy::startup::with_connection(&config, |c| {
            Ok(gopy::db::transaction(c, |c| {
                let before: i64 = server_keys::table.count().get_result(c)?;
                read_tx.send(()).unwrap();
                std::thread::sleep(std::time::Duration::from_millis(300));
                insert_key(c, "read-then-write")?;
                Ok::<_, diesel::result::Error>(before)
            })?)
        })
    });
    read_rx.recv().unwrap();
    let config = app.config.clone();
    let second = std::thread::spawn(move || {
        gopy::startup::with_connection(&config, |c| Ok(insert_key(c, "meanwhile")?))
    });
    first
        .join()
        .unwrap()
        .expect("the first transaction commits");
    second
        .join()
        .unwrap()
        .expect("the second write waits its turn");
    let names: Vec<String> = app.db(|c| {
        Ok(server_keys::table
            .filter(server_keys::name.eq_any(["read-then-write", "meanwhile"]))
            .select(server_keys::name)
            .load(c)?)
    });
    assert_eq!(names.len(), 2);
}
