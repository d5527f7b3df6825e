//! Recognisers for the lines around the provisions: the header (motto, number,
//! place and date, document type) and the signature block. Words are compared
//! folded ("ỦY" = "UỶ").

use super::lines::is_upper;
use crate::domain::text::fold;

/// True when `folded` starts with the words of `prefix` (whole words).
pub(super) fn starts_with_words(folded: &str, prefix: &str) -> bool {
    folded
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// A line of dashes, underscores, stars or dots under the header blocks.
pub(super) fn is_separator(line: &str) -> bool {
    line.chars().all(|c| "-_=*.~…–—·•".contains(c) || c == ' ')
}

/// Where the upper-case national name "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
/// starts in the line, if it is there (text before it is the issuing body,
/// glued on one line).
pub(super) fn national_name_at(line: &str) -> Option<usize> {
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ]
    .iter()
    .filter_map(|needle| line.find(needle))
    .min()
}

/// "Độc lập - Tự do - Hạnh phúc".
pub(super) fn is_motto(line: &str) -> bool {
    let folded = fold(line);
    folded.contains("doc lap") && folded.contains("tu do") && folded.contains("hanh phuc")
}

/// "Số: 31/2011/QĐ-UBND", "Luật số: 76/2025/QH15": the number and what
/// follows it on the line (a place and date glued to it).
pub(super) fn document_number(line: &str) -> Option<(String, String)> {
    let words: Vec<&str> = line.split(' ').collect();
    for (i, word) in words.iter().enumerate().take(4) {
        let lower = word.to_lowercase();
        let Some(after) = lower.strip_prefix("số") else {
            continue;
        };
        let (number, rest) = if let Some(glued) = after.strip_prefix(':') {
            if glued.is_empty() {
                (words.get(i + 1).copied(), i + 2)
            } else {
                // Keep the original case of the glued number.
                (word.split_once(':').map(|(_, n)| n), i + 1)
            }
        } else if after.is_empty() && words.get(i + 1) == Some(&":") {
            (words.get(i + 2).copied(), i + 3)
        } else {
            continue;
        };
        let number = number?.trim_end_matches([',', ';', '.']);
        if number.contains('/') || number.chars().any(|c| c.is_ascii_digit()) {
            let rest = words.get(rest..).unwrap_or_default().join(" ");
            return Some((number.to_string(), rest));
        }
        return None;
    }
    None
}

/// "Gia Lai, ngày 10 tháng 11 năm 2011": the place and, when complete and
/// valid, the date as YYYY-MM-DD. Drafts leave the day blank ("ngày  tháng  năm
/// 2025"): the place is still returned.
pub(super) fn place_and_date(line: &str) -> Option<(Option<String>, Option<String>)> {
    let words: Vec<&str> = line.split(' ').collect();
    let at = words.iter().position(|w| w.to_lowercase() == "ngày")?;
    if at > 8 {
        return None;
    }
    let rest: Vec<String> = words[at + 1..].iter().map(|w| w.to_lowercase()).collect();
    let month_at = rest.iter().position(|w| w == "tháng")?;
    let year_at = rest.iter().position(|w| w == "năm")?;
    if year_at < month_at {
        return None;
    }
    let number = |slice: &[String]| -> Option<u32> {
        let digits: String = slice
            .iter()
            .flat_map(|w| w.chars())
            .filter(char::is_ascii_digit)
            .collect();
        (!digits.is_empty() && digits.len() <= 4)
            .then(|| digits.parse().ok())
            .flatten()
    };
    let day = number(&rest[..month_at]);
    let month = number(&rest[month_at + 1..year_at]);
    let year = rest
        .get(year_at + 1)
        .and_then(|w| number(std::slice::from_ref(w)));
    let place = words[..at]
        .join(" ")
        .trim_end_matches([',', ' '])
        .to_string();
    let place = (!place.is_empty()).then_some(place);
    let date = match (day, month, year) {
        (Some(d), Some(m), Some(y)) if valid_date(y, m, d) => Some(format!("{y:04}-{m:02}-{d:02}")),
        _ => None,
    };
    Some((place, date))
}

fn valid_date(year: u32, month: u32, day: u32) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1000..=9999).contains(&year) && (1..=days).contains(&day)
}

/// Kinds of legal and administrative documents, folded, longest first where one
/// is a prefix of another.
const DOC_TYPES: &[&str] = &[
    "thong tu lien tich",
    "nghi quyet lien tich",
    "van ban hop nhat",
    "quyet dinh",
    "bo luat",
    "luat",
    "nghi quyet",
    "nghi dinh",
    "thong tu",
    "chi thi",
    "phap lenh",
    "lenh",
    "hien phap",
    "ke hoach",
    "quy dinh",
    "quy che",
    "huong dan",
    "thong bao",
    "cong van",
    "to trinh",
    "bao cao",
    "de an",
    "chuong trinh",
    "dieu le",
];

/// An upper-case document type line ("QUYẾT ĐỊNH", "LUẬT"), possibly with the
/// title glued on ("QUYẾT ĐỊNH VỀ VIỆC ..."): the type as written and the title.
pub(super) fn doc_type(line: &str) -> Option<(String, String)> {
    if !is_upper(line) {
        return None;
    }
    let folded = fold(line);
    let folded = folded.trim_end_matches([':', ' ']);
    let kind = DOC_TYPES.iter().find(|t| starts_with_words(folded, t))?;
    let type_words = kind.split(' ').count();
    let words: Vec<&str> = line.split(' ').collect();
    let title = words[type_words..].join(" ");
    let glued_ok = title.is_empty()
        || starts_with_words(&fold(&title), "ve")
        || matches!(*kind, "luat" | "bo luat" | "phap lenh");
    glued_ok.then(|| {
        (
            words[..type_words]
                .join(" ")
                .trim_end_matches(':')
                .to_string(),
            title,
        )
    })
}

