//! Synthetic articles of this genre for benchmarks (`examples/gen_corpus.rs`, `benches/`): 2-4
//! KB, web boilerplate, regions, dates, money, agreement counts and distractors, a pure function
//! of (seed, document index). The text is made of templates written for this generator; it is
//! for measuring speed, not quality (quality is measured on the hand-labelled `corpus/`).

use crate::extract::regions::RegionMatcher;
use crate::model::Level;

/// Province and prefecture names (English) to fill the templates with.
pub fn names(m: &RegionMatcher) -> (Vec<String>, Vec<String>) {
    let provinces = m
        .divisions()
        .iter()
        .filter(|d| d.level == Level::Province)
        .map(|d| d.name_en.to_string())
        .collect();
    let cities = m
        .divisions()
        .iter()
        .filter(|d| d.level == Level::Prefecture && d.name_en.len() < 12)
        .map(|d| d.name_en.to_string())
        .collect();
    (provinces, cities)
}

/// splitmix64: a tiny, fixed generator. A crate's generator could change its stream between
/// versions, and the corpus must stay byte-identical for benchmark figures to be comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SHORT: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
const KINDS: [&str; 6] = [
    "strategic cooperation agreements",
    "project investment contracts",
    "memorandums of understanding",
    "cooperation projects",
    "framework agreements",
    "letters of intent",
];
const SECTORS: [&str; 8] = [
    "cultural tourism",
    "new energy",
    "agriculture",
    "logistics",
    "healthcare",
    "digital economy",
    "education",
    "advanced manufacturing",
];

pub fn article(seed: u64, index: u64, provinces: &[String], cities: &[String]) -> String {
    let mut r = Rng(seed ^ index.wrapping_mul(0x2545_F491_4F6C_DD1D));
    let p1 = r.pick(provinces).clone();
    let p2 = r.pick(provinces).clone();
    let c1 = r.pick(cities).clone();
    let c2 = r.pick(cities).clone();
    let year = 2019 + r.below(6);
    let m = r.below(12);
    let d = 1 + r.below(27);
    let mut s = String::with_capacity(4096);
    s.push_str("Home | News | Government | Investment | Culture | Contact Us\n");
    s.push_str("Current Location: Home > News > Regional Cooperation\n\n");
    s.push_str(&format!(
        "{p1} and {c2} deepen {} cooperation with new agreements\n\n",
        r.pick(&SECTORS)
    ));
    s.push_str(&format!(
        "Release time: {} {d}, {year}    Source: {p1} Daily    Font: L M S\n\n",
        MONTHS[m]
    ));
    let paragraphs = 8 + r.below(8);
    for i in 0..paragraphs {
        let n1 = 2 + r.below(60);
        let amount = format!("{}.{}", 1 + r.below(900), r.below(1000));
        let scale = *r.pick(&["million", "billion"]);
        let day2 = (d + 1 + r.below(3)).min(28);
        let visitors = 1 + r.below(200);
        let pct = format!("{}.{}", r.below(90), r.below(10));
        match (i + r.below(3)) % 5 {
            0 => s.push_str(&format!(
                "On {} {d}, a delegation from {p1} led by officials of the {p1} Provincial \
                 Department of Commerce visited {c1} and {c2}, where a total of {n1} {} were \
                 signed with an agreed investment of {amount} {scale} yuan.\n\n",
                SHORT[m],
                r.pick(&KINDS)
            )),
            1 => s.push_str(&format!(
                "The fair, held in {c1} from {} {d} to {day2}, attracted over 1,000 attendees \
                 and {visitors} million visitors online, up {pct}% year on year. Enterprises \
                 from {p2} and {c2} signed {n1} {} worth about ${amount} {scale}.\n\n",
                MONTHS[m],
                r.pick(&KINDS)
            )),
            2 => s.push_str(&format!(
                "In the first quarter of this year, trade between {p2} and {c1} reached \
                 {amount} {scale} yuan. Officials said {n1} further projects were introduced \
                 at the meeting and will be studied in the coming months, in {} and {}.\n\n",
                r.pick(&SECTORS),
                r.pick(&SECTORS)
            )),
            3 => s.push_str(&format!(
                "Since {} the two places have carried out counterpart assistance; last year \
                 {p1} invested RMB {amount} {scale} in {n1} projects in {c2}, and the 5th \
                 {c1} Expo is planned for {} {year}.\n\n",
                year - 1 - r.below(8),
                MONTHS[r.below(12)]
            )),
            _ => s.push_str(&format!(
                "{c1} and {c2} signed an agreement on {} cooperation on {} {d}. The \
                 {c2} Municipal People's Government said it would open {visitors} stores \
                 for products from {p2} in the second half of {year}.\n\n",
                r.pick(&SECTORS),
                SHORT[r.below(12)]
            )),
        }
    }
    s.push_str(&format!(
        "Sponsored by: General Office of {p1} Provincial People's Government  All rights \
         reserved\n苏ICP备{:08}号  Website Identification Code: {:010}\nTechnical Support \
         Phone: 0{}-{:08}\nBest viewed in IE 6.0 browser with and above 1024*768 \
         resolution.\n",
        r.below(100_000_000),
        r.next() % 10_000_000_000,
        10 + r.below(900),
        r.below(100_000_000)
    ));
    s
}
