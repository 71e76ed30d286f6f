//! Ingest: find the article files, decode their bytes, pull the title and publication date.
//!
//! [`find_inputs`] walks the paths given on the command line (files as they are, folders
//! recursively, `*.txt` only, sorted by name so every run sees the same order). [`Reader`] turns
//! one file into a [`Document`]: UTF-8 with or without BOM, UTF-16 with a BOM, otherwise GB18030
//! (Chinese sites still serve it). Bytes that are none of these, or that contain NUL bytes, are an
//! [`IngestError`]: the file is reported and skipped, never half-read.
//!
//! The publication date comes from the header lines only (the first lines of the page): labelled
//! dates ("date 2023-06-20", "Release time: June 20, 2023", "发布时间：2023-06-20 10:15"), a
//! byline ("May 30, 2024 by ..."), or a dateline with a year ("DALIAN, China, May 29, 2024 —").
//! A wire dateline without a year ("WUHAN, Oct. 13 (Xinhua)") gives no publication date: the
//! year cannot be known from it.
//!
//! ```
//! let reader = gazette::ingest::Reader::build(&gazette::dict::Dictionaries::embedded()).unwrap();
//! let doc = reader.decode("a.txt", b"Home | News\nTianjin and Qinghai sign a deal\n\nRelease time: June 20, 2023\n").unwrap();
//! assert_eq!(doc.title.as_deref(), Some("Tianjin and Qinghai sign a deal"));
//! assert_eq!(doc.published.unwrap().to_string(), "2023-06-20");
//! ```

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use regex::Regex;

use crate::dict::{DictError, Dictionaries};
use crate::model::{Document, MatchText};

mod forms;

/// One file to read, and the id its records will carry: a view into [`Inputs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input<'a> {
    /// The path relative to the command-line PATH it was found under, `/`-separated; a file
    /// given directly is its own file name.
    pub doc_id: &'a str,
    /// The PATH it was found under (a file given directly: its folder).
    root: &'a Path,
    /// The path below `root`, only when `doc_id` is a lossy copy of it (a name not in UTF-8).
    raw: Option<&'a Path>,
}

impl Input<'_> {
    /// The file to read.
    pub fn path(&self) -> PathBuf {
        match self.raw {
            Some(raw) => self.root.join(raw),
            None => self.root.join(self.doc_id),
        }
    }
}

/// Every input file of a run, sorted by `doc_id` (then by path, when two PATHs give the same
/// id).
///
/// The whole list is held (and sorted) before a run starts, and it is the one part of a run
/// that grows with the number of files, so it is kept compact: every id in one string, and per
/// file where its id is in it and which PATH it was found under (24 bytes). A list of separate
/// ids and paths took 10.7 MB for 100,000 files, most of the difference in peak memory between
/// a run of 10,000 files and one of 100,000.
#[derive(Debug, Default)]
pub struct Inputs {
    ids: String,
    roots: Vec<PathBuf>,
    /// The paths below their root of the files whose names are not UTF-8 (rare).
    raws: Vec<PathBuf>,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    start: usize,
    end: u32,
    root: u32,
    /// An index into `raws`, or `u32::MAX` for none.
    raw: u32,
}

impl Inputs {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The `i`th input in order.
    pub fn get(&self, i: usize) -> Input<'_> {
        self.view(&self.entries[i])
    }

    pub fn iter(&self) -> impl Iterator<Item = Input<'_>> {
        self.entries.iter().map(|e| self.view(e))
    }

    /// The inputs `range` holds, in order.
    pub fn range(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = Input<'_>> {
        self.entries[range].iter().map(|e| self.view(e))
    }

    fn view(&self, e: &Entry) -> Input<'_> {
        Input {
            doc_id: &self.ids[e.start..e.start + e.end as usize],
            root: &self.roots[e.root as usize],
            raw: self.raws.get(e.raw as usize).map(PathBuf::as_path),
        }
    }

    fn push(&mut self, doc_id: &str, root: u32, rel: &Path) {
        let raw = if rel.to_str() == Some(doc_id) {
            u32::MAX
        } else {
            self.raws.push(rel.to_path_buf());
            u32::try_from(self.raws.len() - 1).expect("fewer than 4 billion files")
        };
        let start = self.ids.len();
        self.ids.push_str(doc_id);
        self.entries.push(Entry {
            start,
            end: u32::try_from(doc_id.len()).expect("a path shorter than 4 GB"),
            root,
            raw,
        });
    }

    fn add_root(&mut self, root: &Path) -> u32 {
        self.roots.push(root.to_path_buf());
        u32::try_from(self.roots.len() - 1).expect("fewer than 4 billion paths")
    }
}

/// Why a file could not become a document.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read: {0}")]
    Read(#[from] std::io::Error),
    #[error("binary file (contains NUL bytes)")]
    Binary,
    #[error("not valid UTF-8, UTF-16 or GB18030 text")]
    Undecodable,
}

