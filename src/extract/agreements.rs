//! Agreement counts: [`AgreementRules`] finds how many agreements, contracts, projects,
//! memoranda, letters of intent or deals were signed ("7 strategic cooperation agreements",
//! "signed an agreement", "7项战略合作协议", "签约项目30个") and gives an [`AgreementValue`].
//!
//! A count is a number (from the shared [`NumberParser`], digits or words) followed by up to a
//! few describing words and a noun from `dictionaries/agreements/nouns.tsv`; the describing
//! words are kept as `label`. English "a"/"an" count one when a signing word stands right next
//! to them ("signed an agreement", "a deal was inked"). Chinese counts need a measure word
//! (`classifiers.tsv`), either before the noun ("7项…协议") or after it ("项目30个").
//!
//! Only signings count: the sentence must hold a `sign` word of `verbs.tsv` (signed, inked,
//! 签约, 达成…), and a clause that only introduced, promoted or planned its projects (a `not`
//! word and no `sign` word) gives nothing. The span runs from the number to the noun as written
//! (for "项目30个", from the noun to the measure word). Offsets are byte offsets, half-open.
//!
//! ```
//! use gazette::dict::Dictionaries;
//! use gazette::extract::{agreements::AgreementRules, numbers::NumberParser};
//! let d = Dictionaries::embedded();
//! let rules = AgreementRules::build(&d, NumberParser::build(&d).unwrap()).unwrap();
//! let found = rules.extract("A total of 7 strategic cooperation agreements were signed.");
//! assert_eq!(found[0].text, "7 strategic cooperation agreements");
//! ```

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::numbers::{FastMap, Form, Number, NumberParser, ascii_word, skip_spaces};
use crate::dict::{DictError, Dictionaries};
use crate::model::{AgreementKind, AgreementValue, Mention, Value};

/// How far from a noun a verb is looked for, in bytes: a long sentence.
const VERB_REACH: usize = 600;

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The largest count believed: beyond it a number is an amount or a code, not a count.
const MAX_COUNT: u64 = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Inflection {
    Singular,
    Plural,
    Any,
}

/// What a word of `verbs.tsv` says about a signing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Polarity {
    /// Signed, inked, 签约.
    Sign,
    /// Introduced, promoted, planned: the projects were not signed.
    Not,
    /// Not, yet to, 尚未: turns the signing word after it into `Not`.
    Negation,
}

#[derive(Debug, Clone)]
struct Noun {
    kind: AgreementKind,
    plural: Inflection,
    chinese: bool,
}

/// Compiled agreement rules; build once per run.
pub struct AgreementRules {
    numbers: NumberParser,
    /// Month names and abbreviations of `dates/months.tsv`, lowercase: a number after a
    /// capitalised one is a day ("on December 5, and enterprise contracts"), no count.
    months: Vec<String>,
    nouns: Vec<Noun>,
    noun_automaton: AhoCorasick,
    verbs: Vec<(String, Polarity)>,
    verb_automaton: AhoCorasick,
    /// Verbs by lowercase word, for the label scan (a verb ends a label).
    verb_polarity: FastMap<String, Polarity>,
    stops: FastMap<String, ()>,
    classifiers: Vec<char>,
}

/// A noun found in the text.
#[derive(Debug, Clone, Copy)]
struct NounHit {
    start: usize,
    end: usize,
    noun: usize,
}

/// A signing or not-signing word found in the text.
#[derive(Debug, Clone, Copy)]
struct VerbHit {
    start: usize,
    end: usize,
    sign: bool,
}

