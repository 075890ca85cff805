//! Reading an indicator's 指标值 (target) and 实际完成值 as people write them: the 指标性质
//! (正向 ≥, 反向 ≤, 等于, 定性) from words and signs (以上/不低于/≥/＞ …), a quantity with its
//! unit, and the vague words that make a target unscorable (domain §2.3, issue 11).

use rust_decimal::Decimal;

use crate::form::input::{self, fold_fullwidth};

/// 指标性质.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nature {
    /// ≥ 正向: more is better.
    Ge,
    /// ≤ 反向: less is better.
    Le,
    /// = : exactly.
    Eq,
    /// 定性: scored by tier.
    Qualitative,
}

impl Nature {
    /// All natures, in the order offered to the user.
    pub const ALL: [Self; 4] = [Self::Ge, Self::Le, Self::Eq, Self::Qualitative];

    /// The text stored in the file.
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Ge => "≥",
            Self::Le => "≤",
            Self::Eq => "=",
            Self::Qualitative => "定性",
        }
    }

    /// Locale key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Ge => "nature.ge",
            Self::Le => "nature.le",
            Self::Eq => "nature.eq",
            Self::Qualitative => "nature.qualitative",
        }
    }

    /// Reads a stored or typed nature: the symbol, its full-width or two-character form, or
    /// the words (正向, 不低于, 以上 …).
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let f = fold_fullwidth(s);
        match f.trim() {
            "定性" => Some(Self::Qualitative),
            "正向" => Some(Self::Ge),
            "反向" => Some(Self::Le),
            t => op_word(t).filter(|(_, len)| *len == t.len()).map(|(n, _)| n),
        }
    }
}

/// How a target states its direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Written with an operator or words (`≥98%`, `98%以上`, `不超过5起`).
    Stated(Nature),
    /// A bare number (`190件`): ≥ is assumed (domain I-18).
    Bare,
    /// A number whose direction cannot be read: vague (`约98%`, `98%左右`), a range
    /// (`95%-100%`), or two directions at odds (`≥98%以下`).
    Unclear,
    /// No number: a qualitative target (`提高`, `每天`).
    Words,
}

/// Operators and words written before a target's number, longest first within a family:
/// `(text, direction)`; `None` for words that say nothing about the direction.
const PREFIXES: &[(&str, Option<Nature>)] = &[
    ("大于或等于", Some(Nature::Ge)),
    ("大于等于", Some(Nature::Ge)),
    ("不低于", Some(Nature::Ge)),
    ("不少于", Some(Nature::Ge)),
    ("不小于", Some(Nature::Ge)),
    ("至少", Some(Nature::Ge)),
    ("最少", Some(Nature::Ge)),
    ("达到", Some(Nature::Ge)),
    ("高于", Some(Nature::Ge)),
    ("大于", Some(Nature::Ge)),
    ("多于", Some(Nature::Ge)),
    ("超过", Some(Nature::Ge)),
    (">=", Some(Nature::Ge)),
    ("=>", Some(Nature::Ge)),
    ("≥", Some(Nature::Ge)),
    ("≧", Some(Nature::Ge)),
    ("⩾", Some(Nature::Ge)),
    ("≮", Some(Nature::Ge)),
    (">", Some(Nature::Ge)),
    ("小于或等于", Some(Nature::Le)),
    ("小于等于", Some(Nature::Le)),
    ("不高于", Some(Nature::Le)),
    ("不超过", Some(Nature::Le)),
    ("不多于", Some(Nature::Le)),
    ("不大于", Some(Nature::Le)),
    ("至多", Some(Nature::Le)),
    ("最多", Some(Nature::Le)),
    ("低于", Some(Nature::Le)),
    ("小于", Some(Nature::Le)),
    ("少于", Some(Nature::Le)),
    ("<=", Some(Nature::Le)),
    ("=<", Some(Nature::Le)),
    ("≤", Some(Nature::Le)),
    ("≦", Some(Nature::Le)),
    ("⩽", Some(Nature::Le)),
    ("≯", Some(Nature::Le)),
    ("<", Some(Nature::Le)),
    ("==", Some(Nature::Eq)),
    ("等于", Some(Nature::Eq)),
    ("=", Some(Nature::Eq)),
    ("控制在", None),
    ("保持在", None),
    ("维持在", None),
];

