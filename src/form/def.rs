//! What a form is made of, as data: fields, grids, repeatable tables, computed cells, sections
//! (with an optional "shown when" condition) and repeatable groups of a sub-form (the
//! 项目支出绩效自评表, one per project). A [`Form`] is a value: the package names its form by id
//! and carries it, and everything generic (the data file, the wizard's screens, the field
//! checks, help and docs) is derived from it. What only one form knows (its formulas, rules,
//! printed layout, wizard assistance and migrations) is its [`Behaviour`].
//!
//! **Handles.** A form's own module declares its fields as constants ([`FieldKey`],
//! [`TableKey`], [`ColKey`], [`GroupKey`]) and builds its definition from the same constants, so
//! a misspelt field does not compile; `tests/field_paths.rs` checks that every handle resolves.
//!
//! **Paths.** A value is addressed by a dotted path: `basic.staff_quota` (a field),
//! `basic.funds.car_operation.final` (a grid cell, itself a field), `self_eval.indicators.3.score`
//! (row 3, 1-based, of a table), `projects.2.indicators.1.score` (a cell of the second project's
//! sheet). Computed cells have paths too (`self_eval.exec_rate`,
//! `basic.buildings.1.area_rate`), which are also the keys of their `[stated]` transcription.

use std::collections::BTreeMap;

use super::issue::Issue;
use super::layout::Layout;
use super::package::Package;
use super::profile::Profile;
use crate::i18n::Catalog;

/// Lists of choices a field picks from (the indicator vocabulary of the profile).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choices {
    /// 一级指标 from the profile.
    Level1,
    /// 二级指标 from the profile, for the 一级 in the named column of the same row.
    Level2(ColKey),
    /// 指标性质: ≥ ≤ = 定性.
    Nature,
    /// 定性 tier: 达成 / 部分达成 / 未达成.
    Tier,
}

/// What a field holds; decides its parser, its editor and how it is written to the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Fiscal year, 2000–2100.
    Year,
    /// Money in 万元.
    Money,
    /// Headcount.
    Integer,
    /// Area in m², 2 decimals.
    Area,
    /// 分值 / 得分, 2 decimals, 0–100.
    Score,
    /// Single-line text.
    Line,
    /// Multi-line text (textarea).
    LongText,
    /// Full date.
    Date,
    /// Phone number.
    Phone,
    /// Personal name (signature).
    Name,
    /// One of a list.
    Choice(Choices),
}

impl Kind {
    /// Whether the file writes a valid value as a bare TOML number.
    #[must_use]
    pub fn is_numeric(self) -> bool {
        matches!(self, Self::Year | Self::Money | Self::Integer | Self::Area | Self::Score)
    }

    /// The short format hint shown beside a field's label (locale key `hint.<kind>`); the
    /// full `expect` text is in F1 help and in error messages.
    #[must_use]
    pub fn hint_key(self) -> String {
        format!("hint.{}", self.expect_key().trim_start_matches("expect."))
    }

    /// The locale key of what this kind expects.
    #[must_use]
    pub fn expect_key(self) -> &'static str {
        match self {
            Self::Year => "expect.year",
            Self::Money => "expect.money",
            Self::Integer => "expect.integer",
            Self::Area => "expect.area",
            Self::Score => "expect.score",
            Self::Line => "expect.line",
            Self::LongText => "expect.long_text",
            Self::Date => "expect.date",
            Self::Phone => "expect.phone",
            Self::Name => "expect.name",
            Self::Choice(_) => "expect.choice",
        }
    }
}

/// What becomes of a value when next year's package starts from this one (`jixiao new FILE
/// --from LAST`, `form::carry`). Every field and table column declares one, so a field added to
/// a form cannot be forgotten by the carry-over (`tests/carry.rs` checks each fate).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Carry {
    /// Kept: it describes the unit (name, people, 职能职责) or is planned ahead (an indicator's
    /// 年度指标值 and 分值).
    Keep,
    /// Emptied: it is this year's figure or judgement.
    Clear,
    /// Emptied, with last year's text kept beside the package as a reference the wizard shows
    /// (F1), never as a value (绩效情况, 问题…). Scalar fields only: a table row may move.
    Reference,
    /// Takes last year's value of a sibling: the field whose path ends in this name instead of
    /// its own last part — the same grid row or table row (上年决算数 ← 本年决算数).
    From(&'static str),
    /// The fiscal year: the new package's year; last year's is kept as a reference.
    Year,
}

