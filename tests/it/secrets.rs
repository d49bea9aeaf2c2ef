//! Private notes through the keyring trait with keyring-core's mock store:
//! every command, every error path, and that no note ever reaches an output
//! or a file.

use crate::common;

use std::ffi::OsString;
use std::sync::Arc;

use common::Home;
use hygiene::cli::{Output, Stdin, run_with_input};
use hygiene_core::secrets::{Keyring, SERVICE};
use keyring_core::{CredentialStore, Entry, mock};

const NOTE: &str = "recovery codes: grey safe, shelf 3; phone +44 7700 900123";

struct Fixture {
    home: Home,
    store: Arc<CredentialStore>,
    keyring: Keyring,
    /// Everything every command printed, to search for the note.
    printed: String,
}

impl Fixture {
    fn new() -> Fixture {
        let home = Home::new();
        home.setup(&["slack", "zoom"]);
        let store: Arc<CredentialStore> = mock::Store::new().unwrap();
        let keyring = Keyring::with_store("mock store", store.clone());
        Fixture {
            home,
            store,
            keyring,
            printed: String::new(),
        }
    }

    fn run(&mut self, args: &[&str], stdin: Option<&str>) -> (u8, Output) {
        let mut command: Vec<OsString> = vec!["hygiene".into()];
        command.push("--config".into());
        command.push(self.home.config().into());
        command.push("--state".into());
        command.push(self.home.state().into());
        command.push("--as-of".into());
        command.push(common::TODAY.into());
        command.extend(args.iter().map(OsString::from));
        let input = Stdin::Text(stdin.unwrap_or_default().to_string());
        let (code, output) = run_with_input(command, &self.keyring, input);
        self.printed.push_str(&output.out);
        for line in &output.err {
            self.printed.push_str(line);
            self.printed.push('\n');
        }
        (code, output)
    }

    /// The mock credential for a tool, to inject an error into its next call.
    fn cred(&self, tool: &str) -> Entry {
        Entry::new_in_store(&self.store, SERVICE, tool).unwrap()
    }

    fn fail_next(&self, tool: &str, error: keyring_core::Error) {
        let entry = self.cred(tool);
        let cred: &mock::Cred = entry.as_any().downcast_ref().unwrap();
        cred.set_error(error);
    }
}

fn one_error(output: &Output) -> String {
    assert_eq!(output.err.len(), 1, "{:?}", output.err);
    assert!(output.err[0].starts_with("error: "), "{:?}", output.err);
    output.err[0].clone()
}

#[test]
fn set_show_list_and_remove_a_note() {
    let mut f = Fixture::new();
    let (code, out) = f.run(&["secret", "set", "slack"], Some(&format!("{NOTE}\n")));
    assert_eq!(code, 0, "{out:?}");
    assert_eq!(out.out, "Private note for slack stored in the keyring.\n");
    assert_eq!(
        f.cred("slack").get_password().unwrap(),
        NOTE,
        "without the final line break"
    );
    let state = f.home.read_state();
    assert!(state.contains("private_notes = [\"slack\"]"), "{state}");

    let (code, out) = f.run(&["secret", "show", "slack"], None);
    assert_eq!((code, out.out.as_str()), (0, format!("{NOTE}\n").as_str()));

    let (code, out) = f.run(&["secret", "list"], None);
    assert_eq!((code, out.out.as_str()), (0, "slack\n"));
    assert!(out.err.is_empty());

    let (code, out) = f.run(&["secret", "rm", "slack"], None);
    assert_eq!(
        (code, out.out.as_str()),
        (0, "Private note for slack removed.\n")
    );
    assert!(matches!(
        f.cred("slack").get_password(),
        Err(keyring_core::Error::NoEntry)
    ));
    assert!(!f.home.read_state().contains("private_notes"));
    let (code, out) = f.run(&["secret", "show", "slack"], None);
    assert_eq!(code, 2);
    assert_eq!(one_error(&out), "error: no private note for slack");
    let (code, out) = f.run(&["secret", "list"], None);
    assert_eq!((code, out.out.as_str()), (0, ""));
    assert_eq!(out.err, vec!["No private notes.".to_string()]);
}

#[test]
fn untrack_keeps_the_note_unless_purged() {
    let mut f = Fixture::new();
    f.run(&["secret", "set", "slack"], Some(NOTE));
    let (code, out) = f.run(&["untrack", "slack"], None);
    assert_eq!(code, 0);
    assert!(
        out.out.contains(
            "The private note of slack stays in the keyring (`hygiene secret rm slack` removes it)."
        ),
        "{}",
        out.out
    );
    assert_eq!(f.cred("slack").get_password().unwrap(), NOTE);
    // The note of an untracked tool can still be read.
    let (code, _) = f.run(&["secret", "show", "slack"], None);
    assert_eq!(code, 0);

    f.run(&["track", "slack"], None);
    let (code, out) = f.run(&["untrack", "slack", "--purge"], None);
    assert_eq!(code, 0, "{out:?}");
    assert!(
        out.out
            .contains("Removed the private note of slack from the keyring."),
        "{}",
        out.out
    );
    assert!(matches!(
        f.cred("slack").get_password(),
        Err(keyring_core::Error::NoEntry)
    ));
    assert!(!f.home.read_state().contains("private_notes"));
}

