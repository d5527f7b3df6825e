//! One-shot notices after a redirect ("Your password was changed"): a cookie
//! holding a translation key, shown by the next page and then cleared.

use actix_web::cookie::Cookie;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};

use crate::i18n::Lang;

/// Name of the cookie.
pub const COOKIE: &str = "gopy_flash";

/// A 303 redirect to `location`, optionally carrying a notice (a key starting with `flash-`).
pub fn redirect(location: &str, notice: Option<&'static str>) -> HttpResponse {
    let mut response = HttpResponse::SeeOther();
    response.insert_header((header::LOCATION, location.to_string()));
    if let Some(key) = notice {
        response.cookie(
            Cookie::build(COOKIE, key)
                .path("/")
                .http_only(true)
                .finish(),
        );
    }
    response.finish()
}

/// The notice waiting for this request, translated; only known `flash-` keys count.
pub fn take(req: &HttpRequest, lang: Lang) -> Option<String> {
    let key = req.cookie(COOKIE)?.value().to_string();
    (key.starts_with("flash-") && lang.has(&key)).then(|| lang.text(&key))
}

/// A path safe to redirect to after sign-in: local, not protocol-relative.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.starts_with("/\\") => {
            p.to_string()
        }
        _ => "/account".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/drafts/1")), "/drafts/1");
        assert_eq!(safe_next(Some("//evil.example")), "/account");
        assert_eq!(safe_next(Some("/\\evil.example")), "/account");
        assert_eq!(safe_next(Some("https://evil.example")), "/account");
        assert_eq!(safe_next(None), "/account");
    }
}
