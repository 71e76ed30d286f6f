//! gazette: scraped news articles in, normalised records out.
//!
//! Data flows one way, and the modules follow it:
//!
//! 1. [`ingest`] finds the article files, decodes their bytes (UTF-8, else GB18030) and pulls
//!    the title and publication date from the header lines: a [`model::Document`].
//! 2. [`extract`] runs one pure function per entity kind over the document's text
//!    ([`extract::regions`], [`extract::dates`], [`extract::money`], [`extract::agreements`]),
//!    driven by the word lists and rules in [`dict`]: candidate [`model::Mention`]s.
//! 3. [`resolve`] settles what one mention means given the rest of the document (which Suzhou,
//!    a date inside a money amount) and puts the mentions in order.
//! 4. [`write`] streams the records to `documents.jsonl`, `mentions.csv` and `documents.csv`,
//!    each written completely or not at all.
//!
//! [`eval`] sits beside the pipeline and scores its output against hand-labelled gold files,
//! reusing the same record types; [`run`] ties the stages together for the command line.

pub mod dict;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod resolve;
pub mod run;
mod swar;
pub mod synthetic;
pub mod write;
