//! The number parser shared by money and agreement counts: [`NumberParser`] finds every
//! [`Number`] in a text, written in digits ("1,000", "53.183", "１．５"), English words ("Fifty",
//! "twenty-one", "a hundred", "half a dozen"), with scale words ("53.183 billion", "10-billion",
//! "5bn", "3 lakh") or Chinese digits and units ("358亿", "1.2万", "三十", "50多亿").
//!
//! Values are exact [`Decimal`]s, never floats: "53.183 billion" is 53183000000 and "0.1 billion"
//! is 100000000, so a sum of amounts in a spreadsheet is right to the yuan. Offsets are byte
//! offsets into the text, half-open, on character boundaries.
//!
//! Which words are numbers and scales is data (`dictionaries/numbers/words.tsv`,
//! `dictionaries/numbers/scales.tsv`); how they combine is code, below.
//!
//! ```
//! use gazette::dict::Dictionaries;
//! use gazette::extract::numbers::NumberParser;
//! let parser = NumberParser::build(&Dictionaries::embedded()).unwrap();
//! let found = parser.find_all("investment of 53.183 billion yuan and 358亿元");
//! assert_eq!(found[0].value.normalize().to_string(), "53183000000");
//! assert_eq!(found[1].value.normalize().to_string(), "35800000000");
//! ```

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::str::FromStr;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::dict::{DictError, Dictionaries};
use crate::swar;

/// How a number word combines with its neighbours (see `numbers/words.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordKind {
    Unit,
    Tens,
    Fraction,
    Dozen,
    ZhDigit,
}

/// How a scale word attaches (see `numbers/scales.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attach {
    Spaced,
    Adjacent,
    Hundred,
    ZhSmall,
    ZhBig,
}

/// How a number was written, which callers use to decide how much to trust it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Starts with digits ("1,000", "5 million", "358亿").
    Digits,
    /// English words only ("fifty", "a hundred").
    Words,
    /// Chinese digits ("三十", "两千万").
    Chinese,
}

/// One number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub start: usize,
    pub end: usize,
    pub value: Decimal,
    pub form: Form,
    /// The multiplier of the last scale word ("10 million" -> 1000000), 1 when there is none.
    /// A range "5-10 million" gives its lower end this scale.
    pub scale: Decimal,
    /// Digits written with a thousands separator ("1,000"), which a year never has.
    pub grouped: bool,
    /// A Chinese "more than" written inside the number ("50多亿", "30余"), kept for the
    /// `qualifier` field.
    pub inside_qualifier: Option<String>,
}

impl Number {
    /// Four plain digits between 1900 and 2099: a year far more often than an amount.
    pub fn looks_like_year(&self, text: &str) -> bool {
        let s = &text[self.start..self.end];
        s.len() == 4
            && s.bytes().all(|b| b.is_ascii_digit())
            && (s.starts_with("19") || s.starts_with("20"))
    }

    /// True when the value is a whole number.
    pub fn is_integer(&self) -> bool {
        self.value.fract().is_zero()
    }
}

/// Finds numbers; cheap to clone (the tables are shared).
#[derive(Clone)]
pub struct NumberParser {
    inner: Arc<Tables>,
}

/// FNV-1a: the keys are short words and single characters looked up for every word near a
/// currency, where the default SipHash was a tenth of the run time; no untrusted key can
/// make these fixed tables degrade.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
pub(crate) type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<Fnv>>;

/// The lowercase ASCII words are keyed by bytes: they are looked up from a lowercased copy on
/// the stack, which then needs no UTF-8 check.
struct Tables {
    words: FastMap<Vec<u8>, (Decimal, WordKind)>,
    scales: FastMap<Vec<u8>, (Decimal, Attach)>,
    /// Chinese characters that are digits or units, by character.
    zh: FastMap<char, ZhToken>,
    /// The characters of `zh` below U+10000 as a bit set: the scan asks about every character
    /// of a Chinese text, and most are not numerals.
    zh_bmp: Box<[u64; 1024]>,
    /// Characters that mean "more than" inside a Chinese number.
    zh_inside: Vec<char>,
    /// Lowercase first letters of the English number words, and "a".
    first_letters: [bool; 128],
    /// By [`shape`] (length, first and last letter) of a lowercase word: whether a word that
    /// starts a number has it. Most words that pass `first_letters` fail here, before any
    /// hashing.
    starts: Box<[u64]>,
}

impl Tables {
    /// The numeral `c` is, if any: the bit set first, as most characters asked are none.
    fn zh_token(&self, c: char) -> Option<&ZhToken> {
        match u16::try_from(u32::from(c)) {
            Ok(k) if self.zh_bmp[usize::from(k / 64)] & (1 << (k % 64)) == 0 => None,
            _ => self.zh.get(&c),
        }
    }
}

/// Number of distinct [`shape`]s: length 1 to 16 (the longest word looked up) and two letters.
const SHAPES: usize = 16 * 26 * 26;

/// The length and folded first and last letter of an ASCII word of 1 to 16 letters.
fn shape(word: &[u8]) -> Option<usize> {
    let first = word.first()?.to_ascii_lowercase();
    let last = word.last()?.to_ascii_lowercase();
    (word.len() <= 16 && first.is_ascii_lowercase() && last.is_ascii_lowercase()).then(|| {
        ((word.len() - 1) * 26 + usize::from(first - b'a')) * 26 + usize::from(last - b'a')
    })
}

#[derive(Debug, Clone, Copy)]
enum ZhToken {
    Digit(Decimal),
    Small(Decimal),
    Big(Decimal),
}

/// The running state of an English number being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    None,
    Article,
    Digits,
    Unit,
    Tens,
    Hundred,
    Scale,
    Fraction,
    Dozen,
}

