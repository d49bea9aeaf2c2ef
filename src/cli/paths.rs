//! `hygiene paths`: the files in use.

use std::path::Path;

use super::{Ctx, EXIT_OK};
use crate::error::Result;
use crate::session::{CONFIG_ENV, STATE_ENV};
use crate::store;

fn describe(path: &Path) -> &'static str {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => "exists",
        Ok(_) => "not a regular file",
        Err(_) => "not created yet",
    }
}

pub fn paths(ctx: &mut Ctx) -> Result<u8> {
    let paths = ctx.paths()?;
    let backup = store::backup_path(&paths.state);
    let lock = store::lock_path(&paths.state);
    let rows = [
        (
            "config",
            paths.config.as_path(),
            paths.config_origin.describe(CONFIG_ENV, "--config"),
        ),
        (
            "state",
            paths.state.as_path(),
            paths.state_origin.describe(STATE_ENV, "--state"),
        ),
        ("backup", &backup, "previous state".to_string()),
    ];
    for (name, path, origin) in rows {
        let note = format!("{origin}, {}", describe(path));
        ctx.out
            .line(format!("{name:<7} {}  ({note})", path.display()));
    }
    ctx.out.line(format!(
        "{:<7} {}  (held while a change is saved)",
        "lock",
        lock.display()
    ));
    Ok(EXIT_OK)
}