/// Handle of a scalar field (grid cells are fields too).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldKey(pub &'static str);

/// Handle of a repeatable table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TableKey(pub &'static str);

/// Handle of a table column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ColKey(pub &'static str);

/// Handle of a repeatable group of sub-forms (the project sheets).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupKey(pub &'static str);

/// Handle of a computed cell: its path (scalar) or its column name (per table row).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalcKey(pub &'static str);

impl FieldKey {
    /// The field's path within its form.
    #[must_use]
    pub fn path(self) -> &'static str {
        self.0
    }
}

/// One input field (scalar or grid cell).
#[derive(Clone, Debug)]
pub struct Field {
    /// Path within the form.
    pub key: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Required for a complete package (E-01).
    pub required: bool,
    /// Locale keys whose texts, joined by " · ", make the label.
    pub label: Vec<String>,
    /// Locale key of the help text.
    pub help: String,
    /// What next year's package does with it.
    pub carry: Carry,
}

/// One column of a repeatable table.
#[derive(Clone, Debug)]
pub struct Column {
    /// Column name (key in the row).
    pub key: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Required in every row.
    pub required: bool,
    /// Locale key of the label (`field.<table>.<col>`).
    pub label: String,
    /// Locale key of the help text.
    pub help: String,
    /// Locale key of the short label in a narrow table header (the label when absent).
    pub short: String,
    /// Width on screen: (minimum columns, share of the extra width).
    pub width: (u16, u16),
    /// What next year's package does with it.
    pub carry: Carry,
}

/// A computed column of a table (one value per row).
#[derive(Clone, Copy, Debug)]
pub struct CalcColumn {
    /// Its name: locale stem `calc.<name>` and the last part of its path.
    pub key: CalcKey,
    /// Width on screen: (minimum columns, share of the extra width).
    pub width: (u16, u16),
    /// The input column it stands right after on screen (建议 after 得分); `None`: at the end.
    pub after: Option<ColKey>,
}

/// One column of a table as it stands on screen.
#[derive(Clone, Copy, Debug)]
pub enum TableColumn<'a> {
    /// A typed column.
    Input(&'a Column),
    /// A computed column.
    Computed(&'a CalcColumn),
}

/// A repeatable table (rows added and removed by the user).
#[derive(Clone, Debug)]
pub struct Table {
    /// Path of the table within the form.
    pub key: &'static str,
    /// Its columns.
    pub columns: Vec<Column>,
    /// Computed columns (placed on screen by their `after`).
    pub computed: Vec<CalcColumn>,
    /// Columns a new row copies from the row above it (一级 and 二级 of an indicator row).
    pub copy_down: Vec<ColKey>,
    /// Most rows accepted.
    pub max_rows: usize,
}

impl Table {
    /// The column named `col`.
    #[must_use]
    pub fn column(&self, col: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.key == col)
    }

    /// Every column in screen order: the typed columns in order, each computed column right
    /// after the typed column it names, the rest at the end. The wizard's slots (Tab and arrow
    /// order) and the drawn table both follow it.
    #[must_use]
    pub fn screen_order(&self) -> Vec<TableColumn<'_>> {
        let mut out = Vec::with_capacity(self.columns.len() + self.computed.len());
        for c in &self.columns {
            out.push(TableColumn::Input(c));
            out.extend(
                self.computed.iter().filter(|k| k.after.is_some_and(|a| a.0 == c.key)).map(TableColumn::Computed),
            );
        }
        let placed = |k: &CalcColumn| k.after.is_some_and(|a| self.columns.iter().any(|c| c.key == a.0));
        out.extend(self.computed.iter().filter(|k| !placed(k)).map(TableColumn::Computed));
        out
    }
}

/// One row of a grid: typed cells, or a computed total of other rows.
#[derive(Clone, Debug)]
pub enum GridRow {
    /// A typed row: one money field per grid column, `<grid>.<key>.<column>`.
    Input {
        /// Row key.
        key: &'static str,
        /// Indent level for display (其中 rows).
        indent: u8,
    },
    /// A computed row: per column, the sum of `parts` (rows of this grid) and of a table's
    /// column of the same name. Its path is `<grid>.<key>.<column>`; locale `calc.<key>`.
    Total {
        /// Row key (and calc name).
        key: &'static str,
        /// Indent level.
        indent: u8,
        /// Input or total rows summed.
        parts: &'static [&'static str],
        /// A table whose rows are summed too (本级专项资金), shown here as their count.
        table: Option<TableKey>,
    },
}

