//! What needs the person, in a few words for a prompt or a status bar
//! (`hygiene bar`), written for each consumer by its own rules: tmux's and
//! polybar's format codes, waybar's Pango markup, JSON. Text from catalogs
//! (tool and check names) goes through the consumer's escaping, and every
//! hidden character is made visible first, so no name can run a command in
//! tmux (`#(…)`), switch a colour in polybar (`%{…}`) or open a tag in Pango.

use std::fmt::Write as _;

use super::Context;
use crate::engine::{self, Review, StandingKind};
use crate::text::{markup, visible};

/// The version of the `json` format's object.
pub const BAR_SCHEMA: u32 = 1;

/// How many items a tooltip names.
const TOOLTIP_ITEMS: usize = 5;

/// The standings the bar counts, in the order it names them.
const COUNTED: [StandingKind; 4] = [
    StandingKind::Overdue,
    StandingKind::Failing,
    StandingKind::DueSoon,
    StandingKind::Unreviewed,
];

/// What needs the person now: the facts of one line in a status bar, kept
/// small so that a cache of it reads in microseconds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attention {
    pub as_of: String,
    pub overdue: usize,
    /// Failing: marked not done, or a name that breaks the convention.
    pub to_fix: usize,
    pub due_soon: usize,
    pub unreviewed: usize,
    pub score: Option<u8>,
    /// The next review's day (`YYYY-MM-DD`), or None when nothing will need one.
    pub next_review: Option<String>,
    /// Open incidents, oldest first.
    pub incidents: Vec<OpenIncident>,
    /// The tool of the most urgent item, and how many other tools need something.
    pub first_tool: Option<String>,
    pub other_tools: usize,
    /// The most urgent items, for a tooltip.
    pub items: Vec<AttentionItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenIncident {
    pub id: String,
    /// The kind's id: `lost-device`.
    pub kind: String,
    /// In two or three words: "lost device".
    pub short: String,
    pub started: String,
    pub done: usize,
    pub steps: usize,
    /// "3 of 7 steps done, 1 set aside".
    pub progress: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttentionItem {
    pub tool: String,
    pub check: String,
    /// The standing as the bar counts it: "overdue", "to fix".
    pub standing: String,
}

/// Where the whole stands, as the bars colour it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum BarClass {
    /// Nothing needs the person.
    Ok,
    /// Something comes due soon, or is still to be reviewed a first time.
    Due,
    /// Something is overdue or to fix, or an incident is open.
    Overdue,
    /// hygiene could not tell (a file that does not parse, say).
    Error,
}

/// The consumers `hygiene bar` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarFormat {
    Plain,
    Tmux,
    Waybar,
    I3bar,
    Polybar,
    Json,
}

impl Attention {
    /// The facts of `review` (with its state's incidents).
    pub fn of(ctx: &Context<'_>, review: &Review) -> Attention {
        let s = &review.summary;
        let next = engine::next_review(review, ctx.state.last_review);
        let incidents = crate::incident::by_start(&ctx.state.incidents)
            .into_iter()
            .filter(|(_, i)| i.is_open())
            .map(|(id, i)| OpenIncident {
                id: id.to_string(),
                kind: i.kind.id().to_string(),
                short: i.kind.short().to_string(),
                started: i.started.to_string(),
                done: i.done.len(),
                steps: i.steps.len(),
                progress: i.progress_words(),
            })
            .collect();
        let mut tools: Vec<crate::catalog::ToolIx> = Vec::new();
        let mut items = Vec::new();
        for i in engine::worst_first(review) {
            let item = &review.items[i];
            if !COUNTED.contains(&item.standing.kind()) {
                continue;
            }
            if !tools.contains(&item.tool) {
                tools.push(item.tool);
            }
            if items.len() < TOOLTIP_ITEMS {
                items.push(AttentionItem {
                    tool: ctx.catalog.tools[item.tool].name.clone(),
                    check: ctx.catalog.checks[item.check].title.clone(),
                    standing: count_label(item.standing.kind()).to_string(),
                });
            }
        }
        Attention {
            as_of: review.as_of.to_string(),
            overdue: s.get(StandingKind::Overdue),
            to_fix: s.get(StandingKind::Failing),
            due_soon: s.get(StandingKind::DueSoon),
            unreviewed: s.get(StandingKind::Unreviewed),
            score: review.score,
            next_review: next.day.map(|d| d.to_string()),
            incidents,
            first_tool: tools.first().map(|&t| ctx.catalog.tools[t].name.clone()),
            other_tools: tools.len().saturating_sub(1),
            items,
        }
    }

