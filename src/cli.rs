//! The command line (clap derive). No logic here: `commands` does the work.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// jixiao — 预算单位整体支出绩效自评 wizard.
#[derive(Debug, Parser)]
#[command(
    name = "jixiao",
    version,
    about = "预算单位整体支出绩效自评 — fill, check and print the package / 填写、检查、打印整体支出绩效自评材料",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Interface language: zh-CN or en (default: from LANG, else zh-CN).
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,

    /// The package file to open in the wizard (created if it does not exist).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Open the wizard at this section (e.g. funding, indicators).
    #[arg(long, value_name = "NAME")]
    pub section: Option<String>,

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
}
