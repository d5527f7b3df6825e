//! Provision labels at the start of a line ("Phần thứ nhất", "Chương II",
//! "Điều 5a.", "2a.", "đ)") and the numbers in them.

use super::Kind;

/// A provision label found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Label {
    /// What the label opens.
    pub kind: Kind,
    /// The number as written: "II", "thứ nhất", "5a", "đ", "a1".
    pub number: String,
    /// The rest of the line after the label and its separator.
    pub rest: String,
}

/// Recognises a provision label at the start of a (non-quoted) line.
pub(super) fn label(line: &str) -> Option<Label> {
    heading(line, "tiểu mục", Kind::Subsection)
        .or_else(|| heading(line, "phần", Kind::Part))
        .or_else(|| heading(line, "chương", Kind::Chapter))
        .or_else(|| heading(line, "mục", Kind::Section))
        .or_else(|| article(line))
        .or_else(|| clause(line))
        .or_else(|| point(line))
}

/// If `line` starts with the words of `keyword` (in any letter case) and then a
/// space, the text after that space.
pub(super) fn after_keyword<'a>(line: &'a str, keyword: &str) -> Option<&'a str> {
    let mut chars = line.char_indices();
    for k in keyword.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(k.to_lowercase()) {
            return None;
        }
    }
    match chars.next() {
        Some((i, ' ')) => Some(&line[i + 1..]),
        _ => None,
    }
}

/// "Phần thứ nhất", "Chương II", "MỤC 1. ...", "Tiểu mục 2": the number, then
/// nothing, a separator and a title, or an upper-case title.
fn heading(line: &str, keyword: &str, kind: Kind) -> Option<Label> {
    let rest = after_keyword(line, keyword)?;
    let (number, after) = if kind == Kind::Part {
        ordinal(rest).or_else(|| numeral(rest))?
    } else {
        numeral(rest)?
    };
    let title = heading_rest(after)?;
    Some(Label {
        kind,
        number: number.to_string(),
        rest: title,
    })
}

/// What may follow a heading number; None when the line reads as a sentence
/// ("Chương II của Luật này ...") rather than a heading.
fn heading_rest(after: &str) -> Option<String> {
    let trimmed = after.trim_start();
    if trimmed.is_empty() {
        return Some(String::new());
    }
    if let Some(rest) = trimmed.strip_prefix(['.', ':', '-', '–', '—']) {
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        return Some(rest.trim().to_string());
    }
    let spaced = trimmed.len() != after.len();
    let capitalised = trimmed.chars().next().is_some_and(char::is_uppercase);
    (spaced && capitalised).then(|| trimmed.to_string())
}

/// Spelled-out numbers used in "Phần thứ ..." headings.
const NUMBER_WORDS: &[&str] = &[
    "nhất", "một", "mốt", "hai", "ba", "tư", "bốn", "năm", "lăm", "sáu", "bảy", "bẩy", "tám",
    "chín", "mười", "mươi",
];

/// "thứ nhất", "THỨ HAI", "thứ mười một" at the start of `rest`.
fn ordinal(rest: &str) -> Option<(&str, &str)> {
    let after = after_keyword(rest, "thứ")?;
    let mut end = 0;
    let mut pos = 0;
    for word in after.split(' ') {
        let bare = word.trim_end_matches(['.', ':', ',']);
        if !NUMBER_WORDS.contains(&bare.to_lowercase().as_str()) {
            break;
        }
        end = pos + bare.len();
        if bare.len() != word.len() {
            break;
        }
        pos += word.len() + 1;
    }
    if end == 0 {
        return None;
    }
    let consumed = rest.len() - after.len() + end;
    Some((&rest[..consumed], &rest[consumed..]))
}

/// The value of spelled-out ordinal words: "nhất" → 1, "hai mươi mốt" → 21.
pub(super) fn ordinal_value(words: &str) -> Option<u32> {
    let (mut tens, mut units) = (0u32, 0u32);
    for word in words.split_whitespace() {
        match word.to_lowercase().as_str() {
            "nhất" | "một" | "mốt" => units += 1,
            "hai" => units += 2,
            "ba" => units += 3,
            "tư" | "bốn" => units += 4,
            "năm" | "lăm" => units += 5,
            "sáu" => units += 6,
            "bảy" | "bẩy" => units += 7,
            "tám" => units += 8,
            "chín" => units += 9,
            "mười" => tens += 10,
            "mươi" => {
                tens += units.max(1) * 10;
                units = 0;
            }
            _ => return None,
        }
    }
    let value = tens + units;
    (value > 0).then_some(value)
}