#[derive(Debug, Clone, Copy)]
struct Reading {
    total: Decimal,
    current: Decimal,
    end: usize,
    last: Last,
    scale: Decimal,
}

impl NumberParser {
    pub fn build(dicts: &Dictionaries) -> Result<NumberParser, DictError> {
        let mut words = FastMap::default();
        let mut zh = FastMap::default();
        for row in dicts.rows("numbers/words.tsv", 3)? {
            let value = parse_decimal(dicts, "numbers/words.tsv", row.line, row.fields[1])?;
            let kind = match row.fields[2].trim() {
                "unit" => WordKind::Unit,
                "tens" => WordKind::Tens,
                "fraction" => WordKind::Fraction,
                "dozen" => WordKind::Dozen,
                "zh_digit" => WordKind::ZhDigit,
                other => {
                    return Err(dicts.error(
                        "numbers/words.tsv",
                        row.line,
                        format!("unknown kind {other:?} (unit, tens, fraction, dozen, zh_digit)"),
                    ));
                }
            };
            let word = row.fields[0].trim();
            if kind == WordKind::ZhDigit {
                let c = single_char(dicts, "numbers/words.tsv", row.line, word)?;
                zh.insert(c, ZhToken::Digit(value));
            } else {
                words.insert(word.to_lowercase().into_bytes(), (value, kind));
            }
        }
        let mut scales = FastMap::default();
        for row in dicts.rows("numbers/scales.tsv", 3)? {
            let value = parse_decimal(dicts, "numbers/scales.tsv", row.line, row.fields[1])?;
            let word = row.fields[0].trim();
            let attach = match row.fields[2].trim() {
                "spaced" => Attach::Spaced,
                "adjacent" => Attach::Adjacent,
                "hundred" => Attach::Hundred,
                "zh_small" => Attach::ZhSmall,
                "zh_big" => Attach::ZhBig,
                other => {
                    return Err(dicts.error(
                        "numbers/scales.tsv",
                        row.line,
                        format!(
                            "unknown attach {other:?} (spaced, adjacent, hundred, zh_small, zh_big)"
                        ),
                    ));
                }
            };
            match attach {
                Attach::ZhSmall => {
                    let c = single_char(dicts, "numbers/scales.tsv", row.line, word)?;
                    zh.insert(c, ZhToken::Small(value));
                }
                Attach::ZhBig => {
                    let c = single_char(dicts, "numbers/scales.tsv", row.line, word)?;
                    zh.insert(c, ZhToken::Big(value));
                }
                _ => {
                    scales.insert(word.to_lowercase().into_bytes(), (value, attach));
                }
            }
        }
        let mut first_letters = [false; 128];
        first_letters[b'a' as usize] = true;
        for w in words.keys() {
            if let Some(&b) = w.first()
                && b.is_ascii()
            {
                first_letters[b.to_ascii_lowercase() as usize] = true;
            }
        }
        let mut starts = vec![0u64; SHAPES.div_ceil(64)];
        let starters = [&b"a"[..], b"an", b"hundred"];
        for w in words.keys().map(Vec::as_slice).chain(starters) {
            if let Some(k) = shape(w) {
                starts[k / 64] |= 1 << (k % 64);
            }
        }
        let mut zh_bmp = Box::new([0u64; 1024]);
        for &c in zh.keys() {
            if let Ok(k) = u16::try_from(u32::from(c)) {
                zh_bmp[usize::from(k / 64)] |= 1 << (k % 64);
            }
        }
        Ok(NumberParser {
            inner: Arc::new(Tables {
                words,
                scales,
                zh_bmp,
                zh,
                zh_inside: vec!['多', '余'],
                first_letters,
                starts: starts.into(),
            }),
        })
    }

    /// Every number in `text`, left to right, none overlapping.
    pub fn find_all(&self, text: &str) -> Vec<Number> {
        let mut out = Vec::new();
        self.scan(text, 0, text.len(), &mut out);
        out
    }

    /// The numbers of `all` (a document's [`NumberParser::find_all`]) near some positions
    /// only: each `(start, end)` window is widened by `before` and `after` bytes, and further
    /// back over the characters a number is made of (at most 64 bytes), so a number just
    /// before the window, or one it would cut ("53.183 billion", never "3.183 billion"), is
    /// kept. A number that overlaps a widened window is kept whole.
    ///
    /// Money and agreement counts both read numbers, and only next to a currency or a noun:
    /// reading the document's numbers once and choosing among them here costs less than
    /// reading each extractor's windows on its own (see `extract::Prepared`).
    pub fn near(
        &self,
        text: &str,
        all: &[Number],
        windows: &[(usize, usize)],
        (before, after): (usize, usize),
    ) -> Vec<Number> {
        let mut out = Vec::with_capacity(windows.len().min(all.len()));
        // where the windows so far reach, and the first number not yet kept or passed
        let mut done = 0;
        let mut k = 0;
        for &(s, e) in windows {
            let mut ws = floor_boundary(text, s.saturating_sub(before)).max(done);
            let we = ceil_boundary(text, (e + after).min(text.len()));
            if ws >= we {
                continue;
            }
            let limit = ws.saturating_sub(64);
            while ws > limit && ws > done {
                let Some(c) = text[..ws].chars().next_back() else {
                    break;
                };
                if self.numberish(c) {
                    ws -= c.len_utf8();
                } else {
                    break;
                }
            }
            let bytes = text.as_bytes();
            if ws > done && ws > 0 && bytes[ws - 1].is_ascii_alphanumeric() {
                // Still inside a word at the limit: start after it.
                while ws < we && bytes[ws].is_ascii_alphanumeric() {
                    ws += 1;
                }
            }
            while k < all.len() && all[k].end <= ws {
                k += 1;
            }
            while k < all.len() && all[k].start < we {
                out.push(all[k].clone());
                k += 1;
            }
            done = done.max(we);
        }
        out
    }

