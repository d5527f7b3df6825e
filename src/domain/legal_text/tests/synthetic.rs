//! Small made-up texts, one behaviour each.

use unicode_normalization::UnicodeNormalization;

use super::{anchors, count};
use crate::domain::legal_text::{Kind, parse};

const DECISION: &str = "\
ỦY BAN NHÂN DÂN TỈNH GIA LAI
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/2024/QĐ-UBND
Gia Lai, ngày 5 tháng 3 năm 2024
QUYẾT ĐỊNH
VỀ VIỆC BAN HÀNH QUY ĐỊNH THỬ
ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương;
Theo đề nghị của Sở Tư pháp.
QUYẾT ĐỊNH:
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
1. Khoản một.
a) Điểm a;
đ) Điểm đ.
- gạch đầu dòng
+ dấu cộng
2. Khoản hai.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
";

#[test]
fn crlf_nbsp_tabs_and_decomposed_diacritics_parse_like_clean_input() {
    let messy: String = DECISION
        .nfd()
        .collect::<String>()
        .replace('\n', "\r\n\r\n")
        .replace("Điều 1.", "Đi\u{1EC1}u\u{A0}1.")
        .replace("1. Khoản", "\t1.\u{A0}\u{A0}Khoản");
    assert_ne!(messy, DECISION);
    assert_eq!(parse(&messy), parse(DECISION));
}

#[test]
fn header_goes_to_metadata_not_provisions() {
    let doc = parse(DECISION);
    let meta = &doc.metadata;
    assert_eq!(meta.number.as_deref(), Some("12/2024/QĐ-UBND"));
    assert_eq!(
        meta.issuing_body.as_deref(),
        Some("Ủy ban nhân dân tỉnh Gia Lai")
    );
    assert_eq!(meta.place.as_deref(), Some("Gia Lai"));
    assert_eq!(meta.date.as_deref(), Some("2024-03-05"));
    assert_eq!(meta.doc_type.as_deref(), Some("QUYẾT ĐỊNH"));
    assert_eq!(meta.title.as_deref(), Some("VỀ VIỆC BAN HÀNH QUY ĐỊNH THỬ"));
    assert_eq!(meta.bases.len(), 2);
    assert_eq!(doc.provisions.len(), 1);
    assert_eq!(doc.provisions[0].anchor, "chuong-1");
    assert_eq!(doc.provisions[0].title.as_deref(), Some("QUY ĐỊNH CHUNG"));
    assert!(doc.provisions[0].text.is_empty());
}

#[test]
fn signature_block_goes_to_metadata() {
    let doc = parse(DECISION);
    assert_eq!(
        doc.metadata.signature,
        [
            "Nơi nhận:",
            "- Như Điều 2;",
            "- Lưu: VT.",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Văn A"
        ]
    );
    let last = doc.resolve("dieu-2").unwrap();
    assert_eq!(last.text, "Quyết định này có hiệu lực kể từ ngày ký./.");
}

#[test]
fn dash_and_plus_bullets_are_text_of_their_parent() {
    let doc = parse(DECISION);
    let point = doc.resolve("chuong-1/dieu-1/khoan-1/diem-dd").unwrap();
    assert_eq!(point.text, "Điểm đ.\n- gạch đầu dòng\n+ dấu cộng");
    assert!(point.children.is_empty());
}

#[test]
fn point_dd_gets_anchor_diem_dd() {
    let doc = parse("Điều 1. A\n1. B\nd) c\nđ) d\nư) e");
    let anchors = anchors(&doc);
    assert!(anchors.contains(&"dieu-1/khoan-1/diem-d"));
    assert!(anchors.contains(&"dieu-1/khoan-1/diem-dd"));
    assert!(anchors.contains(&"dieu-1/khoan-1/diem-uw"));
}

#[test]
fn inserted_units_get_their_own_anchors() {
    let doc = parse("Điều 5. A\nĐiều 5a. Chèn\n1. Một.\n2. Hai.\n2a. Chèn.\na) x;\na1) y.");
    let anchors = anchors(&doc);
    assert_eq!(
        anchors,
        [
            "dieu-5",
            "dieu-5a",
            "dieu-5a/khoan-1",
            "dieu-5a/khoan-2",
            "dieu-5a/khoan-2a",
            "dieu-5a/khoan-2a/diem-a",
            "dieu-5a/khoan-2a/diem-a1"
        ]
    );
    assert_eq!(
        doc.resolve("dieu-5a/khoan-2a/diem-a1").unwrap().number,
        "a1"
    );
}

