//! The legal-text parser on arbitrary input, as an import of a hostile file
//! would give it. The properties are those of the proptests in
//! `src/domain/legal_text/tests/props.rs`: `parse` never panics; every anchor
//! is a non-empty lower-case ASCII path, unique in the document, under its
//! parent's, and resolves to its own provision; CRLF line endings parse like
//! LF ones.
#![no_main]

use gopy::domain::legal_text::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Bytes, not `&str`: libFuzzer's mutations of Vietnamese text are often
    // not UTF-8, and a lossy decoding still makes a text worth parsing.
    let text = String::from_utf8_lossy(data);
    let doc = parse(&text);
    if let Some(violation) = doc.anchor_problem() {
        panic!("{violation}");
    }
    // The proptest checks this on shuffled legal lines; it holds for any
    // input, since `\r` and `\n` both end a line and blank lines are dropped.
    let crlf = parse(&text.replace('\n', "\r\n"));
    assert!(crlf == doc, "CRLF line endings parse differently from LF");
});
