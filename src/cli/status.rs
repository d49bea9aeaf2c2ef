//! `hygiene status`.

use super::{Ctx, EXIT_ATTENTION, EXIT_OK, terminal_width};
use hygiene_core::error::{Error, Result};
use hygiene_core::report::{self, Context};
use std::io::IsTerminal;

pub(super) fn status(ctx: &mut Ctx, json: bool, tool: Option<&str>, all: bool) -> Result<u8> {
    let today = ctx.today()?;
    let session = ctx.session()?;
    let mut settings = session.settings.clone();
    if let Some(id) = tool {
        settings.tracked = vec![session.require_tracked(id)?];
    }
    let review = session.review_for(&settings, today);
    for w in &review.warnings {
        ctx.out.warn(w);
    }
    let report_ctx = Context {
        catalog: &session.catalog,
        settings: &settings,
        state: &session.state,
    };
    let pretty = std::io::stdout().is_terminal();
    let text = if json && ctx.stream {
        // Warnings first, then the object straight to standard output.
        super::flush_errors(&std::mem::take(&mut ctx.out.err));
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let written = report::write_status_json(&report_ctx, &review, pretty, &mut out)
            .and_then(|()| std::io::Write::flush(&mut out));
        match written {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                return Err(Error::Output(e));
            }
            _ => {}
        }
        String::new()
    } else if json {
        report::status_json(&report_ctx, &review, pretty)
    } else {
        report::status_text(&report_ctx, &review, all, ctx.paint, terminal_width())
    };
    ctx.out.out.push_str(&text);
    let code = if review.summary.bad() > 0 {
        EXIT_ATTENTION
    } else {
        EXIT_OK
    };
    Ok(code)
}
