//! Table-driven tests of the region gazetteer: the rows live in `tests/data/regions/*.tsv` and
//! this one runner checks them all (after Duckling's `makeCorpusTest` with its negative corpus,
//! and rust-lang/regex's `testdata/*.toml` with known failures listed by name).
//!
//! - `variants.tsv` and `disambiguation.tsv`: `sentence<TAB>surface<TAB>code`; a row passes when
//!   some mention has exactly the text `surface` and the code `code`.
//! - `negatives.tsv`: `sentence<TAB>surface`; a row passes when no mention overlaps any
//!   occurrence of `surface` in the sentence (so "Hainan" found inside "Hainan Airlines" fails).
//! - A generated table over every prefecture-level division of `divisions.tsv`, written
//!   "<name_en>, <province name_en>" and "<province name_zh><name_zh>".
//!
//! Every failing row is collected and reported in one assertion message. Rows that fail because
//! of a known gap in the rules are listed in `KNOWN_FAILURES` with the reason; such a row that
//! starts passing is itself reported, so the list cannot go stale.

use std::collections::HashSet;
use std::sync::OnceLock;

use gazette::dict::Dictionaries;
use gazette::extract::regions::RegionMatcher;
use gazette::model::{Level, Mention};

/// Rows expected to fail today: (table, sentence or generated key, reason). Keep it short and
/// say which rule is at fault; fix the rule rather than grow the list.
const KNOWN_FAILURES: &[(&str, &str, &str)] = &[];

fn matcher() -> &'static RegionMatcher {
    static M: OnceLock<RegionMatcher> = OnceLock::new();
    M.get_or_init(|| {
        RegionMatcher::build(&Dictionaries::embedded()).expect("embedded dictionaries build")
    })
}

/// One row of a table: 1-based line number and its tab-separated fields.
struct Row {
    line: usize,
    fields: Vec<String>,
}

fn read_table(name: &str, fields: usize) -> Vec<Row> {
    let path = format!("{}/tests/data/regions/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<String> = line.split('\t').map(str::to_string).collect();
        assert_eq!(
            f.len(),
            fields,
            "{name}:{}: expected {fields} tab-separated fields, got {}: {line:?}",
            i + 1,
            f.len()
        );
        rows.push(Row {
            line: i + 1,
            fields: f,
        });
    }
    rows
}

fn describe(found: &[Mention]) -> String {
    let items: Vec<String> = found
        .iter()
        .map(|m| format!("{:?}={}", m.text, m.value.display()))
        .collect();
    format!("[{}]", items.join(", "))
}

/// Offsets are half-open byte offsets into the text, and the mention text is that slice.
fn offset_problem(text: &str, found: &[Mention]) -> Option<String> {
    found
        .iter()
        .find(|m| text.get(m.start..m.end) != Some(m.text.as_str()))
        .map(|m| {
            format!(
                "mention {:?} has bad offsets {}..{}",
                m.text, m.start, m.end
            )
        })
}

/// Outcome of one row: `None` when it passes, else what went wrong.
type Outcome = Option<String>;

