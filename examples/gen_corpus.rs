//! A deterministic synthetic corpus for benchmarks: N articles written by
//! `gazette::synthetic::mixed` (two in three English, one in three Chinese, half of those in
//! GB18030), a pure function of (seed, document index), so the same arguments always give
//! byte-identical files.
//!
//!     cargo run --release --example gen_corpus -- --docs 10000 --out target/bench/10k --seed 1
//!
//! Region names come from the embedded gazetteer, so the corpus needs nothing outside the repo.

use std::io::Write;
use std::path::PathBuf;

fn main() {
    let mut docs = 1000u64;
    let mut out = PathBuf::from("target/bench/corpus");
    let mut seed = 1u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let v = args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--docs" => docs = v.parse().expect("--docs N"),
            "--out" => out = PathBuf::from(v),
            "--seed" => seed = v.parse().expect("--seed N"),
            _ => panic!("unknown argument {a}"),
        }
    }
    let dicts = gazette::dict::Dictionaries::embedded();
    let matcher = gazette::extract::regions::RegionMatcher::build(&dicts).unwrap();
    let names = gazette::synthetic::Names::of(&matcher);
    // 1,000 files per folder keeps directory listings fast.
    for i in 0..docs {
        let dir = out.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&dir).unwrap();
        }
        let mut f = std::io::BufWriter::new(
            std::fs::File::create(dir.join(format!("{i:06}.txt"))).unwrap(),
        );
        f.write_all(&gazette::synthetic::mixed(seed, i, &names))
            .unwrap();
    }
}
