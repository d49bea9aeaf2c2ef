//! Property tests: no input makes a parser panic, and every valid state
//! round-trips through save and load unchanged.

use std::path::Path;

use hygiene_core::catalog::{self, Catalog, LayerSource};
use hygiene_core::config::Config;
use hygiene_core::naming::{Identity, Template};
use hygiene_core::state::{Entry, MAX_HISTORY, MAX_NOTE, MAX_REASON, MAX_VALUE, State, Status};
use jiff::civil::Date;
use proptest::prelude::*;

const TODAY: Date = Date::constant(2026, 11, 25);

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        // Arbitrary bytes, as a file could hold.
        proptest::collection::vec(any::<u8>(), 0..400)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        // Things that look like TOML, to get past the first character.
        "[a-z_\\[\\]=\"{}., 0-9\n#-]{0,200}",
        // Valid-looking documents with a twist.
        ("(version = 1\n)?\\[tools\\.[a-z]{1,5}\\]\n[a-z_]{1,8} = \\{ status = \"[a-z]{0,8}\"(, verified = [0-9]{4}-[0-9]{2}-[0-9]{2})? \\}\n"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(400), .. ProptestConfig::default() })]

    #[test]
    fn the_config_parser_never_panics(input in text()) {
        let _ = Config::parse(Path::new("config.toml"), input);
    }

    #[test]
    fn the_state_parser_never_panics(input in text()) {
        let _ = State::parse(Path::new("state.toml"), &input);
    }

    #[test]
    fn the_catalog_parser_never_panics(input in text()) {
        let path = Path::new("org.toml");
        if let Ok(file) = catalog::parse_file(path, &input) {
            let mut catalog = Catalog::builtin().unwrap();
            let _ = catalog.add_layer(file, &LayerSource { name: "org.toml", path, text: &input }, false);
        }
    }

    #[test]
    fn the_date_parser_never_panics(input in "\\PC{0,20}|[+-]?[0-9]{0,12}[dwmy]?|[0-9]{4}-[0-9]{2}-[0-9]{2}") {
        if let Ok(date) = hygiene_core::dates::parse(&input, TODAY) {
            prop_assert!(hygiene_core::dates::in_range(date));
        }
    }

    #[test]
    fn the_template_parser_and_matcher_never_panic(template in "\\PC{0,40}|[{}a-z ()]{0,40}", value in "\\PC{0,60}") {
        if let Ok(t) = template.parse::<Template>() {
            let nobody = Identity::default();
            let alex = Identity { first: Some("Alex".into()), last: Some("Black".into()), org: Some("MOJ".into()) };
            let _ = t.check(&value, &nobody);
            let _ = t.check(&value, &alex);
            if let Some(expected) = t.expected(&alex) {
                prop_assert!(t.check(&expected, &alex).is_ok());
            }
        }
    }

    #[test]
    fn every_valid_state_round_trips(state in state()) {
        let text = state.to_toml();
        let back = State::parse(Path::new("state.toml"), &text);
        prop_assert!(back.is_ok(), "{:?}\n{}", back.err(), text);
        prop_assert_eq!(back.unwrap(), state.clone());
        // Both readers: the fast one takes what hygiene writes (but leaves
        // incidents, which few states hold, to the full one), the full one agrees.
        let fast = if state.incidents.is_empty() { Some(state.clone()) } else { None };
        prop_assert_eq!(State::parse_fast(&text), fast);
        prop_assert_eq!(State::parse_toml(Path::new("state.toml"), &text).unwrap(), state);
    }

    #[test]
    fn what_the_fast_reader_accepts_the_full_reader_reads_the_same(
        state in state(),
        edits in proptest::collection::vec((any::<usize>(), 0u8..4, any::<char>()), 1..4),
    ) {
        // A state as hygiene writes it, then damaged here and there.
        let text = damage(&state.to_toml(), &edits);
        if let Some(fast) = State::parse_fast(&text) {
            let full = State::parse_toml(Path::new("state.toml"), &text);
            prop_assert!(full.is_ok(), "the fast reader took what the full one refuses: {:?}\n{}", full.err(), text);
            prop_assert_eq!(full.unwrap(), fast);
        }
    }
}

