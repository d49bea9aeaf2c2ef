//! The command line: argument parsing, one file per group of subcommands,
//! output, and exit codes (0 all in order, 1 something overdue or failing,
//! 2 any error).

mod args;
mod bar;
mod checks;
mod doctor;
mod export;
mod history;
mod incident;
mod init;
mod paths;
mod remind;
mod secret;
mod status;
mod sync;
mod tools;
pub mod words;

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

pub use args::{Cli, Color, Command, ExportFormat, Global, ItemArgs, SecretCommand, SyncCommand};
use clap::{CommandFactory, Parser};

use crate::Start;
use hygiene_core::error::{Error, Result, one_line};
use hygiene_core::report::Painter;
use hygiene_core::secrets::{Keyring, Secrets};
use hygiene_core::session::{Paths, Session};

pub const EXIT_OK: u8 = 0;
pub const EXIT_ATTENTION: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// What a command printed: standard output, and one-line messages for standard error.
#[derive(Debug, Default)]
pub struct Output {
    pub out: String,
    pub err: Vec<String>,
    /// Standard output is data to hand on byte for byte (a private note
    /// piped to another program), not text for a person.
    pub exact: bool,
}

impl Output {
    /// The value of an operation, its warnings said.
    pub fn done<T>(&mut self, done: hygiene_core::warning::Done<T>) -> T {
        for w in &done.warnings {
            self.warn(w);
        }
        done.value
    }

    pub fn warn(&mut self, message: impl std::fmt::Display) {
        self.err
            .push(format!("warning: {}", one_line(&message.to_string())));
    }

    pub fn line(&mut self, text: impl AsRef<str>) {
        self.out.push_str(text.as_ref());
        self.out.push('\n');
    }
}

/// Where `secret set` reads a note from.
#[derive(Debug, Clone)]
pub enum Stdin {
    /// The process's standard input: typed unseen on a terminal, else read to the end.
    Process,
    /// Given text, as if piped (tests).
    Text(String),
}

/// Everything a command needs from its surroundings.
pub struct Ctx<'a> {
    pub global: Global,
    pub paint: Painter,
    pub out: Output,
    pub secrets: &'a dyn Secrets,
    pub stdin: Stdin,
    /// Large output may go straight to standard output (the real command
    /// line), rather than into `out` (tests).
    pub stream: bool,
    /// The dashboard, where the program has one (not in tests).
    pub dashboard: Option<Dashboard>,
}

impl Ctx<'_> {
    pub fn paths(&self) -> Result<Paths> {
        Paths::resolve(self.global.config.clone(), self.global.state.clone())
    }

    pub fn session(&mut self) -> Result<Session> {
        Session::load(self.paths()?)
    }

    pub fn today(&self) -> Result<jiff::civil::Date> {
        hygiene_core::session::today(self.global.as_of.as_deref())
    }
}

/// Whether to colour, for both faces: `--color`, else anstream's rules
/// (`NO_COLOR`, `CLICOLOR`, `CLICOLOR_FORCE`, `TERM`, and whether standard
/// output is a terminal).
fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    }
}

/// Opens the dashboard: `hygiene` with no subcommand, or `hygiene review`.
/// The binary passes `tui::run`, so neither face names the other.
pub type Dashboard = fn(Paths, Option<&str>, bool, &dyn Secrets, Start) -> Result<u8>;

/// The columns to fit the list to: `COLUMNS` when set, else the terminal's
/// when standard output is one; None (one line per item) for scripts.
pub(crate) fn terminal_width() -> Option<usize> {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| (20..=10_000).contains(c));
    columns.or_else(|| {
        std::io::IsTerminal::is_terminal(&std::io::stdout())
            .then(|| ratatui::crossterm::terminal::size().ok())
            .flatten()
            .map(|(w, _)| usize::from(w))
    })
}

/// Run the command line; returns the exit code.
pub fn main(dashboard: Dashboard) -> ExitCode {
    install_panic_hook();
    keep_writes_from_killing();
    if let Some(warning) = hygiene_core::log::init() {
        flush_errors(&[format!("warning: {warning}")]);
    }
    let code = match std::panic::catch_unwind(|| run(std::env::args_os(), dashboard)) {
        Ok(code) => code,
        Err(_) => EXIT_ERROR,
    };
    ExitCode::from(code)
}

