//! Where each fact that a face shows comes from, in words: a check's
//! sources with their lines, a tool's facts, its classification, and what
//! is hygiene's own default.

use crate::catalog::{Catalog, CheckIx, Provenance, ToolIx, split_source_ref};
use crate::text::visible;

/// One source reference in words: "Using `WhatsApp` in government (001),
/// line 27", or "`WhatsApp` Help Center, <https://faq.whatsapp.com/>,
/// checked December 2026" for a service's own pages.
pub fn source_ref_words(catalog: &Catalog, reference: &str) -> String {
    let (id, lines) = split_source_ref(reference);
    source_words(catalog, id, lines.as_slice())
}

/// One source with the lines cited from it: "…, lines 12-14 and 30, …".
fn source_words(catalog: &Catalog, id: &str, lines: &[&str]) -> String {
    let Some(source) = catalog.sources.iter().find(|s| s.id == id) else {
        return visible(id).into_owned();
    };
    let mut parts = vec![visible(&source.title).into_owned()];
    // The guidance documents are numbered by their file: "001_….txt".
    let number: String = source
        .file
        .iter()
        .flat_map(|f| f.chars().take_while(char::is_ascii_digit))
        .collect();
    if !number.is_empty() {
        parts[0] = format!("{} ({number})", parts[0]);
    }
    match lines {
        [] => {}
        [l] if !l.contains('-') => parts.push(format!("line {l}")),
        [l] => parts.push(format!("lines {l}")),
        [rest @ .., last] => parts.push(format!("lines {} and {last}", rest.join(", "))),
    }
    parts.extend(source.url.iter().map(|u| visible(u).into_owned()));
    if !source.date.is_empty() {
        parts.push(visible(&source.date).into_owned());
    }
    parts.join(", ")
}

/// A list of source references in words, separated by "; ", each source
/// named once with all the lines cited from it, in the order first cited.
pub fn sources_words(catalog: &Catalog, refs: &[String]) -> String {
    grouped_sources_words(catalog, refs).join("; ")
}

/// Each source of a list in words, named once with all the lines cited
/// from it, in the order first cited.
pub fn grouped_sources_words(catalog: &Catalog, refs: &[String]) -> Vec<String> {
    let mut grouped: Vec<(&str, Vec<&str>)> = Vec::new();
    for r in refs {
        let (id, lines) = split_source_ref(r);
        match grouped.iter_mut().find(|(g, _)| *g == id) {
            Some((_, ls)) => ls.extend(lines),
            None => grouped.push((id, lines.into_iter().collect())),
        }
    }
    grouped
        .iter()
        .map(|(id, lines)| source_words(catalog, id, lines))
        .collect()
}

/// A check's sources on a tool, as every face shows them: its own, and,
/// where it is applied to the tool by hygiene's default, that first.
pub fn check_sources_words(catalog: &Catalog, tool: ToolIx, check: CheckIx) -> String {
    let c = &catalog.checks[check];
    let sources = sources_words(catalog, &c.sources);
    if catalog.tools[tool].by_default.contains(&check) {
        format!(
            "applied to {} by hygiene's default (no source names it for this tool); the check comes from {sources}",
            visible(&catalog.tools[tool].name)
        )
    } else {
        sources
    }
}

/// Where a check's weight comes from: "weight 10, hygiene's default".
pub fn weight_words(catalog: &Catalog, check: CheckIx) -> String {
    let c = &catalog.checks[check];
    match &c.weight_from {
        Provenance::Default => format!("weight {}, hygiene's default", c.weight),
        Provenance::Guidance(id) => {
            format!(
                "weight {}, from {}",
                c.weight,
                source_ref_words(catalog, id)
            )
        }
        Provenance::SetBy(name) => format!("weight {}, as {} sets", c.weight, visible(name)),
    }
}

/// Where a tool's kind, audience, approval, access and handling come from.
pub fn facts_source_words(catalog: &Catalog, tool: ToolIx) -> String {
    catalog.tools[tool].facts_source.as_ref().map_or_else(
        || "hygiene's own description; no source gives it".to_string(),
        |r| source_ref_words(catalog, r),
    )
}

/// A tool's facts as every face shows them, each with where it comes from:
/// kind, audience, approval, access, where those come from, classification,
/// MFA methods and naming; a pair (label, words) each, where there is one.
pub fn tool_facts(
    catalog: &Catalog,
    tool: ToolIx,
    identity: &crate::naming::Identity,
    today: jiff::civil::Date,
) -> Vec<(&'static str, String)> {
    let t = &catalog.tools[tool];
    let mut facts: Vec<(&'static str, String)> = Vec::new();
    // Text from catalogs: each face makes control characters visible.
    facts.push(("Kind", t.kind.clone()));
    facts.push(("Audience", t.audience.clone()));
    if !t.approval.is_empty() {
        facts.push(("Approval", super::approval_words(catalog, tool, today)));
    }
    facts.push(("Access", super::access_words(t)));
    if !(t.kind.is_empty() && t.audience.is_empty() && t.approval.is_empty() && t.access.is_empty())
    {
        facts.push(("Facts from", facts_source_words(catalog, tool)));
    }
    if let Some(words) = classification_words(catalog, tool) {
        facts.push(("Classification", words));
    }
    if !t.mfa_methods.is_empty() {
        let methods = t.mfa_methods.join(", ");
        facts.push((
            "MFA",
            mfa_source_words(catalog, tool).map_or_else(
                || methods.clone(),
                |from| format!("{methods} (from {from})"),
            ),
        ));
    }
    if let Some(template) = &t.naming {
        let filled = template.partly_filled(identity);
        let from = super::naming_words(catalog, tool);
        facts.push((
            "Naming",
            if filled == template.to_string() {
                format!("{template} ({from})")
            } else {
                format!("{template} → {filled} ({from})")
            },
        ));
    }
    facts.retain(|(_, words)| !words.is_empty());
    facts
}

/// Where a tool's second-factor methods come from.
pub fn mfa_source_words(catalog: &Catalog, tool: ToolIx) -> Option<String> {
    catalog.tools[tool]
        .mfa_source
        .as_ref()
        .map(|r| source_ref_words(catalog, r))
}

/// The highest classification a tool may carry and what it may carry
/// within it, with where that comes from, if a catalog says: "OFFICIAL
/// only (never SECRET or TOP SECRET); avoid personal or sensitive data
/// (from …)". SENSITIVE is a handling caveat within OFFICIAL, not a
/// classification of its own, so it is never offered as one.
pub fn classification_words(catalog: &Catalog, tool: ToolIx) -> Option<String> {
    use crate::catalog::Classification;
    let t = &catalog.tools[tool];
    t.classification.map(|c| {
        let level = match c {
            Classification::Official => "OFFICIAL only (never SECRET or TOP SECRET)",
            Classification::Secret => "SECRET at most (never TOP SECRET)",
            Classification::TopSecret => "TOP SECRET",
        };
        let handling = if t.handling.is_empty() {
            String::new()
        } else {
            format!("; {}", visible(&t.handling))
        };
        let from = t.classification_source.as_ref().map_or_else(
            || "hygiene's default".to_string(),
            |r| format!("from {}", source_ref_words(catalog, r)),
        );
        format!("{level}{handling} ({from})")
    })
}