/// `text` with a few characters replaced, removed or inserted: any character,
/// or one that means something in TOML.
fn damage(text: &str, edits: &[(usize, u8, char)]) -> String {
    const TOML: [char; 14] = [
        '"', '\\', '\n', ' ', '=', '{', '}', ',', '[', ']', '1', '-', '#', '.',
    ];
    let mut text: Vec<char> = text.chars().collect();
    for &(at, kind, c) in edits {
        let at = at % (text.len() + 1);
        let c = if kind % 2 == 0 {
            c
        } else {
            TOML[at % TOML.len()]
        };
        match kind {
            0 | 1 if at < text.len() => text[at] = c,
            2 if at < text.len() => {
                text.remove(at);
            }
            _ => text.insert(at, c),
        }
    }
    text.into_iter().collect()
}

fn date() -> impl Strategy<Value = Date> {
    (0i64..2_900_000).prop_map(|d| hygiene_core::dates::add_days(hygiene_core::dates::MIN, d))
}

fn limited(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::string::string_regex(&format!("\\PC{{0,{}}}", max.min(60))).unwrap(),
        proptest::string::string_regex(&format!(".{{0,{}}}", max.min(40))).unwrap(),
        Just("x".repeat(max)),
    ]
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Unanswered),
        Just(Status::Todo),
        Just(Status::Done),
        Just(Status::NotApplicable),
        limited(MAX_REASON)
            .prop_filter("a reason is not blank", |r| !r.trim().is_empty())
            .prop_map(|reason| Status::Accepted { reason }),
    ]
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        status(),
        proptest::option::of(date()),
        proptest::option::of(date()),
        proptest::option::of(limited(MAX_VALUE)),
        proptest::collection::btree_set(date(), 0..8),
        proptest::option::of(limited(MAX_NOTE)),
        proptest::option::of((0i64..4_000_000_000, 0i32..1_000_000_000)),
        proptest::option::of(limited(100)),
    )
        .prop_map(
            |(status, snoozed, verified, value, history, note, changed, device)| {
                let mut history: Vec<Date> = history.into_iter().collect();
                history.truncate(MAX_HISTORY);
                Entry {
                    status,
                    snoozed,
                    verified,
                    value,
                    history,
                    note,
                    changed: changed.map(|(s, n)| jiff::Timestamp::new(s, n).unwrap()),
                    device,
                }
            },
        )
}

fn timestamp() -> impl Strategy<Value = jiff::Timestamp> {
    (0i64..4_000_000_000, 0i32..1_000_000_000)
        .prop_map(|(s, n)| jiff::Timestamp::new(s, n).unwrap())
}

fn day_score() -> impl Strategy<Value = hygiene_core::history::DayScore> {
    (
        proptest::option::of(0u8..=100),
        proptest::array::uniform5(0u32..100_000),
        proptest::option::of(timestamp()),
    )
        .prop_map(
            |(score, [reviewed, total, overdue, failing, unreviewed], changed)| {
                hygiene_core::history::DayScore {
                    score,
                    reviewed,
                    total,
                    overdue,
                    failing,
                    unreviewed,
                    changed,
                }
            },
        )
}

fn id() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z][a-z0-9_-]{0,12}", "\\PC{0,12}"]
}

fn incident() -> impl Strategy<Value = hygiene_core::incident::Incident> {
    use hygiene_core::incident::{Incident, Kind};
    (
        0..Kind::ALL.len(),
        date(),
        proptest::collection::vec(id(), 0..5),
        proptest::collection::btree_set(id(), 0..3),
        proptest::collection::btree_set(id(), 0..3),
        proptest::option::of(date()),
        proptest::option::of((timestamp(), limited(100))),
    )
        .prop_map(
            |(kind, started, steps, done, dismissed, closed, stamp)| Incident {
                kind: Kind::ALL[kind],
                started,
                steps,
                done,
                dismissed,
                closed,
                changed: stamp.as_ref().map(|s| s.0),
                device: stamp.map(|s| s.1),
            },
        )
}

pub(crate) fn state() -> impl Strategy<Value = State> {
    (
        proptest::collection::btree_map(
            id(),
            proptest::collection::btree_map(id(), entry(), 1..5),
            0..6,
        ),
        (
            proptest::collection::btree_set("[a-z][a-z0-9-]{0,10}", 0..4),
            proptest::collection::btree_map("[a-z][a-z0-9-]{0,10}", timestamp(), 0..3),
        ),
        proptest::collection::btree_map(id(), date(), 0..4),
        proptest::collection::btree_map(date(), day_score(), 0..4),
        proptest::option::of(date()),
        proptest::collection::btree_map(id(), incident(), 0..3),
    )
        .prop_map(
            |(
                tools,
                (private_notes, private_notes_changed),
                tracked,
                scores,
                last_review,
                incidents,
            )| State {
                tools,
                private_notes,
                private_notes_changed,
                tracked,
                scores,
                last_review,
                incidents,
            },
        )
}
