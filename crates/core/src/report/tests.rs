use super::*;

#[test]
fn wrap_reflows_paragraphs() {
    let text = "one two three\nfour five\n\nsix";
    assert_eq!(wrap(text, 30, "  "), "  one two three four five\n\n  six\n");
    assert_eq!(
        wrap("aaa bbb ccc", 4, ""),
        "aaa bbb ccc\n",
        "never narrower than 20"
    );
    assert_eq!(
        wrap(&"word ".repeat(10), 22, "> "),
        "> word word word word\n> word word word word\n> word word\n"
    );
}
