//! The terminal dashboard: `hygiene` with no subcommand, on a terminal.
//!
//! One model ([`app::App`]), one `update` ([`update::update`]) that turns an
//! [`action::Action`] into a change of the model and maybe an
//! [`action::Effect`], and a view ([`ui::render`]) that only reads the model.
//! This loop reads events, performs effects (the disk and the keyring), and
//! draws. It waits for events and uses no CPU when idle.

pub mod action;
pub mod app;
mod effects;
pub mod help;
pub mod incident;
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

use std::collections::VecDeque;

use action::Action;
use app::{App, Mode};
use effects::Worker;
use hygiene_core::error::{Error, Result};
use hygiene_core::secrets::Secrets;
use hygiene_core::session::{self, Paths, Session};
use keymap::{Command, EditorKey, HelpKey, Keymap};

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
            crate::Start::Incident(_) => "an incident's cards need",
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
    if let crate::Start::Review { all, by, .. } = start
        && !matches!(app.mode, app::Mode::Onboarding(_))
    {
        update::review::start(&mut app, all, review_tool, by);
        if app.guided.is_none() {
            // Nothing to go through: say so, without taking the terminal.
            let text = app.status.map(|s| s.text).unwrap_or_default();
            let _ = writeln!(io::stdout(), "{}", hygiene_core::text::visible(&text));
            return Ok(0);
        }
    }

    if let crate::Start::Incident(kind) = start
        && !matches!(app.mode, app::Mode::Onboarding(_))
    {
        app.mode = app::Mode::Incident(incident::IncidentView::cards(&app.session.state, kind));
    }
    let guard = term::Guard::enter().map_err(|source| Error::Terminal {
        action: "set up",
        source,
    })?;
    let result = event_loop(&mut app, secrets);
    drop(guard);
    // Quit while a change was still waiting: say what may be undone.
    if let Ok(Some(left)) = &result {
        let _ = writeln!(io::stderr(), "hygiene: {left}");
    }
    result.map(|_| 0)
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

/// How often the loop looks for an effect's answer while one runs.
const FRAME: Duration = Duration::from_millis(30);

/// Events and actions that came while an effect ran, handled in order once
/// it has answered, as if it had answered at once.
#[derive(Default)]
struct Later {
    actions: VecDeque<Action>,
    events: VecDeque<Event>,
}

/// Returns what quitting left undone, when `q` or ctrl-c came while an
/// effect was still waiting.
fn event_loop(app: &mut App, secrets: &dyn Secrets) -> Result<Option<String>> {
    let io_err = |source: io::Error| Error::Terminal {
        action: "use",
        source,
    };
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout())).map_err(io_err)?;
    let mut watch = Watch::now(&app.session.paths);
    let mut worker = Worker::new(secrets);
    let mut later = Later::default();
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
            draw(&mut terminal, app, &mut resized).map_err(io_err)?;
        }
        if app.quit {
            return Ok(worker.at_stake());
        }
        dirty = false;
        let wait = if worker.busy() { FRAME } else { FILE_CHECK };
        if event::poll(wait).map_err(io_err)? {
            dirty = true;
            // Take every event that is already waiting, then draw once.
            loop {
                let event = event::read().map_err(io_err)?;
                resized |= matches!(event, Event::Resize(..));
                assert!(
                    !(panic_on_f12 && matches!(&event, Event::Key(k) if k.code == KeyCode::F(12))),
                    "the test trigger (F12 with HYGIENE_TEST_ONLY_PANIC_ON_F12 set)"
                );
                if worker.busy() {
                    // Quitting never waits; anything else waits its turn.
                    if quits(app, &event) {
                        app.quit = true;
                    } else {
                        later.events.push_back(event);
                    }
                } else {
                    let actions = translate(app, &event);
                    take(app, actions, &mut worker, &mut later);
                }
                // The shortest wait, not zero: crossterm's tty source does not
                // look for buffered input at all when given a zero timeout.
                if app.quit || !event::poll(Duration::from_micros(1)).map_err(io_err)? {
                    break;
                }
            }
        }
        if let Some(what) = worker.waiting() {
            app.info(format!(
                "waiting for {what}... ({} quits)",
                app.keymap.dashboard.first_key(Command::Quit)
            ));
            dirty = true;
        }
        if let Some(answer) = worker.answer() {
            dirty = true;
            answered(app, answer, &mut worker, &mut later);
            watch = Watch::now(&app.session.paths);
        }
        if !worker.busy() {
            dirty |= tick(app, &mut watch);
        }
    }
}