/// An input path that does not exist: a usage error, reported before any work starts.
#[derive(Debug, thiserror::Error)]
#[error("{0}: no such file or directory")]
pub struct MissingPath(pub PathBuf);

/// Every `*.txt` file under `paths`, sorted by `doc_id` (then path, when two roots give the
/// same id), so the output order never depends on the file system.
pub fn find_inputs(paths: &[PathBuf]) -> Result<Inputs, MissingPath> {
    let mut inputs = Inputs::default();
    for root in paths {
        if !root.exists() {
            return Err(MissingPath(root.clone()));
        }
        if root.is_file() {
            let (folder, name) = match (root.parent(), root.file_name()) {
                (Some(folder), Some(name)) => (folder, Path::new(name)),
                _ => (Path::new(""), root.as_path()),
            };
            let r = inputs.add_root(folder);
            inputs.push(&name.to_string_lossy(), r, name);
            continue;
        }
        let r = inputs.add_root(root);
        let mut doc_id = String::new();
        // Unsorted: walkdir would hold a whole folder's entries to sort them (14 MB of peak
        // memory for a folder of 100k files); the list is sorted below anyway.
        for entry in walkdir::WalkDir::new(root).follow_links(true) {
            // An unreadable sub-folder is not fatal here: its files are simply not found, and
            // walkdir's error names it. We report it the same way as an unreadable file.
            let Ok(entry) = entry else { continue };
            if !entry.file_type().is_file() || !is_article(entry.path()) {
                continue;
            }
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
            doc_id.clear();
            for (k, c) in rel.components().enumerate() {
                if k > 0 {
                    doc_id.push('/');
                }
                doc_id.push_str(&c.as_os_str().to_string_lossy());
            }
            inputs.push(&doc_id, r, rel);
        }
    }
    let mut entries = std::mem::take(&mut inputs.entries);
    entries.sort_by(|a, b| {
        let (a, b) = (inputs.view(a), inputs.view(b));
        a.doc_id.cmp(b.doc_id).then_with(|| a.path().cmp(&b.path()))
    });
    inputs.entries = entries;
    Ok(inputs)
}

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

/// Decodes files into documents; holds the compiled header patterns.
pub struct Reader {
    header_date: Vec<Regex>,
    months: Vec<(String, u32)>,
    boilerplate: Vec<String>,
    /// Every phrase of `boilerplate` in one automaton, so a header line is read once, not once
    /// a phrase.
    boilerplate_finder: aho_corasick::AhoCorasick,
    simplifier: Simplifier,
}

/// Traditional Chinese characters and their simplified forms (`ingest/traditional.tsv`).
pub struct Simplifier {
    /// One bit per code point of the Basic Multilingual Plane, set for a listed character: most
    /// texts hold none, and are passed over without a map lookup per character.
    listed: Vec<u64>,
    /// The first and last lead byte of the listed characters' UTF-8 (every one is three bytes
    /// long): bytes outside it start no listed character.
    leads: (u8, u8),
    forms: std::collections::HashMap<char, char>,
}

impl Simplifier {
    pub fn build(dicts: &Dictionaries) -> Result<Simplifier, DictError> {
        const FILE: &str = "ingest/traditional.tsv";
        let mut listed = vec![0u64; 0x10000 / 64];
        let mut forms = std::collections::HashMap::new();
        for r in dicts.rows(FILE, 2)? {
            let one = |f: &str| {
                let mut cs = f.trim().chars();
                cs.next().filter(|_| cs.next().is_none())
            };
            let (Some(t), Some(s)) = (one(r.fields[0]), one(r.fields[1])) else {
                return Err(dicts.error(
                    FILE,
                    r.line,
                    "each side must be one character".to_string(),
                ));
            };
            // (the same UTF-8 length keeps every offset into the copy an offset into the text)
            if t.len_utf8() != 3 || s.len_utf8() != 3 {
                return Err(dicts.error(
                    FILE,
                    r.line,
                    format!(
                        "{t} and {s} must both be three bytes long in UTF-8 (U+0800 to U+FFFF)"
                    ),
                ));
            }
            listed[t as usize / 64] |= 1 << (t as usize % 64);
            forms.insert(t, s);
        }
        let mut leads = (u8::MAX, 0);
        for &t in forms.keys() {
            let lead = t.to_string().as_bytes()[0];
            leads = (leads.0.min(lead), leads.1.max(lead));
        }
        Ok(Simplifier {
            listed,
            leads,
            forms,
        })
    }

