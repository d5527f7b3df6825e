//! Whole pages kept for visitors without a session. A draft page is the same
//! for every such visitor until something public changes, so it is rendered
//! and compressed once and then served from memory.
//!
//! A kept page is served only while all of these hold:
//! - no request that could change data (anything but GET and HEAD) has
//!   finished on this node since it was made;
//! - the ledger head is the one it was made under — every public state change
//!   appends to the ledger, and the head is re-read at most a second apart, so
//!   a change made on another node shows within a second;
//! - it is younger than [`MAX_AGE`], for what changes without an entry (time).
//!
//! When many visitors ask for a page that is not kept, one makes it and the
//! others wait for it (at most [`WAIT`]), so a burst of requests after a
//! change costs one rendering, not one per request.
//!
//! Only visitors' pages are kept: a request with a cookie other than the
//! language one, or a response that sets one, is passed through. A GET that
//! changes data (a link in an e-mail) says so with [`changed`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes};
use actix_web::{HttpMessage, HttpResponse};

use crate::db::Db;
use crate::i18n::{LANG_COOKIE, Lang};
use crate::views::ledger_head::HeadCache;

/// How long a kept page may be served at most.
pub const MAX_AGE: Duration = Duration::from_secs(10);
/// How long a request waits for another to make the page it wants.
const WAIT: Duration = Duration::from_secs(5);
/// How many bytes of pages are kept at most; the oldest go first.
const BUDGET: usize = 32 * 1024 * 1024;
/// The header telling whether a page came from memory (`hit`) or was made (`miss`).
pub const STATUS_HEADER: &str = "x-page-cache";

/// Paths never kept, whatever they answer.
const PRIVATE_PREFIXES: [&str; 6] = [
    "/api/",
    "/static/",
    "/workspace",
    "/admin",
    "/account",
    "/moderation",
];

/// The pages kept on this node.
#[derive(Debug, Clone, Default)]
pub struct PageCache {
    state: Arc<Mutex<State>>,
    /// Bumped when a request that may have changed data finishes.
    generation: Arc<AtomicU64>,
}

#[derive(Debug, Default)]
struct State {
    pages: HashMap<Key, Arc<Kept>>,
    bytes: usize,
    /// Pages being made, with what wakes those waiting for them.
    making: HashMap<Key, Arc<Notify>>,
}

/// What a request finds.
enum Lookup {
    Hit(Arc<Kept>),
    /// Another request is making the page: wait, then look again.
    Wait(tokio::sync::futures::OwnedNotified),
    /// Make it (the caller is now the one making it).
    Make(Making),
}

/// The right to make a page; when dropped, those waiting for it are woken
/// (`key` is `None` when another request was first and is still at it).
struct Making {
    cache: PageCache,
    key: Option<Key>,
}

impl Drop for Making {
    fn drop(&mut self) {
        let Some(key) = self.key.take() else {
            return;
        };
        let notify = self
            .cache
            .state
            .lock()
            .ok()
            .and_then(|mut state| state.making.remove(&key));
        if let Some(notify) = notify {
            notify.notify_waiters();
        }
    }
}

/// What makes two requests get the same bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    path: String,
    query: String,
    lang: Lang,
    accept_encoding: String,
}

/// A page as sent (compressed as the request asked).
#[derive(Debug)]
struct Kept {
    made: Instant,
    generation: u64,
    head: Option<i64>,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Bytes,
}

/// What a page was made under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    generation: u64,
    head: Option<i64>,
}

impl PageCache {
    fn stamp(&self, head: &HeadCache) -> Stamp {
        Stamp {
            generation: self.generation.load(Ordering::Acquire),
            head: head.current().map(|h| h.seq),
        }
    }

    /// The kept page for `key` made under `stamp`, or what to do instead;
    /// `may_wait` is false once the request has waited.
    fn lookup(&self, key: &Key, stamp: Stamp, may_wait: bool) -> Lookup {
        let making = |key: Option<&Key>| Making {
            cache: self.clone(),
            key: key.cloned(),
        };
        let Ok(mut state) = self.state.lock() else {
            return Lookup::Make(making(None));
        };
        if let Some(kept) = state.pages.get(key) {
            let fresh = kept.generation == stamp.generation
                && kept.head == stamp.head
                && kept.made.elapsed() < MAX_AGE;
            if fresh {
                return Lookup::Hit(kept.clone());
            }
        }
        match state.making.get(key) {
            Some(notify) if may_wait => Lookup::Wait(notify.clone().notified_owned()),
            Some(_) => Lookup::Make(making(None)),
            None => {
                state.making.insert(key.clone(), Arc::new(Notify::new()));
                Lookup::Make(making(Some(key)))
            }
        }
    }

