//! Building the provision tree from labelled lines, and giving every node a
//! full-path anchor that is unique in the document.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::labels::{Label, label, ordinal_value, roman_value};
use super::lines::{is_table_row, is_upper};
use super::{Kind, Provision};

/// The depth at which a provision of this kind sits: a new provision closes
/// every open one at its depth or deeper.
fn level(kind: Kind) -> u8 {
    match kind {
        Kind::Part | Kind::Annex => 0,
        Kind::Chapter => 1,
        Kind::Section => 2,
        Kind::Subsection => 3,
        Kind::Article => 4,
        Kind::Clause => 5,
        Kind::Point => 6,
    }
}

/// Whether the line after a heading is taken as its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PendingTitle {
    No,
    /// The heading had no title on its own line.
    First,
    /// The title so far is upper case; further upper-case lines continue it.
    More,
}

/// Builds one tree (the document's own, an attached regulation's, or the
/// annexes) from lines in document order.
#[derive(Debug)]
pub(super) struct TreeBuilder {
    roots: Vec<Provision>,
    open: Vec<(u8, Provision)>,
    pending: PendingTitle,
}

impl TreeBuilder {
    /// An empty tree.
    pub(super) fn new() -> Self {
        Self {
            roots: Vec::new(),
            open: Vec::new(),
            pending: PendingTitle::No,
        }
    }

    /// True when no provision has been opened yet.
    pub(super) fn is_empty(&self) -> bool {
        self.roots.is_empty() && self.open.is_empty()
    }

    /// Opens the provision a label starts.
    pub(super) fn open_label(&mut self, label: Label) {
        let segment = segment(label.kind, &label.number);
        let (title, text) = match label.kind {
            Kind::Part | Kind::Chapter | Kind::Section | Kind::Subsection => {
                (Some(label.rest).filter(|t| !t.is_empty()), String::new())
            }
            Kind::Article => article_heading(label.rest),
            _ => (None, label.rest),
        };
        let awaits_title = title.is_none() && level(label.kind) < level(Kind::Article);
        self.open(
            level(label.kind),
            label.kind,
            label.number,
            segment,
            title,
            text,
        );
        self.pending = if awaits_title {
            PendingTitle::First
        } else {
            PendingTitle::No
        };
    }

    /// Opens an annex (`form` = false, "PHỤ LỤC 01") or a form ("Mẫu số 01",
    /// nested in the annex before it).
    pub(super) fn open_annex(&mut self, form: bool, number: String, title: String) {
        let (keyword, level) = if form { ("mau-so", 1) } else { ("phu-luc", 0) };
        let slug = if form {
            slug(&number)
        } else {
            numeral_slug(&number)
        };
        let segment = join_segment(keyword, &slug);
        let title = Some(title).filter(|t| !t.is_empty());
        self.pending = if title.is_none() {
            PendingTitle::First
        } else {
            PendingTitle::No
        };
        self.open(level, Kind::Annex, number, segment, title, String::new());
    }

    fn open(
        &mut self,
        level: u8,
        kind: Kind,
        number: String,
        segment: String,
        title: Option<String>,
        text: String,
    ) {
        while self.open.last().is_some_and(|(l, _)| *l >= level) {
            self.close_top();
        }
        let node = Provision {
            kind,
            number,
            // The bare segment for now; `assign_anchors` prefixes the path.
            anchor: segment,
            title,
            text,
            children: Vec::new(),
        };
        self.open.push((level, node));
    }

    fn close_top(&mut self) {
        if let Some((_, node)) = self.open.pop() {
            match self.open.last_mut() {
                Some((_, parent)) => parent.children.push(node),
                None => self.roots.push(node),
            }
        }
    }

    /// Takes the line as the title of the heading just opened, when one is
    /// awaited: the first non-label line, then further upper-case lines.
    /// Annex titles must be upper case (a "(Kèm theo ...)" line is text).
    pub(super) fn take_title(&mut self, line: &str) -> bool {
        if self.pending == PendingTitle::No {
            return false;
        }
        let Some((_, node)) = self.open.last_mut() else {
            self.pending = PendingTitle::No;
            return false;
        };
        let annex = node.kind == Kind::Annex;
        let fits = !is_table_row(line)
            && label(line).is_none()
            && match self.pending {
                PendingTitle::First if !annex => true,
                _ => is_upper(line) && !line.starts_with('('),
            };
        if !fits {
            self.pending = PendingTitle::No;
            return false;
        }
        match node.title.as_mut() {
            Some(title) => {
                title.push(' ');
                title.push_str(line);
            }
            None => node.title = Some(line.to_string()),
        }
        self.pending = if is_upper(line) {
            PendingTitle::More
        } else {
            PendingTitle::No
        };
        true
    }

