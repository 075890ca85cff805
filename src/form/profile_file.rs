//! A profile file (a bureau's own template, `--profile PATH.toml`), read like a data file:
//! every mistake is refused with its line and column and a message that says what is accepted
//! — an unknown key (and the keys there are), a wrong type, a choice that does not exist, a
//! missing key — and then the template itself is checked: the weights add up (执行 + 三级 = 100,
//! the 一级 weight groups = 三级), the tier bands run from 100% to 0% without a gap or an
//! overlap, the grades go down to 0, names are not repeated, the project profile it names
//! exists. Pure: text in, profile or error out; the messages are words only when shown
//! (`profile.error.<kind>` in locales/).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use toml::de::{DeTable, DeValue};

use super::file::line_col;
use super::profile::Profile;

/// Why a profile file was refused, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub col: usize,
    /// Catalog key (`profile.error.<kind>`) of the message.
    pub key: &'static str,
    /// Its arguments.
    pub args: Vec<(&'static str, String)>,
}

/// Where each key's value stands: path (`tiers.2.min`, 1-based rows) → byte span of the key
/// and of the value.
type Spans = BTreeMap<String, (std::ops::Range<usize>, std::ops::Range<usize>)>;

fn walk(table: &DeTable<'_>, prefix: &str, out: &mut Spans) {
    for (k, v) in table.iter() {
        let path = if prefix.is_empty() { k.get_ref().to_string() } else { format!("{prefix}.{}", k.get_ref()) };
        out.insert(path.clone(), (k.span(), v.span()));
        value(v.get_ref(), &path, out);
    }
}

fn value(v: &DeValue<'_>, path: &str, out: &mut Spans) {
    match v {
        DeValue::Table(t) => walk(t, path, out),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let p = format!("{path}.{}", i + 1);
                out.insert(p.clone(), (item.span(), item.span()));
                value(item.get_ref(), &p, out);
            }
        }
        _ => {}
    }
}

/// The words between backticks in a serde message: `unknown field `x`, expected one of `a``.
fn ticked(message: &str) -> Vec<String> {
    message.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

/// What a serde "expected …" says, as a locale key suffix (`profile.type.<kind>`).
fn expected_kind(message: &str) -> &'static str {
    let after = message.rsplit("expected").next().unwrap_or("");
    if after.contains("Decimal") || message.contains("Decimal") || message.contains("decimal") {
        "number"
    } else if after.contains("bool") {
        "boolean"
    } else if after.contains("sequence") {
        "list"
    } else if after.contains("struct") || after.contains("map") || after.contains("table") {
        "table"
    } else if after.contains("i32") || after.contains("integer") || after.contains("usize") {
        "integer"
    } else {
        "text"
    }
}

struct Reader<'a> {
    text: &'a str,
    spans: Spans,
}

impl Reader<'_> {
    fn at(&self, offset: usize, key: &'static str, args: Vec<(&'static str, String)>) -> ProfileError {
        let (line, col) = line_col(self.text, offset);
        ProfileError { line, col, key, args }
    }

    /// An error at the value of `path` (or its nearest parent that has a place).
    fn at_path(&self, path: &str, key: &'static str, args: Vec<(&'static str, String)>) -> ProfileError {
        let mut p = path.to_string();
        loop {
            if let Some((_, v)) = self.spans.get(&p) {
                return self.at(v.start, key, args);
            }
            match p.rsplit_once('.') {
                Some((head, _)) => p = head.to_string(),
                None => return self.at(0, key, args),
            }
        }
    }

    /// The deepest key whose value holds byte `offset`.
    fn path_at(&self, offset: usize) -> Option<String> {
        self.spans
            .iter()
            .filter(|(_, (k, v))| k.contains(&offset) || v.contains(&offset) || v.start == offset)
            .max_by_key(|(p, _)| p.matches('.').count())
            .map(|(p, _)| p.clone())
    }

    /// A serde error as a located, localizable one.
    fn serde(&self, e: &toml::de::Error) -> ProfileError {
        let msg = e.message();
        let offset = e.span().map_or(0, |s| s.start);
        let path = self.path_at(offset).unwrap_or_default();
        let words = ticked(msg);
        if msg.starts_with("unknown field") {
            let key = words.first().cloned().unwrap_or_default();
            let shown = if path.is_empty() { key } else { path };
            return self.at(
                offset,
                "profile.error.unknown_key",
                vec![("key", shown), ("accepted", words[1..].join(", "))],
            );
        }
        if msg.starts_with("missing field") {
            let key = words.first().cloned().unwrap_or_default();
            let shown = if path.is_empty() { key } else { format!("{path}.{key}") };
            return self.at(offset, "profile.error.missing", vec![("key", shown)]);
        }
        if msg.starts_with("unknown variant") {
            return self.at(
                offset,
                "profile.error.bad_choice",
                vec![
                    ("key", path),
                    ("value", words.first().cloned().unwrap_or_default()),
                    ("accepted", words[1..].join(", ")),
                ],
            );
        }
        if msg.starts_with("invalid type") || msg.contains("ecimal") || msg.starts_with("invalid value") {
            return self.at(
                offset,
                "profile.error.wrong_type",
                vec![("key", path), ("expected", expected_kind(msg).to_string())],
            );
        }
        self.at(offset, "profile.error.syntax", vec![("message", crate::text::visible(msg, false))])
    }
}

