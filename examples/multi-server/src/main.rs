//! `multi-server`: serves every connector it links over HTTP, each under its
//! app id (`POST /<app_id>/<capability>`), with the options of
//! `<connector> dev http-server`.

use std::process::ExitCode;

// Each connector crate must be named, or the linker drops it together with
// its registrations.
use mock_connector as _;
use multi_server as _;

fn main() -> ExitCode {
    connector::server::run_all()
}
