//! Regions: Chinese administrative divisions found by name and resolved to GB/T 2260 codes.
//!
//! Main type: [`RegionMatcher`], built once from `dictionaries/regions/` (divisions, aliases,
//! hand additions, exclusions, defaults). Matching is one aho-corasick pass over the whole
//! dictionary with `LeftmostLongest` semantics, so "Tibet Autonomous Region" wins over "Tibet"
//! and "辽宁省" over "辽宁" at the same position (`LeftmostFirst` would let the order of the
//! patterns decide, which a dictionary edit could silently change). Latin-script names must stand
//! on word boundaries ("Hami" is not found in "Hamilton"); Han-script names need none.
//!
//! Resolution, in order, for a name that several divisions share (Suzhou, Taizhou, Jilin, ...):
//! 1. a generic word after it that fits one level ("Jilin City", "Hainan Province");
//! 2. an explicit qualifier next to it: "Taizhou, Zhejiang province", "Taizhou in Zhejiang",
//!    "Zhejiang's Taizhou", "浙江台州";
//! 3. the rest of the document: unambiguous mentions of a reading's province or city vote for
//!    it (a province-level reading is never displaced this way: an article about Qinghai and
//!    Hainan means Hainan Province);
//! 4. otherwise the default of `defaults.tsv`, or the higher level, marked `ambiguous: true`
//!    with the other readings as `alternatives`.
//!
//! Some names count only with support from the document: aliases flagged `context` ("Ali"),
//! and bare county-level names, which are too often words or given names ("Jinping" in "Xi
//! Jinping", 东方, 和平) unless listed in `well_known.tsv`. Names inside companies, streets and
//! other non-government things are dropped per `not_regions.tsv`. One-character provincial
//! abbreviations count only inside compounds of two or more ("京津冀", "川渝"), each character
//! its own mention.
//!
//! ```
//! let dicts = gazette::dict::Dictionaries::embedded();
//! let m = gazette::extract::regions::RegionMatcher::build(&dicts).unwrap();
//! let found = m.extract("Liaoning and Nagchu signed a deal in Naqu.");
//! let codes: Vec<String> = found.iter().map(|x| x.value.display()).collect();
//! assert_eq!(codes, ["210000", "540600", "540600"]);
//! ```

use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

use crate::dict::{DictError, Dictionaries};
use crate::extract::numbers::{FastMap, FastSet};
use crate::ingest::is_han;
use crate::model::{Level, Mention, RegionValue, Value};
use crate::swar;

/// One division of the standard.
#[derive(Debug, Clone)]
pub struct Division {
    pub code: Arc<str>,
    pub level: Level,
    pub name_zh: Arc<str>,
    pub short_zh: String,
    pub name_en: Arc<str>,
    pub parent_code: String,
    pub province_code: Arc<str>,
    /// Indices of the parent and province in the division table (self for a province).
    parent: usize,
    province: usize,
}

/// One surface form of the dictionary and the divisions it can name.
#[derive(Debug, Clone)]
struct Alias {
    surface: String,
    /// Indices into `divisions`, highest level first.
    targets: Vec<usize>,
    /// Counts only when the document supports one of its readings.
    needs_context: bool,
    /// The surface is the full Chinese name, with its generic suffix (大连市, 丰台区).
    full_zh: bool,
    /// The dictionary form it stands for, reported as `matched_alias` (the canonical casing
    /// for an all-caps dateline form).
    canonical: Arc<str>,
    /// An all-caps copy: counts only before a comma, as in a dateline.
    dateline_only: bool,
    /// Also an English word ("Guide", "Mile"): counts only with a generic word, a qualifier,
    /// or after a preposition of place ("in Guide").
    english_word: bool,
}

impl Alias {
    /// An alias with no readings yet.
    fn new(surface: &str, needs_context: bool, full_zh: bool) -> Alias {
        Alias {
            surface: surface.to_string(),
            targets: Vec::new(),
            needs_context,
            full_zh,
            canonical: surface.into(),
            dateline_only: false,
            english_word: false,
        }
    }
}

/// A name found in the text, before resolution.
#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    /// End of the mention, generic suffix included.
    end: usize,
    /// End of the name itself.
    name_end: usize,
    alias: usize,
    suffix_level: Option<SuffixLevel>,
    /// Index into `suffixes` of the generic word after the name.
    suffix: Option<usize>,
    latin: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SuffixLevel {
    Any,
    Level(Level),
}

/// A generic word that may follow a Latin name.
#[derive(Debug, Clone)]
struct Suffix {
    /// Lowercased.
    word: String,
    level: SuffixLevel,
    /// Endings of the Chinese names it fits (县 for "County"); empty: any.
    zh_endings: Vec<String>,
}

/// The compiled gazetteer.
pub struct RegionMatcher {
    divisions: Vec<Division>,
    by_code: FastMap<String, usize>,
    aliases: Vec<Alias>,
    names: Names,
    /// Latin suffix words, longest first.
    suffixes: Vec<Suffix>,
    /// The indices into `suffixes` of the words opening with each byte, longest first: a name
    /// is looked for a suffix after it, and most often has none.
    suffixes_by_first: Vec<Vec<usize>>,
    /// Peoples an autonomous division is named for, in English ("Hekou Yao Autonomous County").
    peoples: FastSet<String>,
    /// The first words of the peoples of two words ("Various" of "Various Nationalities").
    peoples_of_two: Vec<String>,
    /// The last characters of the Chinese generic words (省, 市, 州, 县...), from the zh_endings
    /// of suffixes.tsv.
    zh_generic_ends: FastSet<char>,
    /// The Latin phrases of `not_regions.tsv`, at most 64 to an automaton (see `build`).
    not_phrases: Vec<AhoCorasick>,
    /// The phrases with a Han character, looked for only where they would overlap a Han name
    /// or abbreviation: they start with the commonest bytes of Chinese text, so an automaton's
    /// prefilter cannot skip ahead, and a search along whole texts cost 5% of a run once the
    /// natural features were listed.
    zh_phrases: Vec<String>,
    /// For each character of a Han phrase: the phrases holding it, with its byte offset there.
    zh_phrase_chars: FastMap<char, Vec<(usize, usize)>>,
    not_before: Vec<String>,
    /// A bare name that, in an article naming any of the words beside it, is a place that is no
    /// division: "Yangpu" beside Danzhou is Hainan's port zone (洋浦), not Shanghai's district.
    homonyms: Vec<(String, Vec<String>)>,
    not_next: FastSet<String>,
    /// Words after a name and its generic word that make it something else: "Chaoyang
    /// District Media Center" is a news outlet.
    after_generic: Vec<String>,
    /// Words that may stand between a name and its `not_next` word ("Middle" in "Beijing
    /// Middle Road").
    street_dirs: FastSet<String>,
    not_prev: FastSet<String>,
    company_words: FastSet<String>,
    /// Words of trade that make a firm of a province's or city's name only as its one last
    /// word: "Shandong Energy inks", "Shaanxi Coal will supply", where "Yulin and Wuxi Sign
    /// Energy and New Materials Deals" is a headline and "Qinghai Energy Bureau" a body.
    company_ends: FastSet<String>,
    /// Nouns that describe a company in apposition ("Luzhou Laojiao, the liquor maker").
    company_nouns: FastSet<String>,
    /// Words that end the name of a zone named after a place ("Suzhou Industrial Park").
    zone_words: FastSet<String>,
    /// Words after a place name that make it a government body ("Provincial", "Bureau").
    gov_words: FastSet<String>,
    zh_company: Prefixes,
    /// Words that, between a Han name and a company word, show the company is not named after
    /// the place: government words (人民政府, 局) and "a"/"of" (一家, 的).
    zh_company_breaks: Vec<String>,
    /// Words before a Han name that make what follows a company from the place (一家).
    zh_company_from: Vec<String>,
    /// Words that open a state firm's name after a full place name ("丽水市交通投资发展集团"):
    /// the company word may then stand further on.
    zh_company_lead: Prefixes,
    /// Words of venues (纪念馆, 博物馆), company words that a full name keeps before it: a
    /// county's full name locates the venue ("班玛县红军沟纪念馆"), a bare one names it.
    zh_venue: Vec<String>,
    /// Nouns after 等 that end a list of companies (企业: "佛山照明、广东粤海等企业").
    zh_list_company: Vec<String>,
    /// Characters after which a Han place name starts a new word (在, 与, 、).
    zh_function: FastSet<char>,
    not_next_zh: Prefixes,
    /// Words that open with an abbreviation's character (青年, 新闻): there it is the word's.
    abbrev_words: Vec<String>,
    /// Words that end with a one-character form (平台, 创新): the form closing one is the
    /// word's ("平台企业" is platform companies, not Taiwan's).
    abbrev_word_ends: Vec<String>,
    bare_zh: FastSet<String>,
    surnames: FastSet<String>,
    well_known: FastSet<usize>,
    defaults: FastMap<String, usize>,
    /// One-character provincial abbreviations (京, 津, 冀).
    /// (looked up for every Han character of a text, hence the fast hasher)
    abbrevs: FastMap<char, usize>,
    /// Text before a lone abbreviation that makes it a place ("援" in 援青), and which
    /// abbreviations it admits (empty: all).
    abbrev_context: AbbrevContexts,
    /// Compounds of one-character short forms where a city stands beside a province (成渝
    /// Chengdu and Chongqing): each character's division (`city_compounds.tsv`), longest first.
    city_compounds: Vec<(String, Vec<usize>)>,
    /// The compounds opening with each character, longest first (asked at every abbreviation
    /// of a text: comparing all of them was a million string comparisons in 1,000 articles).
    compounds_by_first: FastMap<char, Vec<usize>>,
    /// Conventional one-character forms of cities that are not their first character (甬).
    city_forms: FastMap<char, usize>,
    /// Words after a compound of short forms with a city's form in it (两地, 协作).
    city_context: Vec<String>,
    /// First characters that are never a city's form (东, 和: 东莞's is 莞).
    not_city_forms: FastSet<char>,
    zh_surnames: FastSet<char>,
    zh_roles: Vec<String>,
    /// Verbs that open what a person says (`speech` in `zh_person.tsv`).
    zh_speech: Vec<String>,
    /// Code changes: current code -> (old code, year of the change).
    changes: FastMap<String, Vec<(String, i32)>>,
}

impl RegionMatcher {
    pub fn build(dicts: &Dictionaries) -> Result<RegionMatcher, DictError> {
        let mut divisions = Vec::new();
        let mut by_code = FastMap::default();
        for r in dicts.rows("regions/divisions.tsv", 7)? {
            let f = &r.fields;
            let level = match f[1] {
                "province" => Level::Province,
                "prefecture" => Level::Prefecture,
                "county" => Level::County,
                other => {
                    return Err(dicts.error(
                        "regions/divisions.tsv",
                        r.line,
                        format!("unknown level {other:?}"),
                    ));
                }
            };
            if f[0].len() != 6 || !f[0].bytes().all(|b| b.is_ascii_digit()) {
                return Err(dicts.error(
                    "regions/divisions.tsv",
                    r.line,
                    format!("code must be 6 digits: {:?}", f[0]),
                ));
            }
            by_code.insert(f[0].to_string(), divisions.len());
            divisions.push(Division {
                code: f[0].into(),
                level,
                name_zh: f[2].into(),
                short_zh: f[3].into(),
                name_en: f[4].into(),
                parent_code: f[5].into(),
                province_code: f[6].into(),
                parent: usize::MAX,
                province: usize::MAX,
            });
        }
        for (i, d) in divisions.iter_mut().enumerate() {
            let find = |code: &str| by_code.get(code).copied().unwrap_or(i);
            d.parent = find(&d.parent_code);
            d.province = find(&d.province_code);
        }
        let lookup = |file: &str, line: usize, code: &str| -> Result<usize, DictError> {
            by_code
                .get(code.trim())
                .copied()
                .ok_or_else(|| dicts.error(file, line, format!("unknown division code {code:?}")))
        };

        let mut surfaces: FastMap<String, Alias> = FastMap::default();
        let mut add = |surface: &str, target: usize, needs_context: bool, full_zh: bool| {
            let surface = surface.trim();
            if surface.is_empty() {
                return;
            }
            // Looked up before inserting: most surfaces repeat (a name and its alias rows),
            // and a key `String` per row was a tenth of the build.
            if !surfaces.contains_key(surface) {
                surfaces.insert(
                    surface.to_string(),
                    Alias::new(surface, needs_context, full_zh),
                );
            }
            let a = surfaces.get_mut(surface).expect("inserted above");
            if !a.targets.contains(&target) {
                a.targets.push(target);
            }
            a.needs_context &= needs_context;
            a.full_zh |= full_zh;
        };
        for (i, d) in divisions.iter().enumerate() {
            add(&d.name_zh, i, false, true);
            if d.short_zh.chars().count() >= 2 && *d.short_zh != *d.name_zh {
                add(&d.short_zh, i, false, false);
                // An autonomous county or banner is written in full without its peoples as
                // often as with them: 积石山县 for 积石山保安族东乡族撒拉族自治县, and
                // 威宁自治县, 长阳自治县 for the county keeping its word 自治县.
                for (long, short) in [("自治县", "县"), ("自治旗", "旗")] {
                    if d.name_zh.ends_with(long) {
                        add(&format!("{}{short}", d.short_zh), i, false, true);
                        add(&format!("{}{long}", d.short_zh), i, false, true);
                    }
                }
            }
            add(&d.name_en, i, false, false);
            // A county of one character is romanised with its 县 ("Tengxian", 藤县) and
            // written in English text as "Teng County": the full name, which counts alone.
            if d.level == Level::County
                && d.name_zh.chars().count() == 2
                && d.name_zh.ends_with('县')
                && let Some(stem) = d.name_en.strip_suffix("xian").filter(|s| !s.is_empty())
            {
                add(&format!("{stem} County"), i, false, true);
            }
        }
        let mut abbrevs = crate::extract::numbers::FastMap::default();
        for r in dicts.rows("regions/aliases.tsv", 4)? {
            let i = lookup("regions/aliases.tsv", r.line, r.fields[0])?;
            let alias = r.fields[1];
            if r.fields[3] == "abbrev" && alias.chars().count() == 1 {
                abbrevs.insert(alias.chars().next().unwrap(), i);
                continue;
            }
            add(alias, i, false, false);
        }
        // The hand file has the last word: its `context` flag holds whatever the generated
        // tables say about the same surface.
        let mut flagged = Vec::new();
        for r in dicts.rows("regions/additions.tsv", 3)? {
            let i = lookup("regions/additions.tsv", r.line, r.fields[0])?;
            let flags = r.fields.get(3).copied().unwrap_or("");
            let alias = r.fields[1].trim();
            // (a second one-character short form of a province, as in aliases.tsv: 疆)
            if flags.contains("abbrev") && alias.chars().count() == 1 {
                abbrevs.insert(alias.chars().next().unwrap(), i);
                continue;
            }
            add(alias, i, false, false);
            if flags.contains("context") || flags.contains("word") {
                flagged.push((alias.to_string(), flags.contains("word")));
            }
        }
        // A division's name before its change (密云县, now 密云区; 那曲地区, now 那曲市) names it
        // in older text and in "formerly ..." lines: the current code, as for any alias, unless
        // the name is taken by a division today (吐鲁番市) or the place was split (巢湖市).
        let change_rows = dicts.rows("regions/changes.tsv", 4)?;
        for r in &change_rows {
            let (old, new, name) = (r.fields[0].trim(), r.fields[1].trim(), r.fields[3].trim());
            if old.is_empty() || new.contains(',') || name.is_empty() || surfaces.contains_key(name)
            {
                continue;
            }
            let mut alias = Alias::new(name, false, true);
            alias
                .targets
                .push(lookup("regions/changes.tsv", r.line, new)?);
            surfaces.insert(name.to_string(), alias);
        }
        for (f, word) in flagged {
            if let Some(a) = surfaces.get_mut(&f) {
                a.needs_context = true;
                a.english_word = word;
            }
        }
        // Scraped pages often set the apostrophe curly ("Yan’an", "Xi’an"): a name written with
        // one is found with either, and reported as the dictionary writes it.
        add_variants(&mut surfaces, |a| match a.surface.contains('\'') {
            true => vec![a.surface.replace('\'', "\u{2019}")],
            false => Vec::new(),
        });
        // Tibetan place names in official English may mark a vowel: "Maqên", "Gadê",
        // "Qumarlêb" for Maqen, Gade, Qumarleb. Names of places in Xizang, Qinghai and the
        // Tibetan prefectures of Sichuan, Gansu and Yunnan are also found with any of their
        // (up to three) e written ê.
        let tibetan = |t: &usize| {
            let d = &divisions[*t];
            matches!(&*d.province_code, "540000" | "630000")
                || matches!(&*d.parent_code, "513200" | "513300" | "623000" | "533400")
                || matches!(&*d.code, "513200" | "513300" | "623000" | "533400")
        };
        add_variants(&mut surfaces, |a| {
            if !a.surface.is_ascii() || !a.targets.iter().any(tibetan) {
                return Vec::new();
            }
            let es: Vec<usize> = a.surface.match_indices('e').map(|(i, _)| i).collect();
            let subsets = match es.len() {
                1..=3 => 1..(1u32 << es.len()),
                _ => 0..0,
            };
            subsets
                .map(|m| {
                    a.surface
                        .char_indices()
                        .map(|(i, c)| {
                            let hat = es
                                .iter()
                                .position(|&e| e == i)
                                .is_some_and(|k| m >> k & 1 == 1);
                            if hat { 'ê' } else { c }
                        })
                        .collect()
                })
                .collect()
        });
        // Datelines shout ("DALIAN, China, May 29"): an all-caps copy of every Latin name long
        // enough not to be an acronym, which counts only as a dateline (followed by a comma):
        // all-caps page banners ("ANHUI FOCUS", "BEIJING-INNER MONGOLIA NEWS") are not.
        let caps: Vec<Alias> = surfaces
            .values()
            .filter(|a| a.surface.is_ascii() && a.surface.len() >= 4)
            .map(|a| Alias {
                surface: a.surface.to_uppercase(),
                dateline_only: true,
                ..a.clone()
            })
            .filter(|a| !surfaces.contains_key(&a.surface))
            .collect();
        let mut aliases: Vec<Alias> = surfaces.into_values().chain(caps).collect();
        // Surfaces are unique: an unstable sort gives the same order, faster.
        aliases.sort_unstable_by(|a, b| a.surface.cmp(&b.surface));
        for a in &mut aliases {
            a.targets.sort_by(|&x, &y| {
                (divisions[x].level, &divisions[x].code)
                    .cmp(&(divisions[y].level, &divisions[y].code))
            });
        }
        let names = Names::build(
            &aliases
                .iter()
                .map(|a| a.surface.as_str())
                .collect::<Vec<_>>(),
        );

        let mut suffixes = Vec::new();
        let mut peoples = FastSet::default();
        for r in dicts.rows("regions/suffixes.tsv", 2)? {
            let level = match r.fields[1].trim() {
                "people" => {
                    peoples.insert(r.fields[0].trim().to_string());
                    continue;
                }
                "province" => SuffixLevel::Level(Level::Province),
                "prefecture" => SuffixLevel::Level(Level::Prefecture),
                "county" => SuffixLevel::Level(Level::County),
                "any" => SuffixLevel::Any,
                other => {
                    return Err(dicts.error(
                        "regions/suffixes.tsv",
                        r.line,
                        format!(
                            "level must be province, prefecture, county, any or people: {other:?}"
                        ),
                    ));
                }
            };
            let zh_endings = r
                .fields
                .get(2)
                .map(|e| {
                    e.split(',')
                        .map(str::trim)
                        .filter(|e| !e.is_empty())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default();
            suffixes.push(Suffix {
                word: r.fields[0].trim().to_lowercase(),
                level,
                zh_endings,
            });
        }
        suffixes.sort_by_key(|s| std::cmp::Reverse(s.word.len()));
        let zh_generic_ends = suffixes
            .iter()
            .flat_map(|s| s.zh_endings.iter())
            .filter_map(|e| e.chars().last())
            .collect();
        let mut suffixes_by_first = vec![Vec::new(); 256];
        for (i, s) in suffixes.iter().enumerate() {
            if let Some(&b) = s.word.as_bytes().first() {
                suffixes_by_first[usize::from(b)].push(i);
            }
        }

        let mut phrases = Vec::new();
        let mut not_before = Vec::new();
        let mut homonyms = Vec::new();
        let mut not_next = FastSet::default();
        let mut after_generic = Vec::new();
        let mut street_dirs = FastSet::default();
        let mut not_prev = FastSet::default();
        let mut company_words = FastSet::default();
        let mut company_ends = FastSet::default();
        let mut company_nouns = FastSet::default();
        let mut zone_words = FastSet::default();
        let mut gov_words = FastSet::default();
        let mut zh_company = Prefixes::default();
        let mut zh_company_breaks = Vec::new();
        let mut zh_company_from = Vec::new();
        let mut zh_company_lead = Prefixes::default();
        let mut zh_venue = Vec::new();
        let mut zh_list_company = Vec::new();
        let mut zh_function = FastSet::default();
        let mut not_next_zh = Prefixes::default();
        let mut abbrev_words = Vec::new();
        let mut abbrev_word_ends = Vec::new();
        let mut bare_zh = FastSet::default();
        for r in dicts.rows("regions/not_regions.tsv", 2)? {
            let t = r.fields[1].to_string();
            match r.fields[0] {
                "phrase" => phrases.push(t),
                "before" => not_before.push(t),
                "homonym" => {
                    let words = r.fields.get(2).copied().unwrap_or("");
                    homonyms.push((t, words.split(',').map(|w| w.trim().to_string()).collect()));
                }
                "next_word" => {
                    not_next.insert(t);
                }
                "after_generic" => after_generic.push(t),
                "street_dir" => {
                    street_dirs.insert(t);
                }
                "prev_word" => {
                    not_prev.insert(t);
                }
                "company_word" => {
                    company_words.insert(t);
                }
                "company_end" => {
                    company_ends.insert(t);
                }
                "company_noun" => {
                    company_nouns.insert(t);
                }
                "zone_word" => {
                    zone_words.insert(t);
                }
                "gov_word" => {
                    gov_words.insert(t);
                }
                "company_zh" => zh_company.push(t),
                "company_zh_except" => zh_company.push_exception(t),
                // (both end a company name before its company word: see `company_zh_ahead`)
                "gov_zh" | "not_company_zh" => zh_company_breaks.push(t),
                "company_from_zh" => zh_company_from.push(t),
                "company_lead_zh" => zh_company_lead.push(t),
                "venue_zh" => {
                    zh_company.push(t.clone());
                    zh_venue.push(t);
                }
                "list_company_zh" => zh_list_company.push(t),
                "function_zh" => zh_function.extend(t.chars()),
                "next_zh" => not_next_zh.push(t),
                "next_zh_except" => not_next_zh.push_exception(t),
                "product_zh" => not_next_zh.insert(t, Row::BareOnly),
                "word_zh" => abbrev_words.push(t),
                "word_end_zh" => abbrev_word_ends.push(t),
                "bare_zh" => {
                    bare_zh.insert(t);
                }
                other => {
                    return Err(dicts.error(
                        "regions/not_regions.tsv",
                        r.line,
                        format!(
                            "rule must be phrase, before, homonym, next_word, street_dir, prev_word, company_word, company_end, company_noun, zone_word, gov_word, next_zh, bare_zh, company_zh, company_zh_except, not_company_zh, company_from_zh, company_lead_zh, venue_zh, list_company_zh, word_zh, word_end_zh, gov_zh or function_zh: {other:?}"
                        ),
                    ));
                }
            }
        }
        let (zh_phrases, phrases): (Vec<String>, Vec<String>) =
            phrases.into_iter().partition(|p| p.chars().any(is_han));
        // In automata of at most 64 phrases each: up to that many, aho-corasick searches with
        // its packed SIMD prefilter (Teddy), beyond it without one. One automaton of 71
        // phrases scanned every text at a fraction of the speed: 40.1M more instructions on
        // 1,000 generated articles (2.1% of the run, callgrind) than two of 64 and 7.
        let not_phrases = phrases
            .chunks(64)
            .map(|chunk| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(chunk)
                    .expect("the exclusion automaton builds")
            })
            .collect();
        let mut zh_phrase_chars: FastMap<char, Vec<(usize, usize)>> = FastMap::default();
        for (i, p) in zh_phrases.iter().enumerate() {
            for (at, c) in p.char_indices() {
                zh_phrase_chars.entry(c).or_default().push((i, at));
            }
        }
        let surnames = dicts
            .rows("regions/surnames.txt", 1)?
            .into_iter()
            .map(|r| r.fields[0].trim().to_string())
            .collect();
        let mut well_known = FastSet::default();
        for r in dicts.rows("regions/well_known.tsv", 1)? {
            well_known.insert(lookup("regions/well_known.tsv", r.line, r.fields[0])?);
        }
        let abbrev_context = AbbrevContexts::new(
            dicts
                .rows("regions/abbrev_context.tsv", 1)?
                .into_iter()
                .map(|r| {
                    let only = r.fields.get(1).map(|f| f.trim()).unwrap_or("");
                    (r.fields[0].trim().to_string(), only.to_string())
                })
                .collect(),
        );
        let mut city_compounds = Vec::new();
        for r in dicts.rows("regions/city_compounds.tsv", 2)? {
            let word = r.fields[0].trim();
            let codes = r.fields[1]
                .split(',')
                .map(|c| lookup("regions/city_compounds.tsv", r.line, c.trim()))
                .collect::<Result<Vec<usize>, DictError>>()?;
            if codes.len() != word.chars().count() {
                return Err(dicts.error(
                    "regions/city_compounds.tsv",
                    r.line,
                    format!("{word:?} needs one code per character, got {}", codes.len()),
                ));
            }
            city_compounds.push((word.to_string(), codes));
        }
        city_compounds.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let mut compounds_by_first: FastMap<char, Vec<usize>> = FastMap::default();
        for (i, (w, _)) in city_compounds.iter().enumerate() {
            if let Some(c) = w.chars().next() {
                compounds_by_first.entry(c).or_default().push(i);
            }
        }
        // A city's one-character form is looked up with the provinces' (one look-up a
        // character), marked as no abbreviation of its own.
        for (w, _) in &city_compounds {
            for c in w.chars() {
                abbrevs.entry(c).or_insert(CITY_FORM);
            }
        }
        let mut city_forms = FastMap::default();
        let mut city_context = Vec::new();
        let mut not_city_forms = FastSet::default();
        for r in dicts.rows("regions/city_forms.tsv", 2)? {
            let t = r.fields[1].trim();
            match (r.fields[0], t.chars().count(), r.fields.get(2)) {
                ("form", 1, Some(code)) => {
                    let d = lookup("regions/city_forms.tsv", r.line, code.trim())?;
                    city_forms.insert(t.chars().next().unwrap(), d);
                }
                ("context", _, _) => city_context.push(t.to_string()),
                ("not", _, _) => not_city_forms.extend(t.chars()),
                _ => {
                    return Err(dicts.error(
                        "regions/city_forms.tsv",
                        r.line,
                        format!(
                            "want `form<TAB>character<TAB>code`, `context<TAB>word` or `not<TAB>characters`, got {t:?}"
                        ),
                    ));
                }
            }
        }
        let mut zh_surnames = FastSet::default();
        let mut zh_roles = Vec::new();
        let mut zh_speech = Vec::new();
        for r in dicts.rows("regions/zh_person.tsv", 2)? {
            let t = r.fields[1].trim();
            match (r.fields[0], t.chars().count()) {
                ("surname", 1) => {
                    zh_surnames.insert(t.chars().next().unwrap());
                }
                ("role", _) => zh_roles.push(t.to_string()),
                ("speech", _) => zh_speech.push(t.to_string()),
                _ => {
                    return Err(dicts.error(
                        "regions/zh_person.tsv",
                        r.line,
                        format!(
                            "expected `surname` (one character), `role` or `speech`: {:?}",
                            r.fields
                        ),
                    ));
                }
            }
        }
        let mut defaults = FastMap::default();
        for r in dicts.rows("regions/defaults.tsv", 2)? {
            let i = lookup("regions/defaults.tsv", r.line, r.fields[1])?;
            defaults.insert(r.fields[0].to_string(), i);
        }
        let mut changes: FastMap<String, Vec<(String, i32)>> = FastMap::default();
        for r in &change_rows {
            if r.fields[0].trim().is_empty() {
                continue;
            }
            // "2021" or "2022-2023": the change took effect by the last year given.
            let year = r.fields[2]
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|y| y.parse::<i32>().ok())
                .max();
            let Some(year) = year else { continue };
            for new in r.fields[1].split(',') {
                changes
                    .entry(new.trim().to_string())
                    .or_default()
                    .push((r.fields[0].to_string(), year));
            }
        }
        Ok(RegionMatcher {
            divisions,
            by_code,
            aliases,
            names,
            suffixes,
            zh_generic_ends,
            suffixes_by_first,
            peoples_of_two: peoples
                .iter()
                .filter_map(|p| p.split_once(' ').map(|(first, _)| first.to_string()))
                .collect(),
            peoples,
            not_phrases,
            zh_phrases,
            zh_phrase_chars,
            not_before,
            homonyms,
            not_next,
            after_generic,
            street_dirs,
            not_prev,
            company_words,
            company_ends,
            company_nouns,
            zone_words,
            gov_words,
            zh_company,
            zh_company_breaks,
            zh_company_from,
            zh_company_lead,
            zh_venue,
            zh_list_company,
            zh_function,
            not_next_zh,
            abbrev_words,
            abbrev_word_ends,
            bare_zh,
            surnames,
            well_known,
            defaults,
            abbrevs,
            abbrev_context,
            city_compounds,
            compounds_by_first,
            city_forms,
            city_context,
            not_city_forms,
            zh_surnames,
            zh_roles,
            zh_speech,
            changes,
        })
    }

