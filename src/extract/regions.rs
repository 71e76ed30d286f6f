//! Regions (work in progress).

use crate::dict::{DictError, Dictionaries};
use crate::model::Mention;

pub struct RegionMatcher {}

impl RegionMatcher {
    pub fn build(_dicts: &Dictionaries) -> Result<RegionMatcher, DictError> {
        Ok(RegionMatcher {})
    }

    pub fn extract(&self, _text: &str) -> Vec<Mention> {
        Vec::new()
    }
}
