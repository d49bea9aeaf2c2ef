//! The terminal dashboard: `hygiene` with no subcommand, on a terminal.
//!
//! One model ([`app::App`]), one `update` ([`update::update`]) that turns an
//! [`action::Action`] into a change of the model and maybe an
//! [`action::Effect`], and a view ([`ui::render`]) that only reads the model.
//! This loop reads events, performs effects (the disk and the keyring), and
//! draws. It waits for events and uses no CPU when idle.

pub mod action;
pub mod app;
pub mod help;
pub mod keymap;
pub mod layout;
pub mod term;
pub mod theme;
pub mod ui;
pub mod update;
pub mod words;

use std::io::{self, IsTerminal, Write as _};
use std::path::Path;
use std::time::{Duration, SystemTime};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use action::{Action, Effect};
use app::{App, Mode, Undo};
use hygiene_core::error::{Error, Result};
use hygiene_core::secrets::Secrets;
use hygiene_core::session::{self, Paths, Session, TrackedDay};
use hygiene_core::warning::Done;
use keymap::Keymap;
use keymap::{EditorKey, HelpKey};

/// How long a dashboard change waits for another process's lock.
pub const LOCK_WAIT: Duration = Duration::from_secs(2);
/// How often, when idle, the dashboard looks whether its files changed on disk.
pub const FILE_CHECK: Duration = Duration::from_secs(2);

/// Open the dashboard; returns the exit code.
pub fn run(
    paths: Paths,
    as_of: Option<&str>,
    color: bool,
    secrets: &dyn Secrets,
    start: crate::Start,
) -> Result<u8> {
    let today = session::today(as_of)?;
    let fixed_today =
        as_of.is_some() || std::env::var_os(session::TODAY_ENV).is_some_and(|v| !v.is_empty());
    // A file that does not parse, or keys that do not, stop here, before
    // the terminal is touched. The keys are the dashboard's alone: a mistake
    // in them never stops a command.
    let session = Session::load(paths)?;
    let keymap = Keymap::from_config(&session.config)?;
    // `hygiene review --tool ID`: the tool must be tracked.
    let review_tool = match &start {
        crate::Start::Review { tool: Some(id), .. } => Some(session.require_tracked(id)?),
        _ => None,
    };
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        let what = match start {
            crate::Start::Dashboard => "the dashboard needs",
            crate::Start::Review { .. } => "the review needs",
        };
        return Err(Error::input(format!(
            "{what} a terminal, and this is not one; for scripts and cron use `hygiene status` (or `hygiene status --json`)"
        )));
    }
    // A tool tracked before its day was recorded is seen today: its first
    // review is due a set time from now. Best effort: a state that cannot be
    // written now says so at the first change.
    if let Err(e) = session.record_missing_tracked_days(today).map(|done| {
        for w in done.warnings {
            log::warn!("{w}");
        }
    }) {
        log::warn!("the day tracking was first seen is not recorded: {e}");
    }
    let mut app = App::new(session, today, fixed_today, keymap);
    app.color = color;
    if let crate::Start::Review { all, .. } = start
        && !matches!(app.mode, app::Mode::Onboarding(_))
    {
        update::review::start(&mut app, all, review_tool);
        if app.guided.is_none() {
            // Nothing to go through: say so, without taking the terminal.
            let text = app.status.map(|s| s.text).unwrap_or_default();
            let _ = writeln!(io::stdout(), "{}", hygiene_core::text::visible(&text));
            return Ok(0);
        }
    }

    let guard = term::Guard::enter().map_err(|source| Error::Terminal {
        action: "set up",
        source,
    })?;
    let result = event_loop(&mut app, secrets);
    drop(guard);
    result.map(|()| 0)
}

/// The files' identity on disk, to notice changes made elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp(Option<(SystemTime, u64, u64)>);

fn stamp(path: &Path) -> Stamp {
    Stamp(std::fs::metadata(path).ok().map(|m| {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&m);
        #[cfg(not(unix))]
        let inode = 0;
        (
            m.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            m.len(),
            inode,
        )
    }))
}

