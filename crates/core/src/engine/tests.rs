use super::*;
use jiff::civil::date;
use rstest::rstest;

const TODAY: Date = Date::constant(2026, 11, 25);

fn setup(tools: &[&str]) -> (Catalog, Settings) {
    let catalog = Catalog::builtin().unwrap();
    let settings = Settings {
        identity: Identity {
            first: Some("Alex".into()),
            last: Some("Black".into()),
            org: Some("MOJ".into()),
        },
        due_soon_days: 14,
        first_review_days: 14,
        tracked: tools.iter().map(|t| catalog.tool(t).unwrap()).collect(),
        device: "test".into(),
    };
    (catalog, settings)
}

/// The review's (first) item of `check`.
fn item_of(review: &Review, check: CheckIx) -> Item {
    review
        .items
        .iter()
        .find(|i| i.check == check)
        .unwrap()
        .clone()
}

fn standing_of(state: &State, tool: &str, check: &str) -> Standing {
    let (catalog, settings) = setup(&[tool]);
    let review = evaluate(&catalog, &settings, state, TODAY);
    item_of(&review, catalog.check(check).unwrap()).standing
}

fn done_on(check: &str, verified: Date) -> State {
    let mut state = State::default();
    let e = state.entry_mut("slack", check);
    e.status = Status::Done;
    e.verified = Some(verified);
    state
}

/// The standing of Slack's `check`, done on `done`, as of `today`.
fn on(check: &str, done: Date, today: Date) -> Standing {
    static SLACK: std::sync::OnceLock<(Catalog, Settings)> = std::sync::OnceLock::new();
    let (catalog, settings) = SLACK.get_or_init(|| setup(&["slack"]));
    let review = evaluate(catalog, settings, &done_on(check, done), today);
    item_of(&review, catalog.check(check).unwrap()).standing
}

// Slack's MFA is due every 6 months: verified on D means due on D + 6 months,
// due soon 14 days before (the config's due_soon_days; a quarter of the
// interval is longer), and overdue after 30 days of grace.
#[rstest]
#[case::due_far_ahead(date(2026, 11, 25), "ok")]
#[case::one_day_outside_the_window(date(2026, 6, 10), "ok")]
#[case::exactly_at_the_window(date(2026, 6, 9), "due_soon")]
#[case::due_tomorrow(date(2026, 5, 26), "due_soon")]
#[case::due_today(date(2026, 5, 25), "due_soon")]
#[case::last_day_of_grace(date(2026, 4, 26), "due_soon")]
#[case::one_day_past_the_grace(date(2026, 4, 25), "overdue")]
#[case::long_past(date(2020, 1, 1), "overdue")]
fn due_dates_at_their_boundaries(#[case] verified: Date, #[case] expected: &str) {
    let standing = on("mfa", verified, TODAY);
    assert_eq!(standing.name(), expected, "{standing:?}");
    assert_eq!(standing.due(), Some(Every::Months(6).after(verified)));
}

// External members are reviewed monthly: due a calendar month after the last
// review, due soon a week before, overdue after 17 days of grace.
#[rstest]
#[case::eight_days_before(date(2026, 11, 7), "ok")]
#[case::a_week_before(date(2026, 11, 8), "due_soon")]
#[case::on_the_day(date(2026, 11, 15), "due_soon")]
#[case::a_week_late(date(2026, 11, 22), "due_soon")]
#[case::last_day_of_grace(date(2026, 12, 2), "due_soon")]
#[case::day_after_the_grace(date(2026, 12, 3), "overdue")]
#[case::a_month_skipped(date(2026, 12, 15), "overdue")]
fn a_monthly_check_has_a_week_of_warning_and_17_days_of_grace(
    #[case] today: Date,
    #[case] expected: &str,
) {
    let standing = on("invites", date(2026, 10, 15), today);
    assert_eq!(standing.name(), expected, "{standing:?}");
    assert_eq!(standing.due(), Some(date(2026, 11, 15)));
}

