//! The tools for connector authors behind the `connector` command (and
//! `cargo connector`): `scaffold` writes a new connector crate,
//! `compile-on-prem` and `package` archive one for the on-premise agent,
//! `spec` prints the protocol's OpenAPI document. Kept apart from the
//! `connector` runtime so that no connector compiles them.

pub mod compile;
pub mod from_info;
pub mod names;
pub mod package;
pub mod scaffold;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::{Arg, ArgAction, Command};

/// The command line, named `bin_name` (`connector`, or `cargo connector`).
pub fn command(bin_name: &'static str) -> Command {
    Command::new("connector")
        .bin_name(bin_name)
        .about("Tools for writing Lumos connectors in Rust")
        .disable_version_flag(true)
        // Our own flag rather than clap's: scripts written for connector-py
        // read the bare version, without the command's name before it.
        .arg(
            Arg::new("version")
                .short('v')
                .long("version")
                .action(ArgAction::SetTrue)
                .help("Print the SDK version and exit"),
        )
        .subcommand(
            Command::new("spec").about("Print the OpenAPI 3.1 document of the connector protocol as JSON"),
        )
        .subcommand(scaffold::command())
        .subcommand(compile::command())
        .subcommand(package::command())
}

/// Parses `args` (program name first) and runs the subcommand.
pub fn main(bin_name: &'static str, args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let matches = match command(bin_name).try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    if matches.get_flag("version") {
        println!("{}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    let result = match matches.subcommand() {
        Some(("spec", _)) => print_spec(),
        Some(("scaffold", args)) => scaffold::run(args),
        Some(("compile-on-prem", args)) => compile::run(args),
        Some(("package", args)) => package::run(args),
        // Like connector-py: no command is not an error and prints nothing.
        _ => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn print_spec() -> Result<(), String> {
    let document = connector::document::spec::document();
    let text =
        serde_json::to_string_pretty(&document).map_err(|e| format!("cannot write the document: {e}"))?;
    writeln!(std::io::stdout().lock(), "{text}").map_err(|e| format!("cannot write the document: {e}"))
}
