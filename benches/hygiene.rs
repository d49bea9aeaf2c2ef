//! `cargo bench`: the parts of a command and of a dashboard frame, at 20,
//! 200, 1,000 and 10,000 items (2, 20, 100 and 1,000 tools of ten checks;
//! about half overdue). BENCHMARKS.md holds the figures and the whole-command
//! comparison with taskwarrior (scripts/bench-vs-taskwarrior.sh).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sample;

use hygiene_core::engine::Grouping;
use std::path::{Path, PathBuf};

use divan::Bencher;
use hygiene::tui::app::{App, View};
use hygiene::tui::keymap::Keymap;
use hygiene_core::catalog::{Catalog, LayerSource, parse_file};
use hygiene_core::engine;
use hygiene_core::report::{self, Context};
use hygiene_core::secrets::Keyring;
use hygiene_core::session::{Origin, Paths, Session};
use hygiene_core::state::State;
use jiff::civil::Date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const TODAY: Date = Date::constant(2026, 11, 25);
/// Tools of ten checks each: 20, 200, 1,000 and 10,000 items.
const TOOLS: &[usize] = &[2, 20, 100, 1000];

fn main() {
    divan::main();
}

/// A data set written to a fresh folder: on /dev/shm where there is one, so
/// that saves measure hygiene's work and not the disk's own sync.
fn written(tools: usize, memory: bool) -> (tempfile::TempDir, sample::Dataset) {
    let base = Path::new("/dev/shm");
    let dir = if memory && base.is_dir() {
        tempfile::tempdir_in(base).unwrap()
    } else {
        tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap()
    };
    let set = sample::generate(tools, TODAY, tools as u64);
    set.write(dir.path()).unwrap();
    (dir, set)
}

fn session(dir: &Path) -> Session {
    Session::load(Paths {
        config: dir.join("config.toml"),
        config_origin: Origin::Flag,
        state: dir.join("state.toml"),
        state_origin: Origin::Flag,
    })
    .unwrap()
}

#[divan::bench(args = TOOLS)]
fn parse_catalog(bencher: Bencher, tools: usize) {
    let set = sample::generate(tools, TODAY, 1);
    let path = PathBuf::from("org.toml");
    bencher.bench(|| {
        let mut catalog = Catalog::builtin().unwrap();
        let file = parse_file(&path, &set.catalog).unwrap();
        let src = LayerSource {
            name: "org.toml",
            path: &path,
            text: &set.catalog,
        };
        catalog.add_layer(file, &src, false).unwrap();
        catalog
    });
}

/// The organisation catalog alone, as `parse_catalog` reads it.
#[divan::bench(args = TOOLS)]
fn parse_catalog_org(bencher: Bencher, tools: usize) {
    let set = sample::generate(tools, TODAY, 1);
    bencher.bench(|| parse_file(Path::new("org.toml"), &set.catalog).unwrap());
}

#[divan::bench(args = TOOLS)]
fn parse_state(bencher: Bencher, tools: usize) {
    let text = sample::generate(tools, TODAY, 1).state.to_toml();
    bencher.bench(|| State::parse(Path::new("state.toml"), &text).unwrap());
}

/// The full TOML reader, which any other layout of the state goes through.
#[divan::bench(args = TOOLS)]
fn parse_state_toml(bencher: Bencher, tools: usize) {
    let text = sample::generate(tools, TODAY, 1).state.to_toml();
    bencher.bench(|| State::parse_toml(Path::new("state.toml"), &text).unwrap());
}

#[divan::bench(args = TOOLS)]
fn save_state_text(bencher: Bencher, tools: usize) {
    let state = sample::generate(tools, TODAY, 1).state;
    bencher.bench(|| state.to_toml());
}

#[divan::bench(args = TOOLS)]
fn evaluate(bencher: Bencher, tools: usize) {
    let (dir, _set) = written(tools, true);
    let session = session(dir.path());
    bencher.bench(|| engine::evaluate(&session.catalog, &session.settings, &session.state, TODAY));
}

#[divan::bench(args = TOOLS)]
fn status_json(bencher: Bencher, tools: usize) {
    let (dir, _set) = written(tools, true);
    let session = session(dir.path());
    let review = session.review(TODAY);
    let ctx = Context {
        catalog: &session.catalog,
        settings: &session.settings,
        state: &session.state,
    };
    bencher
        .bench(|| report::write_status_json(&ctx, &review, false, &mut std::io::sink()).unwrap());
}

fn app(dir: &Path) -> App {
    let session = session(dir);
    let keymap = Keymap::from_config(&session.config).unwrap();
    let mut app = App::new(session, TODAY, true, keymap);
    hygiene::tui::update::update(
        &mut app,
        hygiene::tui::action::Action::Resize {
            width: 120,
            height: 40,
        },
    );
    app
}

