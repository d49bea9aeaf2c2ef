//! Kill at any instant: the real binary is `SIGKILLed` at random moments while
//! it writes the state, from the command line and from the dashboard, at
//! several sizes. After every kill the state parses and is exactly the state
//! before or after the interrupted change, and the backup parses too.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::sample::{CHECKS, Rng, tool_id};
use common::Home;
use hygiene_core::catalog::Catalog;
use hygiene_core::dates;
use hygiene_core::ops::{Change, Op};
use hygiene_core::state::State;
use hygiene_core::store;

/// Changes made in the dashboard before each kill.
const PRESSES: usize = 8;

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

fn parse(path: &Path, text: &str) -> State {
    State::parse(path, text).unwrap_or_else(|e| panic!("torn or invalid state after a kill: {e}"))
}

/// Where the writer was when it died, as seen from the files it left.
fn kill_point(home: &Home, before: &str, after: &str) -> &'static str {
    let state = home.state();
    let now = read(&state).unwrap_or_default();
    let temporaries = store::temporaries(&state);
    let kind = |k: &str| {
        temporaries
            .iter()
            .find(|p| p.to_string_lossy().contains(&format!(".hygiene-{k}.")))
    };
    let tmp = kind("tmp").and_then(|p| read(p));
    let bak_tmp = kind("bak").is_some();
    let bak = read(&store::backup_path(&state)).unwrap_or_default();
    if now == after {
        "after the rename"
    } else if bak_tmp {
        "while keeping the backup"
    } else if tmp.is_some() && bak == before {
        "backup kept, before the rename"
    } else if tmp.as_deref() == Some(after) {
        "temporary file written"
    } else if tmp.is_some() {
        "while writing the temporary file"
    } else {
        "before writing"
    }
}

/// The catalog the generated data set uses, for applying changes in-process.
fn catalog(home: &Home) -> Catalog {
    hygiene_core::config::load(&home.config()).unwrap().1
}

fn settings(home: &Home) -> hygiene_core::engine::Settings {
    let (config, catalog) = hygiene_core::config::load(&home.config()).unwrap();
    hygiene_core::engine::Settings::from_config(&config, &catalog).0
}

