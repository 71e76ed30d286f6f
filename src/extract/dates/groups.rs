//! The groups of a rule's match, read by hand for the commonest shapes of the commonest rules.
//!
//! Why: once a rule's match is found, its groups were read by the regex's capture search, a
//! backtracker that tries every branch of the rule (weekday, month, ordinal alternations) and
//! took about 3,900 instructions a match, a fifth of all the dates' work. But a match's groups
//! are already fixed by its words in the common shapes: in "June 18" the month is the word and
//! the day the number. So the matched span is cut into its ASCII words and numbers (or, for the
//! Chinese dates, read around 年 and 月), and where the words take one of the shapes below, the
//! groups are written from them; any other shape goes to the regex as before.
//!
//! Exactness: the span is a match of the rule, so its groups are some parse of the span; a
//! shape here admits one parse only (a word given as a month must be one of the months, a
//! weekday one of the weekdays), so it is the regex's parse. Debug builds check every reading
//! against the regex's (see `DateRules::read_groups`), which the test suites exercise.

use regex_automata::util::captures::Captures;
use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::{PatternID, Span};

use super::Kind;

/// The word lists a shape checks its words against, lowercase.
pub(super) struct Words<'a> {
    pub months: &'a std::collections::HashMap<String, u32>,
    pub weekdays: &'a std::collections::HashMap<String, u32>,
}

/// A run of ASCII letters and digits inside a match.
#[derive(Clone, Copy, Debug)]
struct Token {
    start: usize,
    end: usize,
}

/// The groups of a match of `kind` (a rule whose group names are `names`) at `span` of `line`,
/// written into `caps`, if the match has one of the shapes read here. `caps` is left untouched
/// otherwise.
pub(super) fn read(
    kind: Kind,
    words: &Words,
    line: &str,
    span: Span,
    names: &[Option<String>],
    caps: &mut Captures,
) -> bool {
    let bytes = line.as_bytes();
    let groups = match kind {
        Kind::ZhDate => zh_date(bytes, span, names),
        _ => {
            let Some(tokens) = tokenize(bytes, span) else {
                return false;
            };
            let m = Reader {
                bytes,
                tokens: tokens.as_slice(),
                words,
            };
            match kind {
                Kind::Year => m.year(),
                Kind::MonthAlone => m.month_alone(),
                Kind::MonDay => m.mon_day(false),
                Kind::MonDayYear => m.mon_day(true),
                Kind::MonYear => m.mon_year(),
                Kind::IsoDate => m.iso_date(),
                Kind::Quarter | Kind::Half => m.part_of_year(kind),
                Kind::RelativePeriod => m.relative_period(),
                Kind::MonDayRange => m.mon_day_range(),
                _ => None,
            }
        }
    };
    match groups {
        Some(groups) => write(span, names, groups.as_slice(), caps),
        None => false,
    }
}

/// A group's name and span.
type Group = (&'static str, Token);

/// The most tokens a shape has, and the most groups.
const MAX: usize = 8;

/// A short list on the stack: this runs for every date found.
#[derive(Clone, Copy)]
struct List<T: Copy> {
    items: [T; MAX],
    len: usize,
}

impl<T: Copy> List<T> {
    fn new(fill: T) -> Self {
        List {
            items: [fill; MAX],
            len: 0,
        }
    }
    /// Adds `item`; `None` if the list is full.
    fn push(&mut self, item: T) -> Option<()> {
        *self.items.get_mut(self.len)? = item;
        self.len += 1;
        Some(())
    }
    fn as_slice(&self) -> &[T] {
        &self.items[..self.len]
    }
}

type Groups = List<Group>;

const NO_TOKEN: Token = Token { start: 0, end: 0 };

fn groups(items: &[Group]) -> Groups {
    let mut g = List::new(("", NO_TOKEN));
    for &item in items {
        g.push(item);
    }
    g
}

/// The ASCII letter and digit runs of `span`, or `None` if it holds any byte beyond ASCII or
/// more runs than a shape has.
fn tokenize(bytes: &[u8], span: Span) -> Option<List<Token>> {
    let mut tokens = List::new(NO_TOKEN);
    let mut i = span.start;
    while i < span.end {
        let b = bytes[i];
        if !b.is_ascii() {
            return None;
        }
        if b.is_ascii_alphanumeric() {
            let start = i;
            while i < span.end && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            tokens.push(Token { start, end: i })?;
        } else {
            i += 1;
        }
    }
    Some(tokens)
}

/// A match's tokens and what a shape asks of them.
struct Reader<'a> {
    bytes: &'a [u8],
    tokens: &'a [Token],
    words: &'a Words<'a>,
}

