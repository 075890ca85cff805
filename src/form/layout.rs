//! The printed package as one intermediate description: documents made of headings,
//! paragraphs, labelled values, tables and signature blocks, whose cells are typed values
//! that remember where they came from (a field, a computed cell, or fixed text). A form's
//! behaviour builds it (`Behaviour::layout`); renderers draw it: the plain-text report
//! (`report_text`), and the office files.
//!
//! Numbers stay numbers here (`Money(865.82)`, `Percent(103.85)`), so a spreadsheet renderer
//! can write them as numbers and a text renderer as `865.82`.

use rust_decimal::Decimal;

use super::input::Date;
use super::package::{Cell, Value};
use super::scoring::{Nature, fixed2, ind};
use crate::i18n::Catalog;
use crate::text::visible;

/// Where a printed value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A field or table cell (its full path).
    Field(String),
    /// A sentence the form writes from several fields (their full paths).
    Fields(Vec<String>),
    /// A computed cell (its full path).
    Calc(String),
    /// Text the form prints itself (labels, fixed sentences, "—").
    Fixed,
}

/// A printed value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// Nothing (a blank cell).
    Empty,
    /// Text, as written (made visible: never a control character).
    Text(String),
    /// An amount in 万元.
    Money(Decimal),
    /// An area in m².
    Area(Decimal),
    /// A score.
    Score(Decimal),
    /// A headcount or count.
    Int(u32),
    /// A percentage in points; `None` prints "—".
    Percent(Option<Decimal>),
    /// A date.
    Date(Date),
}

/// A value and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Val {
    /// What is printed.
    pub shown: Shown,
    /// Where it comes from.
    pub source: Source,
}

impl Val {
    /// Fixed text.
    #[must_use]
    pub fn text(s: impl Into<String>) -> Self {
        Self { shown: Shown::Text(s.into()), source: Source::Fixed }
    }

    /// A blank cell.
    #[must_use]
    pub fn empty() -> Self {
        Self { shown: Shown::Empty, source: Source::Fixed }
    }

    /// A computed value at `path`.
    #[must_use]
    pub fn calc(path: impl Into<String>, shown: Shown) -> Self {
        Self { shown, source: Source::Calc(path.into()) }
    }

    /// The value of a field or cell at `path`: typed when valid, its text (made visible)
    /// when not, blank when empty. `number` says what a valid number is (money, area, score).
    #[must_use]
    pub fn field(path: impl Into<String>, cell: Option<&Cell>, number: fn(Decimal) -> Shown) -> Self {
        let shown = match cell {
            None => Shown::Empty,
            Some(c) => match c.value() {
                Some(Value::Number(d)) => number(*d),
                Some(Value::Integer(n)) => Shown::Int(*n),
                Some(Value::Year(y)) => Shown::Text(y.to_string()),
                Some(Value::Date(d)) => Shown::Date(*d),
                Some(Value::Phone(p)) => Shown::Text(p.text().to_string()),
                Some(Value::Text) | None => Shown::Text(crate::text::visible(c.text(), true)),
            },
        };
        Self { shown, source: Source::Field(path.into()) }
    }
}

/// Column alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Align {
    /// Text.
    Left,
    /// Numbers.
    Right,
    /// Headings.
    Center,
}

/// A table column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// Its heading.
    pub title: String,
    /// Width in the text report, in terminal columns.
    pub width: usize,
    /// Alignment of its cells.
    pub align: Align,
}

/// A table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Its columns.
    pub columns: Vec<Column>,
    /// Its rows; the last one is a 合计 row when `total_row` is set.
    pub rows: Vec<Vec<Val>>,
    /// Whether the last row is a total (printed bold in office files).
    pub total_row: bool,
    /// Its name within its document, for the formulas of another table (`budget`); empty when
    /// no other table refers to it.
    pub id: &'static str,
    /// Cells that cover their neighbours, as the paper forms merge them (a 一级指标 over the rows
    /// it heads). The covered cells are blank; the text report prints the rows as they are.
    pub spans: Vec<Span>,
    /// How computed cells are worked out from other cells, where the form defines it (控制率,
    /// 执行率, 合计): the spreadsheet writes each as a formula beside its value.
    pub formulas: Vec<Formula>,
}

