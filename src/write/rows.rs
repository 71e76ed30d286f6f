//! Fast writers for the two row formats, byte-for-byte what `serde_json` (compact) and the `csv`
//! crate (default quoting) would write for the same records.
//!
//! A run writes about four bytes of output per byte of input, so serialisation was a fifth of
//! all cycles: `serde`'s `flatten` goes through a generic map serialiser, and `csv` checks and
//! copies field by field through a state machine. Nearly every field here needs no escaping,
//! so each writer checks a field once and copies it whole. The tests in this module and
//! `tests/cli.rs` compare both against the crates they stand in for.

use std::sync::Arc;

use chrono::NaiveDate;

use super::DocumentRecord;
use crate::extract::numbers::FastMap;
use crate::model::{Level, Mention, RegionValue, Value, push_iso_day};
use crate::swar;

/// Appends `s` as a JSON string, escaped exactly as `serde_json` escapes it: `"`, `\` and
/// control characters only; everything else, non-ASCII included, is copied.
pub fn json_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = next_marked(bytes, from, json_marks, |b| {
        b < 0x20 || b == b'"' || b == b'\\'
    }) {
        out.extend_from_slice(&bytes[from..i]);
        let b = bytes[i];
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(b >> 4) as usize]);
                out.push(HEX[(b & 0xf) as usize]);
            }
        }
        from = i + 1;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

/// Appends `s` as one CSV field: quoted, with quotes doubled, only when it holds a comma, a
/// quote or a line break (the `csv` crate's `QuoteStyle::Necessary`).
pub fn csv_field(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    if next_marked(bytes, 0, csv_marks, |b| {
        matches!(b, b',' | b'"' | b'\n' | b'\r')
    })
    .is_none()
    {
        out.extend_from_slice(bytes);
        return;
    }
    out.push(b'"');
    for &b in bytes {
        if b == b'"' {
            out.push(b'"');
        }
        out.push(b);
    }
    out.push(b'"');
}

/// One CSV record: `fields` quoted where needed, joined by commas, ended by a newline (what
/// `csv::Writer` writes, without building a writer and its buffer for each row).
pub fn csv_row(out: &mut Vec<u8>, fields: &[impl AsRef<str>]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        csv_field(out, f.as_ref());
    }
    out.push(b'\n');
}

/// Bytes JSON escapes: control characters, `"` and `\`.
fn json_marks(word: u64) -> u64 {
    swar::below(word, 0x20) | swar::equal(word, b'"') | swar::equal(word, b'\\')
}

/// Bytes that make a CSV field quoted.
fn csv_marks(word: u64) -> u64 {
    swar::equal(word, b',')
        | swar::equal(word, b'"')
        | swar::equal(word, b'\n')
        | swar::equal(word, b'\r')
}

/// The first byte at or after `from` that `marked` accepts, eight bytes at a time with
/// `marks` (whose lowest flagged byte is the first marked one of its word), then one by one.
/// Fields are mostly short and clean: this is most of the writers' time. (The last, short word
/// is tested byte by byte with `marked`: copying it into a padded word, as the number scan
/// does, cost 0.4% more instructions in a run, most fields being shorter than eight bytes.)
fn next_marked(
    bytes: &[u8],
    mut from: usize,
    marks: impl Fn(u64) -> u64,
    marked: impl Fn(u8) -> bool,
) -> Option<usize> {
    while from + 8 <= bytes.len() {
        let m = marks(swar::load(bytes, from));
        if m != 0 {
            return Some(from + swar::first(m));
        }
        from += 8;
    }
    (from..bytes.len()).find(|&i| marked(bytes[i]))
}

