//! Places in the catalog: distinct index types for tools and checks, and
//! the maps from ids to them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::{Check, Tool};

/// A tool's place in the catalog. A check's place is a [`CheckIx`]: the two
/// cannot be swapped by mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ToolIx(pub usize);

/// A check's place in the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct CheckIx(pub usize);

impl std::ops::Index<ToolIx> for Vec<Tool> {
    type Output = Tool;
    fn index(&self, i: ToolIx) -> &Tool {
        &self[i.0]
    }
}

impl std::ops::IndexMut<ToolIx> for Vec<Tool> {
    fn index_mut(&mut self, i: ToolIx) -> &mut Tool {
        &mut self[i.0]
    }
}

impl std::ops::Index<CheckIx> for Vec<Check> {
    type Output = Check;
    fn index(&self, i: CheckIx) -> &Check {
        &self[i.0]
    }
}

impl std::ops::IndexMut<CheckIx> for Vec<Check> {
    fn index_mut(&mut self, i: CheckIx) -> &mut Check {
        &mut self[i.0]
    }
}

/// Ids to indices. The ids are short and come from the user's own files, so
/// a simple FNV-1a hash serves: `SipHash`'s protection against crafted keys buys
/// nothing here and costs a third of loading a large catalog.
pub(super) type IdMap<I> = HashMap<String, I, BuildHasherDefault<Fnv>>;

#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let start = if self.0 == 0 {
            crate::hash::FNV_OFFSET
        } else {
            self.0
        };
        self.0 = crate::hash::fnv1a(start, bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
