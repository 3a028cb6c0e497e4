//! The runtime's integration tests, one binary: connectors defined in these
//! modules (each with its own app ids) run through dispatch, the info and
//! OpenAPI documents, the OAuth capabilities, the HTTP server and the testing
//! kit. (The compile-time diagnostics are checked in connector-macros.)

mod dispatch;
mod http_server;
mod info;
mod oauth;
mod protocol_samples;
#[cfg(feature = "testing")]
mod testing_kit;
