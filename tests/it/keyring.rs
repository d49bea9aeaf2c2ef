//! Private notes with the real binary and a real Secret Service.
//!
//! Each test that needs one starts its own throwaway session bus with
//! `dbus-run-session` and an unlocked `gnome-keyring-daemon` whose keyrings
//! live in a temporary folder, so no test ever touches the user's own
//! keyring. Without those two programs the test is skipped, except on CI
//! (`CI` set), where `.ci/run` installs them and skipping would hide a failure.
//! The same suite also runs without any bus and checks the clear error.

use crate::common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Home;
use predicates::prelude::*;
use predicates::str::contains;

const NOTE: &str = "recovery codes in the grey safe, shelf 3";

/// A private session bus with an unlocked GNOME Keyring, for one test.
struct PrivateBus {
    child: Child,
    address: String,
    _dir: tempfile::TempDir,
}

fn found(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join(program).is_file()))
}

impl PrivateBus {
    /// None (the test is skipped) when the programs are missing outside CI.
    fn start() -> Option<PrivateBus> {
        if !found("dbus-run-session") || !found("gnome-keyring-daemon") {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI needs dbus-run-session and gnome-keyring-daemon (.ci/run installs them)"
            );
            eprintln!("skipped: no dbus-run-session or gnome-keyring-daemon here");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let runtime = dir.path().join("run");
        std::fs::create_dir_all(&runtime).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        let address_file = dir.path().join("address");
        let script = r#"echo -n ci | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 \
            && echo "$DBUS_SESSION_BUS_ADDRESS" > "$1.tmp" && mv "$1.tmp" "$1" && exec sleep 300"#;
        let mut command = Command::new("dbus-run-session");
        command
            .args(["--", "sh", "-c", script, "sh"])
            .arg(&address_file)
            .env("HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("XDG_RUNTIME_DIR", &runtime)
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let child = command.spawn().expect("dbus-run-session starts");
        let start = Instant::now();
        while !address_file.exists() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the private bus did not start"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let address = std::fs::read_to_string(&address_file)
            .unwrap()
            .trim()
            .to_string();
        Some(PrivateBus {
            child,
            address,
            _dir: dir,
        })
    }

    fn lock_keyring(&self) {
        let status = Command::new("dbus-send")
            .args([
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.secrets",
                "/org/freedesktop/secrets",
                "org.freedesktop.Secret.Service.Lock",
                "array:objpath:/org/freedesktop/secrets/collection/login",
            ])
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .stdout(Stdio::null())
            .status()
            .expect("dbus-send runs");
        assert!(status.success());
    }
}

impl PrivateBus {
    /// Stop (`SIGSTOP`) or continue (`SIGCONT`) the keyring daemon: stopped,
    /// the bus still takes every call for it, and no answer ever comes.
    fn signal_keyring(&self, signal: &str) {
        let group = self.child.id().to_string();
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            // pid (comm) state ppid pgrp ...
            let Some((comm, rest)) = stat.split_once(") ") else {
                continue;
            };
            let pgrp = rest.split_whitespace().nth(2);
            if comm.ends_with("(gnome-keyring-d") && pgrp == Some(group.as_str()) {
                let pid = entry.file_name().to_string_lossy().to_string();
                let status = Command::new("kill").args([signal, &pid]).status().unwrap();
                assert!(status.success());
            }
        }
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        self.signal_keyring("-CONT");
        // The whole group: dbus-run-session, the bus, the keyring daemon.
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.wait();
    }
}

fn hygiene(home: &Home, bus: Option<&str>) -> assert_cmd::Command {
    let mut cmd = home.cmd();
    match bus {
        Some(address) => cmd.env("DBUS_SESSION_BUS_ADDRESS", address),
        None => cmd.env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/hygiene-test-bus",
        ),
    };
    cmd
}

fn no_note_in(dir: &Path) {
    for (path, (bytes, _)) in common::snapshot_dir(dir) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("grey safe"),
            "{} holds the note",
            path.display()
        );
    }
}

#[test]
fn a_note_round_trips_through_the_real_secret_service() {
    let Some(bus) = PrivateBus::start() else {
        return;
    };
    let home = Home::new();
    home.setup(&["slack"]);
    let run = || hygiene(&home, Some(&bus.address));

    run()
        .args(["secret", "set", "slack"])
        .write_stdin(format!("{NOTE}\n"))
        .assert()
        .code(0)
        .stdout("Private note for slack stored in the keyring.\n");
    run()
        .args(["secret", "show", "slack"])
        .assert()
        .code(0)
        .stdout(format!("{NOTE}\n"));
    run()
        .args(["secret", "list"])
        .assert()
        .code(0)
        .stdout("slack\n");
    run()
        .arg("doctor")
        .assert()
        .stdout(contains("✓ keyring  Secret Service (D-Bus)"))
        .stdout(contains(": answers"));
    for args in [
        vec!["status", "--json"],
        vec!["export", "--format", "markdown"],
    ] {
        run()
            .args(&args)
            .assert()
            .stdout(contains("grey safe").not());
    }
    no_note_in(home.path());

    // A second note replaces the first.
    run()
        .args(["secret", "set", "slack"])
        .write_stdin("new note")
        .assert()
        .code(0);
    run()
        .args(["secret", "show", "slack"])
        .assert()
        .stdout("new note\n");

    run()
        .args(["secret", "rm", "slack"])
        .assert()
        .code(0)
        .stdout("Private note for slack removed.\n");
    run()
        .args(["secret", "show", "slack"])
        .assert()
        .code(2)
        .stderr("error: no private note for slack\n");
}

