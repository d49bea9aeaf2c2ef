//! `hygiene remind`: a desktop notification when something needs the
//! person, and `--install`/`--uninstall` for the daily timer that runs it.

mod schedule;

use std::io::IsTerminal;

use super::{Ctx, EXIT_OK};
use crate::cli::args::RemindArgs;
use hygiene_core::error::{Error, Result};
use hygiene_core::{notify, remind};

pub(super) fn remind(ctx: &mut Ctx, args: &RemindArgs) -> Result<u8> {
    if args.install || args.uninstall {
        return schedule::schedule(ctx, args);
    }
    if args.dry_run {
        return Err(Error::input("--dry-run goes with --install or --uninstall"));
    }
    let today = ctx.today()?;
    let session = ctx.session()?;
    let record = remind::record_path(&session.paths);
    let last = record
        .as_deref()
        .map(remind::read_record)
        .unwrap_or_default();
    let plan = remind::plan(&session, today, &last, args.test);
    // Quiet for a timer or cron unless there is something to say; a person
    // at a terminal is told what happened.
    let person = std::io::stdout().is_terminal();
    match (&plan.notice, &plan.quiet) {
        (Some(notice), _) => match notify::send(notice) {
            Ok(_) => {
                if person || args.test {
                    ctx.out.line(format!("Sent: {}", notice.summary));
                }
            }
            Err(why) => {
                // Where no notification can be shown, the same text on
                // standard output: cron mails it.
                ctx.out.line(&notice.summary);
                ctx.out.line(&notice.body);
                ctx.out.warn(format!("not shown as a notification: {why}"));
            }
        },
        (None, Some(quiet)) if person => ctx.out.line(format!("No reminder: {quiet}.")),
        (None, _) => {}
    }
    if !args.test
        && plan.record != last
        && let Some(path) = record
        && let Err(e) = remind::write_record(&path, &plan.record)
    {
        ctx.out.warn(format!(
            "cannot keep what was reminded in {}: {e}; the next run may remind again",
            path.display()
        ));
    }
    Ok(EXIT_OK)
}
