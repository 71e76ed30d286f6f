//! Money: [`MoneyRules`] turns "53.183 billion yuan", "US$490.8 million", "358亿元" and
//! "5-10 million yuan" into [`MoneyValue`]s with an exact amount in base units and an ISO 4217
//! code.
//!
//! How an amount is found: every currency word, symbol or code (`dictionaries/money/
//! currencies.tsv`) is located with one Aho-Corasick automaton, which is also the prefilter (a
//! text without a currency costs one scan). Then each [`Number`] from the shared
//! [`NumberParser`] takes the currency written right before it ("$5", "RMB 10") or, failing
//! that, right after it ("5 yuan", "358亿元"). A currency is used once, so "10 rmb 20 usd" and
//! "rmb 10 usd 20" both give two amounts.
//!
//! Conventions (the corpus README documents the same):
//! - `amount` is exact base units with no exponent and no trailing zeros ("53183000000").
//! - A range ("5-10 million yuan", "5亿至10亿元") is ONE mention: `amount` is the lower bound,
//!   `amount_max` the upper.
//! - Qualifiers ("about", "over", 约, 超过, 左右) stay outside the span and go to `qualifier`,
//!   with `approximate` set; 多/余 inside a Chinese number ("50多亿元") are inside the span.
//! - "¥"/"￥" is CNY, the currency of this genre, unless the same text names yen (yen, JPY,
//!   日元): then it is JPY. Bare "$" and "dollars" are USD; other dollars need their marker
//!   (HK$, C$, NT$, "Australian dollars").
//! - No currency, no money: "171 million visitors", "68.2%", phone numbers and years are never
//!   read, because they have no currency next to them.
//!
//! ```
//! use gazette::dict::Dictionaries;
//! use gazette::extract::{money::MoneyRules, numbers::NumberParser};
//! use gazette::model::Value;
//! let d = Dictionaries::embedded();
//! let rules = MoneyRules::build(&d, NumberParser::build(&d).unwrap()).unwrap();
//! let found = rules.extract("51 billion yuan (about 7.2 billion U.S. dollars)");
//! assert_eq!(found[1].text, "7.2 billion U.S. dollars");
//! let Value::Money(m) = &found[1].value else { panic!() };
//! assert_eq!((m.amount.as_str(), m.currency.as_str(), m.approximate), ("7200000000", "USD", true));
//! ```

use std::str::FromStr;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};
use rust_decimal::Decimal;

use super::numbers::{Number, NumberParser, ascii_word, skip_spaces};
use crate::dict::{DictError, Dictionaries};
use crate::model::{Mention, MoneyValue, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    Before,
    After,
    Both,
}

#[derive(Debug, Clone)]
struct Currency {
    surface: String,
    iso: String,
    position: Position,
    exact_case: bool,
    scale: Decimal,
}

impl Currency {
    /// A code or name in Latin letters ("USD", "RMB", "yuan"), as opposed to a symbol or CJK.
    fn is_latin_word(&self) -> bool {
        self.surface.bytes().all(|b| b.is_ascii_alphabetic())
    }
}

/// One currency occurrence in a text.
#[derive(Debug, Clone, Copy)]
struct Found {
    start: usize,
    end: usize,
    currency: usize,
}

/// Compiled money rules; build once per run.
pub struct MoneyRules {
    numbers: NumberParser,
    currencies: Vec<Currency>,
    automaton: AhoCorasick,
    qualifiers_before: Vec<String>,
    /// Chinese words ending with a qualifier's character that are not qualifiers (节约).
    not_qualifiers: Vec<String>,
    qualifiers_after: Vec<String>,
    subunits: Vec<(String, Decimal)>,
    not_money: Vec<String>,
}

/// A money mention being assembled.
struct Draft {
    start: usize,
    end: usize,
    amount: Decimal,
    amount_max: Option<Decimal>,
    iso: String,
    qualifier: Option<String>,
}

