//! Eval: score extraction against hand-labelled gold files, and diff two runs.
//!
//! The gold format is documented in `corpus/README.md`: one tab-separated line per expected
//! mention (`type`, `text`, `value`, optional occurrence numbers), placed in the article by
//! finding `text`. [`run`] extracts with the same [`Pipeline`] as `gazette extract` and scores at
//! three levels, per type and overall:
//! - **mention (strict)**: same type, same span, same value;
//! - **mention (lenient)**: same type, overlapping spans, same value;
//! - **document**: the set of (type, value) per document, which is what a spreadsheet sees.
//!
//! Values compare by meaning, not spelling ([`value_key`]): dates by their inclusive day bounds
//! (`2024-Q1` equals `2024-01-01/2024-03-31`), amounts as decimals (`53183000000` equals
//! `53183000000.00`), regions by code, counts by number and kind.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{Months, NaiveDate};
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dict::Dictionaries;
use crate::ingest::{self, is_han};
use crate::model::{AgreementKind, Mention, TYPES};
use crate::run::Pipeline;
use crate::write::{DocumentRecord, Outcome};

/// What `gazette eval` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub corpus: PathBuf,
    pub gold: PathBuf,
    pub reference_date: Option<NaiveDate>,
    pub dictionaries: Option<PathBuf>,
    pub json: Option<PathBuf>,
    pub baseline: Option<PathBuf>,
    pub min_f1: Vec<(String, f64)>,
    pub all_errors: bool,
}

/// A gold file that cannot be read or placed: names the file and line.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{file}:{line}: {message}")]
    Gold {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{0}")]
    Other(String),
}

fn other(e: impl std::fmt::Display) -> EvalError {
    EvalError::Other(e.to_string())
}

/// One expected mention, placed in its article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The value as written in the gold file.
    pub value: String,
    /// The value as compared ([`value_key`]).
    pub key: String,
}

/// The gold of one article.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    /// `Some(None)` when the file says `published<TAB>none`.
    pub published: Option<Option<NaiveDate>>,
    pub mentions: Vec<Labelled>,
}

