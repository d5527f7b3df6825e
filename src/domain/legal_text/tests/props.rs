//! Properties on arbitrary input: `parse` never panics, anchors are unique
//! and each resolves to its own provision.

use proptest::prelude::*;

use crate::domain::legal_text::parse;

/// Lines that look like parts of legal documents, to be shuffled together.
const VOCABULARY: &[&str] = &[
    "ỦY BAN NHÂN DÂN TỈNH GIA LAI",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "-------",
    "Số: 31/2011/QĐ-UBND",
    "Gia Lai, ngày 10 tháng 11 năm 2011",
    "QUYẾT ĐỊNH",
    "QUYẾT ĐỊNH:",
    "VỀ VIỆC BAN HÀNH",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
    "Căn cứ Luật Tổ chức chính quyền địa phương;",
    "Phần thứ nhất",
    "PHẦN THỨ HAI",
    "Phần I",
    "Chương I",
    "CHƯƠNG II",
    "Chương III. QUY ĐỊNH CHUNG",
    "QUY ĐỊNH CHUNG",
    "Mục 1",
    "Mục 1. ĐĂNG KÝ",
    "Tiểu mục 1",
    "Điều 1. Phạm vi điều chỉnh",
    "Điều 1. Phạm vi điều chỉnh",
    "Điều 5a. Chèn",
    "Điều 8.",
    "ĐIỀU 2: Hiệu lực",
    "1. Khoản.",
    "1. Khoản.",
    "2a. Khoản chèn.",
    "a) Điểm;",
    "a) Điểm;",
    "đ) Điểm đ;",
    "a1) Điểm chèn;",
    "ư) Điểm ư;",
    "- gạch đầu dòng",
    "+ dấu cộng",
    "\"Điều 25. Trích dẫn",
    "\"1. Khoản trích dẫn.\";",
    "a) trong trích dẫn.\".",
    "“Điều 3. Ngoặc cong",
    "b) đóng ngoặc.”",
    "\"",
    "”",
    "Thay từ \"a\" bằng từ \"b\".",
    "Nơi nhận:",
    "- Như Điều 3;",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Văn A",
    "Luật này được Quốc hội khóa XV, kỳ họp thứ 9 thông qua ngày 17 tháng 6 năm 2025.",
    "QUY ĐỊNH",
    "QUY CHẾ",
    "(Ban hành kèm theo Quyết định số 31/2011/QĐ-UBND)",
    "PHỤ LỤC 01:",
    "PHỤ LỤC",
    "Phụ lục I",
    "Mẫu số 01",
    "Mẫu số 01",
    "| STT | Tên | Ghi chú |",
    "| 1 | Điều 1. | |",
    "ĐVT: triệu đồng",
    "Nội dung thường.",
    "\u{A0}\t",
    "",
];

fn legal_lines() -> impl Strategy<Value = String> {
    let line = prop::sample::select(VOCABULARY).prop_map(str::to_string);
    prop::collection::vec(line, 0..60).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings_parse_with_unique_resolvable_anchors(text in any::<String>()) {
        let doc = parse(&text);
        prop_assert_eq!(doc.anchor_problem(), None);
    }

    #[test]
    fn printable_strings_parse_with_unique_resolvable_anchors(text in "[\\PC\n\r\"“”]{0,400}") {
        let doc = parse(&text);
        prop_assert_eq!(doc.anchor_problem(), None);
    }

    #[test]
    fn shuffled_legal_lines_parse_with_unique_resolvable_anchors(text in legal_lines()) {
        let doc = parse(&text);
        prop_assert_eq!(doc.anchor_problem(), None);
    }

    #[test]
    fn shuffled_legal_lines_with_crlf_parse_like_lf(text in legal_lines()) {
        prop_assert_eq!(parse(&text.replace('\n', "\r\n")), parse(&text));
    }
}

/// A draft with a 200,000-character line and 3,000 nested headings parses
/// (the import of a hostile file ends in a tree, not a crash).
#[test]
fn extremely_long_lines_and_deep_nesting_parse() {
    let mut text = String::from("QUYẾT ĐỊNH\n");
    text.push_str("Điều 1. ");
    text.push_str(&"dài ".repeat(50_000));
    text.push('\n');
    for i in 1..=1_000 {
        text.push_str(&format!(
            "Chương {i}\nMục {i}\nĐiều {}. Tiêu đề\n1. Khoản\na) Điểm\n",
            i + 1
        ));
    }
    let doc = parse(&text);
    assert_eq!(doc.anchor_problem(), None);
    assert!(doc.all_provisions().len() > 3_000);
}