#[test]
fn a_monthly_review_within_a_week_of_the_same_date_is_never_overdue() {
    // Reviews on the 15th, a week early or a week late, in every order, for
    // two years; and on the 31st (the last day of shorter months), over a
    // leap year.
    for (start_year, day) in [(2026, 15), (2027, 31)] {
        for pattern in [[0, 0], [-7, 7], [7, -7], [-7, -7], [7, 7]] {
            let mut done = date(start_year, 1, day);
            for month in 1..24 {
                let (y, m) = (start_year + (month / 12), (month % 12) as i8 + 1);
                let first = date(y, m, 1);
                let target = first
                    .with()
                    .day(day.min(first.days_in_month()))
                    .build()
                    .unwrap();
                let review = dates::add_days(target, pattern[month as usize % 2]);
                // Every day up to and including the next review: never overdue.
                let mut today = done;
                while today <= review {
                    let standing = on("invites", done, today);
                    assert_ne!(
                        standing.name(),
                        "overdue",
                        "done {done}, today {today}, pattern {pattern:?}"
                    );
                    today = dates::add_days(today, 1);
                }
                done = review;
            }
        }
    }
    // Skipping a whole month: overdue before the same date comes round.
    assert_eq!(
        on("invites", date(2026, 1, 15), date(2026, 3, 8)).name(),
        "overdue"
    );
    // The 31st: due on the last day of a shorter month, 29 February in a leap year.
    assert_eq!(
        on("invites", date(2028, 1, 31), date(2028, 2, 1)).due(),
        Some(date(2028, 2, 29))
    );
    assert_eq!(
        on("invites", date(2026, 3, 31), date(2026, 4, 1)).due(),
        Some(date(2026, 4, 30))
    );
}

#[test]
fn unanswered_is_unreviewed_until_the_first_review_is_due() {
    // Tracked today: the first review is due first_review_days later.
    assert_eq!(
        standing_of(&State::default(), "slack", "mfa"),
        Standing::Unreviewed {
            due: date(2026, 12, 9)
        }
    );
    // Tracked on 1 November: due on the 15th, which is still unreviewed...
    let mut state = State::default();
    state.tracked.insert("slack".into(), date(2026, 11, 1));
    let (catalog, settings) = setup(&["slack"]);
    let mfa = catalog.check("mfa").unwrap();
    let on = |state: &State, today: Date| {
        let review = evaluate(&catalog, &settings, state, today);
        (item_of(&review, mfa), review.score, review.summary)
    };
    let due = date(2026, 11, 15);
    let (item, score, summary) = on(&state, due);
    assert_eq!(item.standing, Standing::Unreviewed { due });
    assert!(!item.reviewed);
    assert_eq!((score, summary.reviewed), (None, 0));
    assert!(summary.get(StandingKind::Unreviewed) > 0);
    assert_eq!(
        summary.bad(),
        0,
        "unreviewed is not a problem before its day"
    );
    // ...and overdue the day after, like any other.
    let (item, score, summary) = on(&state, date(2026, 11, 16));
    assert_eq!(item.standing, Standing::Overdue { due });
    assert_eq!(
        score,
        Some(0),
        "an overdue check counts, answered or not: nothing is in order"
    );
    assert_eq!(summary.get(StandingKind::Unreviewed), 0);
    assert!(summary.bad() > 0);
    // A tracked day in the future counts as today.
    state.tracked.insert("slack".into(), date(2027, 1, 1));
    assert_eq!(
        on(&state, TODAY).0.standing,
        Standing::Unreviewed {
            due: date(2026, 12, 9)
        }
    );
}

#[test]
fn a_snooze_of_a_check_never_done_ends_where_it_began() {
    let mut state = State::default();
    state.tracked.insert("slack".into(), date(2026, 11, 1));
    state.entry_mut("slack", "mfa").snoozed = Some(date(2026, 11, 10));
    let (catalog, settings) = setup(&["slack"]);
    let mfa = catalog.check("mfa").unwrap();
    let on = |today: Date| item_of(&evaluate(&catalog, &settings, &state, today), mfa);
    assert_eq!(on(date(2026, 11, 5)).standing.name(), "snoozed");
    // Back, not reviewed: before the first review's day, then overdue.
    let back = on(date(2026, 11, 12));
    assert_eq!(
        back.standing,
        Standing::Unreviewed {
            due: date(2026, 11, 15)
        }
    );
    assert!(!back.reviewed);
    assert_eq!(on(TODAY).standing.name(), "overdue");
}

