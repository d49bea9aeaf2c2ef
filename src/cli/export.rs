//! `hygiene export`.

use std::path::Path;

use super::{Ctx, EXIT_OK, ExportFormat};
use hygiene_core::error::Result;
use hygiene_core::report::{self, Context};
use hygiene_core::store;

pub(super) fn export(ctx: &mut Ctx, format: ExportFormat, output: Option<&Path>) -> Result<u8> {
    let today = ctx.today()?;
    let session = ctx.session()?;
    let review = session.review(today);
    for w in &review.warnings {
        ctx.out.warn(w);
    }
    let report_ctx = Context {
        catalog: &session.catalog,
        settings: &session.settings,
        state: &session.state,
    };
    let text = match format {
        ExportFormat::Markdown => report::export_markdown(&report_ctx, &review),
        ExportFormat::Json => report::export_json(&report_ctx, &review),
        ExportFormat::Csv => report::export_csv(&report_ctx, &review),
        ExportFormat::Ics => {
            let done = session.export_calendar(&review)?;
            for w in &done.warnings {
                ctx.out.warn(w);
            }
            done.value
        }
    };
    // `-` is standard output, as every Unix tool reads it (`./-` is a file).
    match output.filter(|p| p.as_os_str() != "-") {
        None => ctx.out.out.push_str(&text),
        Some(path) => {
            let mut own = vec![
                session.paths.config.clone(),
                session.paths.state.clone(),
                session.paths.calendar(),
            ];
            own.extend(session.config.include_paths());
            for w in store::write_output(path, text.as_bytes(), &own)? {
                ctx.out.warn(w);
            }
            ctx.out.line(format!("Wrote {}.", path.display()));
        }
    }
    Ok(EXIT_OK)
}
