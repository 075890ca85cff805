//! The office files read back: every value of the shipped examples' forms in the .xlsx, with
//! its type and number format; every formula there, and its arithmetic giving the printed
//! value; the sheets' structure against a golden file; long Chinese text wrapped; the report
//! and the forms' text in the .docx, in order; a write to a read-only folder refused as every
//! write is, leaving nothing; and, where LibreOffice is installed, both files opened in it.

mod support;

use std::io::{Cursor, Read as _};
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader as _, Xlsx};
use jixiao::export::{self, Office, sheet};
use jixiao::form::layout::{At, Block, Document, Layout, Shown, Val};
use jixiao::form::{Package, Profile};
use jixiao::i18n::{Catalog, Lang};
use rust_decimal::Decimal;

const EXAMPLES: [&str; 3] =
    ["examples/yueyang-2023.toml", "examples/yueyang-2023-as-filed.toml", "examples/projects-2023.toml"];

fn package(path: &str) -> Package {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    jixiao::form::file::load(&bytes).unwrap_or_else(|e| panic!("{path}: {e:?}")).package
}

fn layout_of(pkg: &Package, cat: &Catalog) -> Layout {
    let profile = Profile::builtin(&pkg.profile).unwrap_or_else(Profile::default_profile);
    pkg.form().behaviour.layout(pkg, &profile, cat)
}

fn xlsx(layout: &Layout, cat: &Catalog) -> Vec<u8> {
    export::xlsx::render(layout, cat).unwrap_or_else(|e| panic!("{e}"))
}

fn zh() -> &'static Catalog {
    Catalog::get(Lang::ZhCn)
}

/// The value a layout block holds at (row, col) (see `sheet::Placed`).
fn val_at(d: &Document, block: usize, row: usize, col: usize) -> &Val {
    match &d.blocks[block] {
        Block::Table(t) => &t.rows[row][col],
        Block::Sign(pairs) => &pairs[row].1,
        Block::Pair { value, .. } | Block::Para(value) | Block::Note(value) => value,
        other => panic!("no value in {other:?}"),
    }
}

fn float(d: Decimal) -> f64 {
    d.normalize().to_string().parse().unwrap_or(f64::NAN)
}

/// Days since 1899-12-30 (the spreadsheet's date serial).
fn serial(y: i32, m: u32, d: u32) -> f64 {
    let days = |y: i64, m: i64, d: i64| {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe
    };
    (days(i64::from(y), i64::from(m), i64::from(d)) - days(1899, 12, 30)) as f64
}

/// Checks that the cell holds the layout's value with the right type.
fn same(cell: Option<&Data>, v: &Val, at: &str) {
    let empty = Data::Empty;
    let cell = cell.unwrap_or(&empty);
    match (&v.shown, cell) {
        (Shown::Empty, Data::Empty) => {}
        (Shown::Empty, Data::String(s)) if s.is_empty() => {}
        (Shown::Text(t), Data::String(s)) => assert_eq!(s, t, "{at}"),
        (Shown::Text(t), Data::Empty) if t.is_empty() => {}
        (Shown::Money(d) | Shown::Area(d) | Shown::Score(d), Data::Float(f)) => assert_eq!(*f, float(*d), "{at}"),
        (Shown::Int(n), Data::Float(f)) => assert_eq!(*f, f64::from(*n), "{at}"),
        (Shown::Int(n), Data::Int(i)) => assert_eq!(*i, i64::from(*n), "{at}"),
        (Shown::Percent(Some(p)), Data::Float(f)) => assert_eq!(*f, float(*p / Decimal::ONE_HUNDRED), "{at}"),
        (Shown::Percent(None), Data::String(s)) => assert_eq!(s, "—", "{at}"),
        (Shown::Date(d), Data::DateTime(dt)) => assert_eq!(dt.as_f64(), serial(d.year, d.month, d.day), "{at}"),
        (want, got) => panic!("{at}: want {want:?}, got {got:?}"),
    }
}