#[test]
fn an_answer_makes_it_reviewed_and_not_done_is_failing() {
    let mut state = State::default();
    state.entry_mut("slack", "mfa").status = Status::Todo;
    assert_eq!(
        standing_of(&state, "slack", "mfa"),
        Standing::Failing(Failure::NeverDone)
    );
    let mut state = done_on("mfa", TODAY);
    state.entry_mut("slack", "mfa").status = Status::Todo;
    assert_eq!(
        standing_of(&state, "slack", "mfa"),
        Standing::Failing(Failure::NotDone)
    );
    state.entry_mut("slack", "mfa").verified = None;
    state.entry_mut("slack", "mfa").status = Status::Done;
    assert_eq!(
        standing_of(&state, "slack", "mfa"),
        Standing::Failing(Failure::NoDate)
    );
    // A note alone is no answer.
    let mut state = State::default();
    state.entry_mut("slack", "mfa").note = Some("ask IT".into());
    assert_eq!(standing_of(&state, "slack", "mfa").name(), "unreviewed");
}

#[test]
fn snoozes_hide_until_their_day_then_the_item_returns() {
    let mut state = done_on("mfa", date(2020, 1, 1));
    state.entry_mut("slack", "mfa").snoozed = Some(date(2026, 11, 26));
    assert_eq!(
        standing_of(&state, "slack", "mfa"),
        Standing::Snoozed {
            until: date(2026, 11, 26)
        }
    );
    state.entry_mut("slack", "mfa").snoozed = Some(TODAY);
    assert_eq!(standing_of(&state, "slack", "mfa").name(), "overdue");
    // Never done nor answered: back as it began, not reviewed yet.
    state.entry_mut("slack", "mfa").verified = None;
    state.entry_mut("slack", "mfa").status = Status::Unanswered;
    assert_eq!(standing_of(&state, "slack", "mfa").name(), "unreviewed");
}

/// The pager of an organisation's catalog, which has no means for MFA.
fn pager_standing(state: &State) -> Standing {
    let mut catalog = Catalog::builtin().unwrap();
    let text = "[tools.pager]\nname = \"Pager\"\nchecks = [\"password\"]\nlacks = [\"mfa\"]\n";
    let path = std::path::Path::new("org.toml");
    let file = crate::catalog::parse_file(path, text).unwrap();
    let src = crate::catalog::LayerSource {
        name: "org.toml",
        path,
        text,
    };
    catalog.add_layer(file, &src, false).unwrap();
    let pager = catalog.tool("pager").unwrap();
    let settings = Settings {
        identity: Identity::default(),
        due_soon_days: 14,
        first_review_days: 14,
        tracked: vec![pager],
        device: "test".into(),
    };
    let mfa = catalog.check("mfa").unwrap();
    item_of(&evaluate(&catalog, &settings, state, TODAY), mfa).standing
}

#[test]
fn lacking_tools_show_a_risk_until_it_is_accepted() {
    let mut state = State::default();
    assert_eq!(pager_standing(&state), Standing::Unsupported);
    state.entry_mut("pager", "mfa").status = Status::Done;
    assert_eq!(
        pager_standing(&state),
        Standing::Unsupported,
        "marking it done does not make it so"
    );
    state.entry_mut("pager", "mfa").status = Status::Accepted {
        reason: "paging only".into(),
    };
    assert_eq!(pager_standing(&state), Standing::Accepted);
    state.entry_mut("pager", "mfa").status = Status::NotApplicable;
    assert_eq!(pager_standing(&state), Standing::NotApplicable);
}

#[test]
fn names_are_checked_against_the_convention() {
    let mut state = State::default();
    let e = state.entry_mut("whatsapp", "display_name");
    e.status = Status::Done;
    e.verified = Some(TODAY);
    e.value = Some("Alex Black (MOJ)".into());
    assert_eq!(standing_of(&state, "whatsapp", "display_name").name(), "ok");
    state.entry_mut("whatsapp", "display_name").value = Some("Alex B".into());
    assert_eq!(
        standing_of(&state, "whatsapp", "display_name"),
        Standing::Failing(Failure::NameDiffers {
            expected: "Alex Black (MOJ)".into(),
            look_alike: None,
        })
    );
    // A no-break space looks like a space: it is shown for what it is.
    state.entry_mut("whatsapp", "display_name").value = Some("Alex\u{a0}Black (MOJ)".into());
    assert_eq!(
        standing_of(&state, "whatsapp", "display_name"),
        Standing::Failing(Failure::NameDiffers {
            expected: "Alex Black (MOJ)".into(),
            look_alike: Some("Alex<U+00A0>Black (MOJ)".into()),
        })
    );
}