/// A merged cell: `rows` × `cols` body cells from (`row`, `col`), 0-based, header not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// First row.
    pub row: usize,
    /// First column.
    pub col: usize,
    /// Rows covered (≥ 1).
    pub rows: usize,
    /// Columns covered (≥ 1).
    pub cols: usize,
}

/// A body cell of a table of the same document: `table` is that table's `id`, empty for the
/// table the formula belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct At {
    /// The table's id (empty: this table).
    pub table: &'static str,
    /// Row, 0-based, header not counted.
    pub row: usize,
    /// Column, 0-based.
    pub col: usize,
}

impl At {
    /// A cell of this table.
    #[must_use]
    pub fn here(row: usize, col: usize) -> Self {
        Self { table: "", row, col }
    }
}

/// A computed cell's arithmetic over other cells, in the spreadsheet's terms: a percentage is
/// a fraction (0.9854 shows as 98.54%), rounding is half away from zero (a spreadsheet's ROUND).
/// Its value over the cells it names equals the cell's printed value (`tests/export.rs`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// A cell.
    Cell(At),
    /// The cells of one column from `At` down to row `.1` (inside [`Expr::Sum`] only).
    Down(At, usize),
    /// A constant.
    Num(Decimal),
    /// The sum of the terms; text and blank cells count 0 (a spreadsheet's SUM).
    Sum(Vec<Expr>),
    /// A quotient.
    Div(Box<Expr>, Box<Expr>),
    /// A product.
    Mul(Box<Expr>, Box<Expr>),
    /// The smaller of two.
    Min(Box<Expr>, Box<Expr>),
    /// Rounded to this many decimals.
    Round(Box<Expr>, u32),
}

impl Expr {
    /// `a ÷ b`.
    #[must_use]
    pub fn quotient(a: Expr, b: Expr) -> Self {
        Self::Div(Box::new(a), Box::new(b))
    }

    /// `a × b`.
    #[must_use]
    pub fn product(a: Expr, b: Expr) -> Self {
        Self::Mul(Box::new(a), Box::new(b))
    }

    /// `min(a, b)`.
    #[must_use]
    pub fn min(a: Expr, b: Expr) -> Self {
        Self::Min(Box::new(a), Box::new(b))
    }

    /// `e` rounded to `dp` decimals.
    #[must_use]
    pub fn round(e: Expr, dp: u32) -> Self {
        Self::Round(Box::new(e), dp)
    }

    /// The value over `cell` (a cell's number as the spreadsheet holds it; `None` for text or
    /// blank); `None` when a cell outside a sum is not a number or a divisor is 0.
    pub fn eval(&self, cell: &dyn Fn(At) -> Option<Decimal>) -> Option<Decimal> {
        match self {
            Self::Cell(at) => cell(*at),
            Self::Down(at, last) => Some((at.row..=*last).filter_map(|row| cell(At { row, ..*at })).sum()),
            Self::Num(d) => Some(*d),
            Self::Sum(terms) => Some(terms.iter().filter_map(|t| t.eval(cell)).sum()),
            Self::Div(a, b) => a.eval(cell)?.checked_div(b.eval(cell).filter(|d| !d.is_zero())?),
            Self::Mul(a, b) => a.eval(cell)?.checked_mul(b.eval(cell)?),
            Self::Min(a, b) => Some(a.eval(cell)?.min(b.eval(cell)?)),
            Self::Round(e, dp) => {
                Some(e.eval(cell)?.round_dp_with_strategy(*dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
            }
        }
    }
}

/// A computed cell of a table and its arithmetic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formula {
    /// Its row, 0-based, header not counted.
    pub row: usize,
    /// Its column.
    pub col: usize,
    /// How it is worked out.
    pub expr: Expr,
}

impl Shown {
    /// The number a spreadsheet holds for this value (a percentage as a fraction); `None` for
    /// text, blanks, dates and "—".
    #[must_use]
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Self::Money(d) | Self::Area(d) | Self::Score(d) => Some(*d),
            Self::Int(n) => Some(Decimal::from(*n)),
            Self::Percent(Some(p)) => Some(*p / Decimal::ONE_HUNDRED),
            Self::Percent(None) | Self::Empty | Self::Text(_) | Self::Date(_) => None,
        }
    }
}

