//! The TOML parser's own words for a file that is not valid TOML, as catalog keys: the
//! `toml` crate gives its messages as English text only (`unclosed table, expected `]``), so
//! each description it writes (toml 1.2 / toml_parser 1.1) is looked up here, and the catalog
//! says it in the language shown. A description not in the table keeps the parser's text
//! (`load.syntax`).

/// The parser's descriptions (the text before `, expected …`) and their catalog keys.
const DESCRIPTIONS: &[(&str, &str)] = &[
    ("`_` may only go between digits", "toml.underscore"),
    ("cannot recurse further; max recursion depth met", "toml.too_deep"),
    ("recursion limit", "toml.too_deep"),
    ("carriage return must be followed by newline", "toml.bare_cr"),
    ("duplicate key", "toml.duplicate_key"),
    ("extra `=`", "toml.extra_assignment"),
    ("extra assignment between key-value pairs", "toml.extra_assignment"),
    ("extra comma in array", "toml.extra_comma_array"),
    ("extra comma in inline table", "toml.extra_comma_inline"),
    ("integers with a radix cannot be signed", "toml.radix_signed"),
    ("radix must be lowercase", "toml.radix_case"),
    ("redundant integer number prefix", "toml.bad_number"),
    ("redundant numeric sign", "toml.bad_sign"),
    ("unexpected sign", "toml.bad_sign"),
    ("unexpected leading zero", "toml.leading_zero"),
    ("invalid binary number", "toml.bad_number"),
    ("invalid octal number", "toml.bad_number"),
    ("invalid hexadecimal number", "toml.bad_number"),
    ("invalid integer number", "toml.bad_number"),
    ("invalid float", "toml.bad_number"),
    ("invalid exponent", "toml.bad_number"),
    ("invalid fraction", "toml.bad_number"),
    ("invalid mantissa", "toml.bad_number"),
    ("invalid boolean", "toml.bad_boolean"),
    ("invalid date-time", "toml.bad_datetime"),
    ("invalid comment character", "toml.comment_char"),
    ("missing comment start", "toml.comment_start"),
    ("unexpected content between comment and newline", "toml.trailing_content"),
    ("unexpected content", "toml.trailing_content"),
    ("invalid basic string", "toml.basic_string"),
    ("invalid literal string", "toml.literal_string"),
    ("invalid multi-line basic string", "toml.multiline_basic"),
    ("invalid multi-line literal string", "toml.multiline_literal"),
    ("invalid string", "toml.bad_string"),
    ("missing opening quote", "toml.opening_quote"),
    ("missing escaped value", "toml.escape"),
    ("too few unicode value digits", "toml.unicode_escape"),
    ("string values must be quoted", "toml.unquoted_value"),
    ("invalid key", "toml.bad_key"),
    ("invalid unquoted key", "toml.bad_key"),
    ("unquoted keys cannot be empty", "toml.empty_key"),
    ("keys cannot be multi-line basic strings", "toml.multiline_key"),
    ("keys cannot be multi-line literal strings", "toml.multiline_key"),
    ("key with no value", "toml.missing_value"),
    ("missing value", "toml.missing_value"),
    ("missing value for key", "toml.missing_value"),
    ("invalid value", "toml.bad_value"),
    ("invalid key-value pair", "toml.bad_pair"),
    ("missing assignment between key-value pairs", "toml.missing_assignment"),
    ("unexpected key or value", "toml.one_per_line"),
    ("invalid table", "toml.bad_table"),
    ("missing table open", "toml.table_open"),
    ("unclosed table", "toml.unclosed_table"),
    ("unclosed array table", "toml.unclosed_array_table"),
    ("missing array opening", "toml.array_open"),
    ("unclosed array", "toml.unclosed_array"),
    ("missing comma between array elements", "toml.array_comma"),
    ("unexpected `=` in array", "toml.array_assignment"),
    ("missing inline table opening", "toml.inline_open"),
    ("unclosed inline table", "toml.unclosed_inline"),
    ("missing comma between key-value pairs", "toml.inline_comma"),
    ("missing key for inline table element", "toml.inline_key"),
    ("invalid inline table element", "toml.inline_element"),
];

/// The catalog key that says the parser's `message` in words of our own (`None`: keep the
/// parser's text, `load.syntax`).
#[must_use]
pub fn key(message: &str) -> Option<&'static str> {
    let description = message.split(", expected").next().unwrap_or(message).trim();
    // `duplicate key: `name`` names the key; the line and column say where.
    let description = if description.starts_with("duplicate key") { "duplicate key" } else { description };
    DESCRIPTIONS.iter().find(|(d, _)| *d == description).map(|(_, k)| *k)
}

/// Every key [`key`] can give (for the catalog's tests).
pub fn keys() -> impl Iterator<Item = &'static str> {
    DESCRIPTIONS.iter().map(|(_, k)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_found_with_or_without_what_was_expected() {
        assert_eq!(key("unclosed table, expected `]`"), Some("toml.unclosed_table"));
        assert_eq!(key("string values must be quoted, expected literal string"), Some("toml.unquoted_value"));
        assert_eq!(key("duplicate key"), Some("toml.duplicate_key"));
        assert_eq!(key("duplicate key: `name`"), Some("toml.duplicate_key"));
        assert_eq!(key("unexpected content"), Some("toml.trailing_content"));
        assert_eq!(key("something new in a later release"), None);
        assert_eq!(keys().count(), DESCRIPTIONS.len());
        assert!(keys().all(|k| k.starts_with("toml.")));
    }
}