impl AgreementRules {
    pub fn build(dicts: &Dictionaries, numbers: NumberParser) -> Result<AgreementRules, DictError> {
        const NOUNS: &str = "agreements/nouns.tsv";
        const VERBS: &str = "agreements/verbs.tsv";
        let mut nouns = Vec::new();
        let mut surfaces = Vec::new();
        for row in dicts.rows(NOUNS, 3)? {
            let f = &row.fields;
            let kind = AgreementKind::parse(f[1].trim())
                .ok_or_else(|| dicts.error(NOUNS, row.line, format!("unknown kind {:?}", f[1])))?;
            let plural = match f[2].trim() {
                "sg" => Inflection::Singular,
                "pl" => Inflection::Plural,
                "any" => Inflection::Any,
                other => {
                    return Err(dicts.error(
                        NOUNS,
                        row.line,
                        format!("number {other:?} is not sg, pl or any"),
                    ));
                }
            };
            let surface = f[0].trim().to_string();
            nouns.push(Noun {
                kind,
                plural,
                chinese: !surface.is_ascii(),
            });
            surfaces.push(surface);
        }
        let noun_automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            // A DFA: these automata scan every byte of every article.
            .kind(Some(AhoCorasickKind::DFA))
            .build(surfaces.iter().map(|s| s.to_ascii_lowercase()))
            .map_err(|e| dicts.error(NOUNS, 0, e.to_string()))?;
        let mut verbs = Vec::new();
        for row in dicts.rows(VERBS, 2)? {
            let sign = match row.fields[1].trim() {
                "sign" => Polarity::Sign,
                "not" => Polarity::Not,
                "negation" => Polarity::Negation,
                other => {
                    return Err(dicts.error(
                        VERBS,
                        row.line,
                        format!("polarity {other:?} is not sign, not or negation"),
                    ));
                }
            };
            verbs.push((row.fields[0].trim().to_string(), sign));
        }
        let verb_automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            // A DFA: these automata scan every byte of every article.
            .kind(Some(AhoCorasickKind::DFA))
            .build(verbs.iter().map(|(w, _)| w.to_ascii_lowercase()))
            .map_err(|e| dicts.error(VERBS, 0, e.to_string()))?;
        let stops = dicts
            .rows("agreements/label_stops.tsv", 1)?
            .iter()
            .map(|r| (r.fields[0].trim().to_ascii_lowercase(), ()))
            .collect();
        let verb_polarity = verbs
            .iter()
            .map(|(w, p)| (w.to_ascii_lowercase(), *p))
            .collect();
        let mut classifiers = Vec::new();
        for row in dicts.rows("agreements/classifiers.tsv", 1)? {
            let mut chars = row.fields[0].trim().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => classifiers.push(c),
                _ => {
                    return Err(dicts.error(
                        "agreements/classifiers.tsv",
                        row.line,
                        "a classifier is one character".into(),
                    ));
                }
            }
        }
        let months = dicts
            .rows("dates/months.tsv", 2)?
            .iter()
            .map(|r| r.fields[0].trim().to_ascii_lowercase())
            .collect();
        Ok(AgreementRules {
            numbers,
            months,
            nouns,
            noun_automaton,
            verbs,
            verb_automaton,
            verb_polarity,
            stops,
            classifiers,
        })
    }

    /// Every signed count in `text`, in text order.
    pub fn extract(&self, text: &str) -> Vec<Mention> {
        self.extract_prepared(&super::Prepared::new(text))
    }

    /// [`AgreementRules::extract`], sharing the lowercased text and the numbers with the
    /// other extractors that read them.
    pub fn extract_prepared(&self, doc: &super::Prepared) -> Vec<Mention> {
        let text = doc.text;
        // Prefilter: no agreement noun, no count.
        let lower = doc.lower();
        let nouns: Vec<NounHit> = self
            .noun_automaton
            .find_iter(lower)
            .filter(|m| {
                let n = &self.nouns[m.pattern().as_usize()];
                n.chinese || word_bounded(text, m.start(), m.end())
            })
            .map(|m| NounHit {
                start: m.start(),
                end: m.end(),
                noun: m.pattern().as_usize(),
            })
            .collect();
        if nouns.is_empty() {
            return Vec::new();
        }
        let mut verbs: Vec<VerbHit> = Vec::new();
        let mut negation_end: Option<usize> = None;
        // Verbs matter only in the sentences of the nouns: search windows around them.
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for h in &nouns {
            let ws = floor_char(text, h.start.saturating_sub(VERB_REACH));
            let we = floor_char(text, (h.end + VERB_REACH).min(text.len()));
            match windows.last_mut() {
                Some(last) if ws <= last.1 => last.1 = last.1.max(we),
                _ => windows.push((ws, we)),
            }
        }
        // A match glued to a word is passed over from its next character, not its end: "to
        // sign" inside "Pluto signed" must leave "signed" to be found.
        for &(ws, we) in &windows {
            let mut at = ws;
            while let Some(m) = self
                .verb_automaton
                .find(aho_corasick::Input::new(lower).span(at..we))
            {
                let (w, polarity) = &self.verbs[m.pattern().as_usize()];
                if w.is_ascii() && !word_bounded(text, m.start(), m.end()) {
                    at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                at = m.end();
                // A word inside a document's title says nothing of the signing: 签署《…行动计划》
                // 等9份协议 (计划, "plan", is the title's).
                if !w.is_ascii() {
                    let head = &text[floor_char(text, m.start().saturating_sub(120))..m.start()];
                    if head
                        .rfind('《')
                        .is_some_and(|o| head.rfind('》').is_none_or(|c| c < o))
                    {
                        continue;
                    }
                }
                if *polarity == Polarity::Negation {
                    negation_end = Some(m.end());
                    continue;
                }
                // "not yet been signed", "尚未签约": a negation a few words before, in the clause.
                let negated = negation_end.is_some_and(|e| {
                    m.start() >= e
                        && m.start() - e <= 16
                        && !text[e..m.start()].contains([',', '.', ';', '，', '。', '；'])
                });
                verbs.push(VerbHit {
                    start: m.start(),
                    end: m.end(),
                    sign: *polarity == Polarity::Sign && !negated,
                });
            }
        }
        // (no signing verb, no count: unless a headline ends an event "with" agreements, which
        // `headline_with` reads without one)
        let headline_noun = |h: &NounHit| {
            self.nouns[h.noun].kind != AgreementKind::Project
                && text[text[..h.start].rfind('\n').map_or(0, |i| i + 1)..h.start]
                    .contains(" with ")
        };
        if !verbs.iter().any(|v| v.sign) && !nouns.iter().any(headline_noun) {
            return Vec::new();
        }
        let noun_at: FastMap<usize, usize> = nouns
            .iter()
            .enumerate()
            .map(|(i, h)| (h.start, i))
            .collect();
        // Only numbers a few words before or after a noun can count it.
        let windows: Vec<(usize, usize)> = nouns.iter().map(|h| (h.start, h.end)).collect();
        // Eight describing words before a noun ("30 significant culture, sports, and tourism
        // projects"), a filler and a count after it ("项目共计56个").
        let numbers = self
            .numbers
            .near(text, doc.numbers(&self.numbers), &windows, (160, 32));
        let mut out: Vec<Mention> = Vec::new();
        let mut taken: Vec<(usize, usize)> = Vec::new();
        let mut push = |out: &mut Vec<Mention>,
                        start: usize,
                        end: usize,
                        count: u64,
                        noun: &Noun,
                        label: &str| {
            if taken.iter().any(|&(s, e)| start < e && s < end) {
                return;
            }
            taken.push((start, end));
            out.push(Mention::at(
                text,
                start,
                end,
                Value::Agreement(AgreementValue {
                    count,
                    kind: noun.kind,
                    label: label.to_string(),
                }),
            ));
        };
        for n in &numbers {
            let Some(count) = as_count(n, text) else {
                continue;
            };
            if names_a_number(text, n.start, &self.months) {
                continue;
            }
            let hit = if n.form == Form::Chinese || next_is_cjk(text, n.end) {
                self.chinese_after(text, n, &nouns)
            } else {
                self.english_after(text, n.end, count, &noun_at, &nouns)
            };
            // "11 projects more than last year": a difference between two tallies
            let difference = |end: usize| {
                [" more than", " fewer than", " less than"]
                    .iter()
                    .any(|w| text[end..].starts_with(w))
            };
            if let Some((hit, label_start)) = hit
                && !difference(hit.end)
                && (self.signed(text, n.start, hit.end, &verbs)
                    || (self.nouns[hit.noun].kind != AgreementKind::Project
                        && headline_with(text, n.start, hit.end)))
            {
                let label = text[label_start..hit.start]
                    .trim_matches(|c: char| c.is_whitespace() || c == ',');
                push(
                    &mut out,
                    n.start,
                    hit.end,
                    count,
                    &self.nouns[hit.noun],
                    label,
                );
            }
        }
        // "项目30个": the noun first, then the count and its measure word.
        for h in nouns.iter().filter(|h| self.nouns[h.noun].chinese) {
            let mut p = h.end;
            for filler in ["共计", "总计", "合计", "共", "达", "计", "：", ":"] {
                if text[p..].starts_with(filler) {
                    p += filler.len();
                    break;
                }
            }
            let Some(n) = numbers.iter().find(|n| n.start == p) else {
                continue;
            };
            let Some(count) = as_count(n, text) else {
                continue;
            };
            let Some(c) = text[n.end..].chars().next() else {
                continue;
            };
            if !self.classifiers.contains(&c) {
                continue;
            }
            let end = n.end + c.len_utf8();
            // "签约外资项目37个", "、项目合同21份": the describers before the noun belong to the
            // span (corpus convention); the signing word, punctuation and function characters
            // (共, 了, 的, 其中…) end them.
            let mut start = h.start;
            for (i, c) in text[..h.start].char_indices().rev().take(10) {
                // "10亿元以上项目8个": an amount bound is not a describer; 共 is "together" in
                // 共建 (产业共建项目15个), "in all" elsewhere.
                if !is_cjk(c)
                    || ("了的和与及等共中其为是有在已将并又亿万元".contains(c)
                        && !(c == '共' && text[i + c.len_utf8()..].starts_with('建')))
                    || text[..i + c.len_utf8()].ends_with("以上")
                    || text[..i + c.len_utf8()].ends_with("以下")
                    || verbs.iter().any(|v| v.end == i + c.len_utf8())
                {
                    break;
                }
                start = i;
            }
            if self.signed(text, start, end, &verbs) {
                let label = &text[start..h.start];
                push(&mut out, start, end, count, &self.nouns[h.noun], label);
            }
        }
        // A row of a key-figures table names its count after a colon or a dash, with the
        // signing word beside the noun: "Signed projects: 58", "Agreements signed — 12",
        // "签约项目：32个" (above, with its measure word). The row is its own evidence: a row
        // with no signing word ("Projects promoted: 20") counts nothing.
        for h in nouns.iter().filter(|h| !self.nouns[h.noun].chinese) {
            let mut p = h.end;
            let mut start = h.start;
            if let Some(v) = verbs
                .iter()
                .find(|v| v.sign && v.start == p + 1 && text[p..].starts_with(' '))
            {
                p = v.end;
            } else if let Some(v) = verbs
                .iter()
                .find(|v| v.sign && v.end + 1 == h.start && text[v.end..h.start] == *" ")
            {
                start = v.start;
            } else {
                continue;
            }
            let rest = &text[p..];
            let trimmed = rest.trim_start_matches(' ');
            let Some(after_mark) = [":", "：", "—", "–", "-"]
                .iter()
                .find_map(|m| trimmed.strip_prefix(m))
            else {
                continue;
            };
            let at = text.len() - after_mark.trim_start_matches(' ').len();
            let Some(n) = numbers.iter().find(|n| n.start == at) else {
                continue;
            };
            let Some(count) = as_count(n, text) else {
                continue;
            };
            // (the row ends at the count: "Signed projects: 58, total value ...", not "Signed
            // projects: 58.6 billion yuan")
            if text[n.end..].starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            push(&mut out, start, n.end, count, &self.nouns[h.noun], "");
        }
        // "signed an agreement", "a deal was inked": the article counts one.
        for h in &nouns {
            let noun = &self.nouns[h.noun];
            if noun.chinese || noun.plural != Inflection::Singular {
                continue;
            }
            if let Some((start, label_start)) = self.article_before(text, h.start)
                && (self.sign_adjacent(text, start, h.end, &verbs)
                    || coordinated(text, start, &out, &verbs))
                && self.signed(text, start, h.end, &verbs)
            {
                let label = text[label_start..h.start].trim();
                push(&mut out, start, h.end, 1, noun, label);
            }
        }
        out.sort_by_key(|m| m.start);
        out
    }

    /// The noun after an English count: describing words, commas and "and" may come between
    /// ("30 significant culture, sports, and tourism projects"); a stop word ends the search.
    fn english_after(
        &self,
        text: &str,
        from: usize,
        count: u64,
        noun_at: &FastMap<usize, usize>,
        nouns: &[NounHit],
    ) -> Option<(NounHit, usize)> {
        // "5th project", "1st batch": a suffix glued to the digits makes an ordinal.
        if text[from..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let mut p = from;
        for _ in 0..8 {
            p = skip_spaces(text, p);
            if text[p..].starts_with(',') {
                p = skip_spaces(text, p + 1);
            }
            if let Some(&i) = noun_at.get(&p) {
                let h = nouns[i];
                let noun = &self.nouns[h.noun];
                let agrees = match noun.plural {
                    Inflection::Singular => count == 1,
                    Inflection::Plural => count > 1,
                    Inflection::Any => true,
                };
                if agrees && !noun.chinese {
                    return Some((h, from));
                }
                // "60 project investment contracts": a singular noun used as a describer.
                if noun.plural == Inflection::Plural {
                    return None;
                }
            }
            let (word, e) = ascii_word(text, p)?;
            let mut e = e;
            // Hyphenated describers: "high-tech", "follow-up".
            while text[e..].starts_with('-') {
                match ascii_word(text, e + 1) {
                    Some((_, e2)) => e = e2,
                    None => break,
                }
            }
            // A suspended hyphen joins two describers: "medium- and long-term contracts".
            if let Some(rest) = text[e..]
                .strip_prefix("- and ")
                .or(text[e..].strip_prefix("- or "))
                && rest.starts_with(|c: char| c.is_ascii_alphabetic())
            {
                e = text.len() - rest.len();
                if let Some((_, e2)) = ascii_word(text, e) {
                    e = e2;
                    while text[e..].starts_with('-') {
                        match ascii_word(text, e + 1) {
                            Some((_, e3)) => e = e3,
                            None => break,
                        }
                    }
                }
            }
            let lower = word.to_ascii_lowercase();
            // Another count before the noun is the noun's ("two places, and three letters of
            // intent": three letters, not two).
            if self.numbers.is_count_word(text, p) {
                return None;
            }
            // "18 signed projects": a signing word may describe the noun, right after the count.
            let describing_sign = p == skip_spaces(text, from)
                && self.verb_polarity.get(&lower) == Some(&Polarity::Sign);
            if self.stops.contains_key(&lower)
                || (!describing_sign && self.verb_polarity.contains_key(&lower))
            {
                return None;
            }
            p = e;
        }
        None
    }

    /// The Chinese noun after a count and its measure word ("7项战略合作协议", "30余个项目"),
    /// and where the label starts.
    fn chinese_after(&self, text: &str, n: &Number, nouns: &[NounHit]) -> Option<(NounHit, usize)> {
        let c = text[n.end..].chars().next()?;
        if !self.classifiers.contains(&c) {
            return None;
        }
        let label_start = n.end + c.len_utf8();
        // The label is a run of Chinese characters, at most sixteen, which may quote a name
        // ("一份医疗人才“组团式”帮扶协议").
        let mut limit = label_start;
        for (i, ch) in text[label_start..].char_indices() {
            // (a list of kinds may stand before the noun: "11份咖啡、茶叶采购合同")
            if i >= 48 || !(is_cjk(ch) || "“”「」『』".contains(ch) || (ch == '、' && i > 0))
            {
                break;
            }
            limit = label_start + i + ch.len_utf8();
        }
        let first = nouns
            .iter()
            .find(|h| h.start >= label_start && h.end <= limit && self.nouns[h.noun].chinese)?;
        // A signing verb between the count and the noun makes the count the signers':
        // "5个市郡签署友好交流意向书" counts cities, not letters.
        let between = &text[label_start..first.start];
        if between.contains("签署") || between.contains("签订") {
            return None;
        }
        // "12个项目合同": a chain of nouns counts as the last one, but not a noun that
        // describes a sum: "12个项目协议投资额86.5亿元" (the agreed investment).
        const SUMS: [&str; 5] = ["投资", "金额", "资金", "额", "总额"];
        // (one describing word may stand between them: "2个项目投资协议" are agreements)
        const BETWEEN: [&str; 4] = ["投资", "合作", "框架", "战略合作"];
        let mut hit = *first;
        while let Some(next) = nouns.iter().find(|h| {
            (h.start == hit.end
                || BETWEEN
                    .iter()
                    .any(|w| h.start == hit.end + w.len() && text[hit.end..].starts_with(w)))
                && self.nouns[h.noun].chinese
                && !SUMS.iter().any(|w| text[h.end..].starts_with(w))
        }) {
            hit = *next;
        }
        Some((hit, label_start))
    }

    /// "a"/"an" before a singular noun, over at most six describing words: where the article
    /// starts and where the label starts.
    fn article_before(&self, text: &str, noun_start: usize) -> Option<(usize, usize)> {
        let mut p = noun_start;
        for _ in 0..7 {
            let head = text[..p].trim_end_matches([' ', '\u{a0}']);
            if head.len() == p {
                return None;
            }
            // Describers may hold digits: "signed a 2-billion-yuan contract".
            let ws = head
                .char_indices()
                .rfind(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let word = &head[ws..];
            if word.is_empty() {
                return None;
            }
            let lower = word.to_ascii_lowercase();
            if lower == "a" || lower == "an" || lower == "one" {
                let label_start = head.len();
                return Some((ws, label_start));
            }
            if lower != "and"
                && (self.stops.contains_key(&lower) || self.verb_polarity.contains_key(&lower))
            {
                return None;
            }
            p = ws;
        }
        None
    }

    /// A signing word right next to an article count: ending at most a few words before it
    /// ("signed an agreement", "signed with X a deal" is not covered) or starting a few words
    /// after the noun ("an agreement was signed").
    fn sign_adjacent(&self, text: &str, start: usize, end: usize, verbs: &[VerbHit]) -> bool {
        // "A memorandum of understanding on direct freight trains between Changsha and Turpan
        // was signed": the subject of a sentence and its passive verb, however far apart
        let (s0, s1) = sentence(text, start, end);
        let opens_sentence = text[start..].starts_with(['A', 'O']) && {
            let head = text[s0..start].trim_end_matches([' ', '\u{a0}']);
            head.trim_start().is_empty() || head.ends_with([':', '"', '“'])
        };
        let passive = |v: &VerbHit| {
            let head = text[..v.start].trim_end();
            v.start - end <= 160
                && v.end <= s1
                && (head.ends_with(" was") || head.ends_with(" were"))
        };
        if opens_sentence && verbs.iter().any(|v| v.sign && v.start >= end && passive(v)) {
            return true;
        }
        // "The documents signed include an agreement ...": the participle's list
        const LISTING: [&str; 6] = ["include", "includes", "included", "were", "are", "were:"];
        verbs.iter().any(|v| {
            v.sign
                && ((v.end <= start && start - v.end <= 4 && text[v.end..start].trim().is_empty())
                    || (v.end <= start
                        && start - v.end <= 12
                        && LISTING.contains(&text[v.end..start].trim())
                        && text[..v.start]
                            .trim_end()
                            .ends_with(|c: char| c.is_ascii_alphabetic()))
                    || (v.start >= end && v.start - end <= 48 && {
                        // up to six words between: "A memorandum of understanding on
                        // vocational training was also signed"
                        let gap = &text[end..v.start];
                        !gap.contains(['.', ';', ',', '!', '?'])
                            && gap.split_whitespace().count() <= 6
                    })
                    || (v.start >= end
                        && v.start - end <= 96
                        && relative_list(&text[end..v.start])))
        })
    }

    /// Whether the count at `start..end` was signed. The verb that governs it decides when
    /// there is one: right after the noun ("30 projects were signed", "20 projects were
    /// launched") or, failing that, the nearest before the count in its clause ("signed 7
    /// agreements", "promoted 40 projects"). Otherwise the sentence must hold a signing word
    /// and the count's own clause must not be only about introducing, promoting or planning.
    fn signed(&self, text: &str, start: usize, end: usize, verbs: &[VerbHit]) -> bool {
        /// Words opening an insertion after the noun ("12 projects, mostly in logistics, ...").
        const INSERTIONS: [&str; 6] = [
            "including",
            "mostly",
            "mainly",
            "chiefly",
            "such",
            "covering",
        ];
        const AUXILIARIES: [&str; 14] = [
            "were",
            "was",
            "are",
            "is",
            "have",
            "has",
            "had",
            "been",
            "be",
            "also",
            "all",
            "successfully",
            "officially",
            "jointly",
        ];
        // The verb at `q`, past a few auxiliaries, and where the search stopped.
        let verb_at = |mut q: usize| -> (Option<bool>, usize) {
            for _ in 0..4 {
                if let Some(v) = verbs.iter().find(|v| v.start == q) {
                    return (Some(v.sign), q);
                }
                match ascii_word(text, q) {
                    Some((w, e)) if AUXILIARIES.iter().any(|a| a.eq_ignore_ascii_case(w)) => {
                        q = skip_spaces(text, e);
                    }
                    _ => break,
                }
            }
            (None, q)
        };
        if let Some(sign) = table_signed(text, start, verbs) {
            return sign;
        }
        // "brought 41 signed projects home": the participle inside the count decides
        if verbs
            .iter()
            .any(|v| v.sign && v.start > start && v.end < end)
        {
            return true;
        }
        let mut p = skip_spaces(text, end);
        if text[p..].starts_with(',') {
            p = skip_spaces(text, p + 1);
        }
        let (verb, p) = verb_at(p);
        // The verb right after an English noun is its predicate ("12 projects were presented");
        // after a Chinese count a word of planning opens the next phrase ("签约12个项目 计划总投资
        // 60亿元": planned investment), so only a signing verb decides there.
        let english = text[..end].ends_with(|c: char| c.is_ascii_alphabetic());
        if let Some(sign) = verb.filter(|&sign| english || sign) {
            return sign;
        }
        let (s0, s1) = sentence(text, start, end);
        // "15 projects, including a logistics hub, were presented": the verb after an
        // insertion between commas governs
        if let Some((w, _)) = ascii_word(text, p)
            && INSERTIONS.iter().any(|i| i.eq_ignore_ascii_case(w))
            && let Some(comma) = text[p..s1].find(',')
            && let (Some(sign), _) = verb_at(skip_spaces(text, p + comma + 1))
        {
            return sign;
        }
        let (c0, c1) = clause(text, start, end, s0, s1);
        if let Some(v) = verbs.iter().rfind(|v| v.start >= c0 && v.end <= start) {
            return v.sign;
        }
        let in_sentence = verbs.iter().filter(|v| v.start >= s0 && v.end <= s1);
        if !in_sentence.clone().any(|v| v.sign) {
            // (one item of a breakdown is an example, not a tally: 其中一个冷链物流项目由…投资)
            let one = ["一个", "一项", "一份", "one "]
                .iter()
                .any(|w| text[start..].starts_with(w));
            return !one
                && in_sentence.clone().next().is_none()
                && breaks_down_signed(text, s0, verbs);
        }
        let in_clause: Vec<&VerbHit> = verbs
            .iter()
            .filter(|v| v.start >= c0 && v.end <= c1)
            .collect();
        let not = in_clause.iter().any(|v| !v.sign);
        let sign = in_clause.iter().any(|v| v.sign);
        !not || sign
    }
}

/// Whether the sentence at `s0` breaks down the signings of the one before it: "The projects
/// were signed by 18 counties. By industry, they include 31 electronics projects and 22 new
/// energy projects" (the breakdown has no verb of its own; see `signed`).
fn breaks_down_signed(text: &str, s0: usize, verbs: &[VerbHit]) -> bool {
    const CUES: [&str; 14] = [
        "by industry",
        "by sector",
        "by type",
        "by field",
        "of these",
        "of them",
        "of those",
        "among them",
        "among these",
        "they include",
        "these include",
        "they included",
        "they cover",
        "其中",
    ];
    let head = text[s0..].trim_start();
    let head = &head[..head.floor_char_boundary(16)];
    if !CUES.iter().any(|c| {
        head.get(..c.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(c))
    }) {
        return false;
    }
    let before = text[..s0].trim_end();
    let (p0, p1) = match before.char_indices().next_back() {
        Some((i, _)) => sentence(text, i, i),
        None => return false,
    };
    verbs.iter().any(|v| v.sign && v.start >= p0 && v.end <= p1)
}

/// A relative clause whose subject is a list of names, between a noun and its signing verb:
/// "an agreement that Beijing, Tianjin and Hebei signed", "a pact which Shanghai, Jiangsu,
/// Zhejiang and Anhui signed". The commas of the list are no clause's end; each item is a
/// name of at most three words, and nothing but the list stands between the pronoun and the
/// verb.
fn relative_list(gap: &str) -> bool {
    const FUNCTION: [&str; 6] = ["and", "the", "have", "had", "jointly", "all"];
    let Some(list) = gap
        .trim_start()
        .strip_prefix("that ")
        .or_else(|| gap.trim_start().strip_prefix("which "))
    else {
        return false;
    };
    if list.contains(['.', ';', ':', '!', '?', '(', ')']) || !list.contains(',') {
        return false;
    }
    list.split(',').all(|item| {
        let item = item.trim();
        let item = item.strip_prefix("and ").unwrap_or(item);
        // the last item may carry "and" inside ("Tianjin and Hebei"), and may end with
        // auxiliaries before the verb ("... and Hebei have")
        let names = item
            .split_whitespace()
            .filter(|w| !FUNCTION.contains(w))
            .count();
        (1..=4).contains(&names)
            && item
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase()) || FUNCTION.contains(&w))
    })
}

