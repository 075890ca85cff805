//! The scoring profile: fiscal year, 一级/二级 lists and weights, the execution-rate rule,
//! qualitative tiers, grade bands, thresholds and tolerances — one value, read from TOML, so
//! another province's or year's rules are a data change. The Hunan FY2023 default is
//! embedded from `profiles/hunan-2023.toml`.

use rust_decimal::Decimal;
use serde::Deserialize;

/// A named band with a lower bound (grades, highest first).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// Locale key suffix (`grade.<key>`).
    pub key: String,
    /// Official name (优/良/中/差).
    pub name: String,
    /// Inclusive lower bound of the total score.
    pub min: Decimal,
}

/// A qualitative tier: share of 分值 in percent, `[min, max)` (the first tier includes max).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Locale key suffix (`tier.<key>`).
    pub key: String,
    /// Official wording, stored in the data file.
    pub name: String,
    /// Inclusive lower bound, percent of 分值.
    pub min: Decimal,
    /// Upper bound, percent of 分值 (exclusive except for the first tier).
    pub max: Decimal,
}

/// A 二级 indicator.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level2 {
    /// Locale key suffix (`level2.<key>`).
    pub key: String,
    /// Official name, stored in the data file.
    pub name: String,
}

/// A 一级 indicator with its 二级 list.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level1 {
    /// Locale key suffix (`level1.<key>`).
    pub key: String,
    /// Official name, stored in the data file.
    pub name: String,
    /// E-15: at least one row needed.
    pub required: bool,
    /// Allowed 二级 names.
    pub level2: Vec<Level2>,
}

/// W-07: a group of 一级 whose 分值 should add up to `weight`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightGroup {
    /// Locale key suffix.
    pub key: String,
    /// 一级 names in the group.
    pub levels: Vec<String>,
    /// Expected Σ 分值.
    pub weight: Decimal,
}

/// Words the narrative checks look for.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Narrative {
    /// W-09: the report speaks of vehicles.
    pub vehicle_words: Vec<String>,
    /// W-10: the report speaks of 编外 / 劳务派遣 staff.
    pub contract_staff_words: Vec<String>,
    /// W-12: the report claims everything was 一般公共预算.
    pub all_general_words: Vec<String>,
    /// W-08: a 成本 indicator claims to stay within the budget.
    pub within_budget_words: Vec<String>,
}

/// How a "=" target is scored when missed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EqualRule {
    /// min(A,B)/max(A,B) × 分值.
    Proportional,
    /// Met = full, otherwise 0.
    Binary,
}

/// The scoring profile.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Profile id written in data files.
    pub id: String,
    /// Fiscal year the profile was written for.
    pub fiscal_year: i32,
    /// 预算执行率 分值.
    pub exec_weight: Decimal,
    /// Execution rate (percent) above which no more points are given.
    pub exec_cap: Decimal,
    /// W-04 lower threshold, percent.
    pub exec_low: Decimal,
    /// W-04 upper threshold, percent.
    pub exec_high: Decimal,
    /// Σ 三级分值 required (E-12).
    pub indicator_total: Decimal,
    /// W-06 ratio.
    pub over_achievement: Decimal,
    /// "=" rule.
    pub equal_rule: EqualRule,
    /// Money equality tolerance, 万元.
    pub money_tolerance: Decimal,
    /// Percentage equality tolerance, points.
    pub percent_tolerance: Decimal,
    /// W-05 tolerance, points.
    pub score_tolerance: Decimal,
    /// W-11 tolerance, percent.
    pub public_funds_tolerance: Decimal,
    /// Grade bands, highest first.
    pub grades: Vec<Grade>,
    /// 定性 tiers, best first.
    pub tiers: Vec<Tier>,
    /// 一级 list.
    pub level1: Vec<Level1>,
    /// W-07 groups.
    pub weight_group: Vec<WeightGroup>,
    /// Narrative words.
    pub narrative: Narrative,
}

/// Id of the built-in profile.
pub const DEFAULT_PROFILE: &str = "hunan-2023";

const HUNAN_2023: &str = include_str!("profiles/hunan-2023.toml");

/// The ids of the built-in profiles, default first: each is accepted by [`Profile::builtin`]
/// (`jixiao --version` lists them).
#[must_use]
pub fn builtin_ids() -> Vec<&'static str> {
    vec![DEFAULT_PROFILE]
}

impl Profile {
    /// Parses a profile from TOML text.
    ///
    /// # Errors
    /// The TOML parser's message when the text is not a valid profile.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// The built-in profile with this id.
    #[must_use]
    pub fn builtin(id: &str) -> Option<Self> {
        match id {
            DEFAULT_PROFILE => Self::from_toml(HUNAN_2023).ok(),
            _ => None,
        }
    }

    /// The default (Hunan FY2023) profile.
    #[must_use]
    pub fn default_profile() -> Self {
        static P: std::sync::OnceLock<Profile> = std::sync::OnceLock::new();
        P.get_or_init(|| match Self::from_toml(HUNAN_2023) {
            Ok(p) => p,
            // The embedded file is checked by a unit test; this cannot happen in a release.
            Err(e) => unreachable!("built-in profile is invalid: {e}"),
        })
        .clone()
    }

    /// The 一级 entry with this name.
    #[must_use]
    pub fn level1(&self, name: &str) -> Option<&Level1> {
        self.level1.iter().find(|l| l.name == name)
    }

    /// The tier with this name.
    #[must_use]
    pub fn tier(&self, name: &str) -> Option<(usize, &Tier)> {
        self.tiers.iter().enumerate().find(|(_, t)| t.name == name)
    }

    /// The grade for a total score.
    #[must_use]
    pub fn grade(&self, total: Decimal) -> Option<&Grade> {
        self.grades.iter().find(|g| total >= g.min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profile_parses_and_is_consistent() {
        let p = Profile::from_toml(HUNAN_2023).expect("profile");
        assert_eq!(p.id, DEFAULT_PROFILE);
        let groups: Decimal = p.weight_group.iter().map(|g| g.weight).sum();
        assert_eq!(groups, p.indicator_total);
        assert_eq!(p.indicator_total + p.exec_weight, Decimal::from(100));
        for g in &p.weight_group {
            for l in &g.levels {
                assert!(p.level1(l).is_some(), "{l}");
            }
        }
        assert_eq!(p.grade(Decimal::from(90)).map(|g| g.name.as_str()), Some("优"));
        assert_eq!(p.grade(Decimal::new(8999, 2)).map(|g| g.name.as_str()), Some("良"));
        assert_eq!(p.grade(Decimal::from(59)).map(|g| g.name.as_str()), Some("差"));
    }
}
