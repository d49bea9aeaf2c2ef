#![no_main]
//! Any text as a date: an error or a date in range, never a panic.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(date) = hygiene_core::dates::parse(text, jiff::civil::Date::constant(2026, 11, 25))
    {
        assert!(hygiene_core::dates::in_range(date));
    }
});
