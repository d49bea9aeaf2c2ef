//! Hostile files: every file in tests/invalid/ (configs, states, catalogs),
//! and the cases that cannot be committed (a symbolic link to elsewhere, an
//! unreadable file, a folder or a pipe in the file's place, a huge file).
//! Each must give exit 2 and one line naming the file (with the line and
//! column where there is one), and leave every file on disk as it was.

use crate::common;

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

/// The dashboard's keys are the dashboard's: a mistake there stops the
/// dashboard, with its place, and `doctor` names it; never a command that
/// cron runs.
fn keys_stop_the_dashboard_alone(home: &Home, name: &str, bytes: &[u8], want: &Expected) {
    // The dashboard's keys are the dashboard's: a mistake there
    // stops the dashboard, with its place, and never a command
    // that cron runs.
    common::write(&home.state(), "version = 1\n");
    write_bytes(&home.config(), bytes);
    for args in [&["status"][..], &["tools"], &["show", "slack"]] {
        let output = home.cmd().args(args).output().unwrap();
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{name}: {args:?} works: {output:?}"
        );
    }
    refused(home, &[], &home.config(), &want.at, &want.says);
    let doctor = home.cmd().arg("doctor").output().unwrap();
    let stdout = String::from_utf8_lossy(&doctor.stdout);
    assert_eq!(doctor.status.code(), Some(1), "{name}: {stdout}");
    assert!(
        stdout.contains("✗ keys") && stdout.contains(&want.says),
        "{name}: doctor says {stdout}"
    );
}

#[test]
fn every_file_of_the_corpus_is_refused_with_its_place_and_nothing_changes() {
    let expected = manifest();
    let mut files = Vec::new();
    for kind in ["config", "keys", "state", "catalog"] {
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
            "keys" => keys_stop_the_dashboard_alone(&home, name, &bytes, want),
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
    common::mkfifo(&home.state());
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
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
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
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
    })
}

