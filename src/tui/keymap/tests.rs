use super::*;
use hygiene_core::config::KeyList;
use std::path::Path;

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

#[test]
fn the_defaults_follow_the_documented_keys() {
    let map = Keymap::defaults();
    let cases = [
        (KeyCode::Char(' '), KeyModifiers::NONE, Command::Toggle),
        (KeyCode::Char('j'), KeyModifiers::NONE, Command::Down),
        (KeyCode::Down, KeyModifiers::NONE, Command::Down),
        (KeyCode::Char('D'), KeyModifiers::SHIFT, Command::SetDate),
        (KeyCode::Char('R'), KeyModifiers::SHIFT, Command::AcceptRisk),
        (KeyCode::Char('?'), KeyModifiers::SHIFT, Command::Help),
        (KeyCode::Esc, KeyModifiers::NONE, Command::Quit),
        (KeyCode::BackTab, KeyModifiers::SHIFT, Command::PreviousView),
    ];
    for (code, modifiers, command) in cases {
        assert_eq!(
            map.dashboard.command(&press(code, modifiers)),
            Some(command),
            "{code:?}"
        );
    }
    assert_eq!(
        map.dashboard
            .command(&press(KeyCode::Char('d'), KeyModifiers::NONE)),
        None
    );
    assert_eq!(map.dashboard.keys_for(Command::Quit), "q/esc");
}

#[test]
fn the_example_config_lists_exactly_the_defaults() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/example.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let (config, _) = Config::parse(&path, text).unwrap();
    let defaults: IndexMap<String, IndexMap<String, DefaultRow>> =
        toml::from_str(DEFAULT_KEYS).unwrap();
    let mut shown: IndexMap<String, IndexMap<String, Vec<String>>> = IndexMap::new();
    for (name, keys) in &config.keys().unwrap() {
        match keys.get_ref() {
            KeyList::Mode(table) => {
                let rows = table
                    .iter()
                    .map(|(n, k)| {
                        let keys = k.get_ref().keys().into_iter().map(String::from);
                        (n.get_ref().clone(), keys.collect())
                    })
                    .collect();
                shown.insert(name.get_ref().clone(), rows);
            }
            list => {
                let keys = list.keys().into_iter().map(String::from).collect();
                shown
                    .entry("dashboard".into())
                    .or_default()
                    .insert(name.get_ref().clone(), keys);
            }
        }
    }
    let expected: IndexMap<String, IndexMap<String, Vec<String>>> = defaults
        .iter()
        .map(|(mode, rows)| {
            let rows = rows.iter().map(|(n, r)| (n.clone(), r.keys.clone()));
            (mode.clone(), rows.collect())
        })
        .collect();
    assert_eq!(shown, expected, "example.toml shows every mode's defaults");
}

#[test]
fn keys_toml_names_every_command_of_every_mode_once() {
    fn names<C: Commands>() -> Vec<&'static str> {
        C::iter().map(Into::into).collect()
    }
    let defaults: IndexMap<String, IndexMap<String, DefaultRow>> =
        toml::from_str(DEFAULT_KEYS).unwrap();
    let modes: Vec<&str> = <KeyMode as strum::IntoEnumIterator>::iter()
        .map(Into::into)
        .collect();
    assert_eq!(
        defaults.keys().map(String::as_str).collect::<Vec<_>>(),
        modes
    );
    for (mode, expected) in [
        ("dashboard", names::<Command>()),
        ("in_review", names::<ReviewKey>()),
        ("in_snooze", names::<SnoozeKey>()),
        ("in_help", names::<HelpKey>()),
        ("in_editor", names::<EditorKey>()),
    ] {
        let mut listed: Vec<&str> = defaults[mode].keys().map(String::as_str).collect();
        let mut expected = expected;
        listed.sort_unstable();
        expected.sort_unstable();
        assert_eq!(listed, expected, "[{mode}]");
    }
    // And they load, free of conflicts.
    let _ = Keymap::defaults();
}

#[test]
fn every_mode_takes_its_own_keys_and_conflicts_name_both() {
    let map = config("[keys.in_review]\ndone = \"Y\"\n\n[keys.in_snooze]\nweek = \"W\"\n").unwrap();
    assert_eq!(
        map.review
            .command(&press(KeyCode::Char('Y'), KeyModifiers::SHIFT)),
        Some(ReviewKey::Done)
    );
    assert_eq!(
        map.review
            .command(&press(KeyCode::Char('y'), KeyModifiers::NONE)),
        None
    );
    assert_eq!(map.snooze.first_key(SnoozeKey::Week), "W");
    let err = config("[keys.in_review]\ndone = \"n\"\n")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "config.toml:2:8: key `n` is bound to both `done` and `not_done` in in_review; give one of them another key"
    );
    let err = config("[keys.in_reveiw]\ndone = \"n\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("unknown key mode `in_reveiw`; did you mean `in_review`?"),
        "{err}"
    );
    let err = config("[keys]\ntoggle = 3\n").unwrap_err().to_string();
    assert!(
        err.starts_with("config.toml:2:10: ") && err.contains("a key such as \"d\""),
        "{err}"
    );
    // A key may serve two modes: `y` in the review and in the dashboard.
    assert!(config("[keys]\ntoggle = \"y\"\n").is_ok());
}

fn config(text: &str) -> Result<Keymap> {
    let (config, _) = Config::parse(Path::new("config.toml"), text.to_string())?;
    Keymap::from_config(&config)
}

#[test]
fn custom_keys_replace_the_defaults_by_name() {
    let map = config("[keys]\ntoggle = [\"t\", \"enter\"]\nselect = \"ctrl-o\"\n").unwrap();
    assert_eq!(
        map.dashboard
            .command(&press(KeyCode::Char('t'), KeyModifiers::NONE)),
        Some(Command::Toggle)
    );
    assert_eq!(
        map.dashboard
            .command(&press(KeyCode::Enter, KeyModifiers::NONE)),
        Some(Command::Toggle)
    );
    assert_eq!(
        map.dashboard
            .command(&press(KeyCode::Char(' '), KeyModifiers::NONE)),
        None
    );
    assert_eq!(
        map.dashboard
            .command(&press(KeyCode::Char('o'), KeyModifiers::CONTROL)),
        Some(Command::Select)
    );
}

#[test]
fn conflicts_and_typos_are_errors_that_name_the_place() {
    let err = config("[keys]\ntoggle = \"s\"\n").unwrap_err().to_string();
    assert_eq!(
        err,
        "config.toml:2:10: key `s` is bound to both `toggle` and `snooze`; give one of them another key"
    );
    let err = config("[keys]\ntogle = \"t\"\n").unwrap_err().to_string();
    assert_eq!(
        err,
        "config.toml:2:1: unknown key command `togle`; did you mean `toggle`?"
    );
    let err = config("[keys]\ntoggle = \"hyper-t\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("config.toml:2:10: `toggle`: unknown key `hyper-t`"),
        "{err}"
    );
}

#[test]
fn keys_parse_and_print_alike() {
    for text in [
        "a",
        "D",
        "space",
        "enter",
        "esc",
        "ctrl-x",
        "alt-enter",
        "f5",
        "?",
        "/",
    ] {
        let key = Key::parse(text).unwrap();
        assert_eq!(
            Key::parse(&key.to_string().replace('↑', "up")),
            Some(key),
            "{text}"
        );
    }
    assert_eq!(Key::parse("ctrl-X"), Key::parse("ctrl-x"));
    assert_eq!(Key::parse("f13"), None);
    assert_eq!(Key::parse(""), None);
}