#[test]
fn every_value_of_every_form_reads_back_with_its_type() {
    for path in EXAMPLES {
        let pkg = package(path);
        let layout = layout_of(&pkg, zh());
        let bytes = xlsx(&layout, zh());
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx");
        let forms: Vec<&Document> = layout.docs.iter().filter(|d| !d.narrative).collect();
        let plans = sheet::sheets(&layout, zh());
        assert_eq!(book.sheet_names(), plans.iter().map(|s| s.name.clone()).collect::<Vec<_>>(), "{path}");
        assert_eq!(forms.len(), 2 + pkg.instances(jixiao::form::unit::keys::PROJECTS).len(), "{path}");
        for (d, plan) in forms.iter().zip(&plans) {
            assert!(plan.name.chars().count() <= 31, "{}", plan.name);
            let range = book.worksheet_range(&plan.name).expect("sheet");
            assert_eq!(range.get_value((0, 0)), Some(&Data::String(d.title.clone())), "{path}: title");
            // Every value the layout prints is placed exactly once.
            let mut want = 0;
            for b in &d.blocks {
                want += match b {
                    Block::Table(t) => {
                        let covered: usize = t.spans.iter().map(|s| s.rows * s.cols - 1).sum();
                        t.rows.iter().map(Vec::len).sum::<usize>() - covered
                    }
                    Block::Sign(p) => p.len(),
                    Block::Pair { .. } | Block::Para(_) | Block::Note(_) => 1,
                    Block::Heading { .. } | Block::Notes { .. } => 0,
                };
            }
            for (bi, b) in d.blocks.iter().enumerate() {
                let n = plan.placed.iter().filter(|p| p.block == bi).count();
                if let Block::Table(t) = b {
                    let covered: usize = t.spans.iter().map(|s| s.rows * s.cols - 1).sum();
                    let w = t.rows.iter().map(Vec::len).sum::<usize>() - covered;
                    assert_eq!(n, w, "{path} {} block {bi}: {:?}", plan.name, t.spans);
                }
            }
            assert_eq!(plan.placed.len(), want, "{path} {}: placed", plan.name);
            for p in &plan.placed {
                let v = val_at(d, p.block, p.row, p.col);
                let at = format!("{path} {}!{}{}", plan.name, sheet::col_name(p.at.1), p.at.0 + 1);
                same(range.get_value((p.at.0, u32::from(p.at.1))), v, &at);
            }
        }
    }
}

/// The number a table cell holds in the spreadsheet, by document and `At`.
fn number(d: &Document, here: usize, at: At) -> Option<Decimal> {
    let tables: Vec<_> = d
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    let t = if at.table.is_empty() { tables[here] } else { tables.iter().find(|t| t.id == at.table)? };
    t.rows.get(at.row)?.get(at.col)?.shown.number()
}

#[test]
fn computed_cells_are_formulas_whose_arithmetic_gives_the_printed_value() {
    for path in EXAMPLES {
        let pkg = package(path);
        let layout = layout_of(&pkg, zh());
        let bytes = xlsx(&layout, zh());
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx");
        let plans = sheet::sheets(&layout, zh());
        let mut seen = 0;
        for (d, plan) in layout.docs.iter().filter(|d| !d.narrative).zip(&plans) {
            let formulas = book.worksheet_formula(&plan.name).expect("formulas");
            let mut here = 0;
            for (bi, b) in d.blocks.iter().enumerate() {
                let Block::Table(t) = b else { continue };
                for f in &t.formulas {
                    let want = t.rows[f.row][f.col].shown.number();
                    assert_eq!(f.expr.eval(&|at| number(d, here, at)), want, "{path}: {f:?}");
                    let p = plan.placed.iter().find(|p| (p.block, p.row, p.col) == (bi, f.row, f.col)).expect("placed");
                    let text = formulas.get_value((p.at.0, u32::from(p.at.1))).cloned().unwrap_or_default();
                    assert!(!text.is_empty() && !text.contains("#REF"), "{path}: {f:?} → {text:?}");
                    seen += 1;
                }
                here += 1;
            }
        }
        // 控制率, the 经费 totals, 执行率 and its score, the two 合计 (and each project's).
        assert!(seen >= 14, "{path}: {seen} formulas");
    }
}

