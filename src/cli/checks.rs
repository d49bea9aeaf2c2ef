//! `hygiene done`, `todo`, `na`, `snooze`, `accept`, `set` and `note`.

use jiff::civil::Date;

use super::{Ctx, EXIT_ATTENTION, EXIT_OK, ItemArgs};
use hygiene_core::dates;
use hygiene_core::engine::{Failure, Standing};
use hygiene_core::error::{Error, Result};
use hygiene_core::ops::{Change, Op};
use hygiene_core::report;
use hygiene_core::store::LOCK_WAIT;

fn perform(ctx: &mut Ctx, item: &ItemArgs, op: Op, today: Date) -> Result<Standing> {
    let mut session = ctx.session()?;
    let (tool, check) = session.target(&item.tool, &item.check)?;
    let change = Change {
        tool: session.catalog.tools[tool].id.clone(),
        check: session.catalog.checks[check].id.clone(),
        op,
    };
    let applied = session.apply(&change, today, LOCK_WAIT)?;
    ctx.out.done(applied);
    let mut settings = session.settings.clone();
    settings.tracked = vec![tool];
    let review = session.review_for(&settings, today);
    for w in &review.warnings {
        ctx.out.warn(w);
    }
    let it = review
        .items
        .iter()
        .find(|i| i.check == check)
        .ok_or_else(|| Error::input(format!("`{}` has no check `{}`", item.tool, item.check)))?;
    let c = &session.catalog.checks[check];
    let when = report::when(it, today);
    // Said as asked: `microsoft365 mfa` for an account, `teams mfa` for a tool.
    ctx.out.line(format!(
        "{} {}: {} {}{}",
        item.tool,
        c.id,
        it.standing.symbol(),
        it.standing.label(),
        if when.is_empty() {
            String::new()
        } else {
            format!(", {when}")
        }
    ));
    Ok(it.standing.clone())
}

pub(super) fn done(ctx: &mut Ctx, item: &ItemArgs, on: Option<&str>) -> Result<u8> {
    let today = ctx.today()?;
    let on = match on {
        None => today,
        Some(text) => dates::parse(text, today).map_err(|e| Error::input(format!("--on: {e}")))?,
    };
    perform(ctx, item, Op::Done { on }, today)?;
    Ok(EXIT_OK)
}

pub(super) fn snooze(ctx: &mut Ctx, item: &ItemArgs, until: &str) -> Result<u8> {
    let today = ctx.today()?;
    let until = dates::parse(until, today).map_err(|e| Error::input(format!("--until: {e}")))?;
    perform(ctx, item, Op::Snooze { until }, today)?;
    Ok(EXIT_OK)
}

pub(crate) fn simple(ctx: &mut Ctx, item: &ItemArgs, op: Op) -> Result<u8> {
    let today = ctx.today()?;
    perform(ctx, item, op, today)?;
    Ok(EXIT_OK)
}

pub(super) fn set(ctx: &mut Ctx, item: &ItemArgs, value: String) -> Result<u8> {
    let today = ctx.today()?;
    let standing = perform(ctx, item, Op::SetValue { value, on: today }, today)?;
    match standing {
        Standing::Failing(Failure::NameDiffers {
            expected,
            look_alike,
        }) => {
            let why = look_alike
                .map(|marked| format!("; {}", hygiene_core::naming::look_alike_words(&marked)))
                .unwrap_or_default();
            ctx.out.line(format!(
                "The name does not follow the convention: expected \u{201c}{expected}\u{201d}{why}."
            ));
            Ok(EXIT_ATTENTION)
        }
        Standing::Failing(Failure::NameShape { template }) => {
            ctx.out.line(format!(
                "The name does not have the convention's form \u{201c}{template}\u{201d}."
            ));
            Ok(EXIT_ATTENTION)
        }
        _ => {
            ctx.out.line("The name follows the convention.");
            Ok(EXIT_OK)
        }
    }
}
