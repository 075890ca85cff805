//! jixiao: a terminal wizard for the annual 预算单位整体支出绩效自评 package.
//!
//! ```text
//! key ──keymap::resolve──▶ Action ──wizard::update──▶ state + Effect ──tui──▶ files
//!                                        │ (pure)
//! terminal ◀── ui::draw(&Wizard, &Catalog) (pure, to a Buffer)
//! check  = fsio::read → form::file::load → form::rules::check → present → exit 0/1/2
//! report = fsio::read → form::file::load → form::report::render → stdout or -o FILE
//! ```
//!
//! Modules: `form` (pure domain), `i18n` (catalogs), `text` (display width, escapes made
//! visible), `present` (issues and scores as text), `wizard` (state machine), `keymap`, `ui`
//! (rendering), `paths` (every path derived from a data file), `tui` (the terminal edge),
//! `exit` (signals, hang-ups, panics: draft, lock, terminal), `fsio` (the file-system edge),
//! `plain`, `cli`, `commands`, `version` (`--version`), `manual` (man page and completions
//! from the clap definition).

// Nothing prints with `println!`/`eprintln!`: they panic when the output is gone (a full
// device, a hung-up terminal). Output goes through `commands::emit`/`tell` or a `Write`.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod batch;
pub mod cli;
pub mod commands;
pub mod exit;
pub mod export;
pub mod form;
pub mod frugal;
pub mod fsio;
pub mod i18n;
pub mod keymap;
pub mod manual;
pub mod paths;
pub mod plain;
pub mod present;
pub mod profiles;
pub mod text;
pub mod tui;
pub mod ui;
pub mod version;
pub mod wizard;
