//! Broken terminals: whatever ends the dashboard (SIGTERM, SIGHUP, a panic),
//! the terminal is given back: main screen, cursor shown, mouse reports off,
//! raw mode off. Resizing to 1×1 and back, 500 resizes in a burst and 10,000
//! keys as fast as they can be typed leave it working, and idle it uses no CPU.

use crate::common;

use std::time::{Duration, Instant};

use common::Home;
use common::pty::Pty;
use nix::sys::termios::LocalFlags;

const WAIT: Duration = Duration::from_secs(15);

fn open(home: &Home, extra: &[(&str, &str)]) -> Pty {
    let extra: Vec<(&str, &std::ffi::OsStr)> = extra
        .iter()
        .map(|(k, v)| (*k, std::ffi::OsStr::new(*v)))
        .collect();
    let pty = home.dashboard(80, 24, &extra);
    pty.wait_for("score", WAIT);
    pty
}

/// The terminal after the program ended: every mode it changed is back.
fn assert_restored(pty: &Pty, how: &str) {
    let raw = pty.raw.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&raw);
    let last = |seq: &str| text.rfind(seq);
    let left =
        last("\x1b[?1049l").unwrap_or_else(|| panic!("{how}: the alternate screen was never left"));
    assert!(
        left > last("\x1b[?1049h").unwrap(),
        "{how}: left after entering"
    );
    assert!(
        last("\x1b[?25h").unwrap() > last("\x1b[?25l").unwrap_or(0),
        "{how}: cursor shown"
    );
    assert!(last("\x1b[?1000l").is_some(), "{how}: mouse reports off");
    let parser = pty.parser.lock().unwrap();
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "{how}: main screen");
    assert!(!screen.hide_cursor(), "{how}: cursor visible");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "{how}"
    );
    drop(parser);
    let modes = pty.master.get_termios().expect("terminal modes");
    assert!(
        modes
            .local_flags
            .contains(LocalFlags::ECHO | LocalFlags::ICANON),
        "{how}: raw mode is off (echo and line editing back)"
    );
}

#[test]
fn signals_and_panics_give_the_terminal_back() {
    let _one = common::exclusive();
    let home = Home::new();
    home.setup(&["slack", "zoom"]);
    for (signal, name, code) in [("-TERM", "SIGTERM", 143), ("-HUP", "SIGHUP", 129)] {
        let mut pty = open(&home, &[]);
        let status = std::process::Command::new("kill")
            .args([signal, &pty.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(pty.wait_exit(WAIT), Some(code), "{name}");
        assert_restored(&pty, name);
    }

    let mut pty = open(&home, &[("HYGIENE_TEST_ONLY_PANIC_ON_F12", "1")]);
    pty.send(b"\x1b[24~");
    assert_eq!(pty.wait_exit(WAIT), Some(2), "a panic ends in exit 2");
    assert_restored(&pty, "panic");
    let screen = pty.screen();
    assert!(
        screen.contains("error: hygiene hit a bug (the test trigger"),
        "{screen}"
    );
    assert!(!screen.contains("RUST_BACKTRACE"), "no backtrace: {screen}");
    common::report("broken terminals: SIGTERM, SIGHUP and a panic each left the terminal restored");
}

fn cpu_ticks(pid: i32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn resizes_and_key_storms_leave_it_working_and_idle() {
    let _one = common::exclusive();
    let home = Home::new();
    common::write_dataset(&home, 40, 9);
    let mut pty = open(&home, &[]);

    pty.resize(1, 1);
    std::thread::sleep(Duration::from_millis(200));
    pty.resize(80, 24);
    pty.wait_for("score", WAIT);

    for i in 0..500 {
        let (c, r) = if i % 2 == 0 {
            (30 + i % 90, 10 + i % 40)
        } else {
            (120, 40)
        };
        pty.resize(c as u16, r as u16);
    }
    pty.resize(100, 30);
    let screen = pty.wait_for("Tool 0 · Multi-factor authentication", WAIT);
    assert!(screen.lines().count() == 30, "{screen}");

    // 10,000 keys in one go: down and up, ending where it started.
    let start = Instant::now();
    pty.send("jk".repeat(5_000).as_bytes());
    pty.send(b"l");
    let screen = pty.wait_for("Tool 0 · Strong password", WAIT);
    let took = start.elapsed();
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with('›') && l.contains("Tool 0 ")),
        "back on the first row: {screen}"
    );

    // Idle: no CPU to speak of (one tick is 10 ms, and the kernel charges
    // whole ticks, so a few microseconds can show as one).
    std::thread::sleep(Duration::from_millis(300));
    let before = cpu_ticks(pty.pid());
    std::thread::sleep(Duration::from_secs(5));
    let idle = cpu_ticks(pty.pid()) - before;
    assert!(idle <= 1, "{idle} ticks of CPU in 5 idle seconds");
    assert!(pty.child.try_wait().unwrap().is_none(), "still running");
    pty.send(b"q");
    assert_eq!(pty.wait_exit(WAIT), Some(0));
    assert_restored(&pty, "quit");
    common::report(&format!(
        "terminal storms: 1x1 and back, 500 resizes, 10,000 keys handled in {:.2} s; idle CPU {} ms in 5 s",
        took.as_secs_f64(),
        idle * 10
    ));
}

/// The last frame is the right size even when the window changes while the
/// first frame is still being drawn, before the program first looks for events.
#[test]
fn a_resize_during_the_first_frame_is_not_lost() {
    let _one = common::exclusive();
    let home = Home::new();
    home.setup(&["slack", "zoom"]);
    for _ in 0..5 {
        let mut pty = home.dashboard(80, 24, &[]);
        let start = Instant::now();
        while pty.raw.lock().unwrap().is_empty() && start.elapsed() < WAIT {
            std::thread::sleep(Duration::from_micros(200));
        }
        pty.resize(100, 30);
        let screen = pty.wait_for("score", WAIT);
        let lines: Vec<&str> = screen.lines().collect();
        assert_eq!(lines.len(), 30, "{screen}");
        assert!(
            lines[29].contains("quit"),
            "the hint bar on the last of 30 rows: {screen}"
        );
        pty.send(b"q");
        assert_eq!(pty.wait_exit(WAIT), Some(0));
    }
}