#[test]
fn a_locked_keyring_is_reported_at_once_not_waited_for() {
    let Some(bus) = PrivateBus::start() else {
        return;
    };
    let home = Home::new();
    home.setup(&["slack"]);
    hygiene(&home, Some(&bus.address))
        .args(["secret", "set", "slack"])
        .write_stdin(NOTE)
        .assert()
        .code(0);
    bus.lock_keyring();
    let before = home.snapshot();
    let start = Instant::now();
    hygiene(&home, Some(&bus.address))
        .args(["secret", "show", "slack"])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(contains(
            "error: the keyring is locked, and hygiene does not wait for an unlock prompt",
        ));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "answered in {:?}",
        start.elapsed()
    );
    hygiene(&home, Some(&bus.address))
        .args(["secret", "set", "slack"])
        .write_stdin("other")
        .assert()
        .code(2)
        .stderr(contains("the keyring is locked"));
    assert_eq!(before, home.snapshot());
    hygiene(&home, Some(&bus.address))
        .arg("doctor")
        .assert()
        .code(1)
        .stdout(contains("✗ keyring"))
        .stdout(contains("the keyring is locked"));
}

#[test]
fn without_a_keyring_secret_commands_fail_with_one_clear_line() {
    let home = Home::new();
    home.setup(&["slack"]);
    for (args, stdin) in [
        (vec!["secret", "set", "slack"], Some(NOTE)),
        (vec!["secret", "show", "slack"], None),
        (vec!["secret", "rm", "slack"], None),
    ] {
        let before = home.snapshot();
        let mut cmd = hygiene(&home, None);
        cmd.args(&args);
        if let Some(text) = stdin {
            cmd.write_stdin(text);
        }
        let output = cmd.output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with(
                "error: no Secret Service on the session bus: start gnome-keyring or KeePassXC's Secret Service, or run inside a desktop session"
            ),
            "{stderr}"
        );
        assert_eq!(before, home.snapshot(), "{args:?} changed a file");
    }
    // And with no bus address at all.
    let mut cmd = home.cmd();
    cmd.env("XDG_RUNTIME_DIR", home.path().join("no-runtime"));
    cmd.args(["secret", "show", "slack"])
        .assert()
        .code(2)
        .stderr(contains("error: no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set); start gnome-keyring"));
    // Everything else works as before.
    hygiene(&home, None)
        .args(["done", "slack", "mfa"])
        .assert()
        .code(0);
    hygiene(&home, None).arg("status").assert().code(0);
    // No private note: the keyring is optional, so doctor notes it, exit 0.
    hygiene(&home, None)
        .arg("doctor")
        .assert()
        .code(0)
        .stdout(contains("○ keyring  Secret Service (D-Bus)"))
        .stdout(contains(
            "not available (no Secret Service on the session bus",
        ))
        .stdout(contains("optional: only private notes need it"));
}

#[test]
fn a_keyring_that_never_answers_never_freezes_the_dashboard() {
    let _one = common::exclusive();
    let Some(bus) = PrivateBus::start() else {
        return;
    };
    let home = Home::new();
    home.setup(&["slack"]);
    hygiene(&home, Some(&bus.address))
        .args(["secret", "set", "slack"])
        .write_stdin(NOTE)
        .assert()
        .code(0);
    bus.signal_keyring("-STOP");
    hygiene(&home, Some(&bus.address))
        .args(["secret", "show", "slack"])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(contains("error: the keyring did not answer"));
    let address = std::ffi::OsString::from(&bus.address);
    let env = [("DBUS_SESSION_BUS_ADDRESS", address.as_os_str())];
    let wait = Duration::from_secs(5);

    // ctrl-c while the keyring is silent quits at once.
    let mut pty = home.dashboard(100, 30, &env);
    pty.wait_for("score", wait);
    let asked = Instant::now();
    pty.send(b"p");
    pty.wait_for("waiting for the keyring... (q quits)", wait);
    let told = asked.elapsed();
    let quit = Instant::now();
    pty.send(b"\x03");
    assert_eq!(pty.wait_exit(wait), Some(0));
    let quit = quit.elapsed();
    assert!(
        told < Duration::from_secs(1),
        "said it waits after {told:?}"
    );
    assert!(quit < Duration::from_secs(1), "ctrl-c took {quit:?}");

    // Left to wait, it says the keyring did not answer, after the command
    // line's own bound, and goes on; q quits at once too.
    let mut pty = home.dashboard(100, 30, &env);
    pty.wait_for("score", wait);
    pty.send(b"p");
    pty.wait_for("waiting for the keyring", wait);
    pty.send(b"j");
    // The D-Bus library gives up after its own reply timeout, sooner than
    // hygiene's bound: either way the same words as the command line's.
    let screen = pty.wait_for("the keyring did not answer", Duration::from_secs(20));
    assert!(
        !screen.contains("not saved"),
        "a reveal saves nothing: {screen}"
    );
    pty.send(b"p");
    pty.wait_for("waiting for the keyring", wait);
    let q = Instant::now();
    pty.send(b"q");
    assert_eq!(pty.wait_exit(wait), Some(0));
    assert!(
        q.elapsed() < Duration::from_secs(1),
        "q took {:?}",
        q.elapsed()
    );
    common::report(&format!(
        "keyring: silent Secret Service: \"waiting\" shown after {} ms, ctrl-c quit in {} ms",
        told.as_millis(),
        quit.as_millis()
    ));
}
