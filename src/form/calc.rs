//! Every computed value of the package, in one place: 控制率, the 经费 totals, 楼堂馆所
//! rates, 执行率 and its score, each indicator's rule score (domain §2.3), the subtotals,
//! the total and the grade. One rounding rule: half away from zero (四舍五入) to 2 decimals,
//! applied to each shown value; the total is the sum of the rounded scores.

use rust_decimal::{Decimal, RoundingStrategy};

use super::input::{self, fold_fullwidth};
use super::package::{Package, Row};
use super::profile::{EqualRule, Grade, Profile};
use super::spec::{FUND_COLUMNS, FundTotal};

/// Rounds to 2 decimals, half away from zero.
#[must_use]
pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Formats with exactly 2 decimals, after [`round2`]: `100` → `100.00`.
#[must_use]
pub fn fixed2(d: Decimal) -> String {
    let mut r = round2(d);
    r.rescale(2);
    r.to_string()
}

/// The amounts given more exactly than the form prints them (to the 元 or the 分: more than
/// 2 decimals of 万元), with their exact value, in form order: the report prints them with 2
/// decimals ([`fixed2`]) and lists them, so that no printed value is rounded unsaid.
#[must_use]
pub fn rounded_for_print(pkg: &Package) -> Vec<(String, Decimal)> {
    let s = super::spec::spec();
    let exact = |t: &str| input::money(t).ok().filter(|d| d.normalize().scale() > 2);
    let mut out: Vec<(String, Decimal)> = s
        .fields
        .iter()
        .filter(|f| f.kind == super::spec::Kind::Money)
        .filter_map(|f| exact(pkg.text(&f.key)).map(|d| (f.key.clone(), d)))
        .collect();
    for t in &s.tables {
        for (i, row) in pkg.rows(t.key).iter().enumerate() {
            for c in t.columns.iter().filter(|c| c.kind == super::spec::Kind::Money) {
                if let Some(d) = row.get(&c.key).and_then(|v| exact(v)) {
                    out.push((super::spec::cell_path(t.key, i + 1, &c.key), d));
                }
            }
        }
    }
    out
}

/// `num / den × 100`, rounded to 2 decimals; `None` ("—") when `den` is 0.
#[must_use]
pub fn rate(num: Decimal, den: Decimal) -> Option<Decimal> {
    if den.is_zero() {
        return None;
    }
    num.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(den).map(round2)
}

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

/// How an indicator row stands against its target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Target met.
    Met,
    /// Target missed.
    Missed,
    /// Met, but actual / target is above the over-achievement threshold (W-06).
    Over(Decimal),
    /// Qualitative, with the tier index (0 = 达成).
    Tier(usize),
    /// Cannot be scored yet: what is missing (locale key suffix).
    Unscorable(&'static str),
}

impl Outcome {
    /// Whether the target was missed (E-16 asks for a reason).
    #[must_use]
    pub fn missed(&self) -> bool {
        matches!(self, Self::Missed | Self::Over(_)) || matches!(self, Self::Tier(i) if *i > 0)
    }
}

/// The rule score of one indicator row and its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    /// Rule score, when the rule gives one (tiers 2 and 3 leave it to the user).
    pub score: Option<Decimal>,
    /// How the row stands.
    pub outcome: Outcome,
    /// For tiers: the allowed score band `[min, max]`.
    pub band: Option<(Decimal, Decimal)>,
}

