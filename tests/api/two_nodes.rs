//! Two nodes: two `gopy serve` processes on one PostgreSQL database, no proxy
//! in front. A session made on one works on the other; comments sent to both
//! land in one unforked ledger, each campaign in one cluster, each receipt in
//! one e-mail; an ended window closes once and a notice goes out once.

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use diesel::sql_types::Text;
use gopy::db::DbConnection;
use gopy::db::schema::{comment_clusters, comments, draft_events, drafts, outbox};
use reqwest::header::COOKIE;

use crate::helpers::{Browser, TestDatabase, postgres_admin_url};
use crate::process::{Server, gopy};
use crate::smtp::SmtpServer;

/// Accounts sending comments at once, each to both nodes in turn.
const SENDERS: usize = 8;
/// Comments each account sends.
const EACH: usize = 12;

/// Two campaign letters: every account sends both, each copy signed with
/// its own last line (as people do), so they are near-identical, not equal.
const LETTERS: [&str; 2] = [
    "Chúng tôi, các hộ gia đình ở thôn Plei Ốp, đề nghị Ủy ban xem xét kéo dài thời hạn \
     nộp hồ sơ miễn giảm tiền sử dụng đất từ ba mươi ngày lên sáu mươi ngày, vì nhiều \
     người có công tuổi đã cao, đi lại khó khăn và phải xin xác nhận ở nhiều nơi khác nhau.",
    "Hiệp hội đề nghị bỏ yêu cầu nộp bản sao có chứng thực giấy chứng nhận người có công \
     khi cơ quan tiếp nhận đã tra cứu được trên cơ sở dữ liệu quốc gia về dân cư, để giảm \
     chi phí đi lại và thời gian chờ đợi cho người dân ở vùng sâu, vùng xa của tỉnh.",
];

/// What a sent comment was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Sent {
    Letter(usize),
    /// Too short to be clustered with anything.
    Own,
}

impl Sent {
    /// The `j`-th comment of an account: letter 0, letter 1, its own, again.
    fn nth(j: usize) -> Sent {
        match j % 3 {
            2 => Sent::Own,
            n => Sent::Letter(n),
        }
    }

    fn body(self, sender: usize, j: usize) -> String {
        match self {
            Sent::Letter(n) => format!("{} Người ký: tài khoản {sender}, lần {j}.", LETTERS[n]),
            Sent::Own => format!("Ý kiến riêng {sender}-{j}: tôi đồng ý."),
        }
    }
}

/// What the database holds besides the demo data before the nodes start.
struct Setup {
    /// The demo's open draft, new this week, commented on.
    open: String,
    /// A second open draft, whose window has just ended.
    ending: String,
    ending_id: i64,
    /// Citizens' e-mails and API tokens.
    tokens: Vec<(String, String)>,
    /// A citizen following the open draft's field.
    follower: String,
}

/// A confirmed citizen account (it uses a token, no password).
fn citizen(email: &str) -> gopy::admin::UserSpec<'_> {
    gopy::admin::UserSpec {
        email,
        display_name: None,
        role: gopy::domain::Role::Citizen,
        agency: None,
        password: None,
    }
}

fn set_up(conn: &mut DbConnection) -> anyhow::Result<Setup> {
    use gopy::admin::{create_token, create_user};
    let (open, field): (String, String) = drafts::table
        .filter(drafts::status.eq("open"))
        .select((drafts::slug, drafts::field))
        .first(conn)?;
    let spec = gopy::generate::Spec {
        drafts: 1,
        comments: 0,
        seed: 1,
    };
    let ending = gopy::generate::run(conn, spec, |_| {})?.drafts.remove(0);
    let ended = chrono::Utc::now().naive_utc() - chrono::Duration::minutes(1);
    diesel::update(drafts::table.filter(drafts::slug.eq(&ending)))
        .set(drafts::closes_at.eq(ended))
        .execute(conn)?;
    let ending_id = drafts::table
        .filter(drafts::slug.eq(&ending))
        .select(drafts::id)
        .first(conn)?;
    let mut tokens = Vec::new();
    for n in 0..SENDERS {
        let email = format!("nguoi{n}@hai-nut.example.vn");
        create_user(conn, citizen(&email))?;
        tokens.push((email.clone(), create_token(conn, &email, "two-nodes")?));
    }
    let follower = "theodoi@hai-nut.example.vn".to_string();
    let user = create_user(conn, citizen(&follower))?;
    gopy::models::Follow::start(
        conn,
        user.id,
        gopy::domain::thread::FollowKind::Field,
        &gopy::domain::text::fold(&field),
        false,
    )?;
    Ok(Setup {
        open,
        ending,
        ending_id,
        tokens,
        follower,
    })
}

