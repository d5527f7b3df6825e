//! The document header (issuing body, number, place and date, type, title,
//! preamble) read line by line into [`Metadata`].

use super::Metadata;
use super::lines::is_upper;
use super::markers::{
    POSITIONS, doc_type, document_number, enacting, is_authority, is_motto, is_separator,
    national_name_at, place_and_date, session_in, starts_preamble, starts_with_words,
};
use crate::domain::text::fold;

/// Where in the header the next line is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Stage {
    /// Issuing body, motto, number, place and date.
    #[default]
    BeforeType,
    /// Title lines after the document type, possibly ending in the authority line.
    Title,
    /// "Căn cứ ..." and the rest of the preamble.
    Preamble,
}

/// Collects header lines; [`HeaderBuilder::finish`] turns them into metadata.
#[derive(Debug, Default)]
pub(super) struct HeaderBuilder {
    stage: Stage,
    orgs: Vec<String>,
    number: Option<String>,
    place: Option<String>,
    date: Option<String>,
    doc_type: Option<String>,
    title: Vec<String>,
    authority: Option<String>,
    /// The term and session of an assembly under its name ("KHÓA XIII, KỲ HỌP THỨ 11").
    session: Option<String>,
    bases: Vec<String>,
    /// Mixed-case lines before any document type ("Dự thảo lần 2").
    loose: Vec<String>,
}

impl HeaderBuilder {
    /// Takes one header line; true when it was the enacting line ("QUYẾT
    /// ĐỊNH:", "QUYẾT NGHỊ:") that ends the header.
    pub(super) fn push(&mut self, line: &str) -> bool {
        if is_separator(line) || (self.stage == Stage::BeforeType && is_motto(line)) {
            return false;
        }
        if let Some(at) = national_name_at(line).filter(|_| self.stage == Stage::BeforeType) {
            let glued = line[..at].trim();
            if is_upper(glued) {
                self.org(glued);
            }
            return false;
        }
        if self.stage == Stage::BeforeType {
            if self.number.is_none() {
                if let Some((number, rest)) = document_number(line) {
                    self.number = Some(number);
                    self.take_place_and_date(&rest);
                    return false;
                }
            }
            if self.place.is_none() && self.date.is_none() && self.take_place_and_date(line) {
                return false;
            }
        }
        match self.stage {
            Stage::BeforeType => {
                if let Some((kind, title)) = doc_type(line) {
                    if enacting(line) == Some(true) && self.orgs.is_empty() && self.number.is_none()
                    {
                        // A bare "QUYẾT ĐỊNH:" with nothing before it.
                        return true;
                    }
                    self.doc_type = Some(kind);
                    if !title.is_empty() {
                        self.title.push(title);
                    }
                    self.stage = Stage::Title;
                } else if enacting(line) == Some(true) {
                    return true;
                } else if is_upper(line) && !starts_with_words(&fold(line), "du thao") {
                    self.org(line);
                } else {
                    self.loose.push(line.to_string());
                }
            }
            Stage::Title => {
                if enacting(line).is_some() {
                    self.close_title();
                    return true;
                }
                let upper_title = self.title.first().is_some_and(|t| is_upper(t));
                if starts_preamble(line) || (upper_title && !is_upper(line)) {
                    self.close_title();
                    self.stage = Stage::Preamble;
                    self.bases.push(line.to_string());
                } else {
                    self.title.push(line.to_string());
                }
            }
            Stage::Preamble => {
                if enacting(line).is_some() {
                    return true;
                }
                self.bases.push(line.to_string());
            }
        }
        false
    }

    /// Adds a preamble line found after the header ended (text before the
    /// first provision).
    pub(super) fn push_preamble(&mut self, line: &str) {
        self.bases.push(line.to_string());
    }

    fn take_place_and_date(&mut self, line: &str) -> bool {
        match place_and_date(line) {
            Some((place, date)) => {
                self.place = place;
                self.date = date;
                true
            }
            None => false,
        }
    }

    /// An issuing-body line; "TỈNH GIA LAI" under "ỦY BAN NHÂN DÂN" continues
    /// it, any other line names a body under the previous one.
    fn org(&mut self, line: &str) {
        let folded = fold(line);
        let continues = [
            "tinh",
            "thanh pho",
            "huyen",
            "quan",
            "xa",
            "phuong",
            "thi xa",
            "thi tran",
        ]
        .iter()
        .any(|w| starts_with_words(&folded, w));
        match self.orgs.last_mut() {
            Some(last) if continues => {
                last.push(' ');
                last.push_str(line);
            }
            _ => self.orgs.push(line.to_string()),
        }
    }

    /// The last title line may name the issuing authority
    /// ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH") rather than continue the title.
    fn close_title(&mut self) {
        if self.authority.is_some() {
            return;
        }
        let session_line = self
            .title
            .last()
            .filter(|l| is_upper(l) && starts_with_words(&fold(l), "khoa"));
        if let Some(session) = session_line.and_then(|l| session_in(l)) {
            self.session = Some(session);
            self.title.pop();
        }
        let org = self.orgs.last().map(String::as_str);
        if self.title.last().is_some_and(|l| is_authority(l, org)) {
            self.authority = self.title.pop();
        }
    }