/// A part of a zip file as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut f = z.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut s = String::new();
    f.read_to_string(&mut s).expect("utf-8");
    s
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Each XML start (or empty) element: (name, element); an empty `c` (a blank cell, such as
/// the cells a merged range covers) is left out.
fn elements(xml: &str, mut f: impl FnMut(&str, &quick_xml::events::BytesStart<'_>)) {
    let mut r = quick_xml::Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::Start(e)) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                f(&name, &e);
            }
            Ok(quick_xml::events::Event::Empty(e)) if e.name().as_ref() != b"c" => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                f(&name, &e);
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Err(e) => panic!("{e}"),
            _ => {}
        }
    }
}

/// The number format code of each cell style index.
fn formats(styles: &str) -> Vec<String> {
    let mut custom = std::collections::BTreeMap::new();
    let mut xfs = Vec::new();
    let mut in_xfs = false;
    let mut r = quick_xml::Reader::from_str(styles);
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => match e.name().as_ref() {
                b"numFmt" => {
                    custom.insert(attr(&e, "numFmtId").unwrap_or_default(), attr(&e, "formatCode").unwrap_or_default());
                }
                b"cellXfs" => in_xfs = true,
                b"xf" if in_xfs => xfs.push(attr(&e, "numFmtId").unwrap_or_default()),
                _ => {}
            },
            Ok(quick_xml::events::Event::End(e)) if e.name().as_ref() == b"cellXfs" => in_xfs = false,
            Ok(quick_xml::events::Event::Eof) => break,
            Err(e) => panic!("{e}"),
            _ => {}
        }
    }
    xfs.iter()
        .map(|id| match id.as_str() {
            "0" => "General".to_string(),
            "1" => "0".to_string(),
            "2" => "0.00".to_string(),
            "10" => "0.00%".to_string(),
            "14" => "m/d/yyyy".to_string(),
            other => custom.get(other).cloned().unwrap_or_else(|| format!("#{other}")),
        })
        .collect()
}

/// The structure of every sheet: page set-up, column widths, merged ranges, each written cell's
/// number format (other than General) and formula.
fn structure(bytes: &[u8]) -> String {
    let styles = formats(&part(bytes, "xl/styles.xml"));
    let book = part(bytes, "xl/workbook.xml");
    let mut names = Vec::new();
    let mut defined = Vec::new();
    elements(&book, |n, e| {
        if n == "sheet" {
            names.push(attr(e, "name").unwrap_or_default());
        }
        if n == "definedName" {
            defined.push(attr(e, "name").unwrap_or_default());
        }
    });
    let mut out = format!("defined names: {}\n", defined.join(", "));
    for (i, name) in names.iter().enumerate() {
        let xml = part(bytes, &format!("xl/worksheets/sheet{}.xml", i + 1));
        out.push_str(&format!("\n== {name}\n"));
        let mut widths = Vec::new();
        let mut merges = Vec::new();
        let mut cells = Vec::new();
        let mut setup = String::new();
        elements(&xml, |n, e| match n {
            "col" => widths.push(format!(
                "{}={:.2}",
                sheet::col_name(attr(e, "min").and_then(|m| m.parse::<u16>().ok()).unwrap_or(1) - 1),
                attr(e, "width").and_then(|w| w.parse::<f64>().ok()).unwrap_or(0.0)
            )),
            "mergeCell" => merges.push(attr(e, "ref").unwrap_or_default()),
            "c" => {
                let s: usize = attr(e, "s").and_then(|s| s.parse().ok()).unwrap_or(0);
                let f = styles.get(s).cloned().unwrap_or_default();
                if f != "General" {
                    cells.push(format!("{} {f}", attr(e, "r").unwrap_or_default()));
                }
            }
            "pageSetup" => {
                setup = format!(
                    "paper {} {} fit {}x{}",
                    attr(e, "paperSize").unwrap_or_default(),
                    attr(e, "orientation").unwrap_or_default(),
                    attr(e, "fitToWidth").unwrap_or_else(|| "1".into()),
                    attr(e, "fitToHeight").unwrap_or_else(|| "1".into())
                );
            }
            "pageSetUpPr" => setup.push_str(&format!("fitToPage={} ", attr(e, "fitToPage").unwrap_or_default())),
            _ => {}
        });
        let formulas: Vec<String> = xml
            .split("<c r=\"")
            .skip(1)
            .filter_map(|c| {
                let r = c.split('"').next()?;
                let f = c.split("<f>").nth(1)?.split("</f>").next()?;
                Some(format!("{r} ={f}"))
            })
            .collect();
        out.push_str(&format!("page: {setup}\nwidths: {}\nmerged: {}\n", widths.join(" "), merges.join(" ")));
        out.push_str(&format!("formats:\n  {}\n", cells.join("\n  ")));
        out.push_str(&format!("formulas:\n  {}\n", formulas.join("\n  ")));
    }
    out
}

