#![no_main]
//! Any bytes as a state: an error or a value, never a panic; a value saves
//! and loads back unchanged; and what the fast reader accepts, the full TOML
//! reader reads to the same state.
use hygiene_core::state::State;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("state.toml");
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(fast) = State::parse_fast(text) {
        let full = State::parse_toml(path, text).expect("the full reader takes what the fast one does");
        assert_eq!(full, fast);
    }
    if let Ok(state) = State::parse(path, text) {
        let again = State::parse(path, &state.to_toml()).expect("a saved state loads");
        assert_eq!(again, state);
    }
});
