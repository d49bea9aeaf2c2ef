#![no_main]
//! Any bytes as a config: an error or a value, never a panic.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = hygiene_core::config::Config::parse(std::path::Path::new("config.toml"), text.to_string());
    }
});
