//! Handles of every field, table and computed cell of a 项目支出绩效自评表. Paths are relative
//! to the sheet; inside a package a sheet's values sit under `projects.<n>.`.

use crate::form::def::{CalcKey, FieldKey, TableKey};

/// 项目名称.
pub const NAME: FieldKey = FieldKey("name");
/// 主管部门.
pub const DEPARTMENT: FieldKey = FieldKey("department");
/// 实施单位.
pub const IMPLEMENTER: FieldKey = FieldKey("implementer");
/// 项目负责人.
pub const MANAGER: FieldKey = FieldKey("manager");
/// 联系电话.
pub const PHONE: FieldKey = FieldKey("phone");
/// 执行偏差说明.
pub const EXEC_REASON: FieldKey = FieldKey("exec_reason");
/// 年度总体目标 · 预期目标.
pub const GOAL_EXPECTED: FieldKey = FieldKey("goal_expected");
/// 年度总体目标 · 实际完成情况.
pub const GOAL_ACTUAL: FieldKey = FieldKey("goal_actual");
/// 绩效指标.
pub const INDICATORS: TableKey = TableKey("indicators");
/// 单位负责人.
pub const HEAD: FieldKey = FieldKey("head");
/// 填表人.
pub const PREPARER: FieldKey = FieldKey("preparer");
/// 填报日期.
pub const FILING_DATE: FieldKey = FieldKey("filing_date");

/// 执行率 (computed).
pub const EXEC_RATE: CalcKey = CalcKey("exec_rate");
/// 执行率得分 (computed).
pub const EXEC_SCORE: CalcKey = CalcKey("exec_score");
/// Σ 三级分值 (computed).
pub const INDICATOR_WEIGHTS: CalcKey = CalcKey("indicator_weights");
/// Σ 三级得分 (computed).
pub const INDICATOR_SCORES: CalcKey = CalcKey("indicator_scores");
/// 合计分值 (computed).
pub const TOTAL_WEIGHT: CalcKey = CalcKey("total_weight");
/// 总分 (computed).
pub const TOTAL_SCORE: CalcKey = CalcKey("total_score");
/// 等级 (computed).
pub const GRADE: CalcKey = CalcKey("grade");

/// Defines a funding row's three cells: `[年初预算数, 全年预算数, 全年执行数]`.
macro_rules! funding_rows {
    ($($(#[$doc:meta])* $name:ident = $key:literal;)*) => {
        $(
            $(#[$doc])*
            pub const $name: [FieldKey; 3] = [
                FieldKey(concat!("funds.", $key, ".budget_initial")),
                FieldKey(concat!("funds.", $key, ".budget_full")),
                FieldKey(concat!("funds.", $key, ".spent")),
            ];
        )*
        /// Every typed row.
        pub const ALL: &[[FieldKey; 3]] = &[$($name),*];
    };
}

/// 项目资金 (万元): 年度资金总额 = 本年财政拨款 + 上年结转资金 + 其他资金, per column.
pub mod funds {
    use super::{CalcKey, FieldKey};

    /// The grid's path.
    pub const GRID: &str = "funds";
    /// Its columns: 年初预算数, 全年预算数, 全年执行数.
    pub const COLUMNS: [&str; 3] = ["budget_initial", "budget_full", "spent"];
    /// Column index of 年初预算数.
    pub const INITIAL: usize = 0;
    /// Column index of 全年预算数.
    pub const FULL: usize = 1;
    /// Column index of 全年执行数.
    pub const SPENT: usize = 2;
    /// Total row 年度资金总额.
    pub const TOTAL: &str = "total";
    /// 年度资金总额 · 年初预算数 (computed).
    pub const TOTAL_INITIAL: CalcKey = CalcKey("funds.total.budget_initial");
    /// 年度资金总额 · 全年预算数 (computed).
    pub const TOTAL_FULL: CalcKey = CalcKey("funds.total.budget_full");
    /// 年度资金总额 · 全年执行数 (computed).
    pub const TOTAL_SPENT: CalcKey = CalcKey("funds.total.spent");
    /// The total row's cells, in column order.
    pub const TOTALS: [CalcKey; 3] = [TOTAL_INITIAL, TOTAL_FULL, TOTAL_SPENT];

    funding_rows! {
        /// 其中：本年财政拨款.
        FISCAL = "fiscal";
        /// 上年结转资金.
        CARRYOVER = "carryover";
        /// 其他资金.
        OTHER = "other";
    }
}

/// Every field handle of the sheet.
#[must_use]
pub fn all_fields() -> Vec<FieldKey> {
    let mut out = vec![
        NAME,
        DEPARTMENT,
        IMPLEMENTER,
        MANAGER,
        PHONE,
        EXEC_REASON,
        GOAL_EXPECTED,
        GOAL_ACTUAL,
        HEAD,
        PREPARER,
        FILING_DATE,
    ];
    out.extend(funds::ALL.iter().flatten().copied());
    out
}

/// Every computed-cell handle of the sheet that names a scalar or grid cell.
#[must_use]
pub fn all_calcs() -> Vec<CalcKey> {
    let mut out = vec![EXEC_RATE, EXEC_SCORE, INDICATOR_WEIGHTS, INDICATOR_SCORES, TOTAL_WEIGHT, TOTAL_SCORE, GRADE];
    out.extend(funds::TOTALS);
    out
}
