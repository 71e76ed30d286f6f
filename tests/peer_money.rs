//! Runs other projects' money and number test cases (Microsoft Recognizers-Text and Duckling,
//! converted to gazette's format in `../shared/peer-cases`, see PROVENANCE.md there) and prints
//! the pass rate by language and category. Skips when `../shared` is absent (users' clones).
//!
//! A case passes when every expected amount is found with the same span, amount and currency,
//! and nothing else is found except over the case's `ignored` strings. Duckling cases (`dk-`)
//! are whole-input entities that include words such as "a" ("a US$4.7 billion"), so for them a
//! span inside the expected one is enough. `money_no_iso.jsonl` has no ISO code: its `Dollar`
//! amounts check gazette's documented default, bare "$" = USD; other units check span and amount.
//!
//! `cargo test --test peer_money -- --nocapture` prints the tables.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gazette::dict::Dictionaries;
use gazette::extract::money::MoneyRules;
use gazette::extract::numbers::NumberParser;
use gazette::model::{Mention, Value};
use serde_json::Value as Json;

fn peer_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peer-cases");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: {} is absent", dir.display());
        None
    }
}

fn cases(dir: &Path, file: &str) -> Vec<Json> {
    std::fs::read_to_string(dir.join(file))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("peer case is JSON"))
        .collect()
}

/// Pass/total by (language, category), printed as a table; returns the overall rate.
#[derive(Default)]
struct Tally {
    by: BTreeMap<(String, String), (usize, usize)>,
    failures: Vec<String>,
}

impl Tally {
    fn add(&mut self, case: &Json, pass: bool, detail: String) {
        let key = (
            case["lang"].as_str().unwrap_or("?").to_string(),
            case["category"].as_str().unwrap_or("?").to_string(),
        );
        let e = self.by.entry(key).or_default();
        e.1 += 1;
        if pass {
            e.0 += 1;
        } else {
            self.failures.push(format!(
                "{} [{}] {:?}\n    {}",
                case["id"].as_str().unwrap_or("?"),
                case["category"].as_str().unwrap_or("?"),
                case["text"].as_str().unwrap_or(""),
                detail
            ));
        }
    }

    fn report(&self, name: &str) -> f64 {
        let (mut pass, mut total) = (0, 0);
        println!("\n== {name} ==");
        let mut by_lang: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for ((lang, cat), (p, t)) in &self.by {
            println!("  {lang} {cat:<30} {p:>4}/{t:<4}");
            let l = by_lang.entry(lang).or_default();
            l.0 += p;
            l.1 += t;
            pass += p;
            total += t;
        }
        for (lang, (p, t)) in by_lang {
            println!(
                "  {lang} all {p}/{t} = {:.1}%",
                100.0 * p as f64 / t.max(1) as f64
            );
        }
        let rate = 100.0 * pass as f64 / total.max(1) as f64;
        println!("  TOTAL {pass}/{total} = {rate:.1}%");
        if std::env::var_os("PEER_FAILURES").is_some() {
            for f in &self.failures {
                println!("  FAIL {f}");
            }
        }
        rate
    }
}

fn rules() -> MoneyRules {
    let d = Dictionaries::embedded();
    MoneyRules::build(&d, NumberParser::build(&d).unwrap()).unwrap()
}

fn money(m: &Mention) -> (&str, &str) {
    match &m.value {
        Value::Money(v) => (v.amount.as_str(), v.currency.as_str()),
        _ => panic!("money extractor gave a non-money mention"),
    }
}

