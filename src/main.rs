//! The `jixiao` binary: parse the command line, run, exit 0/1/2.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = jixiao::cli::parse();
    jixiao::commands::run(cli)
}