    /// Where the first listed character of `text` starts. Words of eight ASCII bytes are passed
    /// over at once, and in the rest only bytes that can lead a listed character are decoded:
    /// decoding every character of every text cost 35M instructions on 1,000 generated
    /// articles, 2% of a run (callgrind).
    fn first_listed(&self, text: &str) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if i + 8 <= bytes.len() && crate::swar::high(crate::swar::load(bytes, i)) == 0 {
                i += 8;
                continue;
            }
            let b = bytes[i];
            if (self.leads.0..=self.leads.1).contains(&b) && i + 3 <= bytes.len() {
                let u = (u32::from(b & 0x0F) << 12)
                    | (u32::from(bytes[i + 1] & 0x3F) << 6)
                    | u32::from(bytes[i + 2] & 0x3F);
                if self.listed[u as usize / 64] >> (u % 64) & 1 == 1 {
                    return Some(i);
                }
                i += 3;
            } else {
                i += 1;
            }
        }
        None
    }

    /// `text` with every listed character in its simplified form, if it holds any.
    pub fn simplify(&self, text: &str) -> Option<String> {
        let first = self.first_listed(text)?;
        let mut out = String::with_capacity(text.len());
        out.push_str(&text[..first]);
        out.extend(
            text[first..]
                .chars()
                .map(|c| self.forms.get(&c).copied().unwrap_or(c)),
        );
        Some(out)
    }
}

/// The forms of a full date (with year) a header may use. Named groups: y, m (number) or mon
/// (name), d.
const DATE_FORMS: &[&str] = &[
    r"(?P<yK>(?:19|20)\d\d)\s*[-/.]\s*(?P<mK>1[0-2]|0?[1-9])\s*[-/.]\s*(?P<dK>3[01]|[12]\d|0?[1-9])\b",
    r"(?P<yK>(?:19|20)\d\d)\s*年\s*(?P<mK>1[0-2]|0?[1-9])\s*月\s*(?P<dK>3[01]|[12]\d|0?[1-9])\s*日",
    r"(?P<monK>[A-Za-z]{3,9})\.?\s+(?P<dK>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?,?\s+(?P<yK>(?:19|20)\d\d)\b",
    // "23 July 2024", "23-Jul-2024"
    r"\b(?P<dK>3[01]|[12]\d|0?[1-9])(?:\s+|-)(?P<monK>[A-Za-z]{3,9})\.?,?(?:\s+|-)(?P<yK>(?:19|20)\d\d)\b",
    // "14/10/2024", "15.07.2024", "10/14/2024", "13-10-2023": day or month first, settled in
    // `date_from`.
    r"\b(?P<aK>\d{1,2})(?P<sepK>[/.-])(?P<bK>\d{1,2})[/.-](?P<yK>(?:19|20)\d\d)\b",
    // "二〇二四年十二月六日": Chinese numerals.
    r"(?P<yK>[〇零一二三四五六七八九]{4})年(?P<zmK>[一二三四五六七八九十]{1,2})月(?P<zdK>[一二三四五六七八九十]{1,3})日",
];

/// The longest header line a bare date cell is read from.
const SHORT_LINE: usize = 120;

/// How many of a page's last non-empty lines are searched for a release's end mark.
const FOOTER_LINES: usize = 6;

/// How many non-empty lines at the top of a page count as its header.
const HEADER_LINES: usize = 12;

impl Reader {
    pub fn build(dicts: &Dictionaries) -> Result<Reader, DictError> {
        let months = dicts
            .rows("dates/months.tsv", 2)?
            .into_iter()
            .map(|r| {
                let m: u32 = r.fields[1].trim().parse().map_err(|_| {
                    dicts.error(
                        "dates/months.tsv",
                        r.line,
                        format!("month must be 1-12: {:?}", r.fields[1]),
                    )
                })?;
                Ok((r.fields[0].trim().to_lowercase(), m))
            })
            .collect::<Result<Vec<_>, DictError>>()?;
        let boilerplate = dicts
            .rows("ingest/boilerplate.tsv", 1)?
            .into_iter()
            .map(|r| r.fields[0].trim().to_lowercase())
            .collect::<Vec<String>>();
        let boilerplate_finder = aho_corasick::AhoCorasick::new(&boilerplate)
            .map_err(|e| dicts.error("ingest/boilerplate.tsv", 0, e.to_string()))?;
        // Each form gets its own group names (y0, m0, d0, y1, ...): a regex may not repeat one.
        let date = DATE_FORMS
            .iter()
            .enumerate()
            .map(|(k, f)| f.replace('K', &k.to_string()))
            .collect::<Vec<_>>()
            .join("|");
        // Labelled header dates, a byline that starts with the date, and a dateline
        // ("DALIAN, China, May 29, 2024 —"); tried in this order on each header line.
        let header_date = [
            format!(
                r"(?i)(?:\bdate|\btime|\bpublished|\bposted|\bupdated|\breleased?|发布时间|发布日期|日期|时间)\s*[:：]?\s*(?:{date})"
            ),
            // (the clock may be glued to a Chinese date: "2023年08月15日08:21 | 来源：人民网")
            format!(r"^\s*(?:{date})(?:\s+by\b|\s*$|\s*\d\d?:\d\d)"),
            format!(r"^\s*[A-Z][A-Z .'-]+,\s*(?:[A-Z][a-z]+,\s*)?(?:{date})"),
            // Last, any full date standing as a cell of a short header line: "Source: Xinhua |
            // 2024-03-14 19:42", "[ 2024-07-19 ]", "(2023-06-13) Source:", "Posted on
            // September 12, 2023 at 14:20", "黑龙江日报　2024年05月22日　第01版",
            // "【发布日期】2022年11月3日". Only on lines of at most SHORT_LINE characters, so
            // a body paragraph that opens the article is not taken for a header.
            // (";" ends an HTML entity left in scraped text: "By Tan Lu&nbsp;|&nbsp;Nov 27, 2024")
            // ("｜", the full-width bar of Chinese apps: "湖北日报客户端｜2024年11月05日 08:12｜记者")
            format!(r"(?:^|[\s|｜\[\](){{}}（）【】:：;])(?:{date})(?:$|[\s|｜\[\](){{}}（）【】,，&])"),
        ]
        .iter()
        // (with Unicode classes the header dates were 5% of all the instructions of a run)
        .map(|p| Regex::new(&crate::dict::ascii_classes(p)).expect("header date patterns are valid"))
        .collect();
        Ok(Reader {
            header_date,
            months,
            boilerplate,
            boilerplate_finder,
            simplifier: Simplifier::build(dicts)?,
        })
    }

