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
    let rows = [
        (
            "config",
            paths.config.as_path(),
            format!(
                "{}, {}",
                paths.config_origin.describe(CONFIG_ENV, "--config"),
                describe(&paths.config)
            ),
        ),
        (
            "state",
            paths.state.as_path(),
            format!(
                "{}, {}",
                paths.state_origin.describe(STATE_ENV, "--state"),
                describe(&paths.state)
            ),
        ),
        (
            "backup",
            &store::backup_path(&paths.state),
            format!(
                "previous state, {}",
                describe(&store::backup_path(&paths.state))
            ),
        ),
        (
            "lock",
            &store::lock_path(&paths.state),
            "held while a change is saved".to_string(),
        ),
    ];
    for (name, path, note) in rows {
        ctx.out
            .line(format!("{name:<7} {}  ({note})", path.display()));
    }
    Ok(EXIT_OK)
}
