//! The legal-text parser on arbitrary UTF-8: it must not panic, and the
//! anchors of what it returns must be unique and resolve to their provision.
#![no_main]

use std::collections::HashSet;

use gopy::domain::legal_text::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let doc = parse(text);
    let mut seen = HashSet::new();
    for provision in doc.all_provisions() {
        assert!(
            seen.insert(&provision.anchor),
            "duplicate {}",
            provision.anchor
        );
        let resolved = doc.resolve(&provision.anchor).map(|p| &p.anchor);
        assert_eq!(resolved, Some(&provision.anchor));
    }
});
