//! hygiene's two faces: the command line in [`cli`] and the terminal
//! dashboard in [`tui`]. Both call the rules, files and words of
//! `hygiene-core` and word its typed facts and refusals in their own terms.

pub mod cli;
pub mod tui;