#[test]
fn quoted_article_inside_a_clause_is_content() {
    let text = "Điều 1. Sửa đổi\n1. Sửa đổi Điều 5 như sau:\n\"Điều 5. Phạm vi\n1. Nội dung mới.\na) Điểm mới.\".\n2. Khoản thật.";
    let doc = parse(text);
    assert_eq!(
        doc.articles()
            .iter()
            .map(|a| a.number.as_str())
            .collect::<Vec<_>>(),
        ["1"]
    );
    let clause = doc.resolve("dieu-1/khoan-1").unwrap();
    assert!(clause.children.is_empty());
    assert!(
        clause
            .text
            .contains("\"Điều 5. Phạm vi\n1. Nội dung mới.\na) Điểm mới.\".")
    );
    assert!(doc.resolve("dieu-1/khoan-2").is_some());
}

#[test]
fn curly_quotes_span_paragraphs_until_the_closing_quote() {
    let text = "Điều 1. Sửa đổi\n1. Bổ sung khoản 3 như sau:\n“3. Mới:\na) một;\nb) hai.”\n2. Thật.\na) thật.";
    let doc = parse(text);
    assert!(doc.resolve("dieu-1/khoan-1").unwrap().children.is_empty());
    assert_eq!(count(&doc, Kind::Clause), 2);
    assert_eq!(count(&doc, Kind::Point), 1);
    assert!(doc.resolve("dieu-1/khoan-2/diem-a").is_some());
}

#[test]
fn balanced_quotes_within_a_line_do_not_open_a_quotation() {
    let doc = parse("Điều 1. A\n1. Thay từ \"x\" bằng từ \"y\".\n2. Hai.");
    assert_eq!(count(&doc, Kind::Clause), 2);
}

#[test]
fn unclosed_stray_quote_does_not_swallow_the_rest() {
    let doc = parse("Điều 1. A\n1. Một \"lỗi gõ.\n2. Hai.\nĐiều 2. B\n1. Ba.");
    assert_eq!(count(&doc, Kind::Article), 2);
    assert_eq!(count(&doc, Kind::Clause), 3);
}

#[test]
fn short_anchor_resolves_when_the_article_is_unique() {
    let doc = parse("Chương I\nCHUNG\nĐiều 1. A\n1. x\na) y\nChương II\nRIÊNG\nĐiều 2. B");
    let point = doc.resolve("dieu-1/khoan-1/diem-a").unwrap();
    assert_eq!(point.anchor, "chuong-1/dieu-1/khoan-1/diem-a");
    assert_eq!(doc.resolve("dieu-2").unwrap().anchor, "chuong-2/dieu-2");
    assert_eq!(doc.resolve("dieu-3"), None);
    assert_eq!(doc.resolve("dieu-1/khoan-9"), None);
    assert_eq!(doc.resolve("khoan-1"), None);
}

#[test]
fn short_anchor_is_none_when_the_article_number_repeats() {
    let doc = parse("Chương I\nA\nĐiều 1. A\nChương II\nB\nĐiều 1. B");
    assert_eq!(doc.resolve("dieu-1"), None);
    assert_eq!(
        doc.resolve("chuong-2/dieu-1").unwrap().title.as_deref(),
        Some("B")
    );
}

#[test]
fn repeated_number_at_one_level_is_disambiguated() {
    let doc = parse("Điều 1. A\n1. x\n1. y\nĐiều 1. B");
    assert_eq!(
        anchors(&doc),
        ["dieu-1", "dieu-1/khoan-1", "dieu-1/khoan-1-2", "dieu-1-2"]
    );
    assert_eq!(doc.anchor_problem(), None);
}