    pub fn divisions(&self) -> &[Division] {
        &self.divisions
    }

    pub fn division(&self, code: &str) -> Option<&Division> {
        self.by_code.get(code).map(|&i| &self.divisions[i])
    }

    /// Every division a name can mean, for `gazette regions lookup` (case-insensitive for Latin
    /// names; suffix words are stripped as in running text).
    pub fn lookup(&self, name: &str) -> Vec<(&Division, String)> {
        let name = name.trim();
        let mut out = Vec::new();
        let mut seen = FastSet::default();
        for a in &self.aliases {
            if a.surface.eq_ignore_ascii_case(name) || a.surface == name {
                for &t in &a.targets {
                    if seen.insert(t) {
                        out.push((&self.divisions[t], a.canonical.to_string()));
                    }
                }
            }
        }
        if out.is_empty() {
            // "Dalian City": the name before a generic suffix.
            let lower = name.to_lowercase();
            for suffix in &self.suffixes {
                if let Some(stem) = lower.strip_suffix(suffix.word.as_str()) {
                    let stem = name[..stem.trim_end().len()].trim();
                    if !stem.is_empty() {
                        return self.lookup(stem);
                    }
                }
            }
        }
        out
    }

    /// The code in force in `year`, when the division's code changed after it.
    pub fn code_as_of(&self, code: &str, year: i32) -> Option<String> {
        let changes = self.changes.get(code)?;
        changes
            .iter()
            .filter(|(_, y)| year < *y)
            .min_by_key(|(_, y)| *y)
            .map(|(old, _)| old.clone())
    }

    /// Region mentions of a text, resolved against the text itself.
    pub fn extract(&self, text: &str) -> Vec<Mention> {
        let (cands, dropped) = self.candidates(text);
        let mut out = self.resolve(text, &cands);
        let cities = self.city_forms_named(&out);
        let compounds = self.abbreviation_compounds(text, &cands, &out, &dropped, &cities);
        out.extend(compounds);
        out
    }

    /// Names found, and the spans of Han names dropped as non-regions and of the phrases of
    /// `not_regions.tsv`: their characters are no provincial abbreviations either (咸宁新闻网 is
    /// not 宁 and 新, 雅鲁藏布 not 鲁 and 藏).
    fn candidates(&self, text: &str) -> (Vec<Candidate>, Vec<(usize, usize)>) {
        let mut excluded: Vec<(usize, usize)> = self
            .not_phrases
            .iter()
            .flat_map(|a| a.find_iter(text))
            .map(|m| (m.start(), m.end()))
            .collect();
        let found = self.names.find(text);
        for &(start, end, _) in &found {
            // (a Han name starts with a byte beyond ASCII)
            if text.as_bytes()[start] >= 0x80 {
                self.zh_phrases_near(text, start, end, &mut excluded);
            }
        }
        let mut dropped = excluded.clone();
        let mut out = Vec::with_capacity(found.len());
        // Divisions whose full Chinese name (旺苍县) the text writes: their bare name (旺苍)
        // counts wherever it stands in the text.
        let named: Vec<usize> = found
            .iter()
            .filter(|m| self.aliases[m.2].full_zh)
            .flat_map(|m| self.aliases[m.2].targets.iter().copied())
            .collect();
        // People the text introduces with a name like a place's ("。”黄田阳说", "副专员王泰安
        // 介绍"): the same surname and name is the person wherever else it stands ("在黄田阳的
        // 果园里").
        let people: Vec<&str> = found
            .iter()
            .filter(|m| text.as_bytes()[m.0] >= 0x80 && !self.aliases[m.2].full_zh)
            .filter_map(|m| {
                let before = text[..m.0].chars().next_back()?;
                let person = self.after_person_surname(text, m.0)
                    || (self.zh_speech.iter().any(|w| text[m.1..].starts_with(w.as_str()))
                        && self.zh_surnames.contains(&before)
                        // (not the last character of a name: 吉林|通化表示)
                        && !found.iter().any(|f| f.1 == m.0));
                person.then(|| &text[m.0 - before.len_utf8()..m.1])
            })
            .collect();
        // Where a name found again inside a dropped one ends (和安|顺 -> 安顺).
        let mut floor = 0;
        for (start, mut name_end, mut alias_id) in found {
            // (nor a name inside the generic words of the one before: "Yulong Naxi Autonomous
            // County" holds the district Naxi's name)
            if start < floor || out.last().is_some_and(|c: &Candidate| start < c.end) {
                continue;
            }
            // "向青岛市民推介": 市民 are the city's residents, so the name is 青岛 (but 市民政局
            // is the city's civil affairs bureau); in "上海市场" the 市 opens 市场, the market.
            let rest = &text[name_end..];
            // In "南沙区域" and "许昌市域" the 区 and 市 open 区域 and 市域, the area.
            let name = &text[start..name_end];
            if let Some(head) = name
                .strip_suffix('市')
                .filter(|_| {
                    // (市立 is "municipal": 菏泽市立医院 is 菏泽's hospital)
                    rest.starts_with(['场', '立'])
                        // 宣城市区 is the city's urban area (but 深圳市区域 is 深圳市's 区域,
                        // 深圳市区块链 its 区块链, 商洛市区县 its 区县, districts and counties)
                        || (rest.starts_with('区') && !rest[3..].starts_with(['域', '块', '县']))
                        || rest.strip_prefix('民').is_some_and(|after| {
                            !["政", "族", "营"].iter().any(|w| after.starts_with(w))
                        })
                })
                .or_else(|| {
                    name.strip_suffix(['区', '市'])
                        .filter(|_| rest.starts_with('域'))
                })
                // "江西省级财政", "杭州市级部门": the generic word opens 省级 or 市级, the level
                .or_else(|| {
                    name.strip_suffix(['省', '市'])
                        .filter(|_| rest.starts_with('级'))
                })
                // "日喀则市直部门", "江西省直机关", "县直单位": 市直 and 省直 are the level's own
                // bodies, as 市级 is
                .or_else(|| {
                    name.strip_suffix(['省', '市', '县']).filter(|_| {
                        rest.strip_prefix('直').is_some_and(|r| {
                            ["部门", "单位", "机关", "有关", "各", "属"]
                                .iter()
                                .any(|w| r.starts_with(w))
                        })
                    })
                })
                && let Some(m) = self
                    .names
                    .han
                    .find(aho_corasick::Input::new(text).span(start..start + head.len()))
                    .filter(|m| m.start() == start)
            {
                name_end = m.end();
                alias_id = self.names.han_alias[m.pattern().as_usize()];
            }
            if !people.is_empty()
                && !self.aliases[alias_id].full_zh
                && text[..start].chars().next_back().is_some_and(|c| {
                    let head = start - c.len_utf8();
                    people.contains(&&text[head..name_end])
                })
            {
                dropped.push((start, name_end));
                continue;
            }
            match self.candidate(text, &excluded, &named, start, name_end, alias_id) {
                // A bare county's name that runs into a longer name of a city or province
                // ("抵达日喀则": 达日 and 日喀则) gives way to it: alone the county needs support
                // the document seldom gives, and the longer name is what the writer wrote.
                // A short name whose first character closes a common word ("其中山西": 其中,
                // then 山西, not 中山) gives way to a name starting inside it.
                Ok(c)
                    if text.as_bytes()[start] >= 0x80
                        && !self.aliases[c.alias].full_zh
                        && self.closes_word(text, start)
                        && let Some(o) =
                            self.overlapping(text, &excluded, &named, start, name_end) =>
                {
                    floor = o.end;
                    out.push(o);
                }
                Ok(c) if text.as_bytes()[start] >= 0x80 && self.bare_county(c.alias) => {
                    match self.overlapping(text, &excluded, &named, start, name_end) {
                        Some(o) if !self.bare_county(o.alias) => {
                            floor = o.end;
                            out.push(o);
                        }
                        _ => out.push(c),
                    }
                }
                // A short name that runs into a name ending in its generic word ("加上海南州":
                // 上海, and 海南州 of 加上 and 海南州) gives way to it when the document writes
                // the longer one's full name elsewhere (海南藏族自治州): the short name's first
                // character then belongs to the word before. Without that support the short
                // name stands ("南昌都市圈" is not 昌都市).
                Ok(c)
                    if text.as_bytes()[start] >= 0x80
                        && !self.ends_generic(&text[..c.end])
                        && self.generic_soon(&text[c.end..]) =>
                {
                    match self.overlapping(text, &excluded, &named, start, name_end) {
                        Some(o)
                            if self.ends_generic(&text[..o.end])
                                && self.aliases[o.alias]
                                    .targets
                                    .iter()
                                    .any(|t| named.contains(t)) =>
                        {
                            floor = o.end;
                            out.push(o);
                        }
                        _ => out.push(c),
                    }
                }
                Ok(c) => out.push(c),
                Err(true) => {}
                Err(false) => {
                    // A dropped Han name may hide one that starts inside it and ends after it
                    // ("他的名字和安顺": not the county 和安, glued to 和, but 安顺), unless the
                    // word that dropped it follows (清水河口岸 is a port, and 河口 no county).
                    if let Some(c) = self
                        .overlapping(text, &excluded, &named, start, name_end)
                        .filter(|_| !self.not_next_zh.opens(&text[name_end..]))
                    {
                        floor = c.end;
                        out.push(c);
                    } else if !self.glued_county(text, &self.aliases[alias_id], start, &named) {
                        // A name dropped only for being glued to the word before it
                        // (粤|桂东西部) leaves its characters free for an abbreviation compound.
                        dropped.push((start, name_end));
                    }
                }
            }
        }
        (out, dropped)
    }

    /// Adds to `out` the Han phrases of `not_regions.tsv` that overlap `start..end`: those that
    /// hold its first character, and those that start inside it.
    fn zh_phrases_near(&self, text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        for (p, c) in text[start..end].char_indices() {
            let Some(holding) = self.zh_phrase_chars.get(&c) else {
                continue;
            };
            for &(i, at) in holding {
                let phrase = &self.zh_phrases[i];
                let from = start + p;
                if (p == 0 || at == 0)
                    && let Some(s) = from.checked_sub(at)
                    && text
                        .get(s..)
                        .is_some_and(|t| t.starts_with(phrase.as_str()))
                    && !out.contains(&(s, s + phrase.len()))
                {
                    out.push((s, s + phrase.len()));
                }
            }
        }
    }

    /// Whether the character at `start` closes a word of `word_end_zh` (平台, 其中).
    fn closes_word(&self, text: &str, start: usize) -> bool {
        let end = start + text[start..].chars().next().map_or(0, char::len_utf8);
        self.abbrev_word_ends
            .iter()
            .any(|w| text[..end].ends_with(w.as_str()) && w.len() > end - start)
    }

    /// Whether `text` ends with a Chinese generic word's last character (海南州, 宣城市).
    fn ends_generic(&self, text: &str) -> bool {
        text.chars()
            .next_back()
            .is_some_and(|c| self.zh_generic_ends.contains(&c))
    }

    /// Whether one of the next two characters of `rest` ends a Chinese generic word: where a
    /// longer name could end in one after a short name (上海|南州).
    fn generic_soon(&self, rest: &str) -> bool {
        rest.chars()
            .take(2)
            .any(|c| self.zh_generic_ends.contains(&c))
    }

