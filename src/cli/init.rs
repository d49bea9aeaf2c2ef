//! `hygiene init`: write a commented config.

use std::io::{BufRead, IsTerminal, Write};

use super::{Ctx, EXIT_OK};
use hygiene_core::catalog::Catalog;
use hygiene_core::error::{Error, Result};
use hygiene_core::naming::Identity;
use hygiene_core::session::create_config;
use hygiene_core::store;

pub(super) fn init(
    ctx: &mut Ctx,
    first: Option<String>,
    last: Option<String>,
    org: Option<String>,
    track: Option<&str>,
    force: bool,
) -> Result<u8> {
    let paths = ctx.paths()?;
    let path = &paths.config;
    let exists = || {
        Error::input(format!(
            "{} already exists; pass --force to replace it (the old one is kept as {})",
            path.display(),
            store::backup_path(path).display()
        ))
    };
    // Said before any question is asked; asked again under the lock below.
    if store::read_text(path)?.is_some() && !force {
        return Err(exists());
    }
    for (name, value) in [("first", &first), ("last", &last), ("org", &org)] {
        if let Some(value) = value {
            Identity::check_field(name, value).map_err(Error::input)?;
        }
    }
    let catalog = Catalog::builtin()?;
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let mut identity = Identity { first, last, org };
    let mut tools = match track {
        Some(ids) => parse_tools(&catalog, ids)?,
        None => Vec::new(),
    };
    if interactive {
        ask_missing(&catalog, &mut identity, &mut tools, track.is_none())?;
    }
    // Another `init`, `track` or the dashboard may have written a config
    // since the first look: without --force, theirs stays.
    let today = ctx.today()?;
    let created = create_config(&paths, &identity, &tools, force, today).map_err(|e| match e {
        Error::Exists { .. } => exists(),
        e => e,
    })?;
    ctx.out.done(created);
    ctx.out.line(format!("Wrote {}.", path.display()));
    if tools.is_empty() {
        ctx.out
            .line("Track your tools with `hygiene track ID...` (`hygiene tools` lists them).");
    } else {
        ctx.out.line("`hygiene status` shows what to do first.");
    }
    Ok(EXIT_OK)
}

/// "whatsapp, slack" → ids, each checked against the catalog.
fn parse_tools(catalog: &Catalog, list: &str) -> Result<Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    for id in list
        .split([',', ' '])
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
    {
        let id = id.as_str();
        catalog
            .require_tool(id)
            .map_err(|e| Error::input(format!("--track: {e}")))?;
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    }
    Ok(ids)
}

fn ask(question: &str) -> Result<String> {
    let mut stderr = std::io::stderr();
    let _ = write!(stderr, "{question}");
    let _ = stderr.flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Error::input(format!("cannot read the answer: {e}")))?;
    Ok(answer.trim().to_string())
}

fn ask_missing(
    catalog: &Catalog,
    identity: &mut Identity,
    tools: &mut Vec<String>,
    ask_tools: bool,
) -> Result<()> {
    for (slot, name, question) in [
        (
            &mut identity.first,
            "first",
            "First name (for the naming conventions): ",
        ),
        (&mut identity.last, "last", "Last name: "),
        (
            &mut identity.org,
            "org",
            "Organisation, as written in names (e.g. MOJ): ",
        ),
    ] {
        while slot.is_none() {
            let answer = ask(question)?;
            if answer.is_empty() {
                break;
            }
            match Identity::check_field(name, &answer) {
                Ok(()) => *slot = Some(answer),
                Err(e) => eprintln!("{}", hygiene_core::text::visible(&e)),
            }
        }
    }
    if ask_tools {
        let ids: Vec<&str> = catalog.tools.iter().map(|t| t.id.as_str()).collect();
        eprintln!("Known tools: {}", ids.join(", "));
        loop {
            let answer = ask("Tools you use, separated by commas (empty for none yet): ")?;
            match parse_tools(catalog, &answer) {
                Ok(list) => {
                    *tools = list;
                    break;
                }
                Err(e) => eprintln!("{e}"),
            }
        }
    }
    Ok(())
}