/// One block of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A heading: level 1 is a numbered part (一、…), level 2 a sub-heading (（一）…) or a
    /// table's caption. The text carries its numbering.
    Heading {
        /// 1 or 2.
        level: u8,
        /// The heading's text.
        text: String,
    },
    /// `label：value` on one line.
    Pair {
        /// The label (with its colon).
        label: String,
        /// The value.
        value: Val,
    },
    /// A paragraph: the user's own text (its line breaks kept) or a sentence the form requires.
    Para(Val),
    /// A paragraph set apart by a blank line (a numbered note after a table).
    Note(Val),
    /// A table.
    Table(Table),
    /// Signature lines: (label, value) pairs, two to a line in the text report.
    Sign(Vec<(String, Val)>),
    /// Notes after a table: a heading and lines (计算依据…).
    Notes {
        /// The heading.
        heading: String,
        /// One note per line.
        lines: Vec<String>,
    },
}

/// One printed document (基础数据表, 自评表, a project sheet, the report).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// Which document (`basic`, `self_eval`, `project`, `report`).
    pub kind: &'static str,
    /// Its title.
    pub title: String,
    /// A short name: a spreadsheet tab, a file name (基础数据表, 项目1 …).
    pub short: String,
    /// Prose (the 自评报告): set as a document in a word processor; the others are forms, each a
    /// sheet of a spreadsheet.
    pub narrative: bool,
    /// The fields the title is written from (the fiscal year, the unit's name).
    pub title_from: Vec<String>,
    /// Its blocks, in order.
    pub blocks: Vec<Block>,
}

/// The printed package: its documents in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// The documents.
    pub docs: Vec<Document>,
}

impl Layout {
    /// Every field path that reaches the printed package, in order: each document's title
    /// fields first, then the fields of every document's blocks.
    #[must_use]
    pub fn fields(&self) -> Vec<&str> {
        let titles = self.docs.iter().flat_map(|d| d.title_from.iter().map(String::as_str));
        titles.chain(self.docs.iter().flat_map(Document::block_fields)).collect()
    }
}

impl Document {
    /// Every field path of this document that is printed, in order (title fields first).
    #[must_use]
    pub fn fields(&self) -> Vec<&str> {
        self.title_from.iter().map(String::as_str).chain(self.block_fields()).collect()
    }

    fn block_fields(&self) -> Vec<&str> {
        self.sources()
            .into_iter()
            .flat_map(|s| match s {
                Source::Field(p) => std::slice::from_ref(p),
                Source::Fields(ps) => ps.as_slice(),
                Source::Calc(_) | Source::Fixed => &[],
            })
            .map(String::as_str)
            .collect()
    }

    /// Every value's source (fields and computed cells) in this document, in order.
    #[must_use]
    pub fn sources(&self) -> Vec<&Source> {
        let mut out = Vec::new();
        for b in &self.blocks {
            match b {
                Block::Pair { value, .. } | Block::Para(value) | Block::Note(value) => out.push(&value.source),
                Block::Table(t) => out.extend(t.rows.iter().flatten().map(|v| &v.source)),
                Block::Sign(pairs) => out.extend(pairs.iter().map(|(_, v)| &v.source)),
                Block::Heading { .. } | Block::Notes { .. } => {}
            }
        }
        out
    }
}