/// Words after a target's number that give its direction.
const SUFFIXES: &[(&str, Nature)] = &[
    ("及以上", Nature::Ge),
    ("或以上", Nature::Ge),
    ("(含)以上", Nature::Ge),
    ("以上", Nature::Ge),
    ("及以下", Nature::Le),
    ("或以下", Nature::Le),
    ("(含)以下", Nature::Le),
    ("以下", Nature::Le),
    ("以内", Nature::Le),
    ("之内", Nature::Le),
    ("内", Nature::Le),
];

/// Words that make a target vague: its direction cannot be read.
const VAGUE: &[&str] = &["大约", "约", "左右", "上下", "力争", "争取", "预计", "~", "～", "至"];

/// The operator or direction word `t` starts with, and its length in bytes.
fn op_word(t: &str) -> Option<(Nature, usize)> {
    PREFIXES.iter().find_map(|(p, n)| n.filter(|_| t.starts_with(p)).map(|n| (n, p.len())))
}

/// A target read apart: the directions written around the number, whether it is vague, the
/// number and the unit.
struct Read {
    ops: Vec<Nature>,
    vague: bool,
    value: Decimal,
    unit: String,
}

fn read(s: &str) -> Option<Read> {
    let f = fold_fullwidth(s);
    let mut t = f.trim();
    let mut ops = Vec::new();
    let mut vague = false;
    // Words before the number, in any order (`控制在≤5%`, `约 98%`).
    'words: loop {
        for (p, n) in PREFIXES {
            if let Some(rest) = t.strip_prefix(p) {
                ops.extend(*n);
                t = rest.trim_start();
                continue 'words;
            }
        }
        for v in VAGUE {
            if let Some(rest) = t.strip_prefix(v) {
                vague = true;
                t = rest.trim_start();
                continue 'words;
            }
        }
        break;
    }
    let end = t.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(t.len());
    if end == 0 {
        return None;
    }
    let value = input::money(&t[..end]).ok().or_else(|| input::percent(&t[..end]).ok())?;
    let mut rest = t[end..].trim();
    loop {
        if let Some((w, n)) = SUFFIXES.iter().find(|(w, _)| rest.ends_with(w)) {
            ops.push(*n);
            rest = rest[..rest.len() - w.len()].trim_end();
        } else if let Some(v) = VAGUE.iter().find(|v| rest.ends_with(*v)) {
            vague = true;
            rest = rest[..rest.len() - v.len()].trim_end();
        } else {
            break;
        }
    }
    // A second number (`95%-100%`, `95%至100%`) makes a range.
    if rest.contains(|c: char| c.is_ascii_digit()) || VAGUE.iter().any(|v| rest.contains(v)) {
        vague = true;
    }
    Some(Read { ops, vague, value: value.normalize(), unit: rest.to_string() })
}

/// A quantitative indicator value: `≥95%` → (Some(Ge), 95, "%").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    /// The direction written around the number, if any (and clear).
    pub op: Option<Nature>,
    /// The number.
    pub value: Decimal,
    /// What follows the number (件, 次, %, 万元 …), trimmed, without direction words.
    pub unit: String,
}

/// Reads a number (with an optional operator or direction words, before or after it, and a
/// unit) from an indicator value: `≥ 98%`, `98%以上`, `大于等于98%`, `不超过5起`, `＜５％`.
/// `None` for words such as 每天 or 提高.
#[must_use]
pub fn quantity(s: &str) -> Option<Quantity> {
    let r = read(s)?;
    let op = match (r.vague, r.ops.first(), r.ops.iter().all(|o| Some(o) == r.ops.first())) {
        (false, Some(o), true) => Some(*o),
        _ => None,
    };
    Some(Quantity { op, value: r.value, unit: r.unit })
}

/// How a target states its direction (see [`Direction`]).
#[must_use]
pub fn direction(target: &str) -> Direction {
    match read(target) {
        None => Direction::Words,
        Some(r) if r.vague => Direction::Unclear,
        Some(r) => match r.ops.first() {
            None => Direction::Bare,
            Some(o) if r.ops.iter().all(|x| x == o) => Direction::Stated(*o),
            Some(_) => Direction::Unclear,
        },
    }
}

/// The nature implied by a target as typed: its direction, ≥ for a bare number (or one whose
/// direction cannot be read: the rules say so), 定性 for words.
#[must_use]
pub fn infer_nature(target: &str) -> Nature {
    match direction(target) {
        Direction::Stated(n) => n,
        Direction::Bare | Direction::Unclear => Nature::Ge,
        Direction::Words => Nature::Qualitative,
    }
}