#[test]
fn archives_are_due_an_interval_after_the_last_one() {
    let mut state = State::default();
    let e = state.entry_mut("slack", "archive");
    e.record(date(2026, 9, 1));
    e.record(date(2026, 10, 20));
    let (catalog, _) = setup(&["slack"]);
    let interval = catalog.cadence(
        catalog.tool("slack").unwrap(),
        catalog.check("archive").unwrap(),
    );
    let standing = standing_of(&state, "slack", "archive");
    assert_eq!(standing.due(), Some(interval.after(date(2026, 10, 20))));
}

#[test]
fn future_dates_count_as_today_and_are_flagged() {
    let state = done_on("mfa", date(2030, 1, 1));
    let (catalog, settings) = setup(&["slack"]);
    let review = evaluate(&catalog, &settings, &state, TODAY);
    let item = &review.items[0];
    assert_eq!(
        item.standing,
        Standing::Ok {
            due: Some(Every::Months(6).after(TODAY))
        }
    );
    assert_eq!(item.oddity, Some(Oddity::FutureDate(date(2030, 1, 1))));
    assert!(
        review.warnings[0]
            .to_string()
            .contains("2030-01-01 is after today"),
        "{:?}",
        review.warnings
    );
}

#[test]
fn scores_weigh_checks_and_ignore_what_does_not_apply() {
    let (catalog, settings) = setup(&["slack"]);
    // Nothing reviewed: no score yet, rather than zero.
    let review = evaluate(&catalog, &settings, &State::default(), TODAY);
    assert_eq!(review.score, None);
    let mut state = State::default();
    let slack = &catalog.tools[catalog.tool("slack").unwrap()];
    for &c in &slack.checks {
        let e = state.entry_mut("slack", &catalog.checks[c].id);
        e.status = Status::Done;
        e.verified = Some(TODAY);
        e.value = Some("Alex Black (MOJ)".into());
    }
    assert_eq!(
        evaluate(&catalog, &settings, &state, TODAY).score,
        Some(100)
    );
    // MFA left undone: the score drops by MFA's share of the weight.
    state.entry_mut("slack", "mfa").status = Status::Todo;
    let total: u32 = slack.checks.iter().map(|&c| catalog.checks[c].weight).sum();
    let mfa = catalog.checks[catalog.check("mfa").unwrap()].weight;
    let review = evaluate(&catalog, &settings, &state, TODAY);
    assert_eq!(review.score, Some(((total - mfa) * 100 / total) as u8));
    // Not applicable leaves the count entirely.
    state.entry_mut("slack", "mfa").status = Status::NotApplicable;
    assert_eq!(
        evaluate(&catalog, &settings, &state, TODAY).score,
        Some(100)
    );
    // Nothing tracked, or a tool with no checks: nothing reviewed, no score.
    assert_eq!(
        evaluate(&catalog, &Settings::default(), &state, TODAY).score,
        None
    );
}

#[test]
fn urgency_follows_the_due_curve_and_orders_worst_first() {
    let near = |a: f64, b: f64| (a - b).abs() < 1e-12;
    assert!(near(due_factor(30), 0.2));
    assert!(near(due_factor(14), 0.2));
    assert!((due_factor(0) - (14.0 * 0.8 / 21.0 + 0.2)).abs() < 1e-9);
    assert!(near(due_factor(-7), 1.0));
    assert!(near(due_factor(-100), 1.0));
    assert!(due_factor(-3) > due_factor(0) && due_factor(0) > due_factor(10));

    let mut state = done_on("archive", date(2026, 1, 1));
    state.entry_mut("slack", "mfa").status = Status::Todo;
    state.entry_mut("slack", "photo").status = Status::Done;
    state.entry_mut("slack", "photo").verified = Some(TODAY);
    let (catalog, settings) = setup(&["slack"]);
    let review = evaluate(&catalog, &settings, &state, TODAY);
    let order = worst_first(&review);
    let ids: Vec<(&str, &str)> = order
        .iter()
        .take(2)
        .map(|&i| {
            let it = &review.items[i];
            (catalog.checks[it.check].id.as_str(), it.standing.name())
        })
        .collect();
    assert_eq!(
        ids,
        [("archive", "overdue"), ("mfa", "failing")],
        "overdue before failing, whatever their weight"
    );
    let last = &review.items[*order.last().unwrap()];
    assert!(
        matches!(last.standing.name(), "ok" | "unreviewed"),
        "{:?}",
        last.standing
    );
}