impl MoneyRules {
    pub fn build(dicts: &Dictionaries, numbers: NumberParser) -> Result<MoneyRules, DictError> {
        const CUR: &str = "money/currencies.tsv";
        let mut currencies = Vec::new();
        for row in dicts.rows(CUR, 4)? {
            let f = &row.fields;
            let position = match f[2].trim() {
                "before" => Position::Before,
                "after" => Position::After,
                "both" => Position::Both,
                other => {
                    return Err(dicts.error(
                        CUR,
                        row.line,
                        format!("position {other:?} is not before, after or both"),
                    ));
                }
            };
            let exact_case = match f[3].trim() {
                "exact" => true,
                "any" => false,
                other => {
                    return Err(dicts.error(
                        CUR,
                        row.line,
                        format!("case {other:?} is not exact or any"),
                    ));
                }
            };
            let scale = match f.get(4).map(|s| s.trim()).filter(|s| !s.is_empty()) {
                Some(s) => Decimal::from_str(s)
                    .map_err(|e| dicts.error(CUR, row.line, format!("bad scale {s:?}: {e}")))?,
                None => Decimal::ONE,
            };
            let iso = f[1].trim();
            if iso.len() != 3 || !iso.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(dicts.error(CUR, row.line, format!("{iso:?} is not an ISO 4217 code")));
            }
            currencies.push(Currency {
                surface: f[0].trim().to_string(),
                iso: iso.to_string(),
                position,
                exact_case,
                scale,
            });
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            // A DFA: these automata scan every byte of every article.
            .kind(Some(AhoCorasickKind::DFA))
            .build(currencies.iter().map(|c| c.surface.to_ascii_lowercase()))
            .map_err(|e| dicts.error(CUR, 0, e.to_string()))?;
        let mut qualifiers_before = Vec::new();
        let mut not_qualifiers = Vec::new();
        let mut qualifiers_after = Vec::new();
        for row in dicts.rows("money/qualifiers.tsv", 2)? {
            let w = row.fields[0].trim().to_string();
            match row.fields[1].trim() {
                "before" => qualifiers_before.push(w),
                "after" => qualifiers_after.push(w),
                // Inside qualifiers (多, 余) are read by the number parser.
                "inside" => {}
                "word" => not_qualifiers.push(w),
                other => {
                    return Err(dicts.error(
                        "money/qualifiers.tsv",
                        row.line,
                        format!("position {other:?} is not before, after, inside or word"),
                    ));
                }
            }
        }
        // Longest first, so "more than" wins over a shorter word ending the same way.
        qualifiers_before.sort_by_key(|w| std::cmp::Reverse(w.len()));
        qualifiers_after.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let mut subunits = Vec::new();
        for row in dicts.rows("money/subunits.tsv", 2)? {
            let v = Decimal::from_str(row.fields[1].trim()).map_err(|e| {
                dicts.error("money/subunits.tsv", row.line, format!("bad fraction: {e}"))
            })?;
            subunits.push((row.fields[0].trim().to_string(), v));
        }
        subunits.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let not_money = dicts
            .rows("money/not_money.tsv", 1)?
            .iter()
            .map(|r| r.fields[0].trim().to_string())
            .collect();
        Ok(MoneyRules {
            numbers,
            currencies,
            automaton,
            qualifiers_before,
            not_qualifiers,
            qualifiers_after,
            subunits,
            not_money,
        })
    }

    /// Every amount of money in `text`, in text order.
    pub fn extract(&self, text: &str) -> Vec<Mention> {
        self.extract_prepared(&super::Prepared::new(text))
    }

    /// [`MoneyRules::extract`], sharing the lowercased text and the numbers with the other
    /// extractors that read them.
    pub fn extract_prepared(&self, doc: &super::Prepared) -> Vec<Mention> {
        let text = doc.text;
        let found = self.currencies_in(doc);
        if found.is_empty() {
            return Vec::new();
        }
        // The document's own words decide what "¥" means: the nearest word for yen or for
        // yuan ("¥300, or 2.6 yen" is yen; "¥12.7 billion in deals" in a report that writes
        // "yuan" for its figures and "3.2 billion yen" for a Japanese order is yuan).
        let words: Vec<(usize, bool)> = found
            .iter()
            .filter(|f| !is_yen_symbol(&self.currencies[f.currency].surface))
            .filter_map(|f| match self.currencies[f.currency].iso.as_str() {
                "JPY" => Some((f.start, true)),
                "CNY" => Some((f.start, false)),
                _ => None,
            })
            .collect();
        let names_yen = words.iter().any(|w| w.1);
        let yen_nearest = |at: usize| {
            words
                .iter()
                .min_by_key(|w| w.0.abs_diff(at))
                .is_some_and(|w| w.1)
        };
        // Only numbers next to a currency can be money.
        let windows: Vec<(usize, usize)> = found.iter().map(|f| (f.start, f.end)).collect();
        // 48 bytes reach the lower end of "between 5 and 10 million U.S. dollars" and the
        // sub-units of "50元6角三分"; a number that only starts further away is never money.
        let numbers = self
            .numbers
            .near(text, doc.numbers(&self.numbers), &windows, (48, 48));
        let mut used_currency = vec![false; found.len()];
        let mut used_number = vec![false; numbers.len()];
        let mut drafts: Vec<Draft> = Vec::new();
        for ni in 0..numbers.len() {
            if used_number[ni] {
                continue;
            }
            let n = &numbers[ni];
            let Some(mut d) = self.attach(
                text,
                &numbers,
                ni,
                &found,
                &mut used_currency,
                &mut used_number,
            ) else {
                continue;
            };
            if names_yen
                && d.iso == "CNY"
                && is_yen_symbol(&text[d.start..d.end])
                && yen_nearest(d.start)
            {
                d.iso = "JPY".to_string();
            }
            // "六七万元": two neighbouring numerals are a range, the lower one read at the
            // upper one's scale (60000-70000).
            if d.amount_max.is_none()
                && d.start == n.start
                && let Some((lower, start)) = self.numeral_before(text, n.start, d.amount)
            {
                d.amount_max = Some(d.amount);
                d.amount = lower;
                d.start = start;
            }
            // A word outside the span ("约50多亿元") is the one a reader sees first.
            d.qualifier = self
                .qualifier_around(text, d.start, d.end)
                .or_else(|| n.inside_qualifier.clone());
            // "50万元至80万元", "3 billion yuan to 5 billion yuan": a range whose ends both
            // name the currency is one mention.
            if let Some(prev) = drafts.last_mut()
                && prev.iso == d.iso
                && prev.amount_max.is_none()
                && d.amount_max.is_none()
                && prev.amount < d.amount
                && is_range_gap(text, prev.start, &text[prev.end..d.start])
            {
                prev.end = d.end;
                prev.amount_max = Some(d.amount);
                prev.qualifier = prev.qualifier.take().or(d.qualifier);
                continue;
            }
            drafts.push(d);
        }
        drafts
            .into_iter()
            .map(|d| {
                let approximate = d.qualifier.is_some();
                Mention::at(
                    text,
                    d.start,
                    d.end,
                    Value::Money(MoneyValue {
                        amount: plain(d.amount),
                        amount_max: d.amount_max.map(plain),
                        currency: d.iso,
                        approximate,
                        qualifier: d.qualifier,
                    }),
                )
            })
            .collect()
    }