/// A write past the file-size limit (`ulimit -f`) sends SIGXFSZ, whose
/// default kills the process silently and leaves a temporary file behind.
/// With a handler in place the write fails instead (EFBIG), and the save
/// reports it and cleans up as it does for a full disk.
fn keep_writes_from_killing() {
    #[cfg(unix)]
    {
        let noticed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        if let Err(e) = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, noticed) {
            log::warn!("cannot catch SIGXFSZ: {e}");
        }
    }
}

/// A bug must still end in one line and exit 2, not a backtrace.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(std::string::ToString::to_string)
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".to_string());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(),
            "error: hygiene hit a bug ({}{place}); please report it",
            one_line(&message)
        );
    }));
}

/// Run the command line with the platform's keyring, printing the output.
pub fn run(args: impl IntoIterator<Item = OsString>, dashboard: Dashboard) -> u8 {
    let keyring = Keyring::platform();
    let (code, output, color) = run_inner(args, &keyring, Stdin::Process, Some(dashboard));
    written(flush(&output, color), code)
}

/// The exit code once the output is written: a closed pipe (`hygiene status
/// | head -1`) ends quietly with the command's own code; any other failure
/// to write (a full disk, `> /dev/full`) is an error.
fn written(result: std::io::Result<()>, code: u8) -> u8 {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            flush_errors(&[format!("error: {}", Error::Output(e))]);
            EXIT_ERROR
        }
        _ => code,
    }
}

/// The same, with standard input given: tests use an in-memory keyring and text.
pub fn run_with_input(
    args: impl IntoIterator<Item = OsString>,
    secrets: &dyn Secrets,
    stdin: Stdin,
) -> (u8, Output) {
    let (code, output, _) = run_inner(args, secrets, stdin, None);
    (code, output)
}

fn run_inner(
    args: impl IntoIterator<Item = OsString>,
    secrets: &dyn Secrets,
    stdin: Stdin,
    dashboard: Option<Dashboard>,
) -> (u8, Output, bool) {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return (clap_error(&e), Output::default(), false),
    };
    let color = use_color(cli.global.color);
    let mut ctx = Ctx {
        paint: Painter { color },
        global: cli.global,
        out: Output::default(),
        secrets,
        stdin,
        stream: dashboard.is_some(),
        dashboard,
    };
    let result = dispatch(&mut ctx, cli.command);
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            ctx.out
                .err
                .push(format!("error: {}", one_line(&words::error(&e))));
            EXIT_ERROR
        }
    };
    (code, ctx.out, color)
}

/// Print what a command produced. Text from files was made visible where it
/// was placed; this is the last guard, so that nothing but the program's own
/// colour codes reaches the terminal whatever a command forgot.
fn flush(output: &Output, color: bool) -> std::io::Result<()> {
    flush_errors(&output.err);
    let text = if output.exact {
        std::borrow::Cow::Borrowed(output.out.as_str())
    } else if color {
        hygiene_core::text::visible_keeping_colour(&output.out)
    } else {
        hygiene_core::text::visible_lines(&output.out)
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}

/// One line each on standard error, every hidden character made visible.
fn flush_errors(lines: &[String]) {
    let mut stderr = std::io::stderr().lock();
    for line in lines {
        let _ = writeln!(stderr, "{}", hygiene_core::text::visible(line));
    }
}

/// Clap's own errors, folded into one line (usage in brackets), exit 2.
fn clap_error(e: &clap::Error) -> u8 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let output = Output {
                out: e.render().to_string(),
                ..Output::default()
            };
            written(flush(&output, false), EXIT_OK)
        }
        _ => {
            let rendered = e.render().to_string();
            let mut message = Vec::new();
            let mut usage = None;
            for line in rendered.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if let Some(u) = line.strip_prefix("Usage: ") {
                    usage = Some(u.to_string());
                } else if !line.starts_with("For more information") {
                    message.push(line);
                }
            }
            let mut text = one_line(&message.join("\n"));
            if !text.starts_with("error:") {
                text = format!("error: {text}");
            }
            if let Some(u) = usage {
                let _ = write!(text, " (usage: {u})");
            }
            flush_errors(&[text]);
            EXIT_ERROR
        }
    }
}

