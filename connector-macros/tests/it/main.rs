//! The macros as authors meet them: `ui` checks the compile-time
//! diagnostics of every misuse, and compiles the accepted forms; `fields`
//! checks what `#[fields]` writes.

mod fields;
mod ui;