#[test]
fn attached_regulation_restarts_numbering_under_a_prefix() {
    let text = format!(
        "{DECISION}QUY ĐỊNH\nVỀ THỬ\n(Ban hành kèm theo Quyết định số 12/2024/QĐ-UBND)\nChương I\nCHUNG\nĐiều 1. Phạm vi\n1. x"
    );
    let doc = parse(&text);
    let attached = doc.attached.as_ref().unwrap();
    assert_eq!(
        attached.title,
        "QUY ĐỊNH VỀ THỬ (Ban hành kèm theo Quyết định số 12/2024/QĐ-UBND)"
    );
    assert_eq!(attached.provisions[0].anchor, "quy-dinh/chuong-1");
    assert_eq!(doc.resolve("dieu-1").unwrap().anchor, "chuong-1/dieu-1");
    assert_eq!(
        doc.resolve("quy-dinh/dieu-1/khoan-1").unwrap().anchor,
        "quy-dinh/chuong-1/dieu-1/khoan-1"
    );
    let numbers: Vec<&str> = doc.articles().iter().map(|a| a.number.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "1"]);
}

#[test]
fn attached_quy_che_gets_the_quy_che_prefix() {
    let text = "Điều 1. Ban hành kèm theo Quyết định này Quy chế.\nTM. ỦY BAN NHÂN DÂN\nQUY CHẾ\nLÀM VIỆC\nĐiều 1. Phạm vi";
    let doc = parse(text);
    assert_eq!(doc.attached.unwrap().provisions[0].anchor, "quy-che/dieu-1");
}

#[test]
fn roman_and_uppercase_chapters_become_arabic_anchors() {
    let doc = parse("CHƯƠNG IV\nTỔ CHỨC\nTHỰC HIỆN\nĐiều 8.\n1. x\nChương IX. CUỐI\nĐiều 9. Cuối");
    let chapter = &doc.provisions[0];
    assert_eq!(
        (chapter.anchor.as_str(), chapter.number.as_str()),
        ("chuong-4", "IV")
    );
    assert_eq!(chapter.title.as_deref(), Some("TỔ CHỨC THỰC HIỆN"));
    assert_eq!(doc.provisions[1].anchor, "chuong-9");
    assert_eq!(doc.provisions[1].title.as_deref(), Some("CUỐI"));
}

#[test]
fn parts_with_ordinal_words_become_arabic_anchors() {
    let doc = parse(
        "Phần thứ nhất\nQUY ĐỊNH CHUNG\nĐiều 1. A\nPHẦN THỨ HAI\nRIÊNG\nChương I\nX\nĐiều 2. B",
    );
    assert_eq!(
        anchors(&doc),
        [
            "phan-1",
            "phan-1/dieu-1",
            "phan-2",
            "phan-2/chuong-1",
            "phan-2/chuong-1/dieu-2"
        ]
    );
    assert_eq!(doc.provisions[0].number, "thứ nhất");
    assert_eq!(doc.provisions[1].number, "THỨ HAI");
}

#[test]
fn sections_and_subsections_nest_under_chapters() {
    let doc =
        parse("Chương II\nX\nMục 1. ĐĂNG KÝ\nTiểu mục 1\nHỒ SƠ\nĐiều 5. A\nMục 2\nKHÁC\nĐiều 6. B");
    assert_eq!(
        anchors(&doc),
        [
            "chuong-2",
            "chuong-2/muc-1",
            "chuong-2/muc-1/tieu-muc-1",
            "chuong-2/muc-1/tieu-muc-1/dieu-5",
            "chuong-2/muc-2",
            "chuong-2/muc-2/dieu-6"
        ]
    );
    assert_eq!(doc.resolve("dieu-5").unwrap().kind, Kind::Article);
}

#[test]
fn untitled_article_and_sentence_article_have_no_title() {
    let doc = parse(
        "Điều 8.\n1. x\nĐiều 9. Quyết định này có hiệu lực từ ngày ký.\nĐiều 10. Hiệu lực thi hành",
    );
    assert_eq!(doc.resolve("dieu-8").unwrap().title, None);
    let sentence = doc.resolve("dieu-9").unwrap();
    assert_eq!(sentence.title, None);
    assert_eq!(sentence.text, "Quyết định này có hiệu lực từ ngày ký.");
    assert_eq!(
        doc.resolve("dieu-10").unwrap().title.as_deref(),
        Some("Hiệu lực thi hành")
    );
}

