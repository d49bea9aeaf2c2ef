//! Shared helpers: a temporary home for each test, so that no test ever
//! touches the user's real config, state or keyring.

#![allow(dead_code)]

pub(crate) mod pty;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use assert_cmd::Command;

pub(crate) const TODAY: &str = "2026-11-25";

pub(crate) struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub(crate) fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn config(&self) -> PathBuf {
        self.path().join("config").join("config.toml")
    }

    pub(crate) fn state(&self) -> PathBuf {
        self.path().join("data").join("state.toml")
    }

    /// The binary with this home's files, a fixed date and no colour.
    pub(crate) fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// The same as [`Home::cmd`], as a plain process to spawn and kill.
    pub(crate) fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_hygiene"));
        isolate(&mut cmd, self.path());
        cmd.env("HYGIENE_CONFIG", self.config())
            .env("HYGIENE_STATE", self.state())
            .env("HYGIENE_TODAY", TODAY);
        cmd
    }

    /// The dashboard on this home's files (and `extra` environment) in a
    /// pseudo-terminal of `cols`×`rows`, with the date fixed unless `extra`
    /// says otherwise.
    pub(crate) fn dashboard(
        &self,
        cols: u16,
        rows: u16,
        extra: &[(&str, &std::ffi::OsStr)],
    ) -> pty::Pty {
        self.in_pty(&[], cols, rows, extra)
    }

    /// The program with `args` in a pseudo-terminal, on this home's files.
    pub(crate) fn in_pty(
        &self,
        args: &[&str],
        cols: u16,
        rows: u16,
        extra: &[(&str, &std::ffi::OsStr)],
    ) -> pty::Pty {
        let config = self.config();
        let state = self.state();
        let mut env: Vec<(&str, &std::ffi::OsStr)> = vec![
            ("HYGIENE_CONFIG", config.as_os_str()),
            ("HYGIENE_STATE", state.as_os_str()),
        ];
        if !extra
            .iter()
            .any(|(k, _)| *k == hygiene_core::dates::TEST_CLOCK_ENV)
        {
            env.push(("HYGIENE_TODAY", std::ffi::OsStr::new(TODAY)));
        }
        env.extend_from_slice(extra);
        pty::Pty::spawn(self.path(), args, &env, cols, rows)
    }

    pub(crate) fn write_config(&self, text: &str) {
        write(&self.config(), text);
    }

    pub(crate) fn write_state(&self, text: &str) {
        write(&self.state(), text);
    }

    /// The state file's text without the stamps every save adds (see
    /// [`unstamped`]); `read_state_raw` keeps them.
    pub(crate) fn read_state(&self) -> String {
        unstamped(&self.read_state_raw())
    }

    pub(crate) fn read_state_raw(&self) -> String {
        std::fs::read_to_string(self.state()).expect("the state file")
    }

    pub(crate) fn read_config(&self) -> String {
        std::fs::read_to_string(self.config()).expect("the config file")
    }

    /// Every file under the home with its bytes and modification time.
    pub(crate) fn snapshot(&self) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
        snapshot_dir(self.path())
    }

    /// Track `tools` with the identity Alex Black (MOJ).
    pub(crate) fn setup(&self, tools: &[&str]) {
        let list: Vec<String> = tools.iter().map(|t| format!("{t:?}")).collect();
        self.write_config(&format!(
            "track = [{}]\n\n[identity]\nfirst = \"Alex\"\nlast = \"Black\"\norg = \"MOJ\"\n",
            list.join(", ")
        ));
    }

    /// A state that says `tools` were tracked on `day` and nothing else: their
    /// first review was due `first_review_days` later.
    pub(crate) fn tracked_since(&self, tools: &[&str], day: &str) {
        let days: Vec<String> = tools.iter().map(|t| format!("{t} = {day}\n")).collect();
        self.write_state(&format!("version = 1\n[tracked]\n{}", days.concat()));
    }
}

