//! `hygiene remind --install` and `--uninstall`: a daily run of `hygiene
//! remind` by the platform's own scheduler. With a systemd user instance,
//! a service and a timer in `~/.config/systemd/user`; on macOS, a
//! `LaunchAgent`; elsewhere, the crontab line to add (a crontab is never
//! edited). Every file written carries [`MARKER`], and only a file that
//! carries it is ever replaced or removed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::cli::Ctx;
use crate::cli::EXIT_OK;
use crate::cli::args::RemindArgs;
use hygiene_core::error::{Error, Result, one_line};
use hygiene_core::session::{Origin, Paths};
use hygiene_core::text::markup;

/// The line that says a file is hygiene's to replace or remove.
const MARKER: &str =
    "Written by `hygiene remind --install`; `hygiene remind --uninstall` removes it.";

const SERVICE: &str = "hygiene-remind.service";
const TIMER: &str = "hygiene-remind.timer";
const AGENT_LABEL: &str = "org.hygiene.remind";

/// The time of day to remind at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct At {
    hour: u8,
    minute: u8,
}

impl At {
    fn parse(text: &str) -> Result<At> {
        let bad = || {
            Error::input(format!(
                "--at {}: expected a time of day as HH:MM, such as 09:00 or 17:30",
                hygiene_core::text::visible(text)
            ))
        };
        let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
        let number = |s: &str, max: u8| {
            (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u8>().ok())
                .flatten()
                .filter(|n| *n <= max)
        };
        match (number(h, 23), number(m, 59)) {
            (Some(hour), Some(minute)) => Ok(At { hour, minute }),
            _ => Err(bad()),
        }
    }
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// Who runs the daily reminder here.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scheduler {
    /// A systemd user instance; the folder of the user's units.
    Systemd(PathBuf),
    /// macOS's launchd; the agent's file.
    Launchd(PathBuf),
    /// Neither: the person adds a crontab line.
    Cron,
}

fn home() -> Result<PathBuf> {
    dirs::home_dir().ok_or_else(|| Error::input("cannot find your home folder; set HOME"))
}

/// The folder of the user's systemd units: `~/.config/systemd/user`.
fn units_dir() -> Result<PathBuf> {
    let config = dirs::config_dir()
        .ok_or_else(|| Error::input("cannot find your config folder; set HOME"))?;
    Ok(config.join("systemd").join("user"))
}

fn scheduler() -> Result<Scheduler> {
    if cfg!(target_os = "macos") {
        return Ok(Scheduler::Launchd(
            home()?
                .join("Library/LaunchAgents")
                .join(format!("{AGENT_LABEL}.plist")),
        ));
    }
    let has_systemd = Command::new("systemctl")
        .args(["--user", "show-environment"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if has_systemd {
        Ok(Scheduler::Systemd(units_dir()?))
    } else {
        Ok(Scheduler::Cron)
    }
}

/// The command a timer runs: this binary by its absolute path, with the
/// config and state it was given when they are not the default ones.
fn command_line(paths: &Paths) -> Result<Vec<String>> {
    let program = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .map_err(|e| Error::input(format!("cannot tell where this program is installed: {e}")))?;
    let mut args = vec![program.to_string_lossy().into_owned()];
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .unwrap_or_else(|_| p.to_path_buf())
            .to_string_lossy()
            .into_owned()
    };
    if paths.config_origin != Origin::Default {
        args.extend(["--config".to_string(), absolute(&paths.config)]);
    }
    if paths.state_origin != Origin::Default {
        args.extend(["--state".to_string(), absolute(&paths.state)]);
    }
    args.push("remind".to_string());
    Ok(args)
}

/// One word of a systemd command line: quoted where it must be, `%` and `$`
/// doubled (systemd's specifiers and variables).
fn systemd_word(word: &str) -> String {
    let word = word.replace('%', "%%").replace('$', "$$");
    if !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._+:@=,-%$".contains(&b))
    {
        return word;
    }
    format!("\"{}\"", word.replace('\\', "\\\\").replace('"', "\\\""))
}

/// One word for sh in a crontab: single-quoted where it must be, and `%`
/// (a line break to cron) escaped.
fn cron_word(word: &str) -> String {
    let quoted = if !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._+:@=,-".contains(&b))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    };
    quoted.replace('%', "\\%")
}

pub(crate) fn service_unit(command: &[String]) -> String {
    let exec: Vec<String> = command.iter().map(|w| systemd_word(w)).collect();
    format!(
        "# {MARKER}\n\
         [Unit]\n\
         Description=hygiene: a desktop reminder when something in your work tools needs you\n\
         Documentation=man:hygiene(1)\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         ExecStart={}\n",
        exec.join(" ")
    )
}

pub(crate) fn timer_unit(at: At) -> String {
    format!(
        "# {MARKER}\n\
         [Unit]\n\
         Description=hygiene: the daily reminder, at {at}\n\
         Documentation=man:hygiene(1)\n\
         \n\
         [Timer]\n\
         OnCalendar=*-*-* {at}:00\n\
         # A day the machine was off is reminded at the next start.\n\
         Persistent=true\n\
         \n\
         [Install]\n\
         WantedBy=timers.target\n"
    )
}

pub(crate) fn launch_agent(command: &[String], at: At) -> String {
    let mut args = String::new();
    for word in command {
        let _ = writeln!(args, "    <string>{}</string>", markup(word));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n\
         <!-- {} -->\n\
         <plist version=\"1.0\">\n\
         <dict>\n\
         \x20 <key>Label</key>\n\
         \x20 <string>{AGENT_LABEL}</string>\n\
         \x20 <key>ProgramArguments</key>\n\
         \x20 <array>\n\
         {args}\
         \x20 </array>\n\
         \x20 <key>StartCalendarInterval</key>\n\
         \x20 <dict>\n\
         \x20   <key>Hour</key>\n\
         \x20   <integer>{}</integer>\n\
         \x20   <key>Minute</key>\n\
         \x20   <integer>{}</integer>\n\
         \x20 </dict>\n\
         </dict>\n\
         </plist>\n",
        markup(MARKER),
        at.hour,
        at.minute
    )
}

pub(crate) fn crontab_line(command: &[String], at: At) -> String {
    let words: Vec<String> = command.iter().map(|w| cron_word(w)).collect();
    format!("{} {} * * * {}", at.minute, at.hour, words.join(" "))
}

/// Whether the file at `path` is one this command wrote.
fn ours(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.contains(MARKER))
}

