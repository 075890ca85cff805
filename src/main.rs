//! The `jixiao` binary: parse the command line, run, exit with the code of
//! `jixiao::commands` (0, 1, 2, 3, 129, or 128 + a signal).

use std::process::ExitCode;

fn main() -> ExitCode {
    match jixiao::cli::parse() {
        Ok(cli) => jixiao::commands::run(cli),
        Err(code) => ExitCode::from(code),
    }
}