    /// Whether an alias names only county-level places and is not a full name (达日, not 达日县).
    fn bare_county(&self, alias: usize) -> bool {
        let a = &self.aliases[alias];
        !a.full_zh && self.only_level(&a.targets, Level::County)
    }

    /// Whether every reading is of this level.
    fn only_level(&self, targets: &[usize], level: Level) -> bool {
        targets.iter().all(|&t| self.divisions[t].level == level)
    }

    /// Whether some reading is a province.
    fn reads_province(&self, targets: &[usize]) -> bool {
        targets
            .iter()
            .any(|&t| self.divisions[t].level == Level::Province)
    }

    /// The first name that starts inside `start..end` (after `start`), ends after it and is
    /// not excluded.
    fn overlapping(
        &self,
        text: &str,
        excluded: &[(usize, usize)],
        named: &[usize],
        start: usize,
        end: usize,
    ) -> Option<Candidate> {
        let mut p = start + text[start..].chars().next()?.len_utf8();
        while p < end {
            // (an unanchored search over a name's length: the automaton is built for those)
            let to = text.len().min(p + self.names.han_longest);
            if let Some(m) = self
                .names
                .han
                .find(aho_corasick::Input::new(text).span(p..to))
                && m.start() == p
                && m.end() > end
            {
                let alias = self.names.han_alias[m.pattern().as_usize()];
                if let Ok(c) = self.candidate(text, excluded, named, p, m.end(), alias) {
                    return Some(c);
                }
            }
            p += text[p..].chars().next()?.len_utf8();
        }
        None
    }

    /// The name `alias_id` found at `start..name_end` as a candidate, its suffix taken; or, when
    /// a rule drops it, whether it is Latin.
    fn candidate(
        &self,
        text: &str,
        excluded: &[(usize, usize)],
        named: &[usize],
        start: usize,
        name_end: usize,
        alias_id: usize,
    ) -> Result<Candidate, bool> {
        let alias = &self.aliases[alias_id];
        let latin = !alias.surface.chars().any(is_han);
        if latin && !on_word_boundaries(text, start, name_end) {
            return Err(latin);
        }
        // (a dateline ends with a comma or a dash: "XI'AN — The expo", "XUZHOU -- Ten cities";
        // a story filed from two cities names both, "HARBIN/HANGZHOU -- Grain buyers")
        let dateline = |mut r: &str| loop {
            if r.starts_with(',')
                || [" — ", " – ", " - ", " -- ", "—"]
                    .iter()
                    .any(|d| r.starts_with(d))
            {
                break true;
            }
            let Some(next) =
                (r.trim_start_matches(' ').strip_prefix('/')).map(|n| n.trim_start_matches(' '))
            else {
                break false;
            };
            r = next.trim_start_matches(|c: char| c.is_ascii_uppercase() || c == '\'');
            if r.len() == next.len() {
                break false;
            }
        };
        // (or stands alone in a cell of a navigation line: "NEWS | GANSU | BUSINESS", "QUZHOU ·
        // CHINA"; not a banner's first word, "ANHUI FOCUS")
        let cell = || {
            const SEPARATORS: [char; 5] = ['|', '·', '>', '\n', '\r'];
            let before = text[..start].trim_end_matches(' ');
            let after = text[name_end..].trim_start_matches(' ');
            (before.is_empty() || before.ends_with(SEPARATORS))
                && (after.is_empty() || after.starts_with(SEPARATORS))
        };
        // (or opens a government's name in capitals: "LESHAN MUNICIPAL PEOPLE'S GOVERNMENT")
        let government = || {
            let word = text[name_end..]
                .strip_prefix(' ')
                .and_then(|r| r.split([' ', '\n']).next())
                .filter(|w| w.len() > 1 && !w.chars().any(|c| c.is_lowercase()));
            word.is_some_and(|w| self.gov_words.iter().any(|g| g.eq_ignore_ascii_case(w)))
        };
        if alias.dateline_only && !dateline(&text[name_end..]) && !cell() && !government() {
            return Err(latin);
        }
        let (end, suffix) = if latin {
            self.suffix_after(text, name_end)
        } else {
            (name_end, None)
        };
        let suffix_level = suffix.map(|i| self.suffixes[i].level);
        if self.is_excluded(
            text,
            excluded,
            named,
            alias,
            latin,
            start,
            end,
            suffix_level,
        ) {
            return Err(latin);
        }
        Ok(Candidate {
            start,
            end,
            name_end,
            alias: alias_id,
            suffix_level,
            suffix,
            latin,
        })
    }