fn dispatch(ctx: &mut Ctx, command: Option<Command>) -> Result<u8> {
    let may_write = command.as_ref().is_none_or(Command::may_write);
    let result = match command {
        None => open_dashboard(ctx, Start::Dashboard),
        Some(command) => dispatch_command(ctx, command),
    };
    if may_write && let Ok(paths) = ctx.paths() {
        // `[sync] auto`: the change committed to the state's repository.
        let (auto, device) = hygiene_core::config::sync_settings(&paths.config);
        if auto && let Err(e) = hygiene_core::sync::commit_saved(&paths, &device) {
            ctx.out.warn(format!(
                "[sync] auto: the change is saved but not committed: {e}"
            ));
        }
        // For the day the bar will see, not a date given to this command.
        hygiene_core::bar_cache::refresh(&paths);
    }
    result
}

fn open_dashboard(ctx: &mut Ctx, start: Start) -> Result<u8> {
    let paths = ctx.paths()?;
    let color = use_color(ctx.global.color);
    let dashboard = ctx.dashboard.ok_or_else(|| {
        Error::input("no dashboard here; name a command (`hygiene --help` lists them)")
    })?;
    dashboard(
        paths,
        ctx.global.as_of.as_deref(),
        color,
        ctx.secrets,
        start,
    )
}

fn dispatch_command(ctx: &mut Ctx, command: Command) -> Result<u8> {
    match command {
        Command::Review { all, tool, by } => open_dashboard(
            ctx,
            Start::Review {
                all,
                tool,
                by: by.map(Into::into),
            },
        ),
        Command::Bar { format, ok } => Ok(bar::bar(ctx, format.into(), ok.as_deref())),
        Command::Remind(args) => remind::remind(ctx, &args),
        Command::Sync { action } => sync::sync(ctx, action),
        Command::MergeState {
            base, ours, theirs, ..
        } => {
            hygiene_core::sync::merge_files(&base, &ours, &theirs)?;
            Ok(EXIT_OK)
        }
        Command::History { json } => history::history(ctx, json),
        Command::Incident(args) => incident::incident(ctx, &args),
        Command::Status { json, tool, all } => status::status(ctx, json, tool.as_deref(), all),
        Command::Tools => tools::list(ctx),
        Command::Show { tool } => tools::show(ctx, &tool),
        Command::Track { tools: ids } => tools::track(ctx, &ids),
        Command::Untrack { tools: ids, purge } => tools::untrack(ctx, &ids, purge),
        Command::Done { item, on } => checks::done(ctx, &item, on.as_deref()),
        Command::Todo { item } => checks::simple(ctx, &item, hygiene_core::ops::Op::Todo),
        Command::Na { item } => checks::simple(ctx, &item, hygiene_core::ops::Op::NotApplicable),
        Command::Snooze { item, until } => {
            checks::snooze(ctx, &item, until.as_deref().unwrap_or("+1w"))
        }
        Command::Accept { item, reason } => {
            checks::simple(ctx, &item, hygiene_core::ops::Op::Accept { reason })
        }
        Command::Set { item, value } => checks::set(ctx, &item, value),
        Command::Note { item, text } => checks::simple(
            ctx,
            &item,
            hygiene_core::ops::Op::Note {
                text: text.join(" "),
            },
        ),
        Command::Export { format, output } => export::export(ctx, format, output.as_deref()),
        Command::Init {
            first,
            last,
            org,
            track,
            force,
        } => init::init(ctx, first, last, org, track.as_deref(), force),
        Command::Paths => paths::paths(ctx),
        Command::Secret { action } => secret::secret(ctx, action),
        Command::Doctor => doctor::doctor(ctx),
        Command::Completions { shell } => {
            // The ids of the catalogs in use now (the built-in one when the
            // config cannot be read), written into the script.
            let catalog = match ctx.session() {
                Ok(session) => session.catalog,
                Err(_) => hygiene_core::catalog::Catalog::builtin()?,
            };
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut with_ids(&catalog), "hygiene", &mut buf);
            ctx.out.out.push_str(&String::from_utf8_lossy(&buf));
            Ok(EXIT_OK)
        }
        Command::Man => {
            ctx.out.out.push_str(&manual()?);
            Ok(EXIT_OK)
        }
    }
}

