//! The quality gate as a test: `gazette eval` on the labelled corpus must keep every type's
//! mention-level F1 above its bar, so `cargo test` alone catches a rule change that makes
//! extraction worse. The bars sit just under the scores measured when they were last raised
//! (README, "Quality"); raise them when the scores rise, never lower them to make a change pass.

use std::path::Path;

/// (type, minimum mention-level F1).
const BARS: &[(&str, f64)] = &[
    ("region", 0.98),
    ("date", 0.98),
    ("money", 0.97),
    ("agreement_count", 0.97),
    ("all", 0.98),
];

#[test]
fn corpus_scores_stay_above_their_bars() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let options = gazette::eval::Options {
        gold: corpus.join("gold"),
        corpus,
        min_f1: BARS.iter().map(|(t, x)| (t.to_string(), *x)).collect(),
        ..Default::default()
    };
    let (passed, report) = gazette::eval::run(&options).expect("the corpus and its gold load");
    println!("{report}");
    assert!(passed, "a score fell below its bar:\n{report}");
}