    /// The multiplier of a one-character Han scale inside a group of four (`zh_small` in
    /// `numbers/scales.tsv`: 十 10, 百 100, 千 1000).
    pub fn zh_small(&self, c: char) -> Option<Decimal> {
        match self.inner.zh_token(c) {
            Some(ZhToken::Small(v)) => Some(*v),
            _ => None,
        }
    }

    /// The value of a one-character Han digit of `numbers/words.tsv` (一 1, 两 2, 〇 0).
    pub fn zh_digit(&self, c: char) -> Option<Decimal> {
        match self.inner.zh_token(c) {
            Some(ZhToken::Digit(v)) => Some(*v),
            _ => None,
        }
    }

    /// Whether the ASCII word at `i` is a count: digits, or a number word other than "a" and
    /// "an" ("three", "twelve"). One table look-up for most words, no reading.
    pub fn is_count_word(&self, text: &str, i: usize) -> bool {
        match text.as_bytes().get(i) {
            Some(b) if b.is_ascii_digit() => true,
            Some(&b) if b.is_ascii_alphabetic() => {
                self.inner.first_letters[(b | 0x20) as usize & 0x7f]
                    && self.starts_number(text, i)
                    && !ascii_word(text, i).is_some_and(|(w, _)| {
                        w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an")
                    })
            }
            _ => false,
        }
    }

    /// Whether the word at `i` can begin an English number: a number word, "a" or "an".
    fn starts_number(&self, text: &str, i: usize) -> bool {
        let Some((word, _)) = ascii_word(text, i) else {
            return false;
        };
        // The shape first: it rules out most words without copying them.
        if shape(word.as_bytes()).is_none_or(|k| self.inner.starts[k / 64] & (1 << (k % 64)) == 0) {
            return false;
        }
        let mut buf = [0u8; 16];
        for (d, s) in buf.iter_mut().zip(word.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        let lower = &buf[..word.len()];
        lower == b"a"
            || lower == b"an"
            || lower == b"hundred"
            || self.inner.words.contains_key(lower)
    }

    /// A character that can be part of a number, or sit between its parts.
    fn numberish(&self, c: char) -> bool {
        c.is_ascii_alphanumeric()
            || matches!(c, ',' | '.' | '-' | ' ' | '．' | '多' | '余')
            || ('０'..='９').contains(&c)
            || self.inner.zh_token(c).is_some()
    }

    /// Numbers starting in `from..to` (they may end after `to`); returns where scanning stopped.
    fn scan(&self, text: &str, from: usize, to: usize, out: &mut Vec<Number>) -> usize {
        let bytes = text.as_bytes();
        let mut i = from;
        loop {
            i = next_number_start(bytes, i, to);
            if i >= to {
                break;
            }
            let b = bytes[i];
            let found = if b.is_ascii_digit() || starts_fullwidth_digit(bytes, i) {
                self.read_digits_number(text, i)
            } else if b.is_ascii_alphabetic() {
                // (a word's start: `next_number_start` passes over letters inside words)
                // Most words cannot start a number: one table look-up rules them out.
                if !self.inner.first_letters[(b | 0x20) as usize & 0x7f]
                    || !self.starts_number(text, i)
                {
                    None
                } else {
                    self.read_english(text, i, None)
                }
            } else if b >= 0x80 {
                let c = text[i..].chars().next().unwrap_or(' ');
                let lookup = self.inner.zh_token(c);
                match lookup {
                    Some(ZhToken::Digit(_)) => self.read_chinese(text, i, None),
                    Some(ZhToken::Small(_))
                        if (c == '十' || c == '拾')
                            && !text[..i].ends_with(['数', '几', '上', '成']) =>
                    {
                        self.read_chinese(text, i, None)
                    }
                    // 百/千 alone are words ("百姓", "千家万户"); before 万/亿 they are numbers
                    // ("超百亿元"), except after 数/几/上/成, which make them vague ("数百万元").
                    Some(ZhToken::Small(_))
                        if matches!(
                            text[i + c.len_utf8()..]
                                .chars()
                                .next()
                                .and_then(|n| self.inner.zh_token(n)),
                            Some(ZhToken::Big(_))
                        ) && !text[..i].ends_with(['数', '几', '上', '成']) =>
                    {
                        self.read_chinese(text, i, None)
                    }
                    _ => None,
                }
            } else {
                None
            };
            match found {
                Some(n) => {
                    i = n.end;
                    out.push(n);
                }
                // The next start is past the rest of the word: a number never starts
                // mid-word, but digits glued after letters still count ("USD115", "RM42").
                None => i += utf8_len(b),
            }
        }
        i
    }

    /// The number that starts exactly at `start`, if one does.
    pub fn number_at(&self, text: &str, start: usize) -> Option<Number> {
        let bytes = text.as_bytes();
        let b = *bytes.get(start)?;
        if b.is_ascii_digit() || starts_fullwidth_digit(bytes, start) {
            self.read_digits_number(text, start)
        } else if b.is_ascii_alphabetic() {
            self.read_english(text, start, None)
        } else {
            self.read_chinese(text, start, None)
        }
    }

    /// The whole of `s` read as one number, for tests and table checks.
    pub fn parse(&self, s: &str) -> Option<Decimal> {
        let s = s.trim();
        let n = self.number_at(s, 0)?;
        (n.end == s.len()).then_some(n.value)
    }

    /// An English scale word ("million", "bn") starting at `pos` after optional spaces: its
    /// multiplier and where it ends. Money uses it for "75 USD million".
    pub fn scale_word_at(&self, text: &str, pos: usize) -> Option<(Decimal, usize)> {
        let start = skip_spaces(text, pos);
        let (word, end) = ascii_word(text, start)?;
        match self.inner.scales.get(word.to_ascii_lowercase().as_bytes()) {
            Some(&(m, Attach::Spaced)) if word.len() > 1 => Some((m, end)),
            _ => None,
        }
    }

    /// Digits, then either Chinese units ("358亿") or English scale words ("5 million").
    fn read_digits_number(&self, text: &str, start: usize) -> Option<Number> {
        let (value, end, grouped) = read_digits(text, start)?;
        // "5 亿元": scraped Chinese text sometimes spaces a digit from its unit.
        let next = text[end..].chars().next();
        if next == Some(' ')
            && let Some(c) = text[end + 1..].chars().next()
            && matches!(self.inner.zh_token(c), Some(ZhToken::Big(_)))
        {
            let mut n = self.read_chinese(text, start, Some((value, end + 1, grouped)))?;
            n.start = start;
            return Some(n);
        }
        if let Some(c) = next
            && (self.inner.zh_token(c).is_some() || self.inner.zh_inside.contains(&c))
        {
            return self.read_chinese(text, start, Some((value, end, grouped)));
        }
        // Most digits are followed by no word ("2023,", "10%"): then there is no scale word to
        // read, and the number is the digits (what `read_english` would find, without its
        // set-up, which ran after every number of the text).
        let p = skip_spaces(text, end);
        if !text
            .as_bytes()
            .get(p)
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'-')
        {
            return Some(Number {
                start,
                end,
                value: checked_add(Decimal::ZERO, value)?,
                form: Form::Digits,
                scale: Decimal::ONE,
                grouped,
                inside_qualifier: None,
            });
        }
        let mut n = self.read_english(text, start, Some((value, end)))?;
        n.grouped = grouped;
        Some(n)
    }