    /// Reads and decodes one file.
    pub fn read(&self, input: &Input) -> Result<Document, IngestError> {
        READ_BUFFER.with_borrow_mut(|bytes| {
            read_into(&input.path(), bytes)?;
            self.decode(input.doc_id, bytes)
        })
    }

    /// Decodes bytes already read.
    pub fn decode(&self, doc_id: &str, bytes: &[u8]) -> Result<Document, IngestError> {
        let (text, encoding) = decode(bytes)?;
        let title = self.title(&text);
        let simplified = self.simplifier.simplify(&text);
        let matched = match forms::normalise(simplified.as_deref().unwrap_or(&text)) {
            Some((text, shifts)) => Some(MatchText { text, shifts }),
            None => simplified.map(|text| MatchText {
                text,
                shifts: Vec::new(),
            }),
        };
        let published = self.published(matched.as_ref().map_or(&text, |m| &m.text));
        Ok(Document {
            doc_id: doc_id.to_string(),
            text,
            matched,
            title,
            published,
            bytes: bytes.len(),
            encoding,
        })
    }

    /// The publication date written in the header lines, if any.
    pub fn published(&self, text: &str) -> Option<NaiveDate> {
        /// Labels that name the publication itself, preferred on a line to other dates'.
        const PUBLISHING: [&str; 4] = ["发布", "published", "posted", "released"];
        let last = self.header_date.len() - 1;
        for line in header_lines(text).filter(|l| may_hold_date(l)) {
            for (i, re) in self.header_date.iter().enumerate() {
                if i == last && line.chars().count() > SHORT_LINE {
                    continue;
                }
                // A line with two labelled dates gives the publication's: "成文日期：2024年03月
                // 26日　发布日期：2024年03月28日" was written on the 26th, published on the 28th.
                let mut found = re.captures_iter(line).filter_map(|c| {
                    let label = c.get(0)?.as_str();
                    let d = self.date_from(&c, text)?;
                    let publishing = PUBLISHING.iter().any(|w| {
                        label
                            .get(..w.len())
                            .is_some_and(|l| l.eq_ignore_ascii_case(w))
                    });
                    Some((publishing, d))
                });
                if let Some((publishing, first)) = found.next() {
                    let publishing_later = (!publishing)
                        .then(|| found.find(|(p, _)| *p).map(|(_, d)| d))
                        .flatten();
                    return Some(publishing_later.unwrap_or(first));
                }
            }
        }
        self.release_footer_date(text)
    }

    /// The date under a press release's end mark, for releases that carry none at the top
    /// (Hong Kong's and Macao's government releases): "Ends/Thursday, May 16, 2024 / Issued at
    /// HKT 20:45", or 完 then "2023年12月5日（星期二） / 香港時間20時15分". The mark must be one
    /// of the last few lines, and the date on it or on one of the two lines after it.
    fn release_footer_date(&self, text: &str) -> Option<NaiveDate> {
        // (read from the end: most pages without a header date are long)
        let mut tail: Vec<&str> = text
            .lines()
            .rev()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(FOOTER_LINES)
            .collect();
        tail.reverse();
        let is_mark = |l: &str| {
            let l = l.trim_matches(|c: char| "-–—（）() ".contains(c));
            l == "完" || l.eq_ignore_ascii_case("ends") || l.starts_with("Ends/")
        };
        let mark = tail.iter().position(|l| is_mark(l))?;
        let cell = self.header_date.last()?;
        tail[mark..].iter().take(3).find_map(|line| {
            let line = line.strip_prefix("Ends/").unwrap_or(line);
            let c = cell.captures(line)?;
            self.date_from(&c, text)
        })
    }