/// What to write and run, then done or only said (`--dry-run`).
struct Steps<'a> {
    out: &'a mut crate::cli::Output,
    dry_run: bool,
}

impl Steps<'_> {
    fn write(&mut self, path: &Path, text: &str) -> Result<()> {
        if path.exists() && !ours(path) {
            return Err(Error::input(format!(
                "{} exists and was not written by hygiene; it is left alone (move it away to install)",
                path.display()
            )));
        }
        if self.dry_run {
            self.out.line(format!("Would write {}:", path.display()));
            for line in text.lines() {
                self.out.line(format!("    {line}"));
            }
            return Ok(());
        }
        hygiene_core::store::replace_own_file(path, text.as_bytes())
            .map_err(|e| Error::io("write", path, e))?;
        self.out.line(format!("Wrote {}", path.display()));
        Ok(())
    }

    fn remove(&mut self, path: &Path) -> Result<bool> {
        if !path.exists() {
            return Ok(false);
        }
        if !ours(path) {
            self.out.line(format!(
                "Left alone {}: not written by hygiene",
                path.display()
            ));
            return Ok(false);
        }
        if self.dry_run {
            self.out.line(format!("Would remove {}", path.display()));
        } else {
            std::fs::remove_file(path).map_err(|e| Error::io("remove", path, e))?;
            self.out.line(format!("Removed {}", path.display()));
        }
        Ok(true)
    }

    /// Run `program args`; a failure is an error with its own message,
    /// unless `may_fail` (then it is said and the rest goes on).
    fn run(&mut self, program: &str, args: &[&str], may_fail: bool) -> Result<()> {
        let shown = format!("{program} {}", args.join(" "));
        if self.dry_run {
            self.out.line(format!("Would run {shown}"));
            return Ok(());
        }
        let output = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| Error::input(format!("cannot run {shown}: {e}")))?;
        if output.status.success() {
            self.out.line(format!("Ran {shown}"));
            return Ok(());
        }
        let said = one_line(String::from_utf8_lossy(&output.stderr).trim());
        let failed = format!(
            "{shown} failed ({}){}",
            output.status,
            if said.is_empty() {
                String::new()
            } else {
                format!(": {said}")
            }
        );
        if may_fail {
            self.out.warn(&failed);
            Ok(())
        } else {
            Err(Error::input(failed))
        }
    }
}

pub(super) fn schedule(ctx: &mut Ctx, args: &RemindArgs) -> Result<u8> {
    let at = args
        .at
        .as_deref()
        .map_or(Ok(At { hour: 9, minute: 0 }), At::parse)?;
    let paths = ctx.paths()?;
    let scheduler = scheduler()?;
    let mut steps = Steps {
        out: &mut ctx.out,
        dry_run: args.dry_run,
    };
    if args.install {
        install(&mut steps, &scheduler, &command_line(&paths)?, at)?;
    } else {
        uninstall(&mut steps, &scheduler)?;
    }
    Ok(EXIT_OK)
}

