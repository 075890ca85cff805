//! A locale file's tables flattened to dotted keys (`[note] saved = "…"` → `note.saved`).
//! Shared by `build.rs`, which turns the shipped locale files into sorted tables compiled into
//! the program, and by [`super::Catalog::parse`], which reads any other locale text.

use std::collections::BTreeMap;

/// Flattens `table` into `out`, each key prefixed with `prefix` and a dot (none at the top).
/// Strings are kept as written; any other value (a number, a date) as its TOML text.
pub fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>) {
    for (k, v) in table {
        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        match v {
            toml::Value::Table(t) => flatten(&key, t, out),
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            other => {
                out.insert(key, other.to_string());
            }
        }
    }
}
