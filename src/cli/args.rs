//! The command line's words: every subcommand, flag and argument, as clap
//! parses them and `--help`, the manual and the completions show them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0  done; for `status`, nothing is overdue or failing
  1  `status`: something is overdue or failing (`set`: the name breaks the convention)
  2  an error: bad input, or a file that cannot be read or written

Files: `hygiene paths` shows the config and state in use. HYGIENE_CONFIG,
HYGIENE_STATE and HYGIENE_TODAY (a date) stand in for --config, --state
and --as-of.";

#[derive(Debug, Parser)]
#[command(
    name = "hygiene",
    version,
    about = "Keep the accounts of your work tools in good order",
    long_about = "Keep the accounts of your work tools (WhatsApp, Slack, Teams, Zoom, ...) in good order: \
                  a checklist per tool (MFA on, display name after the naming convention, a recognisable \
                  photo, the last archive, ...), stored locally, with what is overdue impossible to miss.",
    after_help = EXIT_CODES,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The config file [env: `HYGIENE_CONFIG`]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// The state file [env: `HYGIENE_STATE`]
    #[arg(long, global = true, value_name = "PATH")]
    pub state: Option<PathBuf>,
    /// Take this day as today: YYYY-MM-DD, today, -3d, +2w [env: `HYGIENE_TODAY`]
    #[arg(long, global = true, value_name = "DATE", allow_hyphen_values = true)]
    pub as_of: Option<String>,
    /// Colour the output: auto (a terminal without `NO_COLOR`), always or never
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    pub color: Color,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what needs doing, worst first (exit 1 when something is overdue or failing)
    Status {
        /// One JSON object: `as_of`, score, summary, items (worst first), tools, expired, warnings
        #[arg(long)]
        json: bool,
        /// Only this tool
        #[arg(long, value_name = "ID", value_parser = id_arg)]
        tool: Option<String>,
        /// List every check, not only those that need action
        #[arg(long)]
        all: bool,
    },
    /// Go through what needs attention one card at a time, in the dashboard
    Review {
        /// Also everything in good standing (the yearly full check)
        #[arg(long)]
        all: bool,
        /// Only this tool
        #[arg(long, value_name = "ID", value_parser = id_arg)]
        tool: Option<String>,
        /// Cards of one item, of one tool's due checks, or of one check for
        /// every tool (default: by check for a first review, else by item)
        #[arg(long, value_enum)]
        by: Option<ReviewBy>,
    },
    /// Something went wrong: a checklist across your tools, one step at a time
    ///
    /// Starts the incident of KIND (or goes on with the open one): tell
    /// someone, then each tracked tool's own steps. In a terminal its cards
    /// open; otherwise the checklist is printed. The state keeps it.
    #[command(arg_required_else_help = true)]
    Incident(IncidentArgs),
    /// One short line for a prompt or a status bar: what needs you, or
    /// nothing when all is in order (always exit 0)
    ///
    /// Read from a small cache that any change makes stale, so it costs
    /// little more than starting the program; it never takes the lock or
    /// asks the keyring. On an error it prints `hygiene: error`.
    Bar {
        /// Whose rules to write by
        #[arg(long, value_enum, default_value_t = BarFormatArg::Plain, value_name = "FORMAT")]
        format: BarFormatArg,
        /// Print TEXT when all is in order, instead of nothing
        #[arg(long, value_name = "TEXT")]
        ok: Option<String>,
    },
    /// A desktop notification when something became overdue or to fix, or
    /// an incident is open (at most once a day; for a timer or cron)
    ///
    /// Without a notification service the same text goes to standard output,
    /// so cron mails it. --install sets up a daily systemd user timer (or
    /// prints the crontab line); --uninstall removes what it wrote.
    Remind(RemindArgs),
    /// Several devices: keep the state in a git repository and exchange it
    ///
    /// `hygiene sync init [REMOTE]` makes the state's folder a repository
    /// (or uses the one it is in) with hygiene's merge driver; `hygiene
    /// sync` commits this device's changes, fetches, merges check by check
    /// (the newest answer wins) and pushes.
    Sync {
        #[command(subcommand)]
        action: Option<SyncCommand>,
    },
    /// The merge driver git calls for the state (`merge.hygiene.driver`)
    ///
    /// Merges THEIRS into OURS entry by entry, the newest change winning, and
    /// writes the result over OURS; exit 2, writing nothing, when a file
    /// does not parse.
    #[command(name = "merge-state")]
    MergeState {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// The file's path in the repository (for messages)
        path: Option<String>,
    },
    /// List each day's score: one line per day on which something changed
    History {
        /// One JSON object: `days`, oldest first
        #[arg(long)]
        json: bool,
    },
    /// List the tools in the catalog, marking the tracked ones
    Tools,
    /// Show one tool's checklist with the guidance for each check
    Show {
        /// A tool id, as listed by `hygiene tools`
        #[arg(value_parser = id_arg)]
        tool: String,
    },
    /// Start tracking tools (adds them to the config)
    Track {
        #[arg(required = true, value_name = "ID", value_parser = id_arg)]
        tools: Vec<String>,
    },
    /// Stop tracking tools; their history and private note stay unless --purge
    Untrack {
        #[arg(required = true, value_name = "ID", value_parser = id_arg)]
        tools: Vec<String>,
        /// Also delete the tool's recorded history and its private note
        #[arg(long)]
        purge: bool,
    },
    /// Mark a check done and verified (for archive: record an archive)
    Done {
        #[command(flatten)]
        item: ItemArgs,
        /// The day it was done (default today): YYYY-MM-DD, yesterday, -3d
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        on: Option<String>,
    },
    /// Mark a check not done
    Todo {
        #[command(flatten)]
        item: ItemArgs,
    },
    /// Mark a check not applicable to you
    Na {
        #[command(flatten)]
        item: ItemArgs,
    },
    /// Put off a check that needs doing until a date (not one in good standing)
    Snooze {
        #[command(flatten)]
        item: ItemArgs,
        /// The day it comes back: YYYY-MM-DD, +10d, +2w, +1m (a calendar month) [default: a week, +1w]
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        until: Option<String>,
    },
    /// Record a risk as accepted, with the reason
    Accept {
        #[command(flatten)]
        item: ItemArgs,
        #[arg(long, required = true, value_name = "TEXT")]
        reason: String,
    },
    /// Record a naming check's value and check it against the convention
    Set {
        #[command(flatten)]
        item: ItemArgs,
        /// The value, such as the display name: "Alex Black (MOJ)"
        value: String,
    },
    /// Attach a short note to a check ("" removes it)
    Note {
        #[command(flatten)]
        item: ItemArgs,
        /// The note; several words are joined with spaces
        #[arg(required = true, num_args = 1.., value_name = "TEXT")]
        text: Vec<String>,
    },
    /// Write a dated record of the whole review
    Export {
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: ExportFormat,
        /// Write to this file instead of standard output (`-` is standard
        /// output; `./-` a file named -)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write a commented config (asks on a terminal for what is not given)
    Init {
        #[arg(long, value_name = "NAME")]
        first: Option<String>,
        #[arg(long, value_name = "NAME")]
        last: Option<String>,
        #[arg(long, value_name = "ORG")]
        org: Option<String>,
        /// The tools to track, comma-separated: whatsapp,slack,zoom
        #[arg(long, value_name = "IDS")]
        track: Option<String>,
        /// Replace an existing config (the old one is kept as config.toml.bak)
        #[arg(long)]
        force: bool,
    },
    /// Show the files in use
    Paths,
    /// Keep a private note per tool in the system keyring (never in a file)
    Secret {
        #[command(subcommand)]
        action: SecretCommand,
    },
    /// Check the files and the keyring, and say what needs fixing (exit 1 if anything does)
    Doctor,
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    Man,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Make the state's folder a git repository with hygiene's merge driver,
    /// commit the state, and with REMOTE add it as `origin`
    Init {
        /// A git remote: a URL, an ssh address or a path
        remote: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SecretCommand {
    /// Store the tool's private note: from standard input, or typed unseen on a terminal
    Set {
        /// A tool id
        #[arg(value_parser = id_arg)]
        tool: String,
    },
    /// Print the tool's private note
    Show {
        #[arg(value_parser = id_arg)]
        tool: String,
    },
    /// Remove the tool's private note from the keyring
    Rm {
        #[arg(value_parser = id_arg)]
        tool: String,
    },
    /// List the tools that have a private note (never the notes)
    List,
}

#[derive(Debug, Args)]
pub struct ItemArgs {
    /// A tracked tool id (or a shared account's: microsoft365, google, apple)
    #[arg(value_parser = id_arg)]
    pub tool: String,
    /// A check id (`hygiene show TOOL` lists them)
    #[arg(value_parser = id_arg)]
    pub check: String,
}

/// Ids are lowercase slugs: `WhatsApp MFA` means `whatsapp mfa`.
#[expect(
    clippy::unnecessary_wraps,
    reason = "the shape clap asks of a value parser"
)]
fn id_arg(text: &str) -> std::result::Result<String, std::convert::Infallible> {
    Ok(text.to_ascii_lowercase())
}