#[test]
fn keyring_errors_are_one_line_and_change_nothing() {
    let mut f = Fixture::new();
    f.run(&["secret", "set", "slack"], Some(NOTE));
    let locked = || {
        keyring_core::Error::NoStorageAccess(Box::new(std::io::Error::other(
            "the collection is locked",
        )))
    };
    let cases: Vec<(Vec<&str>, Option<&str>, keyring_core::Error, &str)> = vec![
        (
            vec!["secret", "show", "slack"],
            None,
            locked(),
            "error: the keyring is locked or refuses access (the collection is locked); unlock it and try again",
        ),
        (
            vec!["secret", "set", "slack"],
            Some("new"),
            locked(),
            "error: the keyring is locked or refuses access",
        ),
        (
            vec!["secret", "rm", "slack"],
            None,
            keyring_core::Error::PlatformFailure(Box::new(std::io::Error::other("bus closed"))),
            "error: the keyring failed: bus closed",
        ),
        (
            vec!["untrack", "slack", "--purge"],
            None,
            locked(),
            "error: the keyring is locked or refuses access",
        ),
        (
            vec!["secret", "show", "slack"],
            None,
            keyring_core::Error::BadEncoding(vec![0xff]),
            "error: the stored private note is not text",
        ),
    ];
    for (args, stdin, error, expected) in cases {
        let before = f.home.snapshot();
        f.fail_next("slack", error);
        let (code, out) = f.run(&args, stdin);
        assert_eq!(code, 2, "{args:?}");
        let line = one_error(&out);
        assert!(line.starts_with(expected), "{args:?}: {line}");
        assert!(!line.contains(NOTE));
        assert_eq!(before, f.home.snapshot(), "{args:?} changed a file");
        assert_eq!(
            f.cred("slack").get_password().unwrap(),
            NOTE,
            "the note is intact"
        );
    }
    // The untrack that failed left the tool tracked.
    assert!(f.home.read_config().contains("\"slack\""));
}

#[test]
fn bad_input_is_refused_before_the_keyring_is_touched() {
    let mut f = Fixture::new();
    let (code, out) = f.run(&["secret", "set", "slak"], Some(NOTE));
    assert_eq!(code, 2);
    assert_eq!(
        one_error(&out),
        "error: unknown tool `slak`; did you mean `slack`?"
    );
    let (code, out) = f.run(&["secret", "set", "slack"], Some("\n"));
    assert_eq!(code, 2);
    assert!(one_error(&out).contains("the note is empty"));
    let (code, out) = f.run(&["secret", "set", "slack"], Some(&"x".repeat(4_001)));
    assert_eq!(code, 2);
    assert!(one_error(&out).contains("at most 4000"));
    assert!(!f.home.state().exists(), "nothing written");
}

#[test]
fn list_says_when_the_keyring_lost_a_note_the_state_records() {
    let mut f = Fixture::new();
    f.run(&["secret", "set", "slack"], Some(NOTE));
    f.cred("slack").delete_credential().unwrap();
    let (code, out) = f.run(&["secret", "list"], None);
    assert_eq!((code, out.out.as_str()), (0, "slack\n"));
    assert_eq!(
        out.err,
        vec![
            "warning: the keyring has no note for slack, though the state records one".to_string()
        ]
    );
    let (code, out) = f.run(&["secret", "show", "slack"], None);
    assert_eq!(code, 2);
    assert!(one_error(&out).contains("the keyring has none (removed elsewhere?)"));
}

#[test]
fn doctor_names_the_keyring_and_whether_it_answers() {
    let mut f = Fixture::new();
    let (code, out) = f.run(&["doctor"], None);
    assert_eq!(code, 0, "{out:?}");
    assert!(
        out.out.contains("✓ keyring  mock store: answers"),
        "{}",
        out.out
    );

    let broken = Keyring::unavailable(
        "broken",
        "no Secret Service on the session bus: start gnome-keyring or KeePassXC's Secret Service, or run inside a desktop session",
    );
    let argv: Vec<OsString> = ["hygiene", "--config"]
        .iter()
        .map(OsString::from)
        .chain([
            f.home.config().into(),
            "--state".into(),
            f.home.state().into(),
            "doctor".into(),
        ])
        .collect();
    // No private note yet: the keyring is optional, a note and exit 0.
    let (code, out) = run_with_input(argv.clone(), &broken, Stdin::Text(String::new()));
    assert_eq!(code, 0, "{}", out.out);
    assert!(
        out.out
            .contains("○ keyring  broken: not available (no Secret Service on the session bus"),
        "{}",
        out.out
    );
    assert!(
        out.out
            .contains("optional: only private notes need it, and you have none")
    );
    // With a private note it cannot read: broken, exit 1.
    f.run(&["secret", "set", "slack"], Some("the note"));
    let (code, out) = run_with_input(argv, &broken, Stdin::Text(String::new()));
    assert_eq!(code, 1);
    assert!(
        out.out
            .contains("✗ keyring  broken: does not answer: no Secret Service on the session bus"),
        "{}",
        out.out
    );
    assert!(
        out.out
            .contains("1 private note cannot be read until it does")
    );
}