/// `export -o` replaces only a regular file (or nothing), follows a link to
/// its target, writes a pipe or a terminal in place, refuses everything
/// hygiene owns, and never takes a file the user already has for its
/// temporary file.
#[cfg(unix)]
// One harness reads best as one story, in the order a person would try it.
#[allow(clippy::too_many_lines)]
#[test]
fn export_writes_only_where_it_may() {
    use std::os::unix::fs::FileTypeExt;
    use std::os::unix::fs::symlink;
    let home = Home::new();
    home.write_config("include = [\"org.toml\"]\ntrack = [\"slack\"]\n");
    let org = home.config().with_file_name("org.toml");
    common::write(&org, "[tools.wiki]\nname = \"Wiki\"\nchecks = [\"mfa\"]\n");
    home.cmd().args(["done", "slack", "mfa"]).assert().code(0);
    home.cmd().args(["done", "slack", "photo"]).assert().code(0);
    let dir = home.path().join("out");
    std::fs::create_dir_all(&dir).unwrap();
    let export = |to: &Path| {
        home.cmd()
            .args(["export", "--format", "markdown", "-o"])
            .arg(to)
            .output()
            .unwrap()
    };

    // A plain file: replaced; the user's own `report.md.tmp` untouched.
    let report = dir.join("report.md");
    common::write(&report, "old report\n");
    common::write(&dir.join("report.md.tmp"), "mine\n");
    let out = export(&report);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .starts_with("# Account hygiene review")
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("report.md.tmp")).unwrap(),
        "mine\n"
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");

    // A link: followed, the link kept and its target replaced.
    let target = dir.join("target.md");
    common::write(&target, "old\n");
    let link = dir.join("link.md");
    symlink(&target, &link).unwrap();
    assert_eq!(export(&link).status.code(), Some(0));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("# Account")
    );
    // A link that leads nowhere is refused.
    let dangling = dir.join("dangling.md");
    symlink(dir.join("missing/x.md"), &dangling).unwrap();
    let out = export(&dangling);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("leads nowhere"));

    // A named pipe: written in place, still a pipe.
    let fifo = dir.join("fifo");
    common::mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    assert_eq!(export(&fifo).status.code(), Some(0));
    assert!(
        reader
            .join()
            .unwrap()
            .starts_with("# Account hygiene review")
    );
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    // A character device (/dev/null, and /dev/stdout, a link to one or to a pipe).
    assert_eq!(export(Path::new("/dev/null")).status.code(), Some(0));
    let out = export(Path::new("/dev/stdout"));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# Account hygiene review"));
    assert!(
        std::fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );

    // A folder that does not exist is not made.
    let out = export(&dir.join("typo/report.md"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist; create it first"));
    assert!(!dir.join("typo").exists());

    // A folder is refused.
    let out = export(&dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a folder"));

    // Every file hygiene owns is refused, also through a link, and unchanged.
    let stale = hygiene_core::store::sibling(&home.state(), "hygiene-tmp.1.0");
    common::write(&stale, "stale\n");
    let through = dir.join("to-state");
    symlink(home.state(), &through).unwrap();
    for own in [
        home.config(),
        home.state(),
        hygiene_core::store::backup_path(&home.state()),
        hygiene_core::store::lock_path(&home.state()),
        hygiene_core::store::lock_path(&home.config()),
        stale.clone(),
        org.clone(),
        through,
    ] {
        let before = home.snapshot();
        let out = export(&own);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", own.display());
        assert!(stderr.contains("is hygiene's own file ("), "{stderr}");
        assert_eq!(stderr.lines().count(), 1);
        assert_eq!(before, home.snapshot(), "{} changed", own.display());
    }
    common::report(
        "export -o: a file replaced, a link followed, a pipe and /dev/stdout written in place, a folder, a dangling link and 8 of hygiene's own files refused",
    );
}

/// Output that cannot be written is an error (exit 2, one line); a closed
/// pipe ends quietly with the command's own code.
#[cfg(unix)]
#[test]
fn output_that_cannot_be_written_is_an_error_and_a_closed_pipe_is_not() {
    let home = Home::new();
    home.setup(&["slack", "zoom"]);
    home.tracked_since(&["slack", "zoom"], "2026-01-01");
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    for args in [
        &["status"][..],
        &["status", "--json"],
        &["export", "--format", "markdown"],
        &["export", "--format", "ics"],
        &["tools"],
        &["show", "slack"],
        &["paths"],
        &["completions", "bash"],
        &["--help"],
    ] {
        let out = home.std_cmd().args(args).stdout(full()).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(
            stderr.trim_end(),
            "error: cannot write the output: no space left on the device",
            "{args:?}"
        );
    }
    // A reader that has gone: no message, the command's own exit code.
    for (args, code) in [
        (&["status"][..], 1),
        (&["status", "--json"], 1),
        (&["tools"], 0),
        (&["export", "--format", "csv"], 0),
    ] {
        let mut child = home
            .std_cmd()
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

/// Control characters, bidi overrides and zero-width characters in every
/// text a file can hold: nothing but the program's own colour codes reaches
/// the terminal from any command, and the exports carry them as visible marks.
#[test]
fn nothing_from_a_file_reaches_the_terminal_raw() {
    const EVIL: &str = "\\u001b]0;owned\\u0007\\u001b[2J\\r\\u009b31m\\u202e\\u200b";
    let home = Home::new();
    home.write_config(
        "include = [\"org.toml\"]\ntrack = [\"slack\", \"wiki\"]\n\n[identity]\nfirst = \"Alex\"\nlast = \"Black\"\norg = \"MOJ\"\n",
    );
    common::write(
        &home.config().with_file_name("org.toml"),
        &format!(
            "name = \"Org {EVIL}\"\nexpires = 2020-01-01\n\n[tools.wiki]\nname = \"Wiki {EVIL}\"\nkind = \"k {EVIL}\"\naudience = \"a {EVIL}\"\napproval = \"ok {EVIL}\"\naccess = \"x {EVIL}\"\nmfa_methods = [\"app {EVIL}\"]\nchecks = [\"mfa\", \"custom\"]\n\n[checks.custom]\ntitle = \"Custom {EVIL}\"\nshort = \"Cu\"\nkind = \"yesno\"\naction = \"Do {EVIL}\"\nwhy = \"Why {EVIL}\"\nhow = \"How {EVIL}\"\nweight = 3\ncadence_days = 30\n"
        ),
    );
    home.write_state(&format!(
        "version = 1\nprivate_notes = [\"slack\"]\n\n[tools.slack]\nmfa = {{ status = \"done\", verified = 2026-11-01, note = \"n {EVIL}\" }}\ndisplay_name = {{ status = \"done\", verified = 2026-11-01, value = \"v {EVIL}\" }}\nphoto = {{ status = \"accepted\", reason = \"r {EVIL}\" }}\n\n[tools.\"ghost{EVIL}\"]\nmfa = {{ status = \"todo\" }}\n"
    ));
    let allowed_sgr = regex_lite_sgr;
    let mut seen = 0;
    for args in [
        &["status"][..],
        &["status", "--all"],
        &["status", "--color", "always"],
        &["status", "--all", "--color", "always"],
        &["show", "wiki"],
        &["show", "wiki", "--color", "always"],
        &["show", "slack", "--color", "always"],
        &["tools", "--color", "always"],
        &["paths"],
        &["export", "--format", "markdown"],
        &["export", "--format", "csv"],
        &["export", "--format", "ics"],
        &["done", "slack", "nope\u{1b}[2J"],
        &["show", "\u{1b}]0;x\u{7}"],
    ] {
        let out = home.cmd().args(args).output().unwrap();
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            let rest = allowed_sgr(&text);
            let bad: Vec<char> = rest
                .chars()
                .filter(|&c| hygiene_core::text::is_hidden(c) && !matches!(c, '\n' | '\r'))
                .collect();
            assert!(bad.is_empty(), "{args:?} {stream}: {bad:?} in\n{text}");
            // CR only as the exports' line ends.
            assert!(
                !rest.replace("\r\n", "").contains('\r'),
                "{args:?} {stream}"
            );
        }
        let all = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        seen += all.matches('␛').count();
    }
    assert!(seen > 20, "the marks are shown: {seen}");
}

/// `text` without the colour codes the program itself writes (`ESC [ digits ; m`).
fn regex_lite_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let n = after
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b';')
            .count();
        if after.as_bytes().get(n) == Some(&b'm') {
            rest = &after[n + 1..];
        } else {
            out.push('\u{1b}');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}