/// Adds, at the end of each document (before its signatures), every filled field of that
/// document's sections that the layout did not print: a field added to a form's definition
/// reaches the printed package without a change to its layout. `prefix` is the path prefix of
/// the package's sheets (empty at the top).
pub fn complete(layout: &mut Layout, pkg: &super::package::Package, prefix: &str, cat: &crate::i18n::Catalog) {
    for doc in &mut layout.docs {
        complete_doc(doc, pkg, prefix, cat);
    }
}

/// [`complete`] for one document.
pub fn complete_doc(doc: &mut Document, pkg: &super::package::Package, prefix: &str, cat: &crate::i18n::Catalog) {
    let form = pkg.form();
    {
        let printed: std::collections::HashSet<&str> = doc.fields().into_iter().collect();
        let mut extra = Vec::new();
        for sec in form.sections.iter().filter(|s| s.doc == doc.kind) {
            for item in &sec.items {
                let super::def::Item::Field(f) = item else { continue };
                let path = format!("{prefix}{}", f.0);
                let cell = pkg.cell(*f);
                if printed.contains(path.as_str()) || cell.is_none() {
                    continue;
                }
                let label = form
                    .field(f.0)
                    .map_or_else(String::new, |d| d.label.iter().map(|k| cat.tr(k)).collect::<Vec<_>>().join(" · "));
                let value = Val::field(path, cell, Shown::Money);
                if form.field(f.0).is_some_and(|d| d.kind == super::def::Kind::LongText) {
                    extra.push(Block::Heading { level: 2, text: label });
                    extra.push(Block::Para(value));
                } else {
                    extra.push(Block::Pair { label: format!("{label}{}", cat.tr("report.colon")), value });
                }
            }
        }
        let at = doc.blocks.iter().position(|b| matches!(b, Block::Sign(_))).unwrap_or(doc.blocks.len());
        doc.blocks.splice(at..at, extra);
    }
    if let Some(note) = rounded(doc, pkg, prefix, cat) {
        doc.blocks.push(Block::Note(note));
    }
}

/// The amounts of a document given more exactly than the form prints them (to the 元 or the
/// 分: more than 2 decimals of 万元): the report prints them with 2 decimals and says so here,
/// with each exact value, so that no printed value is rounded unsaid.
fn rounded(doc: &Document, pkg: &super::package::Package, prefix: &str, cat: &Catalog) -> Option<Val> {
    let mut seen = std::collections::HashSet::new();
    let mut items = Vec::new();
    for path in doc.fields() {
        let Some(rest) = path.strip_prefix(prefix) else { continue };
        // The value first: most are not given more exactly, and need no look-up of their kind.
        let Some(d) = pkg.cell_at(rest).and_then(super::package::Cell::number).filter(|d| d.normalize().scale() > 2)
        else {
            continue;
        };
        let kind = match pkg.form().resolve(rest).map(|r| r.target) {
            Some(super::def::Target::Field(f)) => f.kind,
            Some(super::def::Target::Cell(_, _, c)) => c.kind,
            _ => continue,
        };
        if kind == super::def::Kind::Money && seen.insert(path) {
            items.push(cat.fmt(
                "report.rounded_item",
                &[
                    ("field", super::names::label(pkg, rest, cat)),
                    ("exact", d.normalize().to_string()),
                    ("printed", fixed2(d)),
                ],
            ));
        }
    }
    if items.is_empty() {
        return None;
    }
    let text = cat.fmt("report.rounded", &[("items", items.join(cat.tr("report.rounded_sep")))]);
    Some(Val::text(text))
}