#[test]
fn sentences_that_start_like_labels_are_text() {
    let doc = parse(
        "Điều 1. A\nChương II của Luật này quy định.\n1.500 triệu đồng.\nĐiều 5.1 là mục con.\nMục tiêu chung.",
    );
    assert_eq!(anchors(&doc), ["dieu-1"]);
    assert_eq!(doc.provisions[0].text.lines().count(), 4);
}

#[test]
fn annexes_after_the_signature_keep_tables_as_text_and_nest_forms() {
    let text = format!(
        "{DECISION}PHỤ LỤC I\nDANH MỤC\n(Kèm theo Quyết định số 12)\n| STT | Tên |\n| 1 | Điều 1. không phải điều |\nMẫu số 01\nĐƠN ĐỀ NGHỊ\n1. Họ tên:\nPHỤ LỤC II: BẢNG GIÁ"
    );
    let doc = parse(&text);
    let anchors: Vec<&str> = doc
        .annexes
        .iter()
        .flat_map(|a| a.walk())
        .map(|a| a.anchor.as_str())
        .collect();
    assert_eq!(anchors, ["phu-luc-1", "phu-luc-1/mau-so-01", "phu-luc-2"]);
    let first = &doc.annexes[0];
    assert_eq!(first.title.as_deref(), Some("DANH MỤC"));
    assert!(
        first
            .text
            .starts_with("(Kèm theo Quyết định số 12)\n| STT | Tên |")
    );
    assert_eq!(first.children[0].text, "1. Họ tên:");
    assert_eq!(doc.annexes[1].title.as_deref(), Some("BẢNG GIÁ"));
    assert_eq!(count(&doc, Kind::Article), 2);
}

#[test]
fn text_without_header_or_signature_is_all_provisions() {
    let doc = parse("Điều 1. Phạm vi\nNội dung.\nĐiều 2. Đối tượng\n1. x");
    assert_eq!(doc.metadata, Default::default());
    assert_eq!(anchors(&doc), ["dieu-1", "dieu-2", "dieu-2/khoan-1"]);
}

#[test]
fn law_adoption_formula_gives_term_and_session() {
    let doc = parse(
        "QUỐC HỘI\nLuật số: 1/2025/QH15\nLUẬT\nTHỬ\nĐiều 1. A\nLuật này được Quốc hội khóa XV, kỳ họp thứ 9 thông qua ngày 17 tháng 6 năm 2025.\nCHỦ TỊCH QUỐC HỘI\nTrần Văn B",
    );
    assert_eq!(
        doc.metadata.issuing_body.as_deref(),
        Some("Quốc hội (khóa XV, kỳ họp thứ 9)")
    );
    assert_eq!(doc.metadata.signature.len(), 3);
    assert!(doc.resolve("dieu-1").unwrap().text.is_empty());
}

#[test]
fn blank_draft_date_keeps_the_place() {
    let doc = parse("Số: /2025/QĐ-UBND\nHà Nội, ngày tháng năm 2025\nQUYẾT ĐỊNH\nĐiều 1. A");
    assert_eq!(doc.metadata.number.as_deref(), Some("/2025/QĐ-UBND"));
    assert_eq!(doc.metadata.place.as_deref(), Some("Hà Nội"));
    assert_eq!(doc.metadata.date, None);
}

#[test]
fn empty_input_gives_an_empty_document() {
    for text in ["", "\n\r\n\t \u{A0}\n"] {
        let doc = parse(text);
        assert!(doc.provisions.is_empty() && doc.annexes.is_empty() && doc.attached.is_none());
        assert_eq!(doc.metadata, Default::default());
    }
}

#[test]
fn garbage_input_gives_no_provisions() {
    let doc = parse("\u{0}\u{FFFF}))) ((( \"\"\" “”” «\n|||\n1.\na)\n\u{301}\u{301}Điều\nChương");
    assert_eq!(doc.anchor_problem(), None);
    assert_eq!(count(&doc, Kind::Article), 0);
}