    /// Every currency surface, checked for word boundaries, case and traps.
    fn currencies_in(&self, doc: &super::Prepared) -> Vec<Found> {
        let text = doc.text;
        let mut out = Vec::new();
        let mut pos = 0;
        let lower = doc.lower();
        while pos < text.len() {
            let Some(m) = self.automaton.find(Input::new(lower).span(pos..text.len())) else {
                break;
            };
            let c = &self.currencies[m.pattern().as_usize()];
            let (s, e) = (m.start(), m.end());
            let ok = (!c.exact_case || text[s..e] == c.surface)
                && latin_boundaries(text, s, e, &c.surface)
                && !self
                    .not_money
                    .iter()
                    .any(|w| text[s..].starts_with(w.as_str()));
            if ok {
                out.push(Found {
                    start: s,
                    end: e,
                    currency: m.pattern().as_usize(),
                });
                pos = e;
            } else {
                pos = s + text[s..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out
    }

    /// The currency of number `ni`, before or after it, and what else belongs to the amount.
    fn attach(
        &self,
        text: &str,
        numbers: &[Number],
        ni: usize,
        found: &[Found],
        used_currency: &mut [bool],
        used_number: &mut [bool],
    ) -> Option<Draft> {
        let n = &numbers[ni];
        // The currency written right before the number: only spaces between.
        let before = found.iter().position(|f| {
            f.end <= n.start && text[f.end..n.start].chars().all(is_space) && n.start - f.end <= 3
        });
        let before = before.filter(|&i| {
            !used_currency[i] && self.currencies[found[i].currency].position != Position::After
        });
        // The currency right after: spaces or one hyphen ("10-billion-yuan", "one-yen").
        let after = found.iter().position(|f| {
            f.start >= n.end && {
                let gap = &text[n.end..f.start];
                gap.len() <= 3 && (gap.chars().all(is_space) || gap == "-")
            }
        });
        let after = after.filter(|&i| {
            let c = &self.currencies[found[i].currency];
            if used_currency[i] || c.position == Position::Before {
                return false;
            }
            // "3 USD50", "2019 RMB 5 billion": a code glued to or followed by the next number
            // belongs to that number, when this one has a better reading (a year, a count).
            // "$ 20,000.00 $ 37,305.97", "1 $10 dollars": a symbol that also reads as the
            // next number's prefix goes to it when that reading is better.
            let next = numbers.get(ni + 1);
            let next_num = next.map(|m| m.start);
            let prefix_of_next = c.position == Position::Both
                && next_num.is_some_and(|s| {
                    s >= found[i].end && text[found[i].end..s].chars().all(is_space)
                });
            let glued_next =
                prefix_of_next && next_num == Some(found[i].end) && n.end < found[i].start;
            let year_before_code = prefix_of_next && n.looks_like_year(text);
            // "In 2023 Yuan Jiajun visited": a capitalised currency word after a year is a name.
            let name_after_year = n.looks_like_year(text)
                && c.is_latin_word()
                && c.surface.starts_with(|ch: char| ch.is_ascii_lowercase())
                && text[found[i].start..].starts_with(|ch: char| ch.is_ascii_uppercase());
            if name_after_year {
                return false;
            }
            let next_has_suffix = prefix_of_next
                && next.is_some_and(|m| {
                    found.iter().any(|f| {
                        f.start >= m.end
                            && f.start - m.end <= 1
                            && text[m.end..f.start].chars().all(is_space)
                            && self.currencies[f.currency].iso == c.iso
                    })
                });
            let symbol_spaced_both = prefix_of_next
                && !c.is_latin_word()
                && n.end < found[i].start
                && next_num.is_some_and(|s| s > found[i].end)
                && found
                    .iter()
                    .any(|f| f.end <= n.start && text[f.end..n.start].chars().all(is_space));
            !glued_next && !year_before_code && !next_has_suffix && !symbol_spaced_both
        });
        let (ci, currency_before) = match (before, after) {
            (Some(b), _) => (b, true),
            (None, Some(a)) => (a, false),
            (None, None) => return None,
        };
        used_currency[ci] = true;
        used_number[ni] = true;
        let cur = &self.currencies[found[ci].currency];
        let mut amount = n.value.checked_mul(cur.scale)?;
        let mut start = if currency_before {
            found[ci].start
        } else {
            n.start
        };
        let mut end = if currency_before {
            n.end
        } else {
            found[ci].end
        };
        let mut scaled = n.scale > Decimal::ONE || cur.scale > Decimal::ONE;

        if currency_before {
            // "人民币 50元", "$ 10 dollars": the same currency repeated after the number, unless
            // it is the prefix of the next number ("$ 20,000.00 $ 37,305.97"). 元 is the unit
            // of every Chinese-named currency ("新台币3000万元" is TWD), so it follows any.
            if let Some(i) = found.iter().position(|f| {
                f.start >= n.end
                    && text[n.end..f.start].chars().all(is_space)
                    && f.start - n.end <= 1
                    && (self.currencies[f.currency].iso == cur.iso
                        || self.currencies[f.currency].surface == "元")
                    && self.currencies[f.currency].position != Position::Before
            }) && !used_currency[i]
                && !numbers.get(ni + 1).is_some_and(|m| {
                    m.start >= found[i].end && text[found[i].end..m.start].chars().all(is_space)
                })
            {
                used_currency[i] = true;
                end = found[i].end;
            }
        } else if !scaled && let Some((m, e)) = self.numbers.scale_word_at(text, end) {
            // "75 USD million".
            amount = amount.checked_mul(m)?;
            end = e;
            scaled = true;
        }
        // "8亿元人民币": the currency named again right after, glued.
        if let Some(i) = found
            .iter()
            .position(|f| f.start == end && self.currencies[f.currency].iso == cur.iso)
            && !used_currency[i]
            && !currency_before
        {
            used_currency[i] = true;
            end = found[i].end;
        }

        // A range: "5-10 million yuan" (the lower number before this one), or "$5-10 million"
        // (the upper number after it).
        let mut amount_max = None;
        if !currency_before
            && ni > 0
            && !used_number[ni - 1]
            && let Some(lower) = numbers.get(ni - 1)
            && is_range_gap(text, lower.start, &text[lower.end..n.start])
            && lower.inside_qualifier.is_none()
        {
            let mut low = lower.value;
            if lower.scale == Decimal::ONE && n.scale > Decimal::ONE {
                low = low.checked_mul(n.scale)?;
            } else if lower.scale == Decimal::ONE
                && let Some(m) = self.small_multiplier(&text[n.start..n.end])
                && low.checked_mul(m).is_some_and(|l| l <= n.value)
                && low <= n.value / m
            {
                // "1.5至2千元": 千 multiplies both ends, as 亿 does in "3至5亿元" (but not in
                // "800至2千元", whose lower end is already the larger unit's)
                low = low.checked_mul(m)?;
            }
            low = low.checked_mul(cur.scale)?;
            if low < amount {
                used_number[ni - 1] = true;
                amount_max = Some(amount);
                amount = low;
                start = lower.start;
            }
        } else if currency_before && let Some(upper) = numbers.get(ni + 1) {
            let gap_end = upper.start;
            let mut gap = &text[n.end..gap_end];
            // "$5 million to $10 million": the symbol may be repeated.
            let sym = &cur.surface;
            let trimmed = gap.trim_end();
            if trimmed.len() > sym.len()
                && trimmed.is_char_boundary(trimmed.len() - sym.len())
                && trimmed[trimmed.len() - sym.len()..].eq_ignore_ascii_case(sym)
            {
                gap = &trimmed[..trimmed.len() - sym.len()];
            }
            // "$5 to 30 students" is not a range: the upper end must end the phrase or carry
            // the currency itself.
            let after_upper = skip_spaces(text, upper.end);
            let upper_ends = upper.scale > Decimal::ONE
                || !text[after_upper..].starts_with(|c: char| c.is_alphanumeric())
                || found.iter().any(|f| f.start == after_upper);
            if upper_ends && is_range_gap(text, found[ci].start, gap) && !used_number[ni + 1] {
                let mut low = amount;
                if n.scale == Decimal::ONE && upper.scale > Decimal::ONE {
                    low = low.checked_mul(upper.scale)?;
                }
                let high = upper.value.checked_mul(cur.scale)?;
                if low < high {
                    used_number[ni + 1] = true;
                    amount = low;
                    amount_max = Some(high);
                    end = upper.end;
                }
            }
        }

        // Sub-units: "3 dollars 50 cents", "50元6角三分", "17 USD 25", "US$3 and fourteen".
        if !scaled && amount_max.is_none() && n.is_integer() {
            for _ in 0..2 {
                let Some((add, e)) = self.subunit_after(text, end, cur, currency_before) else {
                    break;
                };
                amount = amount.checked_add(add)?;
                end = e;
                if let Some(i) = numbers.iter().position(|m| m.start >= n.end && m.end <= e) {
                    used_number[i] = true;
                    for (j, m) in numbers.iter().enumerate().skip(i) {
                        if m.end <= e {
                            used_number[j] = true;
                        }
                    }
                }
            }
        }
        Some(Draft {
            start,
            end,
            amount,
            amount_max,
            iso: cur.iso.clone(),
            qualifier: None,
        })
    }

    /// The range "六七万" reads as: when the amount `amount` read from `start` begins with a
    /// Han digit (`numbers/words.tsv`) and the character before is the digit one less ("六七",
    /// "两三", "七八百万"), the lower end (the amount scaled by that digit over its own) and
    /// where the range starts.
    /// The multiplier a Chinese number ends with after a digit ("2千" -> 1000, "5百" -> 100),
    /// from the number words' scales.
    fn small_multiplier(&self, number: &str) -> Option<Decimal> {
        let mut chars = number.chars().rev();
        let m = self.numbers.zh_small(chars.next()?)?;
        chars.next().filter(|c| c.is_ascii_digit()).map(|_| m)
    }

    fn numeral_before(
        &self,
        text: &str,
        start: usize,
        amount: Decimal,
    ) -> Option<(Decimal, usize)> {
        let upper = self.numbers.zh_digit(text[start..].chars().next()?)?;
        let before = text[..start].chars().next_back()?;
        let lower = self.numbers.zh_digit(before)?;
        if lower.is_zero() || lower + Decimal::ONE != upper {
            return None;
        }
        let value = amount.checked_mul(lower)? / upper;
        Some((value, start - before.len_utf8()))
    }

    /// A sub-unit amount right after `pos`: its value in main units and where it ends.
    fn subunit_after(
        &self,
        text: &str,
        pos: usize,
        cur: &Currency,
        currency_before: bool,
    ) -> Option<(Decimal, usize)> {
        let mut p = skip_spaces(text, pos);
        let spaced = p > pos;
        let mut joined = false;
        if let Some((w, e)) = ascii_word(text, p)
            && w.eq_ignore_ascii_case("and")
        {
            p = skip_spaces(text, e);
            joined = true;
        } else if text[p..].starts_with('又') {
            p += '又'.len_utf8();
            joined = true;
        }
        let n = self.numbers.number_at(text, p)?;
        if !n.is_integer() || n.value >= Decimal::ONE_HUNDRED || n.scale > Decimal::ONE {
            return None;
        }
        let after = skip_spaces(text, n.end);
        for (word, fraction) in &self.subunits {
            let rest = &text[after..];
            if rest.len() >= word.len()
                && rest.is_char_boundary(word.len())
                && rest[..word.len()].eq_ignore_ascii_case(word)
                && latin_boundaries(text, after, after + word.len(), word)
                && !self.not_money.iter().any(|w| rest.starts_with(w.as_str()))
            {
                return Some((n.value.checked_mul(*fraction)?, after + word.len()));
            }
        }
        // A bare number after a whole amount is cents only when nothing follows it
        // ("15 dollars 50.", "20 Rupees 43"), never before a word ("15 USD 50 more").
        let latin = cur.surface.is_ascii();
        let ends = text[n.end..]
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '.' | ',' | ';' | '!' | '?' | ')' | '\n' | '\r'));
        let allowed = latin && (joined || (spaced && !currency_before && cur.is_latin_word()));
        if allowed && ends {
            return Some((n.value.checked_mul(Decimal::new(1, 2))?, n.end));
        }
        None
    }

    /// A qualifier right before `start` or right after `end`, as written.
    fn qualifier_around(&self, text: &str, start: usize, end: usize) -> Option<String> {
        let head = text[..start].trim_end_matches([' ', '\u{a0}', '(', '（']);
        for q in &self.qualifiers_before {
            if head.len() >= q.len()
                && head.is_char_boundary(head.len() - q.len())
                && head[head.len() - q.len()..].eq_ignore_ascii_case(q)
            {
                let s = head.len() - q.len();
                let latin = q.bytes().all(|b| b.is_ascii());
                // (a longer qualifier holding such a word is one: "折合约800万美元" is
                // "converted, about", where 合约 is a contract)
                if !latin
                    && self
                        .not_qualifiers
                        .iter()
                        .any(|w| w.len() > q.len() && head.ends_with(w.as_str()))
                {
                    continue;
                }
                if !latin || s == 0 || !head.as_bytes()[s - 1].is_ascii_alphanumeric() {
                    return Some(head[s..].to_string());
                }
            }
        }
        let tail = &text[end..];
        let tail = tail.trim_start_matches(' ');
        for q in &self.qualifiers_after {
            if tail.starts_with(q.as_str()) {
                return Some(q.clone());
            }
        }
        None
    }
}

/// "¥" and "￥", whose currency depends on the document.
fn is_yen_symbol(s: &str) -> bool {
    s.contains('¥') || s.contains('￥')
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{a0}' || c == '\u{3000}'
}

/// Between the two ends of a range: "-", "–", "~", "to", "至", "到".
/// Between the two ends of a range whose lower end starts at `lower_start`: "-", "–", "~",
/// "至", "到", "to", and "and" after "between". "rose from 3 to 5 billion yuan" is a change, not
/// a range: "from" after a word of change ("rose", "grew", "up"); "expects to attract from 3
/// billion to 5 billion yuan" and "ranging from" are ranges.
fn is_range_gap(text: &str, lower_start: usize, gap: &str) -> bool {
    const CHANGE: [&str; 20] = [
        "ris", "rose", "grew", "grow", "increas", "climb", "jump", "surg", "soar", "fell", "fall",
        "drop", "declin", "decreas", "expand", "up", "down", "cut", "reduc", "rais",
    ];
    let g = gap.trim_matches(is_space).to_ascii_lowercase();
    let word_before = text[..lower_start]
        .trim_end_matches(is_space)
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let range_from = || {
        let head = text[..lower_start].trim_end_matches(is_space);
        // `head` ends with "from" here (four ASCII bytes).
        let before_from = head[..head.len().saturating_sub(4)].trim_end_matches(is_space);
        let last = before_from
            .rsplit(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        last.starts_with("rang")
            || !CHANGE
                .iter()
                .any(|c| last.starts_with(c) && (c.len() > 2 || last.len() == c.len()))
    };
    match g.as_str() {
        "-" | "–" | "—" | "~" | "～" | "至" | "到" => true,
        "to" => word_before != "from" || range_from(),
        "and" => word_before == "between",
        _ => false,
    }
}

/// Latin-letter surfaces must not be glued to other letters ("gel" in "angel", "won" in
/// "wonder"); digits may touch them ("USD115", "115USD").
fn latin_boundaries(text: &str, s: usize, e: usize, surface: &str) -> bool {
    let b = text.as_bytes();
    let first_latin = surface
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphabetic);
    let last_latin = surface
        .as_bytes()
        .last()
        .is_some_and(u8::is_ascii_alphabetic);
    (!first_latin || s == 0 || !b[s - 1].is_ascii_alphabetic())
        && (!last_latin || e >= b.len() || !b[e].is_ascii_alphabetic())
}

/// An exact decimal without exponent or trailing zeros.
fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> MoneyRules {
        let d = Dictionaries::embedded();
        MoneyRules::build(&d, NumberParser::build(&d).unwrap()).unwrap()
    }

