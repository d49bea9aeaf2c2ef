//! `hygiene bar`: one line for a prompt or a status bar, in every format
//! and every standing, escaped for each consumer, and its cache, which any
//! change (by another process, to an included catalog, of the date or the
//! time zone) makes stale at once.

use crate::common;

use std::path::PathBuf;

use common::Home;

const FORMATS: [&str; 6] = ["plain", "tmux", "waybar", "i3bar", "polybar", "json"];

/// A home tracking one tool of its own catalog, with one check.
fn acme(name: &str) -> Home {
    let home = Home::new();
    common::write(
        &home.config().with_file_name("org.toml"),
        &format!("name = \"Test org\"\n[tools.acme]\nname = {name:?}\nchecks = [\"mfa\"]\n"),
    );
    home.write_config("include = [\"org.toml\"]\ntrack = [\"acme\"]\n");
    home
}

fn run(home: &Home, args: &[&str]) {
    home.cmd().args(args).assert().code(0);
}

fn bar(home: &Home, args: &[&str]) -> String {
    let output = home.cmd().arg("bar").args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// Every format's output, one after the other.
fn all_formats(home: &Home) -> String {
    FORMATS
        .iter()
        .map(|f| format!("--format {f}:\n{}", bar(home, &["--format", f])))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_format_in_every_standing() {
    let home = acme("Acme Chat");
    // Tracked since October: the first review was due in the middle of November.
    home.tracked_since(&["acme"], "2026-10-01");
    insta::assert_snapshot!("bar_overdue", all_formats(&home));
    run(&home, &["done", "acme", "mfa", "--on", "2026-06-01"]);
    insta::assert_snapshot!("bar_due_soon", all_formats(&home));
    run(&home, &["todo", "acme", "mfa"]);
    insta::assert_snapshot!("bar_to_fix", all_formats(&home));
    run(&home, &["done", "acme", "mfa", "--on", "2026-11-20"]);
    insta::assert_snapshot!("bar_in_order", all_formats(&home));
    assert_eq!(bar(&home, &["--ok", "all good"]), "all good\n");
    run(&home, &["incident", "lost-device"]);
    insta::assert_snapshot!("bar_incident", all_formats(&home));

    let fresh = acme("Acme Chat");
    fresh.tracked_since(&["acme"], "2026-11-20");
    insta::assert_snapshot!("bar_unreviewed", all_formats(&fresh));

    // A config that does not parse: a marker, exit 0, the error where
    // the format has room for it.
    let broken = Home::new();
    broken.write_config("track = [\"slack\"\n");
    insta::assert_snapshot!(
        "bar_error",
        all_formats(&broken).replace(&broken.config().display().to_string(), "CONFIG")
    );
}

#[test]
fn names_from_a_catalog_cannot_act_on_the_bar() {
    for name in ["#(rm -rf ~)", "<b>x</b>&", "%{F#f00}"] {
        let home = acme(name);
        home.tracked_since(&["acme"], "2026-10-01");
        let tmux = bar(&home, &["--format", "tmux"]);
        // Only the colour's own `#[` opens a format; every `#` of the name is doubled.
        let inner = tmux
            .trim_end()
            .strip_prefix("#[fg=red]")
            .and_then(|t| t.strip_suffix("#[default]"))
            .unwrap();
        assert!(!inner.replace("##", "").contains('#'), "tmux: {tmux:?}");
        let polybar = bar(&home, &["--format", "polybar"]);
        let inner = polybar
            .trim_end()
            .strip_prefix("%{F#e5534b}")
            .and_then(|t| t.strip_suffix("%{F-}"))
            .unwrap();
        assert!(
            !inner.replace("%%", "").contains('%'),
            "polybar: {polybar:?}"
        );
        for format in ["waybar", "i3bar"] {
            let value: serde_json::Value =
                serde_json::from_str(&bar(&home, &["--format", format])).unwrap();
            for field in ["text", "tooltip"] {
                if let Some(text) = value[field].as_str() {
                    assert!(
                        !text.contains('<') && !text.contains('>'),
                        "{format} {field}: {text:?}"
                    );
                    assert!(
                        text.replace("&amp;", "")
                            .replace("&lt;", "")
                            .replace("&gt;", "")
                            .replace("&#39;", "")
                            .replace("&quot;", "")
                            .find('&')
                            .is_none(),
                        "{format} {field}: {text:?}"
                    );
                }
            }
        }
        // JSON carries the name as data, and the plain line as it is.
        let json: serde_json::Value =
            serde_json::from_str(&bar(&home, &["--format", "json"])).unwrap();
        assert_eq!(json["text"], format!("! 1 overdue · {name}"));
        assert_eq!(bar(&home, &[]), format!("! 1 overdue · {name}\n"));
    }
}

/// The one cache file of a home.
fn cache_file(home: &Home) -> PathBuf {
    let dir = home.path().join("xdg-cache").join("hygiene");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("bar-"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn the_cache_is_read_and_any_change_makes_it_stale() {
    let home = acme("Acme Chat");
    home.tracked_since(&["acme"], "2026-10-01");
    assert_eq!(bar(&home, &[]), "! 1 overdue · Acme Chat\n");
    // The second call reads the cache: a number changed in it is shown.
    let path = cache_file(&home);
    let cached = std::fs::read_to_string(&path).unwrap();
    assert!(cached.contains("\ncounts\t1\t0\t0\t0\n"), "{cached:?}");
    std::fs::write(&path, cached.replace("\ncounts\t1\t", "\ncounts\t7\t")).unwrap();
    assert_eq!(bar(&home, &[]), "! 7 overdue · Acme Chat\n");

    // A change through another process: shown at once.
    run(&home, &["todo", "acme", "mfa"]);
    assert_eq!(bar(&home, &[]), "! 1 to fix · Acme Chat\n");

    // The state written by another program (a sync, an editor).
    home.write_state(
        "version = 1\n[tracked]\nacme = 2026-10-01\n[tools.acme]\nmfa = { status = \"done\", verified = 2026-06-01 }\n",
    );
    assert_eq!(bar(&home, &[]), "◷ 1 due soon · Acme Chat\n");

    // An edited included catalog.
    common::write(
        &home.config().with_file_name("org.toml"),
        "name = \"Test org\"\n[tools.acme]\nname = \"Acme Talk\"\nchecks = [\"mfa\"]\n",
    );
    assert_eq!(bar(&home, &[]), "◷ 1 due soon · Acme Talk\n");
}

#[test]
fn the_date_passing_and_a_new_time_zone_show_at_once() {
    let home = acme("Acme Chat");
    home.tracked_since(&["acme"], "2026-10-01");
    common::write(
        &home.state(),
        "version = 1\n[tracked]\nacme = 2026-10-01\n[tools.acme]\nmfa = { status = \"done\", verified = 2026-05-20 }\n",
    );
    let clock = home.path().join("clock");
    std::fs::write(&clock, "2026-11-05").unwrap();
    let at = |tz: &str| {
        let output = home
            .cmd()
            .env_remove("HYGIENE_TODAY")
            .env(hygiene_core::dates::TEST_CLOCK_ENV, &clock)
            .env("TZ", tz)
            .arg("bar")
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    // Due on 2026-11-20: in order on the 5th (beyond the fortnight), due
    // soon on the 6th.
    assert_eq!(at("UTC"), "");
    std::fs::write(&clock, "2026-11-06").unwrap();
    assert_eq!(at("UTC"), "◷ 1 due soon · Acme Chat\n");
    // Another time zone: the summary is computed again for it.
    let before = std::fs::read_to_string(cache_file(&home)).unwrap();
    assert!(before.contains("\0=UTC\0"), "{before}");
    assert_eq!(at("Pacific/Kiritimati"), "◷ 1 due soon · Acme Chat\n");
    let after = std::fs::read_to_string(cache_file(&home)).unwrap();
    assert!(after.contains("\0=Pacific/Kiritimati\0"), "{after}");
}

#[test]
fn the_bar_never_waits_for_the_lock() {
    let home = acme("Acme Chat");
    home.tracked_since(&["acme"], "2026-10-01");
    let _lock = hygiene_core::store::lock(&home.state(), std::time::Duration::ZERO).unwrap();
    let start = std::time::Instant::now();
    assert_eq!(bar(&home, &[]), "! 1 overdue · Acme Chat\n");
    // The lock's own wait is five seconds.
    assert!(start.elapsed() < std::time::Duration::from_secs(4));
}