    /// The metadata, with the signature block and the term and session of the
    /// adopting assembly ("khóa XV, kỳ họp thứ 9") when the text gives them.
    pub(super) fn finish(mut self, signature: Vec<String>, session: Option<String>) -> Metadata {
        self.close_title();
        let mut bases = self.bases;
        if self.doc_type.is_none() {
            bases.splice(0..0, self.loose);
        }
        let mut issuing_body = issuing_body(self.orgs.last(), self.authority.as_deref());
        if let (Some(body), Some(session)) = (issuing_body.as_mut(), self.session.or(session)) {
            if !fold(body).contains("khoa ") {
                body.push_str(&format!(" ({session})"));
            }
        }
        Metadata {
            number: self.number,
            issuing_body,
            place: self.place,
            date: self.date,
            doc_type: self.doc_type,
            title: (!self.title.is_empty()).then(|| self.title.join(" ")),
            bases,
            signature,
        }
    }
}

/// Combines the header's body with the authority line under the title:
/// "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH" + "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" →
/// "Chủ tịch Ủy ban nhân dân tỉnh Bình Định".
fn issuing_body(org: Option<&String>, authority: Option<&str>) -> Option<String> {
    let raw = match (org, authority) {
        (Some(org), Some(authority)) => combine(org, authority),
        (Some(org), None) => org.clone(),
        (None, Some(authority)) => authority.to_string(),
        (None, None) => return None,
    };
    let pretty = pretty_body(&raw);
    (!pretty.is_empty()).then_some(pretty)
}

fn combine(org: &str, authority: &str) -> String {
    let (fa, fo) = (fold(authority), fold(org));
    let Some(position) = POSITIONS.iter().find(|p| starts_with_words(&fa, p)) else {
        // "ỦY BAN NHÂN DÂN TỈNH" shortens the header's name; keep the longer.
        return if starts_with_words(&fa, &fo) {
            authority.to_string()
        } else {
            org.to_string()
        };
    };
    let words: Vec<&str> = authority.split(' ').collect();
    let cut = position.split(' ').count().min(words.len());
    let (title, rest) = (words[..cut].join(" "), words[cut..].join(" "));
    let fr = fold(&rest);
    if fr.is_empty() || starts_with_words(&fo, &fr) {
        format!("{title} {org}")
    } else {
        authority.to_string()
    }
}

/// Sentence case for an upper-case name: "UỶ BAN NHÂN DÂN TỈNH GIA LAI" →
/// "Ủy ban nhân dân tỉnh Gia Lai". Capitalised: the first word, the body after a
/// position ("Chủ tịch Ủy ban ..."), the word after "Bộ"/"Sở" ("Bộ Tài chính"),
/// "Quốc hội", "Chính phủ" and place names after "... nhân dân tỉnh/huyện/...".
/// Tone marks move to the traditional place ("uỷ" → "ủy", "hoà" → "hòa").
pub(super) fn pretty_body(raw: &str) -> String {
    let mut words: Vec<String> = raw
        .split_whitespace()
        .flat_map(|w| match fold(w).as_str() {
            "ubnd" => vec!["ủy", "ban", "nhân", "dân"],
            "hdnd" => vec!["hội", "đồng", "nhân", "dân"],
            _ => vec![w],
        })
        .map(|w| traditional_tone(&w.to_lowercase()))
        .collect();
    if words.is_empty() {
        return String::new();
    }
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let joined = folded.join(" ");
    let body_at = POSITIONS
        .iter()
        .find(|p| starts_with_words(&joined, p))
        .map_or(0, |p| p.split(' ').count());
    let mut capital = vec![false; words.len()];
    capital[0] = true;
    if body_at < words.len() {
        capital[body_at] = true;
    }
    for i in 0..words.len() {
        let next = folded.get(i + 1).map(String::as_str);
        match (folded[i].as_str(), next) {
            ("bo" | "so", Some(_)) if i == body_at => capital[i + 1] = true,
            ("quoc", Some("hoi")) | ("chinh", Some("phu")) => capital[i] = true,
            _ => {}
        }
        let place_level = match (folded[i].as_str(), next) {
            ("tinh" | "huyen" | "quan" | "xa" | "phuong", _) => Some(1),
            ("thanh", Some("pho")) | ("thi", Some("xa" | "tran")) => Some(2),
            _ => None,
        };
        if let Some(len) = place_level {
            if i > 0 && folded[i - 1] == "dan" {
                capital[i + len..].iter_mut().for_each(|c| *c = true);
                break;
            }
        }
    }
    for (word, capital) in words.iter_mut().zip(capital) {
        if capital {
            *word = capitalise(word);
        }
    }
    words.join(" ")
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Moves the tone mark of a final "oa", "oe" or "uy" to the first vowel, the
/// spelling official names use: "hoà" → "hòa", "uỷ" → "ủy" (not after "q":
/// "quý" stays).
fn traditional_tone(word: &str) -> String {
    const A: [char; 5] = ['à', 'á', 'ả', 'ã', 'ạ'];
    const E: [char; 5] = ['è', 'é', 'ẻ', 'ẽ', 'ẹ'];
    const O: [char; 5] = ['ò', 'ó', 'ỏ', 'õ', 'ọ'];
    const U: [char; 5] = ['ù', 'ú', 'ủ', 'ũ', 'ụ'];
    const Y: [char; 5] = ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'];
    let mut chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 2 || (n >= 3 && chars[n - 3] == 'q') {
        return word.to_string();
    }
    let (first, last) = (chars[n - 2], chars[n - 1]);
    let tone = |set: &[char; 5]| set.iter().position(|c| *c == last);
    let moved = match first {
        'o' => tone(&A)
            .map(|t| (O[t], 'a'))
            .or_else(|| tone(&E).map(|t| (O[t], 'e'))),
        'u' => tone(&Y).map(|t| (U[t], 'y')),
        _ => None,
    };
    match moved {
        Some((new_first, new_last)) => {
            chars[n - 2] = new_first;
            chars[n - 1] = new_last;
            chars.into_iter().collect()
        }
        None => word.to_string(),
    }
}
