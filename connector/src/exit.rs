//! What a command line does with the arguments clap refused.

use std::process::ExitCode;

/// Prints what clap has to say (a usage error on stderr, or the help or
/// version asked for on stdout) and gives the exit code for it: 2 for a
/// usage error, 0 for `--help` and `--version`.
///
/// Unlike clap's own `Error::exit`, it returns instead of ending the process,
/// so that `main` returns normally and the command line can run in tests.
pub fn clap_exit(error: &clap::Error) -> ExitCode {
    // With stdout or stderr gone there is nobody left to tell.
    let _ = error.print();
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_errors_exit_with_2_and_help_with_0() {
        let command = || clap::Command::new("t").arg(clap::Arg::new("x").long("x"));
        let error = command().try_get_matches_from(["t", "--nope"]).unwrap_err();
        assert_eq!(clap_exit(&error), ExitCode::from(2));
        let help = command().try_get_matches_from(["t", "--help"]).unwrap_err();
        assert_eq!(clap_exit(&help), ExitCode::SUCCESS);
    }
}
