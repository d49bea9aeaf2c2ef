//! The integration tests, as one binary: a module per area. Each runs the
//! real binary (built by the same `cargo test`) or the library on temporary
//! files with a fixed date; none touches the user's own files or keyring.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
/// The generated data sets, shared with the benchmarks.
#[path = "../../benches/sample.rs"]
mod sample;

mod bar;
mod calendar;
mod cli;
mod clock;
mod concurrency;
mod dataset;
mod disk;
mod hostile;
mod incident;
mod keyring;
mod kill;
mod lost;
mod permissions;
mod props;
mod pty;
mod remind;
mod secrets;
mod sync;
mod terminal;
mod truth;
mod tui;
