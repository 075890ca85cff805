//! An issue is data: its rule id, the field it concerns and its parameters. It becomes words
//! only when shown, through the catalog key `issue.<rule>[.<variant>]`.

use super::input::InputError;

/// Error or warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Blocks a complete package (and moving forward in the wizard).
    Error,
    /// Shown and acknowledged; never blocks.
    Warning,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// Rule id: `E-01` … `E-20`, `W-01` … `W-18`.
    pub rule: &'static str,
    /// Which message of the rule (empty for the rule's only message).
    pub variant: &'static str,
    /// The field (path) it concerns; the first field of a cross-check.
    pub path: String,
    /// Named parameters for the message.
    pub args: Vec<(&'static str, String)>,
}

impl Issue {
    /// A new issue without parameters.
    #[must_use]
    pub fn new(rule: &'static str, variant: &'static str, path: impl Into<String>) -> Self {
        Self { rule, variant, path: path.into(), args: Vec::new() }
    }

    /// The second place a cross-check names (its `other` parameter, a path), if any.
    #[must_use]
    pub fn other_path(&self) -> Option<&str> {
        self.args.iter().find(|(k, _)| *k == "other").map(|(_, v)| v.as_str())
    }

    /// Adds a parameter.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// Error or warning, from the rule id.
    #[must_use]
    pub fn severity(&self) -> Severity {
        if self.rule.starts_with('E') { Severity::Error } else { Severity::Warning }
    }

    /// Catalog key of the message.
    #[must_use]
    pub fn message_key(&self) -> String {
        if self.variant.is_empty() {
            format!("issue.{}", self.rule)
        } else {
            format!("issue.{}.{}", self.rule, self.variant)
        }
    }
}

/// E-01/E-02 issue for a value that did not parse.
#[must_use]
pub fn input_issue(path: &str, err: &InputError) -> Issue {
    let (rule, variant) = match err {
        InputError::Empty => ("E-01", "required"),
        InputError::NotANumber => ("E-02", "not_a_number"),
        InputError::YuanNotWanYuan => ("E-02", "yuan"),
        InputError::WrongUnit(_) => ("E-02", "wrong_unit"),
        InputError::Negative => ("E-02", "negative"),
        InputError::TooManyDecimals(_) => ("E-02", "decimals"),
        InputError::TooLarge(_) => ("E-02", "too_large"),
        InputError::NotInteger => ("E-02", "not_integer"),
        InputError::BadDate => ("E-01", "bad_date"),
        InputError::NoSuchDate => ("E-01", "no_such_date"),
        InputError::BadPhone => ("E-01", "bad_phone"),
        InputError::BadName => ("E-01", "bad_name"),
        InputError::ControlChars => ("E-01", "control_chars"),
        InputError::NotAChoice => ("E-01", "not_a_choice"),
        InputError::TooLong(_) => ("E-01", "too_long"),
    };
    let issue = Issue::new(rule, variant, path);
    match err {
        InputError::WrongUnit(u) => issue.arg("unit", u),
        InputError::TooManyDecimals(n) => issue.arg("max", n),
        InputError::TooLarge(m) => issue.arg("max", m),
        InputError::TooLong(n) => issue.arg("max", n),
        _ => issue,
    }
}
