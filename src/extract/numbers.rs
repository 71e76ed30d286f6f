//! The number parser shared by money and agreement counts (work in progress).

use crate::dict::{DictError, Dictionaries};

#[derive(Clone)]
pub struct NumberParser {}

impl NumberParser {
    pub fn build(_dicts: &Dictionaries) -> Result<NumberParser, DictError> {
        Ok(NumberParser {})
    }
}
