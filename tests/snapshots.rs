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
