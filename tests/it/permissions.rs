//! Permissions: folders hygiene creates are 0700 and its files 0600 even
//! under a permissive umask, and a state others can read gets a warning.
#![cfg(unix)]

use crate::common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use common::Home;
use predicates::prelude::*;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn created_folders_and_files_are_private_under_umask_000() {
    let home = Home::new();
    let config = home.path().join("new/config/hygiene/config.toml");
    let state = home.path().join("new/data/hygiene/state.toml");
    let run = |args: &str| {
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("umask 000; exec \"$0\" {args}"))
            .arg(env!("CARGO_BIN_EXE_hygiene"))
            .env("HYGIENE_CONFIG", &config)
            .env("HYGIENE_STATE", &state)
            .env("HYGIENE_TODAY", common::TODAY)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{args}");
    };
    run("track slack");
    run("done slack mfa");
    run("done slack password");
    for dir in [
        home.path().join("new"),
        home.path().join("new/config"),
        home.path().join("new/config/hygiene"),
        home.path().join("new/data/hygiene"),
    ] {
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    }
    for file in [
        config.clone(),
        state.clone(),
        hygiene_core::store::backup_path(&state),
        hygiene_core::store::lock_path(&state),
        hygiene_core::store::lock_path(&config),
    ] {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    let out = home.path().join("review.md");
    let status = Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$0\" export --format markdown -o \"$1\"")
        .arg(env!("CARGO_BIN_EXE_hygiene"))
        .arg(&out)
        .env("HYGIENE_CONFIG", &config)
        .env("HYGIENE_STATE", &state)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&out), 0o600, "exports hold the same data");
    common::report("permissions: under umask 000, created folders 0700 and files 0600");
}

#[test]
fn a_state_others_can_read_gets_a_warning() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    std::fs::set_permissions(home.state(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let output = home.cmd().arg("status").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr,
        format!(
            "warning: {} can be read by other users (mode 644); run `chmod 600 {}`\n",
            home.state().display(),
            home.state().display()
        )
    );
    home.cmd().arg("doctor").assert().code(1).stdout(
        predicates::str::contains("✗ state    ").and(predicates::str::contains("mode 644")),
    );
    // The next save writes a private file again.
    home.cmd()
        .args(["done", "slack", "password"])
        .assert()
        .code(0);
    assert_eq!(mode(&home.state()), 0o600);
}

#[test]
fn the_backup_is_private_whatever_the_old_mode() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    std::fs::set_permissions(home.state(), std::fs::Permissions::from_mode(0o644)).unwrap();
    home.cmd().args(["done", "slack", "photo"]).assert().code(0);
    let backup = hygiene_core::store::backup_path(&home.state());
    assert_eq!(mode(&backup), 0o600, "the backup of a 0644 state");
    assert_eq!(mode(&home.state()), 0o600);
    assert!(std::fs::read_to_string(&backup).unwrap().contains("mfa"));
}

fn owner(path: &Path) -> (u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).unwrap();
    (m.uid(), m.gid())
}

/// `sudo hygiene done ...` on someone else's files leaves every file theirs:
/// the state, its backup, the lock, and a folder it had to create.
#[test]
fn root_keeps_the_owner_of_the_files_it_changes() {
    use std::os::unix::fs::MetadataExt;
    if std::fs::metadata("/proc/self").map_or(1, |m| m.uid()) != 0 {
        assert!(std::env::var_os("CI").is_none(), "CI runs as root");
        eprintln!("skipped: needs root");
        return;
    }
    let home = Home::new();
    home.setup(&["slack"]);
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    let nobody = (65534, 65534);
    let data = home.state().parent().unwrap().to_path_buf();
    let chown = |p: &Path| std::os::unix::fs::chown(p, Some(nobody.0), Some(nobody.1)).unwrap();
    for p in [
        home.path().to_path_buf(),
        data.clone(),
        home.state(),
        home.config().parent().unwrap().to_path_buf(),
        home.config(),
    ] {
        chown(&p);
    }
    std::fs::remove_file(hygiene_core::store::lock_path(&home.state())).unwrap();
    let _ = std::fs::remove_file(hygiene_core::store::backup_path(&home.state()));
    home.cmd().args(["done", "slack", "photo"]).assert().code(0);
    home.cmd().args(["track", "zoom"]).assert().code(0);
    for p in [
        home.state(),
        hygiene_core::store::backup_path(&home.state()),
        hygiene_core::store::lock_path(&home.state()),
        home.config(),
        hygiene_core::store::backup_path(&home.config()),
        hygiene_core::store::lock_path(&home.config()),
    ] {
        assert_eq!(owner(&p), nobody, "{}", p.display());
    }
    // A state in a folder root creates inside one of the user's.
    let fresh = home.path().join("new/deeper/state.toml");
    home.cmd()
        .args(["done", "slack", "password"])
        .env("HYGIENE_STATE", &fresh)
        .assert()
        .code(0);
    for p in [
        home.path().join("new"),
        home.path().join("new/deeper"),
        fresh.clone(),
        hygiene_core::store::lock_path(&fresh),
    ] {
        assert_eq!(owner(&p), nobody, "{}", p.display());
    }
}

/// A symbolic link in place of the lock file is never followed.
#[test]
fn a_link_in_place_of_the_lock_is_refused() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    let victim = home.path().join("victim");
    common::write(&victim, "keep\n");
    let lock = hygiene_core::store::lock_path(&home.state());
    std::fs::remove_file(&lock).unwrap();
    std::os::unix::fs::symlink(&victim, &lock).unwrap();
    let before = home.snapshot();
    let out = home
        .cmd()
        .args(["done", "slack", "photo"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        format!(
            "error: {}: is a symbolic link; hygiene's lock file must be a plain file: remove the link",
            lock.display()
        )
    );
    assert_eq!(before, home.snapshot());
    assert_eq!(mode(&victim), 0o600);
}

/// Temporary files a killed process left are removed by the next save; one
/// another process is still writing (its lock held) is left alone; a file of
/// the user's that merely looks alike (`state.toml.tmp`) is never touched.
#[test]
fn temporary_files_left_behind_never_pile_up() {
    let home = Home::new();
    home.setup(&["slack"]);
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    let state_file = home.state();
    let stale: Vec<_> = [
        "hygiene-tmp.4242.0",
        "hygiene-tmp.4243.7",
        "hygiene-bak.4242.0",
    ]
    .iter()
    .map(|s| hygiene_core::store::sibling(&state_file, s))
    .collect();
    for p in &stale {
        common::write(p, "left by a killed process\n");
    }
    let live = hygiene_core::store::sibling(&state_file, "hygiene-tmp.999999.0");
    common::write(&live, "being written\n");
    let held = std::fs::File::open(&live).unwrap();
    held.lock().unwrap();
    let mine = hygiene_core::store::sibling(&state_file, "tmp");
    common::write(&mine, "the user's\n");
    home.cmd().args(["done", "slack", "photo"]).assert().code(0);
    for p in &stale {
        assert!(!p.exists(), "{} removed", p.display());
    }
    assert!(live.exists(), "a file still being written stays");
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "the user's\n");
    drop(held);
    home.cmd()
        .args(["done", "slack", "password"])
        .assert()
        .code(0);
    assert!(!live.exists());
    assert_eq!(
        hygiene_core::store::temporaries(&state_file),
        Vec::<std::path::PathBuf>::new()
    );
}
