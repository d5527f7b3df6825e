//! Form decoding on arbitrary request bodies. The input is the body of a POST:
//! multipart when it starts with `--boundary` and a line end, URL-encoded
//! otherwise; `{{csrf}}` in it stands for a valid CSRF token, so the seeds
//! get past the token check to the decoding behind it.
//!
//! It drives what the proptests in `src/routes/decoding_props.rs` drive
//! (`serde_urlencoded` into the thread and comment forms, the field rules of
//! `domain`) and, beyond them, the extractors the handlers take
//! (`ThreadSubmission`, `CommentSubmission`: origin and CSRF checks, the
//! multipart limits of `startup`, empty file fields dropped). Properties:
//! nothing panics; a refused body is a 4xx, never a 5xx; a form that decodes
//! encodes back to itself; what is accepted keeps its bounds.
#![no_main]

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::OnceLock;

use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::http::header::{self, HeaderValue};
use actix_web::test::TestRequest;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::Stream;
use gopy::auth::Keys;
use gopy::auth::csrf::{VISITOR_COOKIE, token_for};
use gopy::domain::comment::CommentBody;
use gopy::domain::thread;
use gopy::domain::{DisplayName, Email};
use gopy::middleware::WebSettings;
use gopy::routes::attachments::{CommentSubmission, ThreadSubmission, Upload, multipart_config};
use gopy::routes::threads::ThreadForm;
use gopy::storage::Storage;
use libfuzzer_sys::fuzz_target;
use unicode_normalization::is_nfc;

/// Stands for the valid token in inputs (seeds carry it in `_csrf`).
const TOKEN_MARK: &[u8] = b"{{csrf}}";
/// The file limit of the store, as `GOPY_UPLOAD_LIMIT` would set it.
const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

fuzz_target!(|data: &[u8]| {
    // What the proptests decode: the raw bytes, as a handler would get them.
    let _ = serde_urlencoded::from_bytes::<gopy::routes::comments::CommentForm>(data);
    if let Ok(fields) = serde_urlencoded::from_bytes::<HashMap<String, String>>(data) {
        let decoded: usize = fields.iter().map(|(k, v)| chars(k) + chars(v)).sum();
        assert!(decoded <= data.len(), "decoding made the form longer");
    }
    if let Ok(form) = serde_urlencoded::from_bytes::<ThreadForm>(data) {
        check_thread_form(&form, data.len());
    }
    let text = String::from_utf8_lossy(data);
    check_field_rules(&text);
    encoded_fields_come_back(&text);

    // The extractors the handlers take, on the same body.
    let body = web::Bytes::from(with_token(data));
    let content_type = content_type(&body);
    match submit::<ThreadSubmission>(&content_type, &body) {
        Ok(ThreadSubmission(form, uploads)) => {
            check_thread_form(&form, body.len());
            check_uploads(&uploads, fields_len(&form), body.len());
            if !is_multipart(&content_type) {
                let direct: ThreadForm = serde_urlencoded::from_bytes(&body)
                    .expect("the extractor accepted what serde_urlencoded refuses");
                assert_eq!(encode(&direct), encode(&form));
            }
        }
        Err(status) => assert_client_error(status),
    }
    match submit::<CommentSubmission>(&content_type, &body) {
        Ok(CommentSubmission(_form, uploads)) => check_uploads(&uploads, 0, body.len()),
        Err(status) => assert_client_error(status),
    }
});

/// The request every input is sent as: a visitor's form (CSRF bound to the
/// visitor cookie) with the app data `startup` registers.
struct Fixture {
    keys: web::Data<Keys>,
    settings: web::Data<WebSettings>,
    storage: web::Data<Storage>,
    token: Vec<u8>,
    runtime: tokio::runtime::Runtime,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let base = url::Url::parse("http://127.0.0.1:8080").expect("a valid URL");
        let mut fixture = Fixture {
            keys: web::Data::new(Keys {
                csrf: b"fuzz-csrf-key".to_vec(),
            }),
            settings: web::Data::new(WebSettings::new(&base)),
            storage: web::Data::new(Storage::new(
                std::path::Path::new("/nonexistent"),
                UPLOAD_LIMIT,
            )),
            token: Vec::new(),
            runtime: tokio::runtime::Builder::new_current_thread()
                .build()
                .expect("a runtime"),
        };
        let req = request(&fixture, &HeaderValue::from_static("text/plain"));
        fixture.token = token_for(&req).expect("a CSRF token").into_bytes();
        fixture
    })
}