    /// English words and digits with scale words, from `start`.
    fn read_english(
        &self,
        text: &str,
        start: usize,
        digits: Option<(Decimal, usize)>,
    ) -> Option<Number> {
        let t = &self.inner;
        let mut r = Reading {
            total: Decimal::ZERO,
            current: Decimal::ZERO,
            end: start,
            last: Last::None,
            scale: Decimal::ONE,
        };
        // The last reading that is a complete number ("half" and "a" alone are not).
        let mut done: Option<Reading> = None;
        // The reading right after the last scale word, to fall back to (see below).
        let mut after_scale: Option<Reading> = None;
        let mut pos = start;
        let mut form = Form::Words;
        if let Some((v, end)) = digits {
            r.current = v;
            r.end = end;
            r.last = Last::Digits;
            pos = end;
            form = Form::Digits;
            done = Some(r);
        }
        loop {
            // The gap before the next token: nothing, spaces, one hyphen, or " and ".
            let after_space = skip_spaces(text, pos);
            let spaced = after_space > pos;
            let mut p = after_space;
            let mut hyphen = false;
            let mut and = false;
            if text[p..].starts_with('-') && !spaced {
                hyphen = true;
                p += 1;
            } else if r.last != Last::None
                && let Some((w, e)) = ascii_word(text, p)
                && w.eq_ignore_ascii_case("and")
                && matches!(r.last, Last::Hundred | Last::Scale)
            {
                and = true;
                p = skip_spaces(text, e);
                // (a number begun in digits takes no lone spelled word after a scale and "and":
                // "$118 million and six letters of intent" are two things; "6 crore and two
                // hundred", "3 hundred and one" and "two million and six" are one number)
                let lone_word = || {
                    ascii_word(text, p).is_some_and(|(_, e1)| {
                        ascii_word(text, skip_spaces(text, e1)).is_none_or(|(w2, _)| {
                            !["hundred", "thousand", "lakh", "crore", "million", "billion"]
                                .iter()
                                .any(|s| w2.eq_ignore_ascii_case(s))
                        })
                    })
                };
                if p == e || (form == Form::Digits && r.last == Last::Scale && lone_word()) {
                    break;
                }
            }
            let bytes = text.as_bytes();
            let Some(&b) = bytes.get(p) else { break };
            if r.last != Last::None && !spaced && !hyphen && !and && p != r.end {
                break;
            }
            if b.is_ascii_digit() {
                // Digits continue a number only after a scale ("4 thousand 3 hundred").
                if hyphen || !matches!(r.last, Last::Hundred | Last::Scale) || (!spaced && !and) {
                    break;
                }
                let Some((v, e, _)) = read_digits(text, p) else {
                    break;
                };
                // "4 thousand 3 hundred and 21": the digits must be followed by a scale or end
                // the number; "3 hundred and 2 hundred" are two numbers, decided by a scale
                // below the one before.
                r.current = checked_add(r.current, v)?;
                r.last = Last::Digits;
                r.end = e;
                pos = e;
                done = Some(r);
                continue;
            }
            if !b.is_ascii_alphabetic() {
                break;
            }
            let Some((word, e)) = ascii_word(text, p) else {
                break;
            };
            // Lowercased on the stack: this runs for every word near a currency or noun.
            let mut buf = [0u8; 16];
            if word.len() > buf.len() {
                break;
            }
            for (d, s) in buf.iter_mut().zip(word.bytes()) {
                *d = s.to_ascii_lowercase();
            }
            let lower = &buf[..word.len()];
            if let Some(&(v, kind)) = t.words.get(lower) {
                if !spaced && !hyphen && !and && r.last != Last::None {
                    break;
                }
                match kind {
                    WordKind::Unit | WordKind::Tens => {
                        // (a number begun in digits ends at its scale: "MOP 1.2 billion
                        // three-year notes" is 1.2 billion, where "two million three hundred"
                        // is one number)
                        if form == Form::Digits && r.last == Last::Scale && !and {
                            break;
                        }
                        let ok = match r.last {
                            Last::None | Last::Hundred | Last::Scale => true,
                            Last::Tens => kind == WordKind::Unit && v < Decimal::TEN,
                            _ => false,
                        };
                        if !ok || (hyphen && r.last != Last::Tens) {
                            break;
                        }
                        r.current = checked_add(r.current, v)?;
                        r.last = if kind == WordKind::Unit {
                            Last::Unit
                        } else {
                            Last::Tens
                        };
                    }
                    WordKind::Fraction => {
                        if and || hyphen {
                            break;
                        }
                        match r.last {
                            Last::None => r.current = v,
                            Last::Article | Last::Unit | Last::Digits => {
                                r.current = r.current.checked_mul(v)?
                            }
                            _ => break,
                        }
                        r.last = Last::Fraction;
                        r.end = e;
                        pos = e;
                        continue;
                    }
                    WordKind::Dozen => {
                        if and || hyphen {
                            break;
                        }
                        match r.last {
                            Last::Article | Last::Unit | Last::Tens | Last::Digits => {
                                r.current = r.current.checked_mul(v)?
                            }
                            Last::Fraction => r.current = r.current.checked_mul(v)?,
                            _ => break,
                        }
                        r.last = Last::Dozen;
                    }
                    WordKind::ZhDigit => break,
                }
                r.end = e;
                pos = e;
                done = Some(r);
                continue;
            }
            if let Some(&(m, attach)) = t.scales.get(lower) {
                if and {
                    break;
                }
                let glued = !spaced && !hyphen;
                let ok = match attach {
                    Attach::Adjacent => glued && r.last == Last::Digits,
                    Attach::Spaced => {
                        // "k" is a scale only right after digits ("10k", "2.33 k").
                        (r.last == Last::Digits || (lower.len() > 1 && !glued))
                            && (!hyphen || lower.len() != 1)
                    }
                    Attach::Hundred => !glued || r.last == Last::None,
                    _ => false,
                };
                if !ok {
                    break;
                }
                // "2.3 billion and 1.8 billion": a scale not below the one already applied
                // starts a second number; the first ends at that scale.
                if attach != Attach::Hundred
                    && r.last != Last::Scale
                    && let Some(prev) = after_scale
                    && m >= prev.scale
                {
                    done = Some(prev);
                    break;
                }
                match (attach, r.last) {
                    (Attach::Hundred, Last::None) => r.current = Decimal::ONE_HUNDRED,
                    (Attach::Hundred, Last::Article) => r.current = Decimal::ONE_HUNDRED,
                    (Attach::Hundred, Last::Unit | Last::Tens | Last::Digits) => {
                        r.current = r.current.checked_mul(m)?
                    }
                    (Attach::Hundred, _) => break,
                    (_, Last::None) => break,
                    (_, Last::Scale) if r.current.is_zero() => {
                        // "three lakh crore": a scale after a scale multiplies everything.
                        r.total = r.total.checked_mul(m)?;
                        r.scale = r.scale.checked_mul(m)?;
                    }
                    (_, Last::Article) => {
                        r.total = checked_add(r.total, m)?;
                        r.current = Decimal::ZERO;
                        r.scale = m;
                    }
                    (_, _) => {
                        r.total = checked_add(r.total, r.current.checked_mul(m)?)?;
                        r.current = Decimal::ZERO;
                        r.scale = m;
                    }
                }
                r.last = if attach == Attach::Hundred {
                    Last::Hundred
                } else {
                    Last::Scale
                };
                r.end = e;
                pos = e;
                done = Some(r);
                if attach != Attach::Hundred {
                    after_scale = Some(r);
                }
                continue;
            }
            if (lower == b"a" || lower == b"an") && matches!(r.last, Last::None | Last::Fraction) {
                // "a hundred", "a dozen", "half a dozen": the article counts only before a
                // scale, a fraction or "dozen", which the next round checks.
                if r.last == Last::None {
                    r.current = Decimal::ONE;
                    r.last = Last::Article;
                }
                r.end = e;
                pos = e;
                continue;
            }
            break;
        }
        let r = done?;
        if r.last == Last::Article {
            return None;
        }
        let value = checked_add(r.total, r.current)?;
        Some(Number {
            start,
            end: r.end,
            value,
            form,
            scale: r.scale,
            grouped: false,
            inside_qualifier: None,
        })
    }

