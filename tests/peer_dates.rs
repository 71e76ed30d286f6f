//! Runs the date cases converted from Microsoft Recognizers-Text and Duckling
//! (`../shared/peer-cases/dates.jsonl`, see its PROVENANCE.md) through the date extractor and
//! prints the pass rate by language and category. Skips when `../shared` is absent.
//!
//! Scoring (issue "Dates"): a case passes when every expected span is found with the same value
//! and nothing else is reported outside its `ignored` spans.
//! - Spans are compared after leaving out a leading preposition or article on both sides
//!   (on, in, from, between, during, since, the, at; 从, 在, 于), gazette's span convention.
//!   Duckling cases are whole inputs, so there our mention only has to lie inside the input.
//!   A weekday beside a date is its own mention in gazette ("Monday, Feb 18" is two): two or
//!   more of our mentions inside one expected span, each with its value, stand for it.
//! - Values: the expected `value`, or for a year-less Recognizers date its `past` or `future`
//!   resolution. Duckling resolves year-less dates and weekdays forward (`policy: future`)
//!   where gazette's news rule looks back (see `src/extract/dates.rs`): a difference is
//!   counted as passed when our rule explains it, i.e. our reading is the expected one moved
//!   back by one year, by one month (a bare day of the month), or by whole weeks (at most two)
//!   to no later than the reference date plus the forward window.
//!
//! Run with `cargo test --test peer_dates -- --nocapture` to see the table.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use gazette::dict::Dictionaries;
use gazette::extract::dates::{DateRules, FORWARD_DAYS};
use gazette::model::{Anchor, Mention, Value, YearSource};
use serde_json::Value as Json;

const NEWS: &[&str] = &[
    "full_date",
    "numeric_date",
    "month_day",
    "month_year",
    "month",
    "year",
    "quarter",
    "half",
    "range_explicit",
    "relative_day",
    "relative_month",
    "relative_year",
    "weekday",
    "weekday_relative",
    "ordinal_day",
    "multi",
    "negative",
];

/// Pass-rate floors over the news categories, just under what the extractor reaches, so a
/// regression fails the build.
const FLOOR_EN: f64 = 0.895;
const FLOOR_ZH: f64 = 0.88;

fn normalise(s: &str) -> String {
    let mut t = s
        .trim()
        .trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
        .to_lowercase();
    loop {
        let before = t.clone();
        for w in [
            "on ", "in ", "from ", "between ", "during ", "since ", "the ", "at ", "从", "在", "于",
        ] {
            if let Some(r) = t.strip_prefix(w) {
                t = r.trim_start().to_string();
            }
        }
        if t == before {
            return t;
        }
    }
}

