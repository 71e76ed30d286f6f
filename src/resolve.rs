//! Resolve: settle the candidate mentions of one document against each other, then order them.
//!
//! Each extractor already normalised its own values (regions are disambiguated inside
//! [`crate::extract::regions`], since the evidence is other region names). What is left needs
//! several kinds at once:
//! - a date inside a money amount or an agreement count ("2023" in "2023 million yuan" cannot
//!   happen in prose, but product codes and amounts glued to years do) is dropped: the wider
//!   reading wins;
//! - exact duplicates (same span, same value) are merged;
//! - with `--as-of`, region codes that changed after the chosen year carry `code_as_of`.
//!
//! Output order is by start, then end, then type, then value, so it never depends on which
//! extractor ran first or on the thread that ran it.

use crate::extract::regions::RegionMatcher;
use crate::model::{Mention, Value};

/// Which code a region should also report, when GB/T 2260 changed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AsOf {
    /// Current codes only.
    #[default]
    Current,
    /// The code in force at the document's publication date.
    Publication,
    /// The code in force in a given year.
    Year(i32),
}

/// Resolve and order the mentions of one document published in `year` (if known).
pub fn resolve(
    mut mentions: Vec<Mention>,
    year: Option<i32>,
    as_of: AsOf,
    regions: &RegionMatcher,
) -> Vec<Mention> {
    let wide: Vec<(usize, usize)> = mentions
        .iter()
        .filter(|m| matches!(m.value, Value::Money(_) | Value::Agreement(_)))
        .map(|m| (m.start, m.end))
        .collect();
    mentions.retain(|m| {
        let inside_wide = || wide.iter().any(|&(s, e)| m.start < e && s < m.end);
        !matches!(m.value, Value::Date(_)) || !inside_wide()
    });
    let year = match as_of {
        AsOf::Current => None,
        AsOf::Publication => year,
        AsOf::Year(y) => Some(y),
    };
    if let Some(year) = year {
        for m in &mut mentions {
            if let Value::Region(r) = &mut m.value {
                r.code_as_of = regions.code_as_of(&r.code, year);
            }
        }
    }
    mentions.sort_by(|a, b| {
        (a.start, a.end, type_rank(&a.value))
            .cmp(&(b.start, b.end, type_rank(&b.value)))
            .then_with(|| a.value.display().cmp(&b.value.display()))
    });
    mentions.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.value == b.value);
    mentions
}

fn type_rank(v: &Value) -> u8 {
    match v {
        Value::Region(_) => 0,
        Value::Date(_) => 1,
        Value::Money(_) => 2,
        Value::Agreement(_) => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Dictionaries;
    use crate::model::*;

    /// A date value with no bounds, for the checks below.
    fn date(value: &str, granularity: Granularity, year_source: YearSource) -> Value {
        Value::Date(DateValue {
            value: value.into(),
            first_day: None,
            last_day: None,
            granularity,
            year_source,
        })
    }

    #[test]
    fn date_inside_money_is_dropped_and_order_is_stable() {
        let regions = RegionMatcher::build(&Dictionaries::embedded()).unwrap();
        let date = date("2023", Granularity::Year, YearSource::Text);
        let money = Value::Money(MoneyValue {
            amount: "2023".into(),
            amount_max: None,
            currency: "CNY".into(),
            approximate: false,
            qualifier: None,
        });
        let text = "2023 yuan";
        let ms = vec![
            Mention::at(text, 0, 9, money.clone()),
            Mention::at(text, 0, 4, date),
            Mention::at(text, 0, 9, money),
        ];
        let out = resolve(ms, None, AsOf::Current, &regions);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].value.type_name(), "money");
    }

    #[test]
    fn code_as_of_reports_the_old_code() {
        let regions = RegionMatcher::build(&Dictionaries::embedded()).unwrap();
        // Nagqu became a prefecture-level city in 2017: 542400 before, 540600 after.
        let m = regions.extract("Nagqu");
        let out = resolve(m.clone(), Some(2015), AsOf::Publication, &regions);
        let Value::Region(r) = &out[0].value else {
            panic!()
        };
        assert_eq!(&*r.code, "540600");
        assert_eq!(r.code_as_of.as_deref(), Some("542400"));
        let out = resolve(m, Some(2015), AsOf::Current, &regions);
        let Value::Region(r) = &out[0].value else {
            panic!()
        };
        assert_eq!(r.code_as_of, None);
    }
}
