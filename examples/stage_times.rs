//! Wall time of each stage on one thread over a folder of articles, read into memory first:
//! a quick profile by stage for a real or generated corpus (criterion's `stages` bench uses a
//! fixed in-memory corpus instead).
//!
//!     cargo run --release --example stage_times -- target/bench/shared-corpus-10000
use std::time::Instant;

use gazette::dict::Dictionaries;
use gazette::run::Pipeline;
use gazette::write::{DocumentRecord, Outcome, Rendered};

fn main() {
    let dir = std::env::args().nth(1).expect("a folder of .txt articles");
    let inputs = gazette::ingest::find_inputs(&[dir.into()]).expect("an existing folder");
    let paths: Vec<_> = inputs.iter().map(|i| i.path()).collect();
    let raw: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let bytes: usize = raw.iter().map(Vec::len).sum();
    let t = Instant::now();
    let pipeline = Pipeline::build(&Dictionaries::embedded()).unwrap();
    let startup = t.elapsed();
    let ex = &pipeline.extractors;
    let mut total = 0.0;
    let mut report = |name: &str, t: Instant| {
        let s = t.elapsed().as_secs_f64();
        total += s;
        println!(
            "{name:>10}: {:7.3} s  {:7.1} MB/s",
            s,
            bytes as f64 / 1e6 / s
        );
    };
    println!(
        "{} docs, {:.1} MB, start-up {:?}",
        raw.len(),
        bytes as f64 / 1e6,
        startup
    );
    let t = Instant::now();
    let docs: Vec<_> = raw
        .iter()
        .enumerate()
        .map(|(i, b)| pipeline.reader.decode(&format!("{i}.txt"), b).unwrap())
        .collect();
    report("decode", t);
    let t = Instant::now();
    let regions: Vec<_> = docs.iter().map(|d| ex.regions.extract(&d.text)).collect();
    report("regions", t);
    let t = Instant::now();
    let dates: Vec<_> = docs
        .iter()
        .map(|d| ex.dates.extract(&d.text, d.anchor(None)))
        .collect();
    report("dates", t);
    let t = Instant::now();
    let money: Vec<_> = docs.iter().map(|d| ex.money.extract(&d.text)).collect();
    report("money", t);
    let t = Instant::now();
    let agree: Vec<_> = docs
        .iter()
        .map(|d| ex.agreements.extract(&d.text))
        .collect();
    report("agreements", t);
    let found: Vec<_> = regions
        .into_iter()
        .zip(dates)
        .zip(money)
        .zip(agree)
        .map(|(((mut r, d), m), a)| {
            r.extend(d);
            r.extend(m);
            r.extend(a);
            r
        })
        .collect();
    let t = Instant::now();
    let recs: Vec<_> = docs
        .into_iter()
        .zip(found)
        .map(|(doc, f)| {
            use chrono::Datelike;
            let year = doc.published.map(|d| d.year());
            let mentions = gazette::resolve::resolve(f, year, pipeline.as_of, &ex.regions);
            Outcome::Done(DocumentRecord {
                doc_id: doc.doc_id,
                title: doc.title,
                published: doc.published,
                bytes: doc.bytes,
                mentions,
            })
        })
        .collect();
    report("resolve", t);
    let t = Instant::now();
    for r in &recs {
        std::hint::black_box(Rendered::of(r).unwrap());
    }
    report("render", t);
    println!(
        "{:>10}: {:7.3} s  {:7.1} MB/s",
        "total",
        total,
        bytes as f64 / 1e6 / total
    );
    // The same work as `gazette extract` does it (reading each file again, without the output
    // files): one document through every stage at a time, or a chunk of documents through one
    // stage after another. Best of three rounds, the modes interleaved, for a noisy machine.
    if std::env::var_os("STAGES_ONLY").is_some() {
        return;
    }
    let inputs: Vec<_> = inputs.iter().collect();
    let mut best = [f64::MAX; 4];
    let chunks = [1, 8, 32, 128];
    for _round in 0..3 {
        for (k, &chunk) in chunks.iter().enumerate() {
            let t = Instant::now();
            for inputs in inputs.chunks(chunk) {
                let outcomes = if chunk == 1 {
                    vec![pipeline.process(&inputs[0])]
                } else {
                    pipeline.process_each(inputs)
                };
                for o in outcomes {
                    std::hint::black_box(Rendered::of(&o).unwrap());
                }
            }
            best[k] = best[k].min(t.elapsed().as_secs_f64());
        }
    }
    for (chunk, s) in chunks.iter().zip(best) {
        let name = format!("chunk {chunk}");
        println!(
            "{name:>10}: {:7.3} s  {:7.1} MB/s",
            s,
            bytes as f64 / 1e6 / s
        );
    }
}
