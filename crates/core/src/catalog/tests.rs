use super::*;

fn layer(catalog: &mut Catalog, text: &str) -> Result<()> {
    let path = Path::new("org.toml");
    let file = parse_file(path, text)?;
    catalog.add_layer(
        file,
        &LayerSource {
            name: "org.toml",
            path,
            text,
        },
        false,
    )
}

#[test]
fn the_builtin_catalog_loads_and_covers_the_guidance() {
    let c = Catalog::builtin().unwrap();
    for id in [
        "whatsapp",
        "slack",
        "teams",
        "zoom",
        "google-meet",
        "skype-business",
        "yammer",
        "facetime",
        "imessage",
        "telegram",
        "twitter",
        "youtube",
        "slido",
        "hipchat",
    ] {
        assert!(c.tool(id).is_some(), "missing tool {id}");
    }
    for id in [
        "mfa",
        "password",
        "display_name",
        "photo",
        "job_title",
        "archive",
        "sessions",
        "notifications",
        "privacy",
        "work_account",
        "channels",
        "invites",
        "call_password",
    ] {
        let check = &c.checks[c.check(id).unwrap_or_else(|| panic!("missing check {id}"))];
        assert!(!check.why.is_empty() && !check.how.is_empty(), "{id}");
        assert!(!check.sources.is_empty(), "{id} names no source");
    }
    assert_eq!(c.checks[0].id, "mfa", "mfa comes first");
    let heaviest = c.checks.iter().max_by_key(|c| c.weight).unwrap();
    assert_eq!(heaviest.id, "mfa");
    let hipchat = &c.tools[c.tool("hipchat").unwrap()];
    assert!(hipchat.discontinued);
    assert_eq!(
        hipchat.naming.as_ref().unwrap().to_string(),
        "{first}{last}{org}"
    );
    let whatsapp = &c.tools[c.tool("whatsapp").unwrap()];
    assert_eq!(
        whatsapp.naming.as_ref().unwrap().to_string(),
        "{first} {last} ({org})"
    );
    // Yammer had no MFA of its own in 2018; today it is Viva Engage and
    // signs in with the Microsoft 365 account. Only Slido has no second
    // factor of its own (its e-mail accounts sign in with a code, and MFA
    // comes only through single sign-on).
    let yammer = c.tool("yammer").unwrap();
    let mfa = c.check("mfa").unwrap();
    assert!(!c.lacks(yammer, mfa));
    assert!(c.tools[yammer].checks.contains(&mfa));
    let lacking: Vec<&str> = c
        .tools
        .iter()
        .filter(|t| !t.lacks.is_empty())
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(lacking, ["slido"]);
    assert!(c.lacks(c.tool("slido").unwrap(), mfa));
    assert_eq!(
        c.checks[c.check("password").unwrap()].every,
        Every::Months(12)
    );
    assert_eq!(
        c.checks[c.check("archive").unwrap()].every,
        Every::Months(1)
    );
    assert!(c.expired(jiff::civil::date(9999, 1, 1)).next().is_none());
    let slack = c.tool("slack").unwrap();
    assert!(c.how(slack, mfa).contains("authenticator app"));
}

#[test]
fn a_layer_overrides_single_fields_and_adds_tools() {
    let mut c = Catalog::builtin().unwrap();
    layer(
        &mut c,
        r#"
name = "Org policy"
expires = 2020-12-31
[checks.archive]
cadence_days = 7
[tools.whatsapp]
naming = "{first} {last} - {org}"
cadence = { mfa = 30, photo = "3 months" }
[tools.rocket]
name = "Rocket.Chat"
checks = ["mfa", "display_name"]
naming = "{first}.{last}"
"#,
    )
    .unwrap();
    let w = c.tool("whatsapp").unwrap();
    assert_eq!(c.tools[w].name, "WhatsApp", "untouched fields stay");
    assert_eq!(
        c.tools[w].naming.as_ref().unwrap().to_string(),
        "{first} {last} - {org}"
    );
    assert_eq!(c.cadence(w, c.check("mfa").unwrap()), Every::Days(30));
    assert_eq!(c.cadence(w, c.check("photo").unwrap()), Every::Months(3));
    assert_eq!(c.cadence(w, c.check("archive").unwrap()), Every::Days(7));
    let r = c.tool("rocket").unwrap();
    assert_eq!(c.tools[r].checks.len(), 2);
    let expired: Vec<_> = c.expired(jiff::civil::date(2021, 1, 1)).collect();
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].name, "Org policy");
}

