//! End-to-end suites: the example connectors run as their users run them,
//! as processes, through the command line and over HTTP.

mod conformance;
mod duplicate_capability;
mod hostile;
mod mock_connector;
mod multi_server;
mod oauth_demo;
mod observability;
mod readme;
mod scim_connector;
mod secrets;

// The examples' binaries, built again by this package under names of its
// own (cargo refuses two binaries of one name in a workspace).
const MOCK_CONNECTOR: &str = env!("CARGO_BIN_EXE_e2e-mock-connector");
const SCIM_CONNECTOR: &str = env!("CARGO_BIN_EXE_e2e-scim-connector");
const MULTI_SERVER: &str = env!("CARGO_BIN_EXE_e2e-multi-server");
const OAUTH_CODE_DEMO: &str = env!("CARGO_BIN_EXE_e2e-oauth-code-demo");
const OAUTH_CLIENT_CREDENTIALS_DEMO: &str = env!("CARGO_BIN_EXE_e2e-oauth-client-credentials-demo");
const CONFORMANCE_CREDENTIALS: &str = env!("CARGO_BIN_EXE_e2e-conformance-credentials");
const CONFORMANCE_NESTED_PAGES: &str = env!("CARGO_BIN_EXE_e2e-conformance-nested-pages");
const DUPLICATE_CAPABILITY: &str = env!("CARGO_BIN_EXE_e2e-duplicate-capability");
const CONFORMANCE_HTTP_ERRORS: &str = env!("CARGO_BIN_EXE_e2e-conformance-http-errors");
const CONFORMANCE_CATALOG: &str = env!("CARGO_BIN_EXE_e2e-conformance-catalog");
const CONFORMANCE_KINDS: &str = env!("CARGO_BIN_EXE_e2e-conformance-kinds");
