//! Money (work in progress: see issue "Money").

use super::numbers::NumberParser;
use crate::dict::{DictError, Dictionaries};
use crate::model::Mention;

pub struct MoneyRules {
    _numbers: NumberParser,
}

impl MoneyRules {
    pub fn build(_dicts: &Dictionaries, numbers: NumberParser) -> Result<MoneyRules, DictError> {
        Ok(MoneyRules { _numbers: numbers })
    }

    pub fn extract(&self, _text: &str) -> Vec<Mention> {
        Vec::new()
    }
}
