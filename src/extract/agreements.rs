//! Agreement counts (work in progress).

use super::numbers::NumberParser;
use crate::dict::{DictError, Dictionaries};
use crate::model::Mention;

pub struct AgreementRules {
    _numbers: NumberParser,
}

impl AgreementRules {
    pub fn build(
        _dicts: &Dictionaries,
        numbers: NumberParser,
    ) -> Result<AgreementRules, DictError> {
        Ok(AgreementRules { _numbers: numbers })
    }

    pub fn extract(&self, _text: &str) -> Vec<Mention> {
        Vec::new()
    }
}