impl Reader<'_> {
    fn text(&self, t: Token) -> &[u8] {
        &self.bytes[t.start..t.end]
    }

    /// Whether token `k` is `word`, in any case.
    fn is(&self, k: usize, word: &str) -> bool {
        self.tokens
            .get(k)
            .is_some_and(|&t| self.text(t).eq_ignore_ascii_case(word.as_bytes()))
    }

    fn is_any(&self, k: usize, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(k, w))
    }

    /// Whether token `k` is a word of `list` (lowercase keys).
    fn in_list(&self, k: usize, list: &std::collections::HashMap<String, u32>) -> bool {
        let Some(&t) = self.tokens.get(k) else {
            return false;
        };
        let text = self.text(t);
        text.len() <= 16
            && text.iter().all(u8::is_ascii_alphabetic)
            && std::str::from_utf8(text)
                .is_ok_and(|w| list.contains_key(w.to_ascii_lowercase().as_str()))
    }

    fn month(&self, k: usize) -> bool {
        self.in_list(k, self.words.months)
    }

    /// A weekday that is not also a month, so that it cannot be read as the month.
    fn weekday(&self, k: usize) -> bool {
        self.in_list(k, self.words.weekdays) && !self.month(k)
    }

    /// One or two digits, with an ordinal ending or none: "18", "3rd".
    fn day(&self, k: usize) -> bool {
        let Some(&t) = self.tokens.get(k) else {
            return false;
        };
        let text = self.text(t);
        let digits = text.iter().take_while(|b| b.is_ascii_digit()).count();
        let suffix = &text[digits..];
        (1..=2).contains(&digits)
            && (suffix.is_empty()
                || ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|s| suffix.eq_ignore_ascii_case(s.as_bytes())))
    }

    /// Four digits.
    fn year_digits(&self, k: usize) -> bool {
        self.tokens
            .get(k)
            .is_some_and(|&t| t.end - t.start == 4 && self.text(t).iter().all(u8::is_ascii_digit))
    }

    fn digits(&self, k: usize) -> bool {
        self.tokens
            .get(k)
            .is_some_and(|&t| self.text(t).iter().all(u8::is_ascii_digit))
    }

    /// "2023", alone.
    fn year(&self) -> Option<Groups> {
        (self.tokens.len() == 1 && self.year_digits(0)).then(|| groups(&[("y", self.tokens[0])]))
    }

    /// "June", "in June", "mid-June", "early March".
    fn month_alone(&self) -> Option<Groups> {
        match self.tokens.len() {
            1 if self.month(0) => Some(groups(&[("mon", self.tokens[0])])),
            // The rule's one-word parts are these three; every other word before the month
            // is a preposition or modifier ("in", "last").
            2 if self.month(1) => {
                let name = match self.is_any(0, &["early", "mid", "late"]) {
                    true => "part",
                    false => "pre",
                };
                Some(groups(&[(name, self.tokens[0]), ("mon", self.tokens[1])]))
            }
            _ => None,
        }
    }

    /// A weekday and a month, or a month, from token 0: the groups and the month's index.
    fn weekday_month(&self) -> Option<(Groups, usize)> {
        if self.month(0) {
            Some((groups(&[("mon", self.tokens[0])]), 0))
        } else if self.weekday(0) && self.month(1) {
            Some((
                groups(&[("wd", self.tokens[0]), ("mon", self.tokens[1])]),
                1,
            ))
        } else {
            None
        }
    }

    /// "June 18", "Fri, Jul 18", "June the 28th"; with `year`, "June 20, 2023", "july 4th of
    /// 1995".
    fn mon_day(&self, year: bool) -> Option<Groups> {
        let (mut g, mon) = self.weekday_month()?;
        let mut k = mon + 1;
        if self.is(k, "the") {
            k += 1;
        }
        if !self.day(k) {
            return None;
        }
        g.push(("d", self.tokens[k]))?;
        k += 1;
        if year {
            k = self.year_after(k, &mut g)?;
        }
        (k == self.tokens.len()).then_some(g)
    }

    /// The year from token `k`, after "of" or "in" or neither, as group `y`: the token after it.
    fn year_after(&self, mut k: usize, g: &mut Groups) -> Option<usize> {
        if self.is_any(k, &["of", "in"]) {
            k += 1;
        }
        if !self.year_digits(k) {
            return None;
        }
        g.push(("y", self.tokens[k]))?;
        Some(k + 1)
    }

    /// "June 2023", "june of 1992", "Dec-2018".
    fn mon_year(&self) -> Option<Groups> {
        let k = match self.is_any(1, &["of", "in"]) {
            true => 2,
            false => 1,
        };
        (self.month(0) && self.year_digits(k) && self.tokens.len() == k + 1)
            .then(|| groups(&[("mon", self.tokens[0]), ("y", self.tokens[k])]))
    }

    /// "2023-06-20", "2023/6/20", "2023.6.20": the separator names the groups.
    fn iso_date(&self) -> Option<Groups> {
        if self.tokens.len() != 3 || !self.year_digits(0) || !self.digits(1) || !self.digits(2) {
            return None;
        }
        let (m, d) = match self.bytes[self.tokens[0].end] {
            b'-' => ("m", "d"),
            b'/' => ("m2", "d2"),
            b'.' => ("m3", "d3"),
            _ => return None,
        };
        Some(groups(&[
            ("y", self.tokens[0]),
            (m, self.tokens[1]),
            (d, self.tokens[2]),
        ]))
    }

    /// "first quarter", "3rd qtr of 2023", "second half of this year", "first half 2024".
    fn part_of_year(&self, kind: Kind) -> Option<Groups> {
        let (ords, units): (&[&str], &[&str]) = match kind {
            Kind::Quarter => (
                &[
                    "first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th",
                ],
                &["quarter", "qtr"],
            ),
            _ => (&["first", "second"], &["half"]),
        };
        if !self.is_any(0, ords) || !self.is_any(1, units) {
            return None;
        }
        let mut g = groups(&[("ord", self.tokens[0])]);
        let n = self.tokens.len();
        match n {
            2 => {}
            // "first quarter 2024"
            3 if self.year_digits(2) => g.push(("y2", self.tokens[2]))?,
            // "first quarter of 2024"
            4 if self.is(2, "of") && self.year_digits(3) => g.push(("y", self.tokens[3]))?,
            // "first quarter of this year", "first quarter of the year"
            5 if self.is(2, "of") && self.is(4, "year") => {
                if !self.is(3, "the") {
                    g.push(("mod", self.tokens[3]))?;
                }
            }
            _ => return None,
        }
        Some(g)
    }

    /// "last year", "this month", "next calendar year".
    fn relative_period(&self) -> Option<Groups> {
        let unit = match self.tokens.len() {
            2 => 1,
            3 if self.is(1, "calendar") => 2,
            _ => return None,
        };
        Some(groups(&[
            ("mod", self.tokens[0]),
            ("unit", self.tokens[unit]),
        ]))
    }

    /// "May 24-25", "from May 24 to 25", "Sept 5-7, 2024", "May 22 and 23 of 2021".
    fn mon_day_range(&self) -> Option<Groups> {
        let mut g = groups(&[]);
        let mut k = 0;
        if self.is_any(0, &["between", "from"]) && !self.month(0) {
            g.push(("btw", self.tokens[0]))?;
            k = 1;
        }
        if !self.month(k) || !self.day(k + 1) {
            return None;
        }
        g.push(("mon", self.tokens[k]))?;
        g.push(("d", self.tokens[k + 1]))?;
        k += 2;
        let d = self.tokens[k - 1];
        if self.is_any(k, &["to", "through", "thru", "till", "until", "and"]) {
            g.push(("sep", self.tokens[k]))?;
            k += 1;
        } else {
            // One of the signs between the days, with spaces or none around it.
            let next = self.tokens.get(k)?;
            let gap = &self.bytes[d.end..next.start];
            let mut signs = (0..gap.len()).filter(|&i| !gap[i].is_ascii_whitespace());
            match (signs.next(), signs.next()) {
                (Some(i), None) if matches!(gap[i], b'-' | b'~' | b'&') => g.push((
                    "sep",
                    Token {
                        start: d.end + i,
                        end: d.end + i + 1,
                    },
                ))?,
                _ => return None,
            }
        }
        if !self.day(k) {
            return None;
        }
        g.push(("d2", self.tokens[k]))?;
        k += 1;
        if k < self.tokens.len() {
            k = self.year_after(k, &mut g)?;
        }
        (k == self.tokens.len()).then_some(g)
    }
}