/// 注：计算依据 under a sheet's indicator table: how 执行率, its score and the total were worked
/// out from the sheet's figures, and each row whose entered score differs from the rule's.
#[must_use]
pub fn calculation_notes(
    exec: &super::scoring::Execution,
    spent: Option<Decimal>,
    sums: &super::scoring::Sums,
    total: Decimal,
    rows: &[super::package::Row],
    profile: &super::profile::Profile,
    cat: &Catalog,
) -> Block {
    let mut lines = Vec::new();
    if let (Some(base), Some(r), Some(s), Some(spent)) = (exec.base, exec.rate, exec.score, spent) {
        lines.push(cat.fmt(
            "report.note_exec",
            &[
                ("spent", fixed2(spent)),
                ("base", fixed2(base)),
                ("rate", format!("{}%", fixed2(r))),
                ("score", fixed2(s)),
                ("weight", profile.exec_weight.normalize().to_string()),
            ],
        ));
    }
    lines.push(cat.fmt(
        "report.note_total",
        &[
            ("exec", exec.score.map_or_else(|| "—".into(), fixed2)),
            ("indicators", fixed2(sums.scores)),
            ("total", fixed2(total)),
        ],
    ));
    lines.extend(rule_score_notes(rows, &sums.proposals, cat));
    Block::Notes { heading: cat.tr("report.notes_heading").into(), lines }
}

/// "第 n 行：按规则得分为 x，填报得分为 y" for each row whose entered score differs.
pub fn rule_score_notes(
    rows: &[super::package::Row],
    proposals: &[super::scoring::Proposal],
    cat: &Catalog,
) -> Vec<String> {
    let mut out = Vec::new();
    for (i, (r, p)) in rows.iter().zip(proposals).enumerate() {
        if let (Some(rule), Some(e)) = (p.score, r.number(ind::SCORE)) {
            if rule != e {
                out.push(cat.fmt(
                    "report.note_rule_score",
                    &[("row", (i + 1).to_string()), ("rule", fixed2(rule)), ("entered", fixed2(e))],
                ));
            }
        }
    }
    out
}