impl GridRow {
    /// The row key.
    #[must_use]
    pub fn key(&self) -> &'static str {
        match self {
            Self::Input { key, .. } | Self::Total { key, .. } => key,
        }
    }

    /// The indent level.
    #[must_use]
    pub fn indent(&self) -> u8 {
        match self {
            Self::Input { indent, .. } | Self::Total { indent, .. } => *indent,
        }
    }
}

/// A grid of money cells: rows × columns (the 经费控制情况 table, a project's 资金 block).
#[derive(Clone, Debug)]
pub struct Grid {
    /// Path prefix of its cells.
    pub key: &'static str,
    /// Column keys; labels `column.<key>` (with `{year}`/`{prev}` variants `column.<key>_y`).
    pub columns: &'static [&'static str],
    /// Rows in printed order.
    pub rows: Vec<GridRow>,
}

/// What a section screen shows, in order. The printed report reads the same items.
#[derive(Clone, Debug)]
pub enum Item {
    /// A scalar field.
    Field(FieldKey),
    /// A computed value (path).
    Calc(CalcKey),
    /// A grid (index into [`Form::grids`]).
    Grid(usize),
    /// A repeatable table.
    Table(TableKey),
    /// The list of a repeatable group's instances (the projects): each instance's sheet
    /// follows this section as its own group of sections.
    Group(GroupKey),
}

/// Whether a section applies to this package and profile.
pub type Shown = fn(&Package, &Profile) -> bool;

/// One wizard screen / one block of a document.
#[derive(Clone, Debug)]
pub struct Section {
    /// Stable id, used by `--section` and in locale keys `section.<locale><id>`.
    pub id: &'static str,
    /// The document it belongs to (locale `doc.<doc>`).
    pub doc: &'static str,
    /// What it shows.
    pub items: Vec<Item>,
    /// Shown only when this holds (always when `None`).
    pub shown: Option<Shown>,
}

/// A repeatable group of sub-form instances (the project sheets).
#[derive(Clone, Copy, Debug)]
pub struct Group {
    /// Its key in paths and in the file (`projects`).
    pub key: GroupKey,
    /// The sub-form every instance is filled on.
    pub form: fn() -> &'static Form,
    /// The sub-form's field that names an instance (项目名称).
    pub name: FieldKey,
    /// Computed cells of the sub-form shown beside each instance in the list.
    pub summary: &'static [CalcKey],
    /// Most instances accepted.
    pub max: usize,
}

/// A computed cell: what it is called and how it is worked out (locale `calc.<name>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Calc {
    /// Path of a scalar computed cell, or `<table>.<calc>` of a computed column.
    pub path: &'static str,
    /// Locale stem: `calc.<name>.label`, `calc.<name>.formula`.
    pub name: &'static str,
}

/// A computed value as shown on screen and in the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Figure {
    /// An amount (万元).
    Money(rust_decimal::Decimal),
    /// A percentage (points); `None` shows "—" (a zero denominator or missing inputs).
    Percent(Option<rust_decimal::Decimal>),
    /// A score, with its maximum when one applies (`10.00 / 10.00`).
    Score(Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>),
    /// A grade (locale `grade.<key>`), or none yet.
    Grade(Option<super::profile::Grade>),
    /// An indicator row's rule score or band, or why it cannot be scored.
    Proposal(super::scoring::Proposal),
}

/// One part of the running score (预算执行, 三级指标…).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScorePart {
    /// Locale key of its name.
    pub label: &'static str,
    /// Points earned so far (`None`: cannot be worked out yet).
    pub score: Option<rust_decimal::Decimal>,
    /// Points its rows are worth.
    pub weight: rust_decimal::Decimal,
    /// Points the profile says its rows should be worth, when it says (Σ 三级分值 = 90).
    pub want: Option<rust_decimal::Decimal>,
    /// The rate the points follow from, in percent (执行率), when there is one.
    pub rate: Option<rust_decimal::Decimal>,
    /// Locale key of the rule behind it.
    pub rule: &'static str,
}

