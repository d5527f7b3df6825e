//! Line-level work: normalising raw input and following quotation marks
//! across paragraphs.

use unicode_normalization::UnicodeNormalization;

/// One normalised, non-empty line of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line {
    /// The paragraph, NFC, trimmed, with runs of white space collapsed to one space.
    pub text: String,
    /// True when the line is quoted from another text (amended wording): it
    /// starts inside an open quotation or opens one itself. Quoted lines are
    /// content of the provision that quotes them, never labels or markers.
    pub quoted: bool,
}

/// Splits raw input into NFC lines: any line ending, non-breaking spaces and
/// tabs become plain spaces, zero-width characters go, blank lines are dropped.
pub(super) fn normalise(input: &str) -> Vec<Line> {
    let nfc: String = input.nfc().collect();
    let texts: Vec<String> = nfc
        .split([
            '\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}',
        ])
        .map(clean_line)
        .filter(|line| !line.is_empty())
        .collect();
    mark_quotes(texts)
}

fn clean_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        // Byte-order marks, zero-width spaces and soft hyphens are invisible in
        // the published text and only break matching.
        if matches!(
            c,
            '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{AD}'
        ) {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// How many times an unclosed quotation may be discarded and the scan redone
/// before quotation tracking gives up for the rest of the text; keeps the scan
/// linear on hostile input.
const MAX_RESCANS: usize = 64;

/// Marks the lines that lie inside quotation marks. A quotation opened on one
/// paragraph runs through its continuation paragraphs to the closing mark. A
/// quotation that never closes is a stray mark: it is ignored and the scan
/// redone, so one typo cannot swallow the rest of the document.
fn mark_quotes(texts: Vec<String>) -> Vec<Line> {
    let n = texts.len();
    let mut inside = vec![false; n];
    let mut ignored = vec![false; n];
    let mut start = 0;
    let mut rescans = 0;
    loop {
        let mut depth = 0usize;
        let mut opened_at = None;
        for i in start..n {
            inside[i] = depth > 0;
            let before = depth;
            if !ignored[i] {
                depth = apply_quotes(&texts[i], depth);
            }
            if before == 0 && depth > 0 {
                opened_at = Some(i);
            }
        }
        match opened_at {
            Some(open) if depth > 0 && rescans < MAX_RESCANS => {
                ignored[open] = true;
                start = open;
                rescans += 1;
            }
            Some(open) if depth > 0 => {
                inside[open + 1..].iter_mut().for_each(|flag| *flag = false);
                break;
            }
            _ => break,
        }
    }
    texts
        .into_iter()
        .zip(inside)
        .map(|(text, inside)| {
            let quoted = inside || text.starts_with(['"', '“', '«', '„']);
            Line { text, quoted }
        })
        .collect()
}

/// Characters after which a straight quote closes a quotation.
const CLOSE_FOLLOWERS: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', ']', '}', '…', '”', '»', '\'',
];
/// Characters before which a straight quote opens a quotation.
const OPEN_PRECEDERS: &[char] = &['(', '[', '{', ':', ';', ',', '-', '–', '—', '/', '“', '«'];

/// Applies the quotation marks of one line to the nesting `depth`. Curly quotes
/// say which way they go; a straight quote opens before a word and closes after
/// one (or before punctuation).
fn apply_quotes(line: &str, mut depth: usize) -> usize {
    let mut prev: Option<char> = None;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '“' | '«' | '„' => depth = depth.saturating_add(1),
            '”' | '»' => depth = depth.saturating_sub(1),
            '"' => {
                let next = chars.peek().copied();
                let closes = next.is_none_or(|n| n.is_whitespace() || CLOSE_FOLLOWERS.contains(&n));
                let opens = prev.is_none_or(|p| p.is_whitespace() || OPEN_PRECEDERS.contains(&p));
                match (opens, closes) {
                    (true, false) => depth = depth.saturating_add(1),
                    (false, true) => depth = depth.saturating_sub(1),
                    (true, true) if depth > 0 => depth -= 1,
                    (true, true) => depth = 1,
                    // Between two letters: not a quotation mark we can place.
                    (false, false) => {}
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    depth
}

/// A table row of an annex ("| 1 | Trường ... | 3.000 |"): always text.
pub(super) fn is_table_row(line: &str) -> bool {
    line.starts_with('|')
}

/// True when the line has letters and none of them is lower-case.
pub(super) fn is_upper(line: &str) -> bool {
    line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase)
}
