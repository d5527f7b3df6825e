//! Open data: every dataset streams in CSV and JSON Lines with the fields the
//! page documents, as many rows as the database holds, each with its ledger
//! entry; public fields only; and 100,000 comments stream with flat memory.

use std::collections::{BTreeSet, HashMap};

use diesel::prelude::*;
use gopy::export::open_data::Dataset;
use serde_json::Value;

use crate::helpers::TestApp;

/// The rows of `dataset` the database holds (of the draft `slug`, if given),
/// counted independently of the export code.
fn db_count(app: &TestApp, dataset: Dataset, slug: Option<&str>) -> i64 {
    use gopy::db::schema::*;
    let slug = slug.map(str::to_string);
    app.db(move |c| {
        let draft: Option<i64> = match &slug {
            Some(s) => Some(
                drafts::table
                    .filter(drafts::slug.eq(s))
                    .select(drafts::id)
                    .first(c)?,
            ),
            None => None,
        };
        let ids: Vec<i64> = match draft {
            Some(id) => vec![id],
            None => drafts::table
                .filter(drafts::status.ne("preparing"))
                .select(drafts::id)
                .load(c)?,
        };
        let n: i64 = match dataset {
            Dataset::Drafts => drafts::table
                .filter(drafts::id.eq_any(&ids))
                .count()
                .get_result(c)?,
            Dataset::Provisions => provisions::table
                .inner_join(versions::table)
                .filter(versions::draft_id.eq_any(&ids))
                .filter(versions::published_at.is_not_null())
                .count()
                .get_result(c)?,
            Dataset::Comments => comments::table
                .filter(comments::draft_id.eq_any(&ids))
                .filter(comments::status.ne("pending_confirmation"))
                .count()
                .get_result(c)?,
            Dataset::Responses => responses::table
                .filter(responses::draft_id.eq_any(&ids))
                .filter(responses::published_at.is_not_null())
                .count()
                .get_result(c)?,
            Dataset::Appraisals => appraisals::table
                .filter(appraisals::draft_id.eq_any(&ids))
                .count()
                .get_result(c)?,
            Dataset::AppraisalPoints => appraisal_points::table
                .inner_join(appraisals::table)
                .filter(appraisals::draft_id.eq_any(&ids))
                .count()
                .get_result(c)?,
            Dataset::Ledger => match draft {
                Some(id) => ledger::table
                    .filter(ledger::draft_id.eq(id))
                    .count()
                    .get_result(c)?,
                None => ledger::table.count().get_result(c)?,
            },
        };
        Ok(n)
    })
}

/// Every ledger entry: number → (subject, hash).
fn ledger_entries(app: &TestApp) -> HashMap<i64, (String, String)> {
    use gopy::db::schema::ledger;
    app.db(|c| {
        Ok(ledger::table
            .select((ledger::seq, ledger::subject, ledger::hash))
            .load::<(i64, String, String)>(c)?
            .into_iter()
            .map(|(seq, subject, hash)| (seq, (subject, hash)))
            .collect())
    })
}

/// A JSON Lines export: its content type is checked; one object per line.
async fn json_lines(app: &TestApp, path: &str) -> Vec<serde_json::Map<String, Value>> {
    let response = app.get(path).await;
    assert_eq!(response.status().as_u16(), 200, "GET {path}");
    assert_eq!(
        response.headers()["content-type"],
        "application/x-ndjson",
        "{path}"
    );
    let text = response.text().await.unwrap();
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "{path}: last line ends"
    );
    text.lines()
        .map(|line| match serde_json::from_str(line) {
            Ok(Value::Object(map)) => map,
            other => panic!("{path}: not an object per line: {line:?} ({other:?})"),
        })
        .collect()
}

/// A CSV export: the BOM comes first; the header and the rows.
async fn csv_file(app: &TestApp, path: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let response = app.get(path).await;
    assert_eq!(response.status().as_u16(), 200, "GET {path}");
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "{path}: a BOM");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader.records().map(Result::unwrap).collect();
    (header, rows)
}