fn request(fixture: &Fixture, content_type: &HeaderValue) -> HttpRequest {
    TestRequest::post()
        .uri("/threads")
        .insert_header((header::CONTENT_TYPE, content_type.clone()))
        .insert_header((header::COOKIE, format!("{VISITOR_COOKIE}=fuzz-visitor")))
        .app_data(fixture.keys.clone())
        .app_data(fixture.settings.clone())
        .app_data(fixture.storage.clone())
        .app_data(multipart_config(UPLOAD_LIMIT))
        .to_http_request()
}

/// Runs the extractor `T` on `body`; the status of the error if it refuses.
fn submit<T>(content_type: &HeaderValue, body: &web::Bytes) -> Result<T, u16>
where
    T: FromRequest,
{
    let fixture = fixture();
    let req = request(fixture, content_type);
    let mut payload = chunked(body);
    fixture
        .runtime
        .block_on(T::from_request(&req, &mut payload))
        .map_err(|e| {
            let e: actix_web::Error = e.into();
            e.as_response_error().status_code().as_u16()
        })
}

/// The body in chunks, as a network delivers it: the multipart parser must
/// find boundaries across chunk edges. The chunk size follows the length, so
/// the fuzzer varies it too.
fn chunked(body: &web::Bytes) -> Payload {
    let step = 1 + body.len() % 61;
    let chunks: Vec<Result<web::Bytes, PayloadError>> = (0..body.len())
        .step_by(step)
        .map(|start| Ok(body.slice(start..(start + step).min(body.len()))))
        .collect();
    let stream: Pin<Box<dyn Stream<Item = Result<web::Bytes, PayloadError>>>> =
        Box::pin(futures_util::stream::iter(chunks));
    Payload::from(stream)
}

fn with_token(data: &[u8]) -> Vec<u8> {
    let token = &fixture().token;
    let mut out = Vec::with_capacity(data.len() + token.len());
    let mut rest = data;
    while let Some(at) = rest.windows(TOKEN_MARK.len()).position(|w| w == TOKEN_MARK) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(token);
        rest = &rest[at + TOKEN_MARK.len()..];
    }
    out.extend_from_slice(rest);
    out
}

/// Multipart with the boundary of the first line when the body starts like
/// a multipart body, else URL-encoded.
fn content_type(body: &[u8]) -> HeaderValue {
    let urlencoded = HeaderValue::from_static("application/x-www-form-urlencoded");
    let Some(rest) = body.strip_prefix(b"--") else {
        return urlencoded;
    };
    let Some(end) = rest.iter().position(|&b| b == b'\n') else {
        return urlencoded;
    };
    let boundary = rest[..end].strip_suffix(b"\r").unwrap_or(&rest[..end]);
    let Ok(boundary) = std::str::from_utf8(boundary) else {
        return urlencoded;
    };
    HeaderValue::from_str(&format!("multipart/form-data; boundary={boundary}"))
        .unwrap_or(urlencoded)
}

fn is_multipart(content_type: &HeaderValue) -> bool {
    content_type.as_bytes().starts_with(b"multipart/")
}

/// Hostile input is the client's fault: 400, 403, 413, never a 500.
fn assert_client_error(status: u16) {
    assert!(
        (400..500).contains(&status),
        "a body was answered {status}, not a 4xx"
    );
}

/// A decoded thread form: encodes back to itself, is no longer than the body
/// it came from, and each field keeps the bounds of its rule.
fn check_thread_form(form: &ThreadForm, body_len: usize) {
    let encoded = encode(form);
    let again: ThreadForm = serde_urlencoded::from_str(&encoded).expect("an encoded form decodes");
    assert_eq!(encode(&again), encoded, "the form changed in a round trip");
    assert!(
        fields_len(form) <= body_len,
        "decoding made the form longer"
    );

    // The rules `routes::threads::validate` applies, field by field.
    check_title(&form.title);
    check_text("body", &form.body, thread::MAX_BODY, true);
    check_text("regulation", &form.regulation, 500, true);
    check_text("proposal", &form.proposal, thread::MAX_BODY, false);
    check_text("provisions", &form.provisions, 500, false);
    check_text("field", &form.field, 100, false);
    check_text("tags", &form.tags, 200, false);
    check_text("full_name", &form.full_name, 100, true);
    check_text("address", &form.address, 300, true);
    check_phone(&form.phone);
}