/// A count in a row of a table flattened to text ("Wuling District    6 projects    5.2 billion
/// yuan", "丹阳市—蒲城县　　4个产业合作项目　　3.2亿元"): the table's header rows and the line
/// above them ("Projects signed", "签约情况如下：") say whether its counts were signed; `None`
/// when the count is not in such a row or nothing above it says.
fn table_signed(text: &str, start: usize, verbs: &[VerbHit]) -> Option<bool> {
    /// How many rows above a count its table's title may stand.
    const MAX_ROWS: usize = 40;
    let line_at = |pos: usize| line_bounds(text, pos, pos).0;
    let (line_start, line_end) = line_bounds(text, start, start);
    if !is_table_row(&text[line_start..line_end]) {
        return None;
    }
    // Up over the rows to the first line that is not one, the title (one blank line may
    // stand between them); the rows passed include the header.
    let mut top = line_start;
    for _ in 0..MAX_ROWS {
        if top == 0 {
            break;
        }
        let prev = line_at(top - 1);
        let prev_line = &text[prev..top - 1];
        if prev_line.trim().is_empty() {
            if prev > 0 && !is_table_row(&text[line_at(prev - 1)..prev - 1]) {
                top = line_at(prev - 1);
            }
            break;
        }
        top = prev;
        if !is_table_row(prev_line) {
            break;
        }
    }
    let mut above = verbs
        .iter()
        .filter(|v| v.start >= top && v.end <= line_start);
    let first = above.next()?;
    Some(first.sign || above.any(|v| v.sign))
}

