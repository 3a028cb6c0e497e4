//! The `scim-connector` binary: the library's connector with its command line.

// Naming the library makes the linker keep it, and with it the connector's
// and capabilities' registrations, which nothing else refers to.
use scim_connector as _;

connector::main!();
