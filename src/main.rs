//! The `jixiao` binary: parse the command line, run, exit 0/1/2.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = <jixiao::cli::Cli as clap::Parser>::parse();
    jixiao::commands::run(cli)
}