/// Scores one indicator row by domain §2.3.
#[must_use]
pub fn propose(row: &Row, profile: &Profile) -> Proposal {
    let get = |k: &str| row.get(k).map_or("", String::as_str);
    let unscorable = |why| Proposal { score: None, outcome: Outcome::Unscorable(why), band: None };
    let Some(weight) = input::score(get("weight")).ok().filter(|w| !w.is_zero()) else {
        return unscorable("weight");
    };
    let Some(nature) = Nature::parse(get("nature")) else {
        return unscorable("nature");
    };
    if nature == Nature::Qualitative {
        let Some((idx, tier)) = profile.tier(get("tier")) else {
            return unscorable("tier");
        };
        let lo = round2(weight * tier.min / Decimal::ONE_HUNDRED);
        let hi = round2(weight * tier.max / Decimal::ONE_HUNDRED);
        let band = if idx == 0 { (lo, hi) } else { (lo, hi - Decimal::new(1, 2)) };
        let score = (idx == 0).then_some(weight);
        return Proposal { score, outcome: Outcome::Tier(idx), band: Some(band) };
    }
    let (Some(a), Some(b)) = (quantity(get("target")), quantity(get("actual"))) else {
        return unscorable("values");
    };
    if !a.unit.is_empty() && !b.unit.is_empty() && a.unit != b.unit {
        return unscorable("units");
    }
    let (a, b) = (a.value, b.value);
    let full = Proposal { score: Some(weight), outcome: Outcome::Met, band: None };
    let part = |ratio: Decimal| Proposal { score: Some(round2(ratio * weight)), outcome: Outcome::Missed, band: None };
    match nature {
        Nature::Ge if b >= a || a.is_zero() => {
            if !a.is_zero() && b / a > profile.over_achievement {
                return Proposal {
                    score: Some(weight),
                    outcome: Outcome::Over(round2(b / a * Decimal::ONE_HUNDRED)),
                    band: None,
                };
            }
            full
        }
        Nature::Ge => part(b / a),
        Nature::Le if b <= a => full,
        Nature::Le if a.is_zero() => part(Decimal::ZERO),
        Nature::Le => part(a / b),
        Nature::Eq if a == b => full,
        Nature::Eq => match profile.equal_rule {
            EqualRule::Binary => part(Decimal::ZERO),
            EqualRule::Proportional => part(a.min(b) / a.max(b)),
        },
        Nature::Qualitative => unscorable("tier"),
    }
}

/// Σ 分值 and Σ 得分 of one 一级.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelSum {
    /// 一级 name.
    pub name: String,
    /// Σ 分值.
    pub weight: Decimal,
    /// Σ 得分.
    pub score: Decimal,
}

/// Every computed value of a package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    /// 控制率, percent (None = "—").
    pub control_rate: Option<Decimal>,
    /// 三公经费 per column.
    pub three_public: [Decimal; 3],
    /// 公务用车购置和维护 per column.
    pub car: [Decimal; 3],
    /// 项目支出 (基础数据表) per column.
    pub projects: [Decimal; 3],
    /// Σ 公用经费 其中 rows per column.
    pub public_parts: [Decimal; 3],
    /// 楼堂馆所 rows: (规模控制率, 投资概算控制率), percent.
    pub buildings: Vec<(Option<Decimal>, Option<Decimal>)>,
    /// The denominator used for 执行率 (全年预算数, else 年初预算数).
    pub exec_base: Option<Decimal>,
    /// 执行率, percent, as computed (may exceed 100).
    pub exec_rate: Option<Decimal>,
    /// 执行率得分.
    pub exec_score: Option<Decimal>,
    /// Indicator rows' proposals.
    pub indicators: Vec<Proposal>,
    /// Per 一级 sums, in profile order, then any unknown 一级.
    pub levels: Vec<LevelSum>,
    /// Σ 三级分值.
    pub indicator_weights: Decimal,
    /// Σ 三级得分 (as entered).
    pub indicator_scores: Decimal,
    /// 合计分值 = 执行 分值 + Σ 三级分值.
    pub total_weight: Decimal,
    /// 合计得分 = 执行率得分 + Σ 三级得分.
    pub total_score: Decimal,
    /// Grade of the total.
    pub grade: Option<Grade>,
}