#[test]
fn no_note_reaches_any_output_or_file() {
    let mut f = Fixture::new();
    f.run(&["secret", "set", "slack"], Some(NOTE));
    f.run(&["secret", "set", "zoom"], Some(NOTE));
    f.run(&["done", "slack", "mfa"], None);
    for args in [
        vec!["status"],
        vec!["status", "--json"],
        vec!["status", "--all"],
        vec!["show", "slack"],
        vec!["tools"],
        vec!["paths"],
        vec!["doctor"],
        vec!["secret", "list"],
        vec!["export", "--format", "markdown"],
        vec!["export", "--format", "json"],
        vec!["export", "--format", "csv"],
        vec!["export", "--format", "ics"],
    ] {
        f.run(&args, None);
    }
    let out = f.home.path().join("review.md");
    f.run(
        &[
            "export",
            "--format",
            "markdown",
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    f.run(&["untrack", "zoom"], None);
    f.run(&["secret", "rm", "slack"], None);
    assert!(!f.printed.contains(NOTE), "printed: {}", f.printed);
    assert!(!f.printed.contains("grey safe"));
    let files = f.home.snapshot();
    assert!(files.len() >= 4, "{files:?}");
    for (path, (bytes, _)) in files {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("grey safe"),
            "{} holds the note",
            path.display()
        );
        assert!(
            !text.contains("7700 900123"),
            "{} holds the note",
            path.display()
        );
    }
    // `secret show` is the one way out, on request.
    let (_, out) = f.run(&["secret", "show", "zoom"], None);
    assert_eq!(out.out, format!("{NOTE}\n"));
}

/// `untrack --purge` deletes the history first, then the note, and only then
/// stops tracking: a failure on the way says what remains, and running the
/// same command again finishes the work.
#[test]
fn an_interrupted_purge_is_finished_by_running_it_again() {
    let mut f = Fixture::new();
    f.run(&["secret", "set", "slack"], Some(NOTE));
    f.run(&["done", "slack", "mfa"], None);
    f.fail_next(
        "slack",
        keyring_core::Error::NoStorageAccess(Box::new(std::io::Error::other("locked"))),
    );
    let (code, out) = f.run(&["untrack", "slack", "--purge"], None);
    assert_eq!(code, 2);
    assert_eq!(
        one_error(&out),
        "error: the keyring is locked or refuses access (locked); unlock it and try again; the recorded history was deleted, the private note of slack was not, and slack is still tracked: run `hygiene untrack slack --purge` again to finish"
    );
    let state = f.home.read_state();
    assert!(!state.contains("[tools.slack]"), "history gone: {state}");
    assert!(state.contains("private_notes = [\"slack\"]"), "{state}");
    assert!(f.home.read_config().contains("\"slack\""), "still tracked");
    assert_eq!(f.cred("slack").get_password().unwrap(), NOTE);

    let (code, out) = f.run(&["untrack", "slack", "--purge"], None);
    assert_eq!(code, 0, "{out:?}");
    assert!(!f.home.read_state().contains("slack"));
    assert!(!f.home.read_config().contains("\"slack\""));
    assert!(matches!(
        f.cred("slack").get_password(),
        Err(keyring_core::Error::NoEntry)
    ));
}

#[test]
fn a_note_kept_while_the_state_cannot_record_it_is_said_so_truthfully() {
    let mut f = Fixture::new();
    // The state's lock cannot be taken: a folder stands where it goes.
    std::fs::create_dir_all(f.home.state().with_extension("toml.lock")).unwrap();
    let (code, output) = f.run(&["secret", "set", "slack"], Some(NOTE));
    assert_eq!(code, 2);
    let line = output.err.join("\n");
    assert!(
        line.starts_with("error: the note is in the keyring, but the state could not record it: "),
        "{line}"
    );
    assert!(
        line.ends_with("; `hygiene secret set slack` again records it"),
        "{line}"
    );
    assert_eq!(f.cred("slack").get_password().unwrap(), NOTE);
}
