//! Every row of the money and agreement dictionaries, run as an example: a currency written on
//! each side it may stand must give an amount in its ISO code, and every agreement noun must
//! give a count of its kind. A row added to a dictionary is tested without writing a test.

use gazette::dict::Dictionaries;
use gazette::extract::agreements::AgreementRules;
use gazette::extract::money::MoneyRules;
use gazette::extract::numbers::NumberParser;
use gazette::model::Value;

fn build() -> (MoneyRules, AgreementRules) {
    let d = Dictionaries::embedded();
    let n = NumberParser::build(&d).unwrap();
    (
        MoneyRules::build(&d, n.clone()).unwrap(),
        AgreementRules::build(&d, n).unwrap(),
    )
}

#[test]
fn every_currency_row_reads_an_amount() {
    let d = Dictionaries::embedded();
    let (money, _) = build();
    let mut failures = Vec::new();
    for row in d.rows("money/currencies.tsv", 4).unwrap() {
        let surface = row.fields[0].trim();
        let iso = row.fields[1].trim();
        let position = row.fields[2].trim();
        let scale: u64 = row
            .fields
            .get(4)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map_or(1, |s| s.parse().unwrap());
        // Latin surfaces take a space from the number; symbols and Chinese are glued.
        let sep = if surface.starts_with(|c: char| c.is_ascii_alphabetic()) {
            " "
        } else {
            ""
        };
        let mut texts = Vec::new();
        if position != "before" {
            texts.push(format!("paid 25{sep}{surface} today"));
        }
        if position != "after" {
            let sep = if surface.ends_with(|c: char| c.is_ascii_alphabetic()) {
                " "
            } else {
                ""
            };
            texts.push(format!("paid {surface}{sep}25 today"));
        }
        for text in texts {
            let found = money.extract(&text);
            let want = (25 * scale).to_string();
            let ok = found.len() == 1
                && matches!(&found[0].value, Value::Money(m) if m.currency == iso && m.amount == want);
            if !ok {
                failures.push(format!(
                    "currencies.tsv:{} {text:?}: want {want} {iso}, got {:?}",
                    row.line,
                    found.iter().map(|m| m.value.display()).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_agreement_noun_counts() {
    let d = Dictionaries::embedded();
    let (_, agreements) = build();
    let mut failures = Vec::new();
    for row in d.rows("agreements/nouns.tsv", 3).unwrap() {
        let noun = row.fields[0].trim();
        let kind = row.fields[1].trim();
        let (text, count) = match row.fields[2].trim() {
            "sg" => (format!("The two sides signed one {noun} on Monday."), 1),
            "pl" => (format!("The two sides signed 12 {noun} on Monday."), 12),
            _ => (format!("双方签署了12项{noun}。"), 12),
        };
        let found = agreements.extract(&text);
        let ok = found.len() == 1
            && matches!(&found[0].value, Value::Agreement(a) if a.count == count && a.kind.as_str() == kind);
        if !ok {
            failures.push(format!(
                "nouns.tsv:{} {text:?}: want {count} {kind}, got {:?}",
                row.line,
                found.iter().map(|m| m.value.display()).collect::<Vec<_>>()
            ));
        }
        // The same noun with a non-signing verb gives nothing.
        let promoted = text
            .replace("signed", "promoted")
            .replace("签署了", "推介了");
        let found = agreements.extract(&promoted);
        if !found.is_empty() {
            failures.push(format!(
                "nouns.tsv:{} {promoted:?} should give nothing",
                row.line
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_signing_verb_is_evidence() {
    let d = Dictionaries::embedded();
    let (_, agreements) = build();
    let mut failures = Vec::new();
    for row in d.rows("agreements/verbs.tsv", 2).unwrap() {
        let verb = row.fields[0].trim();
        if row.fields[1].trim() != "sign" {
            continue;
        }
        let text = if verb.is_ascii() {
            format!("Officials said 9 cooperation agreements, {verb} at the fair.")
        } else {
            format!("会上{verb}项目9个。")
        };
        if agreements.extract(&text).len() != 1 {
            failures.push(format!("verbs.tsv:{} {text:?} gave no count", row.line));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that meet at awkward places: digits, separators, scales, currencies in both
    /// scripts, full-width forms, qualifiers and agreement words.
    const PIECES: &[&str] = &[
        "1",
        "0",
        "9",
        ",",
        ".",
        "-",
        " ",
        "，",
        "。",
        "．",
        "１",
        "５",
        "$",
        "¥",
        "￥",
        "€",
        "US$",
        "yuan",
        "Yuan",
        "元",
        "亿",
        "万",
        "千",
        "十",
        "三",
        "两",
        "多",
        "余",
        "个",
        "项",
        "份",
        "million",
        "billion",
        "bn",
        "m",
        "k",
        "a",
        "an",
        "and",
        "to",
        "from",
        "between",
        "about",
        "约",
        "超过",
        "左右",
        "signed",
        "not",
        "were",
        "projects",
        "agreement",
        "MoUs",
        "签约",
        "签署",
        "项目",
        "协议",
        "合同",
        "尚未",
        "推介",
        "(",
        "（",
        "\n",
        "RMB",
        "USD",
        "人民币",
        "美元",
        "角",
        "分",
        "cents",
        "dozen",
        "hundred",
        "twenty",
        "-one",
        "%",
    ];

    /// Built once: compiling the automata per case would dominate the run.
    fn shared() -> &'static (MoneyRules, AgreementRules) {
        static RULES: std::sync::OnceLock<(MoneyRules, AgreementRules)> =
            std::sync::OnceLock::new();
        RULES.get_or_init(build)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        #[test]
        fn offsets_are_valid(idx in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let text: String = idx.iter().map(|&i| PIECES[i]).collect();
            let (money, agreements) = shared();
            for m in money.extract(&text).iter().chain(agreements.extract(&text).iter()) {
                prop_assert!(m.start < m.end && m.end <= text.len());
                prop_assert_eq!(&text[m.start..m.end], m.text.as_str());
            }
        }
    }
}
