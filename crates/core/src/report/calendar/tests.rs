use super::*;

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
