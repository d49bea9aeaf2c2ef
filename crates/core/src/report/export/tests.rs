use super::*;

#[test]
fn csv_quotes_and_defuses_formulas() {
    let mut out = String::new();
    for f in ["plain", "a,b", "say \"hi\"", "=SUM(A1)", "-3", "@x"] {
        csv_field(&mut out, f);
        out.push('|');
    }
    assert_eq!(
        out,
        "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"'=SUM(A1)\"|-3|\"'@x\"|"
    );
}

#[test]
fn markdown_escapes_markup() {
    assert_eq!(md("a|b *c* [d]\nx"), "a\\|b \\*c\\* \\[d\\] x");
}