    /// Chinese digits and units, possibly starting with Arabic digits ("1.2万", "三十", "50多亿").
    fn read_chinese(
        &self,
        text: &str,
        start: usize,
        digits: Option<(Decimal, usize, bool)>,
    ) -> Option<Number> {
        let t = &self.inner;
        let mut total = Decimal::ZERO;
        let mut section = Decimal::ZERO;
        let mut digit: Option<Decimal> = None;
        let mut max_big = Decimal::ZERO;
        let mut scale = Decimal::ONE;
        let mut pos = start;
        let mut end = start;
        let mut inside = None;
        let mut any = false;
        let mut grouped = false;
        let form = if digits.is_some() {
            Form::Digits
        } else {
            Form::Chinese
        };
        if let Some((v, e, g)) = digits {
            digit = Some(v);
            pos = e;
            end = e;
            any = true;
            grouped = g;
        }
        while pos < text.len() {
            let bytes = text.as_bytes();
            if bytes[pos].is_ascii_digit() || starts_fullwidth_digit(bytes, pos) {
                // Arabic digits inside a Chinese number ("1亿3000万").
                if digit.is_some() || !any {
                    break;
                }
                let Some((v, e, _)) = read_digits(text, pos) else {
                    break;
                };
                digit = Some(v);
                pos = e;
                end = e;
                continue;
            }
            let Some(c) = text[pos..].chars().next() else {
                break;
            };
            let len = c.len_utf8();
            if t.zh_inside.contains(&c) && any && inside.is_none() {
                inside = Some(c.to_string());
                pos += len;
                end = pos;
                continue;
            }
            match t.zh_token(c) {
                Some(ZhToken::Digit(v)) => {
                    if let Some(d) = digit
                        && !d.is_zero()
                    {
                        break;
                    }
                    digit = Some(*v);
                }
                Some(ZhToken::Small(m)) => {
                    if digit.is_none() && any && section.is_zero() && total.is_zero() {
                        break;
                    }
                    let d = digit.take().unwrap_or(Decimal::ONE);
                    section = checked_add(section, d.checked_mul(*m)?)?;
                }
                Some(ZhToken::Big(m)) => {
                    if !any {
                        break;
                    }
                    let cur = checked_add(section, digit.take().unwrap_or(Decimal::ZERO))?;
                    if *m > max_big {
                        total = checked_add(total, cur)?.checked_mul(*m)?;
                        max_big = *m;
                        // "1万亿": a big unit right after another multiplies the scale too.
                        scale = if cur.is_zero() {
                            scale.checked_mul(*m)?
                        } else {
                            *m
                        };
                    } else {
                        total = checked_add(total, cur.checked_mul(*m)?)?;
                    }
                    section = Decimal::ZERO;
                }
                None => break,
            }
            any = true;
            pos += len;
            end = pos;
        }
        if !any {
            return None;
        }
        let value = checked_add(checked_add(total, section)?, digit.unwrap_or(Decimal::ZERO))?;
        // A trailing 多/余 with nothing after it still belongs to the number ("30余个").
        Some(Number {
            start,
            end,
            value,
            form,
            scale,
            grouped,
            inside_qualifier: inside,
        })
    }
}

