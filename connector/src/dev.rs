//! The `dev` command group (alias `hacking`): tools for running a connector
//! outside the platform.

use clap::{ArgMatches, Command};

use crate::registry::App;

/// The `dev` subcommand and what it holds.
pub(crate) fn command() -> Command {
    Command::new("dev")
        .visible_alias("hacking")
        .about("Development tools")
}

/// Runs `dev <name>`.
pub(crate) async fn run(_app: &App, name: &str, _args: &ArgMatches) -> Result<(), String> {
    Err(format!("unknown dev command `{name}`"))
}
