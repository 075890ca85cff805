//! The scoring profile: which template (整体 or 项目, region, year) it describes, the execution
//! rate (its weight or its row in the indicator table, its denominator and cap, when a reason
//! is required), the 一级/二级 lists and weights, qualitative tiers, grade bands, bonus points,
//! scoring against a 评分标准, thresholds and tolerances — one value, read from TOML, so another
//! province's or year's template is a data change. The built-in profiles are embedded from
//! `profiles/*.toml` (docs/form-rules.md gives each one's sources); a bureau's own file is read
//! with line and column on every mistake by `profile_file`.

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

impl Default for Narrative {
    /// The built-in Hunan lists (read from its file directly: the built-ins themselves may
    /// rely on this default).
    fn default() -> Self {
        static N: std::sync::OnceLock<Narrative> = std::sync::OnceLock::new();
        N.get_or_init(|| match Profile::from_toml(BUILTIN[0].1) {
            Ok(p) => p.narrative,
            Err(e) => unreachable!("built-in profile is invalid: {e}"),
        })
        .clone()
    }
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

/// Which form a template was written for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Template {
    /// The 整体支出绩效自评表 (the package).
    #[default]
    Unit,
    /// The 项目支出绩效自评表.
    Project,
}

/// The denominator of 执行率.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Base {
    /// 年初预算数, always.
    Initial,
    /// 全年预算数 (年初预算数 when it is blank).
    #[default]
    Full,
    /// 调整后预算数: the same column as 全年预算数, under the name Sichuan's form gives it.
    Adjusted,
}

/// When a filing date may fall (W-13, issue 19).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Filing {
    /// After the fiscal year (the evaluation is of the year just ended): a date in the fiscal
    /// year itself is early. The default, as the seed and domain §3 have it.
    #[default]
    AfterYearEnd,
    /// From 1 December of the fiscal year: counties that run the self-evaluation in its last
    /// weeks.
    FromDecember,
    /// Any date.
    Any,
}

/// When 执行率 needs a written reason (an error until it is given), and how long it may be.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecReason {
    /// A reason is required below this rate, percent.
    pub below: Decimal,
    /// At most this many characters (0: no limit).
    #[serde(default)]
    pub max_chars: usize,
}

/// The scoring profile.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Profile id written in data files.
    pub id: String,
    /// The form the template is for (整体 or 项目). Either may score both: a package's project
    /// sheets use the profile named by `project`, else this one.
    #[serde(default)]
    pub form: Template,
    /// Region the template comes from (湖南, 四川, 中央 …).
    #[serde(default)]
    pub region: String,
    /// Fiscal year the profile was written for.
    pub fiscal_year: i32,
    /// Last fiscal year it applies to, when it covers several.
    #[serde(default)]
    pub until: Option<i32>,
    /// One line on what it is (a bureau's own file; built-ins have theirs in locales/).
    #[serde(default)]
    pub description: String,
    /// Id of the profile for the project sheets (this one when absent).
    #[serde(default)]
    pub project: Option<String>,
    /// 预算执行率 分值 (0 when execution is scored as a row of the indicator table).
    pub exec_weight: Decimal,
    /// The denominator of 执行率.
    #[serde(default)]
    pub exec_base: Base,
    /// When a reason for 执行率 is required (E-25).
    #[serde(default)]
    pub exec_reason: Option<ExecReason>,
    /// The 三级指标 that scores 执行率 inside the indicator table (exec_weight is then 0).
    #[serde(default)]
    pub exec_row: Option<String>,
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
    /// Bonus for over-achievement: a ≥ row may score up to this percent of its 分值 (100: no
    /// bonus, 得分 ≤ 分值).
    #[serde(default = "hundred")]
    pub bonus_cap: Decimal,
    /// A 定性 row without a tier is scored against the 评分标准 written as its target.
    #[serde(default)]
    pub criteria: bool,
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
    /// W-07 groups (none: the unit sets the 一级 weights).
    #[serde(default)]
    pub weight_group: Vec<WeightGroup>,
    /// Titles of the 自评报告's parts where the template's differ, by part (`h1` … `h10`); the
    /// program still numbers them 一 … 十.
    #[serde(default)]
    pub report_titles: std::collections::BTreeMap<String, String>,
    /// When a filing date may fall (W-13); `after_year_end` when absent.
    #[serde(default)]
    pub filing: Filing,
    /// Narrative words (the Hunan lists when absent).
    #[serde(default)]
    pub narrative: Narrative,
    /// The profile of the project sheets, resolved from `project` ([`Profile::for_projects`]).
    #[serde(skip)]
    sheet: ProjectSheet,
}

