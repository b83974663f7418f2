//! An accessibility audit with axe-core (WCAG 2.1 A and AA rules) of what a
//! WebDriver session shows: violations of impact "serious" or "critical"
//! apart from the others.
use serde_json::Value;

use super::webdriver::Session;

/// axe-core's own build, from the npm package the UI installs.
fn axe_source() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/ui/node_modules/axe-core/axe.min.js"
    );
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e}; `make test` installs the UI's npm packages"))
}

/// One violation as a line: rule, impact, what it says, where.
fn describe(v: &Value) -> String {
    let nodes: Vec<String> = v["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| n.as_str().unwrap_or("").to_owned())
        .collect();
    format!(
        "{} [{}] {} at {}",
        v["id"].as_str().unwrap_or("?"),
        v["impact"].as_str().unwrap_or("?"),
        v["help"].as_str().unwrap_or(""),
        nodes.join(" | ")
    )
}

pub struct Audit {
    axe: String,
    pub serious: Vec<String>,
    pub rest: Vec<String>,
    pub views: usize,
}

impl Audit {
    pub fn new() -> Audit {
        Audit {
            axe: axe_source(),
            serious: Vec::new(),
            rest: Vec::new(),
            views: 0,
        }
    }

    /// Audits what the window shows now, as `view`.
    pub fn view(&mut self, s: &Session, view: &str) {
        std::thread::sleep(std::time::Duration::from_millis(250));
        if s.execute("return typeof window.axe", vec![]) != "object" {
            s.execute(&self.axe, vec![]);
        }
        let found = s.execute_async(
            r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, {
              runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
              resultTypes: ['violations'],
            }).then((r) => done(r.violations.map((v) => ({
              id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.slice(0, 4).map((n) => {
                const d = n.any[0]?.data;
                const colours = d && d.fgColor ? ` (${d.fgColor} on ${d.bgColor}: ${d.contrastRatio})` : '';
                return n.target.join(' ') + colours;
              }),
            })))).catch((e) => done([{ id: 'axe-failed', impact: 'critical', help: String(e), nodes: [] }]));
            "#,
            vec![],
        );
        self.views += 1;
        for v in found.as_array().into_iter().flatten() {
            let line = format!("{view}: {}", describe(v));
            match v["impact"].as_str() {
                Some("serious" | "critical") => self.serious.push(line),
                _ => self.rest.push(line),
            }
        }
    }
}