#[tokio::test]
async fn every_dataset_streams_in_both_formats_with_its_documented_fields_and_ledger_hash() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    let entries = ledger_entries(&app);
    for dataset in Dataset::ALL {
        let name = dataset.name();
        let fields = dataset.fields();
        let expected = db_count(&app, dataset, None);
        assert!(expected > 0, "the demo has {name}");

        let records = json_lines(&app, &format!("/open-data/{name}.jsonl")).await;
        assert_eq!(records.len() as i64, expected, "{name}.jsonl rows");
        let documented: BTreeSet<&str> = fields.iter().copied().collect();
        let mut with_entry = 0;
        for record in &records {
            let keys: BTreeSet<&str> = record.keys().map(String::as_str).collect();
            assert_eq!(keys, documented, "{name}: fields of {record:?}");
            if dataset == Dataset::Ledger {
                continue;
            }
            let Some(seq) = record["ledger_seq"].as_i64() else {
                assert!(record["ledger_hash"].is_null(), "{name}: {record:?}");
                continue;
            };
            with_entry += 1;
            let (subject, hash) = &entries[&seq];
            assert_eq!(
                record["ledger_hash"].as_str(),
                Some(hash.as_str()),
                "{name}"
            );
            // The entry is about this record, and it is the newest about it.
            if let Some(id) = record.get("id").and_then(Value::as_str) {
                if matches!(dataset, Dataset::Comments | Dataset::Responses) {
                    assert_eq!(subject, id, "{name}: the entry names the record");
                }
            }
            assert!(
                !entries
                    .iter()
                    .any(|(other, (s, _))| s == subject && *other > seq),
                "{name}: seq {seq} is the newest entry about {subject}"
            );
        }
        if matches!(
            dataset,
            Dataset::Drafts | Dataset::Provisions | Dataset::Comments | Dataset::Responses
        ) {
            assert!(with_entry > 0, "{name}: records carry their ledger entry");
        }

        let (header, rows) = csv_file(&app, &format!("/open-data/{name}.csv")).await;
        assert_eq!(header, fields, "{name}.csv header");
        assert_eq!(rows.len() as i64, expected, "{name}.csv rows");
        assert!(rows.iter().all(|r| r.len() == fields.len()), "{name}.csv");
    }
}