/// `hygiene incident`'s arguments.
#[derive(Debug, Args)]
pub struct IncidentArgs {
    /// What went wrong
    #[arg(value_enum, required_unless_present = "list")]
    pub kind: Option<IncidentKindArg>,
    /// Only these tools (default: every tracked tool)
    #[arg(long, value_name = "ID", value_parser = id_arg)]
    pub tool: Vec<String>,
    /// List the open incidents (with --all, the closed ones too)
    #[arg(long, conflicts_with_all = ["kind", "done", "set_aside", "dismiss", "print"])]
    pub list: bool,
    /// With --list: the closed incidents too
    #[arg(long, requires = "list")]
    pub all: bool,
    /// Mark these steps of the open incident of KIND done
    #[arg(long, value_name = "STEP", num_args = 1..)]
    pub done: Vec<String>,
    /// Set these steps aside: they do not apply
    #[arg(long = "set-aside", value_name = "STEP", num_args = 1..)]
    pub set_aside: Vec<String>,
    /// Close the open incident of KIND as it stands
    #[arg(long, conflicts_with_all = ["done", "set_aside"])]
    pub dismiss: bool,
    /// Print the checklist, even in a terminal
    #[arg(long)]
    pub print: bool,
}

/// What went wrong, for `hygiene incident`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IncidentKindArg {
    /// A device that reaches your work tools was lost or stolen
    LostDevice,
    /// Someone may have reached one of your accounts
    SuspectedAccess,
    /// A message or file went to the wrong people, or above what the tool may carry
    SharedByMistake,
    /// Someone left or moved, or the team changed
    Leaving,
}

