//! Saves that cannot complete: a full disk (a tiny tmpfs) and a read-only
//! file system. The previous state stays intact, the message is clear, and
//! the dashboard keeps running and says so.
//!
//! Mounting needs root (as on CI); elsewhere these tests are skipped with a note.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::pty::Pty;

/// A tmpfs mounted for one test, unmounted on drop.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI runs as root and must be able to mount a tmpfs"
            );
            eprintln!("skipped: cannot mount a tmpfs here (not root?)");
            return None;
        }
        Some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount_read_only(&self) {
        let status = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

struct Files {
    config: PathBuf,
    state: PathBuf,
}

fn setup(fs: &Tmpfs) -> Files {
    let files = Files {
        config: fs.path().join("config.toml"),
        state: fs.path().join("state.toml"),
    };
    std::fs::write(&files.config, "track = [\"slack\", \"zoom\"]\n").unwrap();
    let ok = hygiene(&files)
        .args(["done", "slack", "mfa"])
        .status()
        .unwrap();
    assert!(ok.success());
    files
}

fn hygiene(files: &Files) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hygiene"));
    cmd.env("HYGIENE_CONFIG", &files.config)
        .env("HYGIENE_STATE", &files.state)
        .env("HYGIENE_TODAY", common::TODAY)
        .env("NO_COLOR", "1");
    cmd
}

/// Fill the file system to the last byte.
fn fill(dir: &Path) {
    use std::io::Write;
    let mut filler = std::fs::File::create(dir.join("filler")).unwrap();
    let block = vec![0u8; 4096];
    while filler.write_all(&block).is_ok() {}
    let small = [0u8; 1];
    while filler.write_all(&small).is_ok() {}
    let _ = filler.sync_all();
}

fn refused(files: &Files, args: &[&str], says: &str) {
    let before = std::fs::read(&files.state).unwrap();
    let output = hygiene(files).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(says), "{stderr}");
    assert_eq!(
        std::fs::read(&files.state).unwrap(),
        before,
        "the previous state is intact"
    );
    assert!(
        hygiene_core::store::temporaries(&files.state).is_empty(),
        "no temporary file left"
    );
}

fn dashboard_says(files: &Files, home: &Path, says: &str) {
    let env = [
        ("HYGIENE_CONFIG", files.config.clone().into_os_string()),
        ("HYGIENE_STATE", files.state.clone().into_os_string()),
        ("HYGIENE_TODAY", common::TODAY.into()),
    ];
    let env: Vec<(&str, &std::ffi::OsStr)> = env.iter().map(|(k, v)| (*k, v.as_os_str())).collect();
    let before = std::fs::read(&files.state).unwrap();
    let mut pty = Pty::spawn(home, &[], &env, 100, 30);
    pty.wait_for("score", Duration::from_secs(10));
    pty.send(b"j ");
    let screen = pty.wait_for(says, Duration::from_secs(10));
    assert!(screen.contains("✗ not saved: "), "{screen}");
    // Still running: it moves and quits normally, and nothing was written.
    pty.send(b"k");
    pty.send(b"q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));
    assert_eq!(std::fs::read(&files.state).unwrap(), before);
}

#[test]
fn a_full_disk_leaves_the_state_intact() {
    let _one = common::exclusive();
    let Some(fs) = Tmpfs::mount("256k") else {
        return;
    };
    let files = setup(&fs);
    fill(fs.path());
    let long_note = "n".repeat(1_900);
    refused(
        &files,
        &["note", "slack", "mfa", &long_note],
        "no space left on the device",
    );
    let home = tempfile::tempdir().unwrap();
    dashboard_says(&files, home.path(), "no space left on the device");
    common::report(
        "full disk: the command line and the dashboard refuse the save with a clear line; the state is intact",
    );
}

#[test]
fn a_read_only_file_system_leaves_the_state_intact() {
    let _one = common::exclusive();
    let Some(fs) = Tmpfs::mount("1m") else { return };
    let files = setup(&fs);
    fs.remount_read_only();
    refused(
        &files,
        &["done", "zoom", "mfa"],
        "the file system is read-only",
    );
    let home = tempfile::tempdir().unwrap();
    dashboard_says(&files, home.path(), "the file system is read-");
    // Reading still works.
    let output = hygiene(&files).arg("status").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
}

/// Under `ulimit -f`, a save that would grow the state past the limit is the
/// same one line and exit 2 as a full disk, not a silent SIGXFSZ, and it
/// leaves the state and no temporary file behind.
#[cfg(unix)]
#[test]
fn a_file_size_limit_is_an_error_not_a_signal() {
    let home = common::Home::new();
    home.setup(&["slack"]);
    let note = "n".repeat(900);
    home.cmd()
        .args(["note", "slack", "mfa", &note])
        .assert()
        .code(0);
    let before = home.read_state();
    assert!(before.len() > 1024, "{}", before.len());
    // The binary with this home's environment, under a 1 KiB limit.
    let isolated = home.std_cmd();
    let mut shell = std::process::Command::new("sh");
    shell
        .arg("-c")
        .arg("ulimit -f 1; exec \"$0\" note slack photo \"$1\"")
        .arg(env!("CARGO_BIN_EXE_hygiene"))
        .arg(&note);
    for (key, value) in isolated.get_envs() {
        match value {
            Some(v) => shell.env(key, v),
            None => shell.env_remove(key),
        };
    }
    let out = shell.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: cannot write ") && stderr.contains("(ulimit -f)"),
        "{stderr}"
    );
    assert_eq!(home.read_state(), before, "the state is as it was");
    assert!(
        hygiene_core::store::temporaries(&home.state()).is_empty(),
        "no temporary file is left"
    );
}

/// A state with a long, legal name (245 characters) is read and saved, with
/// its backup and lock beside it: hygiene's own names fit the limit too.
#[test]
fn a_state_with_a_long_name_is_saved() {
    let home = common::Home::new();
    home.setup(&["slack"]);
    let long = home
        .path()
        .join("data")
        .join(format!("{}.toml", "s".repeat(240)));
    std::fs::create_dir_all(long.parent().unwrap()).unwrap();
    for check in ["mfa", "password"] {
        let out = home
            .std_cmd()
            .env("HYGIENE_STATE", &long)
            .args(["done", "slack", check])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let state = std::fs::read_to_string(&long).unwrap();
    assert!(
        state.contains("mfa = { status = \"done\"") && state.contains("password = "),
        "{state}"
    );
    // The previous version is kept, under a name that fits.
    let names: Vec<String> = std::fs::read_dir(long.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.len() <= 255), "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| Path::new(n).extension().is_some_and(|e| e == "bak")),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.contains(".hygiene-")),
        "no temporary file left: {names:?}"
    );
}
