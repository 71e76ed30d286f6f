//! Synthetic articles of this genre for benchmarks (`examples/gen_corpus.rs`, `benches/`): 2-4
//! KB, web boilerplate, regions, dates, money, agreement counts and distractors, a pure function
//! of (seed, document index). The text is made of templates written for this generator; it is
//! for measuring speed, not quality (quality is measured on the hand-labelled `corpus/`).
//!
//! [`mixed`] is what the benchmark corpus holds: one article in three in Chinese ([`article_zh`]),
//! every other one of those encoded in GB18030, the rest English ([`article`]) in UTF-8, so a
//! benchmark also runs the Chinese rules and the decoder's slower path, as real scrapes do.

use crate::extract::regions::{Division, RegionMatcher};
use crate::model::Level;

/// Province and prefecture names (English) to fill the templates with.
pub fn names(m: &RegionMatcher) -> (Vec<String>, Vec<String>) {
    (
        names_of(m, Level::Province, |d| Some(&d.name_en)),
        names_of(m, Level::Prefecture, |d| {
            Some(&d.name_en).filter(|n| n.len() < 12)
        }),
    )
}

/// The names `name` gives the divisions of one level, in the gazetteer's order.
fn names_of(
    m: &RegionMatcher,
    level: Level,
    name: impl Fn(&Division) -> Option<&std::sync::Arc<str>>,
) -> Vec<String> {
    m.divisions()
        .iter()
        .filter(|d| d.level == level)
        .filter_map(|d| name(d).map(|n| n.to_string()))
        .collect()
}

/// The names both languages' templates are filled with.
pub struct Names {
    pub provinces: Vec<String>,
    pub cities: Vec<String>,
    /// Chinese full names ("江苏省").
    pub provinces_zh: Vec<String>,
    pub cities_zh: Vec<String>,
}

impl Names {
    pub fn of(m: &RegionMatcher) -> Names {
        let (provinces, cities) = names(m);
        Names {
            provinces,
            cities,
            provinces_zh: names_of(m, Level::Province, |d| Some(&d.name_zh)),
            cities_zh: names_of(m, Level::Prefecture, |d| Some(&d.name_zh)),
        }
    }
}

