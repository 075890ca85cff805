//! The command line (clap derive). No logic here: `commands` does the work.
//!
//! `jixiao FILE [--section NAME]` opens the wizard; clap sees FILE as an external
//! subcommand and [`WizardArgs`] parses what follows, so that `--lang` works before or after
//! any subcommand.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// jixiao — 预算单位整体支出绩效自评 wizard.
#[derive(Debug, Parser)]
#[command(
    name = "jixiao",
    version,
    about = "预算单位整体支出绩效自评 — fill, check and print the package / 填写、检查、打印整体支出绩效自评材料",
    override_usage = "jixiao [--lang LANG] FILE [--section NAME] [--plain] [--answers PREFILL.toml] [--read-only]\n       jixiao [--lang LANG] check FILE\n       jixiao [--lang LANG] report FILE [-o OUT]"
)]
pub struct Cli {
    /// Interface language: zh-CN or en (default: from LANG, else zh-CN).
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,

    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a package: every error and warning, and the score. Exit 0 = no errors, 1 = errors, 2 = unreadable.
    Check {
        /// The package file (TOML).
        file: PathBuf,
    },
    /// Write the plain-text report of a package.
    Report {
        /// The package file (TOML).
        file: PathBuf,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// FILE [--section NAME]: open the wizard on FILE (created if it does not exist).
    #[command(external_subcommand)]
    Open(Vec<OsString>),
}

/// The wizard's arguments: `FILE [--section NAME] [--lang LANG]`.
#[derive(Debug, Parser)]
#[command(name = "jixiao", no_binary_name = true)]
pub struct WizardArgs {
    /// The package file to open (created if it does not exist).
    pub file: PathBuf,
    /// Open at this section (e.g. funding, indicators).
    #[arg(long, value_name = "NAME")]
    pub section: Option<String>,
    /// Interface language.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Look without changing anything (no save, no write, no draft, no lock).
    #[arg(long)]
    pub read_only: bool,
    /// Line-by-line prompts instead of the full screen (automatic on dumb terminals and pipes).
    #[arg(long)]
    pub plain: bool,
    /// Prefill from this package and ask only for what is missing or invalid.
    #[arg(long, value_name = "PREFILL.toml")]
    pub answers: Option<PathBuf>,
    /// Draw with ratatui's stock crossterm backend instead of the frugal one (for comparison).
    #[arg(long, hide = true)]
    pub stock_backend: bool,
}