#[test]
fn layer_errors_point_at_the_place() {
    let mut c = Catalog::builtin().unwrap();
    let err = layer(
        &mut c,
        "[tools.rocket]\nname = \"R\"\nchecks = [\"mfaa\"]\n",
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        err,
        "org.toml:3:11: tool `rocket`: unknown check `mfaa`; did you mean `mfa`?"
    );
    let err = layer(
        &mut c,
        "[checks.mfa]\nlabel = \"Multi-factor authentication\"\n",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("org.toml:2:9: label must be one to 14 columns wide"),
        "{err}"
    );
    let err = layer(&mut c, "[checks.new_one]\ntitle = \"x\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("org.toml:1:9: new check `new_one` needs kind, every (or cadence_days)"),
        "{err}"
    );
    let err = layer(&mut c, "[tools.whatsapp]\nnaming = \"{name}\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("org.toml:2:10: unknown placeholder `{name}`"),
        "{err}"
    );
    let err = layer(&mut c, "[checks.mfa]\ncadence_days = 0\n")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "org.toml:2:16: cadence_days must be from 1 to 36500, got 0"
    );
    let err = layer(
        &mut c,
        "[tools.x]\nname = \"X\"\nchecks = [\"display_name\"]\n",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("has the naming check `display_name` but no `naming` template"),
        "{err}"
    );
    let err = layer(&mut c, "colour = 1\n").unwrap_err().to_string();
    assert!(
        err.starts_with("org.toml:1:1: unknown field `colour`"),
        "{err}"
    );
}

/// The facts the built-in catalog takes from the guidance and from the
/// services as they are: a careless edit of `config/catalog.toml` fails here.
#[test]
fn the_source_derived_facts_are_pinned() {
    let c = Catalog::builtin().unwrap();
    let tool = |id: &str| &c.tools[c.tool(id).unwrap()];
    // Approvals, from the 2020 approved-tools table (document 003).
    let avoid = "Approved; avoid personal or sensitive data";
    for id in [
        "whatsapp", "slack", "zoom", "yammer", "facetime", "imessage", "youtube", "slido",
    ] {
        assert_eq!(tool(id).approval, avoid, "{id}");
    }
    // "MOJ use approved" in the table.
    for id in ["teams", "google-meet", "skype-business"] {
        assert_eq!(tool(id).approval, "Approved for use", "{id}");
    }
    assert!(
        tool("twitter")
            .approval
            .starts_with("Approved for the MOJ corporate account")
    );
    assert!(tool("twitter").approval.contains("is encouraged"));
    assert!(
        tool("telegram")
            .approval
            .starts_with("None in the guidance documents")
    );
    // Discontinued: HipChat (shut down in 2019), Skype for Business and Skype.
    let discontinued: Vec<&str> = c
        .tools
        .iter()
        .filter(|t| t.discontinued)
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(discontinued, ["skype-business", "hipchat", "skype"]);
    // A gone tool has only the exit steps: archive, then close the account.
    let exit: Vec<CheckIx> = ["archive", "close_account"]
        .iter()
        .map(|id| c.check(id).unwrap())
        .collect();
    assert_eq!(tool("skype-business").checks, exit);
    // HipChat keeps its own guide's advice until the account is gone.
    let hipchat = c.tool("hipchat").unwrap();
    let close = c.how(hipchat, c.check("close_account").unwrap());
    assert!(close.contains("tell your HipChat administrator"), "{close}");
    assert!(close.contains("reset your password"), "{close}");
    // Naming: the only two conventions the guidance gives.
    let naming = |id: &str| tool(id).naming.as_ref().unwrap().to_string();
    assert_eq!(naming("hipchat"), "{first}{last}{org}");
    assert_eq!(naming("whatsapp"), "{first} {last} ({org})");
    // Second factors as the services offer them today: WhatsApp's PIN (SMS,
    // calls and a passkey verify the number), Telegram's cloud password (the
    // recovery e-mail resets it).
    assert_eq!(tool("whatsapp").mfa_methods, ["two-step verification PIN"]);
    assert_eq!(
        tool("telegram").mfa_methods,
        ["cloud password (two-step verification)"]
    );
    // Classification: instant messaging is for OFFICIAL information
    // (document 002), as is what these tools carry (document 003).
    let official = Some(Classification::Official);
    assert!(c.tools.iter().all(|t| t.classification == official));
    // Yammer is Viva Engage now, with the Microsoft 365 account's MFA.
    assert!(tool("yammer").lacks.is_empty());
    assert_eq!(tool("yammer").mfa_methods, tool("teams").mfa_methods);
    // No text claims what the sources do not say (document 003 never
    // mentions MFA).
    let mfa = &c.checks[c.check("mfa").unwrap()];
    assert!(!mfa.why.contains("every guidance document"));
    // The accounts the tools sign in with, and what lives on them.
    let account = |id: &str| tool(id).account.map(|a| c.accounts[a].id.as_str());
    for (ids, expected) in [
        (&["teams", "yammer", "skype-business"][..], "microsoft365"),
        (&["google-meet", "youtube"][..], "google"),
        (&["facetime", "imessage"][..], "apple"),
    ] {
        for id in ids {
            assert_eq!(account(id), Some(expected), "{id}");
        }
    }
    for id in [
        "whatsapp", "slack", "zoom", "telegram", "twitter", "slido", "hipchat",
    ] {
        assert_eq!(account(id), None, "{id}");
    }
    let all = ["mfa", "password", "sessions", "notifications"];
    for a in &c.accounts {
        let checks: Vec<&str> = a.checks.iter().map(|&k| c.checks[k].id.as_str()).collect();
        // Apple's sign-in alerts cannot be turned on or off: nothing to check.
        let expected = if a.id == "apple" { &all[..3] } else { &all[..] };
        assert_eq!(checks, expected, "{}", a.id);
    }
}

