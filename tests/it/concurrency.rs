//! Concurrent writers: many processes changing the same state at once lose
//! nothing, and a dashboard and the command line working on the same file
//! each keep the other's changes.

use crate::common;

use std::time::Duration;

use crate::sample::{CHECKS, tool_id};
use common::Home;

#[test]
fn eight_processes_with_fifty_changes_each_lose_none() {
    let _one = common::exclusive();
    let home = Home::new();
    let set = common::write_dataset(&home, 40, 3);
    // Start from nothing recorded, so every change is visible.
    let _ = set;
    std::fs::write(home.state(), "version = 1\n").unwrap();
    // 40 tools × 10 checks = 400 items; writer w notes items 50w..50w+49.
    let items: Vec<(String, &str)> = (0..40)
        .flat_map(|t| CHECKS.iter().map(move |(c, _)| (tool_id(t), *c)))
        .collect();
    let start = std::time::Instant::now();
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let mine: Vec<(String, &str)> = items[w * 50..w * 50 + 50].to_vec();
            let cmd = |tool: &str, check: &str| {
                let mut c = home.std_cmd();
                c.args(["note", tool, check, &format!("writer {w}")]);
                c
            };
            let commands: Vec<_> = mine.iter().map(|(t, c)| cmd(t, c)).collect();
            std::thread::spawn(move || {
                for mut c in commands {
                    let status = c.status().unwrap();
                    assert!(status.success(), "a writer failed: {status}");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let elapsed = start.elapsed();
    let state = hygiene_core::state::State::parse(&home.state(), &home.read_state()).unwrap();
    let mut present = 0;
    for (w, chunk) in items.chunks(50).enumerate() {
        for (tool, check) in chunk {
            let entry = state
                .entry(tool, check)
                .unwrap_or_else(|| panic!("{tool} {check} was lost"));
            assert_eq!(entry.note.as_deref(), Some(format!("writer {w}").as_str()));
            present += 1;
        }
    }
    assert_eq!(present, 400);
    common::report(&format!(
        "concurrent writers: 8 processes × 50 changes at once, {present} of 400 present, in {:.1} s",
        elapsed.as_secs_f64()
    ));
}

#[test]
fn the_dashboard_and_the_command_line_keep_each_others_changes() {
    let _one = common::exclusive();
    let home = Home::new();
    home.setup(&["slack", "zoom"]);
    let mut pty = home.dashboard(100, 30, &[]);
    pty.wait_for("score —", Duration::from_secs(10));

    // The command line changes the file while the dashboard is open ...
    home.cmd().args(["done", "zoom", "mfa"]).assert().code(0);
    // ... and the dashboard shows it without a key pressed.
    let screen = pty.wait_for(
        "Read again: the files changed outside the dashboard",
        Duration::from_secs(10),
    );
    let zoom = screen
        .lines()
        .find(|l| l.contains("Zoom"))
        .unwrap()
        .to_string();
    assert!(zoom.contains("Zoom            ✓"), "{zoom}");

    // The dashboard changes something else; the outside change stays.
    pty.send(b" ");
    pty.wait_for(
        "Slack · Multi-factor authentication: done",
        Duration::from_secs(10),
    );
    let state = home.read_state();
    assert!(
        state.contains("[tools.slack]\nmfa = { status = \"done\", verified = 2026-11-25 }"),
        "{state}"
    );
    assert!(
        state.contains("[tools.zoom]\nmfa = { status = \"done\", verified = 2026-11-25 }"),
        "{state}"
    );

    // A change made elsewhere between the dashboard's read and its write is
    // kept too: the dashboard writes under the lock, to the file as it is.
    home.cmd()
        .args(["note", "zoom", "mfa", "from the shell"])
        .assert()
        .code(0);
    pty.send(b"j");
    pty.send(b"l ");
    pty.wait_for(
        "Zoom · Strong password or organisation sign-on: done",
        Duration::from_secs(10),
    );
    let state = home.read_state();
    assert!(state.contains("note = \"from the shell\""), "{state}");
    assert!(
        state.contains("password = { status = \"done\", verified = 2026-11-25 }"),
        "{state}"
    );
    pty.send(b"q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));
}

/// Many `init`s, and `track`, at once on a missing config: exactly one
/// `init` reports success, the others say the config exists, and nothing
/// anyone reported as done is lost.
#[test]
fn racing_inits_never_both_succeed() {
    let _one = common::exclusive();
    for round in 0..5 {
        let home = Home::new();
        let start = std::sync::Arc::new(std::sync::Barrier::new(7));
        let mut runs: Vec<_> = (0..6)
            .map(|i| {
                let mut cmd = home.std_cmd();
                if i == 5 {
                    cmd.args(["track", "zoom"]);
                } else {
                    cmd.args(["init", "--first", &format!("P{i}"), "--track", "slack"]);
                }
                let start = start.clone();
                std::thread::spawn(move || {
                    start.wait();
                    let out = cmd.stdin(std::process::Stdio::null()).output().unwrap();
                    (i, out)
                })
            })
            .collect();
        start.wait();
        let results: Vec<_> = runs.drain(..).map(|r| r.join().unwrap()).collect();
        let config = home.read_config();
        let track = results.iter().find(|(i, _)| *i == 5).unwrap();
        assert_eq!(track.1.status.code(), Some(0), "round {round}: track");
        let winners: Vec<usize> = results
            .iter()
            .filter(|(i, o)| *i < 5 && o.status.code() == Some(0))
            .map(|(i, _)| *i)
            .collect();
        for (i, out) in results.iter().filter(|(i, _)| *i < 5) {
            if out.status.code() != Some(0) {
                assert_eq!(out.status.code(), Some(2));
                assert!(
                    String::from_utf8_lossy(&out.stderr).contains("already exists; pass --force"),
                    "round {round}, init {i}: {out:?}"
                );
            }
        }
        // Either an init came first and track added zoom to it, or track
        // wrote the config first and every init was refused.
        match winners.as_slice() {
            [w] => {
                assert!(config.contains(&format!("first = \"P{w}\"")), "{config}");
                assert!(config.contains("\"zoom\""), "track's work kept: {config}");
            }
            [] => assert!(
                config.contains("\"zoom\"") && !config.lines().any(|l| l.starts_with("first =")),
                "{config}"
            ),
            many => panic!("round {round}: {many:?} all reported success:\n{config}"),
        }
    }
}
