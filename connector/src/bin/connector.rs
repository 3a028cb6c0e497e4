//! The SDK's own command line: `connector --version`, and the tools for
//! connector authors.

use std::io::Write;
use std::process::ExitCode;

#[path = "../sdk/mod.rs"]
mod sdk;

fn main() -> ExitCode {
    let command = clap::Command::new("connector")
        .about("Tools for writing Lumos connectors in Rust")
        .version(env!("CARGO_PKG_VERSION"))
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('v')
                .long("version")
                .action(clap::ArgAction::Version)
                .help("Print the SDK version"),
        )
        .subcommand(
            clap::Command::new("spec")
                .about("Print the OpenAPI 3.1 document of the connector protocol as JSON"),
        )
        .subcommands(sdk::commands());
    let matches = match command.try_get_matches() {
        Ok(matches) => matches,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match matches.subcommand() {
        Some(("spec", _)) => print_spec(),
        Some((name, args)) => sdk::run(name, args).unwrap_or(ExitCode::SUCCESS),
        None => ExitCode::SUCCESS,
    }
}

fn print_spec() -> ExitCode {
    let document = connector::document::spec::document();
    let text = match serde_json::to_string_pretty(&document) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("connector: cannot write the document: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}") {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("connector: cannot write the document: {e}");
            ExitCode::FAILURE
        }
    }
}
