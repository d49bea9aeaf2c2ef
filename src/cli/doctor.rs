//! `hygiene doctor`: are the files and the keyring in order?

use super::{Ctx, EXIT_ATTENTION, EXIT_OK};
use crate::config;
use crate::error::Result;
use crate::session;
use crate::store;

pub fn doctor(ctx: &mut Ctx<'_>) -> Result<u8> {
    let paths = ctx.paths()?;
    let mut problems = 0;
    let mut report = |ok: bool, name: &str, text: String, out: &mut super::Output| {
        if !ok {
            problems += 1;
        }
        out.line(format!("{} {name:<8} {text}", if ok { "✓" } else { "✗" }));
    };

    match config::load(&paths.config) {
        Ok((config, catalog)) => {
            let (settings, warnings) = crate::engine::Settings::from_config(&config, &catalog);
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
            report(true, "config", what, &mut ctx.out);
            for w in warnings {
                report(false, "config", w.to_string(), &mut ctx.out);
            }
            let layers: Vec<String> = catalog.layers.iter().map(|l| l.name.clone()).collect();
            report(
                true,
                "catalog",
                format!(
                    "{} tools, {} checks from {}",
                    catalog.tools.len(),
                    catalog.checks.len(),
                    layers.join(", ")
                ),
                &mut ctx.out,
            );
            let today = ctx.today()?;
            for layer in catalog.expired(today) {
                report(
                    false,
                    "catalog",
                    format!(
                        "{} expired on {}: the policy is out of date",
                        layer.name,
                        layer.expires.map(|d| d.to_string()).unwrap_or_default()
                    ),
                    &mut ctx.out,
                );
            }
        }
        Err(e) => report(false, "config", e.to_string(), &mut ctx.out),
    }

    match session::load_state(&paths.state) {
        Ok(state) => {
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
            report(true, "state", what, &mut ctx.out);
            if let Some(w) = store::permission_warning(&paths.state) {
                report(false, "state", w.to_string(), &mut ctx.out);
            }
        }
        Err(e) => report(false, "state", e.to_string(), &mut ctx.out),
    }

    let backend = ctx.secrets.backend();
    match ctx.secrets.check() {
        Ok(()) => report(true, "keyring", format!("{backend}: answers"), &mut ctx.out),
        Err(e) => report(
            false,
            "keyring",
            format!(
                "{backend}: does not answer: {e} (everything but private notes works without it)"
            ),
            &mut ctx.out,
        ),
    }
    Ok(if problems == 0 {
        EXIT_OK
    } else {
        EXIT_ATTENTION
    })
}