    /// The rules of `not_regions.tsv`, and a few that hold for every name.
    #[allow(clippy::too_many_arguments)]
    fn is_excluded(
        &self,
        text: &str,
        excluded: &[(usize, usize)],
        named: &[usize],
        alias: &Alias,
        latin: bool,
        start: usize,
        end: usize,
        suffix: Option<SuffixLevel>,
    ) -> bool {
        // Overlapping an exclusion phrase, unless the match is the longer of the two
        // ("Xinhua County" contains the phrase "Xinhua" and stays).
        if excluded
            .iter()
            .any(|&(s, e)| s < end && start < e && !(start <= s && e <= end && end - start > e - s))
        {
            return true;
        }
        if self
            .not_before
            .iter()
            .any(|b| text[..start].ends_with(b.as_str()))
        {
            return true;
        }
        if suffix.is_none()
            && let Some((_, words)) = self.homonyms.iter().find(|(n, _)| **n == text[start..end])
            && words.iter().any(|w| text.contains(w.as_str()))
        {
            return true;
        }
        // A web address: "SHANGHAI.GOV.CN", "www.beijing.gov.cn".
        let after = text[end..].chars().next();
        let after2 = text[end..].chars().nth(1);
        let before = text[..start].chars().next_back();
        // ("Hong Kong/Guangdong Co-operation": two capitalised names around a slash are a pair)
        let pair = before == Some('/')
            && text[start..].starts_with(|c: char| c.is_ascii_uppercase())
            && text[..start - 1]
                .rsplit([' ', '\n'])
                .next()
                .is_some_and(|w| {
                    w.starts_with(|c: char| c.is_ascii_uppercase()) && !w.contains('.')
                });
        if (after == Some('.') && after2.is_some_and(|c| c.is_ascii_alphabetic()))
            || (matches!(before, Some('.' | '/' | '@')) && !pair)
        {
            return true;
        }
        if latin && suffix.is_none() && self.after_copyright(text, start, end) {
            return true;
        }
        // A venue's city in brackets is part of its name: "the National Exhibition and
        // Convention Center (Shanghai)", as the venue's name is named infrastructure.
        if latin
            && before == Some('(')
            && after == Some(')')
            && ["Center", "Centre"]
                .iter()
                .any(|w| text[..start - 1].trim_end().ends_with(w))
        {
            return true;
        }
        if !latin {
            let rest = &text[end..];
            // A route's word after a name (高铁, 铁路) does not make it the route's when the
            // name is the route's far end ("南宁至湛江高铁" links two cities) or the distance
            // from it ("距深圳高铁3小时"). Other words still do: "二连浩特至天津港" ends at the
            // port, "延伸到大兴安岭南麓" at the mountains. The exceptions that depend on the
            // text after the name alone (港澳) are data.
            const ROUTES: [&str; 6] = ["高铁", "高速", "动车", "铁路", "公路", "城际"];
            let by_route = || ROUTES.iter().any(|w| rest.starts_with(w));
            let route_end = text[..start].ends_with(['至', '到']) && by_route();
            let distance = text[..start].ends_with(['距', '离']) && by_route();
            // (a full name before 古城 is the place's old town: "江孜县古城", not "徽州古城")
            let old_town = alias.full_zh && rest.starts_with("古城");
            // A company before its ticker: "深圳国际（00152）"
            if !alias.full_zh && rest.starts_with(is_han) && zh_ticker_after(rest) {
                return true;
            }
            // A league's name before a club's: "中超北京国安队", "CBA广东宏远队" are clubs, as
            // companies are (a body's team, 广东援藏医疗队, has no league before it)
            const LEAGUES: [&str; 6] = ["中超", "中甲", "中乙", "CBA", "WCBA", "NBL"];
            if LEAGUES.iter().any(|l| text[..start].ends_with(l))
                && rest
                    .chars()
                    .take(5)
                    .take_while(|&c| is_han(c))
                    .any(|c| c == '队')
            {
                return true;
            }
            // Two cities sharing a port's or an airport's word name the port, as "Ningbo
            // Zhoushan Port" does: "宁波舟山港" is one port (the second name is dropped by its
            // own 港). A place inside the first one locates it ("广西钦州港", "湛江徐闻港",
            // "万州新田港": a town's port), and a one-character second name is a short form's
            // run ("深港合作").
            let head = &rest[..rest.floor_char_boundary(24)];
            if !alias.full_zh
                && rest.len() >= 9
                // (the port's word within reach first: the search for a name is dearer)
                && (head.contains('港') || head.contains("机场"))
                && let Some(m) = self.names.han.find(head).filter(|m| m.start() == 0)
                && m.end() >= 6
                && ["港", "机场", "国际机场"]
                    .iter()
                    .any(|w| rest[m.end()..].starts_with(w))
            {
                let second = &self.aliases[self.names.han_alias[m.pattern().as_usize()]];
                let city = |d: &usize| self.divisions[*d].level != Level::County;
                if second.targets.iter().all(city)
                    && alias.targets.iter().all(city)
                    && second
                        .targets
                        .iter()
                        .all(|&d| alias.targets.iter().all(|&o| !self.lies_in(d, o)))
                {
                    return true;
                }
            }
            // A county's bare name between a city or province it does not lie in and a word
            // of a development zone names that place's zone: "西安曲江新区" is Xi'an's Qujiang
            // zone, not the Qujiang of Shaoguan. (Two places side by side are a pair:
            // "遂宁潼南".)
            // (or of a venue: "合肥滨湖国际会展中心")
            const ZONES: [&str; 6] = ["新区", "开发区", "高新区", "新技术", "片区", "国际"];
            if !alias.full_zh
                && ZONES.iter().any(|z| rest.starts_with(z))
                && self.after_other_place(text, start, alias)
            {
                return true;
            }
            // (a place inside this one is no such word: "云南省镇雄县" is the county of the
            // province, not a town named after it, "新疆塔城" a prefecture, not a tower)
            // (a district's own street: "福州市鼓楼区东街口", where "南京北街" is a street)
            let own_street = || {
                alias.full_zh
                    && [
                        "东街",
                        "西街",
                        "南街",
                        "北街",
                        "东大街",
                        "西大街",
                        "南大街",
                        "北大街",
                    ]
                    .iter()
                    .any(|w| rest.starts_with(w))
            };
            // A name opening on 南 or 北 after a 东 or 西 that closes no place is the end of a
            // compass word: "浙西南山区", "西北部" (西南, 东北), not 南山区; "广东南雄" and
            // "广西南宁" keep theirs. So is a name opening on any compass word after a
            // province's character, which makes a macro-area with it: "陕南山区" (陕南), not
            // 南山区; "闽西山区" (闽西), not 西山区.
            if ((text[start..].starts_with(['南', '北']) && text[..start].ends_with(['东', '西']))
                || (text[start..].starts_with(['东', '西', '南', '北'])
                    && text[..start].ends_with(|c| self.province_form(c))))
                && !self.ends_with_place(&text[..start])
            {
                return true;
            }
            // (a county's full name keeps its port of entry: 吉隆县口岸, where 珲春口岸 is the
            // port's name)
            // (and a province's name keeps its ports: "经广西口岸进入中国")
            let county_port =
                rest.starts_with("口岸") && (alias.full_zh || self.reads_province(&alias.targets));
            // (a province's full name before 铁路 is its railways, "广东铁路预计发送旅客"; a
            // route is named by short forms, 青藏铁路)
            let province_railways = rest.starts_with("铁路")
                && alias.surface.chars().count() >= 2
                && self.reads_province(&alias.targets);
            // (a product is named by the place's usual name: a two-character county's is its
            // full name, 岷县当归, 沙县小吃)
            let locates = alias.full_zh && alias.surface.chars().count() > 2;
            if self.not_next_zh.opens_after(rest, locates)
                && !province_railways
                && !county_port
                && !own_street()
                && !route_end
                && !distance
                && !old_town
                && !self.opens_place_within(rest, alias)
            {
                return true;
            }
            // A news site named after the place: "杭州网 · 文旅频道", "中国吉林网 首页",
            // "大庆网版权所有" (网 then no Han word: not 电网 or 网络).
            if let Some(after) = rest.strip_prefix('网')
                && (!after.chars().next().is_some_and(is_han) || after.starts_with("版权"))
            {
                return true;
            }
            // A byline's name that opens with a place's characters: "记者：许昌明",
            // "作者：黄冈生" (a surname after a role word and a colon or space), or that holds
            // them after its first: "审核：农金华".
            let name_from_previous = || {
                text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| is_han(c) && self.named_after_role(text, start - c.len_utf8()))
            };
            if self.named_after_role(text, start) || (!alias.full_zh && name_from_previous()) {
                return true;
            }
            // A name before 省 with no province among its readings is a foreign province of the
            // same name: "越南广宁省、谅山省、高平省" (Vietnam's), not 广宁县 or 高平市.
            // (a full name keeps a street after it: "杭州市省府路")
            if rest.starts_with('省') && !alias.full_zh && !self.reads_province(&alias.targets) {
                return true;
            }
            // A county's bare name before 山 is the hill it is named after when the hill's name
            // ends there or names a site: "岳麓山实验室", “太湖—宝塔山” (not 巫溪山高谷深, the
            // county's hills).
            if let Some(after) = rest.strip_prefix('山')
                && !alias.full_zh
                && self.only_level(&alias.targets, Level::County)
                && (!after.starts_with(is_han)
                    || ["实验室", "景区", "风景区", "公园"]
                        .iter()
                        .any(|w| after.starts_with(w)))
            {
                return true;
            }
            // A university's campus named by its city in brackets is the university's name:
            // "中国地质大学（北京）", "中国石油大学（华东）"
            if (text[..start].ends_with("大学（") || text[..start].ends_with("学院（"))
                && text[end..].starts_with('）')
            {
                return true;
            }
            // A company's arm named by its place in brackets: "招商局重工（江苏）有限公司"
            if text[..start]
                .strip_suffix(['（', '('])
                .is_some_and(|h| h.ends_with(is_han))
                && text[end..]
                    .strip_prefix(['）', ')'])
                    .is_some_and(|r| self.zh_company.opens(r))
            {
                return true;
            }
            // A short name opening a company name: "吉林化纤集团", "上海医药股份"; but not
            // after "a" ("一家香港投资公司", "1家香港上市公司": a company from Hong Kong).
            let from = || {
                let head = text[..start].strip_suffix('家');
                self.zh_company_from
                    .iter()
                    .any(|w| text[..start].ends_with(w.as_str()))
                    || head.is_some_and(|h| h.ends_with(|c: char| c.is_ascii_digit()))
            };
            // (a full name, 浙江省粮食集团, 盐城市大数据集团, only with the company word within six
            // characters after it: not "南陵县也将借助上海银行"; ten after a word that opens a
            // state firm's name: "丽水市交通投资发展集团")
            let near = match alias.full_zh {
                true => {
                    let lead = self.zh_company_lead.opens(rest);
                    let reach = if lead { 10 } else { 6 };
                    rest.char_indices()
                        .nth(reach)
                        .map_or(rest, |(i, _)| &rest[..i])
                }
                false => rest,
            };
            let venue = || alias.full_zh && self.zh_venue.iter().any(|w| near.contains(w.as_str()));
            if self.company_zh_ahead(near) && !from() && !venue() {
                return true;
            }
            // "帮助三都建成县城西部产业园": a one-character county's full name glued inside 县城
            // (the county town) after a word's character is part of the words (建成, 县城), not
            // 成县 (a longer name stays: "距南丹县城不足40公里")
            if alias.full_zh
                && alias.surface.chars().count() == 2
                && alias.surface.ends_with('县')
                && rest.starts_with('城')
                && text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| is_han(c) && !self.zh_function.contains(&c))
                && !self.ends_with_place(&text[..start])
            {
                return true;
            }
            // ...and one whose character closes a word before it, before 域 (the county as a
            // level, 县域): "推动老区创新县域经济发展" is 创新 and 县域, not 新县.
            if rest.starts_with('域')
                && alias.full_zh
                && alias.surface.chars().count() == 2
                && alias.surface.ends_with('县')
                && self.closes_word(text, start)
            {
                return true;
            }
            // ...and the province or city glued before such a name: "广东肇庆星湖生物科技股份
            // 有限公司" (not "广东肇庆举办", "广东肇庆市高新区").
            if !alias.full_zh
                && let Some(next) = self.place_opening(rest)
                && self.company_zh_ahead(&rest[next.surface.len()..])
                && !from()
            {
                return true;
            }
            // A river named after the place (浏阳河, 黄浦江, 嘉陵江) or its jade (和田玉), unless
            // the 江, 河 or 玉 opens the next name (上海江苏, 北京河北, 广西玉林) or a direction
            // does, as in the names of new areas (海口江东新区, 南京江北新区).
            if !alias.full_zh
                && rest.starts_with(['江', '河', '玉'])
                && !rest[3..].starts_with(['东', '南', '西', '北'])
                && !self.opens_place(rest)
            {
                return true;
            }
            if !alias.full_zh && self.listed_company(rest) {
                return true;
            }
            if !alias.full_zh && self.after_person_surname(text, start) {
                return true;
            }
            // A bare two-character county name glued after another Han character is most
            // often the tail of a longer word (丹霞山, 粤桂东西部): it counts only after a
            // function character (在, 与, 、...) or right after another place name.
            if self.glued_county(text, alias, start, named) {
                return true;
            }
            // A common word that is also a county's bare name (长寿, 大方) is the word, unless
            // the text names the county in full and lists the bare name beside other places
            // ("与广安、长寿在产业链上深度合作" after 长寿区), or before its goods ("延长好物进
            // 通州" after 延长县: goods from a place name the place).
            const GOODS: [&str; 4] = ["好物", "特产", "农产品", "农特产品"];
            return self.bare_zh.contains(&alias.surface)
                && !(alias.targets.iter().any(|t| named.contains(t))
                    && (listed_zh(text, start, end)
                        || GOODS.iter().any(|g| text[end..].starts_with(g))));
        }
        // "Source: Chaoyang District Media Center", "Chongqing International Communication
        // Center": a news outlet, as 融媒体中心, with its generic word or without
        // (every such word is capitalised: most names are followed by none)
        let outlet = text[end..]
            .strip_prefix(' ')
            .filter(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
            .is_some_and(|rest| {
                self.after_generic
                    .iter()
                    .any(|w| rest.starts_with(w.as_str()))
            });
        if suffix.is_some() || outlet {
            return outlet;
        }
        // "Yiwu West station", "Jinhua South railway station": a station named after the city
        // by a direction (capitalised, "Station" is a company word: see `company_ahead`)
        if let Some(rest) = text[end..]
            .strip_prefix(' ')
            .filter(|r| r.starts_with(['E', 'W', 'S', 'N']))
        {
            let after_direction = ["East ", "West ", "South ", "North "]
                .iter()
                .find_map(|d| rest.strip_prefix(d));
            if after_direction.is_some_and(|r| {
                r.strip_prefix("railway ")
                    .unwrap_or(r)
                    .starts_with("station")
            }) {
                return true;
            }
        }
        // "the Hanjiang", "the Meijiang": a county's name in -jiang after "the" and without its
        // generic word, in an article that speaks of a river, is the river the county is named
        // after ("the Hanjiang District" keeps it, and so does "the Jiaojiang chemical base"
        // in an article with no river)
        if prev_word(text, start).is_some_and(|w| w.eq_ignore_ascii_case("the"))
            && alias.surface.ends_with("jiang")
            && self.only_level(&alias.targets, Level::County)
            && ["river", "River"].iter().any(|w| {
                // (a word of its own: not "river-sea", an adjective)
                text.match_indices(w)
                    .any(|(i, _)| !text[i + w.len()..].starts_with('-'))
            })
        {
            return true;
        }
        let not_next =
            |w: &str| self.not_next.contains(w) || self.not_next.contains(w.trim_end_matches('.'));
        // "Qiqihar-based Longken Seed Co.": where a company is, not its name
        if ["-based", "-headquartered"]
            .iter()
            .any(|w| text[end..].starts_with(w))
        {
            return false;
        }
        // A name joined to the next by a hyphen shares its next word: "Qinghai-Tibet Railway",
        // along a chain of them ("Hong Kong-Zhuhai-Macao Bridge", "Beijing-Hong Kong-Macao
        // Expressway": a name of two words inside the chain runs to the next hyphen).
        let chain_start = end;
        let mut end = end;
        // (a lowercase word after the hyphen is no name: "Hong Kong-listed")
        while let Some(rest) = text[end..]
            .strip_prefix('-')
            .filter(|r| r.starts_with(char::is_uppercase))
        {
            // (an apostrophe inside a name: "Beijing-Xiong'an Intercity Railway")
            let word = rest
                .char_indices()
                .find(|&(i, c)| {
                    !(c.is_alphabetic()
                        || (matches!(c, '\'' | '\u{2019}')
                            && rest[i + c.len_utf8()..].starts_with(char::is_lowercase)))
                })
                .map_or(rest.len(), |(i, _)| i);
            if word == 0 {
                break;
            }
            end += 1 + word;
            let more = text[end..].strip_prefix(' ').and_then(|r| {
                let w = r.find(|c: char| !c.is_alphabetic()).unwrap_or(r.len());
                (w > 0 && r.starts_with(char::is_uppercase) && r[w..].starts_with('-'))
                    .then_some(1 + w)
            });
            end += more.unwrap_or(0);
        }
        // (a chain's last name of two words: "the Guangzhou-Shenzhen-Hong Kong Express Rail
        // Link")
        if end > chain_start
            && let Some(last) = next_word(text, end).filter(|w| w.starts_with(char::is_uppercase))
            && next_word(text, end + 1 + last.len()).is_some_and(not_next)
            && let Some(head) = text[..end].rfind('-').map(|h| h + 1)
            && self.latin_name(text, head, end + 1 + last.len())
        {
            return true;
        }
        // "Beijing-Shanghai High-Speed Railway": the hyphened word stands where a street's
        // direction would (a railway described in lowercase, "the planned Shenzhen-Shanwei
        // high-speed railway", names the places it links)
        if text[end..].starts_with(" High-Speed ")
            && next_word(text, end + " High-Speed".len()).is_some_and(not_next)
        {
            return true;
        }
        // "the Longdong-Shandong ±800 kV UHV DC Transmission Project": a line's voltage stands
        // between the names of its ends and its word
        let past = past_voltage(text, end);
        if past > end && next_word(text, past).is_some_and(not_next) {
            return true;
        }
        if let Some(next) = next_word(text, end) {
            if not_next(next) && !menu_item(text, start, end + 1 + next.len()) {
                return true;
            }
            // "the Tianjin Pioneers basketball club": a club's name, as a company's; "the
            // Horgos railway port", "Erenhot's land port": a port of entry by its bare name,
            // named infrastructure as 霍尔果斯口岸 is (a lowercase "port" alone is most often a
            // modifier: "a Tianjin port operator")
            let after_next = next_word(text, end + 1 + next.len());
            let club = next.starts_with(char::is_uppercase);
            if (club || matches!(next, "railway" | "land" | "dry"))
                && after_next.is_some_and(|w| match club {
                    true => {
                        ["basketball", "football", "volleyball", "soccer", "hockey"].contains(&w)
                    }
                    false => w == "port" || w == "ports",
                })
            {
                return true;
            }
            // "Ningbo Zhoushan Port", "Xichang Qingshan Airport": a name before another place's
            // name shares that one's word of infrastructure, as along a hyphen chain (not a
            // natural feature's, which the first name locates: "Gansu Hexi Corridor")
            const SHARED: [&str; 6] = [
                "Port",
                "Airport",
                "Railway",
                "Station",
                "Expressway",
                "Bridge",
            ];
            if next.starts_with(char::is_uppercase)
                && self.latin_name(text, end + 1, end + 1 + next.len())
                && after_next.is_some_and(|w| SHARED.contains(&w.trim_end_matches('.')))
            {
                return true;
            }
            // "Nanhai's Lishui town": a town of the place named before it (not "each
            // Jiangsu town", the province's towns)
            // "Yuyao railway station": the station (a railway described by the places it
            // links, "the Datong-Qinhuangdao railway", names them)
            if next == "railway"
                && next_word(text, end + 1 + next.len()).is_some_and(|w| w.starts_with("station"))
            {
                return true;
            }
            // "at the Shangri-La hotel by the Jinjiang River": one hotel, named; "a Macao hotel
            // group" and "Shangri-La hotels" are hotels of the place
            if next == "hotel"
                && prev_word(text, start).is_some_and(|w| w.eq_ignore_ascii_case("the"))
            {
                return true;
            }
            if matches!(next, "town" | "town.")
                && text[..start]
                    .strip_suffix(' ')
                    .is_some_and(|h| h.ends_with("'s") || h.ends_with("\u{2019}s"))
            {
                return true;
            }
            // "Beijing Middle Road", "Shaoshan North Road": a street with its direction (a zone
            // named after what follows is the place's: "the Wuhan East Lake High-tech Zone")
            if self.street_dirs.contains(next)
                && let Some(after) = next_word(text, end + 1 + next.len()).filter(|w| not_next(w))
                && !self.zone_follows(text.get(end + 2 + next.len() + after.len()..).unwrap_or(""))
            {
                return true;
            }
        }
        if self.company_ahead(text, end) {
            return true;
        }
        // "Xi Jinping", "Yang Jilin": a given name after a surname; "Empress Dowager Cixi": a
        // name after a title.
        if let Some(prev) = prev_word(text, start)
            && (self.surnames.contains(prev) || self.not_prev.contains(prev))
        {
            return true;
        }
        false
    }

    /// A company word (集团, 公司, 股份, 有限) within the next few Han characters, before any
    /// punctuation or government word (人民政府, 局...).
    fn company_zh_ahead(&self, rest: &str) -> bool {
        // (the first eight characters while they are Han, as a slice: this runs for every
        // Chinese name)
        let end = rest
            .char_indices()
            .take(8)
            .take_while(|&(_, c)| is_han(c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        let head = &rest[..end];
        // "上海国际港务（集团）股份有限公司": the group word in brackets after the name
        if rest[end..].starts_with("（集团）") || rest[end..].starts_with("(集团)") {
            return true;
        }
        // (a company word that starts within them may end past them: 北京新发地农产品批发市场)
        match head
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| self.zh_company.opens(&rest[i..]))
        {
            Some(at) => !self
                .zh_company_breaks
                .iter()
                .any(|g| head[..at].contains(g.as_str())),
            None => false,
        }
    }

    /// A short name opening an item of a list of companies, `rest` being the text after it:
    /// "佛山照明、广东粤海等企业" (not "佛山、广州等地", whose items are the bare names).
    fn listed_company(&self, rest: &str) -> bool {
        // an item: up to ten Han characters, up to the next 、 or 等
        let item = |t: &str| {
            t.char_indices()
                .take(11)
                .find(|&(_, c)| !is_han(c) || c == '等')
                .map(|(i, _)| i)
        };
        let Some(own) = item(rest).filter(|&n| n > 0) else {
            return false;
        };
        let mut tail = &rest[own..];
        for _ in 0..8 {
            if let Some(t) = tail.strip_prefix('等') {
                return self
                    .zh_list_company
                    .iter()
                    .any(|w| t.starts_with(w.as_str()));
            }
            let Some(t) = tail.strip_prefix('、') else {
                return false;
            };
            let Some(n) = item(t).filter(|&n| n > 0) else {
                return false;
            };
            tail = &t[n..];
        }
        false
    }

    /// A company word among the next few capitalised words, before any government word:
    /// "Inner Mongolia Yili Industrial Group", "Shaanxi Coal and Chemical Industry Group", but
    /// not "Liaoning Provincial Department"; or capitalised words that a company noun describes
    /// right after them ("Luzhou Laojiao, the liquor maker").
    fn company_ahead(&self, text: &str, end: usize) -> bool {
        let mut rest = &text[end..];
        let mut words = 0;
        for _ in 0..5 {
            let Some(r) = rest.strip_prefix(' ') else {
                break;
            };
            let stop = r
                .find([' ', ',', ';', ':', '\n', ')', '('])
                .unwrap_or(r.len());
            let word = &r[..stop];
            // "and" joining two capitalised words of the name
            let joins = word == "&"
                || (word == "and"
                    && words > 0
                    && r[stop..]
                        .strip_prefix(' ')
                        .is_some_and(|n| n.starts_with(char::is_uppercase)));
            if !joins && !word.starts_with(char::is_uppercase) {
                break;
            }
            if self.gov_words.contains(word) {
                return false;
            }
            if words == 0
                && self.company_ends.contains(
                    word.trim_end_matches(['.', ','])
                        .trim_end_matches("'s")
                        .trim_end_matches("’s"),
                )
                && !r[stop..]
                    .strip_prefix(' ')
                    .is_some_and(|n| n.starts_with(char::is_uppercase))
            {
                return true;
            }
            // "Co." keeps its dot; "Textiles." at the end of a sentence does not, nor a quote's
            // last word ("... Daxing International Airport.”").
            // (a two-word row, "Expo Center": neither word alone makes a venue, as
            // "Information Center" is a body and "the Harbin Expo" an event)
            let pair = r[stop..].strip_prefix(' ').map(|n| {
                let len = n
                    .find([' ', ',', ';', ':', '\n', ')', '(', '.'])
                    .unwrap_or(n.len());
                &r[..stop + 1 + len]
            });
            if self.company_words.contains(word)
                || self
                    .company_words
                    .contains(word.trim_end_matches(['.', '"', '”', '\'', '’']))
                || pair.is_some_and(|p| {
                    // (a hyphened first word by its last part: "Eco-Conference Center")
                    self.company_words.contains(p)
                        || p.rsplit_once('-')
                            .is_some_and(|(_, tail)| self.company_words.contains(tail))
                })
            {
                return !self.zone_follows(&r[stop..]);
            }
            words += usize::from(!joins);
            rest = &r[stop..];
            // (a sentence ends here: "Yinchuan Customs. Ningxia Baofeng Energy, a ... maker")
            if word.ends_with('.') {
                return false;
            }
        }
        // "Shenzhen International (0152.HK)": a listed company's name before its ticker
        if words > 0 && ticker_opens(rest.trim_start_matches(' ')) {
            return true;
        }
        words > 0 && self.described_as_company(rest)
    }

    /// A zone word among the next few capitalised words: "Industrial" then "Park" names a zone,
    /// not a company.
    fn zone_follows(&self, rest: &str) -> bool {
        // (up to four: "Industrial Co-construction Demonstration Zone")
        rest.split(' ')
            .skip(1)
            .take(4)
            .take_while(|w| w.starts_with(char::is_uppercase))
            .any(|w| {
                self.zone_words
                    .contains(w.trim_end_matches([',', '.', ';', ':', ')']))
            })
    }

    /// ", a coal chemicals maker", ", the liquor maker": a company noun in the few words of an
    /// apposition starting `rest`.
    fn described_as_company(&self, rest: &str) -> bool {
        let Some(r) = rest.strip_prefix(", ") else {
            return false;
        };
        let mut words = r.split(' ');
        if !words
            .next()
            .is_some_and(|w| matches!(w, "a" | "an" | "the"))
        {
            return false;
        }
        for w in words.take(5) {
            let bare = w.trim_end_matches([',', '.', ';', ':']);
            if self.company_nouns.contains(bare) {
                return true;
            }
            if bare.len() != w.len() {
                return false;
            }
        }
        false
    }

    /// A generic word right after a Latin name: "Dalian City", "Qinghai province", and
    /// "Autonomous County" after the peoples it is named for ("Weining Yi, Hui and Miao
    /// Autonomous County").
    fn suffix_after(&self, text: &str, end: usize) -> (usize, Option<usize>) {
        let rest = &text[end..];
        let trimmed = rest.trim_start_matches(' ');
        if trimmed.len() == rest.len() || rest.len() - trimmed.len() > 1 {
            return (end, None);
        }
        let at = end + (rest.len() - trimmed.len());
        let peoples = self.peoples_len(trimmed);
        if peoples > 0 {
            let (e, s) = self.suffix_after(text, at + peoples - 1);
            return match s {
                Some(i) if self.suffixes[i].word.starts_with("autonomous") => (e, s),
                _ => (end, None),
            };
        }
        let Some(first) = trimmed.as_bytes().first().map(u8::to_ascii_lowercase) else {
            return (end, None);
        };
        for &i in &self.suffixes_by_first[usize::from(first)] {
            let s = &self.suffixes[i];
            let n = s.word.len();
            if trimmed.len() >= n
                && trimmed.is_char_boundary(n)
                && trimmed[..n].eq_ignore_ascii_case(&s.word)
                && on_word_boundaries(text, at, at + n)
            {
                // "the Lanzhou-Xining city cluster": the generic word is the cluster's
                let next = text[at + n..].trim_start_matches(' ');
                let next = &next[..next
                    .find(|c: char| !c.is_ascii_alphabetic())
                    .unwrap_or(next.len())];
                if GROUPINGS.iter().any(|g| next.eq_ignore_ascii_case(g)) {
                    return (end, None);
                }
                return (at + n, Some(i));
            }
        }
        (end, None)
    }

    /// The length of a list of peoples opening `s`, with the space after it: "Yao ", "Yi, Hui
    /// and Miao ". Zero when `s` opens with none.
    fn peoples_len(&self, s: &str) -> usize {
        let mut at = 0;
        loop {
            // (one lookup per word: this runs after every Latin name)
            let rest = &s[at..];
            let mut n = rest.find([' ', ',']).unwrap_or(rest.len());
            if n == 0 {
                return 0;
            }
            if !self.peoples.contains(&rest[..n]) {
                // a people of two words: "Longlin Various Nationalities Autonomous County"
                let two = rest[n..]
                    .strip_prefix(' ')
                    .filter(|_| self.peoples_of_two.iter().any(|w| *w == rest[..n]))
                    .map(|r| n + 1 + r.find([' ', ',']).unwrap_or(r.len()));
                match two.filter(|&m| self.peoples.contains(&rest[..m])) {
                    Some(m) => n = m,
                    None => return 0,
                }
            }
            at += n;
            let rest = &s[at..];
            match [", and ", " and ", ", "]
                .iter()
                .find(|x| rest.starts_with(**x))
            {
                Some(x) => at += x.len(),
                None if rest.starts_with(' ') => return at + 1,
                None => return 0,
            }
        }
    }

    fn resolve(&self, text: &str, cands: &[Candidate]) -> Vec<Mention> {
        // Evidence: divisions named without doubt, with their cities and provinces, counted by
        // division index. A document names a few dozen at most, so a short list beats both a
        // hash map and a table of every division (each showed in profiles).
        // Each vote remembers the name that cast it, so a name never votes for itself.
        let mut evidence: Vec<(usize, usize, u16)> = Vec::new(); // (division, alias, count)
        let mut vote = |i: usize, alias: usize| match evidence
            .iter_mut()
            .find(|(j, a, _)| *j == i && *a == alias)
        {
            Some((_, _, n)) => *n += 1,
            None => evidence.push((i, alias, 1)),
        };
        for c in cands {
            let a = &self.aliases[c.alias];
            // A name with several readings in one province ("Nanchang": the city and its
            // county) still says which province the document is about.
            if a.targets.len() > 1 && !a.needs_context {
                let p = self.divisions[a.targets[0]].province;
                if a.targets.iter().all(|&t| self.divisions[t].province == p)
                    && a.targets.iter().all(|&t| t != p)
                {
                    vote(p, c.alias);
                }
                // One prefecture among county namesakes ("Quanzhou": 泉州市 and 全州县) is the
                // default reading, and votes as such.
                let prefectures: Vec<usize> = a
                    .targets
                    .iter()
                    .copied()
                    .filter(|&t| self.divisions[t].level == Level::Prefecture)
                    .collect();
                let no_province = a
                    .targets
                    .iter()
                    .all(|&t| self.divisions[t].level != Level::Province);
                if prefectures.len() == 1 && no_province {
                    vote(prefectures[0], c.alias);
                    vote(self.divisions[prefectures[0]].province, c.alias);
                }
                // Two provinces under one spelling ("Shanxi", also written for Shaanxi) vote
                // for the reading taken when nothing settles it, as that name is read.
                if self.only_level(&a.targets, Level::Province) {
                    vote(self.default_for(a, &a.targets), c.alias);
                }
                continue;
            }
            if a.targets.len() == 1 && !a.needs_context {
                let d = &self.divisions[a.targets[0]];
                if d.level == Level::County && !self.accept_county_alone(a, c) {
                    continue;
                }
                let own = a.targets[0];
                vote(own, c.alias);
                if d.parent != own {
                    vote(d.parent, c.alias);
                }
                if d.province != own && d.province != d.parent {
                    vote(d.province, c.alias);
                }
            }
        }
        // One sense per discourse: a bare name settled by an explicit qualifier keeps that
        // reading later in the document unless qualified again ("Yiwu in east China's
        // Zhejiang Province ... merchants from Yiwu"); see `earlier` below. The settlements so
        // far, tallied as the mentions are read: (alias, reading, times, first mention, last
        // mention).
        let mut settled: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
        // The reading each candidate was given, for the list items after it.
        let mut chosen: Vec<Option<usize>> = vec![None; cands.len()];
        let mut out = Vec::new();
        for (i, c) in cands.iter().enumerate() {
            let a = &self.aliases[c.alias];
            let fit: Vec<usize>;
            let mut targets: &[usize] = &a.targets;
            let mut end = c.end;
            if let Some(si) = c.suffix {
                fit = self.fitting(targets, si);
                if !fit.is_empty() {
                    targets = &fit;
                } else {
                    // A generic word that fits no reading is not part of the name: lowercase,
                    // it describes the place ("the Zhejiang city of Yiwu", "the Sichuan
                    // prefecture"); capitalised, it names something else that bears the
                    // place's name ("Harbin New Area", a development zone, not a division).
                    end = c.name_end;
                }
            } else if c.latin
                && let Some(level) = level_before(text, c.start)
            {
                // "the city of Kashgar", "the island province of Hainan": the generic word
                // before the name picks the level as one after it does
                fit = self.of_level(targets, level);
                if !fit.is_empty() {
                    targets = &fit;
                }
            }
            let qualified = self.qualifier(text, cands, i, targets);
            let supported = |t: usize| -> usize {
                let d = &self.divisions[t];
                // Its own subdivisions named elsewhere weigh most (Taxkorgan votes for the
                // Kashgar prefecture, not for Kashgar city), then its parent city, then its
                // province.
                let ev = |i: usize| {
                    evidence
                        .iter()
                        .filter(|(j, a, _)| *j == i && *a != c.alias)
                        .map(|(_, _, n)| usize::from(*n))
                        .sum::<usize>()
                };
                // A county named like its own city (长沙县 under 长沙市) is written in full when
                // it is meant: its full name elsewhere is no vote for the bare name, which
                // names the city (the dateline "新华社长沙7月2日电" beside 长沙县).
                let own = match d.level == Level::County && targets.contains(&d.parent) {
                    true => 0,
                    false => 3 * ev(t),
                };
                own + 2 * ev(d.parent) * usize::from(d.parent != d.province) + ev(d.province)
            };
            // "Henan county sends job seekers": a lowercase county word after a province's
            // name describes one of its counties, as "the Zhejiang city of Yiwu" does, unless
            // the document supports the namesake (Henan County, in Qinghai's Huangnan).
            let province_readings: Vec<usize>;
            if end == c.end
                && c.latin
                && text[c.name_end..c.end]
                    .trim_start()
                    .starts_with(|ch: char| ch.is_ascii_lowercase())
                && targets
                    .iter()
                    .all(|&t| self.divisions[t].level == Level::County && supported(t) == 0)
            {
                province_readings = a
                    .targets
                    .iter()
                    .copied()
                    .filter(|&t| self.divisions[t].level == Level::Province)
                    .collect();
                if !province_readings.is_empty() {
                    targets = &province_readings;
                    end = c.name_end;
                }
            }
            // The reading the settlements before this mention gave most often, the first one
            // on a tie (the page's own place, in its header, against a visiting namesake's:
            // "福州市鼓楼区人民政府" ... "南京鼓楼区"): "Taizhou, Jiangsu" in the header and "the
            // Taizhou in Jiangsu should not be confused with Taizhou in neighbouring Zhejiang"
            // leave later bare mentions Jiangsu's. Only what came before counts: a header or title mention is read from
            // the context, not from a later sentence that may be about the namesake.
            // (a name and its full form share their settlements: "北京市通州区" settles a later
            // bare "通州" as Beijing's; a dateline's capitals name the city of the dateline,
            // which settles nothing for the name in running text)
            let same_name = |s: &(usize, usize, usize, usize, usize)| {
                let other = &self.aliases[s.0];
                s.0 == c.alias
                    || (!other.dateline_only && !a.dateline_only && other.targets == a.targets)
            };
            // (but a name in the words of someone it settled in the same sentence is theirs:
            // "呼和浩特市新城区负责人介绍，新城区地区生产总值…" is the speaker's district, whatever
            // the page's own is)
            let earlier = settled
                .iter()
                .filter(|s| same_name(s) && reported_by(text, cands[s.4].end, c.start))
                .max_by_key(|s| s.4)
                .or_else(|| {
                    settled
                        .iter()
                        .filter(|s| same_name(s))
                        .max_by_key(|s| (s.2, std::cmp::Reverse(s.3)))
                })
                .map(|s| s.1);
            // (this mention's own settlement, for the ones after it; not the namesake set
            // against it, "buyers mix us up with Yichun in Jiangxi", looked for last: the cue
            // search before every ambiguous name was 0.8% of a run)
            if c.suffix.is_none()
                && a.targets.len() > 1
                && let Some(t) = match std::ptr::eq(targets, &a.targets[..]) {
                    true => qualified,
                    false => self.qualifier(text, cands, i, &a.targets),
                }
                && !contrasted(text, c.start)
            {
                match settled.iter_mut().find(|s| same_name(s) && s.1 == t) {
                    Some(s) => {
                        s.2 += 1;
                        s.4 = i;
                    }
                    None => settled.push((c.alias, t, 1, i, i)),
                }
            }
            // A list's items are peers: "Guangzhou, Foshan, Dongguan and Zhongshan" is
            // Guangdong's Zhongshan even in an article about Hezhou, whose county shares the
            // name; "Changchun, Jilin and Siping" is the city of Jilin.
            let sibling = || {
                // (a hyphen or a slash pairs two places: "the Hangzhou-Jilin park")
                let paired = |gap: &str| matches!(gap, "-" | "–" | "/");
                let listed = |gap: &str| LIST_JOINS.contains(&gap) || paired(gap);
                let before = i
                    .checked_sub(1)
                    .filter(|&j| listed(&text[cands[j].end..c.start]))
                    .map(|j| (chosen[j], paired(&text[cands[j].end..c.start])));
                let after = cands
                    .get(i + 1)
                    .filter(|n| listed(&text[c.end..n.start]))
                    .map(|n| {
                        (
                            &self.aliases[n.alias].targets,
                            paired(&text[c.end..n.start]),
                        )
                    })
                    .filter(|(t, _)| t.len() == 1)
                    .map(|(t, p)| (Some(t[0]), p));
                let (si, pair) = match before {
                    Some((Some(si), p)) => (Some(si), p),
                    _ => after.unwrap_or((None, false)),
                };
                // (a province's reading gives way to a list's peer only in a pair, below)
                let province = targets
                    .iter()
                    .any(|&t| self.divisions[t].level == Level::Province);
                si.filter(|_| pair || !province).and_then(|si| {
                    let s = &self.divisions[si];
                    // (cities only: a bare county reading needs the support a list does not
                    // give, and a province reading gives way only to a suffix or a qualifier;
                    // but a city's own district beside a name that reads as that city names
                    // it: "Gulou District, Mawei District and the Fuzhou New Area")
                    if s.level != Level::Prefecture {
                        return (s.level == Level::County && targets.contains(&s.parent))
                            .then_some(s.parent);
                    }
                    // (another place of the item's level in its province: a list names each
                    // place once, so a province is no peer of itself; and a county named like
                    // its own city is not the bare name's reading, as below)
                    let mut peers = targets.iter().filter(|&&t| {
                        let d = &self.divisions[t];
                        t != si
                            && d.province == s.province
                            && d.level == s.level
                            && !targets.contains(&d.parent)
                    });
                    // (else its one city reading against districts, a list of cities naming a
                    // city and no city's part: "Wuhan, Yichang, Jiujiang, Anqing" is Jiangxi's
                    // Jiujiang, not Wuhu's district; a county or a county-level city may stand
                    // among cities, "Nanning and Pingxiang", and is left to the text's support)
                    // (a city paired with a city by a hyphen is one too, even against the
                    // reading of the province it lies in: "Hangzhou-Jilin" is the city of Jilin;
                    // "Guangzhou-Hainan" stays the province, not the prefecture in Qinghai)
                    let city = |t: usize| self.divisions[t].level == Level::Prefecture;
                    let district = |t: usize| self.divisions[t].name_zh.ends_with('区');
                    let mut cities = targets.iter().filter(|&&t| city(t));
                    match (peers.next(), peers.next(), cities.next(), cities.next()) {
                        (Some(&t), None, ..) => Some(t),
                        (None, _, Some(&t), None)
                            if (pair
                                && (!province
                                    || targets.contains(&self.divisions[t].province)))
                                || targets.iter().all(|&o| city(o) || district(o)) =>
                        {
                            Some(t)
                        }
                        _ => None,
                    }
                })
            };
            let (choice, ambiguous) = if let Some(t) = qualified {
                (t, false)
            } else if let Some(t) = (targets.len() > 1).then(sibling).flatten() {
                (t, false)
            } else if let Some(t) = earlier
                .filter(|_| c.suffix.is_none() && targets.len() > 1)
                .filter(|t| targets.contains(t))
            {
                (t, false)
            } else if targets.len() == 1 {
                (targets[0], false)
            } else if let Some(t) = (a.dateline_only
                || (!c.latin && zh_dateline(text, c.start, c.end)))
            .then(|| self.dateline_city(targets))
            .flatten()
            {
                // A dateline names the city a story was filed from: "JILIN, China, Dec. 25"
                // and "新华社吉林7月18日电" are the city of Jilin, "新华社朝阳7月17日电" the city
                // of Chaoyang, not a district.
                (t, false)
            } else if let Some(&p) = targets
                .iter()
                .find(|&&t| self.divisions[t].level == Level::Province)
            {
                // A province reading is displaced only by a suffix or qualifier (above).
                (p, false)
            } else {
                let scores: Vec<usize> = targets.iter().map(|&t| supported(t)).collect();
                let best = *scores.iter().max().unwrap_or(&0);
                let mut winners: Vec<usize> = targets
                    .iter()
                    .zip(&scores)
                    .filter(|(_, s)| **s == best)
                    .map(|(t, _)| *t)
                    .collect();
                // A city and its same-named county tie on their province's votes: the bare
                // name is the city ("Shenyang, Dalian, Anshan and Chaoyang" in Liaoning).
                if winners.len() > 1 {
                    let parents: Vec<usize> = winners.clone();
                    winners.retain(|&t| !parents.contains(&self.divisions[t].parent));
                }
                if best > 0 && winners.len() == 1 {
                    (winners[0], false)
                } else {
                    (self.default_for(a, targets), true)
                }
            };
            // Names that need support: flagged aliases and bare county-level names.
            let d = &self.divisions[choice];
            let needs_support = (a.needs_context && c.suffix_level.is_none())
                || (d.level == Level::County && !self.accept_county_alone(a, c));
            if needs_support && qualified.is_none() && supported(choice) == 0 {
                continue;
            }
            // An English word ("Investment Guide", "Guide services") names its place only
            // written as a place: with a generic word, a qualifier, or after "in", "to"...
            // (or as an item of a list of places: "Gonghe, Tongde, Guide, Xinghai and Guinan")
            let listed = || {
                let joined = |gap: &str| LIST_JOINS.contains(&gap);
                i.checked_sub(1)
                    .is_some_and(|j| chosen[j].is_some() && joined(&text[cands[j].end..c.start]))
                    && cands
                        .get(i + 1)
                        .is_some_and(|n| joined(&text[c.end..n.start]))
            };
            if a.english_word
                && c.suffix.is_none()
                && qualified.is_none()
                && !after_place_preposition(text, c.start)
                && !listed()
            {
                continue;
            }
            // A short Latin county name ("Bay", "Lop") is also an English word or a syllable
            // of one: the province alone is not enough support, its city must be named.
            let short_latin = c.latin && a.surface.len() <= 3 && c.suffix.is_none();
            if short_latin && d.level == Level::County && qualified.is_none() {
                let city_named = evidence
                    .iter()
                    .any(|(j, al, _)| *j == d.parent && *al != c.alias);
                if !city_named && !self.well_known.contains(&choice) {
                    continue;
                }
            }
            // "中山市东区": a district glued after a city written with 市, as in an address,
            // that it does not belong to is a part of that city (a street office), not the
            // namesake elsewhere. (Bare names glued together are a pairing: "遂宁潼南川渝毗邻
            // 地区", "杭州阿拉尔“双城”共建".)
            if !c.latin
                && text[..c.start].ends_with('市')
                && let Some(p) = i.checked_sub(1).filter(|&j| cands[j].end == c.start)
                && let Some(pc) = chosen[p]
                && self.divisions[pc].level == Level::Prefecture
                && targets.iter().all(|&t| {
                    let t = &self.divisions[t];
                    t.level == Level::County && t.name_zh.ends_with('区') && t.parent != pc
                })
            {
                continue;
            }
            let alternatives = if ambiguous {
                targets
                    .iter()
                    .filter(|&&t| t != choice)
                    .map(|&t| self.divisions[t].code.to_string())
                    .collect()
            } else {
                Vec::new()
            };
            out.push(Mention::at(
                text,
                c.start,
                end,
                Value::Region(self.value(choice, a.canonical.clone(), ambiguous, alternatives)),
            ));
            chosen[i] = Some(choice);
        }
        out
    }

    /// Whether `c` is a province's one-character form (沪, 陕), not only a city's (甬).
    fn province_form(&self, c: char) -> bool {
        self.abbrevs.get(&c).is_some_and(|&i| i != CITY_FORM)
    }

    /// Whether `text[start..end]` is exactly a Latin place name ("Zhoushan", "Hong Kong").
    fn latin_name(&self, text: &str, start: usize, end: usize) -> bool {
        self.names
            .latin
            .find(Input::new(text).span(start..end).anchored(Anchored::Yes))
            .is_some_and(|m| m.end() == end)
    }

    /// A bare county-level name counts on its own when it is written in full (丰台区, "Fengtai
    /// District"), is long enough in Han script not to be a common word, or is well known.
    fn accept_county_alone(&self, a: &Alias, c: &Candidate) -> bool {
        if c.suffix_level.is_some() || a.full_zh {
            return true;
        }
        if !c.latin && a.surface.chars().count() >= 3 {
            return true;
        }
        a.targets.iter().any(|t| self.well_known.contains(t))
    }

    /// The readings among `targets` that suffix `si` fits: by its Chinese ending first (县 for
    /// "County"), else by its level; empty when none does.
    fn fitting(&self, targets: &[usize], si: usize) -> Vec<usize> {
        let suffix = &self.suffixes[si];
        let by_ending: Vec<usize> = targets
            .iter()
            .copied()
            .filter(|&t| {
                self.suffix_fits(t, suffix.level)
                    && (suffix.zh_endings.is_empty()
                        || suffix
                            .zh_endings
                            .iter()
                            .any(|e| self.divisions[t].name_zh.ends_with(e.as_str())))
            })
            .collect();
        // (a word that names a kind of its own, 新区 or 林区, fits no other: "Horinger New Area"
        // is a zone in 和林格尔县, not the county; one generic character may be out of date,
        // "Miyun County" for 密云区)
        let kind_of_its_own = !suffix.zh_endings.is_empty()
            && suffix.zh_endings.iter().all(|e| e.chars().count() > 1);
        if !by_ending.is_empty() || kind_of_its_own {
            return by_ending;
        }
        self.of_level(targets, suffix.level)
    }

    /// The readings among `targets` that a generic word of `level` fits.
    fn of_level(&self, targets: &[usize], level: SuffixLevel) -> Vec<usize> {
        targets
            .iter()
            .copied()
            .filter(|&t| self.suffix_fits(t, level))
            .collect()
    }

    fn suffix_fits(&self, t: usize, level: SuffixLevel) -> bool {
        let d = &self.divisions[t];
        match level {
            // "City"/"Municipality": a division whose Chinese name is a 市, so "Linxia City"
            // is 临夏市 (county level) and not 临夏回族自治州, "Jilin City" is 吉林市.
            SuffixLevel::Any => d.name_zh.ends_with('市'),
            SuffixLevel::Level(l) => d.level == l,
        }
    }

    /// An explicit qualifier right next to candidate `i`: "Taizhou, Zhejiang province",
    /// "Taizhou in Zhejiang", "Zhejiang's Taizhou", "浙江台州". Returns the reading it picks.
    fn qualifier(
        &self,
        text: &str,
        cands: &[Candidate],
        i: usize,
        targets: &[usize],
    ) -> Option<usize> {
        if targets.len() < 2 {
            return None;
        }
        let c = &cands[i];
        // Another name qualifies this one when one of its readings is the province or city
        // of one of ours; the same name repeated ("Ji'an, while Ji'an") qualifies nothing.
        let fits = |other: &Candidate| -> Option<usize> {
            // "Jilin, Jilin" (the city, in the province) is a qualifier; "Ji'an, while Ji'an"
            // is not.
            let adjacent = matches!(
                &text[c.end.min(other.end)..c.start.max(other.start)],
                ", " | "，"
            );
            if other.alias == c.alias && !adjacent {
                return None;
            }
            let oa = &self.aliases[other.alias];
            // Two provinces side by side are a list, not a district and its municipality:
            // "Hebei, Tianjin cooperate" is the province, not Tianjin's Hebei District (but
            // "Hainan, Qinghai" is the prefecture of Qinghai).
            let listed = adjacent
                && other.alias != c.alias
                && self.reads_province(targets)
                && self.reads_province(&oa.targets);
            // Another name with a reading of ours glosses this one ("Huangshan (黄山)",
            // "Yueyang (岳阳)"): it names the same place, and its city reading qualifies
            // nothing for our district or county namesake.
            if other.alias != c.alias && oa.targets.iter().any(|o| targets.contains(o)) {
                return None;
            }
            // (one reading only: "Yiliang County in Yunnan" fits both Yiliangs of Yunnan, and
            // the document's other places choose between them; a city and its same-named
            // county are the city, "辽宁朝阳")
            let fitting: Vec<usize> = targets
                .iter()
                .copied()
                .filter(|&t| {
                    let d = &self.divisions[t];
                    !(listed && d.level == Level::County)
                        && oa.targets.iter().any(|&o| {
                            let od = &self.divisions[o];
                            od.level < d.level
                                && (*od.code == *d.province_code || *od.code == d.parent_code)
                        })
                })
                .collect();
            let mut heads = fitting
                .iter()
                .copied()
                .filter(|&t| !fitting.contains(&self.divisions[t].parent));
            match (heads.next(), heads.next()) {
                (Some(t), None) => Some(t),
                _ => None,
            }
        };
        if let Some(next) = cands.get(i + 1)
            && matches!(&text[c.end..next.start], "'s " | "’s ")
            && next.alias != c.alias
            && let Some(t) = self.parent_named(targets, next.alias)
        {
            // "Suzhou's Wujiang District": a subdivision named just after picks its parent.
            return Some(t);
        }
        // "Changchun's Chaoyang District, which shares its name with the Beijing district": a
        // possessive just before is the tightest qualifier, ahead of an apposition after
        if let Some(prev) = i.checked_sub(1).map(|j| &cands[j])
            && matches!(&text[prev.end..c.start], "'s " | "’s ")
            && let Some(t) = fits(prev)
        {
            return Some(t);
        }
        if let Some(next) = cands.get(i + 1) {
            // "Taizhou, Zhejiang", "Taizhou in Zhejiang", and appositions within the clause:
            // "Fuzhou, the capital of neighbouring Fujian Province", "Jinjiang, a county-level
            // city under Quanzhou", "Yiwu in east China's Zhejiang Province".
            let gap = &text[c.end..next.start];
            let opens = [", ", " in ", " of ", " (", ",", "，"]
                .iter()
                .any(|o| gap.starts_with(o))
                || gap.is_empty();
            let one_clause = gap.len() <= 60 && !gap.contains(['.', ';', '\n', '。', '；']);
            // (a conjunction opens another clause, about another place: "Yibin and Luzhou,
            // while Shanxi's pavilion")
            const CLAUSE: [&str; 8] = [
                "while ",
                "whereas ",
                "but ",
                "and ",
                "although ",
                "though ",
                "yet ",
                "as ",
            ];
            let other_clause = gap
                .strip_prefix(", ")
                .is_some_and(|g| CLAUSE.iter().any(|w| g.starts_with(w)));
            if opens
                && one_clause
                && !other_clause
                && let Some(t) = fits(next)
            {
                return Some(t);
            }
        }
        if i > 0 {
            let prev = &cands[i - 1];
            let gap = &text[prev.end..c.start];
            // ("the Zhejiang city of Taizhou", "the Jiangsu county of Shuyang")
            // (the generic word may have been read as the earlier name's suffix)
            let level_of = matches!(
                &text[prev.name_end..c.start],
                " city of " | " county of " | " prefecture of " | " district of "
            );
            if (matches!(gap, "'s " | "’s " | " " | "") || level_of)
                && let Some(t) = fits(prev)
            {
                return Some(t);
            }
            // "Jiaojiang District, Taizhou", "Wujiang District of Suzhou", "Lichuan County in
            // Fuzhou": a subdivision named just before picks its parent.
            if matches!(gap, ", " | "，" | "" | " of " | " in " | " under ")
                && prev.alias != c.alias
                && let Some(t) = self.parent_named(targets, prev.alias)
            {
                return Some(t);
            }
        }
        // "Suzhou, Huaibei, Bengbu and Fuyang in Anhui": one qualifier after a list of places
        // qualifies each of them.
        let mut j = i;
        while j + 1 < cands.len()
            && j - i < 8
            && LIST_JOINS.contains(&&text[cands[j].end..cands[j + 1].start])
        {
            j += 1;
        }
        if j > i
            && let Some(q) = cands.get(j + 1)
            && matches!(&text[cands[j].end..q.start], " in " | " of ")
            && let Some(t) = fits(q)
        {
            return Some(t);
        }
        None
    }

    /// The reading among `targets` that is the parent of a reading of `child` (an alias):
    /// "Wujiang District" names Jiangsu's Suzhou, not Anhui's.
    fn parent_named(&self, targets: &[usize], child: usize) -> Option<usize> {
        let children = &self.aliases[child].targets;
        targets.iter().copied().find(|&t| {
            children
                .iter()
                .any(|&o| self.divisions[o].parent == t && o != t)
        })
    }

    fn default_for(&self, a: &Alias, targets: &[usize]) -> usize {
        if let Some(&d) = self.defaults.get(&*a.canonical)
            && targets.contains(&d)
        {
            return d;
        }
        // Targets are sorted highest level first, then by code.
        targets[0]
    }

    fn value(
        &self,
        i: usize,
        alias: Arc<str>,
        ambiguous: bool,
        alternatives: Vec<String>,
    ) -> RegionValue {
        let d = &self.divisions[i];
        RegionValue {
            code: d.code.clone(),
            name: d.name_en.clone(),
            name_zh: d.name_zh.clone(),
            level: d.level,
            province_code: d.province_code.clone(),
            matched_alias: alias,
            ambiguous,
            alternatives,
            code_as_of: None,
        }
    }

    /// A bare two-character county name glued after another Han character that is neither a
    /// function character nor the end of a place name (丹霞山, 粤桂东西部), nor opening a list of
    /// places, in a text that does
    /// not write the county's full name (`named`: "支持旺苍发展" after 旺苍县 is the county).
    fn glued_county(&self, text: &str, alias: &Alias, start: usize, named: &[usize]) -> bool {
        let county_only = alias.targets.iter().all(|&t| {
            self.divisions[t].level == Level::County
                && !named.contains(&t)
                && !self.well_known.contains(&t)
        });
        // (the first item of a list of places is one: "组织珲春、图们两市企业")
        let listed = || {
            text[start..]
                .strip_prefix(alias.surface.as_str())
                .and_then(|r| r.strip_prefix('、'))
                .is_some_and(|r| self.place_opening(r).is_some())
        };
        let glued = || {
            text[..start]
                .chars()
                .next_back()
                .is_some_and(|p| is_han(p) && !self.zh_function.contains(&p))
                && !self.ends_with_place(&text[..start])
                && !listed()
        };
        // "示范点和县职业技术学校": a full name opening with a function character (和县) glued
        // after a word is the conjunction, then a 县 of the next word.
        if alias.full_zh
            && alias.surface.chars().count() == 2
            && alias
                .surface
                .starts_with(|c: char| self.zh_function.contains(&c))
        {
            return glued();
        }
        if !county_only || alias.full_zh || alias.surface.chars().count() != 2 {
            return false;
        }
        glued()
    }

    /// The alias of the Han place name `rest` opens with (within its first eight characters).
    fn place_opening(&self, rest: &str) -> Option<&Alias> {
        let head = rest.char_indices().nth(8).map_or(rest, |(i, _)| &rest[..i]);
        let m = self.names.han.find(head).filter(|m| m.start() == 0)?;
        Some(&self.aliases[self.names.han_alias[m.pattern().as_usize()]])
    }

    /// The alias of a Han place name that ends where `head` does (within its last six
    /// characters): 湛江 in "湛江霞山", the city before its district.
    fn place_ending(&self, head: &str) -> Option<&Alias> {
        let tail_start = head.char_indices().rev().nth(5).map_or(0, |(i, _)| i);
        // (a name ending in a Han character is a Han name)
        let m = self
            .names
            .han
            .find_iter(&head[tail_start..])
            .find(|m| tail_start + m.end() == head.len())?;
        Some(&self.aliases[self.names.han_alias[m.pattern().as_usize()]])
    }

    /// True when `rest` opens with a Han place name.
    fn opens_place(&self, rest: &str) -> bool {
        self.place_opening(rest).is_some()
    }

    /// True when `head` ends with a Han place name.
    fn ends_with_place(&self, head: &str) -> bool {
        self.place_ending(head).is_some()
    }

    /// True when `rest` opens with the Han name of a place inside one that `outer` names
    /// (镇雄县 after 云南省).
    fn opens_place_within(&self, rest: &str, outer: &Alias) -> bool {
        self.place_opening(rest).is_some_and(|inner| {
            inner
                .targets
                .iter()
                .any(|&d| outer.targets.iter().any(|&o| self.lies_in(d, o)))
        })
    }

    /// Whether division `d` lies inside division `o` (its city or its province).
    /// The city a dateline's name stands for among `targets`: a city in the province of the
    /// same name ("JILIN" and 吉林 are the city; "HAINAN" stays the province, as no city of
    /// Hainan is named so), or, with no province among them, the one city ("朝阳" is Liaoning's
    /// city, not Beijing's or Changchun's district).
    fn dateline_city(&self, targets: &[usize]) -> Option<usize> {
        let city = |t: &&usize| self.divisions[**t].level == Level::Prefecture;
        let level = |l: Level| targets.iter().any(|&t| self.divisions[t].level == l);
        if level(Level::Province) {
            return targets
                .iter()
                .find(|&&t| city(&&t) && targets.contains(&self.divisions[t].province))
                .copied();
        }
        let mut cities = targets.iter().filter(city);
        match (cities.next(), cities.next()) {
            (Some(&t), None) => Some(t),
            _ => None,
        }
    }

    fn lies_in(&self, d: usize, o: usize) -> bool {
        let div = &self.divisions[d];
        d != o && (div.parent == o || div.province == o)
    }

    /// True when a Han name of a city or province ends right at `start` and none of the
    /// counties `alias` names lies in it.
    fn after_other_place(&self, text: &str, start: usize, alias: &Alias) -> bool {
        let county = |d: &usize| self.divisions[*d].level == Level::County;
        if !alias.targets.iter().all(county) {
            return false;
        }
        let Some(outer) = self.place_ending(&text[..start]) else {
            return false;
        };
        // (the city or province the name reads as: 西安 is also a district of Liaoyuan)
        let mut outer = outer.targets.iter().filter(|d| !county(d)).peekable();
        outer.peek().is_some() && outer.all(|&o| alias.targets.iter().all(|&d| !self.lies_in(d, o)))
    }

    /// True when the name at `start..end` opens the holder's name in a copyright line:
    /// "Copyright 2025 Jiangsu Now", "© 2024 Hubei Daily Media" (an outlet or a firm, the site's
    /// owner), unless a government's word follows ("Copyright © Zhejiang Provincial People's
    /// Government" names the province).
    fn after_copyright(&self, text: &str, start: usize, end: usize) -> bool {
        // (past the years: "Copyright © 2016-2024 Hubei Daily Media")
        let head = text[..start]
            .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '–' | ','));
        if !super::ends_with_copyright_mark(head) {
            return false;
        }
        let Some(next) = text[end..].strip_prefix(' ') else {
            return false;
        };
        if !next.starts_with(|c: char| c.is_ascii_uppercase()) {
            return false;
        }
        // The holder's whole name, to the end of its line or sentence: "Copyright © Zhaoqing
        // Investment Promotion Bureau", "Copyright Jiangsu Aid to Xinjiang Front Command" are
        // bodies of the place.
        let name = &next[..next.find(['.', ',', '\n', '|']).unwrap_or(next.len())];
        !name.split(' ').take(8).any(|w| self.gov_words.contains(w))
    }

    /// True when `text[..pos]` ends with a surname that follows a space, punctuation or a role
    /// word: what comes next is a person's given name ("记者 李湘粤", "讲解员刘长汀").
    fn after_person_surname(&self, text: &str, pos: usize) -> bool {
        let head = &text[..pos];
        let Some(surname) = head.chars().next_back() else {
            return false;
        };
        if !self.zh_surnames.contains(&surname) {
            return false;
        }
        let before = &head[..head.len() - surname.len_utf8()];
        match before.chars().next_back() {
            None => true,
            Some(c) if !is_han(c) => true,
            Some(_) => self.zh_roles.iter().any(|r| before.ends_with(r.as_str())),
        }
    }

    /// True when a person's name starts at `start`: a surname right after a role word of
    /// `zh_person.tsv` and a colon or spaces ("记者：许昌明", "作者 黄冈生"), or a name of three
    /// characters standing alone there, whatever its surname ("（记者 沙雅琴）").
    fn named_after_role(&self, text: &str, start: usize) -> bool {
        let mut chars = text[start..].chars();
        let first = chars.next();
        let surname = first.is_some_and(|c| self.zh_surnames.contains(&c));
        let mut full_name = || {
            first.is_some_and(is_han)
                && chars.by_ref().take(2).all(is_han)
                && !chars.next().is_some_and(is_han)
        };
        if !surname && !full_name() {
            return false;
        }
        let head = text[..start].trim_end_matches([' ', '\u{3000}', '\u{a0}']);
        let Some(head) = head
            .strip_suffix(['：', ':'])
            .or((head.len() < start).then_some(head))
        else {
            return false;
        };
        self.zh_roles.iter().any(|r| head.ends_with(r.as_str()))
    }

    /// True when a Han phrase of `not_regions.tsv` holds `start..end` (雅鲁藏布: not 鲁 and 藏).
    fn in_zh_phrase(&self, text: &str, start: usize, end: usize) -> bool {
        let mut near = Vec::new();
        self.zh_phrases_near(text, start, end, &mut near);
        !near.is_empty()
    }

    /// The one-character forms of the cities and counties a text names in Chinese (厦门 -> 厦,
    /// 宁波 -> 甬): the first character of each, and its conventional form. A character that is
    /// another province's abbreviation (青岛's 青) stays the province's, and one two places
    /// share (临夏 and 临沂) is neither's. One that is its own province's abbreviation (湘西's 湘,
    /// 苏州's 苏) is listed too, but stands for the city only beside another city's form (see
    /// `abbreviation_compounds`). A character of `not_city_forms` (和 of 和田, 长 of 长春) goes
    /// to the forms that count only in a pair (`CityForms::common`).
    fn city_forms_named(&self, mentions: &[Mention]) -> CityForms {
        let mut forms = CityForms::default();
        // how many times the text names division `i`
        let times = |i: usize| {
            let code = &*self.divisions[i].code;
            mentions
                .iter()
                .filter(|m| matches!(&m.value, Value::Region(r) if *r.code == *code))
                .count()
        };
        for m in mentions {
            let Value::Region(r) = &m.value else { continue };
            let Some(first) = m.text.chars().next().filter(|&c| is_han(c)) else {
                continue;
            };
            if r.level == Level::Province || !m.text.chars().nth(1).is_some_and(is_han) {
                continue;
            }
            let Some(&d) = self.by_code.get(&*r.code) else {
                continue;
            };
            let conventional = self.city_forms.iter().filter(|&(_, &i)| i == d);
            for c in std::iter::once(first).chain(conventional.map(|(&c, _)| c)) {
                let province = self.divisions[d].province;
                let other_province = self
                    .abbrevs
                    .get(&c)
                    .is_some_and(|&i| i != CITY_FORM && i != province);
                // Its own province's abbreviation is the city's only in an article about the
                // city more than the province (湘西 named twelve times, 湖南 once; not "苏伊情深"
                // in an article about Jiangsu that names one Suzhou company).
                let province_more =
                    self.abbrevs.get(&c) == Some(&province) && times(province) > times(d);
                // ...and so is another province's abbreviation in an article that names that
                // province more than the city ("昆台合作" in an article on Kunshan and Taiwan
                // that names 台州 once as a supplier's home)
                let other_more =
                    other_province && self.abbrevs.get(&c).is_some_and(|&p| times(p) > times(d));
                if province_more || other_more {
                    continue;
                }
                // Another province's abbreviation (秦 of 秦皇岛 is Shaanxi's) is the city's only
                // in a pair with another city's form and a partner word ("秦葫两市"), as the
                // common characters are.
                let out = match self.not_city_forms.contains(&c) || other_province {
                    true => &mut forms.common,
                    false => &mut forms.forms,
                };
                // (临夏州 and its 临夏市 or 临夏县 share the form: it is the prefecture's, unless
                // the article is about the county, named three times as often: 嘉九协作 in an
                // article on 嘉善 and 九寨沟 that names 嘉兴 once)
                // (a city and a county elsewhere sharing it: the city's, since one-character
                // forms are cities', unless the article names the county three times as often:
                // 津和 in an article on Hotan that names Tianjin's 和平区 once, 浙阿 beside
                // 阿拉尔市)
                let parent = |i: usize| self.divisions[i].parent;
                let city = |i: usize| self.divisions[i].level == Level::Prefecture;
                let county = |i: usize| self.divisions[i].level == Level::County;
                // which of two divisions sharing the form keeps it, if either does
                let keeps = |a: usize, b: usize| match (a, b) {
                    _ if a == b => Some(a),
                    _ if parent(a) == b || parent(b) == a => {
                        let (child, up) = if parent(a) == b { (a, b) } else { (b, a) };
                        Some(if times(child) >= 3 * times(up) {
                            child
                        } else {
                            up
                        })
                    }
                    _ if (city(a) && county(b)) || (city(b) && county(a)) => {
                        let (up, other) = if city(a) { (a, b) } else { (b, a) };
                        (times(other) < 3 * times(up)).then_some(up)
                    }
                    // (two cities sharing it: the one the article names three times as often,
                    // 通 for 南通 named thirteen times beside 通辽 once)
                    _ if times(a) >= 3 * times(b) => Some(a),
                    _ if times(b) >= 3 * times(a) => Some(b),
                    _ => None,
                };
                match out.iter_mut().find(|(k, _)| *k == c) {
                    Some((_, seen)) => *seen = seen.and_then(|s| keeps(s, d)),
                    None => out.push((c, Some(d))),
                }
            }
        }
        forms
    }

    /// "京津冀", "川渝", "黑吉辽": runs of two or more one-character provincial abbreviations
    /// outside any full name; each character is its own mention. A city's form (`cities`) joins
    /// a run only when a word of `city_context` follows it ("厦临两地", "沪遵协作"), and counts
    /// alone only after a context word that admits every abbreviation ("赴厦").
    fn abbreviation_compounds(
        &self,
        text: &str,
        cands: &[Candidate],
        kept: &[Mention],
        dropped: &[(usize, usize)],
        named: &CityForms,
    ) -> Vec<Mention> {
        let cities = &named.forms;
        if self.abbrevs.is_empty() || text.is_ascii() {
            return Vec::new();
        }
        let mut out = Vec::new();
        // (position, character, division, whether it is a city's form)
        let mut run: Vec<(usize, char, usize, bool)> = Vec::new();
        // The division a character is a short form of here, and whether as a city's form: a
        // province's abbreviation first, else a city the text names (`cities`).
        // A province's abbreviation that is also a named city's form (宁 of 南京) is the city's
        // in an article that names no place of the province: "西宁赴宁招商" goes to Nanjing.
        let province_named = |i: usize| {
            let code = &*self.divisions[i].code;
            kept.iter()
                .any(|m| matches!(&m.value, Value::Region(r) if *r.province_code == *code))
        };
        let form = |c: char| match self.abbrevs.get(&c) {
            Some(&i) if i != CITY_FORM => match named.common.iter().find(|(k, _)| *k == c) {
                Some(&(_, Some(d))) if !province_named(i) => Some((d, true)),
                _ => Some((i, false)),
            },
            _ => cities
                .iter()
                .find(|(k, _)| *k == c)
                .and_then(|&(_, d)| d)
                .map(|d| (d, true)),
        };
        // A name left out, made of forms before a partner word, is the pair, not the name:
        // "龙凤两地" with 龙山 and 来凤 named is the two counties, not Daqing's 龙凤区 written bare.
        let pair_of_forms = |s: usize, e: usize| {
            text[s..e].chars().all(|c| form(c).is_some())
                && self
                    .city_context
                    .iter()
                    .any(|w| text[e..].starts_with(w.as_str()))
        };
        let covered = |pos: usize| {
            cands.iter().any(|c| {
                c.start <= pos
                    && pos < c.end
                    && (!pair_of_forms(c.start, c.end) || kept.iter().any(|m| m.start == c.start))
            }) || dropped
                .iter()
                .any(|&(s, e)| s <= pos && pos < e && !pair_of_forms(s, e))
        };
        // A partner word after the run, or after a list of more pairs ("渝昌、闽昌协作").
        let partners = |run: &[(usize, char, usize, bool)]| {
            run.last().is_some_and(|&(p, c, ..)| {
                let mut rest = &text[p + c.len_utf8()..];
                while let Some(r) = rest.strip_prefix('、') {
                    let n = r.chars().take_while(|&c| form(c).is_some()).count();
                    if n < 2 {
                        break;
                    }
                    rest = &r[r.char_indices().nth(n).map_or(r.len(), |(i, _)| i)..];
                }
                // a pair in quotes or brackets names the pairing: “沪连”文旅季, “虞仪”协作,
                // “泸永江”, 黄河下游（濮菏聊）
                let quoted = run.len() >= 2
                    && ((text[..run[0].0].ends_with('“') && rest.starts_with('”'))
                        || (text[..run[0].0].ends_with('（') && rest.starts_with('）')));
                // (the partner word may stand in quotes: 温鹰“飞地”产业园)
                let rest = rest.strip_prefix('“').unwrap_or(rest);
                quoted
                    || self
                        .city_context
                        .iter()
                        .any(|w| rest.starts_with(w.as_str()))
            })
        };
        // Whether a run of forms before `rest` names a line between or around its places
        // (see `accept`).
        let route_after = |rest: &str| {
            // (a named train or route in quotes may have words before its 班列 or 航线:
            // “津甘”海铁联运班列, “福马”货运航线)
            let quoted_train = rest.strip_prefix('”').is_some_and(|r| {
                r.char_indices()
                    .take(8)
                    .take_while(|&(_, c)| is_han(c))
                    .any(|(i, _)| r[i..].starts_with("班列") || r[i..].starts_with("航线"))
            });
            quoted_train
                || (rest.starts_with('线') && !rest['线'.len_utf8()..].starts_with(['上', '下']))
                || [
                    "城际",
                    "中线",
                    "环线",
                    "大环线",
                    "号",
                    "班列",
                    "大桥",
                    "峡谷",
                    "直达",
                    "航线",
                ]
                .iter()
                .any(|w| rest.starts_with(w))
                // (a ship's number: “渝申1号”; the digit asked first, as this runs for every run)
                || (rest.starts_with(|c: char| c.is_ascii_digit())
                    && rest
                        .trim_start_matches(|c: char| c.is_ascii_digit())
                        .starts_with('号'))
        };
        // Whether `run` (a run, or a piece of one) counts.
        let accept = |run: &[(usize, char, usize, bool)]| {
            let after = run.last().map(|&(p, c, _, _)| &text[p + c.len_utf8()..]);
            let has_city = run.iter().any(|r| r.3);
            let alone_ok = run.len() == 1
                && self
                    .abbrev_context
                    .at(text, run[0].0, run[0].1)
                    .any(|(v, only)| {
                        let (pos, ch, _, city) = run[0];
                        let fits = context_fits(text, pos, ch, v);
                        // ("!新": every abbreviation and city form but these; a city's form, often a
                        // common character, counts after a word, never before one: 赴厦, not 和商)
                        let admits = match only.strip_prefix('!') {
                            Some(not) => !not.contains(ch),
                            None if city => {
                                (only.is_empty() || only.contains(ch)) && !v.starts_with('>')
                            }
                            None => only.is_empty() || only.contains(ch),
                        };
                        fits && admits
                    });
            // A province's short form as an item of a list of them that ends in 等地 or 等省,
            // or counts its places: "赴沪、苏、浙等地就业", "在京、津两地住院".
            let listed = || {
                run.len() == 1 && !has_city && {
                    let province = |c: char| self.province_form(c);
                    let (pos, ch, ..) = run[0];
                    let mut rest = &text[pos + ch.len_utf8()..];
                    let mut items = usize::from(
                        text[..pos].ends_with('、')
                            && text[..pos - '、'.len_utf8()].ends_with(province),
                    );
                    while let Some(r) = rest.strip_prefix('、')
                        && r.starts_with(province)
                    {
                        rest = &r[r.chars().next().map_or(0, char::len_utf8)..];
                        items += 1;
                    }
                    // (three or more forms listed are places whatever follows: "与沪、苏、浙
                    // 旅行社联合开发")
                    const LIST_ENDS: [&str; 11] = [
                        "等地",
                        "等省",
                        "等省市",
                        "等省份",
                        "等地区",
                        "两地",
                        "三地",
                        "两省",
                        "三省",
                        "两省市",
                        "三省市",
                    ];
                    items >= 2 || (items > 0 && LIST_ENDS.iter().any(|w| rest.starts_with(w)))
                }
            };
            if !((run.len() >= 2 && (!has_city || partners(run))) || alone_ok || listed()) {
                return false;
            }
            // A province's form and a compass word name a macro-area even before a partner
            // word: "皖南两市" is two cities of southern Anhui, as 苏北, 陕南 and 闽西 are
            // areas (a city's form is never a bare compass word: 南京's is 宁).
            if run.len() == 2 && !run[0].3 && ['东', '西', '南', '北'].contains(&run[1].1) {
                return false;
            }
            // (a lone abbreviation opening a company's name: 浙商银行, not 浙商)
            let excluded = after.is_some_and(|rest| {
                // (a run's ports are the provinces' own, 沪苏浙皖港口群, where one place
                // before 港口 names a port; a run before 线 names a route, “浙川线”, but not
                // before 线上 or 线下, online and offline, and so does one before 城际, an
                // intercity railway: 京津城际)
                // (and its banks: 港澳银行 are Hong Kong's and Macao's banks, not one bank)
                let ports =
                    run.len() >= 2 && (rest.starts_with("港口") || rest.starts_with("银行"));
                // (and before 中线 or 环线, a line between or around them, "成渝中线高铁",
                // “滇藏川大环线”, and before 号 or 班列, a named train: “闽宁号”, “苏新班列”, or
                // 大桥, a bridge named by its ends: 港珠澳大桥, or 航线, an air route: 沪黔航线)
                let route = run.len() >= 2 && route_after(rest);
                // (a lone form, then one character before a road's or railway's word, is a
                // route named by its ends with a place that has no form: 沪昆高速, 京昆高铁)
                let mut chars = rest.chars();
                let route_by_ends = run.len() == 1
                    && chars.next().is_some_and(is_han)
                    && ROUTE_WORDS.iter().any(|w| chars.as_str().starts_with(w));
                // (a lone form before a compass word names a macro-area, 在闽东北, 苏北地区, as
                // 长三角 does, unless a name opens there: 在沪南京路 is no macro-area)
                let compass = run.len() == 1
                    && rest.starts_with(['东', '西', '南', '北'])
                    && !kept.iter().any(|m| text.len() - rest.len() == m.start);
                // (a product is a variety of one place: a run before its word is the places'
                // topic, "川渝石刻文化旅游联盟", not a variety's name)
                (self.not_next_zh.opens_after(rest, run.len() >= 2) && !ports)
                    || route
                    || route_by_ends
                    || compass
                    || rest.starts_with("ICP")
                    || rest.starts_with("公网安备")
                    // (a run opens a company's name before its company word when it names
                    // the grid, 川渝电网公司, or follows the company's city, 北京京丰农业科技有限公司)
                    || (self.company_zh_ahead(rest)
                        && (run.len() == 1
                            || rest.starts_with("电网")
                            || run
                                .first()
                                .is_some_and(|&(p, ..)| self.ends_with_place(&text[..p]))))
            });
            let person = run
                .first()
                .is_some_and(|&(pos, ..)| self.after_person_surname(text, pos));
            !excluded && !person
        };
        let flush = |run: &mut Vec<(usize, char, usize, bool)>, out: &mut Vec<Mention>| {
            // A run of cities' forms before a route's word names the route, before the run
            // is taken apart below ("厦漳泉城际铁路"; its pieces alone would each be read).
            if run.len() >= 2
                && let Some(&(p, c, ..)) = run.last()
                && route_after(&text[p + c.len_utf8()..])
            {
                run.clear();
                return;
            }
            // The last character opening a word is the word's ("港澳青年": youth, not Qinghai),
            // except right after 援: "援藏医疗队" is aid to Tibet, not Tibetan medicine.
            while let Some(&(p, ..)) = run.last()
                && self
                    .abbrev_words
                    .iter()
                    .any(|w| text[p..].starts_with(w.as_str()))
                && !(run.len() == 1 && text[..p].ends_with('援'))
            {
                run.pop();
            }
            // ...and the first character closing a word is that word's: "平台企业", "创新企业"
            while let Some(&(p, ..)) = run.first()
                && self.closes_word(text, p)
            {
                run.remove(0);
            }
            // A province's abbreviation read as a named city's form (港 with 港口区 named, 宁
            // with 南京) is the province's again beside two provinces' abbreviations: 粤港澳.
            if run.iter().filter(|r| !r.3).count() >= 2 {
                for r in run.iter_mut().filter(|r| r.3) {
                    if let Some(&i) = self.abbrevs.get(&r.1).filter(|&&i| i != CITY_FORM) {
                        (r.2, r.3) = (i, false);
                    }
                }
            }
            // A run with a city's form and no partner word after it is taken apart: each city
            // form alone, the provinces between them as runs of their own ("粤桂东西部" with
            // 东莞 named: 粤 and 桂, not 东; "湘企在吐新增投资": 吐 alone).
            let pieces: Vec<&[(usize, char, usize, bool)]> =
                if run.len() > 1 && run.iter().any(|r| r.3) && !partners(run) {
                    run.chunk_by(|a, b| !a.3 && !b.3).collect()
                } else {
                    vec![&run[..]]
                };
            for piece in pieces {
                if !piece.is_empty() && accept(piece) {
                    // Beside a city's form the partner is a city too: "济湘协作" with 济南 and
                    // 湘西州 named is Jinan and Xiangxi, where "鲁湘两省" is Shandong and Hunan.
                    let cities_paired = piece.iter().any(|r| r.3) && partners(piece);
                    for &(pos, ch, d, is_city) in piece {
                        let city = (cities_paired && !is_city)
                            .then(|| {
                                cities
                                    .iter()
                                    .chain(&named.common)
                                    .find(|(k, _)| *k == ch)
                                    .and_then(|&(_, c)| c)
                            })
                            .flatten()
                            // (not a city holding another form of the run: "湘鄂龙凤" pairs
                            // 龙山, in 湘西, with 来凤, in Hubei, and 湘鄂 are their provinces)
                            .filter(|&c| {
                                !piece.iter().any(|&(.., o, oc)| {
                                    oc && o != c && self.divisions[o].parent == c
                                })
                            });
                        out.push(self.character_mention(text, pos, ch, city.unwrap_or(d)));
                    }
                }
            }
            run.clear();
        };
        // Only characters outside ASCII can be abbreviations, and an English article has few
        // (its Chinese footer): ASCII is skipped eight bytes at a time. Decoding and testing every
        // character was a quarter of region extraction. A run of abbreviations ends at any other
        // character, i.e. wherever the next one does not start right where the last one ended.
        let mut at = 0;
        let mut run_end = 0;
        while let Some(pos) = next_non_ascii(text.as_bytes(), at) {
            let ch = text[pos..]
                .chars()
                .next()
                .expect("a non-ASCII byte here starts a character");
            at = pos + ch.len_utf8();
            // (a context row that names a province's character keeps it the province's where
            // the text names a city it opens: 台资 in an article on 台州 is Taiwan's capital)
            let member = match form(ch) {
                Some((_, true))
                    if let Some(&p) = self.abbrevs.get(&ch).filter(|&&p| p != CITY_FORM)
                        && self.abbrev_context.at(text, pos, ch).any(|(v, only)| {
                            !only.starts_with('!')
                                && only.contains(ch)
                                && context_fits(text, pos, ch, v)
                        }) =>
                {
                    Some((p, false))
                }
                m => m,
            };
            // A city compound (成渝) is taken whole, its characters no run of their own; a
            // city's form outside its compounds is the word it also is (成本), unless the text
            // names the city (`cities`).
            // (a name the document gave no support to does not hide a compound: 兰西城市群 is
            // Lanzhou and Xining, not the county 兰西 of Heilongjiang)
            let taken = |p: usize| {
                kept.iter().any(|m| m.start <= p && p < m.end)
                    || dropped.iter().any(|&(s, e)| s <= p && p < e)
            };
            // (a compound, or the run of short forms it opens, before 高铁 or 铁路 names a
            // railway, as a run of provinces does: 沪杭甬高速公路; both are asked, as the run
            // may go on past a word the compound opens: 郑开大道, where 大 is 乌大张's)
            // (a word that opens after the compound is no port or route: 深赣港产城, port,
            // industry and city)
            let blocks = |rest: &str| {
                self.not_next_zh.opens(rest)
                    && !self
                        .abbrev_words
                        .iter()
                        .any(|w| rest.starts_with(w.as_str()))
            };
            let route = || {
                let run_end = text[pos..]
                    .char_indices()
                    .find(|&(_, c)| !self.abbrevs.contains_key(&c))
                    .map_or(text.len(), |(i, _)| pos + i);
                blocks(&text[run_end..])
            };
            if self.abbrevs.contains_key(&ch)
                && let Some((word, codes)) = self
                    .compounds_by_first
                    .get(&ch)
                    .into_iter()
                    .flatten()
                    .map(|&i| &self.city_compounds[i])
                    .find(|(w, _)| {
                        text[pos..].starts_with(w.as_str())
                            && !(pos..pos + w.len()).any(taken)
                            && !self.in_zh_phrase(text, pos, pos + w.len())
                            && !blocks(&text[pos + w.len()..])
                            && !route_after(&text[pos + w.len()..])
                    })
                && !route()
            {
                flush(&mut run, &mut out);
                for ((k, c), &d) in word.char_indices().zip(codes) {
                    out.push(self.character_mention(text, pos + k, c, d));
                }
                at = pos + word.len();
                continue;
            }
            if let Some((d, is_city)) = member
                && !covered(pos)
                && !self.in_zh_phrase(text, pos, at)
            {
                if pos != run_end && !run.is_empty() {
                    flush(&mut run, &mut out);
                }
                run.push((pos, ch, d, is_city));
                run_end = at;
            }
        }
        flush(&mut run, &mut out);
        // A common character that is a named city's form (和 of 和田, 长 of 长春) counts only in
        // a pair with another place's form, with a partner word after it or quotes around it:
        // "津和携手", "哈长城市群", “宝环同行”.
        for &(w, d) in &named.common {
            let Some(d) = d else { continue };
            for (p, _) in text.match_indices(w) {
                let e = p + w.len_utf8();
                // (a form beside it, and no third one beyond that)
                let member =
                    |c: Option<char>| c.and_then(|c| form(c).map(|(d, city)| (c, d, city)));
                let pair = match (
                    member(text[..p].chars().next_back()),
                    member(text[e..].chars().next()),
                ) {
                    (Some((b, bd, city)), _) if member(text[..p].chars().nth_back(1)).is_none() => {
                        [(p - b.len_utf8(), b, bd, city), (p, w, d, true)]
                    }
                    (_, Some((a, ad, city))) if member(text[e..].chars().nth(1)).is_none() => {
                        [(p, w, d, true), (e, a, ad, city)]
                    }
                    _ => continue,
                };
                if !partners(&pair) {
                    continue;
                }
                let free = pair.iter().all(|&(q, c, ..)| {
                    !covered(q)
                        && !self.in_zh_phrase(text, q, q + c.len_utf8())
                        && !out.iter().any(|m: &Mention| m.start == q)
                });
                if free {
                    run.extend(pair);
                    flush(&mut run, &mut out);
                }
            }
        }
        out.sort_by_key(|m| m.start);
        out
    }
}

