//! `hygiene bar`: one short line for a prompt or a status bar.

use super::{Ctx, EXIT_OK, words};
use hygiene_core::error::one_line;
use hygiene_core::report::bar::{self, BarFormat};

/// Always exit 0: a bar shows a marker for an error, never a broken module.
pub(super) fn bar(ctx: &mut Ctx, format: BarFormat, ok: Option<&str>) -> u8 {
    let attention = ctx
        .paths()
        .and_then(|paths| hygiene_core::bar_cache::attention(&paths, ctx.global.as_of.as_deref()));
    let text = match attention {
        Ok(attention) => bar::bar(&attention, format, ok),
        Err(e) => bar::bar_error(format, &one_line(&words::error(&e))),
    };
    ctx.out.out.push_str(&text);
    EXIT_OK
}
