use super::*;
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
            map.command(&press(code, modifiers)),
            Some(command),
            "{code:?}"
        );
    }
    assert_eq!(
        map.command(&press(KeyCode::Char('d'), KeyModifiers::NONE)),
        None
    );
    assert_eq!(map.keys_for(Command::Quit), "q/esc");
}

#[test]
fn the_example_config_lists_exactly_the_defaults() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/example.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let (config, _) = Config::parse(&path, text).unwrap();
    let mut names: Vec<&str> = Vec::new();
    for (name, keys) in &config.keys {
        let binding = DEFAULTS
            .iter()
            .find(|b| b.name() == name.get_ref())
            .unwrap();
        assert_eq!(keys.get_ref().keys(), binding.keys, "{}", binding.name());
        names.push(binding.name());
    }
    for b in DEFAULTS {
        assert!(
            names.contains(&b.name()),
            "example.toml does not show `{}`",
            b.name()
        );
    }
}

fn config(text: &str) -> Result<Keymap> {
    let (config, _) = Config::parse(Path::new("config.toml"), text.to_string())?;
    Keymap::from_config(&config)
}

#[test]
fn custom_keys_replace_the_defaults_by_name() {
    let map = config("[keys]\ntoggle = [\"t\", \"enter\"]\nselect = \"ctrl-o\"\n").unwrap();
    assert_eq!(
        map.command(&press(KeyCode::Char('t'), KeyModifiers::NONE)),
        Some(Command::Toggle)
    );
    assert_eq!(
        map.command(&press(KeyCode::Enter, KeyModifiers::NONE)),
        Some(Command::Toggle)
    );
    assert_eq!(
        map.command(&press(KeyCode::Char(' '), KeyModifiers::NONE)),
        None
    );
    assert_eq!(
        map.command(&press(KeyCode::Char('o'), KeyModifiers::CONTROL)),
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
