//! The debug log: `HYGIENE_LOG=debug` (or `info`, `trace`) writes to
//! standard error which files were read and written and what the keyring
//! answered, one line each, so a person can see what hygiene did. keyring-core
//! logs through the same facade. Off by default.

use std::io::Write as _;

/// The variable that turns the log on.
pub const ENV: &str = "HYGIENE_LOG";

struct Stderr;

static LOGGER: Stderr = Stderr;

impl log::Log for Stderr {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::max_level()
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            let line = format!(
                "hygiene {} {}: {}",
                record.level().as_str().to_lowercase(),
                record.target(),
                record.args()
            );
            let _ = writeln!(std::io::stderr(), "{}", crate::text::visible(&line));
        }
    }

    fn flush(&self) {}
}

/// Turn the log on when `HYGIENE_LOG` names a level; an unknown value is
/// one warning, and the log stays off.
pub fn init() -> Option<String> {
    let value = std::env::var(ENV).ok().filter(|v| !v.is_empty())?;
    let level = match value.to_ascii_lowercase().as_str() {
        "error" => log::LevelFilter::Error,
        "warn" => log::LevelFilter::Warn,
        "info" => log::LevelFilter::Info,
        "debug" => log::LevelFilter::Debug,
        "trace" => log::LevelFilter::Trace,
        "off" => return None,
        _ => {
            return Some(format!(
                "{ENV}={} is not a level (error, warn, info, debug, trace); the log stays off",
                crate::text::visible(&value)
            ));
        }
    };
    if log::set_logger(&LOGGER).is_ok() {
        log::set_max_level(level);
    }
    None
}