/// Scores one money case; `currency_of` gives the currency an expected record asks for, or
/// None when any currency is accepted.
fn score_money(
    rules: &MoneyRules,
    case: &Json,
    currency_of: impl Fn(&Json) -> Option<String>,
) -> (bool, String) {
    let text = case["text"].as_str().unwrap_or("");
    let lenient = case["id"].as_str().unwrap_or("").starts_with("dk-");
    let got = rules.extract(text);
    for m in &got {
        assert_eq!(&text[m.start..m.end], m.text, "offsets of {m:?}");
    }
    let expected = case["expected"].as_array().cloned().unwrap_or_default();
    let ignored: Vec<&str> = case["ignored"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    let mut matched = vec![false; got.len()];
    let mut ok = true;
    for e in &expected {
        let span = e["text"].as_str().unwrap_or("");
        let amount = e["amount"].as_str().unwrap_or("");
        let want_cur = currency_of(e);
        let hit = got.iter().enumerate().find(|(i, m)| {
            let (a, c) = money(m);
            let span_ok = if lenient {
                span.contains(m.text.as_str())
            } else {
                m.text == span
            };
            !matched[*i] && span_ok && a == amount && want_cur.as_deref().is_none_or(|w| w == c)
        });
        match hit {
            Some((i, _)) => matched[i] = true,
            None => ok = false,
        }
    }
    for (i, m) in got.iter().enumerate() {
        if !matched[i]
            && !ignored
                .iter()
                .any(|s| s.contains(m.text.as_str()) || m.text.contains(s))
        {
            ok = false;
        }
    }
    let shown: Vec<String> = got
        .iter()
        .map(|m| {
            let (a, c) = money(m);
            format!("{:?} {a} {c}", m.text)
        })
        .collect();
    let want: Vec<String> = expected
        .iter()
        .map(|e| format!("{} {} {:?}", e["text"], e["amount"], currency_of(e)))
        .collect();
    (ok, format!("want {want:?} got {shown:?}"))
}

#[test]
fn peer_money_cases() {
    let Some(dir) = peer_dir() else { return };
    let rules = rules();
    let mut tally = Tally::default();
    for case in cases(&dir, "money.jsonl") {
        let (pass, detail) = score_money(&rules, &case, |e| {
            e["currency"].as_str().map(str::to_string)
        });
        tally.add(&case, pass, detail);
    }
    let rate = tally.report("money.jsonl");
    // A floor just under the measured rate, so a regression fails the build.
    assert!(
        rate >= MIN_MONEY,
        "peer money pass rate {rate:.1}% fell below {MIN_MONEY}%"
    );
}

#[test]
fn peer_money_without_iso_code() {
    let Some(dir) = peer_dir() else { return };
    let rules = rules();
    let mut tally = Tally::default();
    for case in cases(&dir, "money_no_iso.jsonl") {
        // gazette's documented default: a bare "$" or "dollars" is USD.
        let (pass, detail) = score_money(&rules, &case, |e| match e["unit"].as_str() {
            Some("Dollar") => Some("USD".to_string()),
            _ => None,
        });
        tally.add(&case, pass, detail);
    }
    let rate = tally.report("money_no_iso.jsonl");
    assert!(
        rate >= MIN_NO_ISO,
        "no-ISO pass rate {rate:.1}% fell below {MIN_NO_ISO}%"
    );
}

/// Floor for money_no_iso.jsonl, just under the measured rate.
const MIN_NO_ISO: f64 = 75.0;

#[test]
fn peer_number_cases() {
    let Some(dir) = peer_dir() else { return };
    let d = Dictionaries::embedded();
    let parser = NumberParser::build(&d).unwrap();
    let mut tally = Tally::default();
    for case in cases(&dir, "numbers.jsonl") {
        let text = case["text"].as_str().unwrap_or("");
        let found = parser.find_all(text);
        let expected = case["expected"].as_array().cloned().unwrap_or_default();
        let ok = expected.iter().all(|e| {
            found.iter().any(|n| {
                &text[n.start..n.end] == e["text"].as_str().unwrap_or("")
                    && n.value.normalize().to_string() == e["value"].as_str().unwrap_or("")
            })
        });
        let shown: Vec<String> = found
            .iter()
            .map(|n| format!("{:?}={}", &text[n.start..n.end], n.value.normalize()))
            .collect();
        tally.add(&case, ok, format!("got {shown:?}"));
    }
    let rate = tally.report("numbers.jsonl");
    assert!(
        rate >= MIN_NUMBERS,
        "number pass rate {rate:.1}% fell below {MIN_NUMBERS}%"
    );
}

/// Floor for numbers.jsonl, just under the measured rate.
const MIN_NUMBERS: f64 = 79.0;

/// Floor for money.jsonl (the issue asks for 90%), just under the measured rate.
const MIN_MONEY: f64 = 97.0;
