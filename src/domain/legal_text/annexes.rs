//! Recognisers for what may follow the signature block: annex and form
//! headings, and the title of a regulation issued with the document.

use super::labels::{after_keyword, roman_value};
use super::lines::is_upper;
use super::markers::starts_with_words;
use crate::domain::text::fold;

/// A heading that opens an annex or a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct AnnexHeading {
    /// True for a form ("Mẫu số 01"), false for an annex ("PHỤ LỤC 01").
    pub form: bool,
    /// The number as written, possibly empty ("PHỤ LỤC" alone).
    pub number: String,
    /// The title on the same line, possibly empty.
    pub title: String,
}

/// "PHỤ LỤC 01:", "PHỤ LỤC I. DANH MỤC ...", "Phụ lục số 2", "Mẫu số 01/TK".
/// Upper-case "PHỤ LỤC" may stand without a number; the mixed-case forms need a
/// number and nothing or a separator after it, so a sentence that starts with
/// "Phụ lục 01 kèm theo ..." is not a heading.
pub(super) fn annex_heading(line: &str) -> Option<AnnexHeading> {
    if let Some(rest) = after_keyword(line, "phụ lục").or_else(|| exact(line, "phụ lục")) {
        let upper = line.starts_with("PHỤ LỤC");
        let rest = after_keyword(rest, "số").unwrap_or(rest);
        let (number, after) = annex_number(rest, false);
        let title = annex_title(after, upper)?;
        if number.is_empty() && !upper {
            return None;
        }
        return Some(AnnexHeading {
            form: false,
            number,
            title,
        });
    }
    let rest = after_keyword(line, "mẫu số")?;
    let (number, after) = annex_number(rest, true);
    if number.is_empty() {
        return None;
    }
    let title = annex_title(after, is_upper(line))?;
    Some(AnnexHeading {
        form: true,
        number,
        title,
    })
}

fn exact<'a>(line: &'a str, keyword: &str) -> Option<&'a str> {
    (line.to_lowercase() == keyword).then_some("")
}

/// The number of an annex: a Roman or arabic number ("01", "IV", "2a"), or for
/// forms any code up to a space ("01/TK-SDDPNN").
fn annex_number(rest: &str, form: bool) -> (String, &str) {
    let end = if form {
        rest.find([' ', ':']).unwrap_or(rest.len())
    } else {
        rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .unwrap_or(rest.len())
    };
    let token = rest[..end].trim_end_matches(['.', ':', ',']);
    let valid = if form {
        token.chars().any(|c| c.is_ascii_digit())
    } else {
        let body = token.trim_end_matches(|c: char| c.is_ascii_lowercase());
        let arabic = token.chars().next().is_some_and(|c| c.is_ascii_digit())
            && token.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
        let roman = roman_value(body).is_some() && token.len() - body.len() <= 1;
        arabic || roman
    };
    if valid && !token.is_empty() {
        (token.to_string(), &rest[token.len()..])
    } else {
        (String::new(), rest)
    }
}

/// The title after an annex number: nothing, or a separator and a title, or
/// (when `loose`) any text.
fn annex_title(after: &str, loose: bool) -> Option<String> {
    let trimmed = after.trim_start();
    if trimmed.is_empty() {
        return Some(String::new());
    }
    if let Some(rest) = trimmed.strip_prefix(['.', ':', '-', '–', '—']) {
        return Some(rest.trim().to_string());
    }
    if trimmed.starts_with('(') || loose {
        return Some(trimmed.to_string());
    }
    None
}

/// Kinds of text issued with a decision, folded.
const ATTACHED_TYPES: &[&str] = &[
    "quy dinh",
    "quy che",
    "dieu le",
    "huong dan",
    "ke hoach",
    "chuong trinh",
    "de an",
    "noi quy",
    "quy trinh",
    "tieu chuan",
];

/// An upper-case line that names the kind of an attached text ("QUY ĐỊNH",
/// "QUY CHẾ VỀ ...").
pub(super) fn is_attached_type(line: &str) -> bool {
    if !is_upper(line) {
        return false;
    }
    let folded = fold(line);
    ATTACHED_TYPES.iter().any(|t| starts_with_words(&folded, t))
}

/// "(Ban hành kèm theo Quyết định số ...)".
pub(super) fn mentions_attachment(line: &str) -> bool {
    fold(line).contains("kem theo")
}