#[test]
fn the_sheets_structure_is_as_designed() {
    let pkg = package("examples/projects-2023.toml");
    let bytes = xlsx(&layout_of(&pkg, zh()), zh());
    insta::assert_snapshot!("projects-2023-structure", structure(&bytes));
}

#[test]
fn long_chinese_text_wraps_in_its_cell_and_its_row_grows() {
    let mut pkg = package("examples/projects-2023.toml");
    let long = "完成城区主次干道及背街小巷清扫保洁，保洁面积不少于三百二十万平方米，垃圾日产日清。".repeat(6);
    pkg.set("self_eval.goal_expected", long.clone());
    let layout = layout_of(&pkg, zh());
    let bytes = xlsx(&layout, zh());
    let plans = sheet::sheets(&layout, zh());
    let plan = &plans[1];
    let cell = plan.cells.iter().find(|c| c.value == sheet::Value::Text(long.clone())).expect("the long text");
    let r = format!("{}{}", sheet::col_name(cell.col), cell.row + 1);
    let xml = part(&bytes, "xl/worksheets/sheet2.xml");
    // Its row is tall enough for every line at the cell's width (merged columns included).
    let merge = plan.merges.iter().find(|m| m.first == (cell.row, cell.col)).expect("merged");
    let units: f64 = plan.widths[usize::from(merge.first.1)..=usize::from(merge.last.1)].iter().sum();
    let lines = (jixiao::text::width(&long) as f64 * sheet::UNITS_PER_COLUMN / (units - 1.0)).ceil();
    assert!(lines >= 3.0, "{lines}");
    let row_tag =
        xml.split(&format!("<row r=\"{}\"", cell.row + 1)).nth(1).expect("row").split('>').next().unwrap_or("");
    let ht: f64 =
        row_tag.split("ht=\"").nth(1).and_then(|h| h.split('"').next()).and_then(|h| h.parse().ok()).unwrap_or(0.0);
    assert!(ht >= lines * 14.0, "row {r}: {ht} pt for {lines} lines");
    // Its format wraps text (never cut at the cell's edge).
    let s: usize = xml
        .split(&format!("<c r=\"{r}\""))
        .nth(1)
        .and_then(|c| c.split("s=\"").nth(1))
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .expect("style");
    let styles = part(&bytes, "xl/styles.xml");
    let xf = styles.split("<cellXfs").nth(1).expect("cellXfs").split("<xf ").nth(s + 1).expect("xf");
    let xf = xf.split("</xf>").next().unwrap_or(xf);
    assert!(xf.contains("wrapText=\"1\""), "{xf}");
    // The text itself is whole in the file.
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx");
    let range = book.worksheet_range(&plan.name).expect("sheet");
    assert_eq!(range.get_value((cell.row, u32::from(cell.col))), Some(&Data::String(long)));
}