#[tokio::test]
async fn hidden_and_withdrawn_comments_keep_their_rows_without_text_or_private_data() {
    use gopy::db::schema::{comment_contacts, comments, drafts, users};
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (slug, draft_id): (String, i64) = app.db(|c| {
        Ok(drafts::table
            .filter(drafts::status.eq("open"))
            .select((drafts::slug, drafts::id))
            .first(c)?)
    });
    let moderator: i64 = app.db(|c| {
        Ok(users::table
            .filter(users::role.eq("moderator"))
            .select(users::id)
            .first(c)?)
    });
    let (withdrawn, hidden) = app.db(|c| {
        let ids: Vec<(i64, String)> = comments::table
            .filter(comments::draft_id.eq(draft_id))
            .filter(comments::status.eq("published"))
            .filter(comments::locked_at.is_null())
            .order(comments::id)
            .select((comments::id, comments::public_id))
            .limit(2)
            .load(c)?;
        assert!(gopy::models::Comment::withdraw(c, ids[0].0)?);
        assert!(gopy::models::Moderation::hide(
            c,
            ids[1].0,
            moderator,
            "spam",
            "Quảng cáo"
        )?);
        Ok((ids[0].1.clone(), ids[1].1.clone()))
    });
    let path = format!("/open-data/comments.jsonl?draft={slug}");
    let records = json_lines(&app, &path).await;
    assert_eq!(
        records.len() as i64,
        db_count(&app, Dataset::Comments, Some(&slug)),
        "withdrawn and hidden comments are still rows"
    );
    let find = |id: &str| {
        records
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} is in the export"))
    };
    let w = find(&withdrawn);
    assert_eq!(w["status"], "withdrawn");
    assert!(
        w["text"].is_null() && w["withdrawn_at"].is_string(),
        "{w:?}"
    );
    assert_eq!(w["sha256"].as_str().map(str::len), Some(64));
    let h = find(&hidden);
    assert_eq!(h["status"], "hidden");
    assert!(h["text"].is_null(), "{h:?}");
    assert_eq!(h["hidden_reason"], "spam: Quảng cáo");
    assert!(records.iter().any(|r| r["text"].is_string()));

    // Names only with consent; e-mail addresses never, in any dataset.
    let (private_names, emails) = app.db(|c| {
        let show: HashMap<String, bool> = comments::table
            .select((comments::public_id, comments::show_name))
            .load::<(String, bool)>(c)?
            .into_iter()
            .collect();
        let mut emails: Vec<String> = users::table.select(users::email).load(c)?;
        emails.extend(
            comment_contacts::table
                .select(comment_contacts::email)
                .load::<String>(c)?,
        );
        Ok((show, emails))
    });
    assert!(private_names.values().any(|s| *s) && private_names.values().any(|s| !*s));
    for record in &records {
        let shown = private_names[record["id"].as_str().unwrap()];
        if !shown {
            assert!(
                record["author"].is_null(),
                "no consent, no name: {record:?}"
            );
        }
    }
    assert!(
        records
            .iter()
            .any(|r| r["author"].is_string() && r["organisation"].is_null()),
        "consented names are shown"
    );
    assert!(emails.len() > 10);
    for dataset in Dataset::ALL {
        for format in ["csv", "jsonl"] {
            let body = app
                .get_text(&format!("/open-data/{}.{format}", dataset.name()), 200)
                .await;
            for email in &emails {
                assert!(
                    !body.contains(email.as_str()),
                    "{email} in {}",
                    dataset.name()
                );
            }
        }
    }
}

#[tokio::test]
async fn a_draft_filter_narrows_every_dataset_and_unknown_names_are_404() {
    let app = TestApp::spawn().await;
    app.seed_demo();
    // The demo's draft that went through everything.
    let slug: String = app.db(|c| {
        use gopy::db::schema::drafts;
        Ok(drafts::table
            .filter(drafts::synthesis_published_at.is_not_null())
            .select(drafts::slug)
            .first(c)?)
    });
    for dataset in Dataset::ALL {
        let name = dataset.name();
        let records = json_lines(&app, &format!("/open-data/{name}.jsonl?draft={slug}")).await;
        let expected = db_count(&app, dataset, Some(&slug));
        assert!(expected > 0, "{name}: the demo's finished draft has some");
        assert_eq!(records.len() as i64, expected, "{name} of {slug}");
        for record in &records {
            let own = match dataset {
                Dataset::Drafts => record["slug"] == slug.as_str(),
                Dataset::Ledger => record["payload"]
                    .as_str()
                    .is_some_and(|p| p.contains(&format!("\"{slug}\""))),
                _ => record["draft"] == slug.as_str(),
            };
            assert!(own, "{name}: {record:?} is not of {slug}");
        }
    }
    for path in [
        "/open-data/comments.jsonl?draft=no-such-draft",
        "/open-data/users.csv",
        "/open-data/comments.json",
        "/open-data/comments",
        "/open-data?draft=no-such-draft",
    ] {
        assert_eq!(app.get(path).await.status().as_u16(), 404, "{path}");
    }
}