#[test]
fn json_has_lowercase_kinds_and_null_titles() {
    let doc = parse("Điều 8.\n1. x");
    let json = serde_json::to_value(&doc).unwrap();
    let article = &json["provisions"][0];
    assert_eq!(article["kind"], "article");
    assert_eq!(article["number"], "8");
    assert_eq!(article["anchor"], "dieu-8");
    assert!(article["title"].is_null());
    assert_eq!(article["text"], "");
    assert_eq!(article["children"][0]["kind"], "clause");
    assert!(json["attached"].is_null());
}

#[test]
fn people_council_resolution_names_council_with_term_and_session() {
    let text = "\
HỘI ĐỒNG NHÂN DÂN
TỈNH BÌNH ĐỊNH
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/2023/NQ-HĐND
Bình Định, ngày 14 tháng 7 năm 2023
NGHỊ QUYẾT
QUY ĐỊNH MỨC CHI
HỘI ĐỒNG NHÂN DÂN TỈNH BÌNH ĐỊNH
KHÓA XIII KỲ HỌP THỨ 11
Căn cứ Luật Tổ chức chính quyền địa phương;
Xét Tờ trình số 80/TTr-UBND; ý kiến thảo luận của đại biểu tại kỳ họp.
QUYẾT NGHỊ:
Điều 1. Mức chi
1. Một.
Điều 2. Tổ chức thực hiện
1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện.
Nghị quyết này đã được Hội đồng nhân dân tỉnh Bình Định Khóa XIII Kỳ họp thứ 11 thông qua ngày 14 tháng 7 năm 2023 và có hiệu lực từ ngày 24 tháng 7 năm 2023./.
Nơi nhận:
- UBTVQH;
CHỦ TỊCH
Hồ Quốc Dũng
";
    let doc = parse(text);
    let meta = &doc.metadata;
    assert_eq!(
        meta.issuing_body.as_deref(),
        Some("Hội đồng nhân dân tỉnh Bình Định (khóa XIII, kỳ họp thứ 11)")
    );
    assert_eq!(meta.title.as_deref(), Some("QUY ĐỊNH MỨC CHI"));
    assert_eq!(meta.doc_type.as_deref(), Some("NGHỊ QUYẾT"));
    assert_eq!(meta.bases.len(), 2);
    assert_eq!(
        meta.signature,
        ["Nơi nhận:", "- UBTVQH;", "CHỦ TỊCH", "Hồ Quốc Dũng"]
    );
    // The adoption sentence that sets the entry into force stays in the text.
    assert!(
        doc.resolve("dieu-2/khoan-1")
            .unwrap()
            .text
            .contains("có hiệu lực")
    );
}

#[test]
fn government_decree_inserting_an_article_keeps_it_quoted() {
    let text = "\
CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 154/2020/NĐ-CP
Hà Nội, ngày 31 tháng 12 năm 2020
NGHỊ ĐỊNH
SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 34/2016/NĐ-CP
Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
Theo đề nghị của Bộ trưởng Bộ Tư pháp;
Chính phủ ban hành Nghị định sửa đổi, bổ sung một số điều của Nghị định số 34/2016/NĐ-CP.
Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 34/2016/NĐ-CP
1. Bổ sung Điều 3a vào sau Điều 3 như sau:
“Điều 3a. Tên mới
1. Một.
2. Hai:
a) a;
b) b.”
2. Sửa đổi khoản 2 Điều 4 như sau:
“2. Văn bản.”
Điều 2. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành kể từ ngày ký.
Nơi nhận:
- Ban Bí thư Trung ương Đảng;
TM. CHÍNH PHỦ
THỦ TƯỚNG
Nguyễn Xuân Phúc
PHỤ LỤC I
MẪU VĂN BẢN
";
    let doc = parse(text);
    assert_eq!(doc.metadata.issuing_body.as_deref(), Some("Chính phủ"));
    assert_eq!(doc.metadata.bases.len(), 3);
    assert_eq!(
        anchors(&doc),
        [
            "dieu-1",
            "dieu-1/khoan-1",
            "dieu-1/khoan-2",
            "dieu-2",
            "phu-luc-1"
        ]
    );
    assert!(
        doc.resolve("dieu-1/khoan-1")
            .unwrap()
            .text
            .contains("“Điều 3a. Tên mới\n1. Một.")
    );
    assert_eq!(doc.metadata.signature.len(), 5);
}