/// Parses a gold file and places its lines in `text`.
pub fn parse_gold(file: &str, gold: &str, text: &str) -> Result<Gold, EvalError> {
    let err = |line: usize, message: String| EvalError::Gold {
        file: file.to_string(),
        line,
        message,
    };
    struct Line<'a> {
        no: usize,
        kind: &'a str,
        text: &'a str,
        value: &'a str,
        occurrences: Option<Vec<usize>>,
    }
    let mut out = Gold::default();
    let mut lines = Vec::new();
    for (i, raw) in gold.lines().enumerate() {
        let no = i + 1;
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = raw.split('\t').collect();
        if f[0] == "published" {
            let v = f.get(1).copied().unwrap_or("").trim();
            out.published = Some(if v == "none" || v.is_empty() {
                None
            } else {
                Some(
                    NaiveDate::parse_from_str(v, "%Y-%m-%d")
                        .map_err(|_| err(no, format!("bad publication date {v:?}")))?,
                )
            });
            continue;
        }
        if f.len() < 3 {
            return Err(err(
                no,
                format!("expected type, text, value (tab-separated): {raw:?}"),
            ));
        }
        if !TYPES.contains(&f[0]) {
            return Err(err(no, format!("unknown type {:?}", f[0])));
        }
        if f[1].is_empty() {
            return Err(err(no, "empty text".into()));
        }
        value_key(f[0], f[2]).map_err(|m| err(no, m))?;
        let occurrences = match f.get(3).map(|s| s.trim()).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(
                s.split(',')
                    .map(|n| n.trim().parse::<usize>().ok().filter(|&n| n > 0))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| err(no, format!("bad occurrence list {s:?}")))?,
            ),
        };
        lines.push(Line {
            no,
            kind: f[0],
            text: f[1],
            value: f[2],
            occurrences,
        });
    }
    // Longer texts are placed first; a shorter text's occurrences inside them are skipped.
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(lines[i].text.len()));
    let mut placed: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, text len)
    let mut spans_of: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for &i in &order {
        let l = &lines[i];
        if !spans_of.contains_key(l.text) {
            let found: Vec<(usize, usize)> = text
                .match_indices(l.text)
                .map(|(s, t)| (s, s + t.len()))
                .filter(|&(s, e)| latin_boundaries(text, s, e))
                .filter(|&(s, e)| {
                    !placed
                        .iter()
                        .any(|&(ps, pe, pl)| pl > l.text.len() && ps <= s && e <= pe)
                })
                .collect();
            spans_of.insert(l.text, found);
        }
        let spans = &spans_of[l.text];
        if spans.is_empty() {
            return Err(err(
                l.no,
                format!("text {:?} does not occur in the article", l.text),
            ));
        }
        let chosen: Vec<(usize, usize)> = match &l.occurrences {
            None => spans.clone(),
            Some(ns) => ns
                .iter()
                .map(|&n| {
                    spans.get(n - 1).copied().ok_or_else(|| {
                        err(
                            l.no,
                            format!(
                                "occurrence {n} of {:?} does not exist (found {})",
                                l.text,
                                spans.len()
                            ),
                        )
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        for (s, e) in chosen {
            placed.push((s, e, l.text.len()));
            out.mentions.push(Labelled {
                kind: l.kind.to_string(),
                start: s,
                end: e,
                text: l.text.to_string(),
                value: l.value.to_string(),
                key: value_key(l.kind, l.value).expect("checked above"),
            });
        }
    }
    out.mentions
        .sort_by(|a, b| (a.start, a.end, &a.kind).cmp(&(b.start, b.end, &b.kind)));
    Ok(out)
}

fn latin_boundaries(text: &str, s: usize, e: usize) -> bool {
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !is_han(c));
    let inner_first = text[s..e].chars().next();
    let inner_last = text[s..e].chars().next_back();
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    let glued_start = glued(inner_first) && glued(before);
    let glued_end = glued(inner_last) && glued(after);
    !glued_start && !glued_end
}

/// The comparable form of a value: dates as inclusive day bounds, amounts as normalised
/// decimals, everything else as written.
pub fn value_key(kind: &str, value: &str) -> Result<String, String> {
    let value = value.trim();
    match kind {
        "region" => {
            if value.len() == 6 && value.bytes().all(|b| b.is_ascii_digit()) {
                Ok(value.to_string())
            } else {
                Err(format!("region value must be a 6-digit code: {value:?}"))
            }
        }
        "date" => {
            if value.starts_with("XXXX") {
                return Ok(value.to_string());
            }
            date_bounds(value)
                .map(|(a, b)| format!("{a}/{b}"))
                .ok_or_else(|| format!("not a date value: {value:?}"))
        }
        "money" => {
            let (amount, cur) = value
                .split_once(' ')
                .ok_or_else(|| format!("money value must be `AMOUNT CUR`: {value:?}"))?;
            if cur.len() != 3 || !cur.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(format!("currency must be an ISO 4217 code: {cur:?}"));
            }
            let parse = |s: &str| {
                Decimal::from_str(s)
                    .map(|d| d.normalize().to_string())
                    .map_err(|_| format!("not a decimal amount: {s:?}"))
            };
            // "5000000-10000000 CNY": a range.
            let amount = match amount.split_once('-').filter(|(a, _)| !a.is_empty()) {
                Some((lo, hi)) => format!("{}-{}", parse(lo)?, parse(hi)?),
                None => parse(amount)?,
            };
            Ok(format!("{amount} {cur}"))
        }
        "agreement_count" => {
            let (n, k) = value
                .split_once(' ')
                .ok_or_else(|| format!("count value must be `N kind`: {value:?}"))?;
            let n: u64 = n.parse().map_err(|_| format!("not a count: {n:?}"))?;
            AgreementKind::parse(k).ok_or_else(|| format!("unknown kind {k:?}"))?;
            Ok(format!("{n} {k}"))
        }
        _ => Err(format!("unknown type {kind:?}")),
    }
}

/// Inclusive first and last day of a compact ISO value.
pub fn date_bounds(v: &str) -> Option<(NaiveDate, NaiveDate)> {
    if let Some((a, b)) = v.split_once('/') {
        return Some((date_bounds(a)?.0, date_bounds(b)?.1));
    }
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let month_end = |y: i32, m: u32| ymd(y, m, 1)?.checked_add_months(Months::new(1))?.pred_opt();
    let parts: Vec<&str> = v.split('-').collect();
    let year: i32 = parts.first()?.parse().ok()?;
    if parts[0].len() != 4 {
        return None;
    }
    match parts.len() {
        1 => Some((ymd(year, 1, 1)?, ymd(year, 12, 31)?)),
        2 => {
            let p = parts[1];
            if let Some(q) = p.strip_prefix('Q') {
                let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
                Some((ymd(year, 3 * q - 2, 1)?, month_end(year, 3 * q)?))
            } else if let Some(h) = p.strip_prefix('H') {
                let h: u32 = h.parse().ok().filter(|h| (1..=2).contains(h))?;
                Some((ymd(year, 6 * h - 5, 1)?, month_end(year, 6 * h)?))
            } else if let Some(w) = p.strip_prefix('W') {
                let w: u32 = w.parse().ok()?;
                let monday = NaiveDate::from_isoywd_opt(year, w, chrono::Weekday::Mon)?;
                Some((monday, monday + chrono::Duration::days(6)))
            } else {
                let m: u32 = p.parse().ok()?;
                Some((ymd(year, m, 1)?, month_end(year, m)?))
            }
        }
        3 => {
            let d = ymd(year, parts[1].parse().ok()?, parts[2].parse().ok()?)?;
            Some((d, d))
        }
        _ => None,
    }
}

/// True/false positives and false negatives, with the scores they give.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// An empty denominator scores 1: nothing expected and nothing found is perfect.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Scores of one level, per type and over all types.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Level {
    pub by_type: BTreeMap<String, Scored>,
    pub all: Scored,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Scored {
    #[serde(flatten)]
    pub counts: Counts,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl From<Counts> for Scored {
    fn from(c: Counts) -> Scored {
        Scored {
            counts: c,
            precision: c.precision(),
            recall: c.recall(),
            f1: c.f1(),
        }
    }
}

/// One mistake, for a person to read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorCase {
    pub doc_id: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// "missed", "spurious", "wrong_value" (overlapping spans, different values) or "span" (the
    /// right value over another span).
    pub error: String,
    pub start: usize,
    pub end: usize,
    pub context: String,
    pub expected: Option<String>,
    pub found: Option<String>,
}

/// The full report of `gazette eval`, as written by `--json`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    pub documents: usize,
    pub gold_mentions: usize,
    pub mention: Level,
    pub lenient: Level,
    pub document: Level,
    /// Publication dates found / checked.
    pub published_correct: usize,
    pub published_checked: usize,
    /// Per document and type: the strict mention counts.
    pub per_document: BTreeMap<String, BTreeMap<String, Counts>>,
    pub errors: Vec<ErrorCase>,
}

/// A prediction reduced to what eval compares.
struct Found<'a> {
    kind: &'static str,
    start: usize,
    end: usize,
    key: String,
    mention: &'a Mention,
}