fn number(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn json_date(out: &mut Vec<u8>, d: Option<NaiveDate>) {
    match d {
        Some(d) => {
            out.push(b'"');
            push_iso_day(out, d);
            out.push(b'"');
        }
        None => out.extend_from_slice(b"null"),
    }
}

fn json_bool(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

/// `,"key":` — every key here is a plain ASCII identifier.
/// `,"name":` for a key name, made at compile time: one copy per key instead of three.
macro_rules! key {
    ($k:literal) => {
        concat!(",\"", $k, "\":")
    };
}

/// Appends a key made by `key!`.
fn key(out: &mut Vec<u8>, k: &str) {
    out.extend_from_slice(k.as_bytes());
}

fn json_str_field(out: &mut Vec<u8>, k: &str, v: &str) {
    key(out, k);
    json_str(out, v);
}

/// `,"key":"value"` for the enum names of the model ("region", "province", "day"): plain
/// ASCII words, so no escaping pass.
fn json_name_field(out: &mut Vec<u8>, k: &str, v: &'static str) {
    debug_assert!(v.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    key(out, k);
    out.push(b'"');
    out.extend_from_slice(v.as_bytes());
    out.push(b'"');
}

/// The fixed fields of region mentions (code, name, name_zh, level, province_code), rendered
/// once per division a writer meets, for CSV and for JSON. Half of all mentions are regions,
/// and escaping and copying these five fields field by field was a third of their rendering
/// (own 1k corpus: rendering all five as one copy cost 2.6% fewer instructions in a run).
#[derive(Debug, Default)]
pub struct RegionFields {
    /// By the address of the `code` the gazetteer shares with every mention of the division.
    index: FastMap<usize, usize>,
    entries: Vec<Rendering>,
}

/// One division's fields as rendered, with the values they were rendered from: holding them
/// keeps their addresses from being reused while the entry stands.
#[derive(Debug)]
struct Rendering {
    code: Arc<str>,
    name: Arc<str>,
    name_zh: Arc<str>,
    province_code: Arc<str>,
    level: Level,
    /// `code,code,name,name_zh,level,province_code,`
    csv: Vec<u8>,
    /// `,"code":…,"province_code":…`
    json: Vec<u8>,
}

impl RegionFields {
    /// The rendering of `r`'s fixed fields, made now if `r` is not the values of a known one.
    fn of(&mut self, r: &RegionValue) -> &Rendering {
        let key = Arc::as_ptr(&r.code) as *const u8 as usize;
        let same = |e: &Rendering| {
            Arc::ptr_eq(&e.code, &r.code)
                && Arc::ptr_eq(&e.name, &r.name)
                && Arc::ptr_eq(&e.name_zh, &r.name_zh)
                && Arc::ptr_eq(&e.province_code, &r.province_code)
                && e.level == r.level
        };
        let found = self.index.get(&key).copied();
        let i = match found {
            Some(i) if same(&self.entries[i]) => i,
            _ => {
                let mut csv = Vec::new();
                for f in [&r.code, &r.code, &r.name, &r.name_zh] {
                    csv_field(&mut csv, f);
                    csv.push(b',');
                }
                csv.extend_from_slice(r.level.as_str().as_bytes());
                csv.push(b',');
                csv_field(&mut csv, &r.province_code);
                csv.push(b',');
                let mut json = Vec::new();
                json_str_field(&mut json, key!("code"), &r.code);
                json_str_field(&mut json, key!("name"), &r.name);
                json_str_field(&mut json, key!("name_zh"), &r.name_zh);
                json_name_field(&mut json, key!("level"), r.level.as_str());
                json_str_field(&mut json, key!("province_code"), &r.province_code);
                let e = Rendering {
                    code: r.code.clone(),
                    name: r.name.clone(),
                    name_zh: r.name_zh.clone(),
                    province_code: r.province_code.clone(),
                    level: r.level,
                    csv,
                    json,
                };
                match found {
                    Some(i) => {
                        self.entries[i] = e;
                        i
                    }
                    None => {
                        self.entries.push(e);
                        self.index.insert(key, self.entries.len() - 1);
                        self.entries.len() - 1
                    }
                }
            }
        };
        &self.entries[i]
    }
}

/// One line of `documents.jsonl`, newline included.
pub fn json_document(out: &mut Vec<u8>, rec: &DocumentRecord, fields: &mut RegionFields) {
    out.extend_from_slice(b"{\"doc_id\":");
    json_str(out, &rec.doc_id);
    key(out, key!("title"));
    match &rec.title {
        Some(t) => json_str(out, t),
        None => out.extend_from_slice(b"null"),
    }
    key(out, key!("published"));
    json_date(out, rec.published);
    key(out, key!("bytes"));
    number(out, rec.bytes);
    key(out, key!("mentions"));
    json_list(out, &rec.mentions, |out, m| json_mention(out, m, fields));
    out.extend_from_slice(b"}\n");
}

/// `[a,b,...]`, each item written by `item`.
fn json_list<T>(out: &mut Vec<u8>, items: &[T], mut item: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, x);
    }
    out.push(b']');
}

fn json_mention(out: &mut Vec<u8>, m: &Mention, fields: &mut RegionFields) {
    out.extend_from_slice(b"{\"text\":");
    json_str(out, &m.text);
    key(out, key!("start"));
    number(out, m.start);
    key(out, key!("end"));
    number(out, m.end);
    json_name_field(out, key!("type"), m.value.type_name());
    match &m.value {
        Value::Region(r) => {
            out.extend_from_slice(&fields.of(r).json);
            json_str_field(out, key!("matched_alias"), &r.matched_alias);
            key(out, key!("ambiguous"));
            json_bool(out, r.ambiguous);
            if !r.alternatives.is_empty() {
                key(out, key!("alternatives"));
                json_list(out, &r.alternatives, |out, a| json_str(out, a));
            }
            if let Some(c) = &r.code_as_of {
                json_str_field(out, key!("code_as_of"), c);
            }
        }
        Value::Date(d) => {
            json_str_field(out, key!("value"), &d.value);
            key(out, key!("first_day"));
            json_date(out, d.first_day);
            key(out, key!("last_day"));
            json_date(out, d.last_day);
            json_name_field(out, key!("granularity"), d.granularity.as_str());
            json_name_field(out, key!("year_source"), d.year_source.as_str());
        }
        Value::Money(x) => {
            json_str_field(out, key!("amount"), &x.amount);
            if let Some(max) = &x.amount_max {
                json_str_field(out, key!("amount_max"), max);
            }
            json_str_field(out, key!("currency"), &x.currency);
            key(out, key!("approximate"));
            json_bool(out, x.approximate);
            if let Some(q) = &x.qualifier {
                json_str_field(out, key!("qualifier"), q);
            }
        }
        Value::Agreement(a) => {
            key(out, key!("count"));
            number(out, a.count);
            json_name_field(out, key!("kind"), a.kind.as_str());
            json_str_field(out, key!("label"), &a.label);
        }
    }
    out.push(b'}');
}

/// One `mentions.csv` row, newline included; the columns are [`super::MENTION_COLUMNS`].
pub fn csv_mention(out: &mut Vec<u8>, doc_id: &str, m: &Mention, fields: &mut RegionFields) {
    csv_field(out, doc_id);
    out.push(b',');
    out.extend_from_slice(m.value.type_name().as_bytes());
    out.push(b',');
    number(out, m.start);
    out.push(b',');
    number(out, m.end);
    out.push(b',');
    csv_field(out, &m.text);
    out.push(b',');
    // `n` empty columns: only their commas.
    let empty = |out: &mut Vec<u8>, n: usize| out.extend(std::iter::repeat_n(b',', n));
    let tf = |x: bool| if x { "true," } else { "false," };
    match &m.value {
        Value::Region(r) => {
            out.extend_from_slice(&fields.of(r).csv);
            csv_field(out, &r.matched_alias);
            out.push(b',');
            out.extend_from_slice(tf(r.ambiguous).as_bytes());
            if !r.alternatives.is_empty() {
                csv_field(out, &r.alternatives.join(";"));
            }
            out.push(b',');
            csv_field(out, r.code_as_of.as_deref().unwrap_or(""));
            empty(out, 12);
        }
        Value::Date(d) => {
            csv_field(out, &d.value);
            empty(out, 10);
            if let Some(f) = d.first_day {
                push_iso_day(out, f);
            }
            out.push(b',');
            if let Some(l) = d.last_day {
                push_iso_day(out, l);
            }
            out.push(b',');
            out.extend_from_slice(d.granularity.as_str().as_bytes());
            out.push(b',');
            out.extend_from_slice(d.year_source.as_str().as_bytes());
            empty(out, 8);
        }
        Value::Money(x) => {
            csv_field(out, &m.value.display());
            empty(out, 14);
            for f in [Some(&x.amount), x.amount_max.as_ref(), Some(&x.currency)] {
                csv_field(out, f.map_or("", |s| s.as_str()));
                out.push(b',');
            }
            out.extend_from_slice(tf(x.approximate).as_bytes());
            csv_field(out, x.qualifier.as_deref().unwrap_or(""));
            empty(out, 3);
        }
        Value::Agreement(a) => {
            number(out, a.count);
            out.push(b' ');
            out.extend_from_slice(a.kind.as_str().as_bytes());
            empty(out, 19);
            number(out, a.count);
            out.push(b',');
            out.extend_from_slice(a.kind.as_str().as_bytes());
            out.push(b',');
            csv_field(out, &a.label);
        }
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        AgreementKind, AgreementValue, DateValue, Granularity, Level, MoneyValue, RegionValue,
        YearSource,
    };

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// Strings of any length, with marked bytes anywhere in or across the eight-byte
        /// words: JSON as `serde_json` writes it, and CSV quoted exactly when a comma, quote
        /// or line break is in the field.
        #[test]
        fn fields_escape_as_a_byte_by_byte_check(pieces in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just("a"), proptest::strategy::Just("Qinghai Province "),
                proptest::strategy::Just("甘肃"), proptest::strategy::Just(","),
                proptest::strategy::Just("\""), proptest::strategy::Just("\\"),
                proptest::strategy::Just("\n"), proptest::strategy::Just("\r"),
                proptest::strategy::Just("\u{1}"), proptest::strategy::Just("\u{1f}"),
                proptest::strategy::Just(" "), proptest::strategy::Just("!"),
                proptest::strategy::Just("\u{7f}"), proptest::strategy::Just("é"),
            ],
            0..24,
        )) {
            let s = pieces.concat();
            let mut json = Vec::new();
            json_str(&mut json, &s);
            proptest::prop_assert_eq!(json, serde_json::to_vec(&s).unwrap());
            let mut csv = Vec::new();
            csv_field(&mut csv, &s);
            let quoted = s.contains([',', '"', '\n', '\r']);
            let expected = match quoted {
                true => format!("\"{}\"", s.replace('"', "\"\"")),
                false => s.clone(),
            };
            proptest::prop_assert_eq!(csv, expected.into_bytes());
        }
    }

    /// Strings that need every kind of escaping either format has.
    const AWKWARD: &[&str] = &[
        "",
        "plain",
        "甘肃省",
        "a,b",
        "say \"hi\"",
        "back\\slash",
        "line\nbreak",
        "cr\rlf",
        "tab\tbell\u{7}nul\u{0}\u{8}\u{c}\u{1f}",
        "\u{7f}é\u{2028}",
    ];

    fn mentions(s: &str) -> Vec<Mention> {
        let day = NaiveDate::from_ymd_opt(2024, 5, 24);
        vec![
            Mention::new(
                0,
                5,
                s,
                Value::Region(RegionValue {
                    code: s.into(),
                    name: s.into(),
                    name_zh: "甘肃省".into(),
                    level: Level::Province,
                    province_code: "620000".into(),
                    matched_alias: s.into(),
                    ambiguous: true,
                    alternatives: vec![s.to_string(), "652901".into()],
                    code_as_of: Some(s.to_string()),
                }),
            ),
            Mention::new(
                3,
                9,
                s,
                Value::Region(RegionValue {
                    code: "620000".into(),
                    name: "Gansu".into(),
                    name_zh: "甘肃省".into(),
                    level: Level::County,
                    province_code: "620000".into(),
                    matched_alias: "Gansu".into(),
                    ambiguous: false,
                    alternatives: vec![],
                    code_as_of: None,
                }),
            ),
            Mention::new(
                10,
                20,
                s,
                Value::Date(DateValue {
                    value: s.to_string(),
                    first_day: day,
                    last_day: None,
                    granularity: Granularity::Quarter,
                    year_source: YearSource::Publication,
                }),
            ),
            Mention::new(
                10,
                20,
                s,
                Value::Date(DateValue {
                    value: "0999-01-02".into(),
                    first_day: NaiveDate::from_ymd_opt(999, 1, 2),
                    last_day: NaiveDate::from_ymd_opt(-5, 12, 31),
                    granularity: Granularity::Day,
                    year_source: YearSource::Text,
                }),
            ),
            Mention::new(
                21,
                30,
                s,
                Value::Money(MoneyValue {
                    amount: "53183000000".into(),
                    amount_max: Some(s.to_string()),
                    currency: "CNY".into(),
                    approximate: true,
                    qualifier: Some(s.to_string()),
                }),
            ),
            Mention::new(
                21,
                30,
                s,
                Value::Money(MoneyValue {
                    amount: "5".into(),
                    amount_max: None,
                    currency: "USD".into(),
                    approximate: false,
                    qualifier: None,
                }),
            ),
            Mention::new(
                31,
                40,
                s,
                Value::Agreement(AgreementValue {
                    count: 60,
                    kind: AgreementKind::LetterOfIntent,
                    label: s.to_string(),
                }),
            ),
        ]
    }

    #[test]
    fn json_lines_are_what_serde_json_writes() {
        for s in AWKWARD {
            for (title, published) in [
                (None, None),
                (Some(s.to_string()), NaiveDate::from_ymd_opt(2023, 6, 20)),
            ] {
                let rec = DocumentRecord {
                    doc_id: s.to_string(),
                    title,
                    published,
                    bytes: 2331,
                    mentions: mentions(s),
                };
                let mut ours = Vec::new();
                json_document(&mut ours, &rec, &mut RegionFields::default());
                let mut theirs = serde_json::to_vec(&rec).unwrap();
                theirs.push(b'\n');
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    String::from_utf8(theirs).unwrap()
                );
            }
        }
    }

    /// One memo of region fields over many documents writes what a fresh one writes, though
    /// the documents' values come and go (their addresses could be reused).
    #[test]
    fn remembered_region_fields_write_what_fresh_ones_write() {
        let mut kept = RegionFields::default();
        for _ in 0..3 {
            for s in AWKWARD {
                for m in mentions(s) {
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    csv_mention(&mut a, s, &m, &mut kept);
                    csv_mention(&mut b, s, &m, &mut RegionFields::default());
                    assert_eq!(a, b);
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    json_mention(&mut a, &m, &mut kept);
                    json_mention(&mut b, &m, &mut RegionFields::default());
                    assert_eq!(a, b);
                }
            }
        }
    }

    #[test]
    fn csv_rows_are_what_the_csv_crate_writes() {
        for s in AWKWARD {
            for m in mentions(s) {
                let mut ours = Vec::new();
                csv_mention(&mut ours, s, &m, &mut RegionFields::default());
                // Read our row back, then let the csv crate write the same fields.
                let mut rdr = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .from_reader(ours.as_slice());
                let fields = rdr.records().next().unwrap().unwrap();
                assert_eq!(
                    fields.len(),
                    super::super::MENTION_COLUMNS.len(),
                    "{s:?} {m:?}"
                );
                assert_eq!(&fields[0], *s);
                assert_eq!(&fields[4], *s);
                assert_eq!(&fields[5], m.value.display());
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_record(&fields).unwrap();
                assert_eq!(ours, w.into_inner().unwrap(), "{s:?} {m:?}");
            }
        }
    }
}