    fn put(&self, key: Key, kept: Kept) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        let size = kept.body.len();
        if size > BUDGET / 4 {
            return;
        }
        if let Some(old) = state.pages.insert(key, Arc::new(kept)) {
            state.bytes -= old.body.len();
        }
        state.bytes += size;
        while state.bytes > BUDGET {
            let Some(oldest) = state
                .pages
                .iter()
                .min_by_key(|(_, kept)| kept.made)
                .map(|(key, _)| key.clone())
            else {
                break;
            };
            if let Some(gone) = state.pages.remove(&oldest) {
                state.bytes -= gone.body.len();
            }
        }
    }

    /// Forgets every kept page (something changed on this node).
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }
}

/// Marks a GET request as one that changed data: kept pages are forgotten
/// when it is answered (as after any POST).
pub fn changed(req: &actix_web::HttpRequest) {
    req.extensions_mut().insert(Changed);
}

/// The mark [`changed`] leaves.
#[derive(Debug, Clone, Copy)]
struct Changed;

/// The key of a request that may be answered from memory, if it may.
fn key_of(req: &ServiceRequest) -> Option<Key> {
    if req.method() != Method::GET {
        return None;
    }
    let path = req.path();
    if PRIVATE_PREFIXES.iter().any(|p| path.starts_with(p)) {
        return None;
    }
    let cookies = req.cookies().ok()?;
    if cookies.iter().any(|c| c.name() != LANG_COOKIE) {
        return None;
    }
    let accept_encoding = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    Some(Key {
        path: path.to_string(),
        query: req.query_string().to_string(),
        lang: Lang::of(req.request()),
        accept_encoding,
    })
}

/// Whether a made response may be kept for other visitors.
fn keepable(res: &ServiceResponse<impl MessageBody>) -> bool {
    let headers = res.headers();
    res.status() == StatusCode::OK
        && !headers.contains_key(header::SET_COOKIE)
        && headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"))
        && res
            .request()
            .extensions()
            .get::<crate::auth::csrf::NewVisitorBinding>()
            .is_none()
}

fn kept_headers(headers: &HeaderMap) -> Vec<(HeaderName, HeaderValue)> {
    headers
        .iter()
        .filter(|(name, _)| *name != header::CONTENT_LENGTH && *name != header::DATE)
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect()
}

fn answer(kept: &Kept) -> HttpResponse {
    let mut res = HttpResponse::Ok();
    for (name, value) in &kept.headers {
        res.append_header((name.clone(), value.clone()));
    }
    res.insert_header((STATUS_HEADER, "hit"));
    res.body(kept.body.clone())
}

/// Middleware: answers visitors' pages from memory when it can, keeps the
/// pages it makes, and forgets them all when a request may have changed data.
/// Sits outside compression, so pages are kept compressed.
pub async fn serve(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let cache = req.app_data::<web::Data<PageCache>>().cloned();
    let head = req.app_data::<web::Data<HeadCache>>().cloned();
    let db = req.app_data::<web::Data<Db>>().cloned();
    let (Some(cache), Some(head), Some(db)) = (cache, head, db) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let safe = matches!(*req.method(), Method::GET | Method::HEAD);
    let Some(key) = key_of(&req) else {
        let res = next.call(req).await;
        let changed = res
            .as_ref()
            .map_or(true, |r| r.request().extensions().contains::<Changed>());
        if !safe || changed {
            cache.invalidate();
        }
        return Ok(res?.map_into_boxed_body());
    };
    head.refresh(&db).await;
    let stamp = cache.stamp(&head);
    let mut may_wait = true;
    let _making = loop {
        match cache.lookup(&key, stamp, may_wait) {
            Lookup::Hit(kept) => {
                let (req, _) = req.into_parts();
                return Ok(ServiceResponse::new(req, answer(&kept)));
            }
            Lookup::Wait(made) => {
                may_wait = false;
                let _ = tokio::time::timeout(WAIT, made).await;
            }
            Lookup::Make(making) => break making,
        }
    };
    let res = next.call(req).await?;
    if res.request().extensions().contains::<Changed>() {
        cache.invalidate();
    }
    if !keepable(&res) {
        return Ok(res.map_into_boxed_body());
    }
    let (req, res) = res.into_parts();
    let headers = kept_headers(res.headers());
    let body = actix_web::body::to_bytes(res.into_body())
        .await
        .map_err(|e| {
            let e: Box<dyn std::error::Error> = e.into();
            actix_web::error::ErrorInternalServerError(e.to_string())
        })?;
    let kept = Kept {
        made: Instant::now(),
        generation: stamp.generation,
        head: stamp.head,
        headers,
        body,
    };
    let mut res = answer(&kept);
    res.headers_mut().insert(
        HeaderName::from_static(STATUS_HEADER),
        HeaderValue::from_static("miss"),
    );
    cache.put(key, kept);
    Ok(ServiceResponse::new(req, res))
}