/// The bytes of article `index` of the benchmark corpus: English in UTF-8 for two indices in
/// three, Chinese otherwise, in GB18030 for every other Chinese one.
pub fn mixed(seed: u64, index: u64, names: &Names) -> Vec<u8> {
    if index % 3 != 2 {
        return article(seed, index, &names.provinces, &names.cities).into_bytes();
    }
    let text = article_zh(seed, index, names);
    if index % 6 == 5 {
        encoding_rs::GB18030.encode(&text).0.into_owned()
    } else {
        text.into_bytes()
    }
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

/// Who and when an article is about: two provinces, two cities, a year, a month (0 to 11) and
/// a day, drawn in the same order for both languages, and the generator to draw the rest from.
struct Cast {
    p1: String,
    p2: String,
    c1: String,
    c2: String,
    year: usize,
    month: usize,
    d: usize,
}

fn cast(seed: u64, index: u64, provinces: &[String], cities: &[String]) -> (Rng, Cast) {
    let mut r = Rng(seed ^ index.wrapping_mul(0x2545_F491_4F6C_DD1D));
    let cast = Cast {
        p1: r.pick(provinces).clone(),
        p2: r.pick(provinces).clone(),
        c1: r.pick(cities).clone(),
        c2: r.pick(cities).clone(),
        year: 2019 + r.below(6),
        month: r.below(12),
        d: 1 + r.below(27),
    };
    (r, cast)
}

pub fn article(seed: u64, index: u64, provinces: &[String], cities: &[String]) -> String {
    let (
        mut r,
        Cast {
            p1,
            p2,
            c1,
            c2,
            year,
            month: m,
            d,
        },
    ) = cast(seed, index, provinces, cities);
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

const KINDS_ZH: [&str; 5] = [
    "战略合作协议",
    "项目投资合同",
    "合作备忘录",
    "框架协议",
    "意向书",
];
const SECTORS_ZH: [&str; 8] = [
    "文化旅游",
    "新能源",
    "现代农业",
    "商贸物流",
    "医疗健康",
    "数字经济",
    "职业教育",
    "先进制造",
];

/// A Chinese article of the same kind as [`article`]: a portal's navigation, a title, a
/// "发布时间" line, paragraphs of visits, fairs, trade figures and signings, and a footer with
/// filing numbers.
pub fn article_zh(seed: u64, index: u64, names: &Names) -> String {
    let (
        mut r,
        Cast {
            p1,
            p2,
            c1,
            c2,
            year,
            month,
            d,
        },
    ) = cast(seed, index, &names.provinces_zh, &names.cities_zh);
    let m = month + 1;
    let mut s = String::with_capacity(4096);
    s.push_str(&format!("{p1}人民政府门户网站\n"));
    s.push_str("首页 | 要闻动态 | 政务公开 | 招商引资 | 联系我们\n");
    s.push_str("当前位置：首页 > 要闻动态 > 区域合作\n\n");
    s.push_str(&format!(
        "{p1}与{c2}深化{}合作 一批项目集中签约\n\n",
        r.pick(&SECTORS_ZH)
    ));
    s.push_str(&format!(
        "发布时间：{year}-{m:02}-{d:02} 09:{:02}　来源：{p1}日报　字号：大 中 小\n\n",
        r.below(60)
    ));
    let paragraphs = 8 + r.below(5);
    for i in 0..paragraphs {
        let n1 = 2 + r.below(60);
        let amount = format!("{}.{}", 1 + r.below(900), r.below(10));
        let day2 = (d + 1 + r.below(3)).min(28);
        let visitors = 1 + r.below(200);
        let pct = format!("{}.{}", r.below(90), r.below(10));
        match (i + r.below(3)) % 5 {
            0 => s.push_str(&format!(
                "{m}月{d}日，{p1}党政代表团赴{c1}、{c2}考察对接，{p1}商务厅有关负责同志陪同。\
                 考察期间，双方共签约{}{n1}个，协议投资额{amount}亿元。\n\n",
                r.pick(&["合作项目", "产业项目", "招商项目"])
            )),
            1 => s.push_str(&format!(
                "本届博览会于{m}月{d}日至{day2}日在{c1}举办，吸引参展企业1000余家，线上观众\
                 {visitors}万人次，同比增长{pct}%。来自{p2}和{c2}的企业现场签署{}{n1}份，\
                 金额约{amount}亿美元。\n\n",
                r.pick(&KINDS_ZH)
            )),
            2 => s.push_str(&format!(
                "今年第一季度，{p2}与{c1}之间的贸易额达到{amount}亿元。有关负责人表示，会上\
                 新引进项目{n1}个，将在未来几个月内在{}和{}领域加快推进。\n\n",
                r.pick(&SECTORS_ZH),
                r.pick(&SECTORS_ZH)
            )),
            3 => s.push_str(&format!(
                "自{}年以来，两地持续开展对口支援；去年{p1}在{c2}投入帮扶资金{}万元，实施项目\
                 {n1}个。第五届{c1}博览会计划于{year}年{}月举行。\n\n",
                year - 1 - r.below(8),
                100 + r.below(90_000),
                1 + r.below(12)
            )),
            _ => s.push_str(&format!(
                "{}月{d}日，{c1}与{c2}签署{}合作协议。{c2}人民政府表示，将于{year}年下半年\
                 开设{visitors}家{p2}特色产品门店。\n\n",
                1 + r.below(12),
                r.pick(&SECTORS_ZH)
            )),
        }
    }
    s.push_str(&format!(
        "主办单位：{p1}人民政府办公厅　版权所有\n{}ICP备{:08}号　网站标识码：{:010}\n\
         技术支持电话：0{}-{:08}\n建议使用1024*768以上分辨率浏览本站。\n",
        // a filing number's one-character province abbreviation: a distractor
        r.pick(&[
            "京", "沪", "苏", "浙", "鲁", "粤", "川", "滇", "黔", "新", "藏", "蒙"
        ]),
        r.below(100_000_000),
        r.next() % 10_000_000_000,
        10 + r.below(900),
        r.below(100_000_000)
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Dictionaries;
    use crate::ingest::Reader;

    /// The benchmark corpus holds one Chinese article in three, every other one in GB18030, and
    /// each decodes back to the text its template wrote.
    #[test]
    fn mixed_articles_decode_to_their_text() {
        let dicts = Dictionaries::embedded();
        let names = Names::of(&RegionMatcher::build(&dicts).unwrap());
        let reader = Reader::build(&dicts).unwrap();
        for i in 0..12 {
            let bytes = mixed(5, i, &names);
            let doc = reader.decode("x.txt", &bytes).unwrap();
            let (text, encoding) = match i % 6 {
                2 => (article_zh(5, i, &names), "UTF-8"),
                5 => (article_zh(5, i, &names), "GB18030"),
                _ => (article(5, i, &names.provinces, &names.cities), "UTF-8"),
            };
            assert_eq!(doc.text, text, "article {i}");
            assert_eq!(doc.encoding, encoding, "article {i}");
            assert!(
                doc.published.is_some(),
                "article {i} has a publication date"
            );
            assert_eq!(
                mixed(5, i, &names),
                bytes,
                "article {i} is the same every time"
            );
        }
    }
}
