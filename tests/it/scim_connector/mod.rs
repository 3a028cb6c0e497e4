//! The SCIM connector against the in-memory SCIM server, through its command line.

mod cassettes;
mod common;
mod provisioning;
mod read;
