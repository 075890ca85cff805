//! Every user-facing string comes from `locales/<lang>.toml`, embedded at build time. A
//! [`Catalog`] is passed explicitly to whatever renders text: there is no global locale, so
//! rendering stays pure and tests in both languages can run in parallel.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A user interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese (the default).
    #[default]
    ZhCn,
    /// English.
    En,
}

impl Lang {
    /// All languages, in the order offered.
    pub const ALL: [Self; 2] = [Self::ZhCn, Self::En];

    /// The tag used on the command line: `zh-CN`, `en`.
    #[must_use]
    pub fn tag(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::En => "en",
        }
    }

    /// Parses `zh-CN`, `zh`, `zh_CN.UTF-8`, `en`, `en_US.UTF-8` …
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let l = s.to_ascii_lowercase();
        if l.starts_with("zh") {
            Some(Self::ZhCn)
        } else if l.starts_with("en") {
            Some(Self::En)
        } else {
            None
        }
    }

    /// The language from `LC_ALL`, `LC_MESSAGES`, `LANG` (first set wins), zh-CN otherwise.
    #[must_use]
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Self {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(v) = get(var).filter(|v| !v.is_empty()) {
                return Self::parse(&v).unwrap_or_default();
            }
        }
        Self::default()
    }

    /// The other language (for the welcome screen's switch).
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::ZhCn => Self::En,
            Self::En => Self::ZhCn,
        }
    }
}

/// The locale the terminal runs under when its character set is not UTF-8 (`zh_CN.GBK`,
/// `zh_CN.gb18030`, `zh_TW.Big5`, `en_US.ISO-8859-1`, or a bare `zh_CN`, whose default is
/// GB2312): what a terminal sends there is not UTF-8, and Chinese typed into jixiao would be
/// stored garbled. From `LC_ALL`, `LC_CTYPE`, `LANG` (first set wins). `C`, `POSIX` and a bare
/// Western locale say nothing about the terminal and are let be.
#[must_use]
pub fn non_utf8_locale(get: impl Fn(&str) -> Option<String>) -> Option<String> {
    let value = ["LC_ALL", "LC_CTYPE", "LANG"].into_iter().find_map(|k| get(k).filter(|v| !v.is_empty()))?;
    let base = value.split('@').next().unwrap_or("");
    let bad = match base.split_once('.') {
        Some((_, codeset)) => !matches!(codeset.to_ascii_lowercase().as_str(), "utf8" | "utf-8"),
        None => {
            let l = base.to_ascii_lowercase();
            ["zh_", "ja_", "ko_"].iter().any(|p| l.starts_with(p))
        }
    };
    bad.then_some(value)
}

/// The raw text of a locale file.
#[must_use]
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => include_str!("../locales/zh-CN.toml"),
        Lang::En => include_str!("../locales/en.toml"),
    }
}

/// A flat map of message keys to templates.
#[derive(Debug)]
pub struct Catalog {
    /// The language.
    pub lang: Lang,
    map: BTreeMap<String, String>,
}

impl Catalog {
    /// Parses a locale file; nested tables become dotted keys.
    ///
    /// # Errors
    /// The TOML error when the text is not valid.
    pub fn parse(lang: Lang, text: &str) -> Result<Self, String> {
        let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut map = BTreeMap::new();
        flatten("", &table, &mut map);
        Ok(Self { lang, map })
    }

    /// The embedded catalog for `lang`, parsed once.
    #[must_use]
    pub fn get(lang: Lang) -> &'static Self {
        static ZH: OnceLock<Catalog> = OnceLock::new();
        static EN: OnceLock<Catalog> = OnceLock::new();
        let cell = match lang {
            Lang::ZhCn => &ZH,
            Lang::En => &EN,
        };
        cell.get_or_init(|| {
            Self::parse(lang, source(lang)).unwrap_or_else(|e| {
                // Checked by tests/locales.rs; a broken file still gives a usable program.
                let mut map = BTreeMap::new();
                map.insert("error.locale".into(), e);
                Self { lang, map }
            })
        })
    }

    /// All keys.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// Whether `key` exists.
    #[must_use]
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The template for `key`; the key itself when missing (visible, never a panic).
    #[must_use]
    pub fn tr<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The template for `key` if it exists.
    #[must_use]
    pub fn try_tr(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str)
    }

    /// The template for `key` with `{name}` placeholders filled from `args`.
    #[must_use]
    pub fn fmt(&self, key: &str, args: &[(&str, String)]) -> String {
        fill(self.tr(key), args)
    }
}

/// Replaces `{name}` in `template` with the matching argument.
#[must_use]
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of a template, sorted.
#[must_use]
pub fn placeholders(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(after[..close].to_string());
        rest = &after[close + 1..];
    }
    out.sort();
    out.dedup();
    out
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders() {
        assert_eq!(fill("{a} + {b} = {c}", &[("a", "1".into()), ("b", "2".into())]), "1 + 2 = {c}");
        assert_eq!(placeholders("{x} {y} {x}"), vec!["x", "y"]);
    }

    #[test]
    fn non_utf8_locales_are_found() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| (*v).to_string())
        };
        for bad in [
            "zh_CN.GBK",
            "zh_CN.gbk",
            "zh_CN.GB18030",
            "zh_CN.gb2312",
            "zh_CN",
            "zh_TW.Big5",
            "ja_JP.eucJP",
            "en_US.ISO-8859-1",
            "zh_CN.GBK@stroke",
        ] {
            assert_eq!(
                non_utf8_locale(|k: &str| (k == "LANG").then(|| bad.to_string())),
                Some(bad.to_string()),
                "{bad}"
            );
        }
        for good in ["zh_CN.UTF-8", "zh_CN.utf8", "en_US.UTF-8", "C.UTF-8", "C", "POSIX", "en_US", ""] {
            assert_eq!(non_utf8_locale(|k: &str| (k == "LANG").then(|| good.to_string())), None, "{good}");
        }
        assert_eq!(non_utf8_locale(env(&[])), None);
        // LC_ALL wins over LANG, LC_CTYPE too.
        assert_eq!(non_utf8_locale(env(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "zh_CN.GBK")])), None);
        assert_eq!(
            non_utf8_locale(env(&[("LC_CTYPE", "zh_CN.GBK"), ("LANG", "zh_CN.UTF-8")])),
            Some("zh_CN.GBK".into())
        );
    }

    #[test]
    fn the_non_utf8_message_is_ascii() {
        // It is read on a terminal that shows GBK (or Big5, Latin-1): only ASCII shows right there.
        let en = Catalog::get(Lang::En).fmt("cli.not_utf8", &[("locale", "zh_CN.GBK".into())]);
        assert!(en.is_ascii() && en.contains("export LANG=zh_CN.UTF-8") && en.contains("zh_CN.GBK"), "{en}");
    }

    #[test]
    fn language_from_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| (*v).to_string())
        };
        assert_eq!(Lang::from_env(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LANG", "C.UTF-8")])), Lang::ZhCn);
        assert_eq!(Lang::from_env(env(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US")])), Lang::ZhCn);
        assert_eq!(Lang::from_env(env(&[])), Lang::ZhCn);
    }
}
