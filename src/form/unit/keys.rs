//! Handles of every field, table, grid cell and computed cell of the package. The definition
//! (`unit::build`) is made from these constants and every rule, formula and layout reads the
//! package through them: a misspelt name does not compile, and `tests/field_paths.rs` checks that
//! each handle resolves in the definition.

use crate::form::def::{CalcKey, ColKey, FieldKey, GroupKey, TableKey};

/// The project sheets (项目支出绩效自评表), one per project.
pub const PROJECTS: GroupKey = GroupKey("projects");

/// 基础数据表.
pub mod basic {
    use super::{CalcKey, FieldKey, TableKey};

    /// 年度.
    pub const FISCAL_YEAR: FieldKey = FieldKey("basic.fiscal_year");
    /// 预算单位名称.
    pub const UNIT_NAME: FieldKey = FieldKey("basic.unit_name");
    /// 编制数.
    pub const STAFF_QUOTA: FieldKey = FieldKey("basic.staff_quota");
    /// 实际在职人数.
    pub const STAFF_ACTUAL: FieldKey = FieldKey("basic.staff_actual");
    /// 控制率 (computed).
    pub const CONTROL_RATE: CalcKey = CalcKey("basic.control_rate");
    /// 厉行节约保障措施.
    pub const SAVING_MEASURES: FieldKey = FieldKey("basic.saving_measures");
    /// 单位负责人.
    pub const HEAD: FieldKey = FieldKey("basic.head");
    /// 填表人.
    pub const PREPARER: FieldKey = FieldKey("basic.preparer");
    /// 联系电话.
    pub const PHONE: FieldKey = FieldKey("basic.phone");
    /// 填报日期.
    pub const FILING_DATE: FieldKey = FieldKey("basic.filing_date");
    /// 本级专项资金 (one row per 专项).
    pub const SPECIAL_FUNDS: TableKey = TableKey("basic.special_funds");
    /// 楼堂馆所 (one row per completed project).
    pub const BUILDINGS: TableKey = TableKey("basic.buildings");
}

