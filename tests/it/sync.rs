//! Several devices through git: `hygiene sync init`, `hygiene sync` and
//! the merge driver, with a bare remote and device folders in a temporary
//! directory; and the merge itself, as a property of generated states.
//! No test reads the person's git config (`common::isolate`).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Home;
use hygiene_core::merge::merge;
use hygiene_core::state::State;
use proptest::prelude::*;

// ---------------------------------------------------------------------------
// The merge, on generated states

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_merge_is_commutative_and_idempotent(
        a in crate::props::state(),
        b in crate::props::state(),
        base in proptest::option::of(crate::props::state()),
    ) {
        prop_assert_eq!(merge(base.as_ref(), &a, &b), merge(base.as_ref(), &b, &a));
        prop_assert_eq!(merge(None, &a, &a), a.clone());
        prop_assert_eq!(merge(base.as_ref(), &a, &a), a.clone());
        // Merging the result again with either side changes nothing.
        let once = merge(None, &a, &b);
        prop_assert_eq!(merge(None, &once, &a), once.clone());
        prop_assert_eq!(merge(None, &once, &b), once);
    }

    #[test]
    fn the_newest_answer_wins_and_histories_are_united(
        a in crate::props::state(),
        b in crate::props::state(),
    ) {
        let merged = merge(None, &a, &b);
        for (tool, checks) in &a.tools {
            for (check, x) in checks {
                let Some(y) = b.entry(tool, check) else {
                    prop_assert!(merged.entry(tool, check).is_some());
                    continue;
                };
                let m = merged.entry(tool, check).unwrap();
                let mut union: Vec<_> = x.history.iter().chain(&y.history).copied().collect();
                union.sort_unstable();
                union.dedup();
                prop_assert_eq!(&m.history, &union);
                let answered = |e: &hygiene_core::state::Entry| {
                    e.status != hygiene_core::state::Status::Unanswered
                };
                if answered(x) && answered(y) && x.changed != y.changed && x.status != y.status {
                    let newer = if (x.changed, &x.device) > (y.changed, &y.device) { x } else { y };
                    if x.changed.is_some() || y.changed.is_some() {
                        prop_assert_eq!(&m.status, &newer.status);
                    }
                }
            }
        }
        // The text hygiene writes reads back as the same merge.
        let text = merged.to_toml();
        prop_assert_eq!(State::parse(Path::new("merged"), &text).unwrap(), merged);
    }
}

// ---------------------------------------------------------------------------
// Devices, a remote, and git

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", dir.join("no-gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// A bare repository standing for the remote.
fn remote() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "--bare", "remote.git"]);
    let url = dir.path().join("remote.git").display().to_string();
    (dir, url)
}

/// One device: its own home, config and state, tracking Slack and Zoom.
fn device(name: &str) -> Home {
    let home = Home::new();
    home.write_config(&format!(
        "track = [\"slack\", \"zoom\"]\n[sync]\ndevice = \"{name}\"\n"
    ));
    home
}

