//! The record types every stage shares: [`Document`] in, [`Mention`]s out.
//!
//! Offsets are byte offsets into the decoded text (`Document::text`), half-open, and always on
//! UTF-8 character boundaries, so `&doc.text[m.start..m.end] == m.text` for every mention. The
//! same types are written by `write`, read back by `diff`, and compared by `eval`, so a field
//! renamed here is renamed everywhere.
//!
//! ```
//! use gazette::model::{Mention, Value, AgreementValue, AgreementKind};
//! let m = Mention::new(0, 1, "7", Value::Agreement(AgreementValue {
//!     count: 7, kind: AgreementKind::Agreement, label: String::new() }));
//! assert_eq!(m.value.type_name(), "agreement_count");
//! ```

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// One decoded article.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the input root it was found under, `/`-separated.
    pub doc_id: String,
    pub text: String,
    /// `text` in the forms the dictionaries and rules are written in, when it holds others:
    /// traditional Chinese characters (a Hong Kong or Macao release), full-width digits and
    /// letters, HTML entities. What the extractors read.
    pub matched: Option<MatchText>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// Size of the file on disk, before decoding.
    pub bytes: usize,
    /// The encoding the bytes were decoded from ("UTF-8", "GB18030").
    pub encoding: &'static str,
}

/// A page's text in the forms the rules read (see [`Document::matched`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchText {
    pub text: String,
    /// Where `text` and the page part: `(offset in text, offset in the page)` at the end of each
    /// replacement that changed the length, in order. Empty when every replacement kept its
    /// length (traditional characters and their simplified forms are both three bytes).
    pub shifts: Vec<(usize, usize)>,
}

impl MatchText {
    /// The page's offset for an offset into `text` that is not inside a replaced character.
    pub fn page_offset(&self, at: usize) -> usize {
        match self.shifts.partition_point(|&(t, _)| t <= at) {
            0 => at,
            i => {
                let (t, p) = self.shifts[i - 1];
                p + (at - t)
            }
        }
    }
}

/// The date a document's relative expressions are resolved against, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub date: NaiveDate,
    pub source: YearSource,
}

impl Document {
    /// The text the extractors read: [`Document::matched`] if there is one, else `text`.
    pub fn text_to_match(&self) -> &str {
        self.matched.as_ref().map_or(&self.text, |m| &m.text)
    }

    /// Puts mentions found in [`Document::text_to_match`] back at the page's offsets, with the
    /// page's own text.
    pub fn restore_text(&self, mentions: &mut [Mention]) {
        let Some(matched) = &self.matched else {
            return;
        };
        for m in mentions {
            m.start = matched.page_offset(m.start);
            m.end = matched.page_offset(m.end);
            m.text = self.text[m.start..m.end].to_string();
        }
    }

    /// The publication date if the article has one, else the run's `--reference-date`.
    pub fn anchor(&self, reference: Option<NaiveDate>) -> Option<Anchor> {
        match (self.published, reference) {
            (Some(date), _) => Some(Anchor {
                date,
                source: YearSource::Publication,
            }),
            (None, Some(date)) => Some(Anchor {
                date,
                source: YearSource::Reference,
            }),
            (None, None) => None,
        }
    }
}

/// One extracted entity: where it is and what it means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(flatten)]
    pub value: Value,
}

impl Mention {
    pub fn new(start: usize, end: usize, text: &str, value: Value) -> Mention {
        Mention {
            text: text.to_string(),
            start,
            end,
            value,
        }
    }

    /// A mention over `text[start..end]`.
    pub fn at(text: &str, start: usize, end: usize, value: Value) -> Mention {
        Mention::new(start, end, &text[start..end], value)
    }
}

/// What a mention means; serialised with a `type` tag, as the output contract names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Value {
    Region(RegionValue),
    Date(DateValue),
    Money(MoneyValue),
    #[serde(rename = "agreement_count")]
    Agreement(AgreementValue),
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Region(_) => "region",
            Value::Date(_) => "date",
            Value::Money(_) => "money",
            Value::Agreement(_) => "agreement_count",
        }
    }

    /// The value a person reads in a spreadsheet cell, and what `eval` compares.
    pub fn display(&self) -> String {
        match self {
            Value::Region(r) => r.code.to_string(),
            Value::Date(d) => d.value.clone(),
            Value::Money(m) => match &m.amount_max {
                Some(max) => format!("{}-{} {}", m.amount, max, m.currency),
                None => format!("{} {}", m.amount, m.currency),
            },
            Value::Agreement(a) => format!("{} {}", a.count, a.kind.as_str()),
        }
    }
}