/// Where a profile's project sheets are scored ([`Profile::for_projects`]).
#[derive(Clone, Debug, Default)]
enum ProjectSheet {
    /// On the profile itself.
    #[default]
    Own,
    /// On this one (a bureau's own, or one set with [`Profile::set_for_projects`]).
    Given(Box<Profile>),
    /// On this built-in, parsed the first time a project sheet needs it: a package without
    /// projects never reads it (issue 14: the first screen).
    Builtin(&'static str),
}

fn hundred() -> Decimal {
    Decimal::ONE_HUNDRED
}

/// Id of the built-in profile.
pub const DEFAULT_PROFILE: &str = "hunan-2023";

/// The built-in profiles, default first: id and TOML text (`jixiao profiles --show ID`).
pub const BUILTIN: &[(&str, &str)] = &[
    (DEFAULT_PROFILE, include_str!("profiles/hunan-2023.toml")),
    ("hunan-2023-project", include_str!("profiles/hunan-2023-project.toml")),
    ("hunan-2020", include_str!("profiles/hunan-2020.toml")),
    ("central-2020-project", include_str!("profiles/central-2020-project.toml")),
    ("sichuan-2023-project", include_str!("profiles/sichuan-2023-project.toml")),
    ("anhui-2022-project", include_str!("profiles/anhui-2022-project.toml")),
    ("pmkpi-20-40-40-project", include_str!("profiles/pmkpi-20-40-40-project.toml")),
];

/// The ids of the built-in profiles, default first: each is accepted by [`Profile::builtin`]
/// (`jixiao --version` lists them).
#[must_use]
pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|(id, _)| *id).collect()
}

/// The TOML text of a built-in profile.
#[must_use]
pub fn builtin_text(id: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(i, _)| *i == id).map(|(_, t)| *t)
}

/// The built-in profile `id`, parsed the first time it is asked for and on its own (a start
/// parses only the profiles it uses, not all of them), its project profile not yet resolved.
fn parsed(id: &str) -> Option<&'static Profile> {
    static CELLS: [std::sync::OnceLock<Profile>; BUILTIN.len()] = [const { std::sync::OnceLock::new() }; BUILTIN.len()];
    let i = BUILTIN.iter().position(|(b, _)| *b == id)?;
    Some(CELLS[i].get_or_init(|| match Profile::from_toml(BUILTIN[i].1) {
        Ok(p) => p,
        // The embedded files are checked by unit tests (their ids too); this cannot happen in a
        // release.
        Err(e) => unreachable!("built-in profile {id} is invalid: {e}"),
    }))
}

impl Profile {
    /// Parses a profile from TOML text (no check of its sums: see `profile_file`).
    ///
    /// # Errors
    /// The TOML parser's message when the text is not a valid profile.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// The built-in profile with this id, its project profile resolved.
    #[must_use]
    pub fn builtin(id: &str) -> Option<Self> {
        Self::resolve(id, &[])
    }

    /// The profile with this id among `custom` (a bureau's files) and the built-ins, with the
    /// profile of its project sheets resolved the same way (itself when it names none).
    #[must_use]
    pub fn resolve(id: &str, custom: &[Profile]) -> Option<Self> {
        let mut p = custom.iter().find(|p| p.id == id).or_else(|| parsed(id)).cloned()?;
        p.sheet = match p.project.as_deref().filter(|s| *s != id) {
            None => ProjectSheet::Own,
            Some(s) => match custom.iter().find(|c| c.id == s) {
                Some(c) => ProjectSheet::Given(Box::new(Self { sheet: ProjectSheet::Own, ..c.clone() })),
                None => {
                    BUILTIN.iter().find(|(b, _)| *b == s).map_or(ProjectSheet::Own, |(b, _)| ProjectSheet::Builtin(b))
                }
            },
        };
        Some(p)
    }

    /// Whether `id` names a profile among `custom` and the built-ins.
    #[must_use]
    pub fn known(id: &str, custom: &[Profile]) -> bool {
        custom.iter().any(|p| p.id == id) || BUILTIN.iter().any(|(b, _)| *b == id)
    }

    /// The default (Hunan FY2023) profile.
    #[must_use]
    pub fn default_profile() -> Self {
        static P: std::sync::OnceLock<Profile> = std::sync::OnceLock::new();
        P.get_or_init(|| match Self::builtin(DEFAULT_PROFILE) {
            Some(p) => p,
            None => unreachable!("the default profile is built in"),
        })
        .clone()
    }

