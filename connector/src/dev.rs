//! The `dev` command group (alias `hacking`): tools for running a connector
//! outside the platform.

use clap::{ArgMatches, Command};

use crate::registry::App;

/// The `dev` subcommand and what it holds.
pub(crate) fn command() -> Command {
    let command = Command::new("dev")
        .visible_alias("hacking")
        .about("Development tools");
    #[cfg(feature = "server")]
    let command = command.subcommand(crate::server::command());
    command
}

/// Runs `dev <name>`. Each tool sets up the runtime it needs: the server
/// runs on all cores, unlike a single capability call.
pub(crate) fn run(app: &App, name: &str, args: &ArgMatches) -> Result<(), String> {
    match name {
        #[cfg(feature = "server")]
        "http-server" => crate::server::run_dev(app, args),
        _ => {
            let _ = (app, args);
            Err(format!("unknown dev command `{name}`"))
        }
    }
}