/// Defines a grid row's three cells as field handles: `[上年决算数, 本年预算数, 本年决算数]`.
macro_rules! fund_rows {
    ($($(#[$doc:meta])* $name:ident = $key:literal;)*) => {
        $(
            $(#[$doc])*
            pub const $name: [FieldKey; 3] = [
                FieldKey(concat!("basic.funds.", $key, ".prev_final")),
                FieldKey(concat!("basic.funds.", $key, ".budget")),
                FieldKey(concat!("basic.funds.", $key, ".final")),
            ];
        )*
        /// Every typed row.
        pub const ALL: &[[FieldKey; 3]] = &[$($name),*];
    };
}

/// 经费控制情况 (万元): one grid, three columns.
pub mod funds {
    use super::{CalcKey, FieldKey};

    /// The grid's path.
    pub const GRID: &str = "basic.funds";
    /// Its columns: 上年决算数, 本年预算数, 本年决算数.
    pub const COLUMNS: [&str; 3] = ["prev_final", "budget", "final"];
    /// Column index of 上年决算数.
    pub const PREV_FINAL: usize = 0;
    /// Column index of 本年预算数.
    pub const BUDGET: usize = 1;
    /// Column index of 本年决算数.
    pub const FINAL: usize = 2;
    /// Total row 三公经费.
    pub const THREE_PUBLIC: &str = "three_public";
    /// Total row 1、公务用车购置和维护经费.
    pub const CAR: &str = "car";
    /// Total row 项目支出.
    pub const PROJECTS: &str = "projects";

    /// A total row's computed cell.
    #[must_use]
    pub fn total(row: &str, col: usize) -> CalcKey {
        let key: &'static str = match (row, col) {
            (THREE_PUBLIC, 0) => "basic.funds.three_public.prev_final",
            (THREE_PUBLIC, 1) => "basic.funds.three_public.budget",
            (THREE_PUBLIC, _) => "basic.funds.three_public.final",
            (CAR, 0) => "basic.funds.car.prev_final",
            (CAR, 1) => "basic.funds.car.budget",
            (CAR, _) => "basic.funds.car.final",
            (_, 0) => "basic.funds.projects.prev_final",
            (_, 1) => "basic.funds.projects.budget",
            _ => "basic.funds.projects.final",
        };
        CalcKey(key)
    }

    fund_rows! {
        /// 其中：公车购置.
        CAR_PURCHASE = "car_purchase";
        /// 公车运行维护.
        CAR_OPERATION = "car_operation";
        /// 2、出国经费.
        ABROAD = "abroad";
        /// 3、公务接待.
        RECEPTION = "reception";
        /// 1、业务经费.
        PROJECT_BUSINESS = "project_business";
        /// 2、编外用工人员经费.
        PROJECT_CONTRACT_STAFF = "project_contract_staff";
        /// 公用经费.
        PUBLIC_FUNDS = "public_funds";
        /// 其中：办公经费.
        PUBLIC_OFFICE = "public_office";
        /// 水费、电费、差旅费.
        PUBLIC_UTILITIES = "public_utilities";
        /// 会议费、培训费.
        PUBLIC_MEETINGS = "public_meetings";
        /// 政府采购金额.
        PROCUREMENT = "procurement";
        /// 部门基本支出预算调整.
        BUDGET_ADJUSTMENT = "budget_adjustment";
    }
}

/// Columns of 本级专项资金.
pub mod special {
    use super::ColKey;

    /// 专项名称.
    pub const NAME: ColKey = ColKey("name");
    /// 对应项目 (the project sheet it belongs to, optional).
    pub const PROJECT: ColKey = ColKey("project");
    /// 上年决算数.
    pub const PREV_FINAL: ColKey = ColKey("prev_final");
    /// 本年预算数.
    pub const BUDGET: ColKey = ColKey("budget");
    /// 本年决算数.
    pub const FINAL: ColKey = ColKey("final");
    /// The money columns, in grid column order.
    pub const MONEY: [ColKey; 3] = [PREV_FINAL, BUDGET, FINAL];
}

/// Columns of 楼堂馆所.
pub mod building {
    use super::{CalcKey, ColKey};

    /// 项目名称.
    pub const NAME: ColKey = ColKey("name");
    /// 批复规模 (m²).
    pub const APPROVED_AREA: ColKey = ColKey("approved_area");
    /// 实际规模 (m²).
    pub const ACTUAL_AREA: ColKey = ColKey("actual_area");
    /// 预算投资 (万元).
    pub const BUDGET_INVESTMENT: ColKey = ColKey("budget_investment");
    /// 实际投资 (万元).
    pub const ACTUAL_INVESTMENT: ColKey = ColKey("actual_investment");
    /// 规模控制率 (computed).
    pub const AREA_RATE: CalcKey = CalcKey("area_rate");
    /// 投资概算控制率 (computed).
    pub const INVESTMENT_RATE: CalcKey = CalcKey("investment_rate");
}

/// 整体支出绩效自评表.
pub mod self_eval {
    use super::{CalcKey, FieldKey, TableKey};

    /// 预算单位名称.
    pub const UNIT_NAME: FieldKey = FieldKey("self_eval.unit_name");
    /// 年初预算数 (万元).
    pub const BUDGET_INITIAL: FieldKey = FieldKey("self_eval.budget_initial");
    /// 全年预算数 (调整后预算, 万元).
    pub const BUDGET_FULL: FieldKey = FieldKey("self_eval.budget_full");
    /// 全年执行数 (万元).
    pub const SPENT: FieldKey = FieldKey("self_eval.spent");
    /// 执行率 (computed).
    pub const EXEC_RATE: CalcKey = CalcKey("self_eval.exec_rate");
    /// 执行率得分 (computed).
    pub const EXEC_SCORE: CalcKey = CalcKey("self_eval.exec_score");
    /// 执行偏差说明.
    pub const EXEC_REASON: FieldKey = FieldKey("self_eval.exec_reason");
    /// 一般公共预算.
    pub const INCOME_GENERAL: FieldKey = FieldKey("self_eval.income_general");
    /// 政府性基金拨款.
    pub const INCOME_FUND: FieldKey = FieldKey("self_eval.income_fund");
    /// 纳入专户管理的非税收入拨款.
    pub const INCOME_SPECIAL_ACCOUNT: FieldKey = FieldKey("self_eval.income_special_account");
    /// 其他资金.
    pub const INCOME_OTHER: FieldKey = FieldKey("self_eval.income_other");
    /// 基本支出.
    pub const SPEND_BASIC: FieldKey = FieldKey("self_eval.spend_basic");
    /// 项目支出.
    pub const SPEND_PROJECT: FieldKey = FieldKey("self_eval.spend_project");
    /// 预期目标.
    pub const GOAL_EXPECTED: FieldKey = FieldKey("self_eval.goal_expected");
    /// 实际完成情况.
    pub const GOAL_ACTUAL: FieldKey = FieldKey("self_eval.goal_actual");
    /// 绩效指标.
    pub const INDICATORS: TableKey = TableKey("self_eval.indicators");
    /// Σ 三级分值 (computed).
    pub const INDICATOR_WEIGHTS: CalcKey = CalcKey("self_eval.indicator_weights");
    /// Σ 三级得分 (computed).
    pub const INDICATOR_SCORES: CalcKey = CalcKey("self_eval.indicator_scores");
    /// 合计分值 (computed).
    pub const TOTAL_WEIGHT: CalcKey = CalcKey("self_eval.total_weight");
    /// 合计得分 (computed).
    pub const TOTAL_SCORE: CalcKey = CalcKey("self_eval.total_score");
    /// 等级 (computed).
    pub const GRADE: CalcKey = CalcKey("self_eval.grade");
    /// 单位负责人.
    pub const HEAD: FieldKey = FieldKey("self_eval.head");
    /// 填表人.
    pub const PREPARER: FieldKey = FieldKey("self_eval.preparer");
    /// 联系电话.
    pub const PHONE: FieldKey = FieldKey("self_eval.phone");
    /// 填报日期.
    pub const FILING_DATE: FieldKey = FieldKey("self_eval.filing_date");
}

/// 自评报告.
pub mod report {
    use super::{CalcKey, FieldKey};

    /// 部门（单位）名称 (cover).
    pub const UNIT_NAME: FieldKey = FieldKey("report.unit_name");
    /// 封面日期.
    pub const COVER_DATE: FieldKey = FieldKey("report.cover_date");
    /// 一（一）职能职责.
    pub const FUNCTIONS: FieldKey = FieldKey("report.functions");
    /// 一（二）机构设置.
    pub const ORGANISATION: FieldKey = FieldKey("report.organisation");
    /// 编制数 as the report states it.
    pub const STAFF_QUOTA: FieldKey = FieldKey("report.staff_quota");
    /// 在职人数 as the report states it.
    pub const STAFF_ACTUAL: FieldKey = FieldKey("report.staff_actual");
    /// 编外 / 劳务派遣人数.
    pub const STAFF_CONTRACT: FieldKey = FieldKey("report.staff_contract");
    /// 二 一般公共预算支出 (万元).
    pub const GENERAL_TOTAL: FieldKey = FieldKey("report.general_total");
    /// 二 lead text.
    pub const GENERAL_TEXT: FieldKey = FieldKey("report.general_text");
    /// 二（一）基本支出 (万元).
    pub const BASIC_TOTAL: FieldKey = FieldKey("report.basic_total");
    /// 工资福利支出.
    pub const BASIC_WAGES: FieldKey = FieldKey("report.basic_wages");
    /// 商品和服务支出.
    pub const BASIC_GOODS: FieldKey = FieldKey("report.basic_goods");
    /// 对个人和家庭的补助.
    pub const BASIC_HOUSEHOLDS: FieldKey = FieldKey("report.basic_households");
    /// 资本性支出.
    pub const BASIC_CAPITAL: FieldKey = FieldKey("report.basic_capital");
    /// 二（一）text.
    pub const BASIC_TEXT: FieldKey = FieldKey("report.basic_text");
    /// 二（二）项目支出 (万元).
    pub const PROJECT_TOTAL: FieldKey = FieldKey("report.project_total");
    /// 二（二）text.
    pub const PROJECT_TEXT: FieldKey = FieldKey("report.project_text");
    /// 三 政府性基金预算支出.
    pub const FUND_TOTAL: FieldKey = FieldKey("report.fund_total");
    /// 三 text.
    pub const FUND_TEXT: FieldKey = FieldKey("report.fund_text");
    /// 四 国有资本经营预算支出.
    pub const STATE_CAPITAL_TOTAL: FieldKey = FieldKey("report.state_capital_total");
    /// 四 text.
    pub const STATE_CAPITAL_TEXT: FieldKey = FieldKey("report.state_capital_text");
    /// 五 社会保险基金预算支出.
    pub const SOCIAL_INSURANCE_TOTAL: FieldKey = FieldKey("report.social_insurance_total");
    /// 五 text.
    pub const SOCIAL_INSURANCE_TEXT: FieldKey = FieldKey("report.social_insurance_text");
    /// 六 自评得分 (computed: the table's 合计得分; a typed v1 value becomes `[stated]`).
    pub const SCORE: CalcKey = CalcKey("report.score");
    /// 六 绩效情况.
    pub const PERFORMANCE: FieldKey = FieldKey("report.performance");
    /// 七 存在的问题及原因分析.
    pub const PROBLEMS: FieldKey = FieldKey("report.problems");
    /// 八 下一步改进措施.
    pub const MEASURES: FieldKey = FieldKey("report.measures");
    /// 九 自评结果拟应用和公开情况.
    pub const APPLICATION: FieldKey = FieldKey("report.application");
    /// 十 其他需要说明的情况.
    pub const OTHER: FieldKey = FieldKey("report.other");
}

/// Every field handle of the package (for the test that each one resolves).
#[must_use]
pub fn all_fields() -> Vec<FieldKey> {
    let mut out = vec![
        basic::FISCAL_YEAR,
        basic::UNIT_NAME,
        basic::STAFF_QUOTA,
        basic::STAFF_ACTUAL,
        basic::SAVING_MEASURES,
        basic::HEAD,
        basic::PREPARER,
        basic::PHONE,
        basic::FILING_DATE,
        self_eval::UNIT_NAME,
        self_eval::BUDGET_INITIAL,
        self_eval::BUDGET_FULL,
        self_eval::SPENT,
        self_eval::EXEC_REASON,
        self_eval::INCOME_GENERAL,
        self_eval::INCOME_FUND,
        self_eval::INCOME_SPECIAL_ACCOUNT,
        self_eval::INCOME_OTHER,
        self_eval::SPEND_BASIC,
        self_eval::SPEND_PROJECT,
        self_eval::GOAL_EXPECTED,
        self_eval::GOAL_ACTUAL,
        self_eval::HEAD,
        self_eval::PREPARER,
        self_eval::PHONE,
        self_eval::FILING_DATE,
        report::UNIT_NAME,
        report::COVER_DATE,
        report::FUNCTIONS,
        report::ORGANISATION,
        report::STAFF_QUOTA,
        report::STAFF_ACTUAL,
        report::STAFF_CONTRACT,
        report::GENERAL_TOTAL,
        report::GENERAL_TEXT,
        report::BASIC_TOTAL,
        report::BASIC_WAGES,
        report::BASIC_GOODS,
        report::BASIC_HOUSEHOLDS,
        report::BASIC_CAPITAL,
        report::BASIC_TEXT,
        report::PROJECT_TOTAL,
        report::PROJECT_TEXT,
        report::FUND_TOTAL,
        report::FUND_TEXT,
        report::STATE_CAPITAL_TOTAL,
        report::STATE_CAPITAL_TEXT,
        report::SOCIAL_INSURANCE_TOTAL,
        report::SOCIAL_INSURANCE_TEXT,
        report::PERFORMANCE,
        report::PROBLEMS,
        report::MEASURES,
        report::APPLICATION,
        report::OTHER,
    ];
    out.extend(funds::ALL.iter().flatten().copied());
    out
}

/// Every computed-cell handle that names a scalar or grid cell.
#[must_use]
pub fn all_calcs() -> Vec<CalcKey> {
    let mut out = vec![
        basic::CONTROL_RATE,
        self_eval::EXEC_RATE,
        self_eval::EXEC_SCORE,
        self_eval::INDICATOR_WEIGHTS,
        self_eval::INDICATOR_SCORES,
        self_eval::TOTAL_WEIGHT,
        self_eval::TOTAL_SCORE,
        self_eval::GRADE,
        report::SCORE,
    ];
    for row in [funds::THREE_PUBLIC, funds::CAR, funds::PROJECTS] {
        out.extend((0..3).map(|c| funds::total(row, c)));
    }
    out
}