#[tokio::test]
async fn the_page_documents_every_field_in_both_languages_and_the_footer_links_it() {
    let app = TestApp::spawn().await;
    let vi = app.get_text("/open-data", 200).await;
    let en = app.get_text("/open-data?lang=en", 200).await;
    assert!(vi.contains("Dữ liệu mở") && vi.contains("CC BY 4.0"));
    assert!(en.contains("Open data") && en.contains("Licence"));
    for dataset in Dataset::ALL {
        let name = dataset.name();
        for html in [&vi, &en] {
            assert!(html.contains(&format!("href=\"/open-data/{name}.csv\"")));
            assert!(html.contains(&format!("href=\"/open-data/{name}.jsonl\"")));
        }
        for field in dataset.fields() {
            assert!(
                vi.contains(&format!("<code>{field}</code>")),
                "{name}.{field}"
            );
            for lang in gopy::i18n::Lang::ALL {
                assert!(
                    dataset.field_keys(field).iter().any(|k| lang.has(k)),
                    "{name}.{field} has no meaning in {}",
                    lang.code()
                );
            }
        }
    }
    for html in [&vi, &en] {
        assert!(!html.contains("opendata-"), "an untranslated key");
    }
    let home = app.get_text("/?lang=en", 200).await;
    assert!(home.contains("<a href=\"/open-data\">Open data</a>"));
    assert!(home.contains("<a href=\"/api\">API</a>"));
    let home = app.get_text("/?lang=vi", 200).await;
    assert!(home.contains("<a href=\"/open-data\">Dữ liệu mở</a>"));
}

/// Comments written per INSERT statement while seeding.
const ROWS_PER_INSERT: usize = 1_000;

/// Runs the same diesel statement on the concrete connection of either
/// backend (batch inserts are not implemented for the multi-backend type).
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            gopy::db::DbConnection::Pg($c) => $body,
            gopy::db::DbConnection::Sqlite($c) => $body,
        }
    };
}

