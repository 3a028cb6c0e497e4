//! The documents that describe a connector or the protocol: `info`, the
//! connector's OpenAPI document (`app_info`, `GET /openapi.json`) and the
//! protocol's OpenAPI document (`connector spec`).

pub mod info;
pub mod openapi;
pub mod spec;
