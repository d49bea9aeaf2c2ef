#![no_main]
//! Any bytes as an included catalog: an error or a value, never a panic; and
//! what the fast reader accepts, the full TOML reader reads to the same file.
use hygiene::catalog::{Catalog, LayerSource, parse_file, parse_file_fast, parse_file_toml};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("org.toml");
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(fast) = parse_file_fast(text) {
        let full = parse_file_toml(path, text).expect("the full reader takes what the fast one does");
        assert_eq!(format!("{full:?}"), format!("{fast:?}"));
    }
    if let Ok(file) = parse_file(path, text) {
        let mut catalog = Catalog::builtin().expect("the built-in catalog loads");
        let _ = catalog.add_layer(file, &LayerSource { name: "org.toml", path, text }, false);
    }
});
