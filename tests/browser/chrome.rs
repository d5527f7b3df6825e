//! A headless Chromium driven over WebDriver (Debian's `chromium` and
//! `chromium-driver`), with the checks the browser tests share: screenshots,
//! axe-core, keyboard focus.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tokio::sync::{Semaphore, SemaphorePermit};

/// One browser at a time: on two cores, several Chromiums beside the rest of
/// the suite only make each other time out.
static ONE_AT_A_TIME: Semaphore = Semaphore::const_new(1);

/// A phone (the width of a common small Android/iPhone screen) and a laptop.
pub const PHONE: (u32, u32) = (390, 844);
pub const DESKTOP: (u32, u32) = (1280, 900);

/// A running Chromium and its driver; both stop when it is dropped.
pub struct Chrome {
    pub client: Client,
    driver: Child,
    /// The viewport asked for, and how much larger the window is.
    size: (u32, u32),
    frame: (u32, u32),
    _profile: tempfile::TempDir,
    _turn: SemaphorePermit<'static>,
}

fn find_program(env: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env) {
        return Some(PathBuf::from(path));
    }
    candidates
        .iter()
        .map(PathBuf::from)
        .find(|path| path.is_file())
}

impl Chrome {
    /// Starts Chromium with a window of `size`, or returns `None` after a loud
    /// message when this machine has no browser. In CI (`CI` set) a missing
    /// browser fails the test instead: `.ci/run` installs one.
    pub async fn start(size: (u32, u32)) -> Option<Chrome> {
        let chromium = find_program(
            "GOPY_CHROMIUM",
            &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
        );
        let driver = find_program("GOPY_CHROMEDRIVER", &["/usr/bin/chromedriver"]);
        let (Some(chromium), Some(driver)) = (chromium, driver) else {
            let message = "no Chromium/ChromeDriver here (apt-get install chromium chromium-driver, \
                           or set GOPY_CHROMIUM and GOPY_CHROMEDRIVER)";
            if std::env::var_os("CI").is_some() {
                panic!("{message}: CI must run the browser tests");
            }
            eprintln!("\n*** BROWSER TEST SKIPPED: {message} ***\n");
            return None;
        };
        let turn = ONE_AT_A_TIME
            .acquire()
            .await
            .expect("the semaphore is never closed");
        let port = free_port();
        // Its own process group, which Chromium joins: dropping the browser
        // stops the whole group, so no Chromium outlives its test.
        let driver = Command::new(driver)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = tempfile::tempdir().expect("a profile folder");
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    format!("--user-data-dir={}", profile.path().display()),
                    format!("--window-size={},{}", size.0, size.1),
                ],
            },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object")
        };
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = String::new();
        for _ in 0..100 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    let mut chrome = Chrome {
                        client,
                        driver,
                        size,
                        frame: (0, 0),
                        _profile: profile,
                        _turn: turn,
                    };
                    chrome.resize(size).await;
                    return Some(chrome);
                }
                Err(e) => last_error = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no WebDriver session on {url}: {last_error}");
    }

    /// Makes the page's viewport `size` wide and high (the window is a little
    /// larger than the viewport even when headless).
    pub async fn resize(&mut self, size: (u32, u32)) {
        self.client.set_window_size(size.0, size.1).await.unwrap();
        let inner = self
            .script("return [window.innerWidth, window.innerHeight]")
            .await;
        let (w, h) = (inner[0].as_u64().unwrap(), inner[1].as_u64().unwrap());
        self.size = size;
        self.frame = (
            size.0.saturating_sub(w as u32),
            size.1.saturating_sub(h as u32),
        );
        if self.frame != (0, 0) {
            self.client
                .set_window_size(size.0 + self.frame.0, size.1 + self.frame.1)
                .await
                .unwrap();
        }
    }

    /// Opens `url` and waits for the page to load.
    pub async fn open(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("{url}: {e}"));
    }

    /// Runs `script` in the page and returns its value.
    pub async fn script(&self, script: &str) -> Value {
        self.client
            .execute(script, Vec::new())
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// The element matching `css`, waiting up to ten seconds for it.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        match self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => element,
            Err(e) => panic!("no `{css}` on {}: {e}", self.path().await),
        }
    }

    /// The page's visible text.
    pub async fn text(&self) -> String {
        self.find("body").await.text().await.unwrap()
    }

    /// The path (and query) of the page shown.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// Clicks `css` (a link or a submit button) and waits for the next page
    /// to load; returns its path.
    pub async fn follow(&self, css: &str) -> String {
        let element = self.find(css).await;
        self.mark_page().await;
        element.click().await.unwrap();
        self.wait_for_new_page().await
    }

    /// Waits until another document has replaced the one marked by
    /// [`Chrome::follow`] (or a key press) and has loaded.
    pub async fn wait_for_new_page(&self) -> String {
        for _ in 0..300 {
            let loaded = self
                .client
                .execute(
                    "return window.gopyOldPage !== true && document.readyState === 'complete'",
                    Vec::new(),
                )
                .await;
            if let Ok(Value::Bool(true)) = loaded {
                return self.path().await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "no new page after the click; still on {}",
            self.path().await
        );
    }

    /// Marks the page, so that [`Chrome::wait_for_new_page`] knows when the
    /// next one has come.
    pub async fn mark_page(&self) {
        self.script("window.gopyOldPage = true; return null").await;
    }

    /// Waits until the page's path starts with `prefix` (after a submit).
    pub async fn wait_for_path(&self, prefix: &str) -> String {
        for _ in 0..200 {
            let path = self.path().await;
            if path.starts_with(prefix) {
                return path;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "the browser never reached {prefix}; it shows {}",
            self.path().await
        );
    }

    /// Fails when the page is wider than the window: a phone user would
    /// have to scroll sideways.
    pub async fn assert_fits_width(&self) {
        if let Some(problem) = self.sideways_scrolling().await {
            panic!("{} {problem}", self.path().await);
        }
    }

    /// Says how much wider than the window the page is, if it is.
    pub async fn sideways_scrolling(&self) -> Option<String> {
        let widths = self
            .script("return [document.documentElement.scrollWidth, window.innerWidth]")
            .await;
        let (page, window) = (widths[0].as_u64().unwrap(), widths[1].as_u64().unwrap());
        (page > window)
            .then(|| format!("is {page}px wide in a {window}px window: sideways scrolling"))
    }

    /// Saves a PNG of the whole page (up to 8,000 px high) under
    /// `target/screenshots/NAME.png`: the window grows to the page's height
    /// for the picture and shrinks back.
    pub async fn screenshot(&self, name: &str) {
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).unwrap();
        let height = self
            .script("return document.documentElement.scrollHeight")
            .await
            .as_u64()
            .unwrap()
            .clamp(self.size.1 as u64, 8_000) as u32;
        let (width, frame) = (self.size.0 + self.frame.0, self.frame.1);
        self.client
            .set_window_size(width, height + frame)
            .await
            .unwrap();
        let png = self.client.screenshot().await;
        self.client
            .set_window_size(width, self.size.1 + frame)
            .await
            .unwrap();
        let png = png.unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a PNG came back");
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    /// Runs axe-core on the page and returns its serious and critical
    /// violations, one line each (rule, impact, the first offending nodes).
    /// `None` when axe-core is not installed and this is not CI.
    pub async fn accessibility_problems(&self) -> Option<Vec<String>> {
        let axe = axe_source()?;
        self.client.execute(&axe, Vec::new()).await.unwrap();
        let result = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   axe.run(document, { resultTypes: ["violations"] })
                     .then(r => done(r.violations
                        .filter(v => v.impact === "serious" || v.impact === "critical")
                        .map(v => v.id + " (" + v.impact + "): " + v.help + " — "
                             + v.nodes.slice(0, 3).map(n => n.target.join(" ")
                                 + (n.failureSummary ? " [" + n.failureSummary.replace(/\s+/g, " ") + "]" : "")).join("; "))))
                     .catch(e => done(["axe failed: " + e]));"#,
                Vec::new(),
            )
            .await
            .unwrap();
        Some(
            result
                .as_array()
                .expect("a list of violations")
                .iter()
                .map(|v| v.as_str().unwrap_or_default().to_string())
                .collect(),
        )
    }

    /// Presses `key` on the keyboard, wherever the focus is.
    pub async fn press(&self, key: fantoccini::key::Key) {
        self.keys(&[char::from(key)]).await;
    }

    /// Presses Enter (following the focused link or submitting the focused
    /// form) and waits for the next page; returns its path.
    pub async fn enter_and_wait(&self) -> String {
        self.mark_page().await;
        self.press(fantoccini::key::Key::Enter).await;
        self.wait_for_new_page().await
    }

    /// Types `text` on the keyboard, into whatever has the focus.
    pub async fn type_text(&self, text: &str) {
        self.keys(&text.chars().collect::<Vec<_>>()).await;
    }

    async fn keys(&self, keys: &[char]) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let mut actions = KeyActions::new("keyboard".into());
        for &value in keys {
            actions = actions
                .then(KeyAction::Down { value })
                .then(KeyAction::Up { value });
        }
        self.client.perform_actions(actions).await.unwrap();
    }

    /// A description of the focused element: tag, id, href or type.
    pub async fn focused(&self) -> Focused {
        let v = self
            .script(
                r#"const e = document.activeElement;
                   const style = getComputedStyle(e);
                   return [e.tagName.toLowerCase(), e.id || "", e.getAttribute("href") || "",
                           e.getAttribute("type") || "",
                           style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
                             || style.boxShadow !== "none"];"#,
            )
            .await;
        Focused {
            tag: v[0].as_str().unwrap().to_string(),
            id: v[1].as_str().unwrap().to_string(),
            href: v[2].as_str().unwrap().to_string(),
            kind: v[3].as_str().unwrap().to_string(),
            visible_ring: v[4].as_bool().unwrap(),
        }
    }

    /// Presses Tab until `wanted` holds for the focused element, at most
    /// `limit` times; returns how many presses it took. Every stop on the
    /// way must show where the focus is.
    pub async fn tab_until(&self, limit: usize, wanted: impl Fn(&Focused) -> bool) -> usize {
        for presses in 1..=limit {
            self.press(fantoccini::key::Key::Tab).await;
            let focused = self.focused().await;
            if focused.tag != "body" {
                assert!(
                    focused.visible_ring,
                    "no visible focus on {focused:?} at {}",
                    self.path().await
                );
            }
            if wanted(&focused) {
                return presses;
            }
        }
        panic!(
            "{limit} presses of Tab never reached the element on {}",
            self.path().await
        );
    }
}

/// What has the keyboard focus.
#[derive(Debug)]
pub struct Focused {
    pub tag: String,
    pub id: String,
    pub href: String,
    pub kind: String,
    pub visible_ring: bool,
}

impl Drop for Chrome {
    fn drop(&mut self) {
        // Chromium does not exit with its driver: stop the process group.
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `target/screenshots` (under `CARGO_TARGET_DIR` when it is set).
pub fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target folder")
        .join("screenshots")
}

/// axe-core's script, installed by `npm ci --prefix tests/e2e` (which
/// `.ci/run` does). Missing outside CI: `None`, after a loud message.
fn axe_source() -> Option<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) => {
            let message = format!(
                "axe-core is not installed at {} ({e}); run `npm ci --prefix tests/e2e`",
                path.display()
            );
            if std::env::var_os("CI").is_some() {
                panic!("{message}");
            }
            eprintln!("\n*** ACCESSIBILITY CHECK SKIPPED: {message} ***\n");
            None
        }
    }
}