/// The paragraphs of a .docx's body, in order (table cells included), each as its text.
fn paragraphs(bytes: &[u8]) -> Vec<String> {
    let xml = part(bytes, "word/document.xml");
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut in_t = false;
    let mut r = quick_xml::Reader::from_str(&xml);
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::Start(e)) => match e.name().as_ref() {
                b"w:p" => cur = Some(String::new()),
                b"w:t" => in_t = true,
                _ => {}
            },
            Ok(quick_xml::events::Event::Empty(e)) if e.name().as_ref() == b"w:p" => out.push(String::new()),
            Ok(quick_xml::events::Event::Text(t)) if in_t => {
                if let Some(c) = cur.as_mut() {
                    c.push_str(&t.decode().expect("text"));
                }
            }
            Ok(quick_xml::events::Event::GeneralRef(g)) if in_t => {
                if let (Some(c), Ok(Some(ch))) = (cur.as_mut(), g.resolve_char_ref()) {
                    c.push(ch);
                } else if let Some(c) = cur.as_mut() {
                    let name = String::from_utf8_lossy(&g).into_owned();
                    c.push_str(match name.as_str() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Ok(quick_xml::events::Event::End(e)) => match e.name().as_ref() {
                b"w:t" => in_t = false,
                b"w:p" => out.extend(cur.take()),
                _ => {}
            },
            Ok(quick_xml::events::Event::Eof) => break,
            Err(e) => panic!("{e}"),
            _ => {}
        }
    }
    out
}

/// What a document must show, paragraph by paragraph, in order.
fn expected(d: &Document, cat: &Catalog) -> Vec<String> {
    let show = |v: &Val| jixiao::form::report_text::show(&v.shown, cat);
    let lines = |t: String| {
        t.split('\n').map(|l| l.trim_end().to_string()).filter(|l| !l.trim().is_empty()).collect::<Vec<_>>()
    };
    let mut out = vec![d.title.clone()];
    for b in &d.blocks {
        match b {
            Block::Heading { text, .. } => out.push(text.clone()),
            Block::Pair { label, value } => out.push(format!("{label}{}", show(value))),
            Block::Para(v) | Block::Note(v) => out.extend(lines(show(v))),
            Block::Notes { heading, lines: ls } => {
                out.push(heading.clone());
                out.extend(ls.iter().cloned());
            }
            Block::Table(t) => {
                out.extend(t.columns.iter().map(|c| c.title.clone()));
                for row in &t.rows {
                    for v in row {
                        out.extend(show(v).split('\n').map(str::to_string).filter(|s| !s.is_empty()));
                    }
                }
            }
            Block::Sign(pairs) => {
                out.push(pairs.iter().map(|(l, v)| format!("{l}{}", show(v))).collect::<Vec<_>>().join("    "));
            }
        }
    }
    out
}

/// Each of `want` is a paragraph of `got`, in order.
fn in_order(got: &[String], want: &[String], what: &str) {
    let mut at = 0;
    for w in want {
        match got[at..].iter().position(|g| g == w) {
            Some(i) => at += i + 1,
            None => panic!("{what}: {w:?} missing after paragraph {at} ({:?})", got.get(at.saturating_sub(1))),
        }
    }
}

#[test]
fn the_report_and_the_forms_read_back_from_the_docx_in_order() {
    for path in EXAMPLES {
        for lang in [Lang::ZhCn, Lang::En] {
            let cat = Catalog::get(lang);
            let layout = layout_of(&package(path), cat);
            let bytes = export::docx::render(&layout, cat).unwrap_or_else(|e| panic!("{e}"));
            let got = paragraphs(&bytes);
            let mut want = Vec::new();
            for d in layout.docs.iter().filter(|d| d.narrative).chain(layout.docs.iter().filter(|d| !d.narrative)) {
                want.extend(expected(d, cat));
            }
            in_order(&got, &want, path);
            // The report's parts, 一 to 十, each a paragraph of its own (checked in order above).
            let report = layout.docs.iter().find(|d| d.narrative).expect("report");
            let parts = report.blocks.iter().filter(|b| matches!(b, Block::Heading { level: 1, .. })).count();
            assert_eq!(parts, 10, "{path}");
        }
    }
}