fn found_of(m: &Mention) -> Found<'_> {
    let kind = m.value.type_name();
    let display = m.value.display();
    let key = value_key(kind, &display).unwrap_or(display);
    Found {
        kind,
        start: m.start,
        end: m.end,
        key,
        mention: m,
    }
}

/// Scores one document: strict, lenient and document-level counts per type, and its errors.
pub fn score_document(
    doc_id: &str,
    text: &str,
    gold: &Gold,
    predicted: &[Mention],
) -> ([BTreeMap<String, Counts>; 3], Vec<ErrorCase>) {
    let found: Vec<Found> = predicted.iter().map(found_of).collect();
    let mut strict: BTreeMap<String, Counts> = BTreeMap::new();
    let mut lenient: BTreeMap<String, Counts> = BTreeMap::new();
    let mut docs: BTreeMap<String, Counts> = BTreeMap::new();
    let mut errors = Vec::new();
    for t in TYPES {
        strict.insert(t.into(), Counts::default());
        lenient.insert(t.into(), Counts::default());
        docs.insert(t.into(), Counts::default());
    }
    // Strict: exact span and value, one-to-one.
    let mut used_f = vec![false; found.len()];
    let mut used_g = vec![false; gold.mentions.len()];
    let same = |f: &Found, g: &Labelled| f.kind == g.kind && f.key == g.key;
    match_one_to_one(&found, gold, &mut used_f, &mut used_g, |f, g| {
        same(f, g) && f.start == g.start && f.end == g.end
    });
    tally(&mut strict, &found, gold, &used_g);
    // Lenient: overlapping span and same value, one-to-one; the strict matches stay matched.
    let mut lused_f = used_f.clone();
    let mut lused_g = used_g.clone();
    match_one_to_one(&found, gold, &mut lused_f, &mut lused_g, |f, g| {
        same(f, g) && f.start < g.end && g.start < f.end
    });
    tally(&mut lenient, &found, gold, &lused_g);
    // Errors, from the lenient matching: what is left unmatched on either side.
    let context = |s: usize, e: usize| snippet(text, s, e);
    let mut reported_f = vec![false; found.len()];
    for (gi, g) in gold.mentions.iter().enumerate() {
        if used_g[gi] {
            continue;
        }
        let overlaps = |fi: usize| {
            !reported_f[fi]
                && found[fi].kind == g.kind
                && found[fi].start < g.end
                && g.start < found[fi].end
        };
        let (error, fi) = if lused_g[gi] {
            // Matched only leniently: the right value over another span ("the end of the
            // year" for "end of the year"), a miss and a spurious mention to the strict score.
            let paired = (0..found.len())
                .find(|&fi| lused_f[fi] && !used_f[fi] && overlaps(fi) && same(&found[fi], g));
            ("span", paired)
        } else {
            // An overlapping prediction of the same type with another value: one "wrong value".
            match (0..found.len()).find(|&fi| !lused_f[fi] && overlaps(fi)) {
                Some(fi) => ("wrong_value", Some(fi)),
                None => ("missed", None),
            }
        };
        if error == "span" && fi.is_none() {
            continue;
        }
        if let Some(fi) = fi {
            reported_f[fi] = true;
        }
        errors.push(ErrorCase {
            doc_id: doc_id.to_string(),
            kind: g.kind.clone(),
            error: error.into(),
            start: g.start,
            end: g.end,
            context: context(g.start, g.end),
            expected: Some(format!("{:?} = {}", g.text, g.value)),
            found: fi.map(|fi| describe(&found[fi])),
        });
    }
    for (fi, f) in found.iter().enumerate() {
        if lused_f[fi] || reported_f[fi] {
            continue;
        }
        errors.push(ErrorCase {
            doc_id: doc_id.to_string(),
            kind: f.kind.to_string(),
            error: "spurious".into(),
            start: f.start,
            end: f.end,
            context: context(f.start, f.end),
            expected: None,
            found: Some(describe(f)),
        });
    }
    // Document level: sets of values.
    for t in TYPES {
        let g: BTreeSet<&str> = gold
            .mentions
            .iter()
            .filter(|g| g.kind == t)
            .map(|g| g.key.as_str())
            .collect();
        let f: BTreeSet<&str> = found
            .iter()
            .filter(|f| f.kind == t)
            .map(|f| f.key.as_str())
            .collect();
        let c = docs.get_mut(t).unwrap();
        c.tp = g.intersection(&f).count();
        c.fp = f.len() - c.tp;
        c.fn_ = g.len() - c.tp;
    }
    ([strict, lenient, docs], errors)
}

