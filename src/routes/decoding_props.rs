//! Properties of form decoding and input parsing on arbitrary bytes: nothing
//! panics, and whatever is accepted keeps the bounds its type promises.

use proptest::prelude::*;

use crate::domain::comment::CommentBody;
use crate::domain::thread;
use crate::domain::{DisplayName, Email};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_decode_into_the_forms_or_fail_cleanly(body in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = serde_urlencoded::from_bytes::<super::threads::ThreadForm>(&body);
        let _ = serde_urlencoded::from_bytes::<super::comments::CommentForm>(&body);
        let _ = serde_urlencoded::from_bytes::<std::collections::HashMap<String, String>>(&body);
    }

    #[test]
    fn form_shaped_input_keeps_its_fields(title in "[\\PC]{0,300}", body in "[\\PC\n]{0,500}") {
        let encoded = serde_urlencoded::to_string([("kind", "feedback"), ("title", title.as_str()), ("body", body.as_str())]).unwrap();
        let form: super::threads::ThreadForm = serde_urlencoded::from_str(&encoded).unwrap();
        prop_assert_eq!(form.title, title);
        prop_assert_eq!(form.body, body);
    }

    #[test]
    fn accepted_texts_are_trimmed_and_within_their_bounds(raw in "[\\PC\n\r\t ]{0,600}") {
        if let Ok(t) = thread::title(&raw) {
            prop_assert_eq!(t.trim(), t.as_str());
            prop_assert!((5..=thread::MAX_TITLE).contains(&t.chars().count()));
        }
        if let Ok(t) = thread::text("body", &raw, 100, true) {
            prop_assert!(!t.is_empty() && t.chars().count() <= 100 && !t.contains("\r\n"));
        }
        if let Ok(body) = CommentBody::parse(&raw) {
            prop_assert!(!body.as_str().is_empty());
            prop_assert!(body.as_str().chars().count() <= CommentBody::MAX_CHARS);
        }
        if let Ok(phone) = thread::phone(&raw) {
            let digits = phone.chars().filter(char::is_ascii_digit).count();
            prop_assert!((8..=15).contains(&digits));
        }
        let _ = Email::parse(&raw);
        let _ = DisplayName::parse(&raw);
    }
}