#[test]
fn separate_files_hold_the_report_and_each_form() {
    let layout = layout_of(&package("examples/projects-2023.toml"), zh());
    let parts = export::render(&layout, Office::Docx, true, zh()).expect("docx");
    let suffixes: Vec<&str> = parts.iter().map(|p| p.suffix.as_str()).collect();
    assert_eq!(
        suffixes,
        ["", "-基础数据表", "-整体支出绩效自评表", "-项目1 城区环卫保洁作业经费", "-项目2 数字化城管平台运维经费"]
    );
    let report = paragraphs(&parts[0].bytes);
    in_order(&report, &expected(layout.docs.iter().find(|d| d.narrative).expect("report"), zh()), "report");
    assert!(!report.iter().any(|p| p.contains("基础数据表")), "the report file holds the report only");
    let basic = paragraphs(&parts[1].bytes);
    in_order(&basic, &expected(&layout.docs[0], zh()), "basic");
    assert_eq!(export::part_path(Path::new("out/包.docx"), "-基础数据表"), PathBuf::from("out/包-基础数据表.docx"));
}

fn jixiao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao")).args(args).env("LANG", "zh_CN.UTF-8").output().expect("run")
}

fn tempdir(name: &str) -> PathBuf {
    let d =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("dir");
    d
}

