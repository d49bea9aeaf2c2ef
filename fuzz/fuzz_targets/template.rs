#![no_main]
//! Any text as a naming template, and any value checked against it.
use hygiene_core::naming::{Identity, Template};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (template, value) = text.split_once('\n').unwrap_or((text, ""));
    if let Ok(t) = template.parse::<Template>() {
        let alex = Identity { first: Some("Alex".into()), last: Some("Black".into()), org: Some("MOJ".into()) };
        let _ = t.check(value, &Identity::default());
        let _ = t.check(value, &alex);
    }
});