fn checked_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}

fn parse_decimal(
    dicts: &Dictionaries,
    file: &str,
    line: usize,
    s: &str,
) -> Result<Decimal, DictError> {
    Decimal::from_str(s.trim())
        .map_err(|e| dicts.error(file, line, format!("bad number {s:?}: {e}")))
}

fn single_char(dicts: &Dictionaries, file: &str, line: usize, s: &str) -> Result<char, DictError> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(dicts.error(
            file,
            line,
            format!("Chinese digits and units are single characters, found {s:?}"),
        )),
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The first place at or after `from` (and before `to`, else `to`) where `scan` has work: an
/// ASCII digit, a byte beyond ASCII, or a letter that starts a word. Letters inside words and
/// spaces and punctuation (most of an English text) are passed over eight bytes at a time.
fn next_number_start(bytes: &[u8], mut from: usize, to: usize) -> usize {
    // (Chinese text: one character after another)
    if from < to && !bytes[from].is_ascii() {
        return from;
    }
    while from < to {
        // (the last, short word padded with spaces, which are never wanted)
        let end = (from + 8).min(to);
        let word = swar::load_padded(bytes, from, end, b' ');
        let digits = swar::within(word, b'0', b'9');
        // (| 0x20 makes capitals small and takes no other byte into a..=z)
        let letters = swar::within(word | (swar::ONES * 0x20), b'a', b'z');
        let alnum = digits | letters;
        // a letter with a letter or digit before it, the one before this word included
        let glued_before = from > 0 && bytes[from - 1].is_ascii_alphanumeric();
        let after_alnum = (alnum << 8) | (u64::from(glued_before) << 7);
        let wanted = digits | swar::high(word) | (letters & !after_alnum);
        if wanted != 0 {
            return from + swar::first(wanted);
        }
        from = end;
    }
    to
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xff => 4,
        _ => 1,
    }
}

/// Full-width digits ０-９ are U+FF10..U+FF19: EF BC 90..99 in UTF-8.
fn starts_fullwidth_digit(bytes: &[u8], i: usize) -> bool {
    bytes.len() >= i + 3
        && bytes[i] == 0xef
        && bytes[i + 1] == 0xbc
        && (0x90..=0x99).contains(&bytes[i + 2])
}

/// Spaces and tabs (not line breaks) from `pos`, including the no-break space.
pub(crate) fn skip_spaces(text: &str, mut pos: usize) -> usize {
    loop {
        let rest = &text[pos..];
        if rest.starts_with(' ') || rest.starts_with('\t') {
            pos += 1;
        } else if rest.starts_with('\u{a0}') || rest.starts_with('\u{3000}') {
            pos += rest.chars().next().map_or(1, char::len_utf8);
        } else {
            return pos;
        }
    }
}

/// The run of ASCII letters starting at `pos`.
pub(crate) fn ascii_word(text: &str, pos: usize) -> Option<(&str, usize)> {
    let bytes = text.as_bytes();
    let mut e = pos;
    while e < bytes.len() && bytes[e].is_ascii_alphabetic() {
        e += 1;
    }
    (e > pos).then(|| (&text[pos..e], e))
}