#[test]
fn unknown_entries_are_reported_once() {
    let mut state = done_on("mfa", TODAY);
    state.entry_mut("gone-tool", "mfa").status = Status::Done;
    state.entry_mut("slack", "retired_check").status = Status::Done;
    // An account keeps only its own checks; its known ones are not reported.
    state.entry_mut("microsoft365", "archive").status = Status::Done;
    state.entry_mut("microsoft365", "mfa").status = Status::Done;
    let (catalog, settings) = setup(&["slack"]);
    let review = evaluate(&catalog, &settings, &state, TODAY);
    assert_eq!(review.warnings.len(), 1, "{:?}", review.warnings);
    let text = review.warnings[0].to_string();
    assert!(text.contains("gone-tool"), "{text}");
    assert!(text.contains("slack.retired_check"), "{text}");
    assert!(text.contains("microsoft365.archive"), "{text}");
    assert!(!text.contains("microsoft365.mfa"), "{text}");
    assert!(!text.contains("slack.mfa"), "{text}");
}

#[test]
fn a_check_on_a_shared_account_has_one_state_and_counts_once() {
    let (catalog, settings) = setup(&["teams", "yammer", "slack"]);
    let mut state = State::default();
    let mfa = catalog.check("mfa").unwrap();
    let teams = catalog.tool("teams").unwrap();
    let yammer = catalog.tool("yammer").unwrap();
    // Recorded on the account: both tools show it, the review counts it once.
    let e = state.entry_mut("microsoft365", "mfa");
    e.status = Status::Done;
    e.verified = Some(date(2026, 11, 1));
    let review = evaluate(&catalog, &settings, &state, TODAY);
    let mfa_items: Vec<&Item> = review.items.iter().filter(|i| i.check == mfa).collect();
    assert_eq!(mfa_items.len(), 3, "a cell on every tool's row");
    for tool in [teams, yammer] {
        let item = mfa_items.iter().find(|i| i.tool == tool).unwrap();
        assert_eq!(item.standing.name(), "ok");
    }
    assert_eq!(
        mfa_items.iter().filter(|i| i.repeat).count(),
        1,
        "Viva Engage repeats Teams' item"
    );
    let listed: Vec<usize> = worst_first(&review)
        .into_iter()
        .filter(|&i| review.items[i].check == mfa)
        .collect();
    assert_eq!(listed.len(), 2, "Microsoft 365 once, Slack once");
    assert_eq!(
        review.summary.total(),
        review.items.iter().filter(|i| !i.repeat).count()
    );
}

#[test]
fn state_recorded_per_tool_before_accounts_is_carried_over_newest_first() {
    let (catalog, settings) = setup(&["teams", "yammer"]);
    let mut state = State::default();
    let old = state.entry_mut("teams", "mfa");
    old.status = Status::Done;
    old.verified = Some(date(2026, 1, 10));
    let newer = state.entry_mut("yammer", "mfa");
    newer.status = Status::Done;
    newer.verified = Some(date(2026, 9, 1));
    let review = evaluate(&catalog, &settings, &state, TODAY);
    let mfa = catalog.check("mfa").unwrap();
    for item in review.items.iter().filter(|i| i.check == mfa) {
        assert_eq!(
            item.standing,
            Standing::Ok {
                due: Some(date(2027, 3, 1))
            }
        );
    }
    assert!(review.warnings.is_empty(), "{:?}", review.warnings);
}

