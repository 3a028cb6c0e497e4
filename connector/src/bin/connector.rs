//! The SDK's own command line: `connector --version`, and the tools for
//! connector authors.

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
        .subcommands(sdk::commands());
    match command.try_get_matches() {
        Ok(matches) => match matches.subcommand() {
            Some((name, args)) => sdk::run(name, args).unwrap_or(ExitCode::SUCCESS),
            None => ExitCode::SUCCESS,
        },
        Err(e) => {
            let _ = e.print();
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
    }
}
