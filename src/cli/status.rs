//! `hygiene status`.

use super::{Ctx, EXIT_ATTENTION, EXIT_OK};
use crate::error::{Error, Result};
use crate::report::{self, Context};

pub fn status(ctx: &mut Ctx, json: bool, tool: Option<&str>, all: bool) -> Result<u8> {
    let today = ctx.today()?;
    let session = ctx.session()?;
    let mut settings = session.settings.clone();
    if let Some(id) = tool {
        let t = session.catalog.require_tool(id)?;
        if !settings.tracked.contains(&t) {
            return Err(Error::input(format!(
                "`{id}` is not tracked; track it with `hygiene track {id}`"
            )));
        }
        settings.tracked = vec![t];
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
    let text = if json {
        report::status_json(&report_ctx, &review)
    } else {
        report::status_text(&report_ctx, &review, all, ctx.paint)
    };
    ctx.out.out.push_str(&text);
    Ok(if review.summary.bad() > 0 {
        EXIT_ATTENTION
    } else {
        EXIT_OK
    })
}
