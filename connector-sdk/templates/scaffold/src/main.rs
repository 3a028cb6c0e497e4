//! `{{hyphenated}}`: the Lumos connector for {{title}}.
//!
//! `cargo run -- info` prints what it is; `cargo run -- <capability> --json '<envelope>'`
//! runs one capability. Capabilities live in `capabilities_read.rs` and
//! `capabilities_write.rs`; each one is served once its `#[capability]` line is in place.

mod capabilities_read;
mod capabilities_write;
mod client;
mod dto;
mod pagination;
mod settings;

use connector::models::OAuthCredential;
use connector::prelude::*;

pub use settings::{{pascal}}Settings;

/// The connector.
#[connector(
    app_id = "{{hyphenated}}",
    name = "{{title}}",
    description = "Reads and manages the accounts of {{title}}.",
    categories = [Other],
    auth = OAuthCredential,
    settings = {{pascal}}Settings,
)]
pub struct {{pascal}};

connector::main!();
