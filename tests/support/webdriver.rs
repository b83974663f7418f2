//! A small W3C WebDriver client: just the calls the end-to-end tests make.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// How long the UI may take to show the result of an action.
pub const PATIENCE: Duration = Duration::from_secs(15);

pub struct Session {
    agent: ureq::Agent,
    base: String,
}

#[derive(Clone, Debug)]
pub struct Element(String);

impl Element {
    /// The element a script returned.
    pub fn from_value(value: &Value) -> Element {
        Element(
            value[ELEMENT_KEY]
                .as_str()
                .unwrap_or_else(|| panic!("not an element: {value}"))
                .to_owned(),
        )
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

fn unwrap_value(mut resp: ureq::http::Response<ureq::Body>, what: &str) -> Result<Value, String> {
    let status = resp.status();
    let body: Value = resp
        .body_mut()
        .read_json()
        .map_err(|e| format!("{what}: unreadable answer ({status}): {e}"))?;
    if !status.is_success() {
        return Err(format!("{what}: {status}: {}", body["value"]));
    }
    Ok(body["value"].clone())
}

/// Polls `check` until it returns Some or the patience runs out.
pub fn wait_for<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = check() {
            return v;
        }
        if start.elapsed() > PATIENCE {
            panic!("timed out after {PATIENCE:?} waiting for {what}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl Session {
    /// Opens a session on a running tauri-driver, which starts the app.
    pub fn start(driver_url: &str, application: &str) -> Result<Session, String> {
        Session::open(
            driver_url,
            json!({
                "browserName": "wry",
                "tauri:options": {"application": application}
            }),
        )
    }

    /// Opens a session with these capabilities on any W3C WebDriver.
    pub fn open(driver_url: &str, capabilities: Value) -> Result<Session, String> {
        let agent = agent();
        let caps = json!({"capabilities": {"alwaysMatch": capabilities}});
        let resp = agent
            .post(format!("{driver_url}/session"))
            .send_json(&caps)
            .map_err(|e| format!("new session: {e}"))?;
        let value = unwrap_value(resp, "new session")?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| format!("new session: no id in {value}"))?;
        Ok(Session {
            agent,
            base: format!("{driver_url}/session/{id}"),
        })
    }

    fn post(&self, path: &str, body: Value) -> Result<Value, String> {
        let resp = self
            .agent
            .post(format!("{}{path}", self.base))
            .send_json(&body)
            .map_err(|e| format!("POST {path}: {e}"))?;
        unwrap_value(resp, path)
    }

    fn get(&self, path: &str) -> Result<Value, String> {
        let resp = self
            .agent
            .get(format!("{}{path}", self.base))
            .call()
            .map_err(|e| format!("GET {path}: {e}"))?;
        unwrap_value(resp, path)
    }

    pub fn navigate(&self, url: &str) {
        self.post("/url", json!({ "url": url }))
            .unwrap_or_else(|e| panic!("open {url}: {e}"));
    }

    pub fn end(&self) -> Result<(), String> {
        let resp = self
            .agent
            .delete(&self.base)
            .call()
            .map_err(|e| format!("DELETE session: {e}"))?;
        unwrap_value(resp, "DELETE session").map(|_| ())
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let found = self
            .post("/elements", json!({"using": "css selector", "value": css}))
            .unwrap_or_else(|e| panic!("find {css}: {e}"));
        found
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str().map(|s| Element(s.to_owned())))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The elements matching `css` inside `parent`.
    pub fn find_all_in(&self, parent: &Element, css: &str) -> Vec<Element> {
        let found = self
            .post(
                &format!("/element/{}/elements", parent.0),
                json!({"using": "css selector", "value": css}),
            )
            .unwrap_or_else(|e| panic!("find {css} in an element: {e}"));
        found
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str().map(|s| Element(s.to_owned())))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The first element matching `css` inside `parent`, waiting for it.
    pub fn find_in(&self, parent: &Element, css: &str) -> Element {
        wait_for(&format!("element {css} in an element"), || {
            self.find_all_in(parent, css).into_iter().next()
        })
    }

    /// The first element matching `css`, waiting for it to appear.
    pub fn find(&self, css: &str) -> Element {
        wait_for(&format!("element {css}"), || {
            self.find_all(css).into_iter().next()
        })
    }

    /// Waits until an element matching `css` has exactly this text.
    pub fn find_with_text(&self, css: &str, text: &str) -> Element {
        wait_for(&format!("{css} with text {text:?}"), || {
            self.find_all(css)
                .into_iter()
                .find(|e| self.text(e) == text)
        })
    }

    /// Brings `el` into view as a person scrolls to what they will click:
    /// clear of the window's sticky day bar. WebKitWebDriver's own scrolling
    /// ignores the page's `scroll-padding-top` and then finds the element
    /// out of view ("element not interactable").
    fn bring_into_view(&self, el: &Element) {
        self.execute(
            "const e = arguments[0];
             const r = e.getBoundingClientRect();
             const clear = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
             if (r.top < clear || r.bottom > innerHeight) e.scrollIntoView({ block: 'center' });",
            vec![Session::element_arg(el)],
        );
    }

    pub fn click(&self, el: &Element) {
        self.bring_into_view(el);
        self.post(&format!("/element/{}/click", el.0), json!({}))
            .unwrap_or_else(|e| panic!("click: {e}"));
    }

    pub fn clear(&self, el: &Element) {
        self.bring_into_view(el);
        self.post(&format!("/element/{}/clear", el.0), json!({}))
            .unwrap_or_else(|e| panic!("clear: {e}"));
    }

    /// Types as a person at the keyboard would; `\u{E007}` is the Enter key.
    pub fn send_keys(&self, el: &Element, text: &str) {
        self.bring_into_view(el);
        self.post(&format!("/element/{}/value", el.0), json!({"text": text}))
            .unwrap_or_else(|e| panic!("send keys: {e}"));
    }

    /// The element's text as a person reads it: without the soft hyphens
    /// that mark where a long word may break.
    pub fn text(&self, el: &Element) -> String {
        self.get(&format!("/element/{}/text", el.0))
            .ok()
            .and_then(|v| v.as_str().map(|t| t.replace('\u{ad}', "")))
            .unwrap_or_default()
    }

    pub fn value(&self, el: &Element) -> String {
        self.get(&format!("/element/{}/property/value", el.0))
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    pub fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": args}))
            .unwrap_or_else(|e| panic!("execute: {e}"))
    }

    /// Handles of the app's open windows.
    pub fn windows(&self) -> Vec<String> {
        self.get("/window/handles")
            .ok()
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|h| h.as_str().map(str::to_owned))
            .collect()
    }

    pub fn current_window(&self) -> String {
        self.get("/window")
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    pub fn switch_to(&self, handle: &str) {
        self.post("/window", json!({"handle": handle}))
            .unwrap_or_else(|e| panic!("switch to window {handle}: {e}"));
        self.wait_until_shown();
    }

    /// The app's windows show their first screen only once it is drawn
    /// with its data (ui/src/lib/shared/first-screen.ts); what a user can
    /// neither see nor click is not there for a test either.
    pub fn wait_until_shown(&self) {
        wait_for("the page to show its first screen", || {
            let visibility = self.execute(
                "return document.body ? getComputedStyle(document.body).visibility : 'hidden'",
                vec![],
            );
            (visibility == "visible").then_some(())
        });
    }

    pub fn set_window_size(&self, width: u32, height: u32) {
        self.post("/window/rect", json!({"width": width, "height": height}))
            .unwrap_or_else(|e| panic!("resize window: {e}"));
    }

    /// Saves what the window shows as a PNG, for a person to look at.
    pub fn screenshot(&self, path: &std::path::Path) {
        self.try_screenshot(path)
            .unwrap_or_else(|e| panic!("screenshot: {e}"));
    }

    pub fn try_screenshot(&self, path: &std::path::Path) -> Result<(), String> {
        // WebKitWebDriver takes the snapshot at the next paint. Without
        // compositing (what the app chooses on a machine without a GPU, as
        // here) a page where nothing changes is not painted again, and the
        // request waits forever: one pixel, all but invisible, changes for a
        // moment so that a paint comes.
        self.post(
            "/execute/sync",
            json!({"script": "const dot = document.createElement('div');
                dot.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0.02;pointer-events:none';
                document.body.append(dot);
                let n = 0;
                const id = setInterval(() => {
                  dot.style.background = n++ % 2 ? '#000' : '#fff';
                  if (n > 40) { clearInterval(id); dot.remove(); }
                }, 50);", "args": []}),
        )?;
        let data = self.get("/screenshot")?;
        let png = base64_decode::decode(data.as_str().unwrap_or_default());
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::write(path, png).map_err(|e| e.to_string())
    }

    /// Runs an asynchronous script; it finishes by calling its last argument.
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.post("/execute/async", json!({"script": script, "args": args}))
            .unwrap_or_else(|e| panic!("execute async: {e}"))
    }

    pub fn set_timeouts(&self, script_ms: u64) {
        self.post("/timeouts", json!({"script": script_ms}))
            .unwrap_or_else(|e| panic!("timeouts: {e}"));
    }

    /// Drags with the mouse: press on the element's centre, move by
    /// (`dx`, `dy`) pixels in steps, release — the W3C actions a hand makes.
    pub fn drag_by(&self, el: &Element, dx: i64, dy: i64) {
        self.drag_in_steps(el, dx, dy, 5, 30);
    }

    /// A drag of `n` moves of `step_ms` each, e.g. a slow one to watch the frames.
    pub fn drag_in_steps(&self, el: &Element, dx: i64, dy: i64, n: i64, step_ms: u64) {
        let mut steps = vec![
            json!({"type": "pointerMove", "duration": 0, "origin": Self::element_arg(el), "x": 0, "y": 0}),
            json!({"type": "pointerDown", "button": 0}),
        ];
        for i in 1..=n {
            let last = i == n;
            steps.push(
                json!({"type": "pointerMove", "duration": step_ms, "origin": "pointer",
                "x": dx / n + if last { dx % n } else { 0 },
                "y": dy / n + if last { dy % n } else { 0 }}),
            );
        }
        steps.push(json!({"type": "pointerUp", "button": 0}));
        self.post(
            "/actions",
            json!({"actions": [{"type": "pointer", "id": "mouse",
                "parameters": {"pointerType": "mouse"}, "actions": steps}]}),
        )
        .unwrap_or_else(|e| panic!("drag: {e}"));
        // Releases whatever the actions still hold; nothing to report if not.
        let _ = self.agent.delete(format!("{}/actions", self.base)).call();
    }

    /// Presses `keys` together as one chord on whatever has the focus (W3C
    /// key actions: down in order, up in reverse), e.g. `[ALT, ARROW_UP]`.
    pub fn chord(&self, keys: &[&str]) {
        let mut steps: Vec<Value> = keys
            .iter()
            .map(|k| json!({"type": "keyDown", "value": k}))
            .collect();
        steps.extend(
            keys.iter()
                .rev()
                .map(|k| json!({"type": "keyUp", "value": k})),
        );
        self.post(
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": steps}]}),
        )
        .unwrap_or_else(|e| panic!("keys {keys:?}: {e}"));
        let _ = self.agent.delete(format!("{}/actions", self.base)).call();
    }

    /// What has the keyboard focus, as its `data-testid` (or its tag name
    /// when it has none).
    pub fn focused(&self) -> String {
        self.execute(
            "const e = document.activeElement; return e ? (e.dataset.testid || e.tagName.toLowerCase()) : '';",
            vec![],
        )
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    pub fn element_arg(el: &Element) -> Value {
        json!({ELEMENT_KEY: el.0})
    }
}

/// Standard base64, just enough for WebDriver screenshots.
mod base64_decode {
    pub fn decode(text: &str) -> Vec<u8> {
        let value = |c: u8| -> Option<u32> {
            Some(match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                _ => return None,
            } as u32)
        };
        let mut out = Vec::with_capacity(text.len() * 3 / 4);
        let (mut acc, mut bits) = (0u32, 0u32);
        for v in text.bytes().filter_map(value) {
            acc = (acc << 6) | v;
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        out
    }
}