impl Figures {
    /// A 经费 total for one column.
    #[must_use]
    pub fn fund_total(&self, t: FundTotal, col: usize) -> Decimal {
        match t {
            FundTotal::ThreePublic => self.three_public[col],
            FundTotal::Car => self.car[col],
            FundTotal::Projects => self.projects[col],
        }
    }
}

/// Computes every figure of `pkg` under `profile`.
#[must_use]
pub fn compute(pkg: &Package, profile: &Profile) -> Figures {
    let f = |row: &str, col: usize| pkg.money0(&format!("basic.funds.{row}.{}", FUND_COLUMNS[col]));
    let mut three_public = [Decimal::ZERO; 3];
    let mut car = [Decimal::ZERO; 3];
    let mut projects = [Decimal::ZERO; 3];
    let mut public_parts = [Decimal::ZERO; 3];
    for col in 0..3 {
        car[col] = f("car_purchase", col) + f("car_operation", col);
        three_public[col] = car[col] + f("abroad", col) + f("reception", col);
        let special: Decimal = pkg
            .rows("basic.special_funds")
            .iter()
            .map(|r| r.get(FUND_COLUMNS[col]).and_then(|t| input::money(t).ok()).unwrap_or_default())
            .sum();
        projects[col] = f("project_business", col) + f("project_contract_staff", col) + special;
        public_parts[col] = f("public_office", col) + f("public_utilities", col) + f("public_meetings", col);
    }
    let control_rate = match (pkg.int("basic.staff_actual"), pkg.int("basic.staff_quota")) {
        (Some(a), Some(q)) => rate(a.into(), q.into()),
        _ => None,
    };
    let cell =
        |r: &Row, k: &str, parse: fn(&str) -> Result<Decimal, input::InputError>| r.get(k).and_then(|t| parse(t).ok());
    let buildings = pkg
        .rows("basic.buildings")
        .iter()
        .map(|r| {
            let area = match (cell(r, "actual_area", input::area), cell(r, "approved_area", input::area)) {
                (Some(a), Some(b)) => rate(a, b),
                _ => None,
            };
            let inv = match (cell(r, "actual_investment", input::money), cell(r, "budget_investment", input::money)) {
                (Some(a), Some(b)) => rate(a, b),
                _ => None,
            };
            (area, inv)
        })
        .collect();

    // 全年预算数, else 年初预算数; a 全年预算数 that does not read is no base (its E-02 says
    // why), never silently replaced by the 年初预算数.
    let full = pkg.text("self_eval.budget_full");
    let exec_base = match pkg.money("self_eval.budget_full") {
        Some(d) if !d.is_zero() => Some(d),
        None if !full.trim().is_empty() => None,
        _ => pkg.money("self_eval.budget_initial"),
    };
    let spent = pkg.money("self_eval.spent");
    let (exec_rate, exec_score) = match (spent, exec_base) {
        (Some(s), Some(b)) if !b.is_zero() => {
            let raw = s * Decimal::ONE_HUNDRED / b;
            let capped = raw.min(profile.exec_cap);
            (Some(round2(raw)), Some(round2(capped * profile.exec_weight / Decimal::ONE_HUNDRED)))
        }
        _ => (None, None),
    };

    let rows = pkg.rows("self_eval.indicators");
    let indicators: Vec<Proposal> = rows.iter().map(|r| propose(r, profile)).collect();
    let mut levels: Vec<LevelSum> = profile
        .level1
        .iter()
        .map(|l| LevelSum { name: l.name.clone(), weight: Decimal::ZERO, score: Decimal::ZERO })
        .collect();
    let mut indicator_weights = Decimal::ZERO;
    let mut indicator_scores = Decimal::ZERO;
    for r in rows {
        let w = cell(r, "weight", input::score).unwrap_or_default();
        let s = cell(r, "score", input::score).unwrap_or_default();
        indicator_weights += w;
        indicator_scores += s;
        let name = r.get("level1").cloned().unwrap_or_default();
        match levels.iter_mut().find(|l| l.name == name) {
            Some(l) => {
                l.weight += w;
                l.score += s;
            }
            None => levels.push(LevelSum { name, weight: w, score: s }),
        }
    }
    let total_weight = profile.exec_weight + indicator_weights;
    let total_score = exec_score.unwrap_or_default() + indicator_scores;
    let grade = profile.grade(total_score).cloned();
    Figures {
        control_rate,
        three_public,
        car,
        projects,
        public_parts,
        buildings,
        exec_base,
        exec_rate,
        exec_score,
        indicators,
        levels,
        indicator_weights,
        indicator_scores,
        total_weight,
        total_score,
        grade,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    fn row(pairs: &[(&str, &str)]) -> Row {
        pairs.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect()
    }

    #[test]
    fn quantities() {
        assert_eq!(quantity("190件"), Some(Quantity { op: None, value: d("190"), unit: "件".into() }));
        assert_eq!(quantity("≥95%").map(|q| (q.op, q.value)), Some((Some(Nature::Ge), d("95"))));
        assert_eq!(quantity("不超过5起").map(|q| q.op), Some(Some(Nature::Le)));
        assert_eq!(quantity("每天"), None);
        assert_eq!(quantity("不超过预算金额"), None);
        assert_eq!(infer_nature("100%"), Nature::Ge);
        assert_eq!(infer_nature("提高"), Nature::Qualitative);
    }

    #[test]
    fn targets_as_real_forms_write_them() {
        let ge = Direction::Stated(Nature::Ge);
        let le = Direction::Stated(Nature::Le);
        let eq = Direction::Stated(Nature::Eq);
        for (t, dir, value, unit) in [
            ("≥98%", ge, "98", "%"),
            ("≥ 98%", ge, "98", "%"),
            ("≥98 %", ge, "98", "%"),
            ("98%以上", ge, "98", "%"),
            ("98%及以上", ge, "98", "%"),
            ("98%（含）以上", ge, "98", "%"),
            ("大于等于98%", ge, "98", "%"),
            ("大于或等于 98%", ge, "98", "%"),
            ("不低于98%", ge, "98", "%"),
            ("不少于190件", ge, "190", "件"),
            ("至少190件", ge, "190", "件"),
            ("达到100%", ge, "100", "%"),
            ("＞98%", ge, "98", "%"),
            ("＞＝９８％", ge, "98", "%"),
            (">=98%", ge, "98", "%"),
            ("≧98%", ge, "98", "%"),
            ("5起以下", le, "5", "起"),
            ("5%以内", le, "5", "%"),
            ("5个工作日内", le, "5", "个工作日"),
            ("不超过5起", le, "5", "起"),
            ("不高于5%", le, "5", "%"),
            ("小于等于5%", le, "5", "%"),
            ("≤5%", le, "5", "%"),
            ("＜5%", le, "5", "%"),
            ("≦5%", le, "5", "%"),
            ("控制在5%以内", le, "5", "%"),
            ("＝100%", eq, "100", "%"),
            ("=100%", eq, "100", "%"),
            ("等于100%", eq, "100", "%"),
            ("190件", Direction::Bare, "190", "件"),
            ("９６％", Direction::Bare, "96", "%"),
            ("约98%", Direction::Unclear, "98", "%"),
            ("98%左右", Direction::Unclear, "98", "%"),
            ("力争98%", Direction::Unclear, "98", "%"),
            ("≥98%以下", Direction::Unclear, "98", "%"),
        ] {
            assert_eq!(direction(t), dir, "{t}");
            let q = quantity(t).unwrap_or_else(|| panic!("{t}: a number"));
            assert_eq!((q.value, q.unit.as_str()), (d(value), unit), "{t}");
            if let Direction::Stated(n) = dir {
                assert_eq!((q.op, infer_nature(t)), (Some(n), n), "{t}");
            }
        }
        assert_eq!(direction("95%-100%"), Direction::Unclear);
        assert_eq!(direction("95%至100%"), Direction::Unclear);
        for t in ["提高", "每天", "不超过预算金额", "逐步提升", ""] {
            assert_eq!(direction(t), Direction::Words, "{t}");
            assert_eq!(infer_nature(t), Nature::Qualitative, "{t}");
        }
        for (s, n) in [
            ("≥", Nature::Ge),
            ("＞＝", Nature::Ge),
            ("不低于", Nature::Ge),
            ("≦", Nature::Le),
            ("不超过", Nature::Le),
            ("＝", Nature::Eq),
            ("定性", Nature::Qualitative),
        ] {
            assert_eq!(Nature::parse(s), Some(n), "{s}");
        }
        assert_eq!(Nature::parse("≥98"), None);
    }

    #[test]
    fn missed_targets_are_caught_however_they_are_written() {
        let p = Profile::default_profile();
        for target in ["98%以上", "大于等于98%", "≥ 98%", "不低于98%", "＞＝98%", "98%及以上"] {
            let r = row(&[
                ("nature", infer_nature(target).symbol()),
                ("target", target),
                ("actual", "95%"),
                ("weight", "10"),
            ]);
            let prop = propose(&r, &p);
            assert_eq!((prop.score, prop.outcome.missed()), (Some(d("9.69")), true), "{target}");
        }
        for target in ["5起以下", "不超过5起", "≤5起", "5起以内"] {
            let r = row(&[
                ("nature", infer_nature(target).symbol()),
                ("target", target),
                ("actual", "8起"),
                ("weight", "4"),
            ]);
            assert_eq!(propose(&r, &p).score, Some(d("2.50")), "{target}");
        }
    }

    #[test]
    fn rule_scores_follow_domain_2_3() {
        let p = Profile::default_profile();
        let score = |nature: &str, target: &str, actual: &str, weight: &str| {
            propose(&row(&[("nature", nature), ("target", target), ("actual", actual), ("weight", weight)]), &p).score
        };
        // Seed I-5 and I-6.
        assert_eq!(score("≥", "100%", "99%", "5"), Some(d("4.95")));
        assert_eq!(score("≥", "96%", "95%", "10"), Some(d("9.90")));
        assert_eq!(score("≥", "190件", "190件", "5"), Some(d("5")));
        assert_eq!(score("≤", "10", "20", "4"), Some(d("2.00")));
        assert_eq!(score("≤", "0", "1", "4"), Some(d("0.00")));
        assert_eq!(score("≤", "0", "0", "4"), Some(d("4")));
        assert_eq!(score("=", "10", "8", "5"), Some(d("4.00")));
        assert_eq!(score("≥", "10件", "8次", "5"), None);
        let over = propose(&row(&[("nature", "≥"), ("target", "100"), ("actual", "130"), ("weight", "5")]), &p);
        assert_eq!(over.outcome, Outcome::Over(d("130.00")));
        let tier = |t: &str| propose(&row(&[("nature", "定性"), ("tier", t), ("weight", "5")]), &p);
        assert_eq!(tier("达成预期指标").score, Some(d("5")));
        let t2 = tier("部分达成预期指标并具有一定效果");
        assert_eq!((t2.score, t2.band), (None, Some((d("3.00"), d("3.99")))));
        assert_eq!(tier("未达成预期指标且效果较差").band, Some((d("0.00"), d("2.99"))));
        assert_eq!(tier("").outcome, Outcome::Unscorable("tier"));
    }

    #[test]
    fn rates_and_rounding() {
        assert_eq!(rate(d("23"), d("27")), Some(d("85.19")));
        assert_eq!(rate(d("136"), d("143")), Some(d("95.10")));
        assert_eq!(rate(d("1"), d("0")), None);
        assert_eq!(round2(d("0.125")), d("0.13"));
        assert_eq!(rate(d("899.13"), d("865.82")), Some(d("103.85")));
    }
}
