//! `hygiene remind`: a desktop notification sent to a real notification
//! server on a private session bus (never the user's own desktop), once a
//! day, and the text on standard output where no server is; and
//! `--install`/`--uninstall` in a temporary home with a stand-in
//! `systemctl` that records what it is asked.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Home;

/// One notification as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Received {
    app: String,
    summary: String,
    body: String,
}

/// A private session bus (`dbus-daemon`) with a notification server of the
/// test's own on it, which records every `Notify` and answers it.
struct NotificationServer {
    daemon: Child,
    address: String,
    received: Arc<Mutex<Vec<Received>>>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

fn found(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join(program).is_file()))
}

impl NotificationServer {
    /// On a bus listening at `listen` (a D-Bus address). None (the test is
    /// skipped) without `dbus-daemon`, except on CI, which installs it.
    fn start(listen: &str) -> Option<NotificationServer> {
        if !found("dbus-daemon") {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI needs dbus-daemon (.ci/run installs it)"
            );
            eprintln!("skipped: no dbus-daemon here");
            return None;
        }
        let (daemon, address) = private_bus(listen);
        let received = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let ready = Arc::new(AtomicBool::new(false));
        let thread = {
            let (address, received, stop, ready) = (
                address.clone(),
                received.clone(),
                stop.clone(),
                ready.clone(),
            );
            std::thread::spawn(move || serve(&address, &received, &stop, &ready))
        };
        let start = Instant::now();
        while !ready.load(Ordering::SeqCst) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the server started"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        Some(NotificationServer {
            daemon,
            address,
            received,
            stop,
            thread: Some(thread),
        })
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