    /// Adds a text line to the deepest open provision; false when none is open.
    pub(super) fn text(&mut self, line: &str) -> bool {
        self.pending = PendingTitle::No;
        let Some((_, node)) = self.open.last_mut() else {
            return false;
        };
        if !node.text.is_empty() {
            node.text.push('\n');
        }
        node.text.push_str(line);
        true
    }

    /// The finished tree, anchored under `prefix` ("" or "quy-dinh").
    pub(super) fn finish(mut self, prefix: &str) -> Vec<Provision> {
        while !self.open.is_empty() {
            self.close_top();
        }
        assign_anchors(&mut self.roots, prefix);
        self.roots
    }
}

/// "Điều 1. Phạm vi điều chỉnh" has a title; "Điều 2. Quyết định này có hiệu
/// lực ... kể từ ngày ký." is the article's text. A sentence ends in
/// punctuation, a title does not.
fn article_heading(rest: String) -> (Option<String>, String) {
    if rest.is_empty() || rest.ends_with(['.', ';', ':', '!', '?', '…']) {
        (None, rest)
    } else {
        (Some(rest), String::new())
    }
}

/// Prefixes every node's segment with its parent's anchor and makes the
/// segments of siblings unique ("dieu-5", then "dieu-5-2" for a repeated one).
fn assign_anchors(nodes: &mut [Provision], prefix: &str) {
    let mut used = HashSet::new();
    for node in nodes {
        let base = std::mem::take(&mut node.anchor);
        let mut segment = base.clone();
        let mut n = 2;
        while used.contains(&segment) {
            segment = format!("{base}-{n}");
            n += 1;
        }
        used.insert(segment.clone());
        node.anchor = if prefix.is_empty() {
            segment
        } else {
            format!("{prefix}/{segment}")
        };
        let anchor = node.anchor.clone();
        assign_anchors(&mut node.children, &anchor);
    }
}

/// The anchor segment of a provision: "phan-1", "chuong-2", "muc-1",
/// "tieu-muc-1", "dieu-5a", "khoan-2a", "diem-dd".
fn segment(kind: Kind, number: &str) -> String {
    let (keyword, slug) = match kind {
        Kind::Part => ("phan", part_slug(number)),
        Kind::Chapter => ("chuong", numeral_slug(number)),
        Kind::Section => ("muc", numeral_slug(number)),
        Kind::Subsection => ("tieu-muc", numeral_slug(number)),
        Kind::Article => ("dieu", slug(number)),
        Kind::Clause => ("khoan", slug(number)),
        Kind::Point => ("diem", slug(number)),
        Kind::Annex => ("phu-luc", numeral_slug(number)),
    };
    join_segment(keyword, &slug)
}

fn join_segment(keyword: &str, slug: &str) -> String {
    if slug.is_empty() {
        keyword.to_string()
    } else {
        format!("{keyword}-{slug}")
    }
}

/// "thứ nhất" → "1", "II" → "2", "3" → "3".
fn part_slug(number: &str) -> String {
    let words = number
        .split_once(' ')
        .filter(|(first, _)| first.to_lowercase() == "thứ")
        .map(|(_, rest)| rest);
    match words.and_then(ordinal_value) {
        Some(value) => value.to_string(),
        None => numeral_slug(number),
    }
}

/// Roman numerals become arabic ("IIa" → "2a"); anything else is slugged.
fn numeral_slug(number: &str) -> String {
    let body_end = number
        .find(|c: char| !c.is_ascii_uppercase())
        .unwrap_or(number.len());
    let (body, suffix) = number.split_at(body_end);
    match roman_value(body) {
        Some(value) => format!("{value}{}", slug(suffix)),
        None => slug(number),
    }
}

/// Lower-case ASCII letters and digits, đ → "dd", ư → "uw" (so "đ" and "d", "ư"
/// and "u" stay apart), other diacritics dropped, anything else a hyphen.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'đ' => out.push_str("dd"),
            'ư' => out.push_str("uw"),
            c => {
                for base in std::iter::once(c).nfd().filter(|c| !is_combining_mark(*c)) {
                    if base.is_ascii_alphanumeric() {
                        out.push(base);
                    } else if !out.is_empty() && !out.ends_with('-') {
                        out.push('-');
                    }
                }
            }
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}