/// A state file's text without what each save stamps for the merge of
/// several devices (the time and device of each change, removals kept as
/// stamps alone, the private-note flags' times): what was recorded, as a
/// test asserts it whatever the clock.
pub(crate) fn unstamped(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.starts_with("private_notes_changed = ")
            || line.starts_with("changed = ")
            || line.starts_with("device = ")
        {
            continue;
        }
        let mut line = line.to_string();
        for field in [", changed = ", ", device = "] {
            while let Some(at) = line.find(field) {
                let rest = &line[at + field.len()..];
                let end = if let Some(quoted) = rest.strip_prefix('"') {
                    quoted.find('"').map_or(rest.len(), |e| e + 2)
                } else {
                    rest.find([',', ' ']).unwrap_or(rest.len())
                };
                line.replace_range(at..at + field.len() + end, "");
            }
        }
        // A removal's stamp alone, or an entry that held only a stamp.
        if line.ends_with(" = {  }") || (line.contains(" = { changed = ") && line.ends_with(" }")) {
            continue;
        }
        out.push(line);
    }
    // Tables left empty by removals.
    let mut kept: Vec<String> = Vec::new();
    for (i, line) in out.iter().enumerate() {
        let empty_table = line.starts_with("[tools.")
            && out
                .get(i + 1)
                .is_none_or(|next| next.is_empty() || next.starts_with('['));
        if empty_table {
            if kept.last().is_some_and(String::is_empty) {
                kept.pop();
            }
            continue;
        }
        kept.push(line.clone());
    }
    let mut text = kept.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

/// Point every place a program might look for the user's files at `home`.
pub(crate) fn isolate(cmd: &mut std::process::Command, home: &Path) {
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("xdg-config"))
        .env("XDG_DATA_HOME", home.join("xdg-data"))
        .env("XDG_CACHE_HOME", home.join("xdg-cache"))
        .env("XDG_STATE_HOME", home.join("xdg-state"))
        // No session bus: no test reaches the user's desktop notifications.
        .env("XDG_RUNTIME_DIR", home.join("xdg-runtime"))
        .env("NO_COLOR", "1")
        // No test reads the person's git config.
        .env("GIT_CONFIG_GLOBAL", home.join("no-gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("HYGIENE_CONFIG")
        .env_remove("HYGIENE_STATE")
        .env_remove("HYGIENE_TODAY")
        .env_remove("HYGIENE_LOG")
        .env_remove("DBUS_SESSION_BUS_ADDRESS");
}

/// Every file under `dir` with its bytes and modification time.
pub(crate) fn snapshot_dir(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    snapshot_into(dir, &mut out);
    out
}

fn snapshot_into(dir: &Path, out: &mut BTreeMap<PathBuf, (Vec<u8>, SystemTime)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            snapshot_into(&path, out);
        } else {
            let bytes = if meta.is_file() {
                std::fs::read(&path).unwrap_or_default()
            } else {
                Vec::new()
            };
            out.insert(
                path,
                (bytes, meta.modified().unwrap_or(SystemTime::UNIX_EPOCH)),
            );
        }
    }
}

/// Write a file as hygiene would: private to the user.
pub(crate) fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("create the folder");
    std::fs::write(path, text).expect("write the file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
}

/// Append a line of figures to the reliability report that `.ci/run` prints
/// after the tests (target/tmp/reliability.txt), and show it on stderr.
pub(crate) fn report(line: &str) {
    use std::io::Write as _;
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("reliability.txt");
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = writeln!(file, "{line}");
    }
    eprintln!("{line}");
}

/// Write a generated data set of `tools` tools into `home`'s config folder
/// (config and org catalog) and data folder (state).
pub(crate) fn write_dataset(home: &Home, tools: usize, seed: u64) -> crate::sample::Dataset {
    let set = crate::sample::generate(tools, hygiene_core::dates::parse_iso(TODAY).unwrap(), seed);
    write(&home.config(), &set.config);
    write(&home.config().with_file_name("org.toml"), &set.catalog);
    write(&home.state(), &set.state.to_toml());
    set
}

/// Make a named pipe at `path`.
pub(crate) fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Held by the harnesses that time things or storm a terminal (kills,
/// resizes, concurrent writers, idle CPU): they run one at a time, as they
/// did when each was its own test binary, while the rest run beside them.
pub(crate) fn exclusive() -> std::sync::MutexGuard<'static, ()> {
    static ONE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    ONE.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The one line on standard error.
pub(crate) fn stderr_line(output: &std::process::Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr).to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "exactly one line on stderr, got {text:?}");
    lines[0].to_string()
}

/// Run, expect exit 2 with one error line containing `expected`, and no file changed.
pub(crate) fn fails_cleanly(home: &Home, args: &[&str], expected: &str) {
    let before = home.snapshot();
    let output = home.cmd().args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
    let line = stderr_line(&output);
    assert!(line.starts_with("error: "), "{line}");
    assert!(
        line.contains(expected),
        "{args:?}\n  gave {line}\n  wanted {expected}"
    );
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("panicked"),
        "no panic"
    );
    assert_eq!(before, home.snapshot(), "{args:?} changed a file");
}