struct Watch {
    state: Stamp,
    config: Stamp,
}

impl Watch {
    fn now(paths: &Paths) -> Watch {
        Watch {
            state: stamp(&paths.state),
            config: stamp(&paths.config),
        }
    }
}

fn event_loop(app: &mut App, secrets: &dyn Secrets) -> Result<()> {
    let io_err = |source: io::Error| Error::Terminal {
        action: "use",
        source,
    };
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout())).map_err(io_err)?;
    let mut watch = Watch::now(&app.session.paths);
    // Start crossterm's event source (and its SIGWINCH handler) before the
    // first frame: a resize between that frame and the first look for events
    // would otherwise go unseen, and the screen would keep a frame of the
    // wrong size until something else happened.
    event::poll(Duration::ZERO).map_err(io_err)?;
    // A trigger for the harness that proves a panic gives the terminal back;
    // its name says it is for tests, so nobody sets it by accident.
    let panic_on_f12 = std::env::var_os("HYGIENE_TEST_ONLY_PANIC_ON_F12").is_some();
    // Draw only when something happened: idle, the loop wakes every two
    // seconds to look at the files and the date, and does nothing else.
    let mut dirty = true;
    let mut resized = false;
    loop {
        if dirty {
            let _out = term::OUTPUT
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            // The size is read at every frame, not only taken from resize
            // events: one that came before the event source existed is
            // never reported, and the frame must fit the terminal as it is.
            let size = terminal.size().map_err(io_err)?;
            if (size.width, size.height) != app.size {
                update::update(
                    app,
                    Action::Resize {
                        width: size.width,
                        height: size.height,
                    },
                );
                resized = true;
            }
            if resized {
                // The terminal may have reflowed or dropped what was on it,
                // even when the size ends where it began: draw every cell.
                // (`Terminal::resize`: `clear` would ask the terminal where
                // its cursor is, and wait for the answer.)
                terminal
                    .resize(ratatui::layout::Rect::from((
                        ratatui::layout::Position::ORIGIN,
                        size,
                    )))
                    .map_err(io_err)?;
                resized = false;
            }
            terminal
                .draw(|frame| ui::render(app, frame))
                .map_err(io_err)?;
        }
        if app.quit {
            return Ok(());
        }
        dirty = false;
        if event::poll(FILE_CHECK).map_err(io_err)? {
            dirty = true;
            // Take every event that is already waiting, then draw once.
            loop {
                let event = event::read().map_err(io_err)?;
                resized |= matches!(event, Event::Resize(..));
                assert!(
                    !(panic_on_f12 && matches!(&event, Event::Key(k) if k.code == KeyCode::F(12))),
                    "the test trigger (F12 with HYGIENE_TEST_ONLY_PANIC_ON_F12 set)"
                );
                if handle(app, &event, secrets) {
                    watch = Watch::now(&app.session.paths);
                }
                // The shortest wait, not zero: crossterm's tty source does not
                // look for buffered input at all when given a zero timeout.
                if app.quit || !event::poll(Duration::from_micros(1)).map_err(io_err)? {
                    break;
                }
            }
        }
        dirty |= tick(app, &mut watch);
    }
}

/// Handle one terminal event: translate it, update the model, and perform
/// any effect (whose answer goes through `update` too). Returns whether an
/// effect touched the disk or the keyring.
pub fn handle(app: &mut App, event: &Event, secrets: &dyn Secrets) -> bool {
    let mut performed = false;
    for action in translate(app, event) {
        let mut next = Some(action);
        while let Some(action) = next.take() {
            if let Some(effect) = update::update(app, action) {
                next = Some(perform(app, effect, secrets));
                performed = true;
            }
        }
    }
    performed
}