#[test]
fn a_snooze_is_laid_over_the_answer_and_changes_no_score() {
    let (catalog, settings) = setup(&["slack"]);
    let mfa = catalog.check("mfa").unwrap();
    let mut state = done_on("password", date(2026, 11, 1));
    state.tracked.insert("slack".into(), date(2026, 10, 1));
    state.entry_mut("slack", "mfa").status = Status::Todo;
    let before = evaluate(&catalog, &settings, &state, TODAY);
    assert_eq!(item_of(&before, mfa).standing.name(), "failing");
    state.entry_mut("slack", "mfa").snoozed = Some(date(2026, 12, 10));
    let during = evaluate(&catalog, &settings, &state, TODAY);
    assert_eq!(item_of(&during, mfa).standing.name(), "snoozed");
    assert_eq!(during.score, before.score, "a snooze changes no score");
    assert_eq!(item_of(&during, mfa).scored, StandingKind::Failing);
    // When it ends, "not done" is back: failing, not ok or unreviewed.
    let after = evaluate(&catalog, &settings, &state, date(2026, 12, 10));
    assert_eq!(
        item_of(&after, mfa).standing,
        Standing::Failing(Failure::NeverDone)
    );
}

#[test]
fn an_unreviewed_check_snoozed_past_its_first_review_is_due_on_the_snoozes_last_day() {
    let (catalog, settings) = setup(&["slack"]);
    let mfa = catalog.check("mfa").unwrap();
    let mut state = State::default();
    state.tracked.insert("slack".into(), date(2026, 11, 20));
    // First review due 2026-12-04; snoozed for a month, to 2026-12-25.
    state.entry_mut("slack", "mfa").snoozed = Some(date(2026, 12, 25));
    let on = |today: Date| item_of(&evaluate(&catalog, &settings, &state, today), mfa);
    assert_eq!(on(date(2026, 12, 24)).standing.name(), "snoozed");
    assert_eq!(
        on(date(2026, 12, 25)).standing,
        Standing::Unreviewed {
            due: date(2026, 12, 25)
        }
    );
    // Overdue only after the grace (six-monthly MFA: 102 days).
    let grace = i64::from(
        catalog
            .cadence(catalog.tool("slack").unwrap(), mfa)
            .grace_days(),
    );
    let last = dates::add_days(date(2026, 12, 25), grace);
    assert_eq!(on(last).standing.name(), "unreviewed");
    assert_eq!(on(dates::add_days(last, 1)).standing.name(), "overdue");
}

mod snooze_props {
    use super::*;
    use proptest::prelude::*;

    fn status() -> impl Strategy<Value = Status> {
        prop_oneof![
            Just(Status::Unanswered),
            Just(Status::Todo),
            Just(Status::Done),
            Just(Status::NotApplicable),
            Just(Status::Accepted {
                reason: "chat only".into()
            }),
        ]
    }

    proptest! {
        /// A snooze changes no score while it lasts, and when it ends an
        /// answered (or dated) check stands exactly as it did without it.
        #[test]
        fn a_snooze_and_its_end_leave_standing_and_score_as_they_were(
            check in proptest::sample::select(vec!["mfa", "password", "archive", "photo", "display_name"]),
            status in status(),
            done_ago in proptest::option::of(0i64..800),
            value in proptest::option::of(Just("Alex Black (MOJ)".to_string())),
            tracked_ago in 0i64..400,
            length in 1i64..120,
        ) {
            let (catalog, settings) = setup(&["slack", "whatsapp"]);
            let tool = if check == "display_name" { "whatsapp" } else { "slack" };
            let mut plain = done_on("password", dates::add_days(TODAY, -30));
            plain.tracked.insert(tool.into(), dates::add_days(TODAY, -tracked_ago));
            let e = plain.entry_mut(tool, check);
            e.status = status;
            e.verified = done_ago.map(|d| dates::add_days(TODAY, -d));
            e.value = value;
            let mut snoozed = plain.clone();
            let until = dates::add_days(TODAY, length);
            snoozed.entry_mut(tool, check).snoozed = Some(until);
            let c = catalog.check(check).unwrap();
            let t = catalog.tool(tool).unwrap();
            let find = |r: &Review| r.items.iter().find(|i| i.check == c && i.tool == t).cloned().unwrap();
            for day in [TODAY, dates::add_days(TODAY, length / 2)] {
                let a = evaluate(&catalog, &settings, &plain, day);
                let b = evaluate(&catalog, &settings, &snoozed, day);
                prop_assert_eq!(a.score, b.score);
                prop_assert_eq!(a.day_score().score, b.day_score().score);
            }
            let answered = plain.entry(tool, check).is_some_and(|e| e.status != Status::Unanswered || e.verified.is_some());
            if answered {
                let a = find(&evaluate(&catalog, &settings, &plain, until));
                let b = find(&evaluate(&catalog, &settings, &snoozed, until));
                prop_assert_eq!(a.standing, b.standing);
            }
        }
    }
}