    fn date_from(&self, c: &regex::Captures, text: &str) -> Option<NaiveDate> {
        let k = (0..DATE_FORMS.len()).find(|k| c.name(&format!("y{k}")).is_some())?;
        let group = |g: &str| c.name(&format!("{g}{k}")).map(|m| m.as_str());
        if let (Some(zm), Some(zd)) = (group("zm"), group("zd")) {
            let y = group("y")?
                .chars()
                .try_fold(0i32, |acc, ch| Some(acc * 10 + zh_digit(ch)? as i32))?;
            return NaiveDate::from_ymd_opt(y, zh_small_number(zm)?, zh_small_number(zd)?);
        }
        let y: i32 = group("y")?.parse().ok()?;
        if let (Some(a), Some(sep), Some(b)) = (group("a"), group("sep"), group("b")) {
            let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
            // Dotted dates are day first (European and Chinese sites); slashed and dashed ones
            // are month first unless the first number cannot be a month ("14/10/2024",
            // "13-10-2023"), as in the text (see `extract::dates`).
            let day_first = match sep {
                "." => true,
                _ if a > 12 => true,
                // "04/08/2023" could be either: the month the article's own dates name more
                // often decides ("Wednesday, Aug 2" below it: 4 August). Month first on a tie.
                _ if b <= 12 && a != b => {
                    let named = self.months_named(text);
                    named[b as usize] > named[a as usize]
                }
                _ => false,
            };
            let (m, d) = if day_first { (b, a) } else { (a, b) };
            return NaiveDate::from_ymd_opt(y, m, d);
        }
        let m: u32 = match (group("m"), group("mon")) {
            (Some(m), _) => m.parse().ok()?,
            (None, Some(name)) => {
                let name = name.to_lowercase();
                self.months.iter().find(|(n, _)| *n == name)?.1
            }
            _ => return None,
        };
        let d: u32 = group("d")?.parse().ok()?;
        NaiveDate::from_ymd_opt(y, m, d)
    }

    /// How often each month (1 to 12) is named in `text` with a day: a month's name before a
    /// number ("Aug 2", "August 12"), or digits before 月 ("8月2日").
    fn months_named(&self, text: &str) -> [usize; 13] {
        let mut named = [0; 13];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_alphabetic() && (i == 0 || !bytes[i - 1].is_ascii_alphabetic()) {
                let end = i + bytes[i..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphabetic())
                    .count();
                let word = text[i..end].to_ascii_lowercase();
                let rest = text[end..].trim_start_matches(['.', ' ']);
                if rest.starts_with(|c: char| c.is_ascii_digit())
                    && let Some(&(_, m)) = self.months.iter().find(|(n, _)| *n == word)
                {
                    named[m as usize] += 1;
                }
                i = end;
                continue;
            }
            if bytes[i..].starts_with("月".as_bytes()) && i > 0 && bytes[i - 1].is_ascii_digit() {
                // (the ASCII digits right before 月, walked back byte by byte: a slice two
                // bytes back could cut a character in two)
                let n = bytes[..i]
                    .iter()
                    .rev()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                if let Ok(m) = text[i - n..i].parse::<usize>()
                    && (1..=12).contains(&m)
                {
                    named[m] += 1;
                }
            }
            i += 1;
        }
        named
    }

    /// The title: the first header line that reads like a headline, not like navigation,
    /// a label ("Source: ...") or a date. A line that says its title twice (a scraped
    /// `<title>` next to an `<h1>`) is given once.
    pub fn title(&self, text: &str) -> Option<String> {
        for line in header_lines(text) {
            let mut line = line.trim();
            // "date 2023-06-20 Liaoning and Nagqu ..." : a date label glued to the title.
            if let Some(rest) = self.strip_leading_date(line) {
                line = rest;
            }
            if self.is_title(line) {
                return Some(dedupe_repeated(line).to_string());
            }
        }
        None
    }

    fn strip_leading_date<'t>(&self, line: &'t str) -> Option<&'t str> {
        let m = self.header_date[0].find(line)?;
        if m.start() > 6 {
            return None;
        }
        let rest = line[m.end()..].trim();
        (!rest.is_empty()).then_some(rest)
    }

    fn is_title(&self, line: &str) -> bool {
        let han = line.chars().filter(|c| is_han(*c)).count();
        let words = line.split_whitespace().count();
        if han < 6 && words < 4 {
            return false;
        }
        if line.contains('|') || line.contains('>') || line.contains('〖') || line.len() > 300 {
            return false;
        }
        // "Source: Liaoning Daily", "来源：辽宁日报": a label, not a headline.
        if let Some(pos) = line.find([':', '：'])
            && line[..pos].split_whitespace().count() <= 3
        {
            return false;
        }
        // A navigation bar is a short line with a menu word, or a long one with several.
        let lower = line.to_lowercase();
        let mut seen = vec![false; self.boilerplate.len()];
        for m in self.boilerplate_finder.find_overlapping_iter(&lower) {
            let phrase = &self.boilerplate[m.pattern()];
            seen[m.pattern()] |= on_word_edges(&lower, phrase, m.start());
        }
        let menu_words = seen.iter().filter(|&&s| s).count();
        let navigation = menu_words >= 2 || (menu_words == 1 && words < 8);
        let dated = may_hold_date(line) && self.header_date.iter().any(|re| re.is_match(line));
        !navigation && !dated
    }
}

