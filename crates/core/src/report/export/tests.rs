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
fn ics_lines_fold_at_75_octets() {
    let mut out = String::new();
    fold_ics(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
    for line in out.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(line.len() <= 75, "{line}");
    }
    assert_eq!(
        out.replace("\r\n ", ""),
        format!("SUMMARY:{}\r\n", "é".repeat(60))
    );
    assert_eq!(ics_text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
}

#[test]
fn markdown_escapes_markup() {
    assert_eq!(md("a|b *c* [d]\nx"), "a\\|b \\*c\\* \\[d\\] x");
}