/// One full frame at 120x40 on ratatui's `TestBackend`.
fn frame(bencher: Bencher, tools: usize, view: View) {
    let (dir, _set) = written(tools, true);
    let mut app = app(dir.path());
    app.view = view;
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    bencher.bench_local(|| {
        terminal
            .draw(|frame| hygiene::tui::ui::render(&app, frame))
            .unwrap();
    });
}

#[divan::bench(args = [2, 20, 1000])]
fn frame_dashboard_120x40(bencher: Bencher, tools: usize) {
    frame(bencher, tools, View::Dashboard);
}

#[divan::bench(args = [2, 20, 1000])]
fn frame_actions_120x40(bencher: Bencher, tools: usize) {
    frame(bencher, tools, View::Actions);
}

#[divan::bench(args = [2, 20, 1000])]
fn frame_tools_120x40(bencher: Bencher, tools: usize) {
    frame(bencher, tools, View::Tools);
}

/// A review card: the first of a review of everything that needs attention.
#[divan::bench(args = [2, 20, 1000])]
fn frame_review_card_120x40(bencher: Bencher, tools: usize) {
    review_frame(bencher, tools, Grouping::Item);
}

/// A check's card: one line per tool.
#[divan::bench(args = [2, 20, 1000])]
fn frame_review_check_card_120x40(bencher: Bencher, tools: usize) {
    review_frame(bencher, tools, Grouping::Check);
}

fn review_frame(bencher: Bencher, tools: usize, by: Grouping) {
    let (dir, _set) = written(tools, true);
    let mut app = app(dir.path());
    hygiene::tui::update::review::start(&mut app, false, None, Some(by));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    bencher.bench_local(|| {
        terminal
            .draw(|frame| hygiene::tui::ui::render(&app, frame))
            .unwrap();
    });
}

/// A key that changes a check: update, the locked atomic save (on /dev/shm,
/// so without the disk's sync), and the next frame. Each run toggles the
/// check done and back.
#[divan::bench(args = [2, 20, 1000])]
fn key_press_toggle(bencher: Bencher, tools: usize) {
    let (dir, _set) = written(tools, true);
    key_press(bencher, dir.path());
}

/// The same on the disk under target/, with its sync: the difference is the
/// disk's own time.
#[divan::bench(args = [20])]
fn key_press_toggle_on_disk(bencher: Bencher, tools: usize) {
    let (dir, _set) = written(tools, false);
    key_press(bencher, dir.path());
}

fn key_press(bencher: Bencher, dir: &Path) {
    let mut app = app(dir);
    let secrets = Keyring::unavailable("none", "not used");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let space = Event::Key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE));
    bencher.bench_local(|| {
        hygiene::tui::handle(&mut app, &space, &secrets);
        terminal
            .draw(|frame| hygiene::tui::ui::render(&app, frame))
            .unwrap();
        assert!(app.status.as_ref().is_some_and(|s| !s.error), "saved");
    });
}

/// The dashboard's model made from loaded files (what start-up does before
/// the first frame; the whole start is timed by scripts/bench-startup.sh).
#[divan::bench(args = [20, 1000])]
fn open_dashboard_model(bencher: Bencher, tools: usize) {
    let (dir, _set) = written(tools, true);
    bencher.bench(|| app(dir.path()));
}

/// Two devices' states of `tools` tools and their common ancestor, every
/// entry stamped, about a third changed on each side since.
fn three_states(tools: usize) -> (State, State, State) {
    let base = sample::generate(tools, TODAY, 1).state;
    let stamp = |state: &State, seed: u64, device: &str| {
        let mut out = state.clone();
        let mut n = seed;
        for checks in out.tools.values_mut() {
            for entry in checks.values_mut() {
                n = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                if n >> 62 == 0 {
                    entry.note = Some(format!("changed on {device}"));
                    entry.changed = Some(
                        jiff::Timestamp::from_second(1_790_000_000 + (n >> 40) as i64).unwrap(),
                    );
                    entry.device = Some(device.to_string());
                }
            }
        }
        out
    };
    let ours = stamp(&base, 2, "laptop");
    let theirs = stamp(&base, 3, "desktop");
    (base, ours, theirs)
}

/// The merge alone.
#[divan::bench(args = TOOLS)]
fn merge_states(bencher: Bencher, tools: usize) {
    let (base, ours, theirs) = three_states(tools);
    bencher.bench(|| hygiene_core::merge::merge(Some(&base), &ours, &theirs));
}

/// What the merge driver does between reading and writing its files: parse
/// three states, merge, write the text (the target: under 50 ms at 1,000 tools).
#[divan::bench(args = TOOLS)]
fn merge_driver(bencher: Bencher, tools: usize) {
    let (base, ours, theirs) = three_states(tools);
    let texts = [base.to_toml(), ours.to_toml(), theirs.to_toml()];
    bencher.bench(|| {
        let [b, o, t] = &texts;
        let parse = |text: &str| State::parse(Path::new("state.toml"), text).unwrap();
        hygiene_core::merge::merge(Some(&parse(b)), &parse(o), &parse(t)).to_toml()
    });
}