/// Whether a line can hold a header date at all: every form has an ASCII digit or 年.
fn may_hold_date(line: &str) -> bool {
    line.bytes().any(|b| b.is_ascii_digit()) || line.contains('年')
}

/// The first non-empty lines of a page.
fn header_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .take(HEADER_LINES)
}

/// Whether `phrase`, found in `haystack` at `at`, stands there as a whole word (Latin); a Han
/// phrase stands anywhere.
fn on_word_edges(haystack: &str, phrase: &str, at: usize) -> bool {
    if phrase.chars().any(is_han) {
        return true;
    }
    let before = haystack[..at].chars().next_back();
    let after = haystack[at + phrase.len()..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// "A B A B" -> "A B" when a line is one title written twice.
fn dedupe_repeated(line: &str) -> &str {
    let words: Vec<&str> = line.split_whitespace().collect();
    let n = words.len();
    if n >= 4 && n.is_multiple_of(2) && words[..n / 2] == words[n / 2..] {
        // Cut at the start of the second copy.
        let mut seen = 0;
        for (i, _) in line.match_indices(words[0]) {
            seen += 1;
            if seen == 2 {
                return line[..i].trim_end();
            }
        }
    }
    line
}

/// 〇..九 as a digit.
fn zh_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '零' => Some(0),
        _ => "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32 + 1),
    }
}

/// 一 to 三十一 written with 十.
fn zh_small_number(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        ['十', u] => Some(10 + zh_digit(*u)?),
        [t, '十'] => Some(zh_digit(*t)? * 10),
        [t, '十', u] => Some(zh_digit(*t)? * 10 + zh_digit(*u)?),
        [u] => zh_digit(*u),
        _ => None,
    }
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

thread_local! {
    /// The bytes of the file a worker is reading, kept for its next file: the text is copied
    /// out of them as it is decoded, so a fresh buffer per file was one allocation more.
    static READ_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The whole of the file at `path` into `bytes` (emptied first). Unlike `std::fs::read`, this
/// does not ask the file's size first: the buffer is already as large as most articles, and
/// the size query was one system call in five (open, statx, read, read, close) per file.
fn read_into(path: &Path, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    use std::io::Read;
    bytes.clear();
    // (through `Take`, which knows no size: `File::read_to_end` would ask for it)
    std::fs::File::open(path)?
        .take(u64::MAX)
        .read_to_end(bytes)?;
    Ok(())
}

/// Asks the kernel to start reading `input` into the page cache, and returns without waiting
/// for it: a hint, so every error is ignored (the read that follows reports it).
///
/// Why: on a first run over an archive most files are not in the page cache, and a worker
/// reading one waits for the disk with its core idle, one file at a time. A thread that opens
/// and advises the files ahead of the workers keeps the disk busy with many reads at once, and
/// is the one that waits for the directories and inodes (see `run.rs`).
#[cfg(target_os = "linux")]
pub fn advise(input: &Input) {
    use std::os::fd::AsRawFd;
    if let Ok(file) = std::fs::File::open(input.path()) {
        // SAFETY: posix_fadvise on a descriptor we own, with integer arguments only.
        unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED) };
    }
}

/// Elsewhere, no hint.
#[cfg(not(target_os = "linux"))]
pub fn advise(_input: &Input) {}