/// The running score of one sheet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// The parts, in form order.
    pub parts: Vec<ScorePart>,
    /// Σ 分值 and Σ 得分 per 一级 of the indicator table.
    pub levels: Vec<super::scoring::LevelSum>,
    /// 合计得分.
    pub total: rust_decimal::Decimal,
    /// 合计分值.
    pub weight: rust_decimal::Decimal,
    /// The grade of the total (information only, domain §2.4).
    pub grade: Option<super::profile::Grade>,
    /// Whether every input of the score has been given (until then, show progress, not a grade).
    pub complete: bool,
}

/// What checking a package gives: every computed cell, every issue, every sheet's score.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checked {
    /// Computed cells by path.
    pub figures: BTreeMap<String, Figure>,
    /// Every error and warning.
    pub issues: Vec<Issue>,
    /// Scores by sheet: `""` for the package, `projects.2.` for the second project.
    pub scores: BTreeMap<String, Score>,
}

impl Checked {
    /// The package's own score.
    #[must_use]
    pub fn score(&self) -> Score {
        self.scores.get("").cloned().unwrap_or_default()
    }
}

/// A value the form fills in for the user (visible and editable): path and text.
pub type Fill = (String, String);

/// What only one form knows: its formulas and rules, its printed layout, the wizard's
/// conveniences and the migration of older files. Pure.
pub trait Behaviour: Sync + Send {
    /// Every computed cell, issue and score of `pkg` (a package of this form).
    fn check(&self, pkg: &Package, profile: &Profile) -> Checked;

    /// The printed documents, as a layout the renderers (text, office files) draw.
    fn layout(&self, pkg: &Package, profile: &Profile, cat: &Catalog) -> Layout;

    /// Values to fill when the user arrives in a section, `at` = (prefix of its sheet: `""` or
    /// `projects.2.`; section id), for fields still empty: copied from earlier answers or worked
    /// out (the unit name again, the list of projects…).
    /// Generated texts are written in the language of `cat`.
    fn prefill(&self, pkg: &Package, checked: &Checked, at: (&str, &str), cat: &Catalog) -> Vec<Fill> {
        let _ = (pkg, checked, at, cat);
        Vec::new()
    }

    /// Values implied by a value just committed at `path` (an indicator's 指标性质 from its
    /// target, its rule score).
    fn autofill(&self, pkg: &Package, profile: &Profile, path: &str) -> Vec<Fill> {
        let _ = (pkg, profile, path);
        Vec::new()
    }

    /// Whether Tab stops at the input cell `path` (issue 13): a cell the user may need to fill
    /// now. Not: a cell that does not apply to its row (定性评价档次 on a ≥ row), one the form
    /// fills itself until it is questioned (指标性质 from the target), an optional cell not
    /// called for (偏差原因 on a row at full marks). Arrows still reach every cell.
    ///
    /// `sheet` is the package of this form holding the cell, `path` the cell's path within it,
    /// and `questioned(path)` whether the check raised an issue there.
    fn tab_stop(&self, sheet: &Package, questioned: &dyn Fn(&str) -> bool, path: &str) -> bool {
        let _ = (sheet, questioned, path);
        true
    }

    /// Where the focus should go after the user leaves `path`, when the form needs something
    /// there first (a score below the rule asks for its reason): the path and the note key.
    fn follow_up(&self, checked: &Checked, path: &str) -> Option<(String, &'static str)> {
        let _ = (checked, path);
        None
    }

    /// Turns the raw data of an older file version into the current one (issue 12: v1 → v2).
    fn migrate(&self, version: i64, data: &mut Migrating) {
        let _ = (version, data);
    }
}

/// The raw data of a file being migrated: scalar texts by path and `[stated]` values.
#[derive(Clone, Debug, Default)]
pub struct Migrating {
    /// Scalar values by path.
    pub values: BTreeMap<String, String>,
    /// `[stated]` transcriptions.
    pub stated: BTreeMap<String, String>,
}

