//! Dates (work in progress: see issue "Dates").

use crate::dict::{DictError, Dictionaries};
use crate::model::{Anchor, Mention};

pub struct DateRules {}

impl DateRules {
    pub fn build(_dicts: &Dictionaries) -> Result<DateRules, DictError> {
        Ok(DateRules {})
    }

    pub fn extract(&self, _text: &str, _anchor: Option<Anchor>) -> Vec<Mention> {
        Vec::new()
    }
}