/// Reads a profile file; `known` are the ids its `project` may name besides itself.
///
/// # Errors
/// A [`ProfileError`] with line and column: the first mistake found.
pub fn read(text: &str, known: &[&str]) -> Result<Profile, ProfileError> {
    let mut r = Reader { text, spans: Spans::new() };
    let root = DeTable::parse(text).map_err(|e| {
        let key = super::syntax::key(e.message()).unwrap_or("profile.error.syntax");
        let msg = crate::text::visible(e.message(), false);
        r.at(e.span().map_or(0, |s| s.start), key, vec![("message", msg)])
    })?;
    walk(root.get_ref(), "", &mut r.spans);
    let profile: Profile = toml::from_str(text).map_err(|e| r.serde(&e))?;
    consistent(&profile, &r, known)?;
    Ok(profile)
}

fn fmt(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The template's own arithmetic and names.
fn consistent(p: &Profile, r: &Reader<'_>, known: &[&str]) -> Result<(), ProfileError> {
    let hundred = Decimal::ONE_HUNDRED;
    if p.exec_weight + p.indicator_total != hundred {
        return Err(r.at_path(
            "indicator_total",
            "profile.error.total",
            vec![("exec", fmt(p.exec_weight)), ("total", fmt(p.indicator_total))],
        ));
    }
    if !p.weight_group.is_empty() {
        let sum: Decimal = p.weight_group.iter().map(|g| g.weight).sum();
        if sum != p.indicator_total {
            return Err(r.at_path(
                "weight_group",
                "profile.error.groups",
                vec![("sum", fmt(sum)), ("total", fmt(p.indicator_total))],
            ));
        }
    }
    if p.exec_row.is_some() && !p.exec_weight.is_zero() {
        return Err(r.at_path("exec_row", "profile.error.exec_row", vec![("exec", fmt(p.exec_weight))]));
    }
    // 一级 names are unique, and 二级 names within their 一级 (a 二级 may repeat its 一级's
    // name: Anhui's 满意度指标 · 满意度指标, S12).
    let mut names: Vec<(&String, String)> =
        p.level1.iter().enumerate().map(|(i, l)| (&l.name, format!("level1.{}.name", i + 1))).collect();
    for (i, l) in p.level1.iter().enumerate() {
        names.extend(l.level2.iter().enumerate().map(|(j, m)| (&m.name, format!("level1.{}.level2.{}", i + 1, j + 1))));
    }
    for (i, (name, path)) in names.iter().enumerate() {
        let parent = |p: &str| p.split('.').take(2).collect::<Vec<_>>().join(".");
        let clash = names[..i].iter().any(|(n, q)| {
            n == name
                && (q.ends_with(".name") == path.ends_with(".name"))
                && (path.ends_with(".name") || parent(q) == parent(path))
        });
        if clash {
            return Err(r.at_path(path, "profile.error.duplicate", vec![("name", crate::text::visible(name, false))]));
        }
    }
    for (i, g) in p.weight_group.iter().enumerate() {
        for (j, l) in g.levels.iter().enumerate() {
            if p.level1(l).is_none() {
                let names: Vec<&str> = p.level1.iter().map(|l| l.name.as_str()).collect();
                return Err(r.at_path(
                    &format!("weight_group.{}.levels.{}", i + 1, j + 1),
                    "profile.error.unknown_level",
                    vec![("name", crate::text::visible(l, false)), ("accepted", names.join(", "))],
                ));
            }
        }
    }
    let parts: Vec<String> = (1..=10).map(|n| format!("h{n}")).collect();
    if let Some(k) = p.report_titles.keys().find(|k| !parts.contains(k)) {
        return Err(r.at_path(
            &format!("report_titles.{k}"),
            "profile.error.unknown_key",
            vec![("key", format!("report_titles.{}", crate::text::visible(k, false))), ("accepted", parts.join(", "))],
        ));
    }
    tiers(p, r)?;
    if p.grades.is_empty()
        || p.grades.windows(2).any(|w| w[0].min <= w[1].min)
        || p.grades.last().is_some_and(|g| !g.min.is_zero())
    {
        return Err(r.at_path("grades", "profile.error.grades", Vec::new()));
    }
    if let Some(project) = p.project.as_deref().filter(|id| *id != p.id && !known.contains(id)) {
        return Err(r.at_path(
            "project",
            "profile.error.unknown_project",
            vec![("profile", crate::text::visible(project, false)), ("known", known.join(", "))],
        ));
    }
    if p.bonus_cap < hundred {
        return Err(r.at_path(
            "bonus_cap",
            "profile.error.range",
            vec![("key", "bonus_cap".into()), ("min", "100".into())],
        ));
    }
    Ok(())
}

/// Tier bands, best first: from 100% down to 0%, each starting where the next ends.
fn tiers(p: &Profile, r: &Reader<'_>) -> Result<(), ProfileError> {
    let Some((first, last)) = p.tiers.first().zip(p.tiers.last()) else {
        return Err(r.at_path("tiers", "profile.error.tier_ends", vec![("max", "—".into()), ("min", "—".into())]));
    };
    if first.max != Decimal::ONE_HUNDRED || !last.min.is_zero() {
        return Err(r.at_path(
            "tiers",
            "profile.error.tier_ends",
            vec![("max", fmt(first.max)), ("min", fmt(last.min))],
        ));
    }
    for (i, t) in p.tiers.iter().enumerate() {
        if t.min >= t.max {
            return Err(r.at_path(
                &format!("tiers.{}", i + 1),
                "profile.error.tier_empty",
                vec![("tier", crate::text::visible(&t.name, false)), ("min", fmt(t.min)), ("max", fmt(t.max))],
            ));
        }
        if let Some(next) = p.tiers.get(i + 1) {
            if t.min != next.max {
                return Err(r.at_path(
                    &format!("tiers.{}", i + 2),
                    "profile.error.tier_gap",
                    vec![
                        ("a", crate::text::visible(&t.name, false)),
                        ("min", fmt(t.min)),
                        ("b", crate::text::visible(&next.name, false)),
                        ("max", fmt(next.max)),
                    ],
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// What a serde message expects, as the profile error says it: a number whenever a
    /// decimal is named (after "expected", anywhere in a parse error, or in lower case), else
    /// the kind after the last "expected".
    #[test]
    fn the_expected_kind_is_read_from_serdes_message() {
        assert_eq!(expected_kind("invalid type: string \"a\", expected a Decimal"), "number");
        assert_eq!(expected_kind("failed to parse Decimal, expected a number"), "number");
        assert_eq!(expected_kind("invalid decimal: expected digits"), "number");
        assert_eq!(expected_kind("invalid type: integer `1`, expected a boolean"), "boolean");
        assert_eq!(expected_kind("invalid type: string \"a\", expected a sequence"), "list");
        assert_eq!(expected_kind("invalid type: integer `1`, expected struct Profile"), "table");
        assert_eq!(expected_kind("invalid type: string \"a\", expected a map"), "table");
        assert_eq!(expected_kind("invalid type: string \"a\", expected a table"), "table");
        assert_eq!(expected_kind("invalid type: string \"a\", expected an integer"), "integer");
        assert_eq!(expected_kind("invalid type: string \"a\", expected i32"), "integer");
        assert_eq!(expected_kind("invalid type: string \"a\", expected usize"), "integer");
        assert_eq!(expected_kind("invalid type: integer `1`, expected a string"), "text");
    }

    use super::*;

    #[test]
    fn every_builtin_profile_passes_its_own_checks() {
        let ids = super::super::profile::builtin_ids();
        for (id, text) in super::super::profile::BUILTIN {
            let p = read(text, &ids).unwrap_or_else(|e| panic!("{id}: {e:?}"));
            assert_eq!(p.id, *id);
        }
    }
}