/// A private session bus listening at `listen`, and its address.
fn private_bus(listen: &str) -> (Child, String) {
    let mut daemon = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .arg(format!("--address={listen}"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon starts");
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(daemon.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let address = line.trim().to_string();
    assert!(!address.is_empty(), "dbus-daemon printed its address");
    (daemon, address)
}

fn serve(
    address: &str,
    received: &Arc<Mutex<Vec<Received>>>,
    stop: &AtomicBool,
    ready: &AtomicBool,
) {
    use dbus::channel::{MatchingReceiver, Sender};
    let mut channel = dbus::channel::Channel::open_private(address).unwrap();
    channel.register().unwrap();
    let connection = dbus::blocking::Connection::from(channel);
    connection
        .request_name("org.freedesktop.Notifications", false, true, true)
        .unwrap();
    let received = received.clone();
    connection.start_receive(
        dbus::message::MatchRule::new_method_call(),
        Box::new(move |message, connection| {
            if message.member().as_deref() == Some("Notify") {
                let (app, _replaces, _icon, summary, body): (String, u32, String, String, String) =
                    message.read5().unwrap();
                received
                    .lock()
                    .unwrap()
                    .push(Received { app, summary, body });
                let _ = connection.send(message.method_return().append1(1u32));
            } else {
                let _ = connection.send(message.method_return());
            }
            true
        }),
    );
    ready.store(true, Ordering::SeqCst);
    while !stop.load(Ordering::SeqCst) {
        connection.process(Duration::from_millis(50)).unwrap();
    }
}

impl Drop for NotificationServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// A home tracking its own tool with two checks: MFA overdue, the password
/// done in November.
fn home_with_acme() -> Home {
    let home = Home::new();
    common::write(
        &home.config().with_file_name("org.toml"),
        "name = \"Test org\"\n[tools.acme]\nname = \"Acme Chat\"\nchecks = [\"mfa\", \"password\"]\n",
    );
    home.write_config("include = [\"org.toml\"]\ntrack = [\"acme\"]\n");
    home.write_state(
        "version = 1\n[tracked]\nacme = 2026-10-01\n[tools.acme]\npassword = { status = \"done\", verified = 2026-11-02 }\n",
    );
    home
}

/// `hygiene remind ARGS` on `day` (the harness's clock file), with the bus at `bus`.
fn remind(home: &Home, day: &str, bus: Option<&str>, args: &[&str]) -> std::process::Output {
    let clock = home.path().join("clock");
    std::fs::write(&clock, day).unwrap();
    let mut cmd = home.cmd();
    cmd.env_remove("HYGIENE_TODAY")
        .env(hygiene_core::dates::TEST_CLOCK_ENV, &clock)
        .arg("remind")
        .args(args);
    if let Some(bus) = bus {
        cmd.env("DBUS_SESSION_BUS_ADDRESS", bus);
    }
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    output
}

/// Wait until the server has `n` notifications (the call is answered
/// before the program exits, so this is at once).
fn settled(server: &NotificationServer, n: usize) -> Vec<Received> {
    let start = Instant::now();
    while server.received().len() < n && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(10));
    }
    server.received()
}

#[test]
fn a_reminder_comes_once_a_day_and_only_for_what_is_new() {
    let dir = tempfile::tempdir().unwrap();
    let Some(server) =
        NotificationServer::start(&format!("unix:path={}", dir.path().join("bus").display()))
    else {
        return;
    };
    let home = home_with_acme();
    let state_before = home.read_state();
    let bus = Some(server.address.as_str());

    let output = remind(&home, "2026-11-25", bus, &[]);
    assert!(output.stdout.is_empty(), "quiet for a timer: {output:?}");
    let got = settled(&server, 1);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].app, "hygiene");
    assert_eq!(got[0].summary, "hygiene: 1 overdue");
    assert_eq!(
        got[0].body,
        "1 new since the last reminder:\nAcme Chat: Multi-factor authentication (overdue)\nRun hygiene review to go through them."
    );
    // The same day again: nothing. The next day, nothing new: nothing.
    remind(&home, "2026-11-25", bus, &[]);
    remind(&home, "2026-11-26", bus, &[]);
    assert_eq!(settled(&server, 2).len(), 1);

    // Something new to fix: reminded, naming only what is new.
    home.cmd()
        .env("HYGIENE_TODAY", "2026-11-26")
        .args(["todo", "acme", "password"])
        .assert()
        .code(0);
    let state_after_change = home.read_state();
    remind(&home, "2026-11-27", bus, &[]);
    let got = settled(&server, 2);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].summary, "hygiene: 1 overdue · 1 to fix");
    assert_eq!(
        got[1].body,
        "1 new since the last reminder:\nAcme Chat: Strong password or organisation sign-on (to fix)\nRun hygiene review to go through them."
    );

    // --test sends one now, whatever was sent today, and remembers nothing.
    let output = remind(&home, "2026-11-27", bus, &["--test"]);
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("Sent: hygiene: 1 overdue · 1 to fix")
    );
    assert_eq!(settled(&server, 3).len(), 3);
    remind(&home, "2026-11-27", bus, &[]);
    assert_eq!(settled(&server, 4).len(), 3);

    // What was reminded is kept outside the state, which reminding never writes.
    assert_ne!(state_before, state_after_change);
    assert_eq!(home.read_state(), state_after_change);
    let record = std::fs::read_dir(home.path().join("xdg-state").join("hygiene"))
        .unwrap()
        .count();
    assert_eq!(record, 1);
}

#[test]
fn an_open_incident_is_reminded_every_day() {
    let dir = tempfile::tempdir().unwrap();
    let Some(server) =
        NotificationServer::start(&format!("unix:path={}", dir.path().join("bus").display()))
    else {
        return;
    };
    let home = home_with_acme();
    home.cmd()
        .args(["incident", "lost-device", "--tool", "acme"])
        .assert()
        .code(0);
    let bus = Some(server.address.as_str());
    remind(&home, "2026-11-25", bus, &[]);
    remind(&home, "2026-11-26", bus, &[]);
    let got = settled(&server, 2);
    assert_eq!(got.len(), 2);
    assert_eq!(
        got[1].summary,
        "hygiene: lost device incident open · 1 overdue"
    );
    assert!(
        got[1].body.starts_with(
            "Incident open since 2026-11-25: lost device (0 of 2 steps done). Run hygiene incident lost-device to go on with it."
        ),
        "{:?}",
        got[1].body
    );
}