/// The score rule at each of its edges: what is counted, what is in order.
#[test]
fn the_score_counts_what_is_in_order_among_what_applies() {
    let (catalog, settings) = setup(&["slack"]);
    let slack = catalog.tool("slack").unwrap();
    let checks: Vec<String> = catalog.tools[slack]
        .checks
        .iter()
        .map(|&c| catalog.checks[c].id.clone())
        .collect();
    let mut state = State::default();
    state.tracked.insert("slack".into(), date(2026, 1, 1));
    for c in &checks {
        let e = state.entry_mut("slack", c);
        e.status = Status::Done;
        e.verified = Some(TODAY);
        e.history = vec![TODAY];
        e.value = Some("Alex Black (MOJ)".into());
    }
    let score = |state: &State| evaluate(&catalog, &settings, state, TODAY).score;
    assert_eq!(score(&state), Some(100));
    // An accepted risk: shown as accepted, counted, no points.
    let mut accepted = state.clone();
    accepted.entry_mut("slack", "mfa").status = Status::Accepted {
        reason: "chat only".into(),
    };
    assert!(score(&accepted) < Some(100));
    // Not applicable: not counted at all.
    let mut na = state.clone();
    na.entry_mut("slack", "mfa").status = Status::NotApplicable;
    assert_eq!(score(&na), Some(100));
    // Due soon, the grace after the due date included: in order.
    let mut late = state.clone();
    let every = catalog.cadence(slack, catalog.check("mfa").unwrap());
    let in_grace = dates::add_days(TODAY, -i64::from(every.approx_days()) - 3);
    late.entry_mut("slack", "mfa").verified = Some(in_grace);
    let mfa = catalog.check("mfa").unwrap();
    let review = evaluate(&catalog, &settings, &late, TODAY);
    assert_eq!(item_of(&review, mfa).standing.name(), "due_soon");
    assert_eq!(review.score, Some(100));
    // Overdue, never answered: counted, not in order; the row is not 100%.
    let mut never = state.clone();
    never.tools.get_mut("slack").unwrap().remove("mfa");
    let review = evaluate(&catalog, &settings, &never, TODAY);
    assert_eq!(item_of(&review, mfa).standing.name(), "overdue");
    assert!(review.score < Some(100));
    assert!(review.rows[0].score < Some(100));
    // Unreviewed before its first review is due: neutral.
    let mut fresh = never.clone();
    fresh.tracked.insert("slack".into(), TODAY);
    assert_eq!(score(&fresh), Some(100));
    // Nothing counted at all: no score.
    let mut nothing = State::default();
    nothing.tracked.insert("slack".into(), TODAY);
    assert_eq!(score(&nothing), None);
}

#[test]
fn the_next_review_is_the_first_day_something_needs_one_after_the_last() {
    let (catalog, settings) = setup(&["slack"]);
    let mut state = State::default();
    state.tracked.insert("slack".into(), date(2026, 10, 1));
    for c in &catalog.tools[catalog.tool("slack").unwrap()].checks {
        let id = catalog.checks[*c].id.clone();
        let e = state.entry_mut("slack", &id);
        e.status = Status::Done;
        e.verified = Some(TODAY);
        e.history = vec![TODAY];
        e.value = Some("Alex Black (MOJ)".into());
    }
    state.entry_mut("slack", "mfa").status = Status::Todo;
    let review = evaluate(&catalog, &settings, &state, TODAY);
    // "Not done" is to fix, not a review due now.
    let next = next_review(&review, None);
    assert_eq!(next.to_fix, 1);
    let first_due = next.day.unwrap();
    assert!(first_due > TODAY, "{first_due}");
    // Something overdue that the last review did not see: now.
    state.tools.get_mut("slack").unwrap().remove("photo");
    let review = evaluate(&catalog, &settings, &state, TODAY);
    assert!(next_review(&review, Some(date(2026, 10, 5))).day.unwrap() <= TODAY);
    // Seen by a review today: the next is the next day something comes due.
    assert_eq!(next_review(&review, Some(TODAY)).day, Some(first_due));
}