/// The indicator table as printed (一级 and 二级 only where they change; the 计量单位 with the
/// values; deviation reasons as numbered notes after the table), and the notes.
pub fn indicator_table(
    rows: &[super::package::Row],
    table: &str,
    tiers: &[super::profile::Tier],
    cat: &Catalog,
) -> (Table, Vec<Block>) {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    let mut last = (String::new(), String::new());
    let mut spans = Vec::new();
    // The paper form merges a 一级 (and a 二级 within it) over the rows it heads.
    fn key(r: &super::package::Row) -> (&str, &str) {
        (r.text(ind::LEVEL1), r.text(ind::LEVEL2))
    }
    for (i, r) in rows.iter().enumerate() {
        let starts =
            |col: usize| i == 0 || if col == 0 { key(r).0 != key(&rows[i - 1]).0 } else { key(r) != key(&rows[i - 1]) };
        for col in 0..2 {
            if starts(col) {
                let len = rows[i..]
                    .iter()
                    .take_while(|n| if col == 0 { key(n).0 == key(r).0 } else { key(n) == key(r) })
                    .count();
                if len > 1 {
                    spans.push(Span { row: i, col, rows: len, cols: 1 });
                }
            }
        }
        let at = |c: super::def::ColKey| format!("{table}.{}.{}", i + 1, c.0);
        let v = |c: super::def::ColKey| visible(r.text(c), false);
        let (l1, l2) = (v(ind::LEVEL1), v(ind::LEVEL2));
        let show1 = if l1 == last.0 { String::new() } else { l1.clone() };
        let show2 = if l1 == last.0 && l2 == last.1 { String::new() } else { l2.clone() };
        last = (l1, l2);
        let unit = v(ind::UNIT);
        // The value as the form prints it: with its 计量单位; a target written without a
        // direction gets one where ≥ would be misread (≤, =); a 定性 actual below the first tier
        // says its tier.
        let composed = |c: super::def::ColKey, extra: &[super::def::ColKey]| {
            let t = v(c);
            let mut shown =
                if !unit.is_empty() && !t.is_empty() && !t.ends_with(unit.as_str()) { format!("{t}{unit}") } else { t };
            let nature = Nature::parse(r.text(ind::NATURE));
            if c == ind::TARGET
                && matches!(nature, Some(Nature::Le | Nature::Eq))
                && super::scoring::quantity(&shown).is_some_and(|q| q.op.is_none())
            {
                shown = format!("{}{shown}", nature.map_or("", Nature::symbol));
            }
            if c == ind::ACTUAL && nature == Some(Nature::Qualitative) {
                if let Some((i, tier)) = tiers.iter().enumerate().find(|(_, t)| t.name == r.text(ind::TIER)) {
                    if i > 0 {
                        let short = cat.try_tr(&format!("tier_short.{}", tier.key)).unwrap_or(&tier.name);
                        shown = format!("{shown}（{short}）");
                    }
                }
            }
            let mut sources = vec![at(c)];
            sources.extend(extra.iter().map(|e| at(*e)));
            Val { shown: Shown::Text(shown), source: Source::Fields(sources) }
        };
        let reason = visible(r.text(ind::REASON), true);
        let reason_cell = if reason.trim().is_empty() {
            Val { shown: Shown::Empty, source: Source::Field(at(ind::REASON)) }
        } else {
            notes.push(Block::Note(Val {
                shown: Shown::Text(cat.fmt(
                    "report.reason_note",
                    &[
                        ("n", (notes.len() + 1).to_string()),
                        ("row", (i + 1).to_string()),
                        ("name", v(ind::NAME)),
                        ("text", reason),
                    ],
                )),
                source: Source::Field(at(ind::REASON)),
            }));
            Val {
                shown: Shown::Text(cat.fmt("report.see_note", &[("n", notes.len().to_string())])),
                source: Source::Fixed,
            }
        };
        let field = |c| Val { shown: Shown::Text(v(c)), source: Source::Field(at(c)) };
        out.push(vec![
            Val { shown: Shown::Text(show1), source: Source::Field(at(ind::LEVEL1)) },
            Val { shown: Shown::Text(show2), source: Source::Field(at(ind::LEVEL2)) },
            field(ind::NAME),
            composed(ind::TARGET, &[ind::UNIT, ind::NATURE]),
            composed(ind::ACTUAL, &[ind::UNIT, ind::TIER]),
            Val::field(at(ind::WEIGHT), r.cell(ind::WEIGHT.0), Shown::Score),
            Val::field(at(ind::SCORE), r.cell(ind::SCORE.0), Shown::Score),
            reason_cell,
        ]);
    }
    let h = |k: &str| cat.tr(&format!("report.ind_{k}")).to_string();
    (
        Table {
            columns: vec![
                col(h("level1"), 10, Align::Left),
                col(h("level2"), 12, Align::Left),
                col(h("name"), 16, Align::Left),
                col(h("target"), 9, Align::Left),
                col(h("actual"), 9, Align::Left),
                col(h("weight"), 6, Align::Right),
                col(h("score"), 6, Align::Right),
                col(cat.tr("report.reason_short"), 7, Align::Left),
            ],
            rows: out,
            spans,
            ..Table::default()
        },
        notes,
    )
}

/// The 合计 row's formulas under an indicator table of `n` rows (printed by
/// [`indicator_table`]): 合计分值 = the 执行率 分值 at `weight` + Σ 分值, 合计得分 = the 执行率得分
/// beside it + Σ 得分.
#[must_use]
pub fn total_formulas(n: usize, weight: At) -> Vec<Formula> {
    let score = At { col: weight.col + 2, ..weight };
    let sum = |first: At, col: usize| {
        let mut terms = vec![Expr::Cell(first)];
        if n > 0 {
            terms.push(Expr::Down(At::here(0, col), n - 1));
        }
        Expr::Sum(terms)
    };
    vec![Formula { row: n, col: 5, expr: sum(weight, 5) }, Formula { row: n, col: 6, expr: sum(score, 6) }]
}

fn col(title: impl Into<String>, width: usize, align: Align) -> Column {
    Column { title: title.into(), width, align }
}
