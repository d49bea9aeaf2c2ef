//! Generated data sets of any size, for the reliability harnesses, the
//! benchmarks and the comparison with taskwarrior: `tools` tools of ten checks
//! each, defined in an organisation catalog and all tracked, with the last
//! review of each check spread over three intervals so that about half are
//! overdue (past the due date and its grace). The same seed gives the same
//! files.

use std::fmt::Write as _;

use jiff::civil::Date;

use hygiene_core::cadence::Every;
use hygiene_core::dates;
use hygiene_core::state::{Entry, State, Status};

/// The ten built-in checks every generated tool has, with their cadences.
pub(crate) const CHECKS: [(&str, Every); 10] = [
    ("mfa", Every::Months(6)),
    ("password", Every::Months(12)),
    ("work_account", Every::Months(12)),
    ("sessions", Every::Months(3)),
    ("notifications", Every::Months(6)),
    ("privacy", Every::Months(6)),
    ("display_name", Every::Months(6)),
    ("photo", Every::Months(12)),
    ("archive", Every::Months(1)),
    ("invites", Every::Months(1)),
];

pub(crate) struct Dataset {
    /// The organisation catalog with the tools (`org.toml`, beside the config).
    pub catalog: String,
    /// The config: include the catalog, track every tool, the identity.
    pub config: String,
    pub state: State,
    /// Every item with its due date, in tracking order.
    // Read by the dataset example and the tests, not by every target that
    // includes this file.
    #[allow(dead_code)]
    pub due: Vec<(String, &'static str, Date)>,
}

/// A small, fast, seedable generator (xorshift64*), so data sets are the same
/// everywhere without a dependency.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

pub(crate) fn tool_id(i: usize) -> String {
    format!("tool-{i:04}")
}

pub(crate) fn generate(tools: usize, today: Date, seed: u64) -> Dataset {
    let mut rng = Rng::new(seed);
    let mut catalog = String::from("name = \"Generated organisation catalog\"\n");
    let checks: Vec<String> = CHECKS.iter().map(|(c, _)| format!("\"{c}\"")).collect();
    let mut track = String::new();
    let mut state = State::default();
    let mut due = Vec::with_capacity(tools * CHECKS.len());
    for i in 0..tools {
        let id = tool_id(i);
        let _ = write!(
            catalog,
            "\n[tools.{id}]\nname = \"Tool {i}\"\nkind = \"Text messaging\"\naudience = \"Internal\"\n\
             checks = [{}]\nnaming = \"{{first}} {{last}} ({{org}})\"\n",
            checks.join(", ")
        );
        if i > 0 {
            track.push_str(", ");
        }
        let _ = write!(track, "\"{id}\"");
        for (check, cadence) in CHECKS {
            let spread = 3 * u64::from(cadence.approx_days());
            let verified = dates::add_days(today, -(rng.below(spread) as i64));
            let mut entry = Entry {
                status: Status::Done,
                verified: Some(verified),
                ..Entry::default()
            };
            if check == "display_name" {
                entry.value = Some("Alex Black (MOJ)".to_string());
            }
            if check == "archive" {
                entry.history = vec![verified];
            }
            *state.entry_mut(&id, check) = entry;
            due.push((id.clone(), check, cadence.after(verified)));
        }
    }
    let config = format!(
        "include = [\"org.toml\"]\ntrack = [{track}]\n\n[identity]\nfirst = \"Alex\"\nlast = \"Black\"\norg = \"MOJ\"\n"
    );
    Dataset {
        catalog,
        config,
        state,
        due,
    }
}

impl Dataset {
    /// Write `config.toml`, `org.toml` and `state.toml` into `dir` as
    /// hygiene saves its own files (owner-only, so loading them warns of
    /// nothing).
    pub(crate) fn write(&self, dir: &std::path::Path) -> hygiene_core::Result<()> {
        for (name, text) in [
            ("org.toml", self.catalog.as_str()),
            ("config.toml", self.config.as_str()),
            ("state.toml", self.state.to_toml().as_str()),
        ] {
            hygiene_core::store::write_atomic(&dir.join(name), text.as_bytes(), false)?;
        }
        Ok(())
    }
}
