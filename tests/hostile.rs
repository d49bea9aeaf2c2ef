//! Hostile files: every file in tests/invalid/ (configs, states, catalogs),
//! and the cases that cannot be committed (a symbolic link to elsewhere, an
//! unreadable file, a folder or a pipe in the file's place, a huge file).
//! Each must give exit 2 and one line naming the file (with the line and
//! column where there is one), and leave every file on disk as it was.

mod common;

use std::path::Path;

use common::Home;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/invalid");

#[derive(Debug, serde::Deserialize)]
struct Expected {
    at: String,
    says: String,
}

fn manifest() -> indexmap::IndexMap<String, Expected> {
    let text = std::fs::read_to_string(Path::new(CORPUS).join("expected.toml")).unwrap();
    toml::from_str(&text).unwrap()
}

/// Run `args`; exit 2, one line, naming `file` and `at`, saying `says`, and no file changed.
fn refused(home: &Home, args: &[&str], file: &Path, at: &str, says: &str) {
    let before = home.snapshot();
    let output = home.cmd().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{args:?} on {}: {stderr}",
        file.display()
    );
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    let place = if at.is_empty() {
        format!("error: {}: ", file.display())
    } else {
        format!("error: {}:{at}: ", file.display())
    };
    assert!(
        stderr.starts_with(&place),
        "{args:?}\n  gave   {stderr}  wanted {place}"
    );
    assert!(
        stderr.contains(says),
        "{args:?}\n  gave   {stderr}  wanted {says}"
    );
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"));
    assert_eq!(before, home.snapshot(), "{args:?} changed a file");
}

#[test]
fn every_file_of_the_corpus_is_refused_with_its_place_and_nothing_changes() {
    let expected = manifest();
    let mut files = Vec::new();
    for kind in ["config", "state", "catalog"] {
        for entry in std::fs::read_dir(Path::new(CORPUS).join(kind)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().to_string();
            files.push(format!("{kind}/{name}"));
        }
    }
    files.sort();
    let listed: Vec<&String> = expected.keys().collect();
    for f in &files {
        assert!(
            expected.contains_key(f),
            "{f} has no entry in expected.toml"
        );
    }
    assert_eq!(
        files.len(),
        expected.len(),
        "entries without a file: {listed:?}"
    );
    assert!(files.len() >= 40, "{} files", files.len());

    for (name, want) in &expected {
        let source = Path::new(CORPUS).join(name);
        let bytes = std::fs::read(&source).unwrap();
        let home = Home::new();
        let (kind, _) = name.split_once('/').unwrap();
        match kind {
            "config" => {
                common::write(&home.state(), "version = 1\n");
                write_bytes(&home.config(), &bytes);
                for args in [
                    &["status"][..],
                    &["track", "zoom"],
                    &["done", "slack", "mfa"],
                ] {
                    refused(&home, args, &home.config(), &want.at, &want.says);
                }
            }
            "state" => {
                home.setup(&["slack"]);
                write_bytes(&home.state(), &bytes);
                for args in [
                    &["status"][..],
                    &["done", "slack", "mfa"],
                    &["note", "slack", "mfa", "x"],
                ] {
                    refused(&home, args, &home.state(), &want.at, &want.says);
                }
            }
            _ => {
                let org = home.config().with_file_name("org.toml");
                common::write(
                    &home.config(),
                    "include = [\"org.toml\"]\ntrack = [\"slack\"]\n",
                );
                write_bytes(&org, &bytes);
                for args in [&["status"][..], &["done", "slack", "mfa"]] {
                    refused(&home, args, &org, &want.at, &want.says);
                }
            }
        }
    }
    common::report(&format!(
        "hostile files: {} files in tests/invalid/ each refused with exit 2 and one line, files untouched",
        expected.len()
    ));
}

fn write_bytes(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn links_folders_pipes_and_huge_files_are_refused() {
    // A symbolic link to elsewhere, as the state and as the config.
    let home = Home::new();
    home.setup(&["slack"]);
    std::fs::create_dir_all(home.state().parent().unwrap()).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", home.state()).unwrap();
    for args in [&["status"][..], &["done", "slack", "mfa"]] {
        refused(
            &home,
            args,
            &home.state(),
            "",
            "is a symbolic link (to /etc/hostname)",
        );
    }
    let home = Home::new();
    let real = home.path().join("real-config.toml");
    common::write(&real, "track = [\"slack\"]\n");
    std::fs::create_dir_all(home.config().parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&real, home.config()).unwrap();
    refused(
        &home,
        &["track", "zoom"],
        &home.config(),
        "",
        "is a symbolic link",
    );

    // A folder in the file's place.
    let home = Home::new();
    home.setup(&["slack"]);
    std::fs::create_dir_all(home.state()).unwrap();
    refused(
        &home,
        &["done", "slack", "mfa"],
        &home.state(),
        "",
        "is a folder, not a file",
    );
    let home = Home::new();
    std::fs::create_dir_all(home.config()).unwrap();
    refused(
        &home,
        &["status"],
        &home.config(),
        "",
        "is a folder, not a file",
    );

    // A named pipe: never opened, so nothing waits for a writer.
    let home = Home::new();
    home.setup(&["slack"]);
    std::fs::create_dir_all(home.state().parent().unwrap()).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(home.state())
        .status()
        .unwrap();
    assert!(status.success());
    refused(
        &home,
        &["status"],
        &home.state(),
        "",
        "is not a regular file",
    );

    // A file over the size limit.
    let home = Home::new();
    home.setup(&["slack"]);
    let big = format!("version = 1\n# {}\n", "x".repeat(33 * 1024 * 1024));
    common::write(&home.state(), &big);
    refused(
        &home,
        &["done", "slack", "mfa"],
        &home.state(),
        "",
        "file is larger than 32 MiB",
    );
}

/// As root every file is readable, so the unreadable case runs as `nobody`.
#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    home.setup(&["slack"]);
    common::write(&home.state(), "version = 1\n");
    let set = |p: &Path, mode| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    for dir in [
        home.path().to_path_buf(),
        home.config().parent().unwrap().to_path_buf(),
        home.state().parent().unwrap().to_path_buf(),
    ] {
        set(&dir, 0o755);
    }
    set(&home.config(), 0o644);
    set(&home.state(), 0o000);
    let root = is_root();
    // `nobody` may not reach the build folder (a checkout under /root): it
    // runs a copy of the binary from the home made readable above.
    let bin = home.path().join("bin/hygiene");
    if root {
        std::fs::create_dir_all(bin.parent().unwrap()).unwrap();
        set(bin.parent().unwrap(), 0o755);
        std::fs::copy(env!("CARGO_BIN_EXE_hygiene"), &bin).unwrap();
        set(&bin, 0o755);
    }
    let before = home.snapshot();
    let mut cmd: std::process::Command = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        c.arg(&bin);
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_hygiene"))
    };
    let output = cmd
        .args(["status"])
        .env("HYGIENE_CONFIG", home.config())
        .env("HYGIENE_STATE", home.state())
        .env("HYGIENE_TODAY", common::TODAY)
        .env("HOME", home.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "error: cannot read {}: permission denied\n",
            home.state().display()
        )
    );
    set(&home.state(), 0o600);
    let mut after = home.snapshot();
    // Only the mode was changed back above; bytes and times are as they were.
    for (path, (bytes, time)) in &before {
        let (b, t) = after.remove(path).unwrap();
        assert_eq!((&b, &t), (bytes, time), "{}", path.display());
    }
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}