    /// As lines of tab-separated fields, for the bar's cache. Every text is
    /// made visible first, so none holds a tab or a line break (and none
    /// needs it again when shown).
    pub fn to_lines(&self) -> String {
        let v = |t: &str| visible(t).into_owned();
        let opt = |o: Option<String>| o.unwrap_or_else(|| "-".to_string());
        let mut out = format!(
            "as_of\t{}\ncounts\t{}\t{}\t{}\t{}\nscore\t{}\nnext\t{}\n",
            v(&self.as_of),
            self.overdue,
            self.to_fix,
            self.due_soon,
            self.unreviewed,
            opt(self.score.map(|s| s.to_string())),
            opt(self.next_review.as_deref().map(v)),
        );
        if let Some(tool) = &self.first_tool {
            let _ = writeln!(out, "first\t{}\t{}", v(tool), self.other_tools);
        }
        for i in &self.incidents {
            let _ = writeln!(
                out,
                "incident\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                v(&i.id),
                v(&i.kind),
                v(&i.short),
                v(&i.started),
                i.done,
                i.steps,
                v(&i.progress)
            );
        }
        for i in &self.items {
            let _ = writeln!(
                out,
                "item\t{}\t{}\t{}",
                v(&i.tool),
                v(&i.check),
                v(&i.standing)
            );
        }
        out
    }