/// The enacting line that ends the preamble ("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:"):
/// Some(true) when it carries the colon, Some(false) when it is a bare type word.
pub(super) fn enacting(line: &str) -> Option<bool> {
    if !is_upper(line) {
        return None;
    }
    let folded = fold(line);
    let colon = folded.trim_end().ends_with(':');
    let bare = folded.trim_end_matches([':', ' ']);
    let known = bare == "quyet nghi" || bare == "ban hanh" || DOC_TYPES.contains(&bare);
    known.then_some(colon)
}

/// Words that start a line of the preamble.
const PREAMBLE_STARTS: &[&str] = &[
    "can cu",
    "theo de nghi",
    "xet de nghi",
    "xet to trinh",
    "thuc hien",
    "tren co so",
];

/// "Căn cứ ...", "Theo đề nghị ...", "Xét đề nghị ...".
pub(super) fn starts_preamble(line: &str) -> bool {
    let folded = fold(line);
    PREAMBLE_STARTS
        .iter()
        .any(|p| starts_with_words(&folded, p))
}

/// Positions that sign or issue documents, folded.
pub(super) const POSITIONS: &[&str] = &[
    "pho chu tich",
    "chu tich",
    "pho thu tuong",
    "thu tuong",
    "bo truong",
    "thu truong",
    "pho giam doc",
    "tong giam doc",
    "giam doc",
    "chanh an",
    "vien truong",
    "tong kiem toan",
    "thong doc",
    "pho truong ban",
    "truong ban",
    "chu nhiem",
    "tong cuc truong",
    "cuc truong",
    "chanh van phong",
    "tong thu ky",
];

/// Bodies that issue documents, folded.
const ISSUERS: &[&str] = &[
    "uy ban",
    "ubnd",
    "hoi dong",
    "hdnd",
    "chinh phu",
    "quoc hoi",
];

/// An upper-case line naming the issuing authority, below the title: a
/// position ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"), or the issuing body `org` of the
/// header or a shortening of it ("ỦY BAN NHÂN DÂN TỈNH"), or, without a header
/// body, a known kind of issuer.
pub(super) fn is_authority(line: &str, org: Option<&str>) -> bool {
    if !is_upper(line) {
        return false;
    }
    let folded = fold(line);
    if POSITIONS.iter().any(|p| starts_with_words(&folded, p)) {
        return true;
    }
    match org.map(fold) {
        Some(org) => starts_with_words(&org, &folded) || starts_with_words(&folded, &org),
        None => ISSUERS.iter().any(|p| starts_with_words(&folded, p)),
    }
}

/// "Nơi nhận:": the list of recipients opens the signature block.
pub(super) fn is_recipients(line: &str) -> bool {
    starts_with_words(&fold(line).replace(':', " "), "noi nhan")
}

/// "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL. BỘ TRƯỞNG": signing on behalf.
pub(super) fn is_signing_mark(line: &str) -> bool {
    [
        "TM.", "KT.", "TL.", "TUQ.", "Q.", "PP.", "T/M", "K/T", "T.M.", "K.T.",
    ]
    .iter()
    .any(|mark| {
        line.strip_prefix(mark).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.chars().next().is_some_and(char::is_uppercase) && is_upper(rest)
        })
    })
}

/// An upper-case line that is only a signer's position ("PHÓ CHỦ TỊCH",
/// "CHỦ TỊCH QUỐC HỘI", "BỘ TRƯỞNG").
pub(super) fn is_signer_title(line: &str) -> bool {
    if !is_upper(line) || line.split(' ').count() > 12 {
        return false;
    }
    let folded = fold(line);
    POSITIONS.iter().any(|p| starts_with_words(&folded, p))
}

/// The closing formula of a law or resolution ("Luật này được Quốc hội ... thông
/// qua ngày ..."), when it stands alone after the last article.
pub(super) fn is_adoption_formula(line: &str) -> bool {
    is_adoption_sentence(line) && !fold(line).contains("hieu luc")
}

/// "Luật này được Quốc hội ... thông qua ...", "Nghị quyết này đã được Hội đồng
/// nhân dân ... thông qua ngày ... và có hiệu lực ...".
fn is_adoption_sentence(line: &str) -> bool {
    let folded = fold(line);
    [
        "luat nay",
        "bo luat nay",
        "nghi quyet nay",
        "phap lenh nay",
        "hien phap nay",
    ]
    .iter()
    .any(|p| starts_with_words(&folded, p))
        && folded.contains("thong qua")
}

/// From an adoption formula, the term and session: "khóa XV, kỳ họp thứ 9".
pub(super) fn adoption_session(line: &str) -> Option<String> {
    if !is_adoption_sentence(line) {
        return None;
    }
    session_in(line)
}

/// The term and session named in a line ("KHÓA XIII, KỲ HỌP THỨ 11", "... khóa
/// XV, Kỳ họp thứ 9 ..."): "khóa XIII, kỳ họp thứ 11".
pub(super) fn session_in(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split(' ').collect();
    let folded_words: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let clean = |w: &str| w.trim_matches([',', '.', ';', '(', ')']).to_string();
    let term_at = folded_words.iter().position(|w| w == "khoa")?;
    let term = clean(words.get(term_at + 1)?);
    let session_at = folded_words
        .windows(3)
        .position(|w| w[0] == "ky" && w[1] == "hop" && w[2] == "thu")?;
    let session = clean(words.get(session_at + 3)?);
    (!term.is_empty() && !session.is_empty()).then(|| format!("khóa {term}, kỳ họp thứ {session}"))
}