/// "2023年6月20日", "6月18日", "2018年10月", "6月份", "9月下旬"; "2009年", "2027年底" (the rule
/// without a month): with ASCII digits and no spaces. A year written otherwise, or a relative
/// one ("今年6月"), is left to the regex.
fn zh_date(bytes: &[u8], span: Span, names: &[Option<String>]) -> Option<Groups> {
    let digits_at = |i: usize, max: usize| {
        let n = bytes[i..span.end]
            .iter()
            .take(max + 1)
            .take_while(|b| b.is_ascii_digit())
            .count();
        (n > 0 && n <= max).then_some(Token {
            start: i,
            end: i + n,
        })
    };
    let at = |i: usize, s: &str| bytes[i..span.end].starts_with(s.as_bytes());
    let with_month = names.iter().any(|n| n.as_deref() == Some("m"));
    let mut g = groups(&[]);
    let mut i = span.start;
    // A year: two or four digits and 年.
    if let Some(y) = digits_at(i, 4).filter(|y| at(y.end, "年")) {
        if y.end - y.start == 3 || y.end - y.start == 1 {
            return None;
        }
        g.push(("y", y))?;
        i = y.end + "年".len();
    } else if !with_month {
        return None;
    }
    if !with_month {
        if let Some(end) = ["底", "末", "初"].iter().find(|s| at(i, s)) {
            i += end.len();
        }
        return (i == span.end).then_some(g);
    }
    let m = digits_at(i, 2).filter(|m| at(m.end, "月"))?;
    g.push(("m", m))?;
    i = m.end + "月".len();
    if at(i, "份") {
        i += "份".len();
    }
    if let Some(d) = digits_at(i, 2) {
        g.push(("d", d))?;
        i = d.end;
        if let Some(suf) = ["日", "号", "號"].iter().find(|s| at(i, s)) {
            g.push((
                "suf",
                Token {
                    start: i,
                    end: i + suf.len(),
                },
            ))?;
            i += suf.len();
        }
    } else if let Some(part) = ["上中旬", "中下旬", "上旬", "中旬", "下旬", "初", "底", "末"]
        .iter()
        .find(|s| at(i, s))
    {
        i += part.len();
    }
    (i == span.end).then_some(g)
}