/// Digits with optional thousands separators and decimals, ASCII or full-width, from `start`:
/// the value, where they end, and whether a thousands separator was used.
fn read_digits(text: &str, start: usize) -> Option<(Decimal, usize, bool)> {
    // Most numbers fit a Decimal's 28 digits: their value is built from the digits directly.
    // Longer runs take the slower path through a string, which rounds as `Decimal` parses.
    let bytes = text.as_bytes();
    let digit_at = |i: usize| -> Option<(u8, usize)> {
        if i < bytes.len() && bytes[i].is_ascii_digit() {
            Some((bytes[i] - b'0', 1))
        } else if starts_fullwidth_digit(bytes, i) {
            Some((bytes[i + 2] - 0x90, 3))
        } else {
            None
        }
    };
    // (value so far, digits so far): the digits of a run from `i` are added only when `keep`
    // says the run is taken
    let run = |mut i: usize, value: &mut u128, digits: &mut u32| -> (usize, u32) {
        let mut count = 0;
        while let Some((d, l)) = digit_at(i) {
            if *digits < 38 {
                *value = *value * 10 + u128::from(d);
            }
            *digits += 1;
            i += l;
            count += 1;
        }
        (i, count)
    };
    let (mut value, mut digits) = (0u128, 0u32);
    let (mut i, n) = run(start, &mut value, &mut digits);
    if n == 0 {
        return None;
    }
    let mut grouped = false;
    // Thousands groups: ",000" exactly three digits each, and not followed by a fourth.
    while bytes.get(i) == Some(&b',') {
        let (mut v, mut d) = (value, digits);
        let (e, n) = run(i + 1, &mut v, &mut d);
        if n != 3 {
            break;
        }
        (value, digits, i, grouped) = (v, d, e, true);
    }
    let dot = if bytes.get(i) == Some(&b'.') {
        1
    } else if text[i..].starts_with('．') {
        3
    } else {
        0
    };
    let mut scale = 0;
    if dot > 0 {
        let (mut v, mut d) = (value, digits);
        let (e, n) = run(i + dot, &mut v, &mut d);
        if n > 0 {
            (value, digits, i, scale) = (v, d, e, n);
        }
    }
    if digits <= 28 {
        let value = i128::try_from(value).ok()?;
        return Some((
            Decimal::try_from_i128_with_scale(value, scale).ok()?,
            i,
            grouped,
        ));
    }
    read_digits_as_string(text, start)
}