/// The line holding `start..end`: where it starts and where its line break is.
fn line_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    (line_start, line_end)
}

/// A line of a flattened table: three or more cells apart by runs of two or more spaces,
/// ideographic spaces, tabs or vertical bars, and no sentence in it ("Wuling District    6
/// projects    5.2 billion yuan", "Pu'er | Jiading District | 15 projects"; not a paragraph
/// with two spaces after a full stop).
fn is_table_row(line: &str) -> bool {
    /// The longest row read: longer lines are paragraphs (and this runs for every count).
    const MAX_ROW_BYTES: usize = 400;
    let line = line.trim();
    // (the cheap tests first: substring searches, no character loop; one character each, as
    // a set of characters is searched one character at a time)
    if line.len() > MAX_ROW_BYTES
        || line.contains('。')
        || line.contains('；')
        || line.contains(". ")
        || line.ends_with('.')
    {
        return false;
    }
    // (bars part cells alone, and are counted without a loop: "Pu'er | Jiading | 15 projects")
    let bars = line.bytes().filter(|&b| b == b'|').count() + line.matches('｜').count();
    if bars >= 2 {
        return true;
    }
    if !(line.contains("  ") || line.contains("\u{3000}\u{3000}") || line.contains('\t')) {
        return false;
    }
    let (mut gaps, mut blanks) = (0, 0);
    for c in line.chars() {
        if matches!(c, ' ' | '\u{3000}') {
            blanks += 1;
        } else if c == '\t' {
            // (a tab parts two cells alone)
            blanks += 2;
        } else {
            gaps += usize::from(blanks >= 2);
            blanks = 0;
        }
    }
    gaps >= 2
}

