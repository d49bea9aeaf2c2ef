use super::*;

#[test]
fn the_identity_is_set_in_place_with_its_comments() {
    let text = "# mine\ntrack = [\"slack\"]\n\n[identity]\nfirst = \"A\" # me\norg = \"X\"\n";
    let identity = Identity {
        first: Some("Alex".into()),
        last: Some("Black".into()),
        org: None,
    };
    let edited = set_identity(p(), text, &identity).unwrap();
    assert_eq!(
        edited,
        "# mine\ntrack = [\"slack\"]\n\n[identity]\nfirst = \"Alex\" # me\nlast = \"Black\"\n"
    );
    let added = set_identity(p(), "track = []\n", &identity).unwrap();
    let (config, _) = Config::parse(p(), added.clone()).unwrap();
    assert_eq!(config.identity.last.as_deref(), Some("Black"), "{added}");
}

fn p() -> &'static Path {
    Path::new("config.toml")
}

#[test]
fn the_init_text_loads_and_carries_the_values() {
    let identity = Identity {
        first: Some("Alex".into()),
        last: Some("O\"Brien".into()),
        org: None,
    };
    let text = init_text(&identity, &["whatsapp".into(), "slack".into()]);
    let (config, _) = Config::parse(p(), text.clone()).unwrap();
    assert_eq!(config.identity.last.as_deref(), Some("O\"Brien"));
    assert_eq!(config.identity.org, None);
    let ids: Vec<&str> = config.track.iter().map(|s| s.get_ref().as_str()).collect();
    assert_eq!(ids, ["whatsapp", "slack"]);
    assert!(text.contains("# org = \"MOJ\""));
}

#[test]
fn track_and_untrack_keep_comments_and_order() {
    let text = "# mine\ntrack = [\"slack\"] # inline\n\n[identity]\nfirst = \"A\" # me\n";
    let added = track(p(), Some(text), &["zoom".into(), "slack".into()]).unwrap();
    assert_eq!(
        added,
        "# mine\ntrack = [\"slack\", \"zoom\"] # inline\n\n[identity]\nfirst = \"A\" # me\n"
    );
    let removed = untrack(p(), &added, &["slack".into()]).unwrap();
    assert!(removed.contains("track = [\"zoom\"] # inline"), "{removed}");
    assert!(removed.contains("first = \"A\" # me"));
}

#[test]
fn track_at_puts_a_tool_back_in_its_place() {
    let text = "track = [\"a\", \"c\"]\n";
    assert_eq!(
        track_at(p(), Some(text), "b", 1).unwrap(),
        "track = [\"a\", \"b\", \"c\"]\n"
    );
    assert_eq!(
        track_at(p(), Some(text), "a", 1).unwrap(),
        text,
        "no repeat"
    );
    assert_eq!(
        track_at(p(), Some(text), "d", 9).unwrap(),
        "track = [\"a\", \"c\", \"d\"]\n"
    );
}

#[test]
fn track_adds_the_list_when_there_is_none() {
    let text = "[identity]\nfirst = \"A\"\n";
    let added = track(p(), Some(text), &["zoom".into()]).unwrap();
    let (config, _) = Config::parse(p(), added.clone()).unwrap();
    assert_eq!(config.track.len(), 1, "{added}");
    assert_eq!(config.identity.first.as_deref(), Some("A"));
}

#[test]
fn a_config_that_does_not_load_is_not_edited() {
    let err = track(p(), Some("track = \"slack\"\n"), &["zoom".into()]).unwrap_err();
    assert!(err.to_string().starts_with("config.toml:1:9:"), "{err}");
}

const LIST: &str = "track = [\n  \"whatsapp\", # personal phone\n  # slack is for the day job\n  \"slack\", # work workspace\n  \"zoom\", # calls\n]\n";

#[test]
fn untrack_removes_only_the_items_own_comments() {
    assert_eq!(
        untrack(p(), LIST, &["slack".into()]).unwrap(),
        "track = [\n  \"whatsapp\", # personal phone\n  \"zoom\", # calls\n]\n"
    );
    assert_eq!(
        untrack(p(), LIST, &["zoom".into()]).unwrap(),
        "track = [\n  \"whatsapp\", # personal phone\n  # slack is for the day job\n  \"slack\", # work workspace\n]\n"
    );
    assert_eq!(
        untrack(p(), LIST, &["whatsapp".into()]).unwrap(),
        "track = [\n  # slack is for the day job\n  \"slack\", # work workspace\n  \"zoom\", # calls\n]\n"
    );
    // A comment set apart by a blank line is nobody's: it stays.
    let apart = "track = [\n  \"a\",\n\n  # video\n\n  \"b\", # b's\n  \"c\",\n]\n";
    assert_eq!(
        untrack(p(), apart, &["b".into()]).unwrap(),
        "track = [\n  \"a\",\n\n  # video\n\n  \"c\",\n]\n"
    );
}

#[test]
fn track_lands_on_a_line_of_its_own_after_the_last_comment() {
    let removed = untrack(p(), LIST, &["slack".into()]).unwrap();
    assert_eq!(
        track(p(), Some(&removed), &["slack".into()]).unwrap(),
        "track = [\n  \"whatsapp\", # personal phone\n  \"zoom\", # calls\n  \"slack\",\n]\n"
    );
    // Undo puts it back in its place, without its comments (they went with it).
    assert_eq!(
        track_at(p(), Some(&removed), "slack", 1).unwrap(),
        "track = [\n  \"whatsapp\", # personal phone\n  \"slack\",\n  \"zoom\", # calls\n]\n"
    );
    // No trailing comma, the last value's comment in its suffix.
    let bare = "track = [\n    \"a\", # a's\n    \"b\" # b's\n]\n";
    assert_eq!(
        track(p(), Some(bare), &["c".into()]).unwrap(),
        "track = [\n    \"a\", # a's\n    \"b\", # b's\n    \"c\"\n]\n"
    );
    // Aligned under the bracket.
    let aligned = "track = [\"a\",\n         \"b\"]\n";
    assert_eq!(
        track(p(), Some(aligned), &["c".into()]).unwrap(),
        "track = [\"a\",\n         \"b\",\n         \"c\"]\n"
    );
}

