use super::*;
use crate::state::State;
use std::path::Path;

fn day(d: &str) -> Date {
    d.parse().unwrap()
}

#[test]
fn a_lost_device_asks_each_tool_once_and_each_account_once() {
    let c = Catalog::builtin().unwrap();
    let tools: Vec<ToolIx> = ["whatsapp", "teams", "yammer", "slack"]
        .iter()
        .map(|t| c.tool(t).unwrap())
        .collect();
    let i = Incident::start(&c, Kind::LostDevice, &tools, day("2026-11-20"));
    assert_eq!(
        i.steps,
        [
            "report",
            "whatsapp/sessions",
            "whatsapp/password",
            "microsoft365/sessions",
            "microsoft365/password",
            "slack/sessions",
            "slack/password",
        ]
    );
    let card = step_card(&c, &tools, Kind::LostDevice, "microsoft365/password");
    assert_eq!(
        card.place, "Microsoft 365 account (Microsoft Teams, Yammer (now Viva Engage))",
        "only the tracked tools"
    );
    assert!(card.todo.starts_with("Change the password"), "{card:?}");
    assert!(!card.how.is_empty());
    assert!(
        card.sources
            .contains("Using HipChat securely (000), lines 20-23")
    );
    let report = step_card(&c, &tools, Kind::LostDevice, "report");
    assert!(report.todo.contains(DEFAULT_REPORT_TO), "{report:?}");
    assert!(report.todo.contains("hygiene's default"), "{report:?}");
}

#[test]
fn steps_close_the_incident_and_it_round_trips_through_the_file() {
    let c = Catalog::builtin().unwrap();
    let tools = [c.tool("slido").unwrap()];
    let mut i = Incident::start(&c, Kind::SuspectedAccess, &tools, day("2026-11-20"));
    // Slido lacks MFA of its own: no step asks for it.
    assert_eq!(i.steps, ["report", "slido/password"]);
    i.mark("report", StepState::Done, day("2026-11-20"));
    assert!(i.is_open());
    i.mark("slido/password", StepState::Dismissed, day("2026-11-21"));
    assert_eq!(i.closed, Some(day("2026-11-21")));
    i.mark("slido/password", StepState::Open, day("2026-11-22"));
    assert!(i.is_open());
    let mut state = State::default();
    state
        .incidents
        .insert(new_id(&state.incidents, i.kind, i.started), i.clone());
    let id = new_id(&state.incidents, i.kind, i.started);
    assert_eq!(id, "suspected-access-2026-11-20-2");
    let text = state.to_toml();
    assert!(
        text.contains("\n[incidents.suspected-access-2026-11-20]\nkind = \"suspected-access\"\nstarted = 2026-11-20\nsteps = [\"report\", \"slido/password\"]\ndone = [\"report\"]\n"),
        "{text}"
    );
    let back = State::parse(Path::new("state.toml"), &text).unwrap();
    assert_eq!(back, state);
    assert_eq!(back.to_toml(), text);
}

#[test]
fn a_catalog_names_who_to_tell() {
    let mut c = Catalog::builtin().unwrap();
    let text = "name = \"Org\"\nreport_to = \"security@example.org\"\n";
    let file = crate::catalog::parse_file(Path::new("org.toml"), text).unwrap();
    c.add_layer(
        file,
        &crate::catalog::LayerSource {
            name: "org.toml",
            path: Path::new("org.toml"),
            text,
        },
        false,
    )
    .unwrap();
    let report = step_card(&c, &[], Kind::Leaving, "report");
    assert!(
        report
            .todo
            .starts_with("Report it to security@example.org (as Org says)"),
        "{report:?}"
    );
}

#[test]
fn a_bad_incident_in_the_file_is_reported_with_its_place() {
    let text = "version = 2\n\n[incidents.x]\nkind = \"flood\"\nstarted = 2026-11-20\nsteps = []\n";
    let err = State::parse(Path::new("state.toml"), text)
        .unwrap_err()
        .to_string();
    assert!(err.contains("state.toml:4:"), "{err}");
    assert!(err.contains("unknown incident kind `flood`"), "{err}");
}