/// Writes the match and `groups` into `caps`, as the regex's capture search would: every group
/// not named unset. `false`, with `caps` untouched, if a name is not one of the rule's groups.
fn write(span: Span, names: &[Option<String>], groups: &[Group], caps: &mut Captures) -> bool {
    // (first slot, second slot, start, end) of the match, then of each group
    let mut slots = List::new((0, 0, 0, 0));
    let info = caps.group_info();
    let whole = std::iter::once((0, span.start, span.end));
    let named = groups.iter().map_while(|&(name, t)| {
        let g = names.iter().position(|n| n.as_deref() == Some(name))?;
        Some((g, t.start, t.end))
    });
    for (g, s, e) in whole.chain(named) {
        match info.slots(PatternID::ZERO, g) {
            Some((a, b)) if slots.push((a, b, s, e)).is_some() => {}
            _ => return false,
        }
    }
    if slots.len != groups.len() + 1 {
        return false;
    }
    caps.set_pattern(Some(PatternID::ZERO));
    let all = caps.slots_mut();
    all.fill(None);
    for &(a, b, s, e) in slots.as_slice() {
        all[a] = NonMaxUsize::new(s);
        all[b] = NonMaxUsize::new(e);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::{DateRules, Kind};
    use crate::dict::Dictionaries;

    /// For each text, the first rule of `kind` that matches it whole: whether its groups were
    /// read by hand, and (always) that they are the regex's.
    fn by_hand(rules: &DateRules, kind: Kind, text: &str) -> bool {
        let words = super::Words {
            months: &rules.months,
            weekdays: &rules.weekdays,
        };
        for rule in rules.rules.iter().filter(|r| r.kind == kind) {
            let input = regex_automata::Input::new(text).anchored(regex_automata::Anchored::Yes);
            let Some(m) = rule.regex.find(input) else {
                continue;
            };
            assert_eq!(m.end(), text.len(), "{kind:?} matches all of {text:?}");
            let mut caps = rule.regex.create_captures();
            let hand = super::read(kind, &words, text, m.span(), &rule.names, &mut caps);
            let mut expected = rule.regex.create_captures();
            rule.regex.search_captures(
                &regex_automata::Input::new(text)
                    .span(m.span())
                    .anchored(regex_automata::Anchored::Yes),
                &mut expected,
            );
            if hand {
                assert_eq!(caps.slots(), expected.slots(), "{kind:?} {text:?}");
            }
            return hand;
        }
        panic!("no {kind:?} rule matches {text:?}");
    }

    #[test]
    fn common_shapes_are_read_by_hand() {
        let rules = DateRules::build(&Dictionaries::embedded()).unwrap();
        let cases: &[(Kind, &str)] = &[
            (Kind::Year, "2023"),
            (Kind::MonthAlone, "August"),
            (Kind::MonthAlone, "in Sept."),
            (Kind::MonthAlone, "mid-June"),
            (Kind::MonthAlone, "Early march"),
            (Kind::MonDay, "June 18"),
            (Kind::MonDay, "Oct. 3rd"),
            (Kind::MonDay, "Fri, Jul 18"),
            (Kind::MonDay, "June the 28th"),
            (Kind::MonDayYear, "June 20, 2023"),
            (Kind::MonDayYear, "Sep-23-2020"),
            (Kind::MonDayYear, "july 4th of 1995"),
            (Kind::MonDayYear, "Wednesday, May 3, 2023"),
            (Kind::MonYear, "June 2023"),
            (Kind::MonYear, "june of 1992"),
            (Kind::IsoDate, "2023-06-20"),
            (Kind::IsoDate, "2023/6/2"),
            (Kind::IsoDate, "2023.06.20"),
            (Kind::Quarter, "first quarter"),
            (Kind::Quarter, "3rd qtr of 2023"),
            (Kind::Quarter, "fourth quarter of this year"),
            (Kind::Quarter, "second quarter of the year"),
            (Kind::Quarter, "first quarter 2024"),
            (Kind::Half, "second half of next year"),
            (Kind::RelativePeriod, "last year"),
            (Kind::RelativePeriod, "this calendar year"),
            (Kind::MonDayRange, "May 24-25"),
            (Kind::MonDayRange, "from May 24 to 25"),
            (Kind::MonDayRange, "Sept 5 - 7, 2024"),
            (Kind::MonDayRange, "between May 22 and 23 of 2021"),
            (Kind::ZhDate, "2023年6月20日"),
            (Kind::ZhDate, "6月18号"),
            (Kind::ZhDate, "2018年10月"),
            (Kind::ZhDate, "6月份"),
            (Kind::ZhDate, "9月下旬"),
            (Kind::ZhDate, "23年5月"),
        ];
        for &(kind, text) in cases {
            assert!(
                by_hand(&rules, kind, text),
                "{kind:?} {text:?} read by hand"
            );
        }
        // Shapes left to the regex (a spelled day, a weekday that opens no month, a dash
        // beyond ASCII, a year in Chinese numerals, a relative year).
        let others: &[(Kind, &str)] = &[
            (Kind::MonDay, "June first"),
            (Kind::MonDayRange, "May 24–25"),
            (Kind::MonDayRange, "from May 24th to the 25th"),
            (Kind::Quarter, "first fiscal quarter"),
            (Kind::ZhDate, "二〇二三年六月"),
            (Kind::ZhDate, "今年6月"),
            (Kind::ZhDate, "2023 年 6 月"),
        ];
        for &(kind, text) in others {
            assert!(
                !by_hand(&rules, kind, text),
                "{kind:?} {text:?} left to the regex"
            );
        }
    }
}
