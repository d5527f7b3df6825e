//! The real texts in `fixtures/legal-texts` (copied from shared/data/legal-texts) against the hand counts in
//! `expected.json` (counting rules in the README there).

use std::path::PathBuf;

use serde::Deserialize;

use super::{clauses_and_points, count};
use crate::domain::legal_text::{Document, Kind, parse};

#[derive(Debug, Deserialize)]
struct Expected {
    file: String,
    number: Option<String>,
    issuing_body: Option<String>,
    date: Option<String>,
    parts: usize,
    chapters: usize,
    sections: usize,
    articles: Vec<String>,
    clauses: usize,
    points: usize,
    annexes: usize,
    signature_block: bool,
    article_groups: Vec<Group>,
    detail: Vec<Detail>,
}

#[derive(Debug, Deserialize)]
struct Group {
    part: Option<String>,
    articles: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Detail {
    index: usize,
    article: String,
    clauses: usize,
    points: usize,
}

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/legal-texts")
}

/// The parsed file whose name starts with `prefix`, and its expectations.
fn load(prefix: &str) -> (Document, Expected) {
    let dir = data_dir();
    let json = std::fs::read_to_string(dir.join("expected.json"))
        .unwrap_or_else(|e| panic!("reading {}/expected.json: {e}", dir.display()));
    let all: Vec<Expected> = serde_json::from_str(&json).expect("expected.json parses");
    let expected = all
        .into_iter()
        .find(|e| e.file.starts_with(prefix))
        .unwrap_or_else(|| panic!("no expectations for {prefix}"));
    let text = std::fs::read_to_string(dir.join(&expected.file))
        .unwrap_or_else(|e| panic!("reading {}: {e}", expected.file));
    (parse(&text), expected)
}

/// Checks every count of `expected.json` for one file.
fn check(prefix: &str) -> Document {
    let (doc, expected) = load(prefix);
    let file = &expected.file;

    let articles: Vec<&str> = doc.articles().iter().map(|a| a.number.as_str()).collect();
    assert_eq!(articles, expected.articles, "{file}: articles");
    let own: Vec<&str> = doc
        .provisions
        .iter()
        .flat_map(|p| p.walk())
        .filter(|p| p.kind == Kind::Article)
        .map(|a| a.number.as_str())
        .collect();
    assert_eq!(
        own, expected.article_groups[0].articles,
        "{file}: own articles"
    );
    match expected.article_groups.get(1) {
        Some(group) => {
            assert!(group.part.is_some(), "{file}: second group is named");
            let attached = doc.attached.as_ref().expect("an attached regulation");
            let numbers: Vec<&str> = attached
                .provisions
                .iter()
                .flat_map(|p| p.walk())
                .filter(|p| p.kind == Kind::Article)
                .map(|a| a.number.as_str())
                .collect();
            assert_eq!(numbers, group.articles, "{file}: attached articles");
        }
        None => assert!(doc.attached.is_none(), "{file}: no attached regulation"),
    }

    assert_eq!(count(&doc, Kind::Part), expected.parts, "{file}: parts");
    assert_eq!(
        count(&doc, Kind::Chapter),
        expected.chapters,
        "{file}: chapters"
    );
    assert_eq!(
        count(&doc, Kind::Section),
        expected.sections,
        "{file}: sections"
    );
    let (clauses, points) = doc
        .articles()
        .iter()
        .map(|a| clauses_and_points(a))
        .fold((0, 0), |(c, p), (dc, dp)| (c + dc, p + dp));
    assert_eq!(clauses, expected.clauses, "{file}: clauses");
    assert_eq!(points, expected.points, "{file}: points");
    assert_eq!(doc.annexes.len(), expected.annexes, "{file}: annexes");
    assert!(doc.annexes.iter().all(|a| a.kind == Kind::Annex));

    for detail in &expected.detail {
        let article = doc.articles()[detail.index];
        assert_eq!(
            article.number, detail.article,
            "{file}: detail {}",
            detail.index
        );
        assert_eq!(
            clauses_and_points(article),
            (detail.clauses, detail.points),
            "{file}: clauses and points of article at {}",
            detail.index
        );
    }

    let meta = &doc.metadata;
    assert_eq!(meta.number, expected.number, "{file}: number");
    assert_eq!(meta.date, expected.date, "{file}: date");
    assert_eq!(
        meta.issuing_body, expected.issuing_body,
        "{file}: issuing body"
    );
    assert_eq!(
        !meta.signature.is_empty(),
        expected.signature_block,
        "{file}: signature block"
    );
    assert_eq!(doc.anchor_problem(), None, "{file}: anchors");
    doc
}

#[test]
fn gia_lai_decision_with_attached_regulation_matches_hand_counts() {
    let doc = check("02_");
    let attached = doc.attached.as_ref().unwrap();
    assert!(attached.title.starts_with("QUY ĐỊNH"));
    assert!(attached.title.contains("Ban hành kèm theo"));
    let article_8 = doc.resolve("quy-dinh/chuong-4/dieu-8").unwrap();
    assert_eq!(article_8.title, None);
    assert!(
        doc.resolve("quy-dinh/chuong-1/dieu-2/khoan-1/diem-dd")
            .is_some()
    );
    // The decision's own Điều 2 and the regulation's Điều 2 stay apart.
    assert_eq!(doc.resolve("dieu-2").unwrap().anchor, "dieu-2");
    assert_eq!(
        doc.resolve("quy-dinh/dieu-2/khoan-2").unwrap().anchor,
        "quy-dinh/chuong-1/dieu-2/khoan-2"
    );
    assert_eq!(doc.metadata.signature.last().unwrap(), "Phạm Thế Dũng");
}

#[test]
fn enterprise_law_amendment_keeps_quoted_wording_inside_clauses() {
    let doc = check("04_");
    let point = doc.resolve("dieu-1/khoan-11/diem-a").unwrap();
    assert!(point.text.contains("\"Điều 25. Danh sách thành viên"));
    let point = doc.resolve("dieu-1/khoan-1/diem-b").unwrap();
    assert!(point.children.is_empty());
    assert!(point.text.contains("\na) Giá giao dịch bình quân"));
    assert_eq!(doc.metadata.doc_type.as_deref(), Some("LUẬT"));
    assert!(doc.metadata.bases[1].starts_with("Quốc hội ban hành"));
    assert_eq!(doc.metadata.signature[1], "CHỦ TỊCH QUỐC HỘI");
}

#[test]
fn binh_dinh_decision_keeps_annex_tables_as_text() {
    let doc = check("06_");
    let annex = doc.resolve("phu-luc-01").unwrap();
    assert!(
        annex
            .title
            .as_deref()
            .unwrap()
            .starts_with("DANH MỤC DỰ ÁN")
    );
    assert!(annex.children.is_empty());
    assert!(
        annex
            .text
            .contains("| I | SỞ GIÁO DỤC VÀ ĐÀO TẠO | 7.500 | |")
    );
    assert!(doc.resolve("phu-luc-02").is_some());
    assert_eq!(doc.metadata.signature.first().unwrap(), "Nơi nhận:");
}

#[test]
fn tuyen_quang_decision_without_chapters_matches_hand_counts() {
    let doc = check("08_");
    assert!(doc.provisions.iter().all(|p| p.kind == Kind::Article));
    let article_3 = doc.resolve("dieu-3").unwrap();
    assert!(article_3.text.ends_with("thi hành Quyết định này./."));
    assert_eq!(doc.metadata.place.as_deref(), Some("Tuyên Quang"));
}