/// Draw a frame that fits the terminal as it is now.
fn draw(
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    app: &mut App,
    resized: &mut bool,
) -> io::Result<()> {
    let _out = term::OUTPUT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // The size is read at every frame, not only taken from resize
    // events: one that came before the event source existed is
    // never reported, and the frame must fit the terminal as it is.
    let size = terminal.size()?;
    if (size.width, size.height) != app.size {
        update::update(
            app,
            Action::Resize {
                width: size.width,
                height: size.height,
            },
        );
        *resized = true;
    }
    if *resized {
        // The terminal may have reflowed or dropped what was on it,
        // even when the size ends where it began: draw every cell.
        // (`Terminal::resize`: `clear` would ask the terminal where
        // its cursor is, and wait for the answer.)
        terminal.resize(ratatui::layout::Rect::from((
            ratatui::layout::Position::ORIGIN,
            size,
        )))?;
        *resized = false;
    }
    terminal.draw(|frame| ui::render(app, frame))?;
    Ok(())
}

/// An effect answered: take the answer, then what came meanwhile, in
/// order, until an effect runs again. When it failed, what came meanwhile
/// was typed on the belief that it would not: it is dropped, and the error
/// stays on screen.
fn answered(app: &mut App, answer: Action, worker: &mut Worker, later: &mut Later) {
    if matches!(answer, Action::NotDone(_) | Action::Failed(_)) {
        *later = Later::default();
    }
    take(app, [answer], worker, later);
    while !worker.busy() && !app.quit {
        if let Some(action) = later.actions.pop_front() {
            take(app, [action], worker, later);
        } else if let Some(event) = later.events.pop_front() {
            let actions = translate(app, &event);
            take(app, actions, worker, later);
        } else {
            break;
        }
    }
}

/// Whether `event` quits the dashboard: ctrl-c, or a quit key where keys
/// are commands.
fn quits(app: &App, event: &Event) -> bool {
    translate(app, event)
        .iter()
        .any(|a| matches!(a, Action::Interrupt | Action::Command(Command::Quit)))
}

/// Update the model with `actions` in order; an effect goes to the worker,
/// and the actions after it wait for its answer.
fn take(
    app: &mut App,
    actions: impl IntoIterator<Item = Action>,
    worker: &mut Worker,
    later: &mut Later,
) {
    let mut actions = actions.into_iter();
    for action in actions.by_ref() {
        if let Some(effect) = update::update(app, action) {
            worker.start(app, effect);
            break;
        }
    }
    for (i, action) in actions.enumerate() {
        later.actions.insert(i, action);
    }
}

/// Handle one terminal event: translate it, update the model, and perform
/// any effect in place (whose answer goes through `update` too): the
/// dashboard's tests drive it this way. Returns whether an effect touched
/// the disk or the keyring.
pub fn handle(app: &mut App, event: &Event, secrets: &dyn Secrets) -> bool {
    let mut performed = false;
    for action in translate(app, event) {
        let mut next = Some(action);
        while let Some(action) = next.take() {
            if let Some(effect) = update::update(app, action) {
                next = Some(effects::perform(&app.session, app.today, effect, secrets));
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
        Mode::Incident(_) => Some(
            keys.incident
                .command(key)
                .map_or(Action::OtherKey, Action::Incident),
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
