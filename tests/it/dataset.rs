//! The generated data sets the harnesses and benchmarks use.

use jiff::civil::Date;

use crate::sample::generate;
use hygiene_core::engine::{Settings, evaluate};

#[test]
fn a_generated_set_loads_and_about_half_is_overdue() {
    let today = Date::constant(2026, 11, 25);
    let set = generate(50, today, 7);
    let dir = tempfile::tempdir().unwrap();
    set.write(dir.path()).unwrap();
    let (config, catalog) = hygiene_core::config::load(&dir.path().join("config.toml")).unwrap();
    let (settings, warnings) = Settings::from_config(&config, &catalog);
    assert!(warnings.is_empty());
    assert_eq!(
        hygiene_core::store::file_warnings(&dir.path().join("state.toml")),
        Vec::new()
    );
    assert_eq!(settings.tracked.len(), 50);
    let review = evaluate(&catalog, &settings, &set.state, today);
    assert_eq!(review.items.len(), 500);
    let overdue = review
        .summary
        .get(hygiene_core::engine::StandingKind::Overdue);
    assert!((200..350).contains(&overdue), "{overdue} of 500 overdue");
    assert_eq!(set.due.len(), 500);
    assert_eq!(
        generate(50, today, 7).state,
        set.state,
        "the same seed, the same data"
    );
}