fn ok(home: &Home, args: &[&str]) -> String {
    let output = home.cmd().args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The state as recorded, without the stamps (which differ by clock).
fn recorded(home: &Home) -> String {
    home.read_state()
}

fn entry(home: &Home, tool: &str, check: &str) -> String {
    let state = State::parse(&home.state(), &home.read_state_raw()).unwrap();
    let mut e = state.entry(tool, check).cloned().unwrap_or_default();
    e.changed = None;
    e.device = None;
    format!("{e:?}")
}

/// A remote, and a laptop and a desktop set up with it, in step.
fn pair() -> (tempfile::TempDir, Home, Home) {
    let (dir, url) = remote();
    let laptop = device("laptop");
    let desktop = device("desktop");
    for home in [&laptop, &desktop] {
        ok(home, &["sync", "init", &url]);
        ok(home, &["sync"]);
    }
    (dir, laptop, desktop)
}

/// Both devices hold the same state, byte for byte.
fn same(a: &Home, b: &Home) {
    assert_eq!(a.read_state_raw(), b.read_state_raw());
}

fn state_repo(home: &Home) -> PathBuf {
    home.state().parent().unwrap().to_path_buf()
}

#[test]
fn two_devices_exchange_and_keep_everything_each_answered() {
    let (_dir, url) = remote();
    let laptop = device("laptop");
    let desktop = device("desktop");
    ok(&laptop, &["done", "slack", "mfa"]);
    let said = ok(&laptop, &["sync", "init", &url]);
    assert!(
        said.contains("a git repository with hygiene's merge driver"),
        "{said}"
    );
    assert_eq!(ok(&laptop, &["sync"]), "1 change sent\n");
    // The second device has a state of its own and the remote has history:
    // the first sync merges the two.
    ok(&desktop, &["done", "zoom", "mfa"]);
    ok(&desktop, &["note", "slack", "mfa", "ask IT about SSO"]);
    ok(&desktop, &["sync", "init", &url]);
    assert_eq!(
        ok(&desktop, &["sync"]),
        "1 change from another device, 2 sent\n"
    );
    assert_eq!(ok(&laptop, &["sync"]), "2 changes from another device\n");
    same(&laptop, &desktop);
    // The note added on one device keeps the answer given on the other.
    assert!(recorded(&laptop).contains(
        "mfa = { status = \"done\", verified = 2026-11-25, note = \"ask IT about SSO\" }"
    ));
    assert_eq!(
        ok(&laptop, &["sync"]),
        "in step: nothing to send or receive\n"
    );
    ok(&laptop, &["done", "zoom", "photo"]);
    assert_eq!(ok(&laptop, &["sync"]), "1 change sent\n");
    // git knows the driver, the attributes and what to ignore.
    let repo = state_repo(&laptop);
    assert!(git(&repo, &["config", "merge.hygiene.driver"]).ends_with("merge-state %O %A %B %P"));
    assert_eq!(
        std::fs::read_to_string(repo.join(".gitattributes")).unwrap(),
        "state.toml merge=hygiene\n"
    );
    assert!(git(&repo, &["log", "--format=%s"]).contains("hygiene: 1 change on laptop"));
}

#[test]
fn the_same_check_on_both_devices_the_newer_answer_wins() {
    let (_dir, laptop, desktop) = pair();
    // Not synced between: the laptop answers first, the desktop after.
    ok(&laptop, &["done", "slack", "mfa"]);
    ok(&desktop, &["todo", "slack", "mfa"]);
    ok(&desktop, &["done", "zoom", "photo"]);
    ok(&laptop, &["sync"]);
    ok(&desktop, &["sync"]);
    ok(&laptop, &["sync"]);
    same(&laptop, &desktop);
    assert_eq!(
        entry(&laptop, "slack", "mfa"),
        entry(&desktop, "slack", "mfa")
    );
    assert!(entry(&laptop, "slack", "mfa").contains("status: Todo"));
    assert!(entry(&laptop, "zoom", "photo").contains("status: Done"));
}

#[test]
fn archives_on_both_devices_are_united() {
    let (_dir, laptop, desktop) = pair();
    ok(&laptop, &["done", "slack", "archive", "--on", "2026-11-10"]);
    ok(
        &desktop,
        &["done", "slack", "archive", "--on", "2026-11-20"],
    );
    ok(&laptop, &["sync"]);
    ok(&desktop, &["sync"]);
    ok(&laptop, &["sync"]);
    same(&laptop, &desktop);
    assert!(
        recorded(&laptop).contains(
            "archive = { status = \"done\", verified = 2026-11-20, history = [2026-11-10, 2026-11-20] }"
        ),
        "{}",
        recorded(&laptop)
    );
}

#[test]
fn a_purge_on_one_device_and_a_later_answer_on_the_other() {
    let (_dir, url) = remote();
    let laptop = device("laptop");
    let desktop = device("desktop");
    ok(&laptop, &["done", "slack", "photo"]);
    ok(&laptop, &["done", "slack", "mfa"]);
    ok(&laptop, &["sync", "init", &url]);
    ok(&laptop, &["sync"]);
    ok(&desktop, &["sync", "init", &url]);
    ok(&desktop, &["sync"]);
    // The laptop stops tracking Slack and deletes its history; afterwards
    // the desktop answers one of its checks.
    ok(&laptop, &["untrack", "slack", "--purge"]);
    ok(&desktop, &["todo", "slack", "mfa"]);
    ok(&laptop, &["sync"]);
    ok(&desktop, &["sync"]);
    ok(&laptop, &["sync"]);
    same(&laptop, &desktop);
    // The removal holds where nothing newer came; the newer answer stays.
    assert_eq!(
        entry(&desktop, "slack", "photo"),
        format!("{:?}", hygiene_core::state::Entry::default())
    );
    assert!(entry(&desktop, "slack", "mfa").contains("status: Todo"));
}

#[test]
fn a_clock_an_hour_ahead_wins_what_it_changed_unseen_but_not_what_came_after() {
    let (_dir, url) = remote();
    let fast = device("fast-clock");
    let right = device("right-clock");
    ok(&fast, &["sync", "init", &url]);
    ok(&fast, &["sync"]);
    ok(&right, &["sync", "init", &url]);
    ok(&right, &["sync"]);
    // The device whose clock is an hour ahead answers; its stamp says so.
    ok(&fast, &["done", "slack", "mfa"]);
    let ahead = (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(1)).to_string();
    let raw = fast.read_state_raw();
    let stamped = regex_like_replace_changed(&raw, "mfa = {", &ahead);
    fast.write_state(&stamped);
    // The other answers the same check minutes later, without seeing it.
    ok(&right, &["todo", "slack", "mfa"]);
    ok(&fast, &["sync"]);
    ok(&right, &["sync"]);
    ok(&fast, &["sync"]);
    same(&fast, &right);
    // Unseen: the later stamp wins, though it was made earlier.
    assert!(entry(&right, "slack", "mfa").contains("status: Done"));
    // Seen: a change made after the fast clock's is stamped after it, so it wins.
    ok(&right, &["todo", "slack", "mfa"]);
    ok(&right, &["sync"]);
    ok(&fast, &["sync"]);
    same(&fast, &right);
    assert!(entry(&fast, "slack", "mfa").contains("status: Todo"));
}

/// `text` with the `changed` of the first line starting with `prefix` set to `at`.
fn regex_like_replace_changed(text: &str, prefix: &str, at: &str) -> String {
    text.lines()
        .map(|line| {
            if line.starts_with(prefix)
                && let Some(start) = line.find("changed = ")
            {
                let rest = &line[start + "changed = ".len()..];
                let end = rest.find(',').unwrap_or(rest.len());
                format!("{}changed = {at}{}", &line[..start], &rest[end..])
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn a_remote_rewritten_by_force_loses_nothing() {
    let (_dir, url) = remote();
    let laptop = device("laptop");
    let other = device("other");
    ok(&laptop, &["done", "slack", "mfa"]);
    ok(&laptop, &["sync", "init", &url]);
    ok(&laptop, &["sync"]);
    // Another device starts afresh and force-pushes a history of its own.
    ok(&other, &["done", "zoom", "mfa"]);
    ok(&other, &["sync", "init", &url]);
    git(
        &state_repo(&other),
        &["push", "-q", "--force", "origin", "main"],
    );
    ok(&laptop, &["done", "slack", "photo"]);
    assert_eq!(
        ok(&laptop, &["sync"]),
        "1 change from another device, 2 sent\n"
    );
    ok(&other, &["sync"]);
    same(&laptop, &other);
    for (tool, check) in [("slack", "mfa"), ("slack", "photo"), ("zoom", "mfa")] {
        assert!(
            entry(&other, tool, check).contains("status: Done"),
            "{tool} {check}"
        );
    }
}

#[test]
fn a_state_that_does_not_parse_is_never_committed_or_pushed() {
    let (dir, url) = remote();
    let laptop = device("laptop");
    ok(&laptop, &["done", "slack", "mfa"]);
    ok(&laptop, &["sync", "init", &url]);
    ok(&laptop, &["sync"]);
    let repo = state_repo(&laptop);
    let head = git(&repo, &["rev-parse", "HEAD"]);
    let remote_head = git(&dir.path().join("remote.git"), &["rev-parse", "main"]);
    // Here.
    let good = laptop.read_state_raw();
    laptop.write_state("version = 2\n[tools.slack\n");
    common::fails_cleanly(&laptop, &["sync"], "state.toml:2:");
    assert_eq!(git(&repo, &["rev-parse", "HEAD"]), head);
    // On the remote: pushed by hand from a clone.
    laptop.write_state(&good);
    let clone = tempfile::tempdir().unwrap();
    git(clone.path(), &["clone", "-q", "-b", "main", &url, "c"]);
    let c = clone.path().join("c");
    std::fs::write(c.join("state.toml"), "version = 2\nbroken = [\n").unwrap();
    git(&c, &["commit", "-qam", "broken"]);
    git(&c, &["push", "-q", "origin", "main"]);
    ok(&laptop, &["done", "zoom", "mfa"]);
    let before = laptop.read_state_raw();
    let output = laptop.cmd().arg("sync").output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(common::stderr_line(&output).contains("as "), "{output:?}");
    assert_eq!(
        git(&repo, &["rev-parse", "HEAD"]),
        head,
        "nothing committed"
    );
    assert_eq!(laptop.read_state_raw(), before, "the state untouched");
    assert_ne!(
        git(&dir.path().join("remote.git"), &["rev-parse", "main"]),
        remote_head
    );
}

#[test]
fn git_failures_are_one_line_and_exit_2() {
    let laptop = device("laptop");
    ok(&laptop, &["done", "slack", "mfa"]);
    common::fails_cleanly(
        &laptop,
        &["sync"],
        "not a git repository yet: `hygiene sync init [REMOTE]`",
    );
    ok(&laptop, &["sync", "init"]);
    let output = laptop.cmd().arg("sync").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(common::stderr_line(&output).contains("no remote to sync with"));
    // A remote that is not there (no network, a typo): git's own words.
    ok(&laptop, &["sync", "init", "/nonexistent/remote.git"]);
    let output = laptop.cmd().arg("sync").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let line = common::stderr_line(&output);
    assert!(line.starts_with("error: git fetch failed: "), "{line}");
    // No git at all.
    let output = laptop
        .cmd()
        .env("PATH", "/nonexistent")
        .arg("sync")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(common::stderr_line(&output).contains("git is not installed"));
}

#[test]
fn git_merge_by_hand_uses_the_driver_and_never_writes_a_conflict_marker() {
    let (_dir, laptop, desktop) = pair();
    ok(&laptop, &["done", "slack", "mfa"]);
    ok(&laptop, &["sync"]);
    ok(&desktop, &["todo", "zoom", "mfa"]);
    let repo = state_repo(&desktop);
    git(&repo, &["commit", "-qam", "by hand"]);
    git(&repo, &["fetch", "-q", "origin"]);
    git(&repo, &["merge", "-q", "--no-edit", "origin/main"]);
    let text = desktop.read_state_raw();
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "{text}"
    );
    assert!(entry(&desktop, "slack", "mfa").contains("status: Done"));
    assert!(entry(&desktop, "zoom", "mfa").contains("status: Todo"));
}

#[test]
fn the_merge_driver_writes_nothing_when_an_input_does_not_parse() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let base = file("base", "version = 2\n");
    let ours = file(
        "ours",
        "version = 2\n[tools.slack]\nmfa = { status = \"done\", verified = 2026-11-20, changed = 2026-11-20T10:00:00Z, device = \"a\" }\n",
    );
    let theirs = file(
        "theirs",
        "version = 2\n[tools.slack]\nmfa = { status = \"todo\", changed = 2026-11-21T10:00:00Z, device = \"b\" }\n",
    );
    let home = Home::new();
    let run = |args: &[&Path]| {
        let mut cmd = home.cmd();
        cmd.arg("merge-state").args(args);
        cmd.output().unwrap()
    };
    let output = run(&[&base, &ours, &theirs]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        std::fs::read_to_string(&ours)
            .unwrap()
            .contains("mfa = { status = \"todo\"")
    );
    let bad = file("bad", "version = 2\n[tools\n");
    let before = std::fs::read_to_string(&ours).unwrap();
    let output = run(&[&base, &ours, &bad]);
    assert_eq!(output.status.code(), Some(2));
    assert!(common::stderr_line(&output).contains("bad:2:"));
    assert_eq!(std::fs::read_to_string(&ours).unwrap(), before);
}

/// Up to a second for a git that outlived a killed sync to finish, then a sync.
fn sync_after_a_kill(home: &Home) -> String {
    for _ in 0..20 {
        let output = home.cmd().arg("sync").output().unwrap();
        if output.status.success() {
            return String::from_utf8_lossy(&output.stdout).into_owned();
        }
        let line = common::stderr_line(&output);
        assert!(
            line.contains(".lock"),
            "only git's own lock may hold it up: {line}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the sync after a kill did not complete");
}

#[test]
fn a_sync_killed_at_any_instant_leaves_a_state_that_parses_and_the_next_completes() {
    let _one = common::exclusive();
    let (_dir, laptop, desktop) = pair();
    let checks = [
        "mfa",
        "password",
        "photo",
        "sessions",
        "invites",
        "client",
        "work_account",
    ];
    let start = std::time::Instant::now();
    ok(&laptop, &["sync"]);
    let runtime = start.elapsed().as_micros() as u64 * 3;
    let mut rng = crate::sample::Rng::new(7);
    let mut answered = Vec::new();
    for (round, check) in checks.iter().enumerate() {
        // Something new on each side, so that the sync commits, merges and pushes.
        let tool = if round % 2 == 0 { "slack" } else { "zoom" };
        ok(&desktop, &["done", tool, check]);
        sync_after_a_kill(&desktop);
        let other = if tool == "slack" { "zoom" } else { "slack" };
        ok(&laptop, &["todo", other, check]);
        answered.push((tool, *check, "status: Done"));
        answered.push((other, *check, "status: Todo"));
        let mut child = laptop
            .std_cmd()
            .arg("sync")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros(rng.below(runtime)));
        let _ = child.kill();
        let _ = child.wait();
        // A state that parses, and a repository git goes on with.
        State::parse(&laptop.state(), &laptop.read_state_raw()).expect("the state parses");
        let repo = state_repo(&laptop);
        std::thread::sleep(std::time::Duration::from_millis(100));
        git(&repo, &["status", "--short"]);
        sync_after_a_kill(&laptop);
    }
    sync_after_a_kill(&desktop);
    sync_after_a_kill(&laptop);
    same(&laptop, &desktop);
    for (tool, check, status) in answered {
        assert!(
            entry(&laptop, tool, check).contains(status),
            "{tool} {check}"
        );
    }
    git(&state_repo(&laptop), &["fsck", "--no-progress"]);
}

#[test]
fn s_in_the_dashboard_syncs_beside_the_drawing_loop() {
    let (_dir, laptop, desktop) = pair();
    ok(&desktop, &["done", "zoom", "mfa"]);
    ok(&desktop, &["sync"]);
    let no_config = laptop.path().join("no-gitconfig");
    let mut pty = laptop.dashboard(
        110,
        30,
        &[
            ("GIT_CONFIG_NOSYSTEM", std::ffi::OsStr::new("1")),
            ("GIT_CONFIG_GLOBAL", no_config.as_os_str()),
        ],
    );
    let wait = std::time::Duration::from_secs(20);
    pty.wait_for("score", wait);
    pty.send(b"S");
    pty.wait_for("Synced: 1 change from another device", wait);
    pty.send(b"q");
    pty.wait_exit(wait);
    assert!(entry(&laptop, "zoom", "mfa").contains("status: Done"));
}

#[test]
fn with_sync_auto_every_saved_change_is_committed_without_the_network() {
    let laptop = device("laptop");
    ok(&laptop, &["sync", "init"]);
    laptop
        .write_config("track = [\"slack\", \"zoom\"]\n[sync]\ndevice = \"laptop\"\nauto = true\n");
    ok(&laptop, &["done", "slack", "mfa"]);
    ok(&laptop, &["snooze", "zoom", "mfa", "--until", "2026-12-09"]);
    let log = git(&state_repo(&laptop), &["log", "--format=%s"]);
    assert_eq!(
        log,
        "hygiene: 1 change on laptop\nhygiene: 1 change on laptop\nhygiene: sync init on laptop"
    );
    // Nothing to commit after a command that changed nothing.
    ok(&laptop, &["status"]);
    assert_eq!(git(&state_repo(&laptop), &["status", "--short"]), "");
}