/// "Kashgar products fair closes in Guangzhou with 12 MoUs": a headline (a short line without
/// sentence punctuation) that ends an event "with" agreements, MoUs or deals reports signings
/// without a verb. Projects are left out: "opens with 500 projects" are on display.
fn headline_with(text: &str, start: usize, end: usize) -> bool {
    let (line_start, line_end) = line_bounds(text, start, end);
    let line = text[line_start..line_end].trim();
    let head = text[line_start..start].trim_end();
    // (a "." ends a sentence before a space or at the end, not in "67.5 bln")
    let sentence_dot = line.ends_with('.') || line.contains(". ");
    // (a headline joins its clauses with a semicolon: "Expo closes with 1,204 deals; Xinjiang
    // booths busy")
    let clauses = line.matches(';').count();
    line.len() <= 160
        && !sentence_dot
        && clauses <= 1
        && !line.contains(['!', '?', '。', '；'])
        && !head.contains(';')
        && head.len() >= 4
        && head.is_char_boundary(head.len() - 4)
        && head[head.len() - 4..].eq_ignore_ascii_case("with")
        && head[..head.len() - 4].ends_with(' ')
}

/// A whole number of things, 1 to MAX_COUNT, not a year and not an amount with a scale.
fn as_count(n: &Number, text: &str) -> Option<u64> {
    if !n.is_integer() || n.scale > Decimal::ONE_THOUSAND || n.looks_like_year(text) {
        return None;
    }
    let c = n.value.to_u64()?;
    (1..=MAX_COUNT).contains(&c).then_some(c)
}

