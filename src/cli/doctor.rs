//! `hygiene doctor`: are the files and the keyring in order?

use super::{Ctx, EXIT_ATTENTION, EXIT_OK};
use hygiene_core::config;
use hygiene_core::error::Result;
use hygiene_core::session;
use hygiene_core::store;

pub(super) fn doctor(ctx: &mut Ctx<'_>) -> Result<u8> {
    let paths = ctx.paths()?;
    let today = ctx.today()?;
    let mut findings = Findings {
        out: &mut ctx.out,
        problems: 0,
    };
    check_config(&mut findings, &paths, today);
    let notes = check_state(&mut findings, &paths);
    let backend = ctx.secrets.backend();
    match ctx.secrets.check() {
        Ok(()) => findings.report(true, "keyring", format!("{backend}: answers")),
        // Private notes are kept there: without it they cannot be read.
        Err(e) if notes > 0 => findings.report(
            false,
            "keyring",
            format!(
                "{backend}: does not answer: {e}; {notes} private note{} cannot be read until it does",
                if notes == 1 { "" } else { "s" }
            ),
        ),
        // Optional: nothing but private notes needs it, and there are none.
        Err(e) => findings.note(
            "keyring",
            format!(
                "{backend}: not available ({e}); optional: only private notes need it, and you have none"
            ),
        ),
    }
    Ok(if findings.problems == 0 {
        EXIT_OK
    } else {
        EXIT_ATTENTION
    })
}

/// What doctor found: a line each, and how many need fixing.
struct Findings<'a> {
    out: &'a mut super::Output,
    problems: usize,
}

impl Findings<'_> {
    /// Something optional and absent: said, not a problem.
    fn note(&mut self, name: &str, text: String) {
        self.out.line(format!("○ {name:<8} {text}"));
    }

    fn report(&mut self, ok: bool, name: &str, text: String) {
        if !ok {
            self.problems += 1;
        }
        self.out
            .line(format!("{} {name:<8} {text}", if ok { "✓" } else { "✗" }));
    }
}

fn check_config(findings: &mut Findings<'_>, paths: &session::Paths, today: jiff::civil::Date) {
    let (config, catalog) = match config::load(&paths.config) {
        Ok(loaded) => loaded,
        Err(e) => return findings.report(false, "config", e.to_string()),
    };
    let (settings, warnings) = hygiene_core::engine::Settings::from_config(&config, &catalog);
    let what = if config.exists {
        format!(
            "{}: loads; tracks {} tool{}",
            paths.config.display(),
            settings.tracked.len(),
            if settings.tracked.len() == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{}: none yet (`hygiene init` writes one)",
            paths.config.display()
        )
    };
    findings.report(true, "config", what);
    for w in warnings {
        findings.report(false, "config", w.to_string());
    }
    // Only the dashboard reads them, so a mistake there is found here or
    // when it opens, never by a command cron runs.
    if let Err(e) = crate::tui::keymap::Keymap::from_config(&config) {
        findings.report(
            false,
            "keys",
            format!("{e}; the dashboard will not open until it is fixed"),
        );
    }
    let layers: Vec<String> = catalog.layers.iter().map(|l| l.name.clone()).collect();
    findings.report(
        true,
        "catalog",
        format!(
            "{} tools, {} checks from {}",
            catalog.tools.len(),
            catalog.checks.len(),
            layers.join(", ")
        ),
    );
    for layer in catalog.expired(today) {
        findings.report(
            false,
            "catalog",
            format!(
                "{} expired on {}: the policy is out of date",
                layer.name,
                layer.expires.map(|d| d.to_string()).unwrap_or_default()
            ),
        );
    }
}

/// Reports the state; returns how many private notes it says there are.
fn check_state(findings: &mut Findings<'_>, paths: &session::Paths) -> usize {
    let state = match session::load_state(&paths.state) {
        Ok(state) => state,
        Err(e) => {
            findings.report(false, "state", e.to_string());
            return 0;
        }
    };
    let entries: usize = state
        .tools
        .values()
        .map(std::collections::BTreeMap::len)
        .sum();
    let what = if paths.state.exists() {
        let s = if entries == 1 { "y" } else { "ies" };
        format!("{}: loads; {entries} entr{s}", paths.state.display())
    } else {
        format!("{}: none yet", paths.state.display())
    };
    findings.report(true, "state", what);
    for w in store::file_warnings(&paths.state) {
        findings.report(false, "state", w.to_string());
    }
    state.private_notes.len()
}
