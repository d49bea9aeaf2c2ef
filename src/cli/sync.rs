//! `hygiene sync init [REMOTE]` and `hygiene sync`.

use super::{Ctx, EXIT_OK, SyncCommand};
use hygiene_core::error::{Error, Result};

pub(super) fn sync(ctx: &mut Ctx, action: Option<SyncCommand>) -> Result<u8> {
    let session = ctx.session()?;
    let device = session.settings.device.clone();
    match action {
        Some(SyncCommand::Init { remote }) => {
            let program = std::env::current_exe()
                .and_then(std::fs::canonicalize)
                .map_err(|e| Error::input(format!("cannot tell where this program is: {e}")))?;
            let done =
                hygiene_core::sync::init(&session.paths, &device, remote.as_deref(), &program)?;
            ctx.out.line(if done.created {
                format!(
                    "Made {} a git repository with hygiene's merge driver, and committed the state.",
                    done.dir.display()
                )
            } else {
                format!(
                    "Registered hygiene's merge driver in the git repository that holds {}, and committed the state.",
                    done.dir.display()
                )
            });
            match &done.remote {
                Some(remote) => ctx.out.line(format!(
                    "origin is {remote}; `hygiene sync` exchanges with it."
                )),
                None => ctx.out.line(
                    "No remote yet: `hygiene sync init REMOTE` adds one, then `hygiene sync`.",
                ),
            }
        }
        None => {
            let synced = hygiene_core::sync::sync(&session.paths, &device)?;
            ctx.out.line(synced.words());
        }
    }
    Ok(EXIT_OK)
}
