//! How much of an upstream's error body is shown, and how a cut one says so.

use std::fmt;

/// The most bytes of an upstream's error body that messages and logs show
/// (and that the client reads); a longer body is cut there and marked
/// `… [cut: <size> bytes in all]`.
pub const MAX_ERROR_BODY: usize = 4096;

/// How large a body that was cut was in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WholeSize {
    /// Counted to its end, or as its `Content-Length` declared.
    Exactly(u64),
    /// Reading stopped before its end, this many bytes in.
    #[cfg_attr(not(feature = "client"), allow(dead_code))]
    MoreThan(u64),
}

impl WholeSize {
    /// `4711 bytes`, or `more than 4711 bytes`.
    pub(crate) fn bytes(self) -> String {
        match self {
            WholeSize::Exactly(n) => format!("{n} bytes"),
            WholeSize::MoreThan(n) => format!("more than {n} bytes"),
        }
    }
}

/// The mark after the start of a text that was cut.
impl fmt::Display for WholeSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "… [cut: {} in all]", self.bytes())
    }
}