    /// Read back what [`Attention::to_lines`] wrote; None for anything else.
    pub fn from_lines(text: &str) -> Option<Attention> {
        let mut read = Attention::default();
        let opt = |t: &str| (t != "-").then(|| t.to_string());
        for line in text.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                ["as_of", day] => read.as_of = (*day).to_string(),
                ["counts", overdue, to_fix, due_soon, unreviewed] => {
                    read.overdue = overdue.parse().ok()?;
                    read.to_fix = to_fix.parse().ok()?;
                    read.due_soon = due_soon.parse().ok()?;
                    read.unreviewed = unreviewed.parse().ok()?;
                }
                ["score", s] => read.score = opt(s).map(|s| s.parse()).transpose().ok()?,
                ["next", n] => read.next_review = opt(n),
                ["first", tool, others] => {
                    read.first_tool = Some((*tool).to_string());
                    read.other_tools = others.parse().ok()?;
                }
                ["incident", id, kind, short, started, done, steps, progress] => {
                    read.incidents.push(OpenIncident {
                        id: (*id).to_string(),
                        kind: (*kind).to_string(),
                        short: (*short).to_string(),
                        started: (*started).to_string(),
                        done: done.parse().ok()?,
                        steps: steps.parse().ok()?,
                        progress: (*progress).to_string(),
                    });
                }
                ["item", tool, check, standing] => read.items.push(AttentionItem {
                    tool: (*tool).to_string(),
                    check: (*check).to_string(),
                    standing: (*standing).to_string(),
                }),
                _ => return None,
            }
        }
        Some(read)
    }

    fn count(&self, kind: StandingKind) -> usize {
        match kind {
            StandingKind::Overdue => self.overdue,
            StandingKind::Failing => self.to_fix,
            StandingKind::DueSoon => self.due_soon,
            StandingKind::Unreviewed => self.unreviewed,
            StandingKind::Unsupported
            | StandingKind::Snoozed
            | StandingKind::Accepted
            | StandingKind::NotApplicable
            | StandingKind::Ok => 0,
        }
    }

    pub fn class(&self) -> BarClass {
        if !self.incidents.is_empty() || self.overdue + self.to_fix > 0 {
            BarClass::Overdue
        } else if self.due_soon + self.unreviewed > 0 {
            BarClass::Due
        } else {
            BarClass::Ok
        }
    }

    /// The counts in words: "3 overdue · 2 to fix", nothing for a zero.
    pub fn counts_words(&self) -> String {
        COUNTED
            .iter()
            .filter_map(|&k| {
                let n = self.count(k);
                (n > 0).then(|| format!("{n} {}", count_label(k)))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The line itself, unescaped: an open incident first, then the counts
    /// and the tool to start with; empty when all is in order.
    pub fn text(&self) -> String {
        let mut parts: Vec<String> = self
            .incidents
            .iter()
            .map(|i| format!("⚠ {} {}/{}", i.short, i.done, i.steps))
            .collect();
        let counts = self.counts_words();
        if !counts.is_empty() {
            let symbol = if self.overdue + self.to_fix > 0 {
                StandingKind::Overdue.symbol()
            } else {
                StandingKind::DueSoon.symbol()
            };
            parts.push(format!("{symbol} {counts}"));
        }
        if let Some(tool) = &self.first_tool {
            if self.other_tools > 0 {
                parts.push(format!("{tool} +{}", self.other_tools));
            } else {
                parts.push(tool.clone());
            }
        }
        visible(&parts.join(" · ")).into_owned()
    }

    /// Several lines for a tooltip: the score and next review, open
    /// incidents, the counts, and the most urgent items.
    pub fn tooltip(&self) -> String {
        let mut lines = Vec::new();
        let mut head = format!(
            "hygiene: score {}",
            self.score
                .map_or_else(|| "—".to_string(), |s| s.to_string())
        );
        let next = engine::NextReview {
            day: self
                .next_review
                .as_deref()
                .and_then(crate::dates::parse_iso),
            to_fix: 0,
        };
        if let Some(as_of) = crate::dates::parse_iso(&self.as_of)
            && let Some(words) = super::next_review_words(next, as_of)
        {
            let _ = write!(head, " · {words}");
        }
        lines.push(head);
        for i in &self.incidents {
            lines.push(format!(
                "Incident open since {}: {} ({}); `hygiene incident {}`",
                i.started, i.short, i.progress, i.kind
            ));
        }
        let counts = self.counts_words();
        if counts.is_empty() {
            lines.push("Nothing needs doing.".to_string());
        } else {
            lines.push(counts);
        }
        for item in &self.items {
            lines.push(format!("{}: {} ({})", item.tool, item.check, item.standing));
        }
        lines
            .iter()
            .map(|l| visible(l).into_owned())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// How the bar names a count: "to fix" for what the rest of hygiene calls failing.
pub fn count_label(kind: StandingKind) -> &'static str {
    match kind {
        StandingKind::Failing => "to fix",
        other => other.label(),
    }
}

/// `hygiene bar`'s output for `attention`; `ok` stands for the empty line
/// when all is in order. Ends with a line feed unless it is empty.
pub fn bar(attention: &Attention, format: BarFormat, ok: Option<&str>) -> String {
    let class = attention.class();
    let text = match (class, ok) {
        (BarClass::Ok, Some(ok)) => visible(ok).into_owned(),
        _ => attention.text(),
    };
    match format {
        BarFormat::Plain => line(text),
        BarFormat::Tmux => line(tmux(&text, class)),
        BarFormat::Polybar => line(polybar(&text, class)),
        BarFormat::Waybar => json_line(&serde_json::json!({
            "text": markup(&text),
            "tooltip": markup(&attention.tooltip()),
            "class": <&str>::from(class),
            "percentage": attention.score,
        })),
        BarFormat::I3bar => json_line(&serde_json::json!({
            "icon": "tasks",
            "state": i3_state(class),
            "text": markup(&text),
        })),
        BarFormat::Json => json_line(&serde_json::json!({
            "schema": BAR_SCHEMA,
            "overdue": attention.overdue,
            "to_fix": attention.to_fix,
            "due_soon": attention.due_soon,
            "unreviewed": attention.unreviewed,
            "score": attention.score,
            "next_review": attention.next_review,
            "incidents": attention.incidents.iter().map(|i| serde_json::json!({
                "id": i.id,
                "kind": i.kind,
                "started": i.started,
                "done": i.done,
                "steps": i.steps,
            })).collect::<Vec<_>>(),
            "class": <&str>::from(class),
            "text": text,
        })),
    }
}

/// The short marker a bar shows when hygiene cannot tell, with `message`
/// (one line) where the format has room for it.
pub fn bar_error(format: BarFormat, message: &str) -> String {
    const MARKER: &str = "hygiene: error";
    let message = visible(message).into_owned();
    match format {
        BarFormat::Plain => line(MARKER.to_string()),
        BarFormat::Tmux => line(tmux(MARKER, BarClass::Error)),
        BarFormat::Polybar => line(polybar(MARKER, BarClass::Error)),
        BarFormat::Waybar => json_line(&serde_json::json!({
            "text": MARKER,
            "tooltip": markup(&message),
            "class": <&str>::from(BarClass::Error),
            "percentage": null,
        })),
        BarFormat::I3bar => json_line(&serde_json::json!({
            "icon": "tasks",
            "state": i3_state(BarClass::Error),
            "text": MARKER,
        })),
        BarFormat::Json => json_line(&serde_json::json!({
            "schema": BAR_SCHEMA,
            "error": message,
        })),
    }
}

fn line(text: String) -> String {
    if text.is_empty() { text } else { text + "\n" }
}

fn json_line(value: &serde_json::Value) -> String {
    value.to_string() + "\n"
}

/// tmux's status line: `#[fg=…]` colours, and every `#` of the text
/// doubled so that `#(cmd)` or `#[…]` in a name is shown, not run.
fn tmux(text: &str, class: BarClass) -> String {
    if text.is_empty() {
        return String::new();
    }
    let colour = match class {
        BarClass::Ok => "green",
        BarClass::Due => "yellow",
        BarClass::Overdue => "red",
        BarClass::Error => "red,bold",
    };
    format!("#[fg={colour}]{}#[default]", text.replace('#', "##"))
}

/// polybar's format tags: `%{F#…}` colours, and `%` written `%%`.
fn polybar(text: &str, class: BarClass) -> String {
    if text.is_empty() {
        return String::new();
    }
    let colour = match class {
        BarClass::Ok => "#57ab5a",
        BarClass::Due => "#c69026",
        BarClass::Overdue | BarClass::Error => "#e5534b",
    };
    format!("%{{F{colour}}}{}%{{F-}}", text.replace('%', "%%"))
}

/// i3status-rust's block states.
fn i3_state(class: BarClass) -> &'static str {
    match class {
        BarClass::Ok => "Good",
        BarClass::Due => "Warning",
        BarClass::Overdue | BarClass::Error => "Critical",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overdue() -> Attention {
        Attention {
            overdue: 3,
            to_fix: 2,
            first_tool: Some("#(rm -rf ~) <b>x</b>& %{F#f00}".to_string()),
            other_tools: 1,
            ..Attention::default()
        }
    }

    #[test]
    fn each_format_escapes_a_hostile_name_by_its_own_rules() {
        let a = overdue();
        assert_eq!(
            bar(&a, BarFormat::Tmux, None),
            "#[fg=red]! 3 overdue · 2 to fix · ##(rm -rf ~) <b>x</b>& %{F##f00} +1#[default]\n"
        );
        assert_eq!(
            bar(&a, BarFormat::Polybar, None),
            "%{F#e5534b}! 3 overdue · 2 to fix · #(rm -rf ~) <b>x</b>& %%{F#f00} +1%{F-}\n"
        );
        let waybar: serde_json::Value =
            serde_json::from_str(&bar(&a, BarFormat::Waybar, None)).unwrap();
        assert_eq!(
            waybar["text"],
            "! 3 overdue · 2 to fix · #(rm -rf ~) &lt;b&gt;x&lt;/b&gt;&amp; %{F#f00} +1"
        );
        assert_eq!(waybar["class"], "overdue");
    }

    #[test]
    fn the_cache_lines_read_back_as_written() {
        let mut a = overdue();
        a.as_of = "2026-11-25".to_string();
        a.score = Some(72);
        a.next_review = Some("2026-12-01".to_string());
        a.incidents.push(OpenIncident {
            id: "lost-device-2026-11-20".into(),
            kind: "lost-device".into(),
            short: "lost device".into(),
            started: "2026-11-20".into(),
            done: 3,
            steps: 7,
            progress: "3 of 7 steps done, 1 set aside".into(),
        });
        a.items.push(AttentionItem {
            tool: "Tab\there\nand there".into(),
            check: "MFA".into(),
            standing: "to fix".into(),
        });
        let back = Attention::from_lines(&a.to_lines()).unwrap();
        assert_eq!(back.text(), a.text());
        assert_eq!(back.tooltip(), a.tooltip());
        assert_eq!(back.items[0].tool, "Tab␉here␊and there");
        assert_eq!(Attention::from_lines("counts\t1\n"), None);
        assert_eq!(Attention::from_lines("score\tmany\n"), None);
    }

    #[test]
    fn all_in_order_prints_nothing_or_the_ok_text() {
        let a = Attention::default();
        assert_eq!(a.class(), BarClass::Ok);
        assert_eq!(bar(&a, BarFormat::Plain, None), "");
        assert_eq!(bar(&a, BarFormat::Tmux, None), "");
        assert_eq!(bar(&a, BarFormat::Plain, Some("ok")), "ok\n");
        assert_eq!(
            bar(&a, BarFormat::Tmux, Some("#ok")),
            "#[fg=green]##ok#[default]\n"
        );
    }

    #[test]
    fn hidden_characters_are_made_visible_in_every_format() {
        let mut a = overdue();
        a.first_tool = Some("Slack\x1b[2J\n".to_string());
        for format in [
            BarFormat::Plain,
            BarFormat::Tmux,
            BarFormat::Polybar,
            BarFormat::Waybar,
            BarFormat::I3bar,
            BarFormat::Json,
        ] {
            let out = bar(&a, format, None);
            assert!(!out.contains('\x1b'), "{format:?}: {out:?}");
            assert_eq!(out.matches('\n').count(), 1, "{format:?}: {out:?}");
        }
    }
}
