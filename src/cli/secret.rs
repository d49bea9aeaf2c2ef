//! `hygiene secret set|show|rm|list`: private notes in the system keyring.

use std::io::{IsTerminal, Read, Write};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal;

use super::{Ctx, EXIT_OK, SecretCommand, Stdin};
use hygiene_core::error::{Error, Result};
use hygiene_core::secrets::MAX_SECRET;
use hygiene_core::session::Session;
use hygiene_core::text::visible;

pub(super) fn secret(ctx: &mut Ctx<'_>, action: SecretCommand) -> Result<u8> {
    match action {
        SecretCommand::Set { tool } => set(ctx, &tool),
        SecretCommand::Show { tool } => show(ctx, &tool),
        SecretCommand::Rm { tool } => rm(ctx, &tool),
        SecretCommand::List => list(ctx),
    }
}

/// A tool id the catalog knows, or one the state records a note for.
fn tool_id(session: &Session, id: &str) -> Result<String> {
    if session.state.private_notes.contains(id) {
        return Ok(id.to_string());
    }
    let t = session.catalog.require_tool(id)?;
    Ok(session.catalog.tools[t].id.clone())
}

fn set(ctx: &mut Ctx<'_>, id: &str) -> Result<u8> {
    let session = ctx.session()?;
    let tool = tool_id(&session, id)?;
    let text = read_note(&tool, &ctx.stdin)?;
    let saved = session.save_note(ctx.secrets, &tool, &text)?;
    ctx.out.done(saved);
    ctx.out
        .line(format!("Private note for {tool} stored in the keyring."));
    Ok(EXIT_OK)
}

/// The note: typed unseen on a terminal, or all of standard input (one
/// final line break dropped).
fn read_note(tool: &str, stdin: &Stdin) -> Result<String> {
    let text = match stdin {
        Stdin::Process if std::io::stdin().is_terminal() => prompt_hidden(&format!(
            "Private note for {tool} (not shown as you type; enter ends it): "
        ))?,
        Stdin::Process => read_piped(std::io::stdin())?,
        Stdin::Text(text) => text.clone(),
    };
    let text = text.strip_suffix('\n').unwrap_or(&text);
    let text = text.strip_suffix('\r').unwrap_or(text).to_string();
    if text.trim().is_empty() {
        return Err(Error::input(format!(
            "the note is empty; `hygiene secret rm {tool}` removes a note"
        )));
    }
    Ok(text)
}

/// A note piped in: read as bytes up to a bound, so that a longer input is
/// said to be longer (not counted as the part that was read), then as text.
fn read_piped(input: impl Read) -> Result<String> {
    // Four bytes a character at the most, and a line break or two.
    let limit = MAX_SECRET as u64 * 4 + 8;
    let mut bytes = Vec::new();
    input
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::input(format!("cannot read the note from standard input: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(Error::input(format!(
            "the private note is more than {MAX_SECRET} characters long; at most {MAX_SECRET} are allowed"
        )));
    }
    String::from_utf8(bytes)
        .map_err(|_| Error::input("cannot read the note from standard input: it is not UTF-8 text"))
}

/// Read one line from the terminal without echoing it.
fn prompt_hidden(question: &str) -> Result<String> {
    let mut stderr = std::io::stderr();
    let _ = write!(stderr, "{question}");
    let _ = stderr.flush();
    let failed = |source: std::io::Error| Error::Terminal {
        action: "read from",
        source,
    };
    terminal::enable_raw_mode().map_err(failed)?;
    let mut text = String::new();
    let result = loop {
        match event::read() {
            Ok(Event::Key(key)) if key.kind == KeyEventKind::Press => match key.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Char('c' | 'd') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err(Error::input("cancelled; nothing was stored"));
                }
                KeyCode::Backspace => {
                    text.pop();
                }
                KeyCode::Char(c) => text.push(c),
                _ => {}
            },
            Ok(Event::Paste(pasted)) => text.push_str(&pasted),
            Ok(_) => {}
            Err(e) => break Err(failed(e)),
        }
    };
    let _ = terminal::disable_raw_mode();
    let _ = writeln!(stderr);
    result.map(|()| text)
}

fn show(ctx: &mut Ctx<'_>, id: &str) -> Result<u8> {
    let session = ctx.session()?;
    let tool = tool_id(&session, id)?;
    match ctx.secrets.get(&tool)? {
        Some(text) => {
            // Piped (`| wl-copy`), the note goes on byte for byte; on a
            // terminal, anything in it that the terminal would act on is shown.
            ctx.out.exact = ctx.stream && !std::io::stdout().is_terminal();
            ctx.out.line(text);
            Ok(EXIT_OK)
        }
        None if session.state.private_notes.contains(&tool) => Err(Error::input(format!(
            "the state records a private note for {tool}, but the keyring has none (removed elsewhere?); `hygiene secret set {tool}` stores a new one"
        ))),
        None => Err(Error::input(format!("no private note for {tool}"))),
    }
}

fn rm(ctx: &mut Ctx<'_>, id: &str) -> Result<u8> {
    let session = ctx.session()?;
    let tool = tool_id(&session, id)?;
    let forgotten = session.forget_note(ctx.secrets, &tool)?;
    if ctx.out.done(forgotten) {
        ctx.out.line(format!("Private note for {tool} removed."));
        Ok(EXIT_OK)
    } else {
        Err(Error::input(format!("no private note for {tool}")))
    }
}

fn list(ctx: &mut Ctx<'_>) -> Result<u8> {
    let session = ctx.session()?;
    if session.state.private_notes.is_empty() {
        ctx.out.err.push("No private notes.".to_string());
        return Ok(EXIT_OK);
    }
    for tool in &session.state.private_notes {
        match ctx.secrets.exists(tool) {
            Ok(true) => ctx.out.line(visible(tool)),
            Ok(false) => {
                ctx.out.line(visible(tool));
                ctx.out.warn(format!(
                    "the keyring has no note for {tool}, though the state records one"
                ));
            }
            Err(e) => {
                ctx.out.line(visible(tool));
                ctx.out.warn(format!("cannot check the keyring: {e}"));
                // Listing the rest from the state is still right.
                for rest in session
                    .state
                    .private_notes
                    .iter()
                    .skip_while(|t| *t != tool)
                    .skip(1)
                {
                    ctx.out.line(visible(rest));
                }
                break;
            }
        }
    }
    Ok(EXIT_OK)
}