    /// (text, expected mentions as "span | amount[-max] ISO | qualifier").
    const TABLE: &[(&str, &[&str])] = &[
        // a number begun in digits ends at its scale: a spelled word after it is the next
        // thing's (blind set 161)
        (
            "a developer priced a MOP 1.2 billion three-year note and a US$300 million two-tranche loan",
            &[
                "MOP 1.2 billion | 1200000000 MOP | ",
                "US$300 million | 300000000 USD | ",
            ],
        ),
        // the border trade's currencies named by their country, and the kip and kyat alone
        // (blind set 137)
        (
            "a durian fetches 1.1 billion Vietnamese dong; a deal worth 85 billion kip; 2.1 billion kyat",
            &[
                "1.1 billion Vietnamese dong | 1100000000 VND | ",
                "85 billion kip | 85000000000 LAK | ",
                "2.1 billion kyat | 2100000000 MMK | ",
            ],
        ),
        ("收到货款约9亿缅币", &["9亿缅币 | 900000000 MMK | 约"]),
        // rupees named by their country, and the taka (blind set 120)
        (
            "orders worth 1.6 billion Nepalese rupees and 30 million Sri Lankan rupees",
            &[
                "1.6 billion Nepalese rupees | 1600000000 NPR | ",
                "30 million Sri Lankan rupees | 30000000 LKR | ",
            ],
        ),
        (
            "边贸交易额折合约800万尼泊尔卢比，另有2亿孟加拉塔卡",
            &[
                "800万尼泊尔卢比 | 8000000 NPR | 折合约",
                "2亿孟加拉塔卡 | 200000000 BDT | ",
            ],
        ),
        (
            "worth 53.183 billion yuan",
            &["53.183 billion yuan | 53183000000 CNY | "],
        ),
        (
            "51 billion yuan (about 7.2 billion U.S. dollars)",
            &[
                "51 billion yuan | 51000000000 CNY | ",
                "7.2 billion U.S. dollars | 7200000000 USD | about",
            ],
        ),
        (
            "3.17 billion yuan ($490.8 million)",
            &[
                "3.17 billion yuan | 3170000000 CNY | ",
                "$490.8 million | 490800000 USD | ",
            ],
        ),
        (
            "a 10-billion-yuan project",
            &["10-billion-yuan | 10000000000 CNY | "],
        ),
        ("投资358亿元", &["358亿元 | 35800000000 CNY | "]),
        ("总投资约50多亿元", &["50多亿元 | 5000000000 CNY | 约"]),
        ("投资5亿元左右", &["5亿元 | 500000000 CNY | 左右"]),
        (
            "5-10 million yuan",
            &["5-10 million yuan | 5000000-10000000 CNY | "],
        ),
        (
            "$5-10 million",
            &["$5-10 million | 5000000-10000000 USD | "],
        ),
        (
            "5亿至10亿元",
            &["5亿至10亿元 | 500000000-1000000000 CNY | "],
        ),
        // both ends with the currency
        (
            "月薪在4000元至6500元之间，总投资30亿元到45亿元，单价2万元-3万元",
            &[
                "4000元至6500元 | 4000-6500 CNY | ",
                "30亿元到45亿元 | 3000000000-4500000000 CNY | ",
                "2万元-3万元 | 20000-30000 CNY | ",
            ],
        ),
        (
            "budgets of 2 billion yuan to 3.5 billion yuan; it rose from 1 billion yuan to 2 billion yuan",
            &[
                "2 billion yuan to 3.5 billion yuan | 2000000000-3500000000 CNY | ",
                "1 billion yuan | 1000000000 CNY | ",
                "2 billion yuan | 2000000000 CNY | ",
            ],
        ),
        // two neighbouring numerals
        (
            "一年能攒下六七万元，带动增收两三千元，投资七八百万元，三五万元",
            &[
                "六七万元 | 60000-70000 CNY | ",
                "两三千元 | 2000-3000 CNY | ",
                "七八百万元 | 7000000-8000000 CNY | ",
                "五万元 | 50000 CNY | ",
            ],
        ),
        (
            "more than 1,000 yuan",
            &["1,000 yuan | 1000 CNY | more than"],
        ),
        (
            "up to HK$2 billion",
            &["HK$2 billion | 2000000000 HKD | up to"],
        ),
        ("¥300 each", &["¥300 | 300 CNY | "]),
        (
            "Deals worth ¥12.7 billion, of which 2 billion yuan in cable; Japanese buyers booked 3.2 billion yen of foil.",
            &[
                "¥12.7 billion | 12700000000 CNY | ",
                "2 billion yuan | 2000000000 CNY | ",
                "3.2 billion yen | 3200000000 JPY | ",
            ],
        ),
        (
            "A Hefei plant took 2 billion yuan. Osaka banks lent ¥40 billion, as yen loans of 10 billion yen each.",
            &[
                "2 billion yuan | 2000000000 CNY | ",
                "¥40 billion | 40000000000 JPY | ",
                "10 billion yen | 10000000000 JPY | ",
            ],
        ),
        (
            "¥300, or 2.6 yen",
            &["¥300 | 300 JPY | ", "2.6 yen | 2.6 JPY | "],
        ),
        ("US$4.7 billion", &["US$4.7 billion | 4700000000 USD | "]),
        (
            "€20 and £5bn",
            &["€20 | 20 EUR | ", "£5bn | 5000000000 GBP | "],
        ),
        ("RMB 0.1 billion", &["RMB 0.1 billion | 100000000 CNY | "]),
        ("3 dollars 50 cents", &["3 dollars 50 cents | 3.5 USD | "]),
        ("50元6角三分", &["50元6角三分 | 50.63 CNY | "]),
        ("人民币 8千元", &["人民币 8千元 | 8000 CNY | "]),
        // 千 after the upper end multiplies the lower one too, unless it is already larger
        (
            "每个标箱节约1.5至2千元，补贴800至2千元，奖励3至5百元。",
            &[
                "1.5至2千元 | 1500-2000 CNY | ",
                "800至2千元 | 800-2000 CNY | ",
                "3至5百元 | 300-500 CNY | ",
            ],
        ),
        ("8亿元人民币", &["8亿元人民币 | 800000000 CNY | "]),
        (
            "10 rmb 20 usd",
            &["10 rmb | 10 CNY | ", "20 usd | 20 USD | "],
        ),
        (
            "rmb 10 usd 20",
            &["rmb 10 | 10 CNY | ", "usd 20 | 20 USD | "],
        ),
        (
            "In 2019 RMB 5 billion was spent",
            &["RMB 5 billion | 5000000000 CNY | "],
        ),
        (
            "between 5 and 10 million yuan",
            &["5 and 10 million yuan | 5000000-10000000 CNY | "],
        ),
        (
            "prices range from 200 to 300 yuan",
            &["200 to 300 yuan | 200-300 CNY | "],
        ),
        (
            "revenue rose from 3 to 5 billion yuan",
            &["5 billion yuan | 5000000000 CNY | "],
        ),
        // "from" after no word of change: a range
        (
            "the park expects to attract from 3 billion to 5 billion yuan a year",
            &["3 billion to 5 billion yuan | 3000000000-5000000000 CNY | "],
        ),
        (
            "tickets cost from 80 to 120 yuan; trade grew from 2 to 3 billion yuan",
            &[
                "80 to 120 yuan | 80-120 CNY | ",
                "3 billion yuan | 3000000000 CNY | ",
            ],
        ),
        ("约合7000万美元", &["7000万美元 | 70000000 USD | 约合"]),
        // 葡币, the pataca in Macao speech (葡幣 read in simplified forms)
        (
            "营业额已逾500万葡币，月租约6,000葡币",
            &["500万葡币 | 5000000 MOP | 逾", "6,000葡币 | 6000 MOP | 约"],
        ),
        (
            "HKD 500 and EUR 20 million",
            &["HKD 500 | 500 HKD | ", "EUR 20 million | 20000000 EUR | "],
        ),
        // the singular of a currency's name before a noun (blind set 64)
        (
            "a 350 million pataca hotel venture and 2 billion patacas in loans",
            &[
                "350 million pataca | 350000000 MOP | ",
                "2 billion patacas | 2000000000 MOP | ",
            ],
        ),
        (
            "20 million euros, £3 million, GBP 5",
            &[
                "20 million euros | 20000000 EUR | ",
                "£3 million | 3000000 GBP | ",
                "GBP 5 | 5 GBP | ",
            ],
        ),
        (
            "USD 3 billion or 5 billion dollars",
            &[
                "USD 3 billion | 3000000000 USD | ",
                "5 billion dollars | 5000000000 USD | ",
            ],
        ),
        (
            "CNY 2.3 billion and 1.8 billion renminbi",
            &[
                "CNY 2.3 billion | 2300000000 CNY | ",
                "1.8 billion renminbi | 1800000000 CNY | ",
            ],
        ),
        (
            "around 5 yuan, nearly 6 yuan, over 7 yuan",
            &[
                "5 yuan | 5 CNY | around",
                "6 yuan | 6 CNY | nearly",
                "7 yuan | 7 CNY | over",
            ],
        ),
        (
            "近3亿元，超过4亿元，逾5亿元，100余万元",
            &[
                "3亿元 | 300000000 CNY | 近",
                "4亿元 | 400000000 CNY | 超过",
                "5亿元 | 500000000 CNY | 逾",
                "100余万元 | 1000000 CNY | 余",
            ],
        ),
        ("5 亿元", &["5 亿元 | 500000000 CNY | "]),
        ("新台币3000万元", &["新台币3000万元 | 30000000 TWD | "]),
        ("$5 to 30 students", &["$5 | 5 USD | "]),
        (
            "$5-10 million for the park",
            &["$5-10 million | 5000000-10000000 USD | "],
        ),
        ("1.2 trln yuan", &["1.2 trln yuan | 1200000000000 CNY | "]),
    ];

