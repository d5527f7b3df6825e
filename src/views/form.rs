//! What a form page needs: the CSRF token, the values typed, and per-field
//! errors in the user's language.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::Invalid;
use crate::i18n::Lang;

/// Errors by field name, translated; `summary` lists them for the alert box.
#[derive(Debug, Default, Serialize)]
pub struct FormErrors {
    pub fields: BTreeMap<&'static str, String>,
}

impl FormErrors {
    /// Records `invalid` (the first error of a field wins).
    pub fn add(&mut self, lang: Lang, invalid: &Invalid) {
        self.fields
            .entry(invalid.field)
            .or_insert_with(|| invalid.message.text(lang));
    }

    /// Records an error for `field` by translation key.
    pub fn add_key(&mut self, lang: Lang, field: &'static str, key: &'static str) {
        self.add(lang, &Invalid::new(field, key));
    }

    /// Records an error for `field` with a message that has arguments.
    pub fn add_message(&mut self, lang: Lang, field: &'static str, message: crate::error::Message) {
        self.add(lang, &Invalid { field, message });
    }

    /// Keeps the value of a parse, recording its error.
    pub fn check<T>(&mut self, lang: Lang, result: Result<T, Invalid>) -> Option<T> {
        result.map_err(|e| self.add(lang, &e)).ok()
    }

    /// True when nothing failed.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}
