//! Languages and translations. Vietnamese is the default; `?lang=en` or the
//! `lang` cookie switch to English. Every user-facing string lives in
//! `locales/{vi,en}/*.ftl`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "vi",
        // Bidi isolation marks would end up in HTML attributes and e-mails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Name of the cookie that remembers the language.
pub const LANG_COOKIE: &str = "lang";
/// Name of the query parameter that switches the language.
pub const LANG_PARAM: &str = "lang";

/// A language the interface is available in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Every language, default first.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The BCP 47 code (`vi`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Parses a code; anything but `vi` or `en` (any case, region ignored) is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a switch link offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    /// The language asked for in the query string, if any (and valid).
    pub fn from_query(req: &HttpRequest) -> Option<Lang> {
        url::form_urlencoded::parse(req.query_string().as_bytes())
            .find(|(k, _)| k == LANG_PARAM)
            .and_then(|(_, v)| Lang::from_code(&v))
    }

    /// The request's language: the query parameter, else the cookie, else Vietnamese.
    pub fn of(req: &HttpRequest) -> Lang {
        Lang::from_query(req)
            .or_else(|| {
                req.cookie(LANG_COOKIE)
                    .and_then(|c| Lang::from_code(c.value()))
            })
            .unwrap_or_default()
    }

    fn id(self) -> LanguageIdentifier {
        self.code().parse().expect("static language code")
    }

    /// The translation of `key`; logs and returns the key when it is missing.
    pub fn text(self, key: &str) -> String {
        self.text_with(key, &HashMap::new())
    }

    /// The translation of `key` with `{ $name }` arguments filled in.
    pub fn text_with(
        self,
        key: &str,
        args: &HashMap<Cow<'static, str>, FluentValue<'_>>,
    ) -> String {
        let args = (!args.is_empty()).then_some(args);
        match LOCALES.try_lookup_complete(&self.id(), key, args) {
            Some(text) => text,
            None => {
                tracing::warn!(key, lang = self.code(), "missing translation");
                key.to_string()
            }
        }
    }

    /// True when `key` is translated into this language (not through the
    /// fallback); a message that needs arguments counts as present.
    pub fn has(self, key: &str) -> bool {
        match LOCALES.lookup_single_language::<&str>(&self.id(), key, None) {
            Ok(_) => true,
            // The crate doesn't export `LookupError`; only a formatting error
            // (a missing argument) means the message exists.
            Err(e) => format!("{e:?}").starts_with("FluentError"),
        }
    }
}

impl FromRequest for Lang {
    type Error = std::convert::Infallible;
    type Future = Ready<Result<Lang, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Lang::of(req)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(lang: &str) -> BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                let Some((key, _)) = line.split_once('=') else {
                    continue;
                };
                let key = key.trim_end();
                if key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                    && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                {
                    keys.insert(key.to_string());
                }
            }
        }
        keys
    }

    #[test]
    fn vietnamese_and_english_have_the_same_keys() {
        let vi = keys("vi");
        let en = keys("en");
        assert!(vi.len() > 10, "found only {} keys", vi.len());
        let only_vi: Vec<_> = vi.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&vi).collect();
        assert!(only_vi.is_empty(), "missing in en: {only_vi:?}");
        assert!(only_en.is_empty(), "missing in vi: {only_en:?}");
    }

    #[test]
    fn every_key_resolves_in_its_own_language() {
        for lang in Lang::ALL {
            for key in keys(lang.code()) {
                assert!(lang.has(&key), "{key} does not resolve in {}", lang.code());
            }
        }
    }

    #[test]
    fn every_error_kind_is_translated() {
        for lang in Lang::ALL {
            for kind in crate::error::ErrorKind::ALL {
                assert!(lang.has(&kind.title_key()), "{} {:?}", lang.code(), kind);
                assert!(lang.has(&kind.body_key()), "{} {:?}", lang.code(), kind);
            }
        }
    }

    #[test]
    fn codes_parse_leniently() {
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("vi-VN"), Some(Lang::Vi));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn arguments_are_filled_in_without_isolation_marks() {
        let mut args = HashMap::new();
        args.insert(Cow::Borrowed("id"), FluentValue::from("abc-123"));
        let text = Lang::En.text_with("error-request-id", &args);
        assert!(text.contains("abc-123"), "{text}");
        assert!(!text.contains('\u{2068}'), "{text:?}");
    }
}