/// The day changed, or a file changed outside the dashboard: read again.
/// Returns whether anything did.
fn tick(app: &mut App, watch: &mut Watch) -> bool {
    let mut changed = false;
    if !app.fixed_today {
        let today = hygiene_core::dates::system_today();
        if today != app.today {
            update::update(app, Action::DayChanged(today));
            changed = true;
        }
    }
    let now = Watch::now(&app.session.paths);
    if now.state != watch.state || now.config != watch.config {
        changed = true;
        *watch = now;
        let action = match Session::load(app.session.paths.clone()) {
            Ok(session) => Action::Loaded {
                session: Box::new(session),
                undo: None,
                message: Some("Read again: the files changed outside the dashboard".into()),
                undoing: false,
                warnings: Vec::new(),
            },
            Err(e) => Action::Failed(format!("{e}; still showing the last good version")),
        };
        update::update(app, action);
    }
    changed
}

/// Turn a terminal event into actions, by the mode the dashboard is in.
pub(crate) fn translate(app: &App, event: &Event) -> Vec<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            key_action(app, key).into_iter().collect()
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => vec![Action::Click {
                column: mouse.column,
                row: mouse.row,
            }],
            MouseEventKind::ScrollDown => vec![Action::Scroll { down: true }],
            MouseEventKind::ScrollUp => vec![Action::Scroll { down: false }],
            _ => Vec::new(),
        },
        Event::Resize(width, height) => vec![Action::Resize {
            width: *width,
            height: *height,
        }],
        Event::Paste(text) if text_entry(app) => text
            .chars()
            .filter(|c| !c.is_control())
            .map(|c| Action::Edit(tui_input::InputRequest::InsertChar(c)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether keys go into a text field now.
fn text_entry(app: &App) -> bool {
    match &app.mode {
        Mode::Editing(_) | Mode::Filtering(_) | Mode::Identity(_) => true,
        Mode::Onboarding(form) => form.step.field().is_some(),
        _ => false,
    }
}

fn key_action(app: &App, key: &KeyEvent) -> Option<Action> {
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    let keys = &app.keymap;
    let editor = |key: &KeyEvent| {
        keys.editor.command(key).map(|k| match k {
            EditorKey::Save => Action::Confirm,
            EditorKey::Cancel => Action::Cancel,
        })
    };
    if text_entry(app) {
        if ctrl_c {
            return Some(Action::Cancel);
        }
        return editor(key).or_else(|| {
            tui_input::backend::crossterm::to_input_request(&Event::Key(*key)).map(Action::Edit)
        });
    }
    let snooze = |key: &KeyEvent| {
        keys.snooze
            .command(key)
            .map_or(Action::OtherKey, Action::Snooze)
    };
    let choosing = matches!(
        app.guided.as_ref().map(|g| &g.step),
        Some(app::Step::Snooze(_))
    );
    match &app.mode {
        _ if ctrl_c && !matches!(app.mode, Mode::Onboarding(_)) => Some(Action::Interrupt),
        // The help scrolls; any other key closes it.
        Mode::Help { .. } => Some(match keys.help.command(key) {
            Some(HelpKey::Down) => Action::Scroll { down: true },
            Some(HelpKey::Up) => Action::Scroll { down: false },
            None => Action::OtherKey,
        }),
        Mode::Revealed { .. } => Some(Action::OtherKey),
        Mode::Snoozing { .. } => Some(snooze(key)),
        Mode::Review if choosing => Some(snooze(key)),
        Mode::Review => Some(
            keys.review
                .command(key)
                .map_or(Action::OtherKey, Action::Review),
        ),
        Mode::Onboarding(_) if ctrl_c => Some(Action::Cancel),
        Mode::Onboarding(_) => {
            editor(key).or_else(|| keys.dashboard.command(key).map(Action::Command))
        }
        _ => keys
            .dashboard
            .command(key)
            .map(Action::Command)
            .or(match key.code {
                KeyCode::Enter => Some(Action::Confirm),
                _ => None,
            }),
    }
}

/// Do the work an effect asks for; the answer goes back through `update`.
fn perform(app: &App, effect: Effect, secrets: &dyn Secrets) -> Action {
    let paths = &app.session.paths;
    match effect {
        Effect::Apply {
            change,
            verb,
            undoing,
        } => {
            match session::apply_change(
                &paths.state,
                &app.session.catalog,
                &app.session.settings,
                &change,
                app.today,
                LOCK_WAIT,
            ) {
                Ok(done) => {
                    let (state, before) = done.value;
                    Action::Saved {
                        state: Box::new(state),
                        change,
                        before,
                        verb,
                        undoing,
                        warnings: done.warnings,
                    }
                }
                Err(e) => Action::NotDone(e),
            }
        }
        Effect::Track { .. }
        | Effect::Untrack { .. }
        | Effect::WriteConfig { .. }
        | Effect::WriteIdentity { .. } => perform_config(app, effect, secrets),
        Effect::RevealSecret { tool } => {
            let id = &app.session.catalog.tools[tool].id;
            match secrets.get(id) {
                Ok(Some(text)) => Action::SecretRevealed { tool, text },
                Ok(None) => Action::Failed(format!("no private note for {id} in the keyring")),
                Err(e) => Action::NotDone(e),
            }
        }
        Effect::SaveSecret { tool, text } => {
            let id = app.session.catalog.tools[tool].id.clone();
            let edit = app.session.save_note(secrets, &id, &text);
            reload_after(
                app,
                edit,
                format!("Private note for {id} saved in the keyring"),
                None,
                false,
            )
        }
    }
}

/// The effects that edit the config: track, untrack, the first-run form,
/// the identity. Each is one operation of the core's session.
fn perform_config(app: &App, effect: Effect, secrets: &dyn Secrets) -> Action {
    let session = &app.session;
    let (edit, message, undo, undoing) = match effect {
        Effect::Track {
            tool,
            index,
            undoing,
        } => {
            // A tool tracked again by an undo keeps its tracked day.
            let day = if undoing {
                TrackedDay::Keep
            } else {
                TrackedDay::Today
            };
            (
                session
                    .track(std::slice::from_ref(&tool), index, app.today, day)
                    .map(|done| done.map(drop)),
                format!("Now tracking {tool}"),
                (!undoing).then(|| Undo::Tracked { tool: tool.clone() }),
                undoing,
            )
        }
        Effect::Untrack {
            tool,
            index,
            undoing,
        } => (
            session
                .untrack(std::slice::from_ref(&tool), false, secrets)
                .map(|done| done.map(drop)),
            format!("Stopped tracking {tool}; its history is kept"),
            (!undoing).then(|| Undo::Untracked {
                tool: tool.clone(),
                index,
            }),
            undoing,
        ),
        Effect::WriteConfig { identity, tools } => (
            session::create_config(&session.paths, &identity, &tools, false, app.today).map_err(
                |e| match e {
                    Error::Exists { path } => Error::invalid(
                        path,
                        "a config appeared in the meantime; it was kept as it is",
                    ),
                    e => e,
                },
            ),
            format!("Wrote {}", session.paths.config.display()),
            None,
            false,
        ),
        Effect::WriteIdentity { identity } => (
            session.set_identity(&identity),
            format!(
                "Names are now checked for {}",
                identity.describe().unwrap_or_default()
            ),
            None,
            false,
        ),
        Effect::Apply { .. } | Effect::RevealSecret { .. } | Effect::SaveSecret { .. } => {
            return Action::Failed("not a change of the config".into());
        }
    };
    reload_after(app, edit, message, undo, undoing)
}

fn reload_after(
    app: &App,
    edit: Result<Done<()>>,
    message: String,
    undo: Option<Undo>,
    undoing: bool,
) -> Action {
    let warnings = match edit {
        Ok(done) => done.warnings,
        Err(e) => return Action::NotDone(e),
    };
    match Session::load(app.session.paths.clone()) {
        Ok(session) => Action::Loaded {
            session: Box::new(session),
            undo,
            message: Some(if undoing {
                format!("Undone: {message}")
            } else {
                message
            }),
            undoing,
            warnings,
        },
        Err(e) => Action::Failed(e.to_string()),
    }
}