/// Adds `n` published comments to the draft `draft_id`, each with its
/// `comment.published` ledger entry chained as the portal chains them, in
/// multi-row INSERTs inside one transaction.
fn insert_comments(c: &mut gopy::db::DbConnection, draft_id: i64, n: usize) -> anyhow::Result<()> {
    use gopy::db::schema::{comments, drafts, ledger, ledger_head, versions};
    use sha2::{Digest, Sha256};
    let hex = |bytes: &[u8]| -> String { bytes.iter().map(|b| format!("{b:02x}")).collect() };
    c.transaction(|c| {
        let slug: String = drafts::table.find(draft_id).select(drafts::slug).first(c)?;
        let version: i32 = versions::table
            .filter(versions::draft_id.eq(draft_id))
            .filter(versions::published_at.is_not_null())
            .select(diesel::dsl::max(versions::number))
            .first::<Option<i32>>(c)?
            .expect("a published version");
        let (mut seq, mut prev): (i64, String) = ledger_head::table
            .find(1)
            .select((ledger_head::seq, ledger_head::hash))
            .first(c)?;
        let now = gopy::models::now();
        let time = now
            .and_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let mut done = 0;
        while done < n {
            let size = ROWS_PER_INSERT.min(n - done);
            let mut rows = Vec::with_capacity(size);
            let mut entries = Vec::with_capacity(size);
            for i in done..done + size {
                let public_id = uuid::Uuid::new_v4().to_string();
                let body = format!(
                    "Ý kiến số {i} về dự thảo {slug}: đề nghị cơ quan soạn thảo làm rõ phạm vi \
                     điều chỉnh, đối tượng áp dụng và trình tự, thủ tục; bổ sung quy định chuyển \
                     tiếp cho các hồ sơ đã nộp trước ngày văn bản có hiệu lực, và đánh giá tác \
                     động đối với hộ kinh doanh, doanh nghiệp nhỏ và vừa ở vùng sâu, vùng xa. \
                     Đề nghị công khai bảng so sánh, thuyết minh các chi phí tuân thủ phát sinh."
                );
                let sha = hex(&Sha256::digest(body.as_bytes()));
                seq += 1;
                let payload = serde_json::json!({
                    "seq": seq,
                    "time": time,
                    "kind": "comment.published",
                    "subject": public_id,
                    "data": {
                        "draft": slug, "version": version, "anchor": null, "question": null,
                        "category": "individual", "status": "published", "late": false,
                        "sha256": sha, "hidden_reason": null,
                    },
                })
                .to_string();
                let hash = gopy::domain::ledger::entry_hash(&prev, &payload);
                entries.push((
                    ledger::seq.eq(seq),
                    ledger::created_at.eq(now),
                    ledger::kind.eq("comment.published"),
                    ledger::subject.eq(public_id.clone()),
                    ledger::draft_id.eq(Some(draft_id)),
                    ledger::payload.eq(payload),
                    ledger::prev_hash.eq(std::mem::replace(&mut prev, hash.clone())),
                    ledger::hash.eq(hash),
                ));
                rows.push((
                    comments::public_id.eq(public_id),
                    comments::draft_id.eq(draft_id),
                    comments::version_number.eq(version),
                    comments::category.eq("individual"),
                    comments::on_behalf_of.eq(""),
                    comments::body.eq(body),
                    comments::body_sha256.eq(sha),
                    comments::status.eq("published"),
                    comments::late.eq(false),
                    comments::show_name.eq(false),
                    comments::consented_at.eq(now),
                    comments::created_at.eq(now),
                    comments::published_at.eq(Some(now)),
                    comments::updated_at.eq(now),
                ));
            }
            on_backend!(&mut *c, |c| diesel::insert_into(comments::table)
                .values(&rows)
                .execute(c))?;
            on_backend!(&mut *c, |c| diesel::insert_into(ledger::table)
                .values(&entries)
                .execute(c))?;
            done += size;
        }
        diesel::update(ledger_head::table.find(1))
            .set((ledger_head::seq.eq(seq), ledger_head::hash.eq(&prev)))
            .execute(c)?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}

/// A field of this process's `/proc/self/status` in kB (`VmRSS`, `VmHWM`).
fn proc_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("procfs");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"))
}

/// What a streamed download came to.
struct Streamed {
    rows: usize,
    bytes: usize,
    seconds: f64,
    /// The largest resident set seen while it streamed, in kB.
    peak_rss_kb: u64,
}

/// Downloads `path` as a stream, never holding the body: each JSON line (or
/// CSV row: the seeded texts have no line breaks) is checked and counted.
async fn stream(app: &TestApp, path: &str) -> Streamed {
    let started = std::time::Instant::now();
    let mut response = app.get(path).await;
    assert_eq!(response.status().as_u16(), 200, "GET {path}");
    let csv = path.contains(".csv");
    let (mut rows, mut bytes, mut pending) = (0_usize, 0_usize, Vec::<u8>::new());
    let mut peak_rss_kb = 0;
    let mut chunks = 0_u64;
    while let Some(chunk) = response.chunk().await.unwrap() {
        bytes += chunk.len();
        pending.extend_from_slice(&chunk);
        let mut start = 0;
        while let Some(end) = pending[start..].iter().position(|b| *b == b'\n') {
            let line = &pending[start..start + end];
            start += end + 1;
            if csv {
                assert!(line.ends_with(b"\r"), "CRLF rows");
                let cells = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .from_reader(line)
                    .records()
                    .next()
                    .expect("a row")
                    .expect("a well-formed row");
                assert_eq!(cells.len(), Dataset::Comments.fields().len());
            } else {
                let record: Value = serde_json::from_slice(line).expect("one JSON object a line");
                assert_eq!(record["id"].as_str().map(str::len), Some(36), "{record}");
                assert_eq!(record["ledger_hash"].as_str().map(str::len), Some(64));
                assert!(record["text"].is_string());
            }
            rows += 1;
        }
        pending.drain(..start);
        assert!(pending.len() < 1 << 20, "a line of over 1 MiB");
        chunks += 1;
        if chunks % 64 == 0 {
            peak_rss_kb = peak_rss_kb.max(proc_kb("VmRSS"));
        }
    }
    assert!(pending.is_empty(), "the file ends with a line break");
    Streamed {
        // The CSV header is not a record.
        rows: if csv { rows - 1 } else { rows },
        bytes,
        seconds: started.elapsed().as_secs_f64(),
        peak_rss_kb: peak_rss_kb.max(proc_kb("VmRSS")),
    }
}

/// Measures in a process of its own: other tests run in this one at the
/// same time, and their memory would count.
#[tokio::test]
async fn exports_of_100000_comments_stream_with_flat_memory() {
    let mut command = std::process::Command::new(std::env::current_exe().unwrap());
    command
        .args(["--exact", "open_data::flat_memory_probe", "--ignored"])
        .args(["--nocapture", "--test-threads=1"])
        // One malloc arena per thread would measure how the allocator
        // spreads over the blocking threads, not what the export holds.
        .env("MALLOC_ARENA_MAX", "2");
    let output = tokio::task::spawn_blocking(move || command.output().expect("the probe runs"))
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprintln!("{stderr}");
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "the probe failed:\n{stdout}\n{stderr}"
    );
}

