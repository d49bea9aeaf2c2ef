#![no_main]
//! Any bytes as a state: an error or a value, never a panic; a value saves
//! and loads back unchanged.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("state.toml");
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(state) = hygiene::state::State::parse(path, text)
    {
        let again = hygiene::state::State::parse(path, &state.to_toml()).expect("a saved state loads");
        assert_eq!(again, state);
    }
});
