//! The legal-text parser on arbitrary input, as an import of a hostile file
//! would give it. The properties are those of the proptests in
//! `src/domain/legal_text/tests/props.rs`: `parse` never panics; every anchor
//! is a non-empty lower-case ASCII path, unique in the document, under its
//! parent's, and resolves to its own provision; CRLF line endings parse like
//! LF ones.
#![no_main]

use std::collections::HashSet;

use gopy::domain::legal_text::{Document, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Bytes, not `&str`: libFuzzer's mutations of Vietnamese text are often
    // not UTF-8, and a lossy decoding still makes a text worth parsing.
    let text = String::from_utf8_lossy(data);
    let doc = parse(&text);
    if let Some(violation) = invariant_violation(&doc) {
        panic!("{violation}");
    }
    // The proptest checks this on shuffled legal lines; it holds for any
    // input, since `\r` and `\n` both end a line and blank lines are dropped.
    let crlf = parse(&text.replace('\n', "\r\n"));
    assert!(crlf == doc, "CRLF line endings parse differently from LF");
});

/// What must hold for any input (the same checks as the unit tests'
/// `invariant_violation`, which is private to the crate's tests).
fn invariant_violation(doc: &Document) -> Option<String> {
    let mut seen = HashSet::new();
    for provision in doc.all_provisions() {
        let anchor = &provision.anchor;
        if !seen.insert(anchor.as_str()) {
            return Some(format!("duplicate anchor {anchor}"));
        }
        let ascii = anchor
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'/');
        if anchor.is_empty() || !ascii {
            return Some(format!("malformed anchor {anchor:?}"));
        }
        if let Some(child) = provision
            .children
            .iter()
            .find(|c| !c.anchor.starts_with(&format!("{anchor}/")))
        {
            return Some(format!("{} is not under {anchor}", child.anchor));
        }
        if doc.resolve(anchor).map(|p| &p.anchor) != Some(anchor) {
            return Some(format!("{anchor} does not resolve to itself"));
        }
    }
    None
}