    /// How far a printed 执行率得分 may be from the computed one before E-11 (points): half
    /// the W-05 `score_tolerance`, so that a score printed one fen off is reported. The one
    /// place for it; both sheets' E-11 use it.
    #[must_use]
    pub fn exec_score_tolerance(&self) -> Decimal {
        self.score_tolerance / Decimal::TWO
    }

    /// The profile the project sheets are scored on.
    #[must_use]
    pub fn for_projects(&self) -> &Profile {
        match &self.sheet {
            ProjectSheet::Own => self,
            ProjectSheet::Given(p) => p,
            ProjectSheet::Builtin(id) => parsed(id).unwrap_or(self),
        }
    }

    /// Scores the project sheets on `p` (`None`: on this profile itself), whatever `project`
    /// names.
    pub fn set_for_projects(&mut self, p: Option<Profile>) {
        self.sheet =
            p.map_or(ProjectSheet::Own, |p| ProjectSheet::Given(Box::new(Self { sheet: ProjectSheet::Own, ..p })));
    }

    /// Whether rows of this 一级 / 二级 are 成本 indicators (W-08): key `cost`, or a key
    /// ending in `_cost` (成本 as a 一级, or as 二级 under 产出).
    #[must_use]
    pub fn is_cost(&self, level1: &str, level2: &str) -> bool {
        let cost = |k: &str| k == "cost" || k.ends_with("_cost");
        self.level1(level1).is_some_and(|l| cost(&l.key) || l.level2.iter().any(|m| m.name == level2 && cost(&m.key)))
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

    /// A built-in project profile is named, not parsed, until a project sheet needs it; a
    /// bureau's own is taken as given (its own project profile dropped); a profile naming
    /// itself, or one there is not, scores the sheets itself.
    #[test]
    fn the_project_sheets_profile_is_resolved_lazily_for_built_ins() {
        let hunan = Profile::builtin(DEFAULT_PROFILE).expect("built in");
        assert!(matches!(hunan.sheet, ProjectSheet::Builtin("hunan-2023-project")), "{:?}", hunan.sheet);
        assert_eq!(hunan.for_projects().id, "hunan-2023-project");
        assert!(matches!(hunan.for_projects().sheet, ProjectSheet::Own));
        // Resolved itself (its own project profile named), as a bureau's file never is.
        let mut own_sheet = Profile::builtin(DEFAULT_PROFILE).expect("built in");
        assert!(!matches!(own_sheet.sheet, ProjectSheet::Own));
        own_sheet.id = "bureau-project".into();
        let mut own = Profile::builtin(DEFAULT_PROFILE).expect("built in");
        own.id = "bureau".into();
        own.project = Some("bureau-project".into());
        let custom = [own, own_sheet];
        let p = Profile::resolve("bureau", &custom).expect("custom");
        assert!(
            matches!(&p.sheet, ProjectSheet::Given(s) if s.id == "bureau-project" && matches!(s.sheet, ProjectSheet::Own))
        );
        for project in [Some("bureau"), Some("no-such-profile"), None] {
            let mut c = custom.clone();
            c[0].project = project.map(String::from);
            let p = Profile::resolve("bureau", &c).expect("custom");
            assert!(matches!(p.sheet, ProjectSheet::Own), "{project:?}");
            assert_eq!(p.for_projects().id, "bureau");
        }
        let mut set = hunan.clone();
        set.set_for_projects(None);
        assert_eq!(set.for_projects().id, DEFAULT_PROFILE);
        set.set_for_projects(Some(hunan.clone()));
        assert!(matches!(&set.sheet, ProjectSheet::Given(s) if matches!(s.sheet, ProjectSheet::Own)));
    }

    #[test]
    fn builtin_profile_parses_and_is_consistent() {
        let p = Profile::default_profile();
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

    /// Each built-in profile is found by the id it is listed under, and says that id itself:
    /// `parsed` looks a profile up by its listed id without parsing the others.
    #[test]
    fn every_builtin_profile_is_listed_under_its_own_id() {
        for (id, text) in BUILTIN {
            let p = Profile::from_toml(text).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(p.id, *id);
            assert_eq!(parsed(id).map(|p| p.id.as_str()), Some(*id));
            assert!(Profile::known(id, &[]));
        }
        assert!(parsed("no-such-profile").is_none());
        assert!(!Profile::known("no-such-profile", &[]));
    }
}
