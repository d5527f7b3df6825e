//! The `gopy` binary as an operator uses it.

use std::process::Command;

use gopy::config::SETTINGS;

fn gopy(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gopy"))
        .args(args)
        .env_remove("GOPY_DATABASE_URL")
        .current_dir(tempfile::tempdir().unwrap().path())
        .output()
        .expect("gopy runs")
}

#[test]
fn serve_help_documents_every_setting() {
    let output = gopy(&["serve", "--help"]);
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for setting in SETTINGS {
        assert!(
            help.contains(setting.env),
            "{} missing from:\n{help}",
            setting.env
        );
    }
    for flag in ["--bind", "--database-url", "--demo"] {
        assert!(help.contains(flag), "{flag} missing");
    }
}

#[test]
fn bad_database_url_fails_naming_the_variable() {
    let output = gopy(&["migrate", "--database-url", "mysql://root@localhost/gopy"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("GOPY_DATABASE_URL"), "{stderr}");
    assert!(stderr.contains("mysql"), "{stderr}");
}

#[test]
fn migrate_then_demo_work_on_a_fresh_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("sub/dir/g.db").display());
    let first = gopy(&["migrate", "--database-url", &url]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .unwrap()
        .count();
    let applied = format!("applied {migrations} migration(s)");
    assert!(
        String::from_utf8_lossy(&first.stdout).contains(&applied),
        "{applied}"
    );
    let again = gopy(&["migrate", "--database-url", &url]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("up to date"));
    let demo = gopy(&["demo", "--database-url", &url]);
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    assert!(
        String::from_utf8_lossy(&demo.stdout)
            .contains("demo data added: 6 agencies, 8 users, 3 drafts, 308 comments, 4 threads")
    );
    let demo = gopy(&["demo", "--database-url", &url]);
    assert!(
        String::from_utf8_lossy(&demo.stdout)
            .contains("0 agencies, 0 users, 0 drafts, 0 comments, 0 threads (already present)")
    );
}
