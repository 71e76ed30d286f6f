//! Extraction: one module per entity kind, each a pure function from a document's text (and its
//! anchor date) to candidate mentions. [`Extractors`] holds every compiled automaton and regex;
//! it is built once per run from the [`Dictionaries`] and shared read-only across threads.
//!
//! Guarantees of every extractor: offsets are byte offsets into the text, half-open, on char
//! boundaries, and `text[start..end] == mention.text`; the output is a function of the input
//! only (no clock, no global state), so runs are reproducible at any thread count.

pub mod agreements;
pub mod dates;
pub mod money;
pub mod numbers;
pub mod regions;

use crate::dict::{DictError, Dictionaries};
use crate::model::{Anchor, Document, Mention};

/// Every extractor of a run, compiled once.
pub struct Extractors {
    pub regions: regions::RegionMatcher,
    pub dates: dates::DateRules,
    pub money: money::MoneyRules,
    pub agreements: agreements::AgreementRules,
}

impl Extractors {
    pub fn build(dicts: &Dictionaries) -> Result<Extractors, DictError> {
        let numbers = numbers::NumberParser::build(dicts)?;
        // The gazetteer automaton and the date patterns are the two slow builds; the smaller
        // ones run beside them rather than after, so start-up waits for the slowest only.
        let (regions, (dates, (money, agreements))) = rayon::join(
            || regions::RegionMatcher::build(dicts),
            || {
                rayon::join(
                    || dates::DateRules::build(dicts),
                    || {
                        (
                            money::MoneyRules::build(dicts, numbers.clone()),
                            agreements::AgreementRules::build(dicts, numbers.clone()),
                        )
                    },
                )
            },
        );
        Ok(Extractors {
            regions: regions?,
            dates: dates?,
            money: money?,
            agreements: agreements?,
        })
    }

    /// All candidate mentions of a document, unresolved and in no particular order.
    pub fn extract(&self, doc: &Document, anchor: Option<Anchor>) -> Vec<Mention> {
        let text = doc.text.as_str();
        let mut out = self.regions.extract(text);
        out.extend(self.dates.extract(text, anchor));
        out.extend(self.money.extract(text));
        out.extend(self.agreements.extract(text));
        out
    }

    /// [`Extractors::extract`] for several documents, one extractor at a time over all of
    /// them: each extractor's automata and lazy-DFA caches then stay in the core's cache for a
    /// run of documents instead of evicting each other at every document (about 10% of a
    /// run's time on one thread, chunks of 32 against one document at a time, measured with
    /// `examples/stage_times.rs`). The result is the same.
    pub fn extract_each(&self, docs: &[(&Document, Option<Anchor>)]) -> Vec<Vec<Mention>> {
        let mut found: Vec<Vec<Mention>> = docs
            .iter()
            .map(|(doc, _)| self.regions.extract(&doc.text))
            .collect();
        for ((doc, anchor), out) in docs.iter().zip(&mut found) {
            out.extend(self.dates.extract(&doc.text, *anchor));
        }
        for ((doc, _), out) in docs.iter().zip(&mut found) {
            out.extend(self.money.extract(&doc.text));
        }
        for ((doc, _), out) in docs.iter().zip(&mut found) {
            out.extend(self.agreements.extract(&doc.text));
        }
        found
    }
}
