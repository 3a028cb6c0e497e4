//! The SDK command line's tools for connector authors: `scaffold` and
//! `package`. Compiled into the `connector` binary only, not the library.

pub mod names;
pub mod package;
pub mod scaffold;

use std::process::ExitCode;

use clap::{ArgMatches, Command};

/// The subcommands this module serves.
pub fn commands() -> Vec<Command> {
    vec![scaffold::command(), package::command()]
}

/// Runs subcommand `name` if it is one of [`commands`].
pub fn run(name: &str, args: &ArgMatches) -> Option<ExitCode> {
    let result = match name {
        "scaffold" => scaffold::run(args),
        "package" => package::run(args),
        _ => return None,
    };
    Some(match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    })
}
