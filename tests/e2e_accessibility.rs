//! End to end: an accessibility audit (axe-core, WCAG 2.1 A and AA rules)
//! of every view of the real app window, in German and in English, and of
//! the projector in each of its modes. A violation of impact "serious" or
//! "critical" fails the test; the others are printed for the next round.

mod support;

use serde_json::Value;
use support::app::App;
use support::flows::*;
use support::webdriver::{wait_for, Session};

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

struct Audit {
    axe: String,
    serious: Vec<String>,
    rest: Vec<String>,
    views: usize,
}

impl Audit {
    /// Audits what the window shows now, as `view`.
    fn view(&mut self, s: &Session, view: &str) {
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

fn choose_language(s: &Session, lang: &str) {
    let select = s.find("[data-testid=ui-language]");
    s.execute(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
        vec![Session::element_arg(&select), Value::from(lang)],
    );
    wait_for("the page in the chosen language", || {
        (s.execute("return document.documentElement.lang", vec![]) == lang).then_some(())
    });
}

fn open_first(s: &Session, list: &str) {
    s.click(&s.find(&format!("[data-testid={list}] button")));
}

#[test]
fn every_view_passes_the_audit_in_german_and_english() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    s.set_window_size(1366, 768);
    let mut audit = Audit {
        axe: axe_source(),
        serious: Vec::new(),
        rest: Vec::new(),
        views: 0,
    };
    s.find("[data-testid=workshop-heading]");
    let main = s.current_window();
    let mut projector = None;

    for lang in ["de", "en"] {
        choose_language(s, lang);
        s.click(&s.find("[data-testid=nav-home]"));
        s.find("[data-testid=workshop-list]");
        audit.view(s, &format!("{lang} workshop list"));
        s.click(&s.find("[data-testid=open-about]"));
        s.find("[data-testid=about]");
        audit.view(s, &format!("{lang} about dialog"));
        s.execute(
            "document.querySelector('[data-testid=about]').close()",
            vec![],
        );

        s.click(&s.find("[data-testid=workshop-list] button"));
        s.find("[data-testid=workshop-header]");
        audit.view(s, &format!("{lang} workshop page"));

        open_first(s, "board-list");
        s.find("[data-testid=card-entry]");
        audit.view(s, &format!("{lang} board"));
        if projector.is_none() {
            let (_, p) = open_projector(s);
            projector = Some(p);
            s.switch_to(&main);
        }
        let projector = projector.clone().unwrap();
        let on_projector = |audit: &mut Audit, what: &str| {
            s.switch_to(&projector);
            audit.view(s, &format!("{lang} projector, {what}"));
            s.switch_to(&main);
        };
        on_projector(&mut audit, "board");

        // Collecting face down, then revealed.
        s.click(&in_field(s, 0, "[data-testid=hidden-collection]"));
        add_card(s, 0, "Verdeckte Karte");
        audit.view(s, &format!("{lang} board collecting face down"));
        on_projector(&mut audit, "board collecting face down");
        s.click(&in_field(s, 0, "[data-testid=reveal]"));
        s.click(&in_field(s, 0, "[data-testid=hidden-collection]"));
        audit.view(s, &format!("{lang} board revealed"));

        // The field in focus on the projector.
        s.click(&in_field(s, 0, "[data-testid=present-field]"));
        on_projector(&mut audit, "one field");

        // Voting, then the ranking.
        s.click(&s.find("[data-testid=vote-open]"));
        s.find("[data-testid=vote-close]");
        audit.view(s, &format!("{lang} board voting"));
        on_projector(&mut audit, "voting");
        s.click(&s.find("[data-testid=vote-close]"));
        s.find("[data-testid=vote-open]");
        audit.view(s, &format!("{lang} board ranking"));
        on_projector(&mut audit, "ranking");

        // The actor map: grid and sectors.
        s.click(&s.find("[data-testid=back-to-workshop]"));
        open_first(s, "actor-map-list");
        s.find("[data-testid=actor-grid]");
        audit.view(s, &format!("{lang} actor grid"));
        on_projector(&mut audit, "actor map");
        s.click(&s.find("[data-testid=view-sectors]"));
        s.find("[data-testid=sector-map]");
        audit.view(s, &format!("{lang} sector view"));
        s.click(&s.find("[data-testid=view-grid]"));

        // The challenge list.
        s.click(&s.find("[data-testid=back-to-workshop]"));
        open_first(s, "challenge-list-list");
        s.find("[data-testid=challenges]");
        audit.view(s, &format!("{lang} challenge list"));
        on_projector(&mut audit, "challenge list");
    }

    println!(
        "{} views audited; {} serious or critical, {} others",
        audit.views,
        audit.serious.len(),
        audit.rest.len()
    );
    for line in &audit.rest {
        println!("  minor: {line}");
    }
    assert!(
        audit.serious.is_empty(),
        "serious or critical violations:\n{}",
        audit.serious.join("\n")
    );
}
