#![no_main]
//! Any bytes as an included catalog: an error or a value, never a panic.
use hygiene_core::catalog::{Catalog, LayerSource, parse_file};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("org.toml");
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(file) = parse_file(path, text) {
        let mut catalog = Catalog::builtin().expect("the built-in catalog loads");
        let _ = catalog.add_layer(file, &LayerSource { name: "org.toml", path, text }, false);
    }
});