fn install(steps: &mut Steps, scheduler: &Scheduler, command: &[String], at: At) -> Result<()> {
    match scheduler {
        Scheduler::Systemd(dir) => {
            // Both refused before either is written.
            for name in [SERVICE, TIMER] {
                let path = dir.join(name);
                if path.exists() && !ours(&path) {
                    return steps.write(&path, "");
                }
            }
            steps.write(&dir.join(SERVICE), &service_unit(command))?;
            steps.write(&dir.join(TIMER), &timer_unit(at))?;
            steps.run("systemctl", &["--user", "daemon-reload"], false)?;
            steps.run("systemctl", &["--user", "enable", "--now", TIMER], false)?;
            steps.out.line(format!(
                "{} every day at {at} (a day the machine was off, at its next start). \
                 `hygiene remind --uninstall` undoes it.",
                if steps.dry_run {
                    "hygiene would remind you"
                } else {
                    "hygiene will remind you"
                }
            ));
        }
        Scheduler::Launchd(path) => {
            steps.write(path, &launch_agent(command, at))?;
            let shown = path.to_string_lossy();
            steps.run("launchctl", &["load", "-w", &shown], false)?;
            steps.out.line(format!(
                "{} every day at {at}. `hygiene remind --uninstall` undoes it.",
                if steps.dry_run {
                    "hygiene would remind you"
                } else {
                    "hygiene will remind you"
                }
            ));
        }
        Scheduler::Cron => {
            steps.out.line(
                "No systemd user instance here. To be reminded every day, add this line to your \
                 crontab (`crontab -e`); hygiene does not edit it:",
            );
            steps.out.line(format!("    {}", crontab_line(command, at)));
        }
    }
    Ok(())
}

fn uninstall(steps: &mut Steps, scheduler: &Scheduler) -> Result<()> {
    match scheduler {
        Scheduler::Launchd(path) => {
            if path.exists() && ours(path) {
                let shown = path.to_string_lossy();
                steps.run("launchctl", &["unload", "-w", &shown], true)?;
            }
            if !steps.remove(path)? && !path.exists() {
                steps
                    .out
                    .line(format!("Nothing to remove: no {}", path.display()));
            }
        }
        Scheduler::Systemd(_) | Scheduler::Cron => {
            // The units are looked for whether or not systemd runs now.
            let dir = match scheduler {
                Scheduler::Systemd(dir) => dir.clone(),
                _ => units_dir()?,
            };
            let timer = dir.join(TIMER);
            let systemd = matches!(scheduler, Scheduler::Systemd(_));
            if systemd && timer.exists() && ours(&timer) {
                steps.run("systemctl", &["--user", "disable", "--now", TIMER], true)?;
            }
            let mut removed = false;
            let mut found = false;
            for name in [SERVICE, TIMER] {
                let path = dir.join(name);
                found |= path.exists();
                removed |= steps.remove(&path)?;
            }
            if removed && systemd {
                steps.run("systemctl", &["--user", "daemon-reload"], true)?;
            }
            if !found {
                steps.out.line(format!(
                    "Nothing to remove: no hygiene-remind units in {}",
                    dir.display()
                ));
                if !systemd {
                    steps.out.line(
                        "If you added hygiene's line to your crontab, remove it there (`crontab -e`).",
                    );
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn command() -> Vec<String> {
        [
            "/opt/my tools/hygiene",
            "--config",
            "/home/a/100%/config.toml",
            "remind",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn times_of_day_are_read_strictly() {
        assert_eq!(At::parse("09:00").unwrap().to_string(), "09:00");
        assert_eq!(At::parse("7:05").unwrap().to_string(), "07:05");
        for bad in [
            "24:00", "12:60", "9", "", "09:00:00", "-1:30", "ab:cd", "+9:00",
        ] {
            assert!(At::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_units_quote_what_systemd_would_read_otherwise() {
        let at = At::parse("17:30").unwrap();
        insta::assert_snapshot!("service_unit", service_unit(&command()));
        insta::assert_snapshot!("timer_unit", timer_unit(at));
    }

    /// The package's units (scripts/deb) are these, with the package's own
    /// first lines instead of the marker: a package's files are dpkg's, not
    /// `--uninstall`'s.
    #[test]
    fn the_packaged_units_are_the_ones_install_writes() {
        let packaged = |name: &str| {
            let text = std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("scripts/deb")
                    .join(name),
            )
            .unwrap();
            let mut body = String::new();
            for line in text.lines().skip_while(|l| l.starts_with('#')) {
                body.push_str(line);
                body.push('\n');
            }
            body
        };
        let written = |text: String| text.replacen(&format!("# {MARKER}\n"), "", 1);
        let command = ["/usr/bin/hygiene", "remind"].map(String::from);
        assert_eq!(packaged(SERVICE), written(service_unit(&command)));
        assert_eq!(
            packaged(TIMER),
            written(timer_unit(At { hour: 9, minute: 0 }))
        );
    }

    #[test]
    fn the_launch_agent_for_macos() {
        insta::assert_snapshot!(
            "launch_agent",
            launch_agent(&command(), At::parse("09:00").unwrap())
        );
    }

    #[test]
    fn the_crontab_line_quotes_for_sh_and_escapes_percent() {
        assert_eq!(
            crontab_line(&command(), At::parse("09:05").unwrap()),
            "5 9 * * * '/opt/my tools/hygiene' --config '/home/a/100\\%/config.toml' remind"
        );
    }
}