/// Splits outcomes against `KNOWN_FAILURES` and panics with every unexpected result at once.
fn report(table: &str, outcomes: Vec<(String, String, Outcome)>) {
    let known: HashSet<&str> = KNOWN_FAILURES
        .iter()
        .filter(|k| k.0 == table)
        .map(|k| k.1)
        .collect();
    let mut seen = HashSet::new();
    let mut problems = Vec::new();
    let total = outcomes.len();
    for (key, label, outcome) in outcomes {
        let is_known = known.contains(key.as_str());
        if is_known {
            seen.insert(key.clone());
        }
        match (outcome, is_known) {
            (Some(why), false) => problems.push(format!("  {label}\n      {why}")),
            (None, true) => problems.push(format!(
                "  {label}\n      passes now: remove it from KNOWN_FAILURES"
            )),
            _ => {}
        }
    }
    for k in known {
        if !seen.contains(k) {
            problems.push(format!(
                "  KNOWN_FAILURES entry {k:?} matches no row of {table}"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{table}: {} of {total} rows went wrong:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// `sentence<TAB>surface<TAB>code` tables.
fn run_positive(table: &str) -> usize {
    let m = matcher();
    let rows = read_table(table, 3);
    let n = rows.len();
    let outcomes = rows
        .into_iter()
        .map(|r| {
            let (sentence, surface, code) = (&r.fields[0], &r.fields[1], &r.fields[2]);
            let found = m.extract(sentence);
            let outcome = offset_problem(sentence, &found).or_else(|| {
                let hit = found
                    .iter()
                    .any(|x| x.text == *surface && x.value.display() == *code);
                (!hit).then(|| format!("want {surface:?}={code}, found {}", describe(&found)))
            });
            let label = format!("{table}:{}: {sentence}", r.line);
            (sentence.clone(), label, outcome)
        })
        .collect();
    report(table, outcomes);
    n
}

#[test]
fn variants() {
    let n = run_positive("variants.tsv");
    assert!(n >= 80, "variants.tsv has only {n} rows");
}

#[test]
fn disambiguation() {
    let n = run_positive("disambiguation.tsv");
    assert!(n >= 30, "disambiguation.tsv has only {n} rows");
}

#[test]
fn negatives() {
    let m = matcher();
    let table = "negatives.tsv";
    let rows = read_table(table, 2);
    let n = rows.len();
    let outcomes = rows
        .into_iter()
        .map(|r| {
            let (sentence, surface) = (&r.fields[0], &r.fields[1]);
            let found = m.extract(sentence);
            let spans: Vec<(usize, usize)> = sentence
                .match_indices(surface.as_str())
                .map(|(s, t)| (s, s + t.len()))
                .collect();
            let outcome = offset_problem(sentence, &found).or_else(|| {
                if spans.is_empty() {
                    return Some(format!("{surface:?} does not occur in the sentence"));
                }
                let bad: Vec<Mention> = found
                    .iter()
                    .filter(|x| spans.iter().any(|&(s, e)| x.start < e && s < x.end))
                    .cloned()
                    .collect();
                (!bad.is_empty()).then(|| format!("{surface:?} reported as {}", describe(&bad)))
            });
            let label = format!("{table}:{}: {sentence}", r.line);
            (sentence.clone(), label, outcome)
        })
        .collect();
    report(table, outcomes);
    assert!(n >= 30, "negatives.tsv has only {n} rows");
}

/// Every prefecture-level division is found by its English name when its province follows
/// ("Haixi, Qinghai") and by its Chinese name after its province's (青海海西蒙古族藏族自治州).
#[test]
fn every_prefecture_with_its_province() {
    let m = matcher();
    let table = "divisions.tsv (generated)";
    let mut outcomes = Vec::new();
    for d in m
        .divisions()
        .iter()
        .filter(|d| d.level == Level::Prefecture)
    {
        let p = m
            .division(&d.province_code)
            .unwrap_or_else(|| panic!("{}: no province {}", d.code, d.province_code));
        let cases = [
            (format!("{}, {}", d.name_en, p.name_en), d.name_en.clone()),
            (format!("{}{}", p.name_zh, d.name_zh), d.name_zh.clone()),
        ];
        for (sentence, surface) in cases {
            let found = m.extract(&sentence);
            let outcome = offset_problem(&sentence, &found).or_else(|| {
                let hit = found
                    .iter()
                    .any(|x| *x.text == *surface && *x.value.display() == *d.code);
                (!hit).then(|| format!("want {surface:?}={}, found {}", d.code, describe(&found)))
            });
            let label = format!("{}: {sentence}", d.code);
            outcomes.push((sentence, label, outcome));
        }
    }
    assert!(
        outcomes.len() > 600,
        "too few prefectures: {}",
        outcomes.len()
    );
    report(table, outcomes);
}
