//! Permissions: folders hygiene creates are 0700 and its files 0600 even
//! under a permissive umask, and a state others can read gets a warning.

#![cfg(unix)]

mod common;

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
        hygiene::store::backup_path(&state),
        hygiene::store::lock_path(&state),
        hygiene::store::lock_path(&config),
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