/// The one-character forms of the cities a text names (see `city_forms_named`): `forms` count
/// as the city in runs of short forms, `common` (characters that are also common words) only in
/// a pair.
#[derive(Default)]
struct CityForms {
    forms: Vec<(char, Option<usize>)>,
    common: Vec<(char, Option<usize>)>,
}

impl RegionMatcher {
    /// The one-character short form `ch` at `pos`, a mention of division `i`.
    fn character_mention(&self, text: &str, pos: usize, ch: char, i: usize) -> Mention {
        Mention::at(
            text,
            pos,
            pos + ch.len_utf8(),
            Value::Region(self.value(i, ch.to_string().into(), false, Vec::new())),
        )
    }
}

/// Whether the words just before `start` set the name after them against the place meant:
/// "should not be confused with Taizhou in Zhejiang", "mix us up with Yichun in Jiangxi",
/// "与江西宜春混淆".
/// The rows of abbrev_context.tsv, kept by the character they ask for beside the abbreviation
/// (the last one of the text before it, or the first one after it): a lone abbreviation asks
/// the few rows its neighbours can fit, not all eighty.
struct AbbrevContexts {
    rows: Vec<(String, String)>,
    before: FastMap<char, Vec<usize>>,
    after: FastMap<char, Vec<usize>>,
}

