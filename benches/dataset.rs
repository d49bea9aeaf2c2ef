//! Write a generated data set:
//! `cargo run --release --example dataset -- DIR TOOLS [SEED [TODAY]]`.
//!
//! DIR gets `config.toml`, `org.toml` and `state.toml` for hygiene (TOOLS
//! tools of ten checks each, about half overdue as of TODAY, by default
//! 2026-11-25), and
//! `tasks.json`: the same items as taskwarrior tasks with the same due dates,
//! for `task import`. scripts/bench-vs-taskwarrior.sh uses it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "sample.rs"]
mod sample;

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(tools)) = (args.next(), args.next()) else {
        eprintln!("usage: dataset DIR TOOLS [SEED [TODAY]]");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    let tools: usize = tools.parse().expect("TOOLS is a number");
    let seed: u64 = args
        .next()
        .map_or(2026, |s| s.parse().expect("SEED is a number"));
    let today = args
        .next()
        .map_or(jiff::civil::Date::constant(2026, 11, 25), |d| {
            hygiene_core::dates::parse_iso(&d).expect("TODAY is YYYY-MM-DD")
        });
    let set = sample::generate(tools, today, seed);
    set.write(&dir).expect("write the data set");
    let mut tasks = String::from("[\n");
    for (i, (tool, check, due)) in set.due.iter().enumerate() {
        if i > 0 {
            tasks.push_str(",\n");
        }
        let _ = write!(
            tasks,
            // Due at the end of the day, as in hygiene: overdue from the next day.
            r#"{{"uuid":"{:08x}-0000-4000-8000-{:012x}","description":"{tool} {check}","status":"pending","entry":"20260101T000000Z","due":"{}T235959Z","project":"{tool}"}}"#,
            i,
            i,
            due.strftime("%Y%m%d")
        );
    }
    tasks.push_str("\n]\n");
    std::fs::write(dir.join("tasks.json"), tasks).expect("write tasks.json");
    println!("{} items in {}", set.due.len(), dir.display());
}
