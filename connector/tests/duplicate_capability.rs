//! A capability registered twice for one connector stops the program at
//! start-up, naming both functions.

use std::process::ExitCode;

use connector::App;
use connector::models::{TokenCredential, ValidateCredentials, ValidatedCredentials};
use connector::prelude::*;
use connector::registry::RegistryError;

#[connector(app_id = "twice", auth = TokenCredential)]
struct Twice;

#[capability(validate_credentials)]
async fn validate_one(_ctx: Context<Twice>, _req: ValidateCredentials) -> Result<ValidatedCredentials> {
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: "one".into(),
    })
}

mod more {
    use connector::models::{ValidateCredentials, ValidatedCredentials};
    use connector::prelude::*;

    #[capability(validate_credentials)]
    async fn validate_two(
        _ctx: Context<super::Twice>,
        _req: ValidateCredentials,
    ) -> Result<ValidatedCredentials> {
        Ok(ValidatedCredentials {
            valid: true,
            unique_tenant_id: "two".into(),
        })
    }
}

#[test]
fn loading_reports_both_registrations() {
    let error = App::load().expect_err("a duplicated capability is refused");
    assert_eq!(
        error,
        RegistryError::DuplicateCapability {
            app_id: "twice",
            name: "validate_credentials",
            places: [
                "duplicate_capability::more:validate_two",
                "duplicate_capability:validate_one"
            ],
        }
    );
    assert_eq!(
        error.to_string(),
        "capability `validate_credentials` of connector `twice` is registered twice: by duplicate_capability::more:validate_two and by duplicate_capability:validate_one; keep one of the two `#[capability(validate_credentials)]` functions"
    );
    assert_eq!(App::load_app("twice").unwrap_err(), error);
}

#[test]
fn the_command_line_exits_1_with_the_message() {
    let exe = std::env::current_exe().unwrap();
    // Re-run this test binary, in a child process, as the command line.
    let output = std::process::Command::new(exe)
        .args(["--exact", "cli_child", "--nocapture", "--ignored"])
        .env("DUPLICATE_CAPABILITY_CLI_CHILD", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stdout.contains("run exited with status 1"),
        "stdout: {stdout}\nstderr: {stderr}"
    );
    assert!(
        stderr.contains("error: capability `validate_credentials` of connector `twice` is registered twice: by duplicate_capability::more:validate_two and by duplicate_capability:validate_one; keep one of the two `#[capability(validate_credentials)]` functions"),
        "{stderr}"
    );
}

/// Runs the command line of this binary's connector; used by the test above.
#[test]
#[ignore = "run by the_command_line_exits_1_with_the_message in a child process"]
fn cli_child() {
    if std::env::var_os("DUPLICATE_CAPABILITY_CLI_CHILD").is_none() {
        return;
    }
    let code: ExitCode = connector::cli::run();
    println!(
        "run exited with status {}",
        if code == ExitCode::FAILURE { 1 } else { 0 }
    );
}