#[test]
fn export_writes_private_files_and_exits_as_report_does() {
    let dir = tempdir("cli");
    let out = dir.join("包.xlsx");
    let o = jixiao(&["export", "examples/projects-2023.toml", "-o", out.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("已写入"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(std::fs::metadata(&out).expect("xlsx").permissions().mode() & 0o777, 0o600);
    }
    // --format wins over the extension.
    let odd = dir.join("表格.bin");
    let o =
        jixiao(&["export", "examples/projects-2023.toml", "-o", odd.to_str().unwrap_or_default(), "--format", "docx"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(&std::fs::read(&odd).expect("docx")[..2], b"PK");
    let o = jixiao(&["export", "examples/projects-2023.toml", "-o", "x.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("不认识的格式“pdf”"));
    let o = jixiao(&["export", "examples/none.toml", "-o", dir.join("x.xlsx").to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(2));
    let o = jixiao(&[
        "export",
        "examples/projects-2023.toml",
        "-o",
        dir.join("分开.docx").to_str().unwrap_or_default(),
        "--separate",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(dir.join("分开-项目2 数字化城管平台运维经费.docx").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Unmounts on the way out.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_read_only_folder_is_refused_as_every_write_is_and_nothing_is_left() {
    let dir = tempdir("ro");
    let ro = dir.join("ro");
    std::fs::create_dir_all(&ro).expect("dir");
    // A folder this process cannot write: by its mode, or (as root, whom modes do not stop) a
    // read-only file system of its own.
    let mut _guard = None;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    }
    if std::fs::write(ro.join("probe"), b"x").is_ok() {
        let _ = std::fs::remove_file(ro.join("probe"));
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs"])
            .arg(&ro)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            eprintln!("skipped: no read-only folder can be made here (root, and no right to mount)");
            return;
        }
        _guard = Some(Mounted(ro.clone()));
    }
    let report =
        jixiao(&["report", "examples/projects-2023.toml", "-o", ro.join("r.txt").to_str().unwrap_or_default()]);
    assert_eq!(report.status.code(), Some(2));
    let report_msg = String::from_utf8_lossy(&report.stderr).replace("r.txt", "OUT");
    for name in ["x.xlsx", "x.docx"] {
        let o = jixiao(&["export", "examples/projects-2023.toml", "-o", ro.join(name).to_str().unwrap_or_default()]);
        assert_eq!(o.status.code(), Some(2));
        let msg = String::from_utf8_lossy(&o.stderr).replace(name, "OUT");
        assert_eq!(msg, report_msg, "the same message as every other write");
        assert!(msg.starts_with("无法写入 "), "{msg}");
    }
    let left: Vec<_> = std::fs::read_dir(&ro).expect("ls").flatten().map(|e| e.file_name()).collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    drop(_guard);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let _ = std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn libreoffice_opens_both_files_and_draws_their_pages() {
    if Command::new("soffice").arg("--version").output().is_err() {
        eprintln!("skipped: soffice (LibreOffice) is not installed; dist/office-check.sh needs it");
        return;
    }
    let dir = tempdir("soffice");
    let layout = layout_of(&package("examples/projects-2023.toml"), zh());
    let x = dir.join("projects-2023.xlsx");
    let d = dir.join("projects-2023.docx");
    std::fs::write(&x, xlsx(&layout, zh())).expect("xlsx");
    std::fs::write(&d, export::docx::render(&layout, zh()).expect("docx")).expect("docx");
    let o =
        Command::new("bash").arg("dist/office-check.sh").arg(dir.join("png")).arg(&x).arg(&d).output().expect("run");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}\n{}", String::from_utf8_lossy(&o.stderr));
    let pages = |name: &str| -> usize {
        out.lines().find_map(|l| l.strip_prefix(&format!("{name} "))).and_then(|n| n.trim().parse().ok()).unwrap_or(0)
    };
    // Four sheets, each at least a page; the report and four forms, each from a new page.
    assert!(pages("projects-2023.xlsx") >= 4, "{out}");
    assert!(pages("projects-2023.docx") >= 5, "{out}");
    let png = std::fs::read_dir(dir.join("png/projects-2023-docx")).expect("pages").flatten();
    assert!(png.filter(|e| e.file_name().to_string_lossy().ends_with(".png")).count() >= 5);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_write_step_offers_both_and_the_choice_is_remembered_in_the_file() {
    use jixiao::wizard::{Confirm, Effect, Event, Overlay, Screen};
    let mut w = support::projects(Lang::ZhCn);
    support::run(&mut w, "<Enter><F10>");
    assert!(matches!(w.screen(), Screen::Review { .. }));
    let s = support::screen(&w, 80, 24);
    assert!(s.contains("[ ] 表格 .xlsx") && s.contains("[ ] 报告 .docx"), "{s}");
    support::run(&mut w, "xd");
    assert_eq!(w.pkg().exports, [Office::Xlsx, Office::Docx]);
    assert!(support::screen(&w, 80, 24).contains("[x] 表格 .xlsx"));
    support::run(&mut w, "<C-w>");
    assert!(matches!(w.overlay(), Some(Overlay::Confirm(Confirm::Overwrite(_)))));
    let effects = support::run(&mut w, "<Enter>");
    let [Effect::WriteAll { data, office, .. }] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(office.iter().map(|(e, _)| *e).collect::<Vec<_>>(), ["xlsx", "docx"]);
    assert!(office.iter().all(|(_, b)| b.starts_with(b"PK")));
    // Remembered in [jixiao], and read back.
    assert!(data.contains("exports = [\"xlsx\", \"docx\"]"), "{data}");
    let again = jixiao::form::file::load(data.as_bytes()).expect("load").package;
    assert_eq!(again.exports, [Office::Xlsx, Office::Docx]);
    w.update(Event::Wrote(Ok(())));
    let done = support::screen(&w, 80, 24);
    assert!(done.contains("pkg.xlsx") && done.contains("pkg.docx"), "{done}");
    // Switched off again: nothing more is written, and the key leaves the file.
    support::run(&mut w, "<PgUp>xd");
    let effects = support::run(&mut w, "<C-w><Enter>");
    let [Effect::WriteAll { data, office, .. }] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(office.is_empty() && !data.contains("exports"));
    // A value jixiao does not know is refused with line and column.
    let bad = data.replace("profile = ", "exports = [\"pdf\"]\nprofile = ");
    let e = jixiao::form::file::load(bad.as_bytes()).expect_err("pdf");
    assert!(e.line > 1, "{e:?}");
}