/// Pairs each gold mention not yet matched with the first unmatched prediction that `fits` it.
fn match_one_to_one(
    found: &[Found],
    gold: &Gold,
    used_f: &mut [bool],
    used_g: &mut [bool],
    fits: impl Fn(&Found, &Labelled) -> bool,
) {
    for (gi, g) in gold.mentions.iter().enumerate() {
        if used_g[gi] {
            continue;
        }
        if let Some(fi) = (0..found.len()).find(|&fi| !used_f[fi] && fits(&found[fi], g)) {
            used_f[fi] = true;
            used_g[gi] = true;
        }
    }
}

/// Per type: matched gold mentions are true positives, the rest of each side the errors.
fn tally(counts: &mut BTreeMap<String, Counts>, found: &[Found], gold: &Gold, used_g: &[bool]) {
    for t in TYPES {
        let c = counts.get_mut(t).expect("every type has counts");
        c.tp = used_g
            .iter()
            .zip(&gold.mentions)
            .filter(|(u, g)| **u && g.kind == t)
            .count();
        c.fn_ = gold.mentions.iter().filter(|g| g.kind == t).count() - c.tp;
        c.fp = found.iter().filter(|f| f.kind == t).count() - c.tp;
    }
}

fn describe(f: &Found) -> String {
    format!("{:?} = {}", f.mention.text, f.mention.value.display())
}

/// About 40 bytes of text either side of a span, on one line, the span in [brackets].
fn snippet(text: &str, s: usize, e: usize) -> String {
    let mut a = s.saturating_sub(40);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (e + 40).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{}[{}]{}", &text[a..s], &text[s..e], &text[e..b]).replace(['\n', '\r', '\t'], " ")
}