impl AbbrevContexts {
    fn new(rows: Vec<(String, String)>) -> AbbrevContexts {
        let (mut before, mut after) = (FastMap::default(), FastMap::default());
        for (i, (v, _)) in rows.iter().enumerate() {
            let key = match (v.strip_prefix('>'), v.split_once('_')) {
                (Some(next), _) => next.chars().next().map(|c| (c, &mut after)),
                (None, Some((head, _))) => head.chars().next_back().map(|c| (c, &mut before)),
                (None, None) => v.chars().next_back().map(|c| (c, &mut before)),
            };
            if let Some((c, map)) = key {
                map.entry(c).or_insert_with(Vec::new).push(i);
            }
        }
        AbbrevContexts {
            rows,
            before,
            after,
        }
    }

    /// The rows that may fit the abbreviation `ch` at `pos` (see [`context_fits`]).
    fn at<'a>(
        &'a self,
        text: &str,
        pos: usize,
        ch: char,
    ) -> impl Iterator<Item = &'a (String, String)> + 'a {
        let prev = text[..pos].chars().next_back();
        let next = text[pos + ch.len_utf8()..].chars().next();
        let pick = |map: &'a FastMap<char, Vec<usize>>, c: Option<char>| {
            c.and_then(|c| map.get(&c)).map_or(&[][..], Vec::as_slice)
        };
        pick(&self.before, prev)
            .iter()
            .chain(pick(&self.after, next))
            .map(|&i| &self.rows[i])
    }
}