pub const TYPES: [&str; 4] = ["region", "date", "money", "agreement_count"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Province,
    Prefecture,
    County,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::Prefecture => "prefecture",
            Level::County => "county",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionValue {
    // Shared with the gazetteer (`Arc<str>`): a document names dozens of regions, and a fresh
    // `String` for each of these fields was the largest allocation cost of region extraction.
    pub code: Arc<str>,
    pub name: Arc<str>,
    pub name_zh: Arc<str>,
    pub level: Level,
    pub province_code: Arc<str>,
    /// The dictionary alias the text matched (the canonical name when it matched that).
    pub matched_alias: Arc<str>,
    /// True when the document gave no evidence and a default reading was taken.
    pub ambiguous: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// The code in force at the publication date, when it differs from the current `code`
    /// (only with `--as-of publication` or `--as-of YYYY`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_as_of: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Day,
    Week,
    Month,
    Quarter,
    Half,
    Year,
    Range,
}

impl Granularity {
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Quarter => "quarter",
            Granularity::Half => "half",
            Granularity::Year => "year",
            Granularity::Range => "range",
        }
    }
}

/// Where a date's year came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YearSource {
    /// Written in the expression itself.
    Text,
    /// Taken from the article's publication date.
    Publication,
    /// Taken from `--reference-date`.
    Reference,
    /// No year could be known: `value` starts with `XXXX`.
    Unknown,
}

impl YearSource {
    pub fn as_str(self) -> &'static str {
        match self {
            YearSource::Text => "text",
            YearSource::Publication => "publication",
            YearSource::Reference => "reference",
            YearSource::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateValue {
    /// Compact ISO: "2023-06-18", "2023-06", "2023", "2024-Q1", "2024-H1",
    /// "2024-05-24/2024-05-25", "XXXX-05-29".
    pub value: String,
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    pub granularity: Granularity,
    pub year_source: YearSource,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoneyValue {
    /// Exact decimal in base units, never an exponent: "53183000000".
    pub amount: String,
    /// Upper bound of a range such as "5-10 million yuan"; `amount` is then the lower bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_max: Option<String>,
    /// ISO 4217.
    pub currency: String,
    pub approximate: bool,
    /// The qualifier word that made it approximate ("about", "over", "约", "多").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum AgreementKind {
    Agreement,
    Contract,
    Project,
    Memorandum,
    LetterOfIntent,
    Deal,
}

impl AgreementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementKind::Agreement => "agreement",
            AgreementKind::Contract => "contract",
            AgreementKind::Project => "project",
            AgreementKind::Memorandum => "memorandum",
            AgreementKind::LetterOfIntent => "letter_of_intent",
            AgreementKind::Deal => "deal",
        }
    }

    pub fn parse(s: &str) -> Option<AgreementKind> {
        Some(match s {
            "agreement" => AgreementKind::Agreement,
            "contract" => AgreementKind::Contract,
            "project" => AgreementKind::Project,
            "memorandum" => AgreementKind::Memorandum,
            "letter_of_intent" => AgreementKind::LetterOfIntent,
            "deal" => AgreementKind::Deal,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementValue {
    pub count: u64,
    pub kind: AgreementKind,
    /// The words between the number and the noun ("strategic cooperation").
    pub label: String,
}

/// Appends `d` as `YYYY-MM-DD` without going through `Display` (dates are written by the
/// hundred per article); chrono's own format (with a sign) for the years outside 0..=9999 that
/// no article holds.
pub fn push_iso_day(out: &mut Vec<u8>, d: NaiveDate) {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        out.extend_from_slice(d.to_string().as_bytes());
        return;
    }
    let y = y as u32;
    let digit = |n: u32| b'0' + n as u8;
    out.extend_from_slice(&[
        digit(y / 1000),
        digit(y / 100 % 10),
        digit(y / 10 % 10),
        digit(y % 10),
        b'-',
        digit(m / 10),
        digit(m % 10),
        b'-',
        digit(day / 10),
        digit(day % 10),
    ]);
}

/// `d` as `YYYY-MM-DD` (see [`push_iso_day`]).
pub fn iso_day(d: NaiveDate) -> String {
    let mut out = Vec::with_capacity(10);
    push_iso_day(&mut out, d);
    String::from_utf8(out).expect("a date is written in ASCII")
}
