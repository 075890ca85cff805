//! Figures a reason states (issue 19, W-22): the percentages and amounts in a 执行偏差说明 or an
//! indicator's 偏差原因 that refer to the sheet's own figures — "执行率 95%", "尚有 5% 未支付",
//! "超支 33.31 万元", "完成率 98%" — read so that the check can compare each with the computed
//! figure, at the precision it was written with.
//!
//! A reason is read clause by clause (split at ，。；、 and line breaks). A clause speaks of a
//! figure when it holds one of that figure's words; a clause that states a requirement rather
//! than a result (要求, 目标, 不低于, 以上 …) is left alone. Only numbers with their sign — `%`
//! for a share, `万元` for an amount — are read.

use rust_decimal::Decimal;

use super::input::fold_fullwidth;

/// What a stated figure refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refers {
    /// 执行率 (percent of the budget spent).
    Rate,
    /// The share or amount of the budget not spent (未支付, 结余 …).
    Unspent,
    /// The share or amount spent beyond the budget (超支 …).
    Over,
    /// An indicator's 完成率 (actual ÷ target).
    Completion,
}

impl Refers {
    /// Locale key of its name (`claim.<name>`).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Rate => "claim.rate",
            Self::Unspent => "claim.unspent",
            Self::Over => "claim.over",
            Self::Completion => "claim.completion",
        }
    }
}

/// One figure a reason states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// What it refers to.
    pub refers: Refers,
    /// Its value (percent points for a share, 万元 for an amount).
    pub value: Decimal,
    /// Decimal places as written.
    pub places: u32,
    /// A share (`%`) rather than an amount (`万元`).
    pub percent: bool,
    /// The number as written, for the message.
    pub quote: String,
}

/// Words that make a clause speak of a figure, most specific first.
const WORDS: &[(&str, Refers)] = &[
    ("执行率", Refers::Rate),
    ("完成率", Refers::Completion),
    ("未支付", Refers::Unspent),
    ("未执行", Refers::Unspent),
    ("未使用", Refers::Unspent),
    ("未拨付", Refers::Unspent),
    ("结余", Refers::Unspent),
    ("超支", Refers::Over),
    ("超预算", Refers::Over),
    ("超出预算", Refers::Over),
];

/// Words of a requirement, not a result: such a clause states no figure of this year.
const REQUIREMENT: &[&str] = &["要求", "目标", "标准", "不低于", "不高于", "不超过", "以上", "以下", "应达到", "考核"];

/// The figures `text` states about a sheet's own figures.
#[must_use]
pub fn claims(text: &str) -> Vec<Claim> {
    let folded = fold_fullwidth(text);
    let mut out = Vec::new();
    for clause in folded.split(['，', '。', '；', ';', '、', '\n', '！', '？', ',']) {
        let Some(refers) = WORDS.iter().find(|(w, _)| clause.contains(w)).map(|(_, r)| *r) else { continue };
        if REQUIREMENT.iter().any(|w| clause.contains(w)) {
            continue;
        }
        out.extend(numbers(clause).into_iter().map(|(value, places, percent, quote)| Claim {
            refers,
            value,
            places,
            percent,
            quote,
        }));
    }
    out
}

/// The numbers of a clause followed by `%` or `万元`: (value, places, percent, as written).
fn numbers(clause: &str) -> Vec<(Decimal, u32, bool, String)> {
    let chars: Vec<(usize, char)> = clause.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i;
        while j < chars.len() && (chars[j].1.is_ascii_digit() || chars[j].1 == '.') {
            j += 1;
        }
        let end = chars.get(j).map_or(clause.len(), |c| c.0);
        let num = clause[start..end].trim_end_matches('.');
        let rest = clause[end..].trim_start();
        let percent = rest.starts_with('%');
        let amount = rest.starts_with("万元") || rest.starts_with("万");
        if let (true, Ok(value)) = (percent || amount, num.parse::<Decimal>()) {
            let places = num.split_once('.').map_or(0, |(_, f)| u32::try_from(f.len()).unwrap_or(2));
            let quote = format!("{num}{}", if percent { "%" } else { "万元" });
            out.push((value, places, percent, quote));
        }
        i = j;
    }
    out
}

/// Whether a stated figure agrees with the computed one, compared at the precision it was
/// written with (`91%` agrees with 91.37 %).
#[must_use]
pub fn agrees(claim: &Claim, computed: Decimal) -> bool {
    let at = computed.round_dp_with_strategy(claim.places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    at == claim.value
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn figures_are_read_clause_by_clause_with_their_precision() {
        let c = claims("年中追加执法车辆运维经费，执行率103.85%；尚有5%未支付，结余12.4万元。");
        assert_eq!(c.len(), 3, "{c:?}");
        assert_eq!((c[0].refers, c[0].value, c[0].places, c[0].percent), (Refers::Rate, d("103.85"), 2, true));
        assert_eq!((c[1].refers, c[1].value, c[1].places), (Refers::Unspent, d("5"), 0));
        assert_eq!(
            (c[2].refers, c[2].value, c[2].percent, c[2].quote.as_str()),
            (Refers::Unspent, d("12.4"), false, "12.4万元")
        );
        // Full-width digits and signs, and an amount in 万.
        let c = claims("超支３３．３１万，完成率９８％");
        assert_eq!(
            c.iter().map(|c| (c.refers, c.value)).collect::<Vec<_>>(),
            [(Refers::Over, d("33.31")), (Refers::Completion, d("98"))]
        );
    }

    #[test]
    fn requirements_and_unrelated_numbers_are_left_alone() {
        assert!(claims("按要求执行率应达到90%以上").is_empty());
        assert!(claims("完成率考核标准为95%").is_empty());
        assert!(claims("共开展宣传活动23次，覆盖群众80%").is_empty(), "no word of a figure");
        assert!(claims("执行率较高").is_empty(), "no number");
    }

    #[test]
    fn a_figure_agrees_at_the_precision_written() {
        let c =
            |v: &str, places| Claim { refers: Refers::Rate, value: d(v), places, percent: true, quote: String::new() };
        assert!(agrees(&c("91", 0), d("91.37")));
        assert!(!agrees(&c("91", 0), d("91.62")));
        assert!(agrees(&c("91.4", 1), d("91.37")));
        assert!(!agrees(&c("91.37", 2), d("91.36")));
    }
}
