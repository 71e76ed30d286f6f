//! Extraction: one module per entity kind, each a pure function from a document's text (and its
//! anchor date) to candidate mentions. [`Extractors`] holds every compiled automaton and regex;
//! it is built once per run from the [`Dictionaries`] and shared read-only across threads.
//!
//! Guarantees of every extractor: offsets are byte offsets into the text, half-open, on char
//! boundaries, and `text[start..end] == mention.text`; the output is a function of the input
//! only (no clock, no global state), so runs are reproducible at any thread count.

pub mod agreements;
pub mod dates;
mod flat;
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
        let text = doc.text_to_match();
        let prepared = Prepared::new(text);
        let mut out = self.regions.extract(text);
        out.extend(self.dates.extract(text, anchor));
        out.extend(self.money.extract_prepared(&prepared));
        out.extend(self.agreements.extract_prepared(&prepared));
        doc.restore_text(&mut out);
        out
    }

    /// [`Extractors::extract`] for several documents, one extractor at a time over all of
    /// them: each extractor's automata and lazy-DFA caches then stay in the core's cache for a
    /// run of documents instead of evicting each other at every document (about 10% of a
    /// run's time on one thread, chunks of 32 against one document at a time, measured with
    /// `examples/stage_times.rs`). The result is the same.
    pub fn extract_each(&self, docs: &[(&Document, Option<Anchor>)]) -> Vec<Vec<Mention>> {
        let regions: Vec<Vec<Mention>> = docs
            .iter()
            .map(|(doc, _)| self.regions.extract(doc.text_to_match()))
            .collect();
        let dates: Vec<Vec<Mention>> = docs
            .iter()
            .map(|(doc, anchor)| self.dates.extract(doc.text_to_match(), *anchor))
            .collect();
        let prepared: Vec<Prepared> = docs
            .iter()
            .map(|(doc, _)| Prepared::new(doc.text_to_match()))
            .collect();
        let money: Vec<Vec<Mention>> = prepared
            .iter()
            .map(|p| self.money.extract_prepared(p))
            .collect();
        let agreements = prepared.iter().map(|p| self.agreements.extract_prepared(p));
        // Each document's lists joined once, into a list of their exact length: extending
        // the first list by the others grew it by reallocation, copying it each time (2% of
        // a run's instructions on the own generator's articles, 70 mentions each).
        regions
            .into_iter()
            .zip(dates)
            .zip(money)
            .zip(agreements)
            .zip(docs)
            .map(|((((r, d), m), a), (doc, _))| {
                let mut all = Vec::with_capacity(r.len() + d.len() + m.len() + a.len());
                for part in [r, d, m, a] {
                    all.extend(part);
                }
                doc.restore_text(&mut all);
                all
            })
            .collect()
    }
}

/// What money and agreement counts both read of a document, each made once, and only when
/// one of them asks: the ASCII-lowercased text their automata search, and the document's
/// numbers. Each extractor used to make its own, so a document was lowercased twice and the
/// numbers near currencies and near agreement nouns were read separately, overlapping: one
/// reading of all numbers (324M instructions on 2,000 generated articles) cost less than the
/// two windowed readings (462M); the whole run took 2.1% fewer instructions (callgrind).
pub struct Prepared<'a> {
    pub text: &'a str,
    lower: std::cell::OnceCell<std::borrow::Cow<'a, str>>,
    numbers: std::cell::OnceCell<Vec<numbers::Number>>,
}

impl<'a> Prepared<'a> {
    pub fn new(text: &'a str) -> Prepared<'a> {
        Prepared {
            text,
            lower: std::cell::OnceCell::new(),
            numbers: std::cell::OnceCell::new(),
        }
    }

    /// The text, ASCII letters lowercased (see [`ascii_lowercase`]).
    pub fn lower(&self) -> &str {
        self.lower.get_or_init(|| ascii_lowercase(self.text))
    }

    /// Every number of the text ([`numbers::NumberParser::find_all`]).
    pub fn numbers(&self, parser: &numbers::NumberParser) -> &[numbers::Number] {
        self.numbers.get_or_init(|| parser.find_all(self.text))
    }
}

/// Whether `head` ends with a copyright mark ("©", "(c)", "Copyright"), spaces aside: the year
/// after one is no date (dates), and the name after one is the site owner's (regions).
pub(crate) fn ends_with_copyright_mark(head: &str) -> bool {
    let head = head.trim_end_matches(' ');
    ["©", "(c)", "(C)", "Copyright", "copyright"]
        .iter()
        .any(|m| head.ends_with(m))
}

/// `text` with ASCII letters in lowercase, the same length byte for byte: the automata for
/// agreement nouns, signing verbs and currencies hold lowercase words and search this, which
/// finds what an ASCII-case-insensitive automaton finds in `text` at the same offsets, and
/// lets the automaton use its literal prefilter (case-insensitive automata get none).
pub(crate) fn ascii_lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(text.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, MatchKind};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// Lowercase words searched in the lowercased text find what the same words searched
        /// ASCII-case-insensitively in the text find: the same spans and the same words, also
        /// when two words differ only in case.
        #[test]
        fn lowercased_search_is_case_insensitive_search(
            pieces in proptest::collection::vec(
                (
                    prop_oneof![
                        Just("MoU"), Just("MOUs"), Just("agreement"), Just("Agreements"),
                        Just("deal"), Just("协议"), Just("US$"), Just("rmb"), Just("Yuan"),
                        Just("ſ"), Just(" "), Just("x"), Just("É"), Just("a"),
                    ],
                    any::<u16>(),
                ),
                0..24,
            )
        ) {
            // each piece in a random mix of cases
            let text: String = pieces
                .iter()
                .flat_map(|(p, mask)| {
                    p.chars().enumerate().map(move |(i, c)| {
                        if mask >> (i % 16) & 1 == 1 { c.to_ascii_uppercase() } else { c }
                    })
                })
                .collect();
            let words = ["MoU", "MOU", "mous", "agreement", "agreements", "Deal", "协议", "US$", "RMB", "yuan"];
            let insensitive = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(words)
                .unwrap();
            let lower = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(words.iter().map(|w| w.to_ascii_lowercase()))
                .unwrap();
            let a: Vec<_> = insensitive.find_iter(&text).map(|m| (m.span(), m.pattern())).collect();
            let b: Vec<_> = lower
                .find_iter(super::ascii_lowercase(&text).as_ref())
                .map(|m| (m.span(), m.pattern()))
                .collect();
            prop_assert_eq!(a, b, "{:?}", text);
        }
    }
}