/// [`read_digits`] through a string, for runs longer than a `Decimal` holds exactly.
fn read_digits_as_string(text: &str, start: usize) -> Option<(Decimal, usize, bool)> {
    let bytes = text.as_bytes();
    let mut s = String::new();
    let mut i = start;
    let mut grouped = false;
    let digit_at = |i: usize| -> Option<(char, usize)> {
        if i < bytes.len() && bytes[i].is_ascii_digit() {
            Some((bytes[i] as char, 1))
        } else if starts_fullwidth_digit(bytes, i) {
            Some(((b'0' + (bytes[i + 2] - 0x90)) as char, 3))
        } else {
            None
        }
    };
    let run = |mut i: usize, s: &mut String| -> (usize, usize) {
        let mut count = 0;
        while let Some((c, l)) = digit_at(i) {
            s.push(c);
            i += l;
            count += 1;
        }
        (i, count)
    };
    let (e, n) = run(i, &mut s);
    if n == 0 {
        return None;
    }
    i = e;
    // Thousands groups: ",000" exactly three digits each, and not followed by a fourth.
    loop {
        let sep = if text[i..].starts_with(',') {
            1
        } else if text[i..].starts_with('，') {
            // A full-width comma is a clause break in Chinese, not a separator.
            break;
        } else {
            break;
        };
        let mut probe = String::new();
        let (e, n) = run(i + sep, &mut probe);
        if n != 3 {
            break;
        }
        s.push_str(&probe);
        i = e;
        grouped = true;
    }
    let dot = if text[i..].starts_with('.') {
        1
    } else if text[i..].starts_with('．') {
        3
    } else {
        0
    };
    if dot > 0 {
        let mut probe = String::from(".");
        let (e, n) = run(i + dot, &mut probe);
        if n > 0 {
            s.push_str(&probe);
            i = e;
        }
    }
    let value = Decimal::from_str(&s).ok()?;
    Some((value, i, grouped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parser() -> NumberParser {
        NumberParser::build(&Dictionaries::embedded()).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The eight-bytes-at-a-time search finds what a byte-by-byte one does, from every
        /// starting place and to every end.
        #[test]
        fn number_starts_agree_with_a_byte_scan(pieces in proptest::collection::vec(
            prop_oneof![
                Just("a"), Just("Z"), Just("z"), Just("A"), Just("word "), Just("7"), Just("90"),
                Just("12,5"), Just(" "), Just("@"), Just("["), Just("`"), Just("{"), Just("/"),
                Just(":"), Just("é"), Just("三"), Just("９"), Just("USD115"), Just("-"),
                Just("\n"),
            ],
            0..20,
        )) {
            let text = pieces.concat();
            let b = text.as_bytes();
            let naive = |from: usize, to: usize| {
                (from..to)
                    .find(|&i| {
                        b[i].is_ascii_digit()
                            || !b[i].is_ascii()
                            || b[i].is_ascii_alphabetic()
                                && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
                    })
                    .unwrap_or(to)
            };
            for from in 0..=b.len() {
                for to in from..=b.len() {
                    prop_assert_eq!(next_number_start(b, from, to), naive(from, to), "{:?} {}..{}", text, from, to);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Digits read straight into a `Decimal` give what parsing their string gives: the
        /// same value, scale, end and grouping, for any mix of digits (ASCII and full-width),
        /// commas, dots and words, up to and past the 28 digits a `Decimal` holds.
        #[test]
        fn digits_read_as_their_string(pieces in proptest::collection::vec(
            prop_oneof![
                Just("0"), Just("7"), Just("123"), Just("000"), Just("45"), Just("９"),
                Just("１２"), Just(","), Just("."), Just("．"), Just("，"), Just(" "), Just("x"),
                Just("9999999999"),
            ],
            1..16,
        )) {
            let text = pieces.concat();
            for (start, _) in text.char_indices() {
                let fast = read_digits(&text, start);
                let slow = read_digits_as_string(&text, start);
                prop_assert_eq!(
                    fast.map(|(v, e, g)| (v.mantissa(), v.scale(), e, g)),
                    slow.map(|(v, e, g)| (v.mantissa(), v.scale(), e, g)),
                    "at {} of {:?}", start, text
                );
            }
        }
    }

    /// (text, the number's text, its value): each row is one form the issue names.
    const FOUND: &[(&str, &str, &str)] = &[
        ("1,000 yuan", "1,000", "1000"),
        ("53.183 billion yuan", "53.183 billion", "53183000000"),
        ("0.1 billion", "0.1 billion", "100000000"),
        ("Fifty people", "Fifty", "50"),
        ("one hundred and sixteen", "one hundred and sixteen", "116"),
        (
            "twenty-one trillion",
            "twenty-one trillion",
            "21000000000000",
        ),
        ("a hundred companies", "a hundred", "100"),
        ("a dozen deals", "a dozen", "12"),
        ("half a dozen", "half a dozen", "6"),
        (
            "three quarters billion",
            "three quarters billion",
            "750000000",
        ),
        ("a 10-billion-yuan project", "10-billion", "10000000000"),
        ("5bn", "5bn", "5000000000"),
        ("RMB 41.6 bn in all", "41.6 bn", "41600000000"),
        ("USD 3 mn each", "3 mn", "3000000"),
        ("10M.", "10M", "10000000"),
        ("2.33 k", "2.33 k", "2330"),
        (
            "4 thousand 3 hundred and 21",
            "4 thousand 3 hundred and 21",
            "4321",
        ),
        ("three lakh crore", "three lakh crore", "3000000000000"),
        ("358亿元", "358亿", "35800000000"),
        ("1.2万", "1.2万", "12000"),
        ("三十个", "三十", "30"),
        ("十五美元", "十五", "15"),
        ("两千万", "两千万", "20000000"),
        ("1万亿日元", "1万亿", "1000000000000"),
        ("50多亿元", "50多亿", "5000000000"),
        ("一亿三千万", "一亿三千万", "130000000"),
        (
            "四十九兆九千五百九十二億元",
            "四十九兆九千五百九十二億",
            "49959200000000",
        ),
        ("１．０７５３美元", "１．０７５３", "1.0753"),
        ("1,674.5 million", "1,674.5 million", "1674500000"),
        ("5 亿元", "5 亿", "500000000"),
        ("超百亿元", "百亿", "10000000000"),
        ("2.3 billion and 1.8 billion", "2.3 billion", "2300000000"),
        ("hundred thousand dollars", "hundred thousand", "100000"),
    ];

    /// Text where the first number found is not the whole phrase, or none is found.
    const NOT_FOUND: &[(&str, Option<&str>)] = &[
        ("a number of projects", None),
        ("an agreement", None),
        ("half of them", None),
        ("5 m wide", Some("5")),
        ("2019-2020", Some("2019")),
        ("百姓", None),
        ("数百万元", None),
        ("上千万元", None),
        ("数十亿元", None),
    ];

    #[test]
    fn every_form_parses_exactly() {
        let p = parser();
        for &(text, span, value) in FOUND {
            let found = p.find_all(text);
            let n = found
                .first()
                .unwrap_or_else(|| panic!("{text:?}: no number"));
            assert_eq!(&text[n.start..n.end], span, "{text:?}");
            assert_eq!(n.value.normalize().to_string(), value, "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// `near` keeps every number of the document that starts inside a widened window, and
        /// only numbers of the document, each whole and once, in text order.
        #[test]
        fn near_keeps_the_numbers_in_its_windows(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just("53.183"), Just(" billion"), Just(" yuan"), Just("2023"),
                    Just(" three hundred"), Just(" and"), Just(" projects"), Just(", "),
                    Just("三十"), Just("亿元"), Just("。"), Just(" the city"), Just("12,000"),
                ],
                0..24,
            ),
            marks in proptest::collection::vec((0usize..400, 0usize..8), 0..6),
            reach in (0usize..80, 0usize..80),
        ) {
            let text = pieces.concat();
            let p = parser();
            let all = p.find_all(&text);
            let mut windows: Vec<(usize, usize)> = marks
                .iter()
                .map(|&(s, len)| {
                    let s = floor_boundary(&text, s.min(text.len()));
                    (s, ceil_boundary(&text, (s + len).min(text.len())))
                })
                .collect();
            windows.sort();
            let near = p.near(&text, &all, &windows, reach);
            for pair in near.windows(2) {
                prop_assert!(pair[0].end <= pair[1].start, "{:?}", text);
            }
            for n in &near {
                prop_assert!(all.contains(n), "{:?} is not a number of {:?}", n, text);
            }
            for n in &all {
                let inside = windows
                    .iter()
                    .any(|&(s, e)| n.start >= s.saturating_sub(reach.0) && n.start < e + reach.1);
                prop_assert!(!inside || near.contains(n), "{:?} left out of {:?}", n, text);
            }
        }
    }

    #[test]
    fn near_keeps_a_number_its_window_cuts_whole() {
        let p = parser();
        let text = "They pledged 53.183 billion yuan.";
        let yuan = text.find("yuan").unwrap();
        let all = p.find_all(text);
        // a window reaching only into "183 billion" still gives the whole number
        let near = p.near(text, &all, &[(yuan, yuan + 4)], (12, 0));
        assert_eq!(near.len(), 1);
        assert_eq!(&text[near[0].start..near[0].end], "53.183 billion");
        assert_eq!(near[0].value.normalize().to_string(), "53183000000");
        // and none is kept when no window comes near
        assert!(p.near(text, &all, &[(0, 4)], (0, 0)).is_empty());
    }

    #[test]
    fn non_numbers_stay_out() {
        let p = parser();
        for &(text, first) in NOT_FOUND {
            let found = p.find_all(text);
            let got = found.first().map(|n| &text[n.start..n.end]);
            assert_eq!(got, first, "{text:?}");
        }
    }
}