impl From<IncidentKindArg> for hygiene_core::incident::Kind {
    fn from(k: IncidentKindArg) -> Self {
        use hygiene_core::incident::Kind;
        match k {
            IncidentKindArg::LostDevice => Kind::LostDevice,
            IncidentKindArg::SuspectedAccess => Kind::SuspectedAccess,
            IncidentKindArg::SharedByMistake => Kind::SharedByMistake,
            IncidentKindArg::Leaving => Kind::Leaving,
        }
    }
}

/// How `hygiene review --by` puts the items on cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewBy {
    Item,
    Tool,
    Check,
}

impl From<ReviewBy> for hygiene_core::engine::Grouping {
    fn from(by: ReviewBy) -> Self {
        match by {
            ReviewBy::Item => Self::Item,
            ReviewBy::Tool => Self::Tool,
            ReviewBy::Check => Self::Check,
        }
    }
}

/// `hygiene remind`'s arguments.
#[derive(Debug, Args)]
pub struct RemindArgs {
    /// Send one now, whatever was sent before (and remember nothing)
    #[arg(long, conflicts_with_all = ["install", "uninstall"])]
    pub test: bool,
    /// Remind every day: a systemd user timer, a `LaunchAgent` on macOS,
    /// else the crontab line to add
    #[arg(long, conflicts_with = "uninstall")]
    pub install: bool,
    /// With --install: the time of day, HH:MM
    #[arg(long, value_name = "HH:MM", requires = "install")]
    pub at: Option<String>,
    /// Stop and remove exactly what --install wrote
    #[arg(long)]
    pub uninstall: bool,
    /// With --install or --uninstall: print what would be done, and do nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// The consumers `hygiene bar` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BarFormatArg {
    /// The text alone (a shell prompt, starship)
    Plain,
    /// tmux's status line: `#[fg=…]` colours
    Tmux,
    /// waybar's custom module (`return-type: json`)
    Waybar,
    /// An i3status-rust custom block (`json = true`)
    I3bar,
    /// polybar's custom/script module: `%{F#…}` colours
    Polybar,
    /// The counts as one JSON object, for your own scripts
    Json,
}

impl From<BarFormatArg> for hygiene_core::report::bar::BarFormat {
    fn from(f: BarFormatArg) -> Self {
        match f {
            BarFormatArg::Plain => Self::Plain,
            BarFormatArg::Tmux => Self::Tmux,
            BarFormatArg::Waybar => Self::Waybar,
            BarFormatArg::I3bar => Self::I3bar,
            BarFormatArg::Polybar => Self::Polybar,
            BarFormatArg::Json => Self::Json,
        }
    }
}

impl Command {
    /// Whether the command may change the state (its summary for the bar
    /// is then brought up to date, where one is kept).
    pub fn may_write(&self) -> bool {
        match self {
            Command::Review { .. }
            | Command::Incident(_)
            | Command::Track { .. }
            | Command::Untrack { .. }
            | Command::Done { .. }
            | Command::Todo { .. }
            | Command::Na { .. }
            | Command::Snooze { .. }
            | Command::Accept { .. }
            | Command::Set { .. }
            | Command::Note { .. }
            | Command::Init { .. }
            | Command::Sync { .. } => true,
            Command::Status { .. }
            | Command::Bar { .. }
            | Command::Remind(_)
            | Command::MergeState { .. }
            | Command::History { .. }
            | Command::Tools
            | Command::Show { .. }
            | Command::Export { .. }
            | Command::Paths
            | Command::Secret { .. }
            | Command::Doctor
            | Command::Completions { .. }
            | Command::Man => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
    Csv,
    Ics,
}