/// Builds a report from (doc_id, text, gold, predicted) of every labelled document.
pub fn build_report<'a>(
    items: impl IntoIterator<Item = (&'a str, &'a str, &'a Gold, &'a DocumentRecord)>,
) -> Report {
    let mut r = Report::default();
    let mut sums: [BTreeMap<String, Counts>; 3] = Default::default();
    for (doc_id, text, gold, rec) in items {
        r.documents += 1;
        r.gold_mentions += gold.mentions.len();
        if let Some(p) = gold.published {
            r.published_checked += 1;
            r.published_correct += usize::from(p == rec.published);
        }
        let (levels, errors) = score_document(doc_id, text, gold, &rec.mentions);
        for (sum, level) in sums.iter_mut().zip(&levels) {
            for (t, c) in level {
                sum.entry(t.clone()).or_default().add(*c);
            }
        }
        r.per_document.insert(doc_id.to_string(), levels[0].clone());
        r.errors.extend(errors);
    }
    let level = |m: &BTreeMap<String, Counts>| {
        let mut all = Counts::default();
        for c in m.values() {
            all.add(*c);
        }
        Level {
            by_type: m.iter().map(|(t, c)| (t.clone(), (*c).into())).collect(),
            all: all.into(),
        }
    };
    r.mention = level(&sums[0]);
    r.lenient = level(&sums[1]);
    r.document = level(&sums[2]);
    r
}

impl Report {
    /// The summary table printed on the terminal.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} documents, {} gold mentions; publication dates {}/{} correct",
            self.documents, self.gold_mentions, self.published_correct, self.published_checked
        );
        let _ = writeln!(
            s,
            "{:<16} {:<9} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}",
            "type", "level", "tp", "fp", "fn", "P", "R", "F1"
        );
        let mut rows: Vec<(&str, &Level)> = vec![
            ("mention", &self.mention),
            ("lenient", &self.lenient),
            ("document", &self.document),
        ];
        rows.sort_by_key(|_| 0);
        for t in TYPES.iter().copied().chain(["all"]) {
            for (name, level) in &rows {
                let sc = if t == "all" {
                    level.all
                } else {
                    level.by_type.get(t).copied().unwrap_or_default()
                };
                let _ = writeln!(
                    s,
                    "{:<16} {:<9} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
                    t,
                    name,
                    sc.counts.tp,
                    sc.counts.fp,
                    sc.counts.fn_,
                    sc.precision,
                    sc.recall,
                    sc.f1
                );
            }
        }
        s
    }

    /// Mention-level F1 of a type, or of all types.
    pub fn f1(&self, t: &str) -> f64 {
        if t == "all" {
            self.mention.all.f1
        } else {
            self.mention.by_type.get(t).map(|s| s.f1).unwrap_or(0.0)
        }
    }

    /// Types whose F1 at some level moved in the direction `moved(old, new)` says.
    fn f1_changes(&self, base: &Report, moved: impl Fn(f64, f64) -> bool) -> Vec<String> {
        let mut out = Vec::new();
        for (name, now, then) in [
            ("mention", &self.mention, &base.mention),
            ("lenient", &self.lenient, &base.lenient),
            ("document", &self.document, &base.document),
        ] {
            for (t, sc) in &now.by_type {
                if let Some(old) = then.by_type.get(t)
                    && moved(old.f1, sc.f1)
                {
                    out.push(format!("{t} {name} F1 {:.3} -> {:.3}", old.f1, sc.f1));
                }
            }
        }
        out
    }

    /// What got worse against an earlier report: types whose F1 dropped at any level, and
    /// documents whose errors (fp + fn) grew for a type.
    pub fn worse_than(&self, base: &Report) -> Vec<String> {
        let mut out = self.f1_changes(base, |old, new| new + 1e-9 < old);
        for (doc, types) in &self.per_document {
            let Some(old) = base.per_document.get(doc) else {
                continue;
            };
            for (t, c) in types {
                if let Some(o) = old.get(t)
                    && c.fp + c.fn_ > o.fp + o.fn_
                {
                    out.push(format!(
                        "{doc}: {t} errors {} -> {}",
                        o.fp + o.fn_,
                        c.fp + c.fn_
                    ));
                }
            }
        }
        out
    }

    /// What got better against an earlier report (types whose F1 rose).
    pub fn better_than(&self, base: &Report) -> Vec<String> {
        self.f1_changes(base, |old, new| new > old + 1e-9)
    }
}

