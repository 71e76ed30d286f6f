//! Per-stage throughput on one thread, in bytes of article text per second: decode, each
//! extractor, resolve, and the JSON and CSV serialisation of the results.
//!
//!     cargo bench --bench stages
//!
//! The input is 300 synthetic articles (`gazette::synthetic::mixed`: one in three Chinese, half
//! of those GB18030), about 0.85 MB, built in memory from a fixed seed, so the figures need
//! nothing outside the repo.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gazette::dict::Dictionaries;
use gazette::ingest::Reader;
use gazette::run::Pipeline;
use gazette::write::{DocumentRecord, Outcome, Rendered, rows};
use std::hint::black_box;

fn corpus() -> Vec<Vec<u8>> {
    let dicts = Dictionaries::embedded();
    let m = gazette::extract::regions::RegionMatcher::build(&dicts).unwrap();
    let names = gazette::synthetic::Names::of(&m);
    (0..300)
        .map(|i| gazette::synthetic::mixed(7, i, &names))
        .collect()
}

fn stages(c: &mut Criterion) {
    let docs = corpus();
    let bytes: u64 = docs.iter().map(|d| d.len() as u64).sum();
    let dicts = Dictionaries::embedded();
    let pipeline = Pipeline::build(&dicts).unwrap();
    let reader = Reader::build(&dicts).unwrap();
    let decoded: Vec<_> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| reader.decode(&format!("{i}.txt"), d).unwrap())
        .collect();
    let ex = &pipeline.extractors;

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);
    g.bench_function("decode+title+published", |b| {
        b.iter(|| {
            for (i, d) in docs.iter().enumerate() {
                black_box(reader.decode(&format!("{i}.txt"), d).unwrap());
            }
        })
    });
    g.bench_function("regions", |b| {
        b.iter(|| {
            for d in &decoded {
                black_box(ex.regions.extract(&d.text));
            }
        })
    });
    g.bench_function("dates", |b| {
        b.iter(|| {
            for d in &decoded {
                black_box(ex.dates.extract(&d.text, d.anchor(None)));
            }
        })
    });
    g.bench_function("money", |b| {
        b.iter(|| {
            for d in &decoded {
                black_box(ex.money.extract(&d.text));
            }
        })
    });
    g.bench_function("agreements", |b| {
        b.iter(|| {
            for d in &decoded {
                black_box(ex.agreements.extract(&d.text));
            }
        })
    });
    let found: Vec<_> = decoded
        .iter()
        .map(|d| ex.extract(d, d.anchor(None)))
        .collect();
    g.bench_function("resolve", |b| {
        b.iter(|| {
            for f in &found {
                black_box(gazette::resolve::resolve(
                    f.clone(),
                    None,
                    Default::default(),
                    &ex.regions,
                ));
            }
        })
    });
    let outcomes: Vec<Outcome> = decoded
        .iter()
        .map(|d| Outcome::Done(pipeline.process_document(d.clone())))
        .collect();
    let records: Vec<&DocumentRecord> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Done(r) => Some(r),
            Outcome::Failed { .. } => None,
        })
        .collect();
    g.bench_function("write JSON lines", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            let mut fields = rows::RegionFields::default();
            for r in &records {
                rows::json_document(&mut out, r, &mut fields);
            }
            black_box(out)
        })
    });
    g.bench_function("write mention CSV rows", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            let mut fields = rows::RegionFields::default();
            for r in &records {
                for m in &r.mentions {
                    rows::csv_mention(&mut out, &r.doc_id, m, &mut fields);
                }
            }
            black_box(out)
        })
    });
    g.bench_function("serialise all three outputs", |b| {
        b.iter(|| {
            for o in &outcomes {
                black_box(Rendered::of(o).unwrap());
            }
        })
    });
    g.bench_function("whole document (no I/O)", |b| {
        b.iter(|| {
            for d in &decoded {
                let o = Outcome::Done(pipeline.process_document(d.clone()));
                black_box(Rendered::of(&o).unwrap());
            }
        })
    });
    g.finish();

    let mut s = c.benchmark_group("startup");
    s.sample_size(10);
    s.bench_function("dictionaries parsed, automata built", |b| {
        b.iter(|| black_box(Pipeline::build(&Dictionaries::embedded()).unwrap()))
    });
    s.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
