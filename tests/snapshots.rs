//! Golden outputs, reviewed with insta: the full list of mentions gazette finds in a few corpus
//! articles (one wire story, one city portal page, one Chinese page), one line each. A rule
//! change that alters any of them shows as a diff to review (`cargo insta review`, or rerun with
//! INSTA_UPDATE=always and read `git diff tests/snapshots/`).

use std::path::Path;

use gazette::dict::Dictionaries;
use gazette::run::Pipeline;

fn render(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name);
    let pipeline = Pipeline::build(&Dictionaries::embedded()).unwrap();
    let doc = pipeline
        .reader
        .decode(name, &std::fs::read(path).unwrap())
        .unwrap();
    let rec = pipeline.process_document(doc);
    let mut out = format!(
        "title: {}\npublished: {}\n",
        rec.title.as_deref().unwrap_or("-"),
        rec.published.map(|d| d.to_string()).unwrap_or("-".into())
    );
    for m in &rec.mentions {
        out.push_str(&format!(
            "{}..{} {} {:?} = {}\n",
            m.start,
            m.end,
            m.value.type_name(),
            m.text,
            m.value.display()
        ));
    }
    out
}

#[test]
fn wire_story() {
    insta::assert_snapshot!(render("en_001_jiangsu_haixi_aid.txt"));
}

#[test]
fn city_portal_page() {
    insta::assert_snapshot!(render("en_112_jinjiang_footwear_expo.txt"));
}

#[test]
fn chinese_page() {
    insta::assert_snapshot!(render("zh_004_caexpo_nanning_signing.txt"));
}

/// A chunk of files run stage by stage (`Pipeline::process_each`, what `gazette extract` does)
/// gives what each file run alone through every stage gives, in the same order, with an
/// unreadable file in the middle of the chunk.
#[test]
fn chunks_run_stage_by_stage_give_the_same_records() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let found = gazette::ingest::find_inputs(&[corpus]).unwrap();
    assert!(found.len() > 50, "the corpus is bundled");
    let gone = tempfile::tempdir().unwrap();
    let missing = gone.path().join("gone.txt");
    std::fs::write(&missing, "x").unwrap();
    let extra = gazette::ingest::find_inputs(std::slice::from_ref(&missing)).unwrap();
    std::fs::remove_file(&missing).unwrap();
    let mut inputs: Vec<_> = found.iter().collect();
    inputs.insert(7, extra.get(0));
    let pipeline = Pipeline::build(&Dictionaries::embedded()).unwrap();
    let one_by_one: Vec<String> = inputs
        .iter()
        .map(|i| format!("{:?}", pipeline.process(i)))
        .collect();
    let chunked: Vec<String> = inputs
        .chunks(16)
        .flat_map(|c| pipeline.process_each(c))
        .map(|o| format!("{o:?}"))
        .collect();
    assert!(one_by_one[7].contains("Failed"), "{}", one_by_one[7]);
    assert_eq!(one_by_one, chunked);
}

/// Full-width digits and HTML entities are read in the forms the rules know, and each mention
/// is reported at the page's offsets with the page's own text.
#[test]
fn full_width_forms_and_entities_keep_the_page_offsets() {
    let page = "湘赣两地签约\n发布时间：２０２４年５月２０日　来源：某日报\n\n５月１８日，两地签约项目１２个，总投资１．５亿元。\nOn May 18 the Yunnan&nbsp;Province team met Jiang&rsquo;an County officials.\n";
    let pipeline = Pipeline::build(&Dictionaries::embedded()).unwrap();
    let doc = pipeline.reader.decode("a.txt", page.as_bytes()).unwrap();
    let rec = pipeline.process_document(doc);
    assert_eq!(rec.published.unwrap().to_string(), "2024-05-20");
    for m in &rec.mentions {
        assert_eq!(&page[m.start..m.end], m.text, "{m:?}");
    }
    let found: Vec<(&str, String)> = rec
        .mentions
        .iter()
        .map(|m| (m.text.as_str(), m.value.display()))
        .collect();
    for want in [
        ("５月１８日", "2024-05-18"),
        ("项目１２个", "12 project"),
        ("１．５亿元", "150000000 CNY"),
        ("Yunnan&nbsp;Province", "530000"),
        ("Jiang&rsquo;an County", "511523"),
    ] {
        assert!(
            found.iter().any(|(t, v)| *t == want.0 && v == want.1),
            "{want:?} not in {found:?}"
        );
    }
}