/// Runs `gazette eval`: returns whether every `--min-f1` bar was met, and the text to print.
pub fn run(o: &Options) -> Result<(bool, String), EvalError> {
    let mut out = String::new();
    let config = crate::run::Config {
        dictionaries: o.dictionaries.clone(),
        ..Default::default()
    };
    let dicts: Dictionaries = crate::run::dictionaries(&config).map_err(other)?;
    let mut pipeline = Pipeline::build(&dicts).map_err(other)?;
    pipeline.reference_date = o.reference_date;
    let inputs = ingest::find_inputs(std::slice::from_ref(&o.corpus)).map_err(other)?;
    if !o.gold.is_dir() {
        return Err(other(format!("{}: no gold folder", o.gold.display())));
    }
    // Only articles with a gold file are scored; a gold file without its article is an error.
    let mut gold_files: BTreeMap<String, PathBuf> = BTreeMap::new();
    for e in std::fs::read_dir(&o.gold).map_err(other)? {
        let p = e.map_err(other)?.path();
        if p.extension().is_some_and(|x| x == "tsv") {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            gold_files.insert(stem, p);
        }
    }
    let stem_of = |doc_id: &str| -> String {
        let name = doc_id.rsplit('/').next().unwrap_or(doc_id);
        name.strip_suffix(".txt").unwrap_or(name).to_string()
    };
    let labelled: Vec<_> = inputs
        .iter()
        .filter(|i| gold_files.contains_key(&stem_of(i.doc_id)))
        .collect();
    for stem in gold_files.keys() {
        if !inputs.iter().any(|i| &stem_of(i.doc_id) == stem) {
            return Err(other(format!(
                "{}: no article {stem}.txt in {}",
                gold_files[stem].display(),
                o.corpus.display()
            )));
        }
    }
    let results: Vec<Result<(String, String, Gold, DocumentRecord), EvalError>> = labelled
        .par_iter()
        .map(|input| {
            let doc = pipeline
                .reader
                .read(input)
                .map_err(|e| other(format!("{}: {e}", input.path().display())))?;
            let text = doc.text.clone();
            let gold_path = &gold_files[&stem_of(input.doc_id)];
            let gold_text = std::fs::read_to_string(gold_path)
                .map_err(|e| other(format!("{}: {e}", gold_path.display())))?;
            let gold = parse_gold(&gold_path.display().to_string(), &gold_text, &text)?;
            let rec = pipeline.process_document(doc);
            Ok((input.doc_id.to_string(), text, gold, rec))
        })
        .collect();
    let results: Vec<_> = results.into_iter().collect::<Result<_, _>>()?;
    let report = build_report(
        results
            .iter()
            .map(|(id, text, gold, rec)| (id.as_str(), text.as_str(), gold, rec)),
    );
    out.push_str(&report.table());
    let shown = if o.all_errors { usize::MAX } else { 20 };
    for t in TYPES {
        let errs: Vec<&ErrorCase> = report.errors.iter().filter(|e| e.kind == t).collect();
        if errs.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{t}: {} errors", errs.len());
        for e in errs.iter().take(shown) {
            let _ = writeln!(
                out,
                "  {} {} @{}: expected {} found {}\n      {}",
                e.doc_id,
                e.error,
                e.start,
                e.expected.as_deref().unwrap_or("-"),
                e.found.as_deref().unwrap_or("-"),
                e.context
            );
        }
        if errs.len() > shown {
            let _ = writeln!(out, "  ... {} more (--all-errors)", errs.len() - shown);
        }
    }
    if let Some(path) = &o.json {
        let json = serde_json::to_string_pretty(&report).map_err(other)?;
        crate::write::atomic_write(path, json.as_bytes()).map_err(other)?;
    }
    if let Some(path) = &o.baseline {
        let text =
            std::fs::read_to_string(path).map_err(|e| other(format!("{}: {e}", path.display())))?;
        let base: Report = serde_json::from_str(&text)
            .map_err(|e| other(format!("{}: not an eval report: {e}", path.display())))?;
        let worse = report.worse_than(&base);
        let better = report.better_than(&base);
        let _ = writeln!(out, "\nagainst {}:", path.display());
        for b in &better {
            let _ = writeln!(out, "  better: {b}");
        }
        for w in &worse {
            let _ = writeln!(out, "  worse: {w}");
        }
        if worse.is_empty() && better.is_empty() {
            let _ = writeln!(out, "  no change");
        }
    }
    let mut passed = true;
    for (t, bar) in &o.min_f1 {
        let f1 = report.f1(t);
        if f1 + 1e-9 < *bar {
            let _ = writeln!(
                out,
                "FAIL: {t} mention F1 {f1:.3} is below the bar {bar:.3}"
            );
            passed = false;
        }
    }
    Ok((passed, out))
}