/// Inserts 110,000 comments, then streams 10,000 and 100,000 of them as
/// JSON Lines and CSV, checking every row and this process's peak memory.
/// Slow in a debug build (about a minute).
#[tokio::test]
#[ignore = "run in its own process by exports_of_100000_comments_stream_with_flat_memory"]
async fn flat_memory_probe() {
    use gopy::db::schema::drafts;
    let app = TestApp::spawn().await;
    app.seed_demo();
    let (small, big): (String, String) = app.db(|c| {
        let slugs: Vec<(i64, String)> = drafts::table
            .filter(drafts::status.ne("preparing"))
            .order(drafts::id)
            .select((drafts::id, drafts::slug))
            .limit(2)
            .load(c)?;
        insert_comments(c, slugs[0].0, 10_000)?;
        insert_comments(c, slugs[1].0, 100_000)?;
        Ok((slugs[0].1.clone(), slugs[1].1.clone()))
    });

    let path = |slug: &str, format: &str| format!("/open-data/comments.{format}?draft={slug}");
    let warm = stream(&app, &path(&small, "jsonl")).await;
    assert_eq!(
        warm.rows as i64,
        db_count(&app, Dataset::Comments, Some(&small))
    );
    let small_peak = proc_kb("VmHWM");

    let jsonl = stream(&app, &path(&big, "jsonl")).await;
    let csv = stream(&app, &path(&big, "csv")).await;
    let big_peak = proc_kb("VmHWM");
    let expected = db_count(&app, Dataset::Comments, Some(&big));
    assert!(expected >= 100_000);
    assert_eq!(jsonl.rows as i64, expected, "every comment, once");
    assert_eq!(csv.rows as i64, expected, "every comment, once");
    assert!(
        jsonl.bytes > 50 << 20,
        "{} bytes: a file worth measuring",
        jsonl.bytes
    );

    let growth_kb = big_peak.saturating_sub(small_peak);
    eprintln!(
        "open data, {} comments: JSON Lines {:.1} MB in {:.1} s ({:.0} rows/s), \
         CSV {:.1} MB in {:.1} s ({:.0} rows/s); peak RSS {} kB after {} rows, \
         {} kB after {} rows (while streaming: {} / {} kB), growth {} kB",
        expected,
        jsonl.bytes as f64 / 1e6,
        jsonl.seconds,
        expected as f64 / jsonl.seconds,
        csv.bytes as f64 / 1e6,
        csv.seconds,
        expected as f64 / csv.seconds,
        small_peak,
        warm.rows,
        big_peak,
        expected,
        jsonl.peak_rss_kb,
        csv.peak_rss_kb,
        growth_kb,
    );
    assert!(
        growth_kb < 30 * 1024,
        "memory grew by {growth_kb} kB between 10,000 and 100,000 rows"
    );
}