#[test]
fn under_cron_the_bus_is_found_in_the_runtime_folder() {
    let runtime = tempfile::tempdir().unwrap();
    let socket = runtime.path().join("bus");
    let Some(server) = NotificationServer::start(&format!("unix:path={}", socket.display())) else {
        return;
    };
    let home = home_with_acme();
    // No DBUS_SESSION_BUS_ADDRESS, as under cron.
    let clock = home.path().join("clock");
    std::fs::write(&clock, "2026-11-25").unwrap();
    let output = home
        .cmd()
        .env_remove("HYGIENE_TODAY")
        .env(hygiene_core::dates::TEST_CLOCK_ENV, &clock)
        .env("XDG_RUNTIME_DIR", runtime.path())
        .arg("remind")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(settled(&server, 1).len(), 1, "{output:?}");
}

#[test]
fn without_a_notification_service_the_text_goes_to_standard_output() {
    let home = home_with_acme();
    // No bus at all.
    let output = remind(&home, "2026-11-25", None, &[]);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "hygiene: 1 overdue\n1 new since the last reminder:\nAcme Chat: Multi-factor authentication (overdue)\nRun hygiene review to go through them.\n"
    );
    assert!(
        common::stderr_line(&output)
            .starts_with("warning: not shown as a notification: no D-Bus session bus"),
        "{output:?}"
    );
    // A bus with no notification server on it: the same.
    let dir = tempfile::tempdir().unwrap();
    if !found("dbus-daemon") {
        return;
    }
    let (mut daemon, address) =
        private_bus(&format!("unix:path={}", dir.path().join("bus").display()));
    let output = remind(&home, "2026-11-26", Some(address.trim()), &["--test"]);
    let _ = daemon.kill();
    let _ = daemon.wait();
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("hygiene: 1 overdue\n"));
    assert_eq!(
        common::stderr_line(&output),
        "warning: not shown as a notification: no notification service on the session bus"
    );
}

// ---------------------------------------------------------------------------
// --install and --uninstall

/// A stand-in `systemctl` on PATH that records its arguments; `user` says
/// whether it answers as a running user instance.
fn stand_in_systemctl(home: &Home, user: bool) -> PathBuf {
    let bin = home.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = bin.join("systemctl");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$*\" >> \"{}\"\n{}",
            home.path().join("systemctl.log").display(),
            if user {
                "exit 0\n"
            } else {
                "[ \"$2\" = show-environment ] && { echo 'Failed to connect to bus' >&2; exit 1; }\nexit 0\n"
            }
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    bin
}