/// A form: what it holds, how it is shown, and its behaviour.
pub struct Form {
    /// The id written in data files (`[jixiao] form`).
    pub id: &'static str,
    /// The newest data file version of this form.
    pub version: i64,
    /// Prefix of this form's locale keys (`""`, or `project.` for the project sheet).
    pub locale: &'static str,
    /// Its documents, in order (locale `doc.<key>`).
    pub docs: Vec<&'static str>,
    /// The field holding the fiscal year, if the form has one.
    pub fiscal_year: Option<FieldKey>,
    /// Every scalar field, including grid cells, in form order.
    pub fields: Vec<Field>,
    /// The grids.
    pub grids: Vec<Grid>,
    /// The repeatable tables.
    pub tables: Vec<Table>,
    /// The computed cells.
    pub calcs: Vec<Calc>,
    /// The sections, in wizard order.
    pub sections: Vec<Section>,
    /// Repeatable groups of sub-forms.
    pub groups: Vec<Group>,
    /// What only this form knows.
    pub behaviour: &'static dyn Behaviour,
    /// The fields by path, built at the first look-up (reading a file looks up every key).
    pub index: FieldIndex,
}

/// A form's fields by path, built once on first use.
#[derive(Default)]
pub struct FieldIndex(std::sync::OnceLock<std::collections::HashMap<&'static str, usize>>);

impl std::fmt::Debug for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Form").field("id", &self.id).finish_non_exhaustive()
    }
}

/// What a path names.
#[derive(Clone, Copy, Debug)]
pub enum Target<'f> {
    /// A scalar field or grid cell.
    Field(&'f Field),
    /// A table cell (row is 1-based).
    Cell(&'f Table, usize, &'f Column),
    /// A whole table.
    Table(&'f Table),
    /// A computed cell; for a computed column, the 1-based row.
    Calc(&'f Calc, Option<usize>),
    /// A group (the project list).
    Group(&'f Group),
}

/// A path resolved: the form it belongs to, the group instances it lies in, what it names.
#[derive(Clone, Debug)]
pub struct Resolved<'f> {
    /// The (sub-)form the target belongs to.
    pub form: &'f Form,
    /// Group instances on the way (`projects`, 1-based index), outermost first.
    pub within: Vec<(GroupKey, usize)>,
    /// The path prefix of the instance (`projects.2.`), empty at the top.
    pub prefix: String,
    /// What the rest of the path names.
    pub target: Target<'f>,
}

impl Form {
    /// The scalar field with this path (within this form).
    #[must_use]
    pub fn field(&self, key: &str) -> Option<&Field> {
        let index = self.index.0.get_or_init(|| self.fields.iter().enumerate().map(|(i, f)| (f.key, i)).collect());
        index.get(key).and_then(|i| self.fields.get(*i))
    }

    /// The table with this path.
    #[must_use]
    pub fn table(&self, key: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.key == key)
    }

    /// The group with this key.
    #[must_use]
    pub fn group(&self, key: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.key.0 == key)
    }

    /// The section with this id.
    #[must_use]
    pub fn section(&self, id: &str) -> Option<(usize, &Section)> {
        self.sections.iter().enumerate().find(|(_, s)| s.id == id)
    }

    /// The computed cell with this path (scalar) or `<table>.<name>` (column).
    #[must_use]
    pub fn calc(&self, path: &str) -> Option<&Calc> {
        self.calcs.iter().find(|c| c.path == path)
    }

    /// Resolves any path: field, grid cell, table, table cell, computed cell, group, or any of
    /// these inside a group instance (`projects.2.…`).
    #[must_use]
    pub fn resolve(&self, path: &str) -> Option<Resolved<'_>> {
        let here = |target| Some(Resolved { form: self, within: Vec::new(), prefix: String::new(), target });
        if let Some(f) = self.field(path) {
            return here(Target::Field(f));
        }
        if let Some(t) = self.table(path) {
            return here(Target::Table(t));
        }
        if let Some(c) = self.calc(path) {
            return here(Target::Calc(c, None));
        }
        if let Some(g) = self.group(path) {
            return here(Target::Group(g));
        }
        if let Some((head, rest)) = path.split_once('.') {
            if let Some(g) = self.group(head) {
                let (n, rest) = rest.split_once('.')?;
                let n: usize = n.parse().ok().filter(|n| *n >= 1)?;
                let mut inner = (g.form)().resolve(rest)?;
                inner.within.insert(0, (g.key, n));
                inner.prefix = format!("{head}.{n}.{}", inner.prefix);
                return Some(inner);
            }
        }
        let (table, row, col) = split_cell(path)?;
        let t = self.table(table)?;
        if let Some(c) = t.column(col) {
            return here(Target::Cell(t, row, c));
        }
        let calc = self.calc(&format!("{table}.{col}"))?;
        here(Target::Calc(calc, Some(row)))
    }

    /// The index of the section (of this form, not through groups) that shows `path`: a
    /// field, grid cell, table, table cell or computed cell.
    #[must_use]
    pub fn section_of(&self, path: &str) -> Option<usize> {
        let table_key = split_cell(path).map_or(path, |(t, _, _)| t);
        self.sections.iter().position(|s| {
            s.items.iter().any(|item| match item {
                Item::Field(f) => f.0 == path,
                Item::Calc(c) => c.0 == path,
                Item::Table(t) => t.0 == table_key || t.0 == path,
                Item::Grid(g) => path.strip_prefix(self.grids[*g].key).is_some_and(|r| r.starts_with('.')),
                Item::Group(g) => g.0 == path,
            })
        })
    }

    /// The locale key of a section's title.
    #[must_use]
    pub fn section_key(&self, id: &str) -> String {
        format!("section.{}{id}", self.locale)
    }

    /// The locale key of a table's name.
    #[must_use]
    pub fn table_key(&self, table: &str) -> String {
        format!("table.{}{table}", self.locale)
    }

    /// The locale key of a document's title.
    #[must_use]
    pub fn doc_key(&self, doc: &str) -> String {
        format!("doc.{doc}")
    }
}