// No guidance document gives an interval in days, and only HipChat's and
// WhatsApp's naming conventions are in the guidance: the rest is said to be
// hygiene's default, and what an organisation sets is said to be theirs.
#[test]
fn numbers_and_conventions_say_where_they_come_from() {
    let mut c = Catalog::builtin().unwrap();
    assert!(
        c.checks
            .iter()
            .all(|k| k.cadence_from == Provenance::Default)
    );
    for t in &c.tools {
        assert!(
            t.cadence
                .values()
                .all(|(_, from)| *from == Provenance::Default)
        );
        let expected = match t.id.as_str() {
            "whatsapp" => Provenance::Guidance("gds-whatsapp".into()),
            "hipchat" => Provenance::Guidance("gds-hipchat".into()),
            _ => Provenance::Default,
        };
        assert_eq!(t.naming_from, expected, "{}", t.id);
    }
    let text = "name = \"Org policy\"\n[checks.archive]\ncadence_days = 14\n[tools.slack]\nnaming = \"{first} {last} | {org}\"\ncadence = { photo = 30 }\n";
    layer(&mut c, text).unwrap();
    let set_by = Provenance::SetBy("Org policy".into());
    let slack = c.tool("slack").unwrap();
    assert_eq!(c.checks[c.check("archive").unwrap()].cadence_from, set_by);
    assert_eq!(c.tools[slack].naming_from, set_by);
    assert_eq!(
        c.cadence_with_origin(slack, c.check("photo").unwrap()),
        (Every::Days(30), &set_by)
    );
}

// The 2020 approved-tools table is a dated layer: its approvals say they
// expired, and an organisation's later one supersedes them.
#[test]
fn approvals_are_dated_facts() {
    let mut c = Catalog::builtin().unwrap();
    let zoom = c.tool("zoom").unwrap();
    let telegram = c.tool("telegram").unwrap();
    let on = |y, m, d| jiff::civil::date(y, m, d);
    assert_eq!(
        c.expired_approval(zoom, on(2026, 11, 25))
            .map(|l| l.name.as_str()),
        Some("the 2020 MOJ guidance")
    );
    assert!(c.expired_approval(zoom, on(2020, 12, 31)).is_none());
    assert!(c.expired_approval(telegram, on(2026, 11, 25)).is_none());
    assert!(
        c.expired(on(2026, 11, 25)).next().is_none(),
        "the built-in layers are history, not an out-of-date policy"
    );
    layer(
        &mut c,
        "name = \"Org list 2026\"\nexpires = 2027-03-31\n[tools.zoom]\napproval = \"Approved for external meetings\"\n",
    )
    .unwrap();
    assert_eq!(c.tools[zoom].approval, "Approved for external meetings");
    assert!(c.expired_approval(zoom, on(2026, 11, 25)).is_none());
    assert_eq!(
        c.expired_approval(zoom, on(2027, 4, 1))
            .map(|l| l.name.as_str()),
        Some("Org list 2026")
    );
}

mod truth;