/// Whether the abbreviation `ch` at `pos` stands in the context `v` of abbrev_context.tsv:
/// the text before it ends with `v`, or after it opens with `v` written ">next", or both sides
/// fit `v` written "head_tail" ("来_考察" is 来哈考察).
fn context_fits(text: &str, pos: usize, ch: char, v: &str) -> bool {
    let after = &text[pos + ch.len_utf8()..];
    match (v.strip_prefix('>'), v.split_once('_')) {
        (Some(next), _) => after.starts_with(next),
        (None, Some((head, tail))) => text[..pos].ends_with(head) && after.starts_with(tail),
        (None, None) => text[..pos].ends_with(v),
    }
}

/// Whether the text from `from` to `to` stays in one sentence (no Chinese stop, line's end or
/// English full stop before a space) and reports speech: what follows it is someone's words.
/// Whether the name at `start..end` is a Chinese wire dateline's: after the agency
/// ("新华社", "中新社", "中新网") and before the day it was filed ("7月18日电").
fn zh_dateline(text: &str, start: usize, end: usize) -> bool {
    const AGENCIES: [&str; 4] = ["新华社", "中新社", "中新网", "新华网"];
    if !AGENCIES.iter().any(|a| text[..start].ends_with(a)) {
        return false;
    }
    let rest = &text[end..];
    let rest = &rest[..rest.floor_char_boundary(24)];
    rest.starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        && rest
            .split_once('月')
            .is_some_and(|(_, r)| r.contains("日电"))
}

fn reported_by(text: &str, from: usize, to: usize) -> bool {
    const SPEECH: [&str; 10] = [
        "介绍", "表示", "指出", "透露", "称", "说", " said", " says", " told", " noted",
    ];
    let gap = match text.get(from..to) {
        Some(g) if g.len() <= 160 => g,
        _ => return false,
    };
    !gap.contains(['。', '！', '？', '；', '\n'])
        && !gap.contains(". ")
        && SPEECH.iter().any(|w| gap.contains(w))
}

fn contrasted(text: &str, start: usize) -> bool {
    const CUES: [&str; 7] = [
        "confused with ",
        "confuse it with ",
        "mix us up with ",
        "mixed up with ",
        "mistaken for ",
        "unlike ",
        "混淆",
    ];
    let mut from = start.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let head = &text[from..start];
    CUES.iter().any(|c| head.contains(c))
}

/// Whether `text` opens with a stock ticker in brackets: "(0152.HK)", "(600519.SH)", or in
/// Chinese brackets a code of five or six digits alone ("（00152）", "（600519）"; four would be
/// a year).
fn ticker_opens(text: &str) -> bool {
    let Some(r) = text.strip_prefix(['(', '（']) else {
        return false;
    };
    let digits = r.bytes().take_while(u8::is_ascii_digit).count();
    (3..=6).contains(&digits)
        && (["HK", "SH", "SZ", "SS"].iter().any(|x| {
            r[digits..]
                .strip_prefix('.')
                .and_then(|t| t.strip_prefix(x))
                .is_some_and(|t| t.starts_with([')', '）']))
        }) || (digits >= 5 && r[digits..].starts_with('）')))
}

/// Whether a Chinese company's name, up to four characters after a place's name, stands before
/// its ticker: "深圳国际（00152）".
fn zh_ticker_after(rest: &str) -> bool {
    let mut r = rest;
    for _ in 0..5 {
        if ticker_opens(r) {
            return true;
        }
        match r.chars().next() {
            Some(c) if is_han(c) => r = &r[c.len_utf8()..],
            _ => return false,
        }
    }
    false
}

/// Words of roads and railways: after a run of places' forms they make the run a route's name.
const ROUTE_WORDS: [&str; 6] = ["高速", "高铁", "铁路", "城际", "公路", "航线"];

/// The value in `abbrevs` of a character that is only a city's form inside `city_compounds`.
const CITY_FORM: usize = usize::MAX;

/// The first byte at or after `from` that is not ASCII, testing eight bytes at a time.
fn next_non_ascii(bytes: &[u8], mut from: usize) -> Option<usize> {
    while from + 8 <= bytes.len() {
        let marks = swar::high(swar::load(bytes, from));
        if marks != 0 {
            return Some(from + swar::first(marks));
        }
        from += 8;
    }
    bytes
        .get(from..)?
        .iter()
        .position(|b| !b.is_ascii())
        .map(|i| from + i)
}

/// The gazetteer's names as two automata, searched the way each kind of name can occur.
///
/// A Latin name counts only where a word starts (`on_word_boundaries`), and few bytes of a
/// text start a word with a letter some name starts with: the Latin automaton is searched
/// anchored at those places only, instead of stepping through every byte of the text. Han
/// names have no word boundaries: their automaton steps through the text from the first byte
/// that can start one, and not at all through a text with none (most English articles).
/// Both keep the gazetteer's leftmost-longest reading: the longest name at each start, and no
/// name starting inside one already found.
struct Names {
    latin: AhoCorasick,
    /// Bytes a Latin name starts with.
    latin_first: [bool; 256],
    /// Alias index of each Latin pattern.
    latin_alias: Vec<usize>,
    /// Every byte a Latin name starts with is an ASCII capital or not ASCII: the search for
    /// places to try skips eight bytes at a time (true for the embedded dictionaries).
    latin_caps: bool,
    han: AhoCorasick,
    han_first: [bool; 256],
    /// Every byte a Han name starts with is not ASCII (always true of a Han character).
    han_high: bool,
    han_alias: Vec<usize>,
    /// Bytes of the longest Han name.
    han_longest: usize,
}

impl Names {
    /// `surfaces[i]` is the surface of alias `i`.
    fn build(surfaces: &[&str]) -> Names {
        let mut latin_first = [false; 256];
        let mut han_first = [false; 256];
        let (mut latin_alias, mut han_alias) = (Vec::new(), Vec::new());
        let mut han_longest = 0;
        for (i, surface) in surfaces.iter().enumerate() {
            let Some(&b) = surface.as_bytes().first() else {
                continue;
            };
            if surface.chars().any(is_han) {
                han_first[usize::from(b)] = true;
                han_longest = han_longest.max(surface.len());
                han_alias.push(i);
            } else {
                latin_first[usize::from(b)] = true;
                latin_alias.push(i);
            }
        }
        let surfaces = |ids: &[usize]| ids.iter().map(|&i| surfaces[i]).collect::<Vec<_>>();
        // The default (contiguous NFA) kind for both: a DFA searched no faster here
        // (benches/stages.rs) and tripled start-up.
        let latin = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(surfaces(&latin_alias))
            .expect("the Latin gazetteer automaton builds");
        let han = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(surfaces(&han_alias))
            .expect("the Han gazetteer automaton builds");
        let latin_caps = (0..=255u8)
            .all(|b| !latin_first[usize::from(b)] || b.is_ascii_uppercase() || !b.is_ascii());
        let han_high = (0..=127u8).all(|b| !han_first[usize::from(b)]);
        Names {
            latin,
            latin_first,
            latin_alias,
            latin_caps,
            han,
            han_first,
            han_high,
            han_alias,
            han_longest,
        }
    }

    /// Every name in `text` as (start, end, alias index), by start, none overlapping.
    fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        let mut han = Vec::new();
        if let Some(first) = self.first_han(bytes) {
            let input = Input::new(text).span(first..text.len());
            for m in self.han.find_iter(input) {
                han.push((m.start(), m.end(), self.han_alias[m.pattern().as_usize()]));
            }
        }
        let mut latin = Vec::new();
        let mut at = 0;
        while let Some(p) = self.next_latin(bytes, at) {
            if starts_word(text, p) {
                let input = Input::new(text).span(p..text.len()).anchored(Anchored::Yes);
                if let Some(m) = self.latin.find(input) {
                    latin.push((m.start(), m.end(), self.latin_alias[m.pattern().as_usize()]));
                    at = m.end();
                    continue;
                }
            }
            at = p + 1;
        }
        if han.is_empty() {
            return latin;
        }
        if latin.is_empty() {
            return han;
        }
        // The two never overlap (no Latin name holds a Han character), but the merge keeps
        // the leftmost-longest reading should a dictionary ever make them.
        let mut all = latin;
        all.extend(han);
        all.sort_unstable_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        let mut end = 0;
        all.retain(|&(s, e, _)| {
            let keep = s >= end;
            if keep {
                end = e;
            }
            keep
        });
        all
    }

    /// The first byte that can start a Han name.
    fn first_han(&self, bytes: &[u8]) -> Option<usize> {
        if !self.han_high {
            return bytes.iter().position(|&b| self.han_first[usize::from(b)]);
        }
        let mut from = 0;
        loop {
            let p = next_non_ascii(bytes, from)?;
            if self.han_first[usize::from(bytes[p])] {
                return Some(p);
            }
            from = p + 1;
        }
    }

    /// The first byte at or after `from` that can start a Latin name.
    fn next_latin(&self, bytes: &[u8], mut from: usize) -> Option<usize> {
        loop {
            if self.latin_caps {
                while from + 8 <= bytes.len() {
                    let word = swar::load(bytes, from);
                    if swar::within(word, b'A', b'Z') | swar::high(word) != 0 {
                        break;
                    }
                    from += 8;
                }
            }
            // a word that may hold one, byte by byte (all the rest without the shortcut)
            let end = match self.latin_caps {
                true => (from + 8).min(bytes.len()),
                false => bytes.len(),
            };
            let window = bytes.get(from..end)?;
            if let Some(i) = window
                .iter()
                .position(|&b| self.latin_first[usize::from(b)])
            {
                return Some(from + i);
            }
            if end == bytes.len() {
                return None;
            }
            from = end;
        }
    }
}