/// Files taken from a multipart body: none empty (an empty file field sends
/// an empty part, which is no file), and together with the text fields no
/// more than the body.
fn check_uploads(uploads: &[Upload], text_len: usize, body_len: usize) {
    assert!(
        uploads.iter().all(|u| !u.bytes.is_empty()),
        "an empty file was kept"
    );
    let files: usize = uploads.iter().map(|u| u.bytes.len() + chars(&u.name)).sum();
    assert!(
        text_len + files <= body_len,
        "the parts are longer than the body"
    );
}

/// The proptest `accepted_texts_are_trimmed_and_within_their_bounds`.
fn check_field_rules(raw: &str) {
    check_title(raw);
    check_text("body", raw, 100, true);
    check_phone(raw);
    if let Ok(body) = CommentBody::parse(raw) {
        let body = body.as_str();
        assert!(!body.is_empty() && chars(body) <= CommentBody::MAX_CHARS);
        assert!(
            body.trim() == body && is_nfc(body),
            "comment not trimmed NFC: {body:?}"
        );
    }
    if let Ok(email) = Email::parse(raw) {
        let email = email.as_str();
        assert!(chars(email) <= 254 && email.contains('@'));
        assert!(
            !email.chars().any(char::is_whitespace),
            "space in e-mail {email:?}"
        );
    }
    if let Ok(name) = DisplayName::parse(raw) {
        let name = name.as_str();
        assert!(
            (1..=100).contains(&chars(name)),
            "name length {}",
            chars(name)
        );
        assert!(
            !name.chars().any(char::is_control),
            "control character in {name:?}"
        );
    }
}

fn check_title(raw: &str) {
    if let Ok(title) = thread::title(raw) {
        assert_eq!(title.trim(), title, "title not trimmed");
        assert!(
            (5..=thread::MAX_TITLE).contains(&chars(&title)),
            "title length"
        );
    }
}

fn check_text(field: &'static str, raw: &str, max: usize, required: bool) {
    if let Ok(text) = thread::text(field, raw, max, required) {
        assert!(
            chars(&text) <= max,
            "{field}: {} > {max} characters",
            chars(&text)
        );
        assert!(!required || !text.is_empty(), "{field}: empty but required");
        assert!(!text.contains("\r\n"), "{field}: CRLF kept in {text:?}");
        assert!(
            text.trim() == text && is_nfc(&text),
            "{field}: not trimmed NFC: {text:?}"
        );
    }
}

fn check_phone(raw: &str) {
    if let Ok(phone) = thread::phone(raw) {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        assert!((8..=15).contains(&digits), "phone with {digits} digits");
    }
}

/// The proptest `form_shaped_input_keeps_its_fields`: whatever a browser
/// encodes in the thread form decodes to what was typed.
fn encoded_fields_come_back(text: &str) {
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let (title, body) = text.split_at(cut);
    let encoded =
        serde_urlencoded::to_string([("kind", "feedback"), ("title", title), ("body", body)])
            .expect("strings encode");
    let form: ThreadForm = serde_urlencoded::from_str(&encoded).expect("an encoded form decodes");
    assert_eq!(form.title, title);
    assert_eq!(form.body, body);
}

fn encode(form: &ThreadForm) -> String {
    serde_urlencoded::to_string(form).expect("a form encodes")
}

fn fields_len(form: &ThreadForm) -> usize {
    [
        &form.kind,
        &form.draft,
        &form.session,
        &form.agency,
        &form.title,
        &form.body,
        &form.regulation,
        &form.proposal,
        &form.provisions,
        &form.field,
        &form.tags,
        &form.full_name,
        &form.address,
        &form.phone,
    ]
    .into_iter()
    .map(|s| chars(s))
    .sum()
}

fn chars(s: &str) -> usize {
    s.chars().count()
}