#[test]
fn every_check_cites_its_lines_and_every_default_is_marked() {
    let c = Catalog::builtin().unwrap();
    let document = |r: &str| {
        let (id, _) = split_source_ref(r);
        c.sources
            .iter()
            .find(|s| s.id == id)
            .unwrap()
            .file
            .is_some()
    };
    for check in &c.checks {
        assert!(!check.sources.is_empty(), "{}", check.id);
        // A guidance document is cited by its lines, a service by its page.
        for r in &check.sources {
            assert!(
                !document(r) || split_source_ref(r).1.is_some(),
                "{}: {r} without its lines",
                check.id
            );
        }
        assert!(
            !check.how.is_empty() || check.id == "close_account",
            "{}",
            check.id
        );
    }
    // A check that only a tool's own guide gives (the HipChat or WhatsApp
    // guide) applies to any other tool by hygiene's default, and says so.
    let own_guide = [("gds-hipchat", "hipchat"), ("gds-whatsapp", "whatsapp")];
    for (t, tool) in c.tools.iter().enumerate() {
        for &check in &tool.checks {
            let docs: Vec<&str> = c.checks[check]
                .sources
                .iter()
                .filter(|r| document(r))
                .map(|r| split_source_ref(r).0)
                .collect();
            let only_guides = !docs.is_empty()
                && docs.iter().all(|d| {
                    own_guide
                        .iter()
                        .any(|(g, owner)| g == d && *owner != tool.id)
                });
            if only_guides {
                assert!(
                    c.tools[t].by_default.contains(&check),
                    "{} on {} comes from no source for it: mark it by_default",
                    c.checks[check].id,
                    tool.id
                );
            }
        }
    }
    // job_title comes from the HipChat guide alone.
    let slack = &c.tools[c.tool("slack").unwrap()];
    assert!(slack.by_default.contains(&c.check("job_title").unwrap()));
}

#[test]
fn the_catalogs_corrections_hold() {
    let c = Catalog::builtin().unwrap();
    let tool = |id: &str| &c.tools[c.tool(id).unwrap()];
    // Google Meet's row gives only a managed Mac; Hangouts' messaging is
    // Google Chat now, a tool of its own on the Google account.
    assert_eq!(tool("google-meet").name, "Google Meet");
    assert!(!tool("google-meet").access.contains("web browser"));
    assert_eq!(tool("google-chat").account, tool("google-meet").account);
    assert!(
        tool("google-chat")
            .sources
            .iter()
            .any(|s| s == "google-hangouts-chat")
    );
    // Telegram is not in the 2020 table: its facts come from the service.
    assert_eq!(
        tool("telegram").facts_source.as_deref(),
        Some("telegram-faq")
    );
    assert!(tool("telegram").audience.is_empty());
    // The table's own words for Teams and Slido, nothing added.
    assert_eq!(
        tool("teams").kind,
        "Communication and collaboration: video and voice"
    );
    assert_eq!(
        tool("slido").kind,
        "Questions and answers during presentations"
    );
    // Handling per tool, from its condition; never OFFICIAL-SENSITIVE.
    assert_eq!(
        tool("whatsapp").handling,
        "avoid personal or sensitive data"
    );
    assert!(tool("hipchat").handling.contains("no sensitive"));
    for t in &c.tools {
        assert!(!t.handling.contains("OFFICIAL-SENSITIVE"), "{}", t.id);
    }
}

#[test]
fn every_tool_says_where_its_facts_come_from() {
    let c = Catalog::builtin().unwrap();
    for tool in &c.tools {
        assert!(!tool.sources.is_empty(), "{} names no source", tool.id);
        // The 2020 table's "Other tools" paragraph gives Facebook, Instagram
        // and LinkedIn an approval but no kind or access: none is invented.
        let corporate_only = ["facebook", "instagram", "linkedin"].contains(&tool.id.as_str());
        assert_eq!(
            tool.kind.is_empty() && tool.access.is_empty(),
            corporate_only,
            "{}",
            tool.id
        );
        // Every fact in the header says where it comes from.
        assert!(tool.facts_source.is_some(), "{}: facts_source", tool.id);
        assert!(
            tool.mfa_methods.is_empty() || tool.mfa_source.is_some(),
            "{}: mfa_source",
            tool.id
        );
        assert!(
            tool.classification.is_none() || tool.classification_source.is_some(),
            "{}: classification_source",
            tool.id
        );
    }
}

#[test]
fn corporate_only_and_retired_tools_say_so() {
    let c = Catalog::builtin().unwrap();
    let tool = |id: &str| &c.tools[c.tool(id).unwrap()];
    // Approved only for specific corporate accounts (003, lines 174-175).
    for id in ["facebook", "instagram", "linkedin"] {
        assert!(
            tool(id)
                .approval
                .starts_with("Approved only for specific corporate accounts"),
            "{id}"
        );
        assert!(tool(id).checks.contains(&c.check("corporate").unwrap()));
        assert_eq!(
            tool(id).facts_source.as_deref(),
            Some("moj-apps-2020:174-175")
        );
    }
    assert_eq!(
        tool("skype").checks,
        [c.check("close_account").unwrap()],
        "Skype is gone: only the account is left to close"
    );
    assert!(
        tool("skype")
            .sources
            .iter()
            .any(|s| s.starts_with("moj-im-2018"))
    );
    assert!(
        !tool("skype-business")
            .sources
            .iter()
            .any(|s| s.starts_with("moj-im-2018")),
        "the 2018 IM guidance does not name Skype for Business"
    );
}