/// True when a word can start at `at`: no letter or digit (other than a Han character) is
/// glued before it, as `on_word_boundaries` asks of a Latin name's start.
fn starts_word(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => true,
        Some(&b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        Some(_) => !text[..at].chars().next_back().is_some_and(glues),
    }
}

/// True when `text[start..end]` is not glued to letters or digits on either side.
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    starts_word(text, start) && !text[end..].chars().next().is_some_and(glues) && {
        // an apostrophe inside a word glues too ("Jian'ge" is no "Jian"); a possessive does not
        let mut after = text[end..].chars();
        !(matches!(after.next(), Some('\'' | '’'))
            && match (after.next(), after.next()) {
                (Some('s'), next) => next.is_some_and(glues),
                (next, _) => next.is_some_and(glues),
            })
    }
}

/// Adds the `variants` of each alias's surface as aliases of the same places, where no alias
/// has that surface yet.
fn add_variants(surfaces: &mut FastMap<String, Alias>, variants: impl Fn(&Alias) -> Vec<String>) {
    let new: Vec<Alias> = surfaces
        .values()
        .flat_map(|a| {
            variants(a).into_iter().map(|surface| Alias {
                surface,
                ..a.clone()
            })
        })
        .filter(|a| !surfaces.contains_key(&a.surface))
        .collect();
    for a in new {
        surfaces.insert(a.surface.clone(), a);
    }
}

/// A letter or digit other than a Han character: what glues a Latin name to a word.
fn glues(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

/// The word after position `end`, past one space.
fn next_word(text: &str, end: usize) -> Option<&str> {
    let rest = text[end..].strip_prefix(' ')?;
    let stop = rest
        .find(|c: char| c.is_whitespace() || (c != '.' && c.is_ascii_punctuation()))
        .unwrap_or(rest.len());
    (stop > 0).then(|| &rest[..stop])
}

/// Where the words of a power line's voltage after `end` stop ("±800 kV UHV DC", "1,000-kV",
/// "800-kilovolt"); `end` itself when none follows.
fn past_voltage(text: &str, end: usize) -> usize {
    const WORDS: [&str; 12] = [
        "kV",
        "kv",
        "kilovolt",
        "UHV",
        "UHVDC",
        "UHVAC",
        "HVDC",
        "DC",
        "AC",
        "ultra-high-voltage",
        "direct-current",
        "alternating-current",
    ];
    let mut pos = end;
    while let Some(rest) = text[pos..].strip_prefix(' ') {
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = rest[..len].trim_matches(['(', ')']);
        let unit = word
            .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '±' | ',' | '.'))
            .trim_start_matches('-');
        let voltage = match word[..word.len() - unit.len()].contains(|c: char| c.is_ascii_digit()) {
            true => unit.is_empty() || WORDS.contains(&unit),
            false => WORDS.contains(&word),
        };
        if !voltage || len == 0 {
            break;
        }
        pos += 1 + len;
    }
    pos
}

/// Whether `start..end` stands alone between the separators of a site's menu or breadcrumb,
/// after its "Home" ("Home | News | Xizang Today | Travel", "Home > News > Hunan Today"): a
/// section of the site named after the place, which counts, as "Zhejiang News" in a menu does,
/// where the same words in a byline ("By Li Yulin | Hubei Daily | Updated") name the outlet.
fn menu_item(text: &str, start: usize, end: usize) -> bool {
    const SEPARATORS: [char; 4] = ['|', '>', '›', '»'];
    let before = text[..start].trim_end_matches(' ');
    let after = text[end..].trim_start_matches(' ');
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = &before[line_start..];
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    before.ends_with(SEPARATORS)
        && (line
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.eq_ignore_ascii_case("home"))
            || menu_bar(&text[line_start..line_end]))
        && (after.is_empty()
            || after.starts_with(SEPARATORS)
            || after.starts_with(['\n', '\r'])
            || !after.starts_with(|c: char| c.is_ascii()))
}

/// Whether the Chinese name at `start..end` stands in a list: after 、, 与, 和 or 及, or
/// before 、.
fn listed_zh(text: &str, start: usize, end: usize) -> bool {
    text[..start].ends_with(['、', '与', '和', '及']) || text[end..].starts_with('、')
}

/// Whether a line is a site's menu bar with no "Home" in it ("News | Business | Culture |
/// Hubei Today | Photos"): four or more short items between one kind of separator, none with a
/// digit or a colon, which a byline's items ("Editor: Li | Updated: 2024-06-12 | Source: GX
/// Today") and a masthead's two ("HAINAN TODAY | English") do not make.
fn menu_bar(line: &str) -> bool {
    let mut items = 0;
    for item in line.split('|') {
        if item.len() > 32 || item.contains(|c: char| c.is_ascii_digit() || c == ':') {
            return false;
        }
        items += usize::from(!item.trim().is_empty());
    }
    items >= 4
}

/// The word before position `start`, past one space.
fn prev_word(text: &str, start: usize) -> Option<&str> {
    let head = text[..start].strip_suffix(' ')?;
    let from = head
        .rfind(|c: char| !c.is_alphabetic())
        .map(|i| i + head[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    (from < head.len()).then(|| &head[from..])
}

/// What stands between two items of a list of places.
const LIST_JOINS: [&str; 11] = [
    ", ",
    ",",
    " and ",
    ", and ",
    " and the ",
    " & ",
    "、",
    "和",
    "及",
    "与",
    "，",
];

/// Words after "city" that make it part of a grouping's name rather than the city's generic
/// word ("the Lanzhou-Xining city cluster", "the Chengdu-Chongqing city circle"), or of a
/// part of the city ("near Puer city center", its downtown).
const GROUPINGS: [&str; 10] = [
    "cluster",
    "clusters",
    "circle",
    "belt",
    "group",
    "agglomeration",
    "center",
    "centre",
    "centers",
    "centres",
];

/// Words looked for at one place of the text, kept by their first character: a Chinese name
/// asks whether one of forty words follows it, and comparing each was most of the string
/// comparisons of the region stage. An exception (`true`) is a longer text in which a word
/// does not count: 高铁 makes "上海高铁" a railway's name, but not in "上海高铁车程".
#[derive(Default)]
struct Prefixes(FastMap<char, Vec<(String, Row)>>);

/// What a row of [`Prefixes`] does.
#[derive(Clone, Copy, PartialEq)]
enum Row {
    /// Text after a name that opens with it excludes the name.
    Word,
    /// ...unless it opens with this longer text.
    Exception,
    /// A word only after a bare name: a product named by its place ("福鼎白茶"), which a full
    /// name before it locates instead ("青川县白茶种植面积").
    BareOnly,
}

impl Prefixes {
    fn push(&mut self, word: String) {
        self.insert(word, Row::Word);
    }

    fn push_exception(&mut self, text: String) {
        self.insert(text, Row::Exception);
    }

    fn insert(&mut self, word: String, row: Row) {
        if let Some(c) = word.chars().next() {
            self.0.entry(c).or_default().push((word, row));
        }
    }

    /// Whether `rest` starts with one of the words, and with none of the exceptions.
    fn opens(&self, rest: &str) -> bool {
        self.opens_after(rest, false)
    }

    /// [`Prefixes::opens`] after a name, full (with its generic word) or bare.
    fn opens_after(&self, rest: &str, full: bool) -> bool {
        let Some(words) = rest.chars().next().and_then(|c| self.0.get(&c)) else {
            return false;
        };
        let word = |r: Row| r == Row::Word || (r == Row::BareOnly && !full);
        let starts = |exception: bool| {
            words.iter().any(|(w, r)| {
                (*r == Row::Exception) == exception
                    && (exception || word(*r))
                    && rest.starts_with(w.as_str())
            })
        };
        starts(false) && !starts(true)
    }
}

/// The level a lowercase generic word and "of" right before `start` name: "the city of
/// Kashgar", "the province of Hainan".
fn level_before(text: &str, start: usize) -> Option<SuffixLevel> {
    if prev_word(text, start)? != "of" {
        return None;
    }
    // (lowercase only: in "Binhai County of Yancheng" the word ends another name)
    match prev_word(text, start - " of".len())? {
        "city" => Some(SuffixLevel::Any),
        "province" => Some(SuffixLevel::Level(Level::Province)),
        "prefecture" => Some(SuffixLevel::Level(Level::Prefecture)),
        "county" => Some(SuffixLevel::Level(Level::County)),
        _ => None,
    }
}

/// Whether a preposition of place ("in", "to", "from", "at", "near") stands right before `start`.
fn after_place_preposition(text: &str, start: usize) -> bool {
    prev_word(text, start).is_some_and(|w| {
        ["in", "to", "from", "at", "near"]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_non_ascii_agrees_with_a_byte_scan() {
        let texts = [
            "",
            "ascii only, longer than eight bytes",
            "京",
            "abc京",
            "abcdefgh京津冀 and more text 川渝",
            "0123456789abcdé",
            "Copyright 2024 京ICP备12345号",
        ];
        for t in texts {
            let b = t.as_bytes();
            for from in 0..=b.len() {
                let naive = b[from..].iter().position(|x| *x >= 0x80).map(|i| from + i);
                assert_eq!(next_non_ascii(b, from), naive, "{t:?} from {from}");
            }
        }
    }

    /// The plain reading `Names::find` must give: Latin names tried at every word start, Han
    /// names at every position, the longest at each start, none starting inside one taken.
    fn names_naive(surfaces: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut taken_to = 0;
        for (at, _) in text.char_indices() {
            if at < taken_to {
                continue;
            }
            let longest = surfaces
                .iter()
                .enumerate()
                .filter(|(_, s)| !s.is_empty() && text[at..].starts_with(**s))
                .filter(|(_, s)| s.chars().any(is_han) || starts_word(text, at))
                .max_by_key(|(i, s)| (s.len(), std::cmp::Reverse(*i)));
            if let Some((i, s)) = longest {
                out.push((at, at + s.len(), i));
                taken_to = at + s.len();
            }
        }
        out
    }

    const NAME_SURFACES: [&str; 12] = [
        "Inner Mongolia",
        "Mongolia",
        "Nagqu",
        "Naqu",
        "NAGQU",
        "Xi",
        "Xian",
        "Ürümqi",
        "那曲",
        "那曲市",
        "内蒙古",
        "Dali",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// The two automata, one searched only at word starts, read a text as the plain
        /// reading does, with and without the eight-bytes-at-a-time skip (a name starting
        /// with a small letter turns it off).
        #[test]
        fn names_find_what_a_plain_scan_finds(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("Inner Mongolia"), proptest::strategy::Just("Mongolia"),
                    proptest::strategy::Just("Nagqu"), proptest::strategy::Just("NAGQU"),
                    proptest::strategy::Just("Naq"), proptest::strategy::Just("u"),
                    proptest::strategy::Just("Xian"), proptest::strategy::Just("Dalian"),
                    proptest::strategy::Just("Ürümqi"), proptest::strategy::Just("那曲市"),
                    proptest::strategy::Just("那"), proptest::strategy::Just("内蒙古"),
                    proptest::strategy::Just(" "), proptest::strategy::Just("x"),
                    proptest::strategy::Just("é"), proptest::strategy::Just("3"),
                    proptest::strategy::Just(", "), proptest::strategy::Just("“"),
                    proptest::strategy::Just("the city of "),
                ],
                0..14,
            ),
            small in proptest::bool::ANY,
        ) {
            let text = pieces.concat();
            let mut surfaces = NAME_SURFACES.to_vec();
            if small {
                surfaces.push("city");
            }
            let names = Names::build(&surfaces);
            proptest::prop_assert_eq!(names.latin_caps, !small);
            proptest::prop_assert_eq!(names.find(&text), names_naive(&surfaces, &text), "{:?}", text);
        }
    }

    #[test]
    fn a_latin_name_glued_to_a_word_does_not_hide_the_next_one() {
        let names = Names::build(&NAME_SURFACES);
        let text = "xInner Mongolia and Dali";
        let found: Vec<&str> = names
            .find(text)
            .iter()
            .map(|&(s, e, _)| &text[s..e])
            .collect();
        assert_eq!(found, ["Mongolia", "Dali"]);
    }

    fn matcher() -> RegionMatcher {
        RegionMatcher::build(&Dictionaries::embedded()).unwrap()
    }

    fn codes(m: &RegionMatcher, text: &str) -> Vec<(String, String)> {
        let mut v = m.extract(text);
        v.sort_by_key(|x| x.start);
        v.into_iter()
            .map(|x| (x.text.clone(), x.value.display()))
            .collect()
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    /// One sense per discourse by majority: later bare mentions take the reading the earlier
    /// qualified ones gave most often, not the last one (a "not to be confused with" aside).
    /// The codes given to the mentions written `name` in `text`, in order.
    fn codes_of(m: &RegionMatcher, text: &str, name: &str) -> Vec<String> {
        m.extract(text)
            .into_iter()
            .filter(|x| x.text == name)
            .filter_map(|x| match x.value {
                Value::Region(r) => Some(r.code.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_bare_name_takes_the_reading_settled_most_often() {
        let m = matcher();
        let codes = |text: &str| codes_of(&m, text, "Taizhou");
        let text = "Taizhou, Jiangsu signed a pact. The Taizhou in Jiangsu is not Taizhou in \
                    Zhejiang. Taizhou officials will visit Benxi.";
        assert_eq!(codes(text).last().map(String::as_str), Some("321200"));
        let text = "Taizhou, Zhejiang hosted the fair. Taizhou in Zhejiang, not Taizhou in \
                    Jiangsu, is a port. Taizhou firms signed deals.";
        assert_eq!(codes(text).last().map(String::as_str), Some("331000"));
    }

    #[test]
    fn a_tie_goes_to_the_first_settlement_and_a_contrast_settles_nothing() {
        let m = matcher();
        let codes = |text: &str, name: &str| codes_of(&m, text, name);
        // the page's own district, then a visiting namesake, once each
        let text = "福州市鼓楼区人民政府\n南京市鼓楼区代表团来访，计划在鼓楼区设立总部。";
        assert_eq!(
            codes(text, "鼓楼区"),
            ["350102", "320106", "350102"],
            "{text}"
        );
        let text = "北京市通州区召开推进会。江苏南通市通州区考察团来访。通州区将深化合作。";
        assert_eq!(
            codes(text, "通州区").last().map(String::as_str),
            Some("110112")
        );
        // a namesake set against the place meant settles nothing: the province named decides
        let text = "Yichun in Heilongjiang Province sells blueberries. \"Buyers mix us up with \
                    Yichun in Jiangxi,\" the mayor of Yichun said.";
        assert_eq!(
            codes(text, "Yichun").last().map(String::as_str),
            Some("230700")
        );
    }

    #[test]
    fn a_name_in_the_words_of_a_namesakes_official_is_theirs() {
        let m = matcher();
        let codes = |text: &str, name: &str| codes_of(&m, text, name);
        // the page's own district first and most often; the visitor's official speaks of his
        let text = "西安市新城区人民政府\n西安市新城区与呼和浩特市新城区签约。西安市新城区将办展。\
                    呼和浩特市新城区负责人介绍，新城区去年地区生产总值增长6%。";
        assert_eq!(
            codes(text, "新城区").last().map(String::as_str),
            Some("150102")
        );
        let text = "Xihu in Nanchang hosted the fair. Xihu in Nanchang signed deals. An \
                    official from Xihu in Hangzhou said Xihu would send buyers.";
        assert_eq!(
            codes(text, "Xihu").last().map(String::as_str),
            Some("330106")
        );
        // ...but not a name in the same sentence that no one speaks: a visitor's company sets
        // up in the page's own district
        let text = "福州市鼓楼区人民政府\n福州市鼓楼区与南京市鼓楼区签约。福州市鼓楼区将办展。\
                    南京鼓楼区一家企业计划在鼓楼区设立总部。";
        assert_eq!(
            codes(text, "鼓楼区").last().map(String::as_str),
            Some("350102")
        );
    }

    #[test]
    fn offsets_match_text() {
        let m = matcher();
        let text = "辽宁省与那曲市签约。Qinghai's delegation visited Dalian City.";
        for x in m.extract(text) {
            assert_eq!(&text[x.start..x.end], x.text);
        }
    }

    #[test]
    fn table() {
        let m = matcher();
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Nagqu, Naqu and Nagchu",
                &[
                    ("Nagqu", "540600"),
                    ("Naqu", "540600"),
                    ("Nagchu", "540600"),
                ],
            ),
            (
                "Northwest China's Qinghai province hosted",
                &[("Qinghai province", "630000")],
            ),
            ("Qinghai's poverty", &[("Qinghai", "630000")]),
            (
                "in Dalian City and 大连市",
                &[("Dalian City", "210200"), ("大连市", "210200")],
            ),
            (
                "Tibet Autonomous Region and Tibet",
                &[("Tibet Autonomous Region", "540000"), ("Tibet", "540000")],
            ),
            ("DALIAN, China, May 29", &[("DALIAN", "210200")]),
            (
                "the Liaoning Provincial Department of Culture",
                &[("Liaoning", "210000")],
            ),
            (
                "Changzhou Municipal People's Congress",
                &[("Changzhou", "320400")],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(codes(&m, text), pairs(want), "{text}");
        }
    }

    #[test]
    fn non_regions() {
        let m = matcher();
        for text in [
            "Alibaba and Hamilton",
            "flew Hainan Airlines to the Bank of Beijing",
            "the Shanghai Cooperation Organisation met",
            "shops on Nanjing Road",
            "a memorial to Qu Qiubai",
            "President Xi Jinping said",
            "WUHAN, Oct. 13 (Xinhua) --",
            "和平发展",
        ] {
            let found = codes(&m, text);
            assert!(found.iter().all(|(t, _)| t == "WUHAN"), "{text}: {found:?}");
        }
    }

    #[test]
    fn disambiguation() {
        let m = matcher();
        let cases: &[(&str, &str, &str)] = &[
            ("Taizhou, Zhejiang province, signed", "Taizhou", "331000"),
            ("Jiangsu's Taizhou signed", "Taizhou", "321200"),
            ("Suzhou and Bengbu in Anhui", "Suzhou", "341300"),
            ("Suzhou signed with Wuxi", "Suzhou", "320500"),
            ("Jilin City hosted", "Jilin City", "220200"),
            ("Jilin and Hainan signed", "Jilin", "220000"),
            ("Qinghai and Hainan signed", "Hainan", "460000"),
            ("Ngari (Ali) in Tibet", "Ali", "542500"),
            ("浙江台州", "台州", "331000"),
        ];
        for (text, surface, code) in cases {
            let got = codes(&m, text);
            assert!(
                got.iter().any(|(t, c)| t == surface && c == code),
                "{text}: {got:?}"
            );
        }
        // No context at all: the default, marked ambiguous.
        let x = m.extract("Suzhou welcomed them.");
        let Value::Region(r) = &x[0].value else {
            panic!()
        };
        assert!(r.ambiguous);
        assert_eq!(&*r.code, "320500");
        assert!(r.alternatives.contains(&"341300".to_string()));
        // "Ali" alone is a name, not the prefecture.
        assert!(codes(&m, "Ali said hello").is_empty());
    }

    #[test]
    fn abbreviation_compounds() {
        let m = matcher();
        assert_eq!(
            codes(&m, "京津冀协同发展"),
            pairs(&[("京", "110000"), ("津", "120000"), ("冀", "130000")])
        );
        // A lone abbreviation in running text is not a region.
        assert!(codes(&m, "京剧").is_empty());
    }

    #[test]
    fn short_county_names_need_their_city() {
        let m = matcher();
        // "Bay" is Bay County (拜城) of Aksu, Xinjiang, and an English word.
        let text = "Xinjiang joined the Greater Bay Area fair.";
        assert!(!codes(&m, text).iter().any(|(t, _)| t == "Bay"));
        let text = "Aksu officials said Bay farmers sold apricots.";
        assert!(
            codes(&m, text)
                .iter()
                .any(|(t, c)| t == "Bay" && c == "652926")
        );
    }

    #[test]
    fn county_level_needs_support_or_fame() {
        let m = matcher();
        assert_eq!(codes(&m, "Yiwu traders"), pairs(&[("Yiwu", "330782")]));
        assert_eq!(
            codes(&m, "Pudong New Area"),
            pairs(&[("Pudong New Area", "310115")])
        );
        // "Fengtai" alone is a county name of Beijing and of Anhui: it needs its city.
        assert!(codes(&m, "Fengtai welcomed").is_empty());
        assert_eq!(
            codes(&m, "Beijing's Fengtai"),
            pairs(&[("Beijing", "110000"), ("Fengtai", "110106")])
        );
    }
}
