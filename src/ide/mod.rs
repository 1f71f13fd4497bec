//! Editor features computed in the core: pure functions of a parsed
//! [`Document`](crate::syntax::Document) and a byte offset, returning plain
//! data with byte ranges. The language server only converts positions and
//! types.

pub mod completion;
pub mod hints;
pub mod rename;
