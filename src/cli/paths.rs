//! `hygiene paths`: the files in use.

use std::path::Path;

use super::{Ctx, EXIT_OK};
use hygiene_core::error::Result;
use hygiene_core::session::{CONFIG_ENV, STATE_ENV};
use hygiene_core::store;
use hygiene_core::text::visible;

fn describe(path: &Path) -> &'static str {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => "exists",
        Ok(_) => "not a regular file",
        Err(_) => "not created yet",
    }
}

pub(super) fn paths(ctx: &mut Ctx) -> Result<u8> {
    let paths = ctx.paths()?;
    let backup = store::backup_path(&paths.state);
    let lock = store::lock_path(&paths.state);
    let file = |origin: &str, path: &Path| format!("{origin}, {}", describe(path));
    let rows = [
        (
            "config",
            paths.config.as_path(),
            file(
                &paths.config_origin.describe(CONFIG_ENV, "--config"),
                &paths.config,
            ),
        ),
        (
            "state",
            paths.state.as_path(),
            file(
                &paths.state_origin.describe(STATE_ENV, "--state"),
                &paths.state,
            ),
        ),
        ("backup", &backup, file("previous state", &backup)),
        ("lock", &lock, "held while a change is saved".to_string()),
    ];
    for (name, path, note) in rows {
        ctx.out.line(format!(
            "{name:<7} {}  ({note})",
            visible(&path.display().to_string())
        ));
    }
    Ok(EXIT_OK)
}