/// An arabic ("12", "5a") or upper-case Roman ("IV", "IIa") number at the start
/// of `rest`, ending at a non-alphanumeric character.
fn numeral(rest: &str) -> Option<(&str, &str)> {
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == 'đ'))
        .unwrap_or(rest.len());
    let token = &rest[..end];
    let body_end = token
        .find(|c: char| c.is_lowercase())
        .unwrap_or(token.len());
    let (body, suffix) = token.split_at(body_end);
    let arabic = (1..=4).contains(&body.len()) && body.bytes().all(|b| b.is_ascii_digit());
    let roman = !body.is_empty() && body.len() <= 8 && roman_value(body).is_some();
    let suffix_ok = suffix.chars().count() <= 2 && suffix.chars().all(char::is_lowercase);
    ((arabic || roman) && suffix_ok).then(|| (token, &rest[end..]))
}

/// The value of a canonical upper-case Roman numeral ("XIV" → 14).
pub(super) fn roman_value(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 15 {
        return None;
    }
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let values: Vec<u32> = text.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, value) in values.iter().enumerate() {
        match values.get(i + 1) {
            Some(next) if next > value => total -= *value as i64,
            _ => total += *value as i64,
        }
    }
    let total = u32::try_from(total).ok().filter(|t| *t > 0)?;
    // Only canonical spellings count, so "IIII" or "VX" are not numerals.
    (to_roman(total) == text).then_some(total)
}

fn to_roman(mut value: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (n, s) in TABLE {
        while value >= *n {
            out.push_str(s);
            value -= n;
        }
    }
    out
}

/// "Điều 5.", "Điều 5a. Title", "ĐIỀU 12:", "Điều 8" alone.
fn article(line: &str) -> Option<Label> {
    let rest = after_keyword(line, "điều")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=4).contains(&digits) {
        return None;
    }
    let letters: usize = rest[digits..]
        .chars()
        .take_while(|c| c.is_ascii_alphabetic() || *c == 'đ')
        .map(char::len_utf8)
        .sum();
    if rest[digits..digits + letters].chars().count() > 2 {
        return None;
    }
    let number = &rest[..digits + letters];
    let after = rest[digits + letters..].trim_start();
    let text = if after.is_empty() {
        ""
    } else {
        let text = after.strip_prefix(['.', ':', '-', '–', '—'])?;
        // "Điều 5.1" is a sub-numbered paragraph, not an article.
        if text.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        text.trim()
    };
    Some(Label {
        kind: Kind::Article,
        number: number.to_string(),
        rest: text.to_string(),
    })
}

/// "1. ...", "2a. ...": up to three digits, an optional letter, a dot, then a
/// space or the end of the line ("1.500 triệu" is not a clause).
fn clause(line: &str) -> Option<Label> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let letter = line[digits..]
        .chars()
        .next()
        .filter(|c| c.is_ascii_lowercase() || *c == 'đ')
        .map_or(0, char::len_utf8);
    let number_end = digits + letter;
    let rest = line[number_end..].strip_prefix('.')?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some(Label {
        kind: Kind::Clause,
        number: line[..number_end].to_string(),
        rest: rest.trim().to_string(),
    })
}

/// The Vietnamese alphabet, in which points are lettered.
const POINT_LETTERS: &[char] = &[
    'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't',
    'u', 'ư', 'v', 'x', 'y',
];

/// "a) ...", "đ) ...", "a1) ...": a letter, up to two digits, ")".
fn point(line: &str) -> Option<Label> {
    let first = line.chars().next().filter(|c| POINT_LETTERS.contains(c))?;
    let letter = first.len_utf8();
    let digits = line[letter..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits > 2 {
        return None;
    }
    let number_end = letter + digits;
    let rest = line[number_end..].strip_prefix(')')?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some(Label {
        kind: Kind::Point,
        number: line[..number_end].to_string(),
        rest: rest.trim().to_string(),
    })
}