/// Bytes to text: UTF-8 (BOM stripped), UTF-16 with a BOM, else strict GB18030.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), IngestError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if enc == encoding_rs::UTF_8 {
            return std::str::from_utf8(body)
                .map(|s| (s.to_string(), "UTF-8"))
                .map_err(|_| IngestError::Undecodable);
        }
        return enc
            .decode_without_bom_handling_and_without_replacement(body)
            .map(|s| (s.into_owned(), enc.name()))
            .ok_or(IngestError::Undecodable);
    }
    if bytes.contains(&0) {
        return Err(IngestError::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8"));
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| (s.into_owned(), "GB18030"))
        .ok_or(IngestError::Undecodable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_give_back_their_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        let mut names = vec![root.join("a.txt"), root.join("sub/b.txt")];
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            names.push(root.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt")));
        }
        for n in &names {
            std::fs::write(n, "x").unwrap();
        }
        let found = find_inputs(&[root.to_path_buf()]).unwrap();
        assert_eq!(found.len(), names.len());
        for input in found.iter() {
            assert!(names.contains(&input.path()), "{input:?}");
        }
        assert_eq!(found.get(0).doc_id, "a.txt");
        assert!(found.iter().any(|i| i.doc_id == "sub/b.txt"));
        // A file given directly is its own id, and read from where it is.
        let direct = find_inputs(&[root.join("sub/b.txt")]).unwrap();
        assert_eq!(direct.get(0).doc_id, "b.txt");
        assert_eq!(direct.get(0).path(), root.join("sub/b.txt"));
    }

    fn reader() -> Reader {
        Reader::build(&Dictionaries::embedded()).unwrap()
    }

    #[test]
    fn publication_dates_from_headers() {
        let r = reader();
        let cases: &[(&str, Option<&str>)] = &[
            (
                " date 2023-06-20 Liaoning and Nagqu sign\n\nRelease time: June 20, 2023\n",
                Some("2023-06-20"),
            ),
            (
                "Title of it all here\nRelease time: June 20, 2023\n",
                Some("2023-06-20"),
            ),
            (
                "Some Title Words Here\n\nMay 30, 2024 by No Comments\n\nDALIAN, China, May 29, 2024 — text",
                Some("2024-05-30"),
            ),
            (
                "Headline words go here\nDALIAN, China, May 29, 2024 — The",
                Some("2024-05-29"),
            ),
            // cells between full-width bars, as news apps write their bylines
            (
                "湖北日报客户端｜2024年11月05日 08:12｜记者 张雯\n\n标题\n",
                Some("2024-11-05"),
            ),
            (
                "新甘肃客户端｜2023-08-01｜来源：甘肃日报\n标题\n",
                Some("2023-08-01"),
            ),
            (
                "标题在这里的新闻稿件\n发布时间：2023-06-20 10:15　来源：辽宁日报\n",
                Some("2023-06-20"),
            ),
            (
                "标题在这里的新闻稿件\n2023年06月20日 10:15\n",
                Some("2023-06-20"),
            ),
            (
                "晋浙携手推进合作\n\n2023年08月15日08:21 | 来源：人民网\n",
                Some("2023-08-15"),
            ),
            (
                "标题\n2024年03月02日09:05  来源：新华网\n",
                Some("2024-03-02"),
            ),
            ("WUHAN, Oct. 13 (Xinhua) -- Hubei and Tibet signed", None),
            (
                "A title with no date anywhere\n\nBody text about 2019 events.",
                None,
            ),
            (
                "Posted: 5 March 2022\nTitle words are these",
                Some("2022-03-05"),
            ),
            ("Updated 2021/11/03 08:00\nHeadline", Some("2021-11-03")),
            // a dashed day first only when it cannot be a month, as in the text
            (
                "Headline words\n13-10-2023 09:26 | Author: A | Source: B\n",
                Some("2023-10-13"),
            ),
            (
                "Posted 28-02-2024 | Editor: C\nHeadline",
                Some("2024-02-28"),
            ),
            (
                "Posted 05-10-2023 | Editor: C\nHeadline",
                Some("2023-05-10"),
            ),
            ("Updated 16:45, 23-Jul-2024\nHeadline", Some("2024-07-23")),
            ("Published: 05-Mar-2023 09:10\nHeadline", Some("2023-03-05")),
            (
                "Source: Xinhua | 2024-03-14 19:42:06 | Editor: huaxia\n",
                Some("2024-03-14"),
            ),
            (
                "2023-08-28 | Provincial Government | English\n",
                Some("2023-08-28"),
            ),
            (
                "Headline words here\n[ 2024-07-19 ]      Source: Office\n",
                Some("2024-07-19"),
            ),
            (
                "Headline words here\n(2023-06-13)   Source: Observer\n",
                Some("2023-06-13"),
            ),
            (
                "Headline words here\nPosted on September 12, 2023 at 14:20 | Views: 2\n",
                Some("2023-09-12"),
            ),
            (
                "标题\n黑龙江日报　2024年05月22日　第01版\n",
                Some("2024-05-22"),
            ),
            (
                "标题\n【发布日期】2022年11月3日　【来源】局\n",
                Some("2022-11-03"),
            ),
            // the publication's label over another date's on the same line
            (
                "标题\n成文日期：2024年03月26日　　发布日期：2024年03月28日\n",
                Some("2024-03-28"),
            ),
            (
                "Headline words here\nUpdated: 2024-05-12 | Published: 2024-05-10\n",
                Some("2024-05-10"),
            ),
            (
                "Headline words here\n14/10/2024 | Hangzhou\n",
                Some("2024-10-14"),
            ),
            (
                "Headline words here\nPosted 15.07.2024 by desk\n",
                Some("2024-07-15"),
            ),
            (
                "Headline words here\nDate: 10/14/2024\n",
                Some("2024-10-14"),
            ),
            // both numbers could be the month: the article's own dates decide, month first
            // on a tie
            (
                "Headline words here\nPublished: 04/08/2023\n\nThe station opened on Wednesday, Aug 2, and the fair runs until August 10.\n",
                Some("2023-08-04"),
            ),
            (
                "标题\n发布时间：05/06/2024\n\n6月3日，两地签约；6月5日，代表团返回。\n",
                Some("2024-06-05"),
            ),
            (
                "Headline words here\nPublished: 04/08/2023\n\nThe talks were held on April 6.\n",
                Some("2023-04-08"),
            ),
            (
                "Headline words here\nPublished: 04/08/2023\n\nNo dates here.\n",
                Some("2023-04-08"),
            ),
            ("标题\n日期：二〇二四年十二月六日\n", Some("2024-12-06")),
            ("标题\n二〇二三年十月九日　来源：日报\n", Some("2023-10-09")),
            (
                "首页 > 动态\n标题\n2024年7月16日　来源：办公室\n",
                Some("2024-07-16"),
            ),
            // a byline whose cells are apart by HTML entities left in the text
            (
                "Headline words here\n\nBy Tan Lu&nbsp;&nbsp;|&nbsp;&nbsp;Nov 27, 2024\n",
                Some("2024-11-27"),
            ),
            // a press release dated under its end mark only
            (
                "Press Releases\nHeadline words here\n\nThe meeting was held today (May 16).\n\nEnds/Thursday, May 16, 2024\nIssued at HKT 20:45\n\nNNNN\n",
                Some("2024-05-16"),
            ),
            (
                "新聞公報\n標題\n\n司長今日（十二月五日）出席會議。\n\n完\n\n2023年12月5日（星期二）\n香港時間20時15分\n",
                Some("2023-12-05"),
            ),
            (
                "Headline words here\n\nText of it.\n\n- Ends -\n\n8 March 2024\n",
                Some("2024-03-08"),
            ),
            // a date in the last lines with no end mark above it is no publication date
            (
                "Headline words here\n\nBody.\nBody.\nBody.\nBody.\nBody.\nBody.\nBody.\nBody.\nBody.\nBody.\nThe fair closes on 8 March 2024.\n\nRelated: 7 March 2024\n",
                None,
            ),
        ];
        for (text, want) in cases {
            let got = r.published(text).map(|d| d.to_string());
            assert_eq!(got.as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn traditional_text_is_read_in_simplified_forms() {
        let r = reader();
        let doc = r
            .decode(
                "a.txt",
                "廣東省與澳門簽署協議\n發佈時間：2024年5月16日\n".as_bytes(),
            )
            .unwrap();
        let matched = doc.matched.as_ref().unwrap();
        assert_eq!(
            matched.text,
            "广东省与澳门签署协议\n发布时间：2024年5月16日\n"
        );
        assert_eq!(matched.text.len(), doc.text.len());
        assert!(matched.shifts.is_empty());
        assert_eq!(doc.published.unwrap().to_string(), "2024-05-16");
        assert_eq!(doc.title.as_deref(), Some("廣東省與澳門簽署協議"));
        // simplified and English texts are read as they are, with no copy
        let doc = r
            .decode("b.txt", "广东省与澳门签署协议 Guangdong\n".as_bytes())
            .unwrap();
        assert!(doc.matched.is_none());
        // the byte scan finds the first listed character wherever it stands: after ASCII words,
        // after characters of two and four bytes, at the very end
        let s = &r.simplifier;
        for text in [
            "Macao Special Administrative Region 澳門",
            "é😀澳門",
            "广东省与澳门签署协议，協議",
            "門",
            "abcdefgh門",
            "no traditional character here 广东 é 😀",
        ] {
            let by_chars = text
                .char_indices()
                .find(|&(_, c)| s.forms.contains_key(&c))
                .map(|(i, _)| i);
            assert_eq!(s.first_listed(text), by_chars, "{text:?}");
        }
    }

    #[test]
    fn titles_skip_navigation() {
        let r = reader();
        let cases: &[(&str, Option<&str>)] = &[
            (
                "Press Release\nCurrent Location: Home > Press Release > Media Coverage\n\nTianjin and Qinghai to Boost Cultural Exchanges\n",
                Some("Tianjin and Qinghai to Boost Cultural Exchanges"),
            ),
            (
                " date 2023-06-20 Liaoning and Nagqu set up a tourism mechanism Liaoning and Nagqu set up a tourism mechanism\n",
                Some("Liaoning and Nagqu set up a tourism mechanism"),
            ),
            (
                "Home | Simplified Chinese | Japanese\nChinese Version Russian version\nQinghai delegation visits Changzhou for heritage talks\nFont:〖L M S\n",
                Some("Qinghai delegation visits Changzhou for heritage talks"),
            ),
            (
                "首页 > 新闻中心\n字号：大 中 小\n辽宁与那曲签署文旅援藏合作协议\n来源：辽宁日报\n",
                Some("辽宁与那曲签署文旅援藏合作协议"),
            ),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(r.title(text).as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn decodes_utf8_bom_and_gb18030() {
        let (s, e) = decode("\u{feff}辽宁".as_bytes()).unwrap();
        assert_eq!((s.as_str(), e), ("辽宁", "UTF-8"));
        let (gb, _, _) = encoding_rs::GB18030.encode("辽宁省大连市");
        let (s, e) = decode(&gb).unwrap();
        assert_eq!((s.as_str(), e), ("辽宁省大连市", "GB18030"));
        assert!(matches!(decode(b"ab\0cd"), Err(IngestError::Binary)));
        // A lone 0xFF is neither UTF-8 nor GB18030.
        assert!(matches!(
            decode(b"abc \xff\xff"),
            Err(IngestError::Undecodable)
        ));
    }
}