#[test]
fn a_crlf_config_stays_crlf() {
    let crlf = LIST.replace('\n', "\r\n") + "\r\n[identity]\r\n# who\r\nfirst = \"A\"\r\n";
    for edited in [
        untrack(p(), &crlf, &["slack".into()]).unwrap(),
        track(p(), Some(&crlf), &["teams".into()]).unwrap(),
        set_identity(
            p(),
            &crlf,
            &Identity {
                first: Some("Alex".into()),
                last: Some("Black".into()),
                org: None,
            },
        )
        .unwrap(),
    ] {
        assert!(!edited.replace("\r\n", "").contains('\n'), "{edited:?}");
        assert!(edited.contains("# who\r\nfirst = "), "{edited:?}");
    }
}

#[test]
fn identity_edits_keep_the_comment_above_each_value() {
    let text = "[identity]\n# as on my badge\nfirst = \"A\"\n# family name\nlast = \"B\" # legal\norg = \"X\"\n";
    let identity = Identity {
        first: Some("Alex".into()),
        last: Some("Black".into()),
        org: Some("MOJ".into()),
    };
    assert_eq!(
        set_identity(p(), text, &identity).unwrap(),
        "[identity]\n# as on my badge\nfirst = \"Alex\"\n# family name\nlast = \"Black\" # legal\norg = \"MOJ\"\n"
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;
    use std::fmt::Write as _;

    const IDS: [&str; 5] = ["whatsapp", "slack", "zoom", "teams", "signal"];

    /// A list of `ids` one to a line; each item may have its own comment
    /// lines above it and a comment beside it, each naming the item.
    fn layout(items: &[(usize, bool, bool)], trailing_comma: bool, crlf: bool) -> String {
        let mut text = String::from("# mine\ntrack = [\n");
        for (n, &(id, above, beside)) in items.iter().enumerate() {
            let id = IDS[id];
            if above {
                let _ = writeln!(text, "  # about {id}");
            }
            let comma = if n + 1 < items.len() || trailing_comma {
                ","
            } else {
                ""
            };
            let _ = write!(text, "  \"{id}\"{comma}");
            if beside {
                let _ = write!(text, " # {id} beside");
            }
            text.push('\n');
        }
        text.push_str("]\n\n[identity]\n# who I am\nfirst = \"A\" # first\n");
        if crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        }
    }

    /// Every comment line that names a tool names the tool of its own or the
    /// next value line.
    fn attached(text: &str) -> bool {
        let lines: Vec<&str> = text.lines().collect();
        lines.iter().enumerate().all(|(i, line)| {
            let Some(at) = line.find("# ") else {
                return true;
            };
            let Some(id) = IDS.iter().find(|id| line[at..].contains(*id)) else {
                return true;
            };
            let value = lines[i..]
                .iter()
                .find(|l| l.trim_start().starts_with('"'))
                .copied()
                .unwrap_or_default();
            value.contains(&format!("\"{id}\""))
        })
    }

    fn comments(text: &str) -> Vec<String> {
        text.lines()
            .filter_map(|l| l.find('#').map(|at| l[at..].trim_end().to_string()))
            .collect()
    }

    proptest! {
        #[test]
        fn comments_stay_with_their_items(
            picks in proptest::sample::subsequence((0..IDS.len()).collect::<Vec<_>>(), 1..=IDS.len())
                .prop_shuffle(),
            marks in proptest::collection::vec((any::<bool>(), any::<bool>()), IDS.len()),
            trailing_comma in any::<bool>(),
            crlf in any::<bool>(),
            remove in 0..IDS.len(),
            add in 0..IDS.len(),
        ) {
            let items: Vec<(usize, bool, bool)> =
                picks.iter().zip(&marks).map(|(&i, &(a, b))| (i, a, b)).collect();
            let text = layout(&items, trailing_comma, crlf);
            let gone = IDS[picks[remove % picks.len()]];
            let removed = untrack(p(), &text, &[gone.to_string()]).unwrap();
            prop_assert!(attached(&removed), "{removed}");
            let expected: Vec<String> =
                comments(&text).into_iter().filter(|c| !c.contains(gone)).collect();
            prop_assert_eq!(comments(&removed), expected.clone());
            let added = track(p(), Some(&removed), &[IDS[add].to_string()]).unwrap();
            prop_assert!(attached(&added), "{added}");
            prop_assert_eq!(comments(&added), expected.clone());
            let named = set_identity(p(), &added, &Identity {
                first: Some("Alex".into()),
                last: Some("Black".into()),
                org: None,
            }).unwrap();
            prop_assert_eq!(comments(&named), expected);
            for edited in [&removed, &added, &named] {
                prop_assert_eq!(edited.contains("\r\n"), crlf);
                prop_assert!(!crlf || !edited.replace("\r\n", "").contains('\n'));
                prop_assert!(Config::parse(p(), edited.clone()).is_ok());
            }
        }
    }
}