fn with_db<T>(url: &str, f: impl FnOnce(&mut DbConnection) -> anyhow::Result<T>) -> T {
    let config = gopy::config::Config::try_from(gopy::config::RawConfig {
        database_url: url.to_string(),
        ..gopy::config::RawConfig::default()
    })
    .unwrap();
    gopy::startup::with_connection(&config, f).unwrap()
}

/// Polls `done` every 100 ms until it holds; fails after `limit`.
async fn eventually(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "not within {limit:?}: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A statement waiting for a lock, as PostgreSQL lists it.
#[derive(QueryableByName)]
struct Waiting {
    #[diesel(sql_type = Text)]
    query: String,
}

/// A transaction of the test's own holding locks the nodes need, so that
/// their work piles up behind it and goes on all at once when it ends.
struct Hold {
    holder: PgConnection,
    watcher: PgConnection,
}

impl Hold {
    /// Begins the transaction and runs `statements` (which take the locks).
    fn take(url: &str, statements: &[&str]) -> Hold {
        let mut holder = PgConnection::establish(url).unwrap();
        diesel::sql_query("BEGIN").execute(&mut holder).unwrap();
        for statement in statements {
            diesel::sql_query(*statement).execute(&mut holder).unwrap();
        }
        let watcher = PgConnection::establish(url).unwrap();
        Hold { holder, watcher }
    }

    /// Waits until, for each `(start, n)`, at least `n` statements beginning
    /// with `start` wait for a lock (`""`: any statement); then ends the
    /// transaction.
    async fn release_when_waiting(mut self, expected: &[(&str, usize)]) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let waiting: Vec<String> = diesel::sql_query(
                "SELECT query FROM pg_stat_activity \
                 WHERE datname = current_database() AND wait_event_type = 'Lock'",
            )
            .load::<Waiting>(&mut self.watcher)
            .unwrap()
            .into_iter()
            .map(|w| w.query)
            .collect();
            let met = expected
                .iter()
                .all(|(start, n)| waiting.iter().filter(|w| w.starts_with(start)).count() >= *n);
            if met {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "expected {expected:?} waiting; waiting: {waiting:#?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        diesel::sql_query("COMMIT")
            .execute(&mut self.holder)
            .unwrap();
    }
}

/// Two nodes started together on a database with the demo data and [`Setup`].
struct TwoNodes {
    a: Server,
    b: Server,
    /// No cookies and no redirects: each request says exactly what it sends.
    client: reqwest::Client,
    smtp: SmtpServer,
    setup: Setup,
    url: String,
    _database: TestDatabase,
    _dir: tempfile::TempDir,
}

impl TwoNodes {
    /// `None` on SQLite, saying why.
    async fn start() -> Option<TwoNodes> {
        if postgres_admin_url().is_none() {
            eprintln!(
                "two_nodes: skipped on SQLite; nodes share a PostgreSQL database in \
                 production (set TEST_DATABASE_URL=postgres://… to run it)"
            );
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let database = TestDatabase::create(dir.path());
        let url = database.url.clone();
        assert!(gopy(&url, &["demo"]).status.success(), "demo data");
        let setup = with_db(&url, set_up);
        let smtp = SmtpServer::start().await;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();

        // Each node closes ended windows and queues notices as it starts.
        // Holding the chain's head and the outbox until both nodes are inside
        // that work makes them meet there, every run: one waits to append the
        // closing, the other to close the same draft; one waits to queue the
        // notice, the other to record the same notice.
        let hold = Hold::take(
            &url,
            &[
                "UPDATE ledger_head SET seq = seq",
                "LOCK TABLE outbox IN EXCLUSIVE MODE",
            ],
        );
        // A lease far longer than any sending: a second sending of a row
        // could only come from two nodes claiming it at once.
        let lease = Duration::from_secs(300);
        let node = || {
            Server::start(
                &url,
                SmtpServer::reserve_port(),
                smtp.port,
                lease,
                dir.path(),
            )
        };
        let (a, b) = (node(), node());
        a.ready(&client).await;
        b.ready(&client).await;
        hold.release_when_waiting(&[
            (r#"UPDATE "ledger_head""#, 1),
            (r#"UPDATE "drafts""#, 1),
            (r#"INSERT INTO "outbox""#, 1),
            (r#"INSERT INTO "notices""#, 1),
        ])
        .await;
        Some(TwoNodes {
            a,
            b,
            client,
            smtp,
            setup,
            url,
            _database: database,
            _dir: dir,
        })
    }

    /// The whole public chain as `base` serves it, oldest first, and its head.
    async fn ledger(&self, base: &str) -> (Vec<serde_json::Value>, serde_json::Value) {
        let mut entries = Vec::new();
        let mut after = 0;
        loop {
            let page: serde_json::Value = self
                .client
                .get(format!("{base}/api/v1/ledger?after={after}"))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            entries.extend(page["entries"].as_array().unwrap().iter().cloned());
            match page["next"].as_i64() {
                Some(next) => after = next,
                None => return (entries, page["head"].clone()),
            }
        }
    }

    /// Waits until the outbox is empty and any second sending would have
    /// arrived; returns how many e-mails were queued in all.
    async fn all_mail_sent(&self) -> i64 {
        let queued = || {
            with_db(&self.url, |c| {
                let rows: i64 = outbox::table.count().get_result(c)?;
                let unsent: i64 = outbox::table
                    .filter(outbox::sent_at.is_null())
                    .count()
                    .get_result(c)?;
                Ok((rows, unsent))
            })
        };
        eventually(Duration::from_secs(30), "every queued e-mail sent", || {
            queued().1 == 0
        })
        .await;
        // A row sent twice would go out again within milliseconds of the first.
        tokio::time::sleep(Duration::from_millis(500)).await;
        queued().0
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_made_on_one_node_works_on_the_other() {
    let Some(nodes) = TwoNodes::start().await else {
        return;
    };
    let (a, b, client) = (&nodes.a.base, &nodes.b.base, &nodes.client);
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let browser = Browser {
        address: a.clone(),
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_provider(jar.clone())
            .build()
            .unwrap(),
    };
    let (email, ..) = gopy::demo::USERS[0];
    let response = browser.login(email, gopy::demo::DEMO_PASSWORD).await;
    assert_eq!(response.status().as_u16(), 303, "signed in on node A");
    let session = {
        use reqwest::cookie::CookieStore;
        let cookies = jar.cookies(&a.parse().unwrap()).unwrap();
        cookies
            .to_str()
            .unwrap()
            .split("; ")
            .find(|c| c.starts_with("gopy_session="))
            .expect("a session cookie")
            .to_string()
    };

    let account = client
        .get(format!("{b}/account"))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(account.status().as_u16(), 200, "node B knows the session");
    assert!(account.text().await.unwrap().contains(email));
    let anonymous = client.get(format!("{b}/account")).send().await.unwrap();
    assert_eq!(
        anonymous.status().as_u16(),
        303,
        "and asks others to sign in"
    );

    // A form of node A (the CSRF key is shared) signs out on node B…
    let token = browser.csrf_from("/account").await;
    let out = client
        .post(format!("{b}/logout"))
        .header(COOKIE, &session)
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status().as_u16(), 303, "signed out on node B");
    // …and node A no longer knows the session.
    let gone = browser.get("/account").await;
    assert_eq!(gone.status().as_u16(), 303, "signed out on node A too");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comments_sent_to_both_nodes_form_one_chain_one_cluster_per_campaign_one_receipt_each() {
    let Some(nodes) = TwoNodes::start().await else {
        return;
    };
    let (a, b) = (&nodes.a.base, &nodes.b.base);
    // Every account's first comment is the same letter; holding the chain's
    // head until all of them are being published on both nodes (waiting for
    // the head, or for the first of them) lets them go on at once, as a
    // campaign's first copies may.
    let hold = Hold::take(&nodes.url, &["UPDATE ledger_head SET seq = seq"]);
    let mut senders = Vec::new();
    for (n, (_, token)) in nodes.setup.tokens.iter().enumerate() {
        let (client, token) = (nodes.client.clone(), token.clone());
        let urls = [a, b].map(|base| format!("{base}/api/v1/drafts/{}/comments", nodes.setup.open));
        senders.push(tokio::spawn(async move {
            let mut acked = Vec::new();
            for j in 0..EACH {
                let url = &urls[(n + j) % 2];
                let sent = Sent::nth(j);
                let response = client
                    .post(url)
                    .bearer_auth(&token)
                    .json(&serde_json::json!({
                        "body": sent.body(n, j),
                        "category": "individual",
                        "consent_processing": true,
                    }))
                    .send()
                    .await
                    .unwrap();
                let status = response.status().as_u16();
                let json: serde_json::Value = response.json().await.unwrap();
                assert_eq!(status, 201, "comment {n}-{j} to {url}: {json}");
                acked.push((json["id"].as_str().unwrap().to_string(), sent));
            }
            acked
        }));
    }
    hold.release_when_waiting(&[("", SENDERS)]).await;
    let mut acked: Vec<(String, Sent)> = Vec::new();
    for sender in senders {
        acked.extend(sender.await.unwrap());
    }
    assert_eq!(acked.len(), SENDERS * EACH);

    // Both nodes serve the same chain: numbered without a gap, each entry
    // on the one before, each comment recorded once.
    let (chain, head) = nodes.ledger(a).await;
    assert!(
        nodes.ledger(b).await == (chain.clone(), head.clone()),
        "one chain"
    );
    let mut prev = gopy::models::ledger::genesis().to_string();
    for (i, entry) in chain.iter().enumerate() {
        assert_eq!(entry["seq"].as_i64(), Some(i as i64 + 1), "entry {i}");
        assert_eq!(
            entry["prev_hash"].as_str(),
            Some(prev.as_str()),
            "entry {i}"
        );
        prev = entry["hash"].as_str().unwrap().to_string();
    }
    assert_eq!(head["seq"].as_i64(), Some(chain.len() as i64));
    assert_eq!(head["hash"].as_str(), Some(prev.as_str()));
    for (id, _) in &acked {
        let entries = chain
            .iter()
            .filter(|e| e["kind"] == "comment.published" && e["subject"] == id.as_str())
            .count();
        assert_eq!(entries, 1, "comment {id} is in the chain once");
    }
    let verified = gopy(&nodes.url, &["ledger", "verify"]);
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stdout)
    );

    // Each letter is one cluster, whichever node took each copy.
    let ids: Vec<String> = acked.iter().map(|(id, _)| id.clone()).collect();
    let (placed, founded): (Vec<(String, Option<i64>)>, i64) = with_db(&nodes.url, |c| {
        let placed = comments::table
            .filter(comments::public_id.eq_any(&ids))
            .select((comments::public_id, comments::cluster_id))
            .load(c)?;
        let founders = comments::table
            .filter(comments::public_id.eq_any(&ids))
            .select(comments::id);
        let founded = comment_clusters::table
            .filter(comment_clusters::id.eq_any(founders))
            .count()
            .get_result(c)?;
        Ok((placed, founded))
    });
    let sent: BTreeMap<&str, Sent> = acked.iter().map(|(id, s)| (id.as_str(), *s)).collect();
    let mut clusters: BTreeMap<Sent, HashSet<Option<i64>>> = BTreeMap::new();
    for (id, cluster) in &placed {
        clusters
            .entry(sent[id.as_str()])
            .or_default()
            .insert(*cluster);
    }
    for letter in [Sent::Letter(0), Sent::Letter(1)] {
        let found = &clusters[&letter];
        assert!(
            found.len() == 1 && !found.contains(&None),
            "{letter:?} is one cluster: {found:?}"
        );
    }
    assert_ne!(clusters[&Sent::Letter(0)], clusters[&Sent::Letter(1)]);
    assert_eq!(clusters[&Sent::Own], HashSet::from([None]));
    assert_eq!(founded, 2, "one cluster founded per letter");

    // Every e-mail goes out once, each comment's receipt among them.
    let queued = nodes.all_mail_sent().await;
    let mail = nodes.smtp.messages();
    let message_ids: HashSet<String> = mail.iter().filter_map(|m| m.header("Message-ID")).collect();
    assert_eq!(mail.len() as i64, queued, "one message per queued e-mail");
    assert_eq!(message_ids.len(), mail.len(), "no Message-ID twice");
    for (id, _) in &acked {
        let receipts = mail
            .iter()
            .filter(|m| m.text().contains(id.as_str()))
            .count();
        assert_eq!(receipts, 1, "one receipt for {id}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_starting_together_close_an_ended_window_and_send_a_notice_once() {
    let Some(nodes) = TwoNodes::start().await else {
        return;
    };
    let setup = &nodes.setup;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let draft: serde_json::Value = nodes
            .client
            .get(format!("{}/api/v1/drafts/{}", nodes.b.base, setup.ending))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if draft["status"] == "closed" {
            break;
        }
        assert!(Instant::now() < deadline, "still {}", draft["status"]);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (chain, _) = nodes.ledger(&nodes.a.base).await;
    let closings = chain
        .iter()
        .filter(|e| e["kind"] == "draft.status" && e["subject"] == setup.ending.as_str())
        .filter(|e| {
            e["payload"]
                .as_str()
                .unwrap()
                .contains(r#""status":"closed""#)
        })
        .count();
    assert_eq!(closings, 1, "one ledger entry closes {}", setup.ending);
    let events: i64 = with_db(&nodes.url, |c| {
        Ok(draft_events::table
            .filter(draft_events::draft_id.eq(setup.ending_id))
            .filter(draft_events::status.eq("closed"))
            .count()
            .get_result(c)?)
    });
    assert_eq!(events, 1, "one closing in the draft's timeline");

    nodes.smtp.last_to(&setup.follower).await;
    nodes.all_mail_sent().await;
    let notices = nodes
        .smtp
        .messages()
        .into_iter()
        .filter(|m| m.to.contains(&setup.follower))
        .count();
    assert_eq!(notices, 1, "the follower hears of the new draft once");
}