fn date(j: &Json) -> Option<NaiveDate> {
    j.as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

/// True when our first day is the expected one moved back by gazette's news rule.
fn explained_by_rule(ours: NaiveDate, expected: NaiveDate, reference: NaiveDate) -> bool {
    if ours >= expected || ours > reference + chrono::Duration::days(FORWARD_DAYS) {
        return false;
    }
    let one_year_back = expected.with_year(expected.year() - 1) == Some(ours);
    // a bare day of the month ("on the first") looks back to this or the previous month
    let one_month_back = ours.day() == expected.day()
        && (expected.year() * 12 + expected.month() as i32)
            - (ours.year() * 12 + ours.month() as i32)
            == 1;
    let weeks = (expected - ours).num_days();
    one_year_back || one_month_back || (weeks % 7 == 0 && weeks <= 14)
}

fn value_matches(m: &Mention, e: &Json, reference: Option<NaiveDate>, future_policy: bool) -> bool {
    let Value::Date(d) = &m.value else {
        return false;
    };
    let want = e["value"].as_str().unwrap_or("");
    if d.value == want {
        return true;
    }
    for alt in ["past", "future"] {
        if e[alt]["value"].as_str() == Some(d.value.as_str()) {
            return true;
        }
    }
    // Our rule looks back where the source looks forward.
    let Some(r) = reference else { return false };
    let expected_first = date(&e["future"]["first_day"])
        .filter(|_| !future_policy)
        .or_else(|| date(&e["first_day"]));
    let (Some(ours), Some(exp)) = (d.first_day, expected_first) else {
        return false;
    };
    let same_shape = e["granularity"].as_str() == Some(d.granularity.as_str());
    same_shape && explained_by_rule(ours, exp, r)
}

fn span_matches(m: &Mention, e: &Json, duckling: bool, text: &str) -> bool {
    let et = e["text"].as_str().unwrap_or("");
    if duckling {
        return text.contains(et) && et.contains(m.text.as_str());
    }
    normalise(&m.text) == normalise(et)
}

/// Whether `m` lies inside an occurrence of the expected span `e`, and is shorter.
fn inside_expected(m: &Mention, e: &Json, text: &str) -> bool {
    let et = e["text"].as_str().unwrap_or("");
    m.text.len() < et.len()
        && text
            .match_indices(et)
            .any(|(s, _)| s <= m.start && m.end <= s + et.len())
}

#[test]
fn peer_dates() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peer-cases/dates.jsonl");
    let Ok(data) = std::fs::read_to_string(&path) else {
        println!("skipped: {} not found", path.display());
        return;
    };
    let rules = DateRules::build(&Dictionaries::embedded()).unwrap();
    // (lang, category) -> (passed, total)
    let mut table: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let case: Json = serde_json::from_str(line).unwrap();
        let text = case["text"].as_str().unwrap();
        let lang = case["lang"].as_str().unwrap().to_string();
        let cat = case["category"].as_str().unwrap().to_string();
        let id = case["id"].as_str().unwrap();
        let duckling = id.starts_with("dk-");
        let future_policy = case["policy"].as_str() == Some("future");
        let reference = date(&case["reference_date"]);
        let anchor = reference.map(|date| Anchor {
            date,
            source: YearSource::Reference,
        });
        let found = rules.extract(text, anchor);
        for m in &found {
            assert_eq!(&text[m.start..m.end], m.text, "{id}: bad offsets");
        }
        let expected = case["expected"].as_array().cloned().unwrap_or_default();
        let ignored: Vec<&str> = case["ignored"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        let in_ignored = |m: &Mention| {
            ignored.iter().any(|ig| {
                text.match_indices(ig)
                    .any(|(s, _)| m.start < s + ig.len() && s < m.end)
            })
        };
        let mut used = vec![false; found.len()];
        let mut ok = true;
        for e in &expected {
            // an expected span is looked for outside the ignored spans first, so that a
            // repeated word ("tomorrow ... tomorrow") is matched where the source meant it
            let fits = |i: usize, m: &Mention| {
                !used[i]
                    && span_matches(m, e, duckling, text)
                    && value_matches(m, e, reference, future_policy)
            };
            let hit = found
                .iter()
                .enumerate()
                .position(|(i, m)| fits(i, m) && !in_ignored(m))
                .or_else(|| found.iter().enumerate().position(|(i, m)| fits(i, m)));
            match hit {
                Some(i) => used[i] = true,
                // A weekday beside a date is a mention of its own in gazette (the corpus
                // convention, see corpus/README.md): where the source expects one span over
                // both ("Monday, Feb 18"), two of our mentions inside it, each with the
                // expected value, stand for it.
                None => {
                    let pieces = found
                        .iter()
                        .filter(|m| {
                            inside_expected(m, e, text)
                                && value_matches(m, e, reference, future_policy)
                        })
                        .count();
                    ok &= pieces >= 2;
                }
            }
        }
        for (i, m) in found.iter().enumerate() {
            if used[i] {
                continue;
            }
            let piece = expected.iter().any(|e| {
                inside_expected(m, e, text) && value_matches(m, e, reference, future_policy)
            });
            if !in_ignored(m) && !piece {
                ok = false;
            }
        }
        let entry = table.entry((lang, cat.clone())).or_default();
        entry.1 += 1;
        if ok {
            entry.0 += 1;
        } else if NEWS.contains(&cat.as_str()) {
            let got: Vec<String> = found
                .iter()
                .map(|m| format!("{}={}", m.text, m.value.display()))
                .collect();
            let want: Vec<String> = expected
                .iter()
                .map(|e| format!("{}={}", e["text"].as_str().unwrap_or(""), e["value"]))
                .collect();
            failures.push(format!(
                "{id} [{cat}] {text:?}\n    want {want:?}\n    got  {got:?}"
            ));
        }
    }
    let mut news: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    println!(
        "{:<5} {:<22} {:>6} {:>6} {:>7}",
        "lang", "category", "pass", "total", "rate"
    );
    for ((lang, cat), (p, t)) in &table {
        let mark = if NEWS.contains(&cat.as_str()) {
            ""
        } else {
            "  (not a news category)"
        };
        println!(
            "{lang:<5} {cat:<22} {p:>6} {t:>6} {:>6.1}%{mark}",
            100.0 * *p as f64 / *t as f64
        );
        if NEWS.contains(&cat.as_str()) {
            let n = news.entry(lang.clone()).or_default();
            n.0 += p;
            n.1 += t;
        }
    }
    for (lang, (p, t)) in &news {
        println!(
            "news categories {lang}: {p}/{t} = {:.1}%",
            100.0 * *p as f64 / *t as f64
        );
    }
    if std::env::var("PEER_FAILURES").is_ok() {
        for f in &failures {
            println!("{f}");
        }
    }
    let rate = |l: &str| news.get(l).map_or(1.0, |(p, t)| *p as f64 / *t as f64);
    assert!(
        rate("en") >= FLOOR_EN,
        "English news pass rate fell below {FLOOR_EN}"
    );
    assert!(
        rate("zh") >= FLOOR_ZH,
        "Chinese news pass rate fell below {FLOOR_ZH}"
    );
}