/// `gazette diff OLD NEW`: mentions added, removed and changed per document.
pub fn diff_files(old: &Path, new: &Path) -> Result<String, EvalError> {
    let read = |p: &Path| -> Result<BTreeMap<String, DocumentRecord>, EvalError> {
        let text =
            std::fs::read_to_string(p).map_err(|e| other(format!("{}: {e}", p.display())))?;
        let mut out = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let rec: DocumentRecord = serde_json::from_str(line)
                .map_err(|e| other(format!("{}:{}: {e}", p.display(), i + 1)))?;
            out.insert(rec.doc_id.clone(), rec);
        }
        Ok(out)
    };
    let (a, b) = (read(old)?, read(new)?);
    Ok(diff(&a, &b))
}

/// The diff of two runs, as text.
pub fn diff(
    old: &BTreeMap<String, DocumentRecord>,
    new: &BTreeMap<String, DocumentRecord>,
) -> String {
    let mut s = String::new();
    let (mut added, mut removed, mut changed) = (0, 0, 0);
    let ids: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let empty = Vec::new();
    for id in ids {
        let a = old.get(id).map(|r| &r.mentions).unwrap_or(&empty);
        let b = new.get(id).map(|r| &r.mentions).unwrap_or(&empty);
        let key = |m: &Mention| (m.start, m.end, m.value.type_name());
        let mut lines = Vec::new();
        for m in b {
            match a.iter().find(|o| key(o) == key(m)) {
                None => {
                    added += 1;
                    lines.push(format!(
                        "  + {} {:?} = {}",
                        m.value.type_name(),
                        m.text,
                        m.value.display()
                    ));
                }
                Some(o) if o.value != m.value => {
                    changed += 1;
                    lines.push(format!(
                        "  ~ {} {:?}: {} -> {}",
                        m.value.type_name(),
                        m.text,
                        o.value.display(),
                        m.value.display()
                    ));
                }
                Some(_) => {}
            }
        }
        for m in a {
            if !b.iter().any(|n| key(n) == key(m)) {
                removed += 1;
                lines.push(format!(
                    "  - {} {:?} = {}",
                    m.value.type_name(),
                    m.text,
                    m.value.display()
                ));
            }
        }
        if !lines.is_empty() {
            let _ = writeln!(s, "{id}");
            for l in lines {
                let _ = writeln!(s, "{l}");
            }
        }
    }
    let _ = writeln!(s, "{added} added, {removed} removed, {changed} changed");
    s
}

