//! The `gopy` command: parses the command line and hands over to the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    match gopy::cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