fn with_path(home: &Home, bin: &Path, args: &[&str]) -> std::process::Output {
    let path = std::env::join_paths(
        std::iter::once(bin.to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    home.cmd().env("PATH", path).args(args).output().unwrap()
}

fn calls(home: &Home) -> String {
    std::fs::read_to_string(home.path().join("systemctl.log")).unwrap_or_default()
}

fn units(home: &Home) -> PathBuf {
    home.path().join("xdg-config").join("systemd").join("user")
}

/// Text with this run's own paths named.
fn named(home: &Home, text: &str) -> String {
    let bin = std::fs::canonicalize(env!("CARGO_BIN_EXE_hygiene")).unwrap();
    text.replace(&bin.display().to_string(), "BIN")
        .replace(&home.path().display().to_string(), "HOME")
}

#[test]
fn install_writes_a_timer_and_uninstall_removes_only_what_it_wrote() {
    let home = home_with_acme();
    let bin = stand_in_systemctl(&home, true);

    // A dry run says all and does nothing.
    let output = with_path(
        &home,
        &bin,
        &["remind", "--install", "--at", "08:15", "--dry-run"],
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(!units(&home).exists());
    assert_eq!(calls(&home), "--user show-environment\n");
    insta::assert_snapshot!(
        "install_dry_run",
        named(&home, &String::from_utf8_lossy(&output.stdout))
    );

    let output = with_path(&home, &bin, &["remind", "--install", "--at", "08:15"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    insta::assert_snapshot!(
        "install_output",
        named(&home, &String::from_utf8_lossy(&output.stdout))
    );
    let service = units(&home).join("hygiene-remind.service");
    let timer = units(&home).join("hygiene-remind.timer");
    insta::assert_snapshot!(
        "install_service",
        named(&home, &std::fs::read_to_string(&service).unwrap())
    );
    insta::assert_snapshot!("install_timer", std::fs::read_to_string(&timer).unwrap());
    assert_eq!(
        calls(&home),
        "--user show-environment\n--user show-environment\n--user daemon-reload\n--user enable --now hygiene-remind.timer\n"
    );
    // systemd itself reads them, where it is installed.
    if found("systemd-analyze") {
        let verify = Command::new("systemd-analyze")
            // The manual page is installed by the package, not here.
            .args(["verify", "--man=no"])
            .args([&service, &timer])
            .output()
            .unwrap();
        assert!(verify.status.success(), "{verify:?}");
    }

    // Uninstall stops the timer and removes both; install puts them back.
    std::fs::remove_file(home.path().join("systemctl.log")).unwrap();
    let output = with_path(&home, &bin, &["remind", "--uninstall"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(!service.exists() && !timer.exists());
    assert_eq!(
        calls(&home),
        "--user show-environment\n--user disable --now hygiene-remind.timer\n--user daemon-reload\n"
    );
    let output = with_path(&home, &bin, &["remind", "--install", "--at", "08:15"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");

    // A unit of the person's own is never replaced.
    std::fs::write(&timer, "[Timer]\nOnCalendar=daily\n").unwrap();
    let output = with_path(&home, &bin, &["remind", "--install"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(common::stderr_line(&output).contains("was not written by hygiene; it is left alone"));
    assert_eq!(
        std::fs::read_to_string(&timer).unwrap(),
        "[Timer]\nOnCalendar=daily\n"
    );

    // Uninstall removes what carries the marker and leaves the rest.
    std::fs::remove_file(home.path().join("systemctl.log")).unwrap();
    let output = with_path(&home, &bin, &["remind", "--uninstall"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    insta::assert_snapshot!(
        "uninstall_output",
        named(&home, &String::from_utf8_lossy(&output.stdout))
    );
    assert!(!service.exists());
    assert!(timer.exists());
    // The timer is not hygiene's, so hygiene neither stops nor disables it.
    assert_eq!(
        calls(&home),
        "--user show-environment\n--user daemon-reload\n"
    );
}

#[test]
fn without_systemd_install_prints_the_crontab_line() {
    let home = home_with_acme();
    let bin = stand_in_systemctl(&home, false);
    let output = with_path(&home, &bin, &["remind", "--install", "--at", "7:30"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let text = named(&home, &String::from_utf8_lossy(&output.stdout));
    assert_eq!(
        text,
        "No systemd user instance here. To be reminded every day, add this line to your crontab (`crontab -e`); hygiene does not edit it:\n    \
         30 7 * * * BIN --config HOME/config/config.toml --state HOME/data/state.toml remind\n"
    );
    assert!(!units(&home).exists());
    let output = with_path(&home, &bin, &["remind", "--uninstall"]);
    assert!(String::from_utf8_lossy(&output.stdout).contains("remove it there (`crontab -e`)"));
}

#[test]
fn bad_times_and_lone_flags_are_refused() {
    let home = home_with_acme();
    common::fails_cleanly(
        &home,
        &["remind", "--install", "--at", "9.30"],
        "expected a time of day as HH:MM",
    );
    common::fails_cleanly(
        &home,
        &["remind", "--dry-run"],
        "--dry-run goes with --install or --uninstall",
    );
    common::fails_cleanly(&home, &["remind", "--at", "09:00"], "--install");
}