    /// Text that holds no money at all.
    const NEGATIVE: &[&str] = &[
        "171 million visitors came",
        "grew 68.2% year on year",
        "over 1,000 attendees",
        "call 0871-65123456 for details",
        "in 2019 and 2020",
        "trillion-level industries",
        "In 2023 Yuan Jiajun visited Lhasa.",
        "24 key projects were signed",
        "All 70 of us",
        "Silica gel is used to absorb moisture.",
        "2024元旦假期",
        "五角大楼宣布了作战计划",
    ];

    fn show(m: &Mention) -> String {
        let Value::Money(v) = &m.value else {
            panic!("not money")
        };
        let amount = match &v.amount_max {
            Some(max) => format!("{}-{}", v.amount, max),
            None => v.amount.clone(),
        };
        assert_eq!(v.approximate, v.qualifier.is_some());
        format!(
            "{} | {} {} | {}",
            m.text,
            amount,
            v.currency,
            v.qualifier.clone().unwrap_or_default()
        )
    }

    #[test]
    fn table() {
        let r = rules();
        let mut failures = Vec::new();
        for &(text, want) in TABLE {
            let got: Vec<String> = r.extract(text).iter().map(show).collect();
            for m in r.extract(text) {
                assert_eq!(&text[m.start..m.end], m.text);
            }
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
