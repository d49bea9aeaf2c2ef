//! `hygiene export`.

use std::path::Path;

use super::{Ctx, EXIT_OK, ExportFormat};
use crate::error::{Error, Result};
use crate::report::{self, Context};
use crate::store;

pub fn export(ctx: &mut Ctx, format: ExportFormat, output: Option<&Path>) -> Result<u8> {
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
        ExportFormat::Ics => report::export_ics(&report_ctx, &review),
    };
    match output {
        None => ctx.out.out.push_str(&text),
        Some(path) => {
            let same = |other: &Path| {
                path == other
                    || matches!(
                        (std::fs::canonicalize(path), std::fs::canonicalize(other)),
                        (Ok(a), Ok(b)) if a == b
                    )
            };
            if same(&session.paths.state) || same(&session.paths.config) {
                return Err(Error::input(format!(
                    "{} is hygiene's own file; export to another file",
                    path.display()
                )));
            }
            store::write_atomic(path, text.as_bytes(), false)?;
            ctx.out.line(format!("Wrote {}.", path.display()));
        }
    }
    Ok(EXIT_OK)
}