// One harness reads best as one story, in the order a person would try it.
#[allow(clippy::too_many_lines)]
#[test]
fn killing_the_command_line_at_any_instant_leaves_the_old_or_the_new_state() {
    let _one = common::exclusive();
    let mut kills = 0;
    let mut points: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rng = Rng::new(2026);
    let today = dates::parse_iso(common::TODAY).unwrap();
    for (tools, rounds) in [(10, 100), (100, 100), (300, 110)] {
        let home = Home::new();
        common::write_dataset(&home, tools, tools as u64);
        let catalog = catalog(&home);
        let settings = settings(&home);
        // How long an uninterrupted change takes here, to spread kills over it.
        let start = Instant::now();
        home.cmd()
            .args(["note", &tool_id(0), "mfa", "calibration"])
            .assert()
            .code(0);
        let runtime = start.elapsed();
        for round in 0..rounds {
            let tool = tool_id(rng.below(tools as u64) as usize);
            let (check, _) = CHECKS[rng.below(CHECKS.len() as u64) as usize];
            let on = dates::add_days(today, -(rng.below(30) as i64));
            let (args, op) = if round % 3 == 0 {
                let text = format!("kill round {round}");
                (
                    vec![
                        "note".to_string(),
                        tool.clone(),
                        check.to_string(),
                        text.clone(),
                    ],
                    Op::Note { text },
                )
            } else {
                (
                    vec![
                        "done".to_string(),
                        tool.clone(),
                        check.to_string(),
                        "--on".to_string(),
                        on.to_string(),
                    ],
                    Op::Done { on },
                )
            };
            let before = read(&home.state()).unwrap();
            let mut expected = parse(&home.state(), &before);
            Change {
                tool,
                check: check.to_string(),
                op,
            }
            .apply(&catalog, &mut expected)
            .unwrap();
            hygiene_core::session::record_day(&catalog, &settings, &mut expected, today);
            let after = expected.to_toml();
            for leftover in store::temporaries(&home.state()) {
                let _ = std::fs::remove_file(leftover);
            }
            let bak_before = read(&store::backup_path(&home.state()));

            let mut child = home
                .std_cmd()
                .args(&args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            // Most kills land late, where the writing happens.
            let micros = runtime.as_micros() as u64;
            let delay = if round % 4 == 0 {
                rng.below(micros)
            } else {
                micros / 2 + rng.below(micros * 7 / 10)
            };
            std::thread::sleep(Duration::from_micros(delay));
            let _ = child.kill();
            let _ = child.wait();
            kills += 1;

            let now = read(&home.state()).expect("the state file is still there");
            // As recorded: each save also stamps its time, which no test can know.
            let recorded = crate::common::unstamped(&now);
            assert!(
                recorded == crate::common::unstamped(&before)
                    || recorded == crate::common::unstamped(&after),
                "after a kill the state is neither the old nor the new one:\n{now}"
            );
            parse(&home.state(), &now);
            if let Some(bak) = read(&store::backup_path(&home.state())) {
                parse(&store::backup_path(&home.state()), &bak);
                assert!(
                    Some(&bak) == bak_before.as_ref() || bak == before,
                    "the backup is the previous state"
                );
            }
            *points
                .entry(kill_point(&home, &before, &after))
                .or_default() += 1;
        }
    }
    let summary: Vec<String> = points.iter().map(|(p, n)| format!("{p}: {n}")).collect();
    common::report(&format!(
        "kill (command line): {kills} kills at 100, 1,000 and 3,000 items; {} distinct kill points ({})",
        points.len(),
        summary.join("; ")
    ));
    assert!(kills >= 300);
    assert!(
        points.len() >= 3,
        "kills reached too few points: {points:?}"
    );
}

#[test]
fn killing_the_dashboard_while_it_saves_leaves_a_state_it_had_written() {
    let _one = common::exclusive();
    let mut kills = 0;
    let mut rng = Rng::new(11);
    let mut outcomes: BTreeMap<usize, usize> = BTreeMap::new();
    let today = dates::parse_iso(common::TODAY).unwrap();
    let home = Home::new();
    let set = common::write_dataset(&home, 100, 5);
    let catalog = catalog(&home);
    let settings = settings(&home);
    // No tool has MFA recorded: each space marks one done, each j moves down.
    let mut base = set.state.clone();
    for i in 0..100 {
        base.tools.get_mut(&tool_id(i)).unwrap().remove("mfa");
        // The first change records the day each tracked tool was first seen.
        base.tracked.entry(tool_id(i)).or_insert(today);
    }
    let mut sequence = vec![base.to_toml()];
    let mut state = base.clone();
    for i in 0..PRESSES {
        Change {
            tool: tool_id(i),
            check: "mfa".into(),
            op: Op::Done { on: today },
        }
        .apply(&catalog, &mut state)
        .unwrap();
        hygiene_core::session::record_day(&catalog, &settings, &mut state, today);
        sequence.push(state.to_toml());
    }
    for _ in 0..40 {
        std::fs::write(home.state(), &sequence[0]).unwrap();
        let mut pty = home.dashboard(100, 30, &[]);
        pty.wait_for("score", Duration::from_secs(20));
        let keys: String = " j".repeat(PRESSES);
        pty.send(keys.as_bytes());
        std::thread::sleep(Duration::from_micros(rng.below(200_000)));
        let _ = pty.child.kill();
        let _ = pty.child.wait();
        kills += 1;
        let now = read(&home.state()).unwrap();
        parse(&home.state(), &now);
        let recorded = crate::common::unstamped(&now);
        let at = sequence
            .iter()
            .position(|s| crate::common::unstamped(s) == recorded)
            .unwrap_or_else(|| {
                panic!("the state after a kill is none the dashboard wrote:\n{now}")
            });
        *outcomes.entry(at).or_default() += 1;
        if let Some(bak) = read(&store::backup_path(&home.state())) {
            parse(&store::backup_path(&home.state()), &bak);
        }
    }
    common::report(&format!(
        "kill (dashboard): {kills} kills during {PRESSES} quick changes at 1,000 items; saved changes at the kill: {outcomes:?}"
    ));
    assert!(
        outcomes.len() >= 2,
        "the kills all landed at the same point: {outcomes:?}"
    );
}