/// "Phase 2 projects", "No. 3 contract", "第5批项目": the number names an item, it does not count.
fn names_a_number(text: &str, start: usize, months: &[String]) -> bool {
    const NAMING: [&str; 10] = [
        "phase", "no", "number", "article", "batch", "group", "round", "stage", "section", "line",
    ];
    let head = text[..start].trim_end_matches([' ', '.', '\u{a0}']);
    if head.ends_with('第') {
        return true;
    }
    let raw = head
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let word = raw.to_ascii_lowercase();
    // (a capitalised month before a day: "on December 5, and enterprise contracts worth
    // ...", not the modal "may")
    NAMING.contains(&word.as_str())
        || (raw.starts_with(|c: char| c.is_ascii_uppercase()) && months.contains(&word))
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn next_is_cjk(text: &str, pos: usize) -> bool {
    text[pos..].chars().next().is_some_and(is_cjk)
}

/// Latin words must not be glued to other letters ("sign" in "design", "deal" in "dealer").
fn word_bounded(text: &str, s: usize, e: usize) -> bool {
    let b = text.as_bytes();
    (s == 0 || !b[s - 1].is_ascii_alphabetic()) && (e >= b.len() || !b[e].is_ascii_alphabetic())
}

/// The sentence around `start..end`: between the nearest sentence ends (".", "!", "?", ";",
/// their Chinese forms, a line break). A "." counts only before a space, so "U.S." and "1.5"
/// do not split.
/// Whether an article count at `start` is joined by "and" or a list's comma to a signed count
/// before it in its sentence, with no verb between: "signed 4 contracts with operators from
/// Foshan, and a separate contract for a terminal" (one verb, two objects); "include an
/// agreement to co-build a park, a memorandum on training, and a tourism agreement".
fn coordinated(text: &str, start: usize, counted: &[Mention], verbs: &[VerbHit]) -> bool {
    let head = text[..start].trim_end();
    // ("signed contracts for 12 projects worth 3.9 billion yuan, as well as a framework
    // agreement": the signing verb governs both)
    if ![" and", ",", " as well as", " along with", " plus"]
        .iter()
        .any(|w| head.ends_with(w))
    {
        return false;
    }
    let (s0, _) = sentence(text, start, start);
    counted
        .iter()
        .filter(|m| m.end <= start && m.start >= s0)
        .max_by_key(|m| m.end)
        .is_some_and(|m| !verbs.iter().any(|v| v.start >= m.end && v.end <= start))
}

fn sentence(text: &str, start: usize, end: usize) -> (usize, usize) {
    // The dot of a one-letter abbreviation ("U.S. dollars", "U.K.") ends no sentence.
    let initial = |i: usize| {
        let mut before = text[..i].chars().rev();
        before.next().is_some_and(|c| c.is_ascii_alphabetic())
            && before.next().is_none_or(|c| !c.is_alphanumeric())
    };
    let is_end = |i: usize, c: char| match c {
        '!' | '?' | ';' | '。' | '！' | '？' | '；' | '\n' => true,
        '.' => (text[i + 1..].starts_with([' ', '\n', '\r']) && !initial(i)) || i + 1 == text.len(),
        _ => false,
    };
    let s0 = text[..start]
        .char_indices()
        .rev()
        .find(|&(i, c)| is_end(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let s1 = text[end..]
        .char_indices()
        .find(|&(i, c)| is_end(end + i, c))
        .map_or(text.len(), |(i, _)| end + i);
    (s0, s1)
}

/// The clause around `start..end` inside the sentence `s0..s1`: between commas and colons, and
/// in Chinese also at a space, which headlines use instead of a comma ("推介会在深圳举行 32个项目
/// 集中签约": the promotion is one clause, the signing another).
fn clause(text: &str, start: usize, end: usize, s0: usize, s1: usize) -> (usize, usize) {
    // "、" lists items inside one clause ("推介了脆李、文旅、清洁能源等18个项目").
    let is_sep = |i: usize, c: char| match c {
        ',' | '，' | ':' | '：' | '\u{3000}' => true,
        ' ' => {
            let before = text[..i].chars().next_back();
            let after = text[i + 1..].chars().next();
            before.is_some_and(crate::ingest::is_han)
                && after.is_some_and(|a| crate::ingest::is_han(a) || a.is_ascii_digit())
        }
        _ => false,
    };
    let c0 = text[s0..start]
        .char_indices()
        .rev()
        .find(|&(i, c)| is_sep(s0 + i, c))
        .map_or(s0, |(i, c)| s0 + i + c.len_utf8());
    let c1 = text[end..s1]
        .char_indices()
        .find(|&(i, c)| is_sep(end + i, c))
        .map_or(s1, |(i, _)| end + i);
    (c0, c1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> AgreementRules {
        let d = Dictionaries::embedded();
        AgreementRules::build(&d, NumberParser::build(&d).unwrap()).unwrap()
    }

    /// (text, expected mentions as "span | count kind | label").
    const TABLE: &[(&str, &[&str])] = &[
        // a chain of nouns with a describing word between them counts as the last
        (
            "两地企业签订了3个滚装运输合同和2个项目投资协议。",
            &[
                "3个滚装运输合同 | 3 contract | 滚装运输",
                "2个项目投资协议 | 2 agreement | 项目投资",
            ],
        ),
        // a sentence with no verb breaks down the signings of the one before it
        (
            "The projects were signed by 18 counties. By industry, they include 31 electronics projects and 16 projects in textiles.",
            &[
                "31 electronics projects | 31 project | electronics",
                "16 projects | 16 project | ",
            ],
        ),
        (
            "会上共签约20个项目。其中，先进制造业项目12个，现代服务业项目8个。",
            &[
                "20个项目 | 20 project | ",
                "先进制造业项目12个 | 12 project | 先进制造业",
                "现代服务业项目8个 | 8 project | 现代服务业",
            ],
        ),
        // ...but one item of it is an example
        (
            "两地签约12个项目。其中一个冷链物流项目由香港企业投资。",
            &["12个项目 | 12 project | "],
        ),
        // a table whose cells are parted by bars, under a header that says its counts were signed
        (
            "City | Partner | Signed | Value\nHonghe | Minhang District | 21 projects | 6.1 billion yuan\nPu'er | Jiading | 15 projects | 3.4 billion yuan",
            &["21 projects | 21 project | ", "15 projects | 15 project | "],
        ),
        (
            "地区｜签约项目｜金额\n文山州｜12个项目｜4.9亿元",
            &["12个项目 | 12 project | "],
        ),
        // ...and not under one that says they were only promoted
        (
            "City | Partner | Promoted | Value\nHonghe | Minhang | 21 projects | 6.1 billion yuan",
            &[],
        ),
        // projects matched up (完成对接) beside ones signed are not signed
        (
            "两地签署了3项劳务协作协议，另有5个产业协作项目完成对接，计划年内签约。",
            &["3项劳务协作协议 | 3 agreement | 劳务协作"],
        ),
        // a row of a key-figures table: the signing word beside the noun, the count after a
        // colon or a dash
        (
            "Key figures\nSigned projects: 58, total value RMB 41.6 bn\nAgreements signed — 12\nProjects promoted: 20\nProjects under construction: 37",
            &[
                "Signed projects: 58 | 58 project | ",
                "Agreements signed — 12 | 12 agreement | ",
            ],
        ),
        (
            "主要数据：签约项目：32个，协议金额：15.6亿元；推介项目：40个；集中开工项目：18个。",
            &["项目：32个 | 32 project | "],
        ),
        // a word of planning after a Chinese count opens the next phrase
        (
            "园区一季度新签约12个项目 计划总投资超60亿元",
            &["12个项目 | 12 project | "],
        ),
        (
            "现场签约8个合作项目　计划投资45亿元。",
            &["8个合作项目 | 8 project | 合作"],
        ),
        // a target is no signing
        (
            "今年园区力争新签约亿元以上项目40个，争取签约合同20份。",
            &[],
        ),
        // projects shown to investors, or kept for a possible signing, were not signed
        (
            "The two counties signed 3 agreements on training, while 7 further projects were shown to investors.",
            &["3 agreements | 3 agreement | "],
        ),
        (
            "Jiangsu firms signed 12 contracts. Another 15 projects remain on a list for possible signing next year.",
            &["12 contracts | 12 contract | "],
        ),
        // another count before the noun is the noun's
        (
            "They share computing power between the two places, and three letters of intent were signed.",
            &["three letters of intent | 3 letter_of_intent | "],
        ),
        // the projects' people attending something in a clause of its own
        (
            "The cities signed 18 cooperation agreements, and representatives of 26 industrial projects attended a matchmaking session.",
            &["18 cooperation agreements | 18 agreement | cooperation"],
        ),
        (
            "Both sides inked 4 contracts, while managers of 9 projects attend the fair next week.",
            &["4 contracts | 4 contract | "],
        ),
        // a list of kinds before the noun; a noun that describes a sum ends the chain; a
        // signing verb after the count makes it the signers' count
        (
            "与普洱等地企业签订11份咖啡、茶叶采购合同，金额9.6亿元。",
            &["11份咖啡、茶叶采购合同 | 11 contract | 咖啡、茶叶采购"],
        ),
        (
            "招商会上签约12个项目协议投资额86.5亿元，另签3份框架协议。",
            &[
                "12个项目 | 12 project | ",
                "3份框架协议 | 3 agreement | 框架",
            ],
        ),
        (
            "威海与韩国5个市郡签署友好交流意向书，另有4个县区签订合作协议。",
            &[],
        ),
        // an amount in digits ends before "and" and a spelled count
        (
            "Russian and Chinese companies signed 27 supply contracts worth $118 million and six letters of intent.",
            &[
                "27 supply contracts | 27 contract | supply",
                "six letters of intent | 6 letter_of_intent | ",
            ],
        ),
        // an infinitive is a plan
        (
            "The park aims to sign another 30 projects before the end of the year, after 12 agreements were signed in May.",
            &["12 agreements | 12 agreement | "],
        ),
        // a preliminary intention reached is no signing
        (
            "会上签订了3份战略合作协议。另有9个项目达成初步合作意向，将于近期签约。",
            &["3份战略合作协议 | 3 agreement | 战略合作"],
        ),
        // letters of intent reached are counted; an intention reached is not
        (
            "现场达成意向协议42个，另有6个项目达成合作意向。",
            &["意向协议42个 | 42 letter_of_intent | "],
        ),
        // an intention reached, a signing set for later
        (
            "两地企业签约12个合作项目；另有5个项目达成合作意向，将于年底前完成签约。另有15个项目达成投资意向，计划于今年三季度签约。",
            &["12个合作项目 | 12 project | 合作"],
        ),
        (
            "The city signed 21 projects. Another 9 projects have reached preliminary agreement and are expected to be signed next month.",
            &["21 projects | 21 project | "],
        ),
        // a signing still intended
        (
            "Two counties are expected to sign a similar pact with Linyi, and the parks plan to sign 3 agreements.",
            &[],
        ),
        // 再签
        (
            "“飞地园区”再签15个项目，又签3份合同。",
            &["15个项目 | 15 project | ", "3份合同 | 3 contract | "],
        ),
        // pacts
        (
            "Jinshan and Pinghu seal five pacts to blur the provincial border",
            &["five pacts | 5 agreement | "],
        ),
        // a word inside a document's title is not the signing's verb
        (
            "会上，三市签署《区域合作2025年行动计划》等9份协议，涵盖新能源。",
            &["9份协议 | 9 agreement | "],
        ),
        (
            "双方签订《文旅推介合作方案》等3份协议。",
            &["3份协议 | 3 agreement | "],
        ),
        // the dot of "U.S." ends no sentence: the verb after the amount governs
        (
            "The fair opened in Xiamen, and 22 deals worth 9 billion yuan (about 1.3 billion U.S. dollars) were signed by noon.",
            &["22 deals | 22 deal | "],
        ),
        (
            "Buyers placed 15 contracts worth 40 million U.S. dollars, signed on the spot.",
            &["15 contracts | 15 contract | "],
        ),
        // the -ing forms of the signing verbs
        (
            "The delegation left on Friday, clinching 31 projects in two days.",
            &["31 projects | 31 project | "],
        ),
        (
            "Sealing 6 supply contracts, the buyers closed the fair.",
            &["6 supply contracts | 6 contract | supply"],
        ),
        // a modal before the signing verb: not signed yet
        (
            "Another nine projects are still under discussion and may be signed next month.",
            &[],
        ),
        ("Four agreements might be signed before the summit.", &[]),
        // an article count joined by "and" to a signed count is signed too
        (
            "Guigang signed 4 shipping contracts with operators from Foshan, and a separate contract for a bulk terminal.",
            &[
                "4 shipping contracts | 4 contract | shipping",
                "a separate contract | 1 contract | separate",
            ],
        ),
        (
            "The two cities signed 12 projects and a new agreement on tourism.",
            &[
                "12 projects | 12 project | ",
                "a new agreement | 1 agreement | new",
            ],
        ),
        // not when another verb comes between
        (
            "The city signed 12 projects and announced a new agreement on tourism.",
            &["12 projects | 12 project | "],
        ),
        // a fair "yields" what was signed at it
        (
            "The Beijing-Inner Mongolia cooperation fair yielded 36 agreements worth 1.2 billion yuan.",
            &["36 agreements | 36 agreement | "],
        ),
        // "memorandums of cooperation" is one noun, as "of understanding" is
        (
            "Wuzhong inked four memorandums of cooperation with wine associations.",
            &["four memorandums of cooperation | 4 memorandum | "],
        ),
        (
            "The two cities signed a memorandum of cooperation on tourism.",
            &["a memorandum of cooperation | 1 memorandum | "],
        ),
        // projects that broke ground are no signing, beside ones that were signed
        (
            "签约仪式在乃东区举行，现场开工项目12个，签约项目23个。",
            &["项目23个 | 23 project | "],
        ),
        // the verb after an insertion between commas governs the count
        (
            "A dairy firm inked a deal, while another 15 projects, including a logistics hub, were presented to investors.",
            &["a deal | 1 deal | "],
        ),
        (
            "Twelve contracts, mostly for wind power, were signed on Tuesday.",
            &["Twelve contracts | 12 contract | "],
        ),
        // a decimal amount does not end a headline
        (
            "Expo closes with 46 contracts worth 67.5 bln yuan\nSource: Xinhua\nThe deals were signed on Tuesday.",
            &["46 contracts | 46 contract | "],
        ),
        // a quoted name inside a Chinese label
        (
            "两地卫生部门还签署了一份医疗人才“组团式”帮扶协议。",
            &["一份医疗人才“组团式”帮扶协议 | 1 agreement | 医疗人才“组团式”帮扶"],
        ),
        (
            "海南自贸港投资推介会在深圳举行 32个项目集中签约",
            &["32个项目 | 32 project | "],
        ),
        (
            "招商推介会举行　签约项目18个",
            &["项目18个 | 18 project | "],
        ),
        (
            "Utilities signed 8 medium- and long-term coal supply contracts with mines.",
            &[
                "8 medium- and long-term coal supply contracts | 8 contract | medium- and long-term coal supply",
            ],
        ),
        (
            "The two cities inked 3 short- or long-term lease agreements.",
            &["3 short- or long-term lease agreements | 3 agreement | short- or long-term lease"],
        ),
        (
            "with a total of 7 strategic cooperation agreements signed, 60 project investment contracts",
            &[
                "7 strategic cooperation agreements | 7 agreement | strategic cooperation",
                "60 project investment contracts | 60 contract | project investment",
            ],
        ),
        (
            "Liaoning and Nagqu signed an agreement to establish a mechanism.",
            &["an agreement | 1 agreement | "],
        ),
        // the list after a signing participle: each item is one
        (
            "The documents signed include an agreement on a joint park, a memorandum on training, and a tourism agreement.",
            &[
                "an agreement | 1 agreement | ",
                "a memorandum | 1 memorandum | ",
                "a tourism agreement | 1 agreement | tourism",
            ],
        ),
        (
            "The deals signed were a framework agreement and a contract for a cold-chain depot.",
            &[
                "a framework agreement | 1 agreement | framework",
                "a contract | 1 contract | ",
            ],
        ),
        (
            "Agreements signed included a memorandum of understanding on talent exchanges.",
            &["a memorandum of understanding | 1 memorandum | "],
        ),
        // "as well as" coordinates a singular count with one counted before it
        (
            "Erenhot signed contracts for 12 projects worth 3.9 billion yuan, as well as a framework agreement with Zamyn-Uud.",
            &[
                "12 projects | 12 project | ",
                "a framework agreement | 1 agreement | framework",
            ],
        ),
        (
            "The two cities signed 5 contracts along with a memorandum on tourism.",
            &[
                "5 contracts | 5 contract | ",
                "a memorandum | 1 memorandum | ",
            ],
        ),
        // a signing participle inside the count decides, whatever verb governs it
        (
            "The delegation brought 86 projects to the fair and signed 41 investment projects.",
            &["41 investment projects | 41 project | investment"],
        ),
        (
            "The Gansu team brought home 41 signed projects from Tianjin.",
            &["41 signed projects | 41 project | signed"],
        ),
        // a verb's pattern glued to a name ("to sign" in "Pluto signed") hides no verb
        (
            "Kunshan, Akto signed 17 contracts at the fair; Kyoto signed 3 agreements.",
            &[
                "17 contracts | 17 contract | ",
                "3 agreements | 3 agreement | ",
            ],
        ),
        // a relative clause whose subject is a list of names
        (
            "The plan builds on an agreement that Beijing, Tianjin and Hebei signed in 2014.",
            &["an agreement | 1 agreement | "],
        ),
        (
            "Freight rates fell after a pact which Chongqing, Guangxi, Guizhou and Gansu jointly signed.",
            &["a pact | 1 agreement | "],
        ),
        (
            "It is a port deal that Hainan, Guangdong and the Hong Kong SAR have signed.",
            &["a port deal | 1 deal | port"],
        ),
        // rows of a table flattened to text take their title's verb
        (
            "Deals by county\nCounty    Projects signed    Investment\nLinli County    3 projects    1.2 billion yuan\nHanshou County    2 projects    800 million yuan",
            &["3 projects | 3 project | ", "2 projects | 2 project | "],
        ),
        (
            "各县区签约情况如下：\n\n县区　　签约内容　　金额\n临澧县　　5个农业项目　　2亿元",
            &["5个农业项目 | 5 project | 农业"],
        ),
        (
            "Projects promoted at the fair\nCounty    Projects    Investment\nLinli County    3 projects    1.2 billion yuan",
            &[],
        ),
        // (a sentence with wide spaces is no table row: its own verb decides)
        (
            "Ten firms signed deals on Monday.\nThe expo also presented 12 projects  to buyers  from abroad.",
            &[],
        ),
        // a list's comma joins no count that was not signed
        (
            "Officials discussed an agreement, a plan for a park and a fund.",
            &[],
        ),
        (
            "resulting in the signing of cooperation agreements for 24 key projects across eight categories",
            &["24 key projects | 24 project | key"],
        ),
        (
            "At the conference, 30 significant culture, sports, and tourism projects were signed.",
            &[
                "30 significant culture, sports, and tourism projects | 30 project | significant culture, sports, and tourism",
            ],
        ),
        (
            "signed a total of 6 tourism industry cooperation agreements and 1 cultural industry cooperation agreement",
            &[
                "6 tourism industry cooperation agreements | 6 agreement | tourism industry cooperation",
                "1 cultural industry cooperation agreement | 1 agreement | cultural industry cooperation",
            ],
        ),
        (
            "The two sides inked three MoUs.",
            &["three MoUs | 3 memorandum | "],
        ),
        (
            "The fair was signed off.\nKashgar products fair closes in Guangzhou with 12 MoUs\nMore text.",
            &["12 MoUs | 12 memorandum | "],
        ),
        // a headline's count needs no verb in the article, and may open a clause the headline
        // joins with a semicolon
        (
            "Body text follows.\nSilk Road Expo in Xi'an closes with 1,204 deals; Xinjiang booths busy\nMore text.",
            &["1,204 deals | 1204 deal | "],
        ),
        // a day after its month counts nothing
        (
            "The two sides signed 12 agreements at their meeting on December 5, and enterprise contracts worth 6.3 billion yuan followed.",
            &["12 agreements | 12 agreement | "],
        ),
        (
            "Xuzhou and Yulin seal 16 deals on energy",
            &["16 deals | 16 deal | "],
        ),
        (
            "Five letters of intent were signed.",
            &["Five letters of intent | 5 letter_of_intent | "],
        ),
        (
            "A framework agreement was signed on Monday.",
            &["A framework agreement | 1 agreement | framework"],
        ),
        // headline and business verbs of winning deals
        (
            "Chengdu fair secures 1,180 contracts as western provinces court investors",
            &["1,180 contracts | 1180 contract | "],
        ),
        (
            "The Xinjiang delegation bagged 12 deals worth 3 billion yuan.",
            &["12 deals | 12 deal | "],
        ),
        // the subject of a sentence and its passive "was signed"
        (
            "A memorandum of understanding on direct freight trains between Changsha and Turpan was signed by logistics firms.",
            &["A memorandum of understanding | 1 memorandum | "],
        ),
        (
            "One framework agreement, covering cold-chain logistics and training for drivers, was signed on Friday.",
            &["One framework agreement | 1 agreement | framework"],
        ),
        // a few words between the noun and "signed"
        (
            "A memorandum of understanding on vocational training was also signed.",
            &["A memorandum of understanding | 1 memorandum | "],
        ),
        (
            "An agreement on joint cold-chain logistics centres was signed on Friday.",
            &["An agreement | 1 agreement | "],
        ),
        (
            "现场签署7项战略合作协议。",
            &["7项战略合作协议 | 7 agreement | 战略合作"],
        ),
        (
            "共签约项目30个，总投资358亿元。",
            &["项目30个 | 30 project | "],
        ),
        (
            "签订30余个项目合同",
            &["30余个项目合同 | 30 contract | 项目"],
        ),
        (
            "双方达成合作协议12份",
            &["合作协议12份 | 12 agreement | 合作"],
        ),
        (
            "已签订框架协议3份、项目合同21份。",
            &[
                "框架协议3份 | 3 agreement | 框架",
                "项目合同21份 | 21 contract | 项目",
            ],
        ),
        (
            "此次签约的项目中，10亿元以上项目8个。",
            &["项目8个 | 8 project | "],
        ),
        (
            "The delegation signed a 2-billion-yuan contract.",
            &["a 2-billion-yuan contract | 1 contract | 2-billion-yuan"],
        ),
        (
            "30 projects were signed and 20 projects were launched.",
            &["30 projects | 30 project | "],
        ),
        (
            "They signed 24 key projects and promoted 40 projects.",
            &["24 key projects | 24 project | key"],
        ),
        (
            "In total, 18 signed projects were announced.",
            &["18 signed projects | 18 project | signed"],
        ),
        (
            "东盟国家企业签约外资项目37个",
            &["外资项目37个 | 37 project | 外资"],
        ),
        (
            "双方签署了一份石刻文化保护利用合作协议。",
            &["一份石刻文化保护利用合作协议 | 1 agreement | 石刻文化保护利用合作"],
        ),
        (
            "推介会上，巫山县重点推介了脆李、文旅康养、清洁能源等18个招商项目，并与黄岛区签署了3份合作协议。",
            &["3份合作协议 | 3 agreement | 合作"],
        ),
        (
            "The cities signed a friendship and trade cooperation agreement.",
            &[
                "a friendship and trade cooperation agreement | 1 agreement | friendship and trade cooperation",
            ],
        ),
        (
            "Deals worth 2.38 bln yuan were signed, including 14 cooperation agreements.",
            &["14 cooperation agreements | 14 agreement | cooperation"],
        ),
    ];

    /// Text with agreement nouns but no signed count.
    const NEGATIVE: &[&str] = &[
        // a breakdown after a sentence with no signing, and a catalogue's projects
        "除现场签约项目外，会上还发布了重点招商项目清单，涵盖项目210个。",
        "The fair displayed 86 projects. By industry, they include 31 electronics projects.",
        // a purpose, and a difference from another period
        "Officials said another 50 projects were being prepared for signing in the spring.",
        "A further 12 agreements are ready for signing.",
        "签约项目总数较去年同期增加11个项目。",
        // preparations for a later signing
        "今年一季度将完成首批20个项目的签约准备。",
        "两地已启动12个项目的签约准备工作。",
        "Signed projects reached 68, and the total was 11 projects more than last year.",
        "They signed several agreements.",
        "A number of projects were signed.",
        "24 key projects were introduced.",
        "The province promoted 24 key projects, planned 10 projects and launched 5 projects.",
        "24 key projects",
        "171 million visitors attended and 30 projects were showcased.",
        "In 2023 projects were signed.",
        "重点推介项目24个。",
        "5月签约项目情况",
        "签约金额50亿元的项目",
        "The designers drew 3 projects.",
        "Phase 2 projects were signed.",
        "An agreement that, officials said, the cities signed is still secret.",
        "Under an agreement that Beijing, in a rare move, signed alone, fees fell.",
        "The 1st project was signed.",
        "第5批项目签约。",
        "Deals were signed.\nExpo opens with 500 projects\n",
        "Deals were signed.\nThe expo opened with 12 MoUs on display, which is a record.",
        "Talks went on.\nOfficials met; the fair opened with 12 MoUs on display\n",
        "双方签署合作协议，另有一项框架协议正在洽谈。",
        "Officials said 20 projects were launched and 30 projects were planned, after a deal was discussed.",
        "About 40 further projects were presented to investors but have not yet been signed.",
        "A further 60 projects were promoted to investors and are expected to be signed later.",
        "The two sides discussed 47 further projects, which were introduced but not signed.",
        "签约一批产业项目。",
        "另有20个项目尚未签约。",
        "现场签约后，另有15个项目已完成前期对接，计划在今年下半年集中签约。",
        "Talks went on after the deals were signed. Neither company has signed a final contract yet.",
        "After contracts were signed in the morning, the two counties put forward 36 farming projects for investors.",
        "The city proposed 15 projects to the visiting delegation after the contracts were signed.",
        "Five districts rolled out 22 tourism projects, and contracts were inked for the ferry terminal.",
    ];

    fn show(m: &Mention) -> String {
        let Value::Agreement(a) = &m.value else {
            panic!("not an agreement count")
        };
        format!("{} | {} {} | {}", m.text, a.count, a.kind.as_str(), a.label)
    }

    #[test]
    fn table() {
        let r = rules();
        let mut failures = Vec::new();
        for &(text, want) in TABLE {
            let found = r.extract(text);
            for m in &found {
                assert_eq!(&text[m.start..m.end], m.text);
            }
            let got: Vec<String> = found.iter().map(show).collect();
            if got != want {
                failures.push(format!("{text:?}\n   want {want:?}\n    got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn negatives() {
        let r = rules();
        for &text in NEGATIVE {
            let got: Vec<String> = r.extract(text).iter().map(show).collect();
            assert!(got.is_empty(), "{text:?} gave {got:?}");
        }
    }
}
