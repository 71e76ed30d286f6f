//! End-to-end tests of the `gazette` binary in temporary folders, through one helper
//! (`Workdir`, after qsv's `tests/workdir.rs`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, bytes: &[u8]) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const ARTICLE: &str = "Home | News\nLiaoning and Nagqu sign tourism aid agreement\n\nRelease time: June 20, 2023\n\nOn June 18, Liaoning and Nagchu, Tibet, met in Naqu.\n";

#[test]
fn extract_writes_three_files_and_reports_broken_inputs() {
    let w = Workdir::new();
    w.write("in/a.txt", ARTICLE.as_bytes());
    let (gb, _, _) = encoding_rs::GB18030
        .encode("辽宁省与那曲市签署合作协议\n\n发布时间：2023-06-20\n辽宁省代表团访问那曲。\n");
    w.write("in/sub/b.txt", &gb);
    w.write("in/sub/c.txt", b"\x00\x01binary\xff");
    w.write("in/notes.md", b"not an article");
    let o = w.run(&["extract", "in", "--out", "out", "--quiet"]);
    assert_eq!(code(&o), 1, "one broken file means exit 1: {}", stderr(&o));
    assert!(stderr(&o).contains("sub/c.txt"), "{}", stderr(&o));

    let jsonl = w.read("out/documents.jsonl");
    let docs: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = docs.iter().map(|d| d["doc_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a.txt", "sub/b.txt"]);
    assert_eq!(docs[0]["published"], "2023-06-20");
    assert_eq!(
        docs[0]["title"],
        "Liaoning and Nagqu sign tourism aid agreement"
    );
    assert_eq!(docs[1]["published"], "2023-06-20");
    // Offsets are into the decoded text, and text equals the slice.
    for d in &docs {
        for m in d["mentions"].as_array().unwrap() {
            let (s, e) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
            assert!(s < e);
            assert!(!m["text"].as_str().unwrap().is_empty());
        }
    }
    let text = ARTICLE;
    for m in docs[0]["mentions"].as_array().unwrap() {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], m["text"].as_str().unwrap());
    }
    let nagqu: Vec<&serde_json::Value> = docs[0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["code"] == "540600")
        .collect();
    assert_eq!(nagqu.len(), 3, "Nagqu, Nagchu and Naqu are one city");

    let mentions = w.read("out/mentions.csv");
    let mut rdr = csv::Reader::from_reader(mentions.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    for col in [
        "doc_id", "type", "start", "end", "text", "value", "code", "amount", "count",
    ] {
        assert!(headers.iter().any(|h| h == col), "missing column {col}");
    }
    assert!(rdr.records().count() >= 5);

    let documents = w.read("out/documents.csv");
    let mut rdr = csv::Reader::from_reader(documents.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3, "failed files are listed too");
    let failed = rows.iter().find(|r| &r[0] == "sub/c.txt").unwrap();
    assert_eq!(&failed[4], "error");
    assert!(!failed[5].is_empty());
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(w.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn usage_errors_exit_2_before_any_work() {
    let w = Workdir::new();
    let o = w.run(&["extract", "no-such-dir", "--out", "out"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no-such-dir"));
    assert!(
        !w.path("out").exists(),
        "nothing is written on a usage error"
    );
    let o = w.run(&["extract", "--no-such-flag"]);
    assert_eq!(code(&o), 2);
    let o = w.run(&["extract", ".", "--reference-date", "2023-13-01"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn clean_run_exits_0_and_replaces_old_outputs_whole() {
    let w = Workdir::new();
    w.write("in/a.txt", ARTICLE.as_bytes());
    w.write("out/documents.jsonl", b"stale");
    let o = w.run(&["extract", "in", "--out", "out", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        w.read("out/documents.jsonl")
            .starts_with("{\"doc_id\":\"a.txt\"")
    );
}

#[test]
fn malformed_dictionary_names_file_and_line() {
    let w = Workdir::new();
    w.write("in/a.txt", ARTICLE.as_bytes());
    w.write(
        "dicts/regions/additions.tsv",
        b"# FORMAT: code alias lang flags note\n540600\tNagqu\ten\n999999\tNowhere\ten\n",
    );
    let o = w.run(&["extract", "in", "--out", "out", "--dictionaries", "dicts"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("additions.tsv:3"), "{err}");
    assert!(err.contains("999999"), "{err}");
    w.write("dicts2/regions/typo.tsv", b"x\ty\n");
    let o = w.run(&["extract", "in", "--out", "out", "--dictionaries", "dicts2"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("unknown dictionary file"));
}

#[test]
fn dictionary_override_extends_the_gazetteer() {
    let w = Workdir::new();
    w.write("in/a.txt", b"Delegates from Xanadu met.\n");
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries/regions/additions.tsv"),
    )
    .unwrap();
    w.write(
        "dicts/regions/additions.tsv",
        format!("{base}540600\tXanadu\ten\t\ttest alias\n").as_bytes(),
    );
    let o = w.run(&[
        "extract",
        "in",
        "--out",
        "out",
        "--quiet",
        "--dictionaries",
        "dicts",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(w.read("out/mentions.csv").contains("540600"));
    let o = w.run(&["regions", "lookup", "Xanadu", "--dictionaries", "dicts"]);
    assert_eq!(code(&o), 0);
    assert!(String::from_utf8_lossy(&o.stdout).contains("540600"));
}

#[test]
fn output_is_identical_at_1_2_and_8_threads() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let w = Workdir::new();
    let mut outputs = Vec::new();
    for threads in ["1", "2", "8"] {
        let out = format!("out{threads}");
        let o = w.run(&[
            "extract",
            corpus.to_str().unwrap(),
            "--out",
            &out,
            "--threads",
            threads,
            "--quiet",
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        outputs.push(
            ["documents.jsonl", "mentions.csv", "documents.csv"]
                .map(|f| std::fs::read(w.path(&format!("{out}/{f}"))).unwrap()),
        );
    }
    assert!(outputs[0] == outputs[1] && outputs[1] == outputs[2]);
}

#[test]
fn regions_lookup_lists_every_reading() {
    let w = Workdir::new();
    let o = w.run(&["regions", "lookup", "Suzhou"]);
    assert_eq!(code(&o), 0);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("320500") && out.contains("341300"), "{out}");
    let o = w.run(&["regions", "lookup", "Dalian City"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("210200"));
    let o = w.run(&["regions", "lookup", "Atlantis"]);
    assert_eq!(code(&o), 1);
}

#[test]
fn diff_reports_changes_between_runs() {
    let w = Workdir::new();
    w.write("in/a.txt", ARTICLE.as_bytes());
    assert_eq!(code(&w.run(&["extract", "in", "--out", "o1", "-q"])), 0);
    w.write("in/a.txt", format!("{ARTICLE}Qinghai joined.\n").as_bytes());
    assert_eq!(code(&w.run(&["extract", "in", "--out", "o2", "-q"])), 0);
    let o = w.run(&["diff", "o1/documents.jsonl", "o2/documents.jsonl"]);
    assert_eq!(code(&o), 0);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("+ region \"Qinghai\" = 630000"), "{out}");
    assert!(out.contains("1 added, 0 removed, 0 changed"), "{out}");
}

#[test]
fn eval_scores_and_fails_below_bar_or_on_bad_gold() {
    let w = Workdir::new();
    w.write("c/a.txt", ARTICLE.as_bytes());
    w.write(
        "c/gold/a.tsv",
        "published\t2023-06-20\nregion\tLiaoning\t210000\nregion\tNagqu\t540600\nregion\tNagchu\t540600\nregion\tNaqu\t540600\nregion\tTibet\t540000\n".as_bytes(),
    );
    let o = w.run(&["eval", "c", "--json", "r.json", "--min-f1", "region=0.99"]);
    assert_eq!(
        code(&o),
        0,
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        stderr(&o)
    );
    let report: serde_json::Value = serde_json::from_str(&w.read("r.json")).unwrap();
    assert_eq!(report["mention"]["by_type"]["region"]["tp"], 6);
    // A missing label lowers recall and an impossible bar fails.
    w.write(
        "c/gold/a.tsv",
        b"region\tLiaoning\t210000\nregion\tNagqu\t540600\nregion\tNaqu\t540600\n",
    );
    let o = w.run(&[
        "eval",
        "c",
        "--min-f1",
        "region=0.99",
        "--baseline",
        "r.json",
    ]);
    assert_eq!(code(&o), 1);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("worse: region"), "{out}");
    // A corrupted gold file is an error naming its line.
    w.write("c/gold/a.tsv", b"region\tLiaoning\n");
    let o = w.run(&["eval", "c"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("a.tsv:1"), "{}", stderr(&o));
}
