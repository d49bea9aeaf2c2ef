//! The catalog's corrections against the services as they are (December
//! 2026): the wrong words are gone, the right ones are there, and the tool
//! cites the service page they came from.

use super::*;

/// `tool`'s "how" for `check` (the check's, the account's and the tool's).
fn how(c: &Catalog, tool: &str, check: &str) -> String {
    c.how(c.tool(tool).unwrap(), c.check(check).unwrap())
}

fn cites(c: &Catalog, tool: &str, source: &str) -> bool {
    c.tools[c.tool(tool).unwrap()]
        .sources
        .iter()
        .any(|s| s == source)
        && c.sources
            .iter()
            .any(|s| s.id == source && s.url.is_some() && s.date.contains("checked December 2026"))
}

#[test]
fn whatsapp_paths_and_factors_are_as_the_service_has_them() {
    let c = Catalog::builtin().unwrap();
    let whatsapp = &c.tools[c.tool("whatsapp").unwrap()];
    // The passkey replaces the registration code: it is not a second factor.
    assert_eq!(whatsapp.mfa_methods, ["two-step verification PIN"]);
    let mfa = how(&c, "whatsapp", "mfa");
    assert!(mfa.contains("is not a second factor"), "{mfa}");
    assert!(!mfa.contains("which only resets the PIN"), "{mfa}");
    assert!(
        mfa.contains("can also receive the registration code"),
        "{mfa}"
    );
    let notifications = how(&c, "whatsapp", "notifications");
    assert!(
        !notifications.contains("Privacy or Security"),
        "{notifications}"
    );
    assert!(notifications.contains(
        "Settings > Account > Security notifications > Show security notifications on this phone"
    ));
    let privacy = how(&c, "whatsapp", "privacy");
    assert!(
        privacy.contains("phone number cannot be hidden"),
        "{privacy}"
    );
    assert!(how(&c, "whatsapp", "sessions").contains("More options (⋮) > Linked devices"));
    assert!(cites(&c, "whatsapp", "whatsapp-help"));
}

#[test]
fn account_paths_and_methods_are_as_the_services_have_them() {
    let c = Catalog::builtin().unwrap();
    // Microsoft 365: devices are in My Account, not My Sign-Ins.
    let sessions = how(&c, "teams", "sessions");
    assert!(
        sessions.contains("My Account (myaccount.microsoft.com) > Devices"),
        "{sessions}"
    );
    assert!(!sessions.contains("My Sign-Ins > Devices"), "{sessions}");
    assert!(cites(&c, "teams", "microsoft-account"));
    // Google: backup codes among the methods; passkeys skip the second step.
    let google = &c.accounts[c.account("google").unwrap()];
    assert!(google.mfa_methods.iter().any(|m| m == "backup codes"));
    assert!(how(&c, "google-meet", "mfa").contains("without the password and the second step"));
    assert!(cites(&c, "google-meet", "google-account-help"));
    // Telegram: the cloud password stays the second factor beside a passkey.
    let telegram = how(&c, "telegram", "mfa");
    assert!(
        telegram.contains("replaces the login code, not the cloud password"),
        "{telegram}"
    );
    assert!(cites(&c, "telegram", "telegram-faq"));
    // Zoom's managed accounts and Viva Engage's own passwords.
    assert!(how(&c, "zoom", "mfa").contains("admin must allow two-factor authentication first"));
    assert!(how(&c, "yammer", "mfa").contains("Viva Engage passwords of its own"));
}

#[test]
fn google_meet_says_what_trusted_access_lets_in_and_what_the_table_said() {
    let c = Catalog::builtin().unwrap();
    let meet = how(&c, "google-meet", "call_password");
    assert!(
        meet.contains("anyone who dials in by phone join without asking"),
        "{meet}"
    );
    assert!(
        !meet.contains("or Trusted (also people in your organisation)"),
        "{meet}"
    );
    assert!(cites(&c, "google-meet", "google-meet-help"));
    // The 2020 table's row says only "Digital Service Desk controlled Mac - Self".
    let access = &c.tools[c.tool("google-meet").unwrap()].access;
    assert!(!access.contains("web browser"), "{access}");
}

#[test]
fn discontinued_services_ask_only_what_can_still_be_done() {
    let c = Catalog::builtin().unwrap();
    let tool = |id: &str| &c.tools[c.tool(id).unwrap()];
    // HipChat's cloud data is deleted: nothing to archive, one step left.
    assert_eq!(tool("hipchat").checks, [c.check("close_account").unwrap()]);
    assert!(
        tool("hipchat")
            .approval
            .starts_with("Discontinued: HipChat Cloud")
    );
    assert!(crate::report::access_words(tool("hipchat")).starts_with("None today"));
    assert!(
        tool("hipchat")
            .sources
            .iter()
            .any(|s| s == "atlassian-hipchat-eol")
    );
    // The 2018 IM guidance names consumer Skype, not Skype for Business.
    let sfb = tool("skype-business");
    assert!(!sfb.sources.iter().any(|s| s == "moj-im-2018"));
    assert!(sfb.sources.iter().any(|s| s == "microsoft-sfb-lifecycle"));
    assert!(how(&c, "skype-business", "archive").contains("Subscription Edition (July 2025)"));
}