/// Splits a table-cell path `basic.buildings.2.name` into (`basic.buildings`, 2, `name`).
#[must_use]
pub fn split_cell(path: &str) -> Option<(&str, usize, &str)> {
    let (rest, col) = path.rsplit_once('.')?;
    let (table, row) = rest.rsplit_once('.')?;
    let row: usize = row.parse().ok().filter(|r| *r >= 1)?;
    Some((table, row, col))
}

/// Builds a table-cell path (row is 1-based).
#[must_use]
pub fn cell_path(table: &str, row: usize, col: &str) -> String {
    [table, ".", &row.to_string(), ".", col].concat()
}

/// A scalar field definition with the usual locale keys (`field.<locale><key>`).
#[must_use]
pub fn field(locale: &str, key: FieldKey, kind: Kind, required: bool, carry: Carry) -> Field {
    Field {
        key: key.0,
        kind,
        required,
        label: vec![["field.", locale, key.0].concat()],
        help: ["help.", locale, key.0].concat(),
        carry,
    }
}

/// A table column with the usual locale keys (`field.<locale><table>.<col>`).
#[must_use]
pub fn column(
    locale: &str,
    table: TableKey,
    col: ColKey,
    kind: Kind,
    required: bool,
    width: (u16, u16),
    carry: Carry,
) -> Column {
    Column {
        key: col.0,
        kind,
        required,
        label: ["field.", locale, table.0, ".", col.0].concat(),
        help: ["help.", locale, table.0, ".", col.0].concat(),
        short: ["short.", locale, table.0, ".", col.0].concat(),
        width,
        carry,
    }
}

/// The fields of a grid's typed rows: `<grid>.<row>.<column>`, labelled by row and column.
/// `carry` decides each cell's fate next year from its column.
#[must_use]
pub fn grid_fields(locale: &str, grid: &Grid, required: &[&str], carry: impl Fn(&str) -> Carry) -> Vec<Field> {
    let mut out = Vec::new();
    for row in &grid.rows {
        if let GridRow::Input { key, .. } = row {
            for col in grid.columns {
                let path: &'static str = leak([grid.key, ".", key, ".", col].concat());
                out.push(Field {
                    key: path,
                    kind: Kind::Money,
                    required: required.contains(key),
                    label: vec![["field.", locale, grid.key, ".", key].concat(), ["column.", col].concat()],
                    help: ["help.", locale, grid.key, ".", key].concat(),
                    carry: carry(col),
                });
            }
        }
    }
    out
}

/// The computed cells of a grid's total rows: `<grid>.<row>.<column>`, named by the row.
#[must_use]
pub fn grid_calcs(grid: &Grid) -> Vec<Calc> {
    let mut out = Vec::new();
    for row in &grid.rows {
        if let GridRow::Total { key, .. } = row {
            for col in grid.columns {
                out.push(Calc { path: leak([grid.key, ".", key, ".", col].concat()), name: key });
            }
        }
    }
    out
}

/// Grid cell paths live as long as the form (built once per process).
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}