/// The command line for completion scripts: the arguments that take an id
/// offer `catalog`'s ids. Parsing never uses this (an id an organisation's
/// catalog adds later must still be accepted).
fn with_ids(catalog: &hygiene_core::catalog::Catalog) -> clap::Command {
    use clap::builder::PossibleValuesParser;
    let tools: Vec<String> = catalog.tools.iter().map(|t| t.id.clone()).collect();
    let mut targets = tools.clone();
    targets.extend(catalog.accounts.iter().map(|a| a.id.clone()));
    let checks: Vec<String> = catalog.checks.iter().map(|c| c.id.clone()).collect();
    let offer = |ids: &[String]| PossibleValuesParser::new(ids.to_vec());
    let mut command = Cli::command();
    for (sub, arg) in [
        ("status", "tool"),
        ("review", "tool"),
        ("show", "tool"),
        ("track", "tools"),
        ("untrack", "tools"),
    ] {
        command =
            command.mut_subcommand(sub, |s| s.mut_arg(arg, |a| a.value_parser(offer(&tools))));
    }
    for sub in ["done", "todo", "na", "snooze", "accept", "set", "note"] {
        // A changed argument goes to the end of the list: the positions keep
        // TOOL CHECK first and the value or text last.
        command = command.mut_subcommand(sub, |s| {
            let s = s
                .mut_arg("tool", |a| a.value_parser(offer(&targets)).index(1))
                .mut_arg("check", |a| a.value_parser(offer(&checks)).index(2));
            match sub {
                "set" => s.mut_arg("value", |a| a.index(3)),
                "note" => s.mut_arg("text", |a| a.index(3)),
                _ => s,
            }
        });
    }
    command.mut_subcommand("secret", |secret| {
        ["set", "show", "rm"].iter().fold(secret, |secret, sub| {
            secret.mut_subcommand(*sub, |s| {
                s.mut_arg("tool", |a| a.value_parser(offer(&tools)))
            })
        })
    })
}

/// The manual page, hygiene(1): one page, its commands described in it
/// (there are no hygiene-status(1) pages to point to).
fn manual() -> Result<String> {
    let failed = |e: std::io::Error| Error::input(format!("cannot render the manual: {e}"));
    let command = Cli::command();
    let man = clap_mangen::Man::new(command.clone());
    let mut buf = Vec::new();
    man.render_title(&mut buf).map_err(failed)?;
    man.render_name_section(&mut buf).map_err(failed)?;
    man.render_synopsis_section(&mut buf).map_err(failed)?;
    man.render_description_section(&mut buf).map_err(failed)?;
    man.render_options_section(&mut buf).map_err(failed)?;
    let mut out = String::from_utf8_lossy(&buf).into_owned();
    out.push_str(".SH COMMANDS\n");
    for mut sub in command.get_subcommands().cloned() {
        if sub.get_name() == "help" {
            continue;
        }
        let usage = sub.render_usage().to_string();
        let usage = usage.trim_start_matches("Usage: ");
        let _ = writeln!(out, ".TP\n\\fBhygiene {}\\fR", roff(usage));
        if let Some(about) = sub.get_about() {
            let _ = writeln!(out, "{}", roff(&about.to_string()));
        }
        for arg in sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && a.get_id() != "help")
        {
            let Some(help) = arg.get_help() else { continue };
            let name = match arg.get_long() {
                Some(long) => format!("--{long}"),
                None => arg.get_id().to_string().to_uppercase(),
            };
            let _ = writeln!(
                out,
                ".RS\n.TP\n{}\n{}\n.RE",
                roff(&name),
                roff(&help.to_string())
            );
        }
    }
    let mut buf = Vec::new();
    man.render_version_section(&mut buf).map_err(failed)?;
    out.push_str(&String::from_utf8_lossy(&buf));
    Ok(out)
}

/// Text for roff: backslashes and dashes escaped, no line starting with a dot.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    escaped
        .lines()
        .map(|l| {
            if l.starts_with(['.', '\'']) {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