/// Turns a processed outcome into a record (failed documents have none).
pub fn record(o: Outcome) -> Option<DocumentRecord> {
    match o {
        Outcome::Done(r) => Some(r),
        Outcome::Failed { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds_by_meaning() {
        assert_eq!(
            value_key("date", "2024-Q1").unwrap(),
            value_key("date", "2024-01-01/2024-03-31").unwrap()
        );
        assert_eq!(
            value_key("date", "2024-H2").unwrap(),
            "2024-07-01/2024-12-31"
        );
        assert_eq!(
            value_key("date", "2024-02").unwrap(),
            "2024-02-01/2024-02-29"
        );
        assert_eq!(value_key("date", "XXXX-05-22").unwrap(), "XXXX-05-22");
        assert!(value_key("date", "June").is_err());
        assert_eq!(
            value_key("money", "53183000000.00 CNY").unwrap(),
            value_key("money", "53183000000 CNY").unwrap()
        );
        assert!(value_key("money", "12 yuan").is_err());
        assert!(value_key("agreement_count", "7 treaty").is_err());
    }

    #[test]
    fn gold_placement_skips_longer_spans_and_numbers_occurrences() {
        let text = "Liaoning Province and Liaoning; Alibaba in Ali, Ali again.";
        let gold = "published\tnone\nregion\tLiaoning Province\t210000\nregion\tLiaoning\t210000\nregion\tAli\t542500\t2\n";
        let g = parse_gold("g.tsv", gold, text).unwrap();
        let spans: Vec<&str> = g.mentions.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(spans, ["Liaoning Province", "Liaoning", "Ali"]);
        assert_eq!(g.mentions[2].start, text.rfind("Ali").unwrap());
        assert_eq!(g.published, Some(None));
    }

    fn region(text: &str, start: usize, end: usize, code: &str) -> Mention {
        use crate::model::{Level, RegionValue, Value};
        Mention::at(
            text,
            start,
            end,
            Value::Region(RegionValue {
                code: code.into(),
                name: "".into(),
                name_zh: "".into(),
                level: Level::Prefecture,
                province_code: "".into(),
                matched_alias: "".into(),
                ambiguous: false,
                alternatives: Vec::new(),
                code_as_of: None,
            }),
        )
    }

    fn record(mentions: Vec<Mention>) -> DocumentRecord {
        DocumentRecord {
            doc_id: "d.txt".into(),
            title: None,
            published: None,
            bytes: 0,
            mentions,
        }
    }

    #[test]
    fn hand_computed_scores() {
        // Gold: Nagqu@0, Lhasa@10, Nagqu@20 (all 540600 except Lhasa 540100).
        let text = "Nagqu and Lhasa and Nagqu City";
        let gold = parse_gold(
            "g.tsv",
            "region\tNagqu\t540600\nregion\tLhasa\t540100\n",
            text,
        )
        .unwrap();
        assert_eq!(gold.mentions.len(), 3);
        // Found: Nagqu@0 right; Lhasa with a wrong code; "Nagqu City" (overlapping, right code);
        // "and" spurious.
        let found = vec![
            region(text, 0, 5, "540600"),
            region(text, 6, 9, "110000"),
            region(text, 10, 15, "540000"),
            region(text, 20, 30, "540600"),
        ];
        let rec = record(found);
        let r = build_report([("d.txt", text, &gold, &rec)]);
        let strict = r.mention.by_type["region"];
        // Strict: 1 tp (Nagqu@0), 3 fp, 2 fn -> P 1/4, R 1/3, F1 2PR/(P+R) = 2/7.
        assert_eq!(
            (strict.counts.tp, strict.counts.fp, strict.counts.fn_),
            (1, 3, 2)
        );
        assert!((strict.precision - 0.25).abs() < 1e-9);
        assert!((strict.recall - 1.0 / 3.0).abs() < 1e-9);
        assert!((strict.f1 - 2.0 / 7.0).abs() < 1e-9);
        // Lenient also takes "Nagqu City" for "Nagqu": 2 tp, 2 fp, 1 fn -> F1 4/7.
        let lenient = r.lenient.by_type["region"];
        assert_eq!((lenient.counts.tp, lenient.counts.fn_), (2, 1));
        assert!((lenient.f1 - 4.0 / 7.0).abs() < 1e-9);
        // That lenient-only match is listed as a span error, beside the other errors.
        let kinds: Vec<&str> = r.errors.iter().map(|e| e.error.as_str()).collect();
        assert_eq!(kinds, ["wrong_value", "span", "spurious"]);
        assert_eq!(
            r.errors[1].found.as_deref(),
            Some("\"Nagqu City\" = 540600")
        );
        // Document level: gold {540600, 540100}, found {540600, 110000, 540000}: 1 tp, 2 fp, 1 fn.
        let doc = r.document.by_type["region"];
        assert_eq!((doc.counts.tp, doc.counts.fp, doc.counts.fn_), (1, 2, 1));
        // Nothing expected and nothing found is a perfect score, not a division by zero.
        assert_eq!(r.mention.by_type["money"].f1, 1.0);
    }

    #[test]
    fn baseline_comparison_shows_improvement_and_regression() {
        let text = "Nagqu and Lhasa";
        let gold = parse_gold(
            "g.tsv",
            "region\tNagqu\t540600\nregion\tLhasa\t540100\n",
            text,
        )
        .unwrap();
        let worse = record(vec![region(text, 0, 5, "540600")]);
        let better = record(vec![
            region(text, 0, 5, "540600"),
            region(text, 10, 15, "540100"),
        ]);
        let old = build_report([("d.txt", text, &gold, &worse)]);
        let new = build_report([("d.txt", text, &gold, &better)]);
        assert!(new.worse_than(&old).is_empty());
        assert!(
            new.better_than(&old)
                .iter()
                .any(|l| l.starts_with("region mention F1 0.667 -> 1.000"))
        );
        let back = old.worse_than(&new);
        assert!(
            back.iter()
                .any(|l| l.contains("d.txt: region errors 0 -> 1"))
        );
    }

    #[test]
    fn corrupted_gold_is_an_error_naming_the_line() {
        let text = "Nagqu";
        for (gold, line) in [
            ("region\tNagqu\n", 1),
            ("# c\nregion\tNaqu\t540600\n", 2),
            ("region\tNagqu\t5406\n", 1),
            ("region\tNagqu\t540600\t2\n", 1),
            ("place\tNagqu\t540600\n", 1),
        ] {
            match parse_gold("g.tsv", gold, text) {
                Err(EvalError::Gold { line: l, .. }) => assert_eq!(l, line, "{gold:?}"),
                other => panic!("{gold:?}: {other:?}"),
            }
        }
    }
}
