//! An Aho-Corasick automaton as a flat table, stepped in a loop of its own.
//!
//! Stepping an `aho_corasick` DFA through its `Automaton` methods costs a byte-class look-up
//! and a dead-state test on each byte, and inside a loop that also handles the matches the
//! compiler keeps little of it in registers: the date features' scan took about twice the
//! instructions a byte it takes here.
//!
//! (Tried as a prefilter for the leftmost-longest currency and agreement-noun automata, it
//! saved under 1% of a run's instructions for money and lost 1.4% for the nouns, whose
//! automaton's own literal prefilter is faster, and its build added 23M instructions to
//! start-up: not kept.)

use aho_corasick::Anchored;
use aho_corasick::automaton::Automaton;

/// An unanchored `MatchKind::Standard` DFA as one flat table: a state is its row's offset
/// (state number times 256) and the matching states come first, so a step is one look-up
/// and the match test one comparison.
pub(crate) struct FlatDfa {
    /// `next[state + byte]`: the state after `byte`.
    next: Vec<u32>,
    start: u32,
    /// States below this one match.
    matching_below: u32,
    /// The (pattern, length) matches of each matching state, by state number, in the
    /// automaton's order.
    matches: Vec<Vec<(u32, u32)>>,
}

impl FlatDfa {
    /// `dfa` must be unanchored-capable; built with `byte_classes(false)` or not, the table
    /// is the same.
    pub fn new(dfa: &aho_corasick::dfa::DFA) -> FlatDfa {
        let start = dfa
            .start_state(Anchored::No)
            .expect("unanchored start state");
        // Every state reachable from the start, in breadth-first order (deterministic). The
        // look-ups by state id are vectors: ids are offsets into the automaton's own table.
        const UNSEEN: u32 = u32::MAX;
        let mut number = vec![UNSEEN; start.as_usize() + 1];
        let mut order = vec![start];
        number[start.as_usize()] = 0;
        let mut k = 0;
        while k < order.len() {
            for b in 0..=255u8 {
                let next = dfa.next_state(Anchored::No, order[k], b);
                if next.as_usize() >= number.len() {
                    number.resize(next.as_usize() + 1, UNSEEN);
                }
                if number[next.as_usize()] == UNSEEN {
                    number[next.as_usize()] = 0;
                    order.push(next);
                }
            }
            k += 1;
        }
        // matching states first, each group in breadth-first order
        let (mut renumbered, others): (Vec<_>, Vec<_>) =
            order.into_iter().partition(|&sid| dfa.is_match(sid));
        let matching = renumbered.len();
        renumbered.extend(others);
        for (i, sid) in renumbered.iter().enumerate() {
            number[sid.as_usize()] = u32::try_from(i * 256).expect("a small automaton");
        }
        let mut next = Vec::with_capacity(renumbered.len() * 256);
        for &sid in &renumbered {
            next.extend(
                (0..=255u8).map(|b| number[dfa.next_state(Anchored::No, sid, b).as_usize()]),
            );
        }
        let matches = renumbered[..matching]
            .iter()
            .map(|&sid| {
                (0..dfa.match_len(sid))
                    .map(|k| {
                        let pid = dfa.match_pattern(sid, k);
                        (pid.as_u32(), dfa.pattern_len(pid) as u32)
                    })
                    .collect()
            })
            .collect();
        FlatDfa {
            next,
            start: number[start.as_usize()],
            matching_below: u32::try_from(matching * 256).expect("a small automaton"),
            matches,
        }
    }

    /// Steps from `state` through `bytes[from..]` to the next matching state: that state and
    /// the end of its match, or `None` at the end of `bytes`. (A function of its own, so its
    /// few variables stay in registers.)
    #[inline(never)]
    pub fn run_to_match(&self, bytes: &[u8], mut state: u32, from: usize) -> Option<(u32, usize)> {
        for (i, &b) in bytes.iter().enumerate().skip(from) {
            state = self.next[state as usize + usize::from(b)];
            if state < self.matching_below {
                return Some((state, i + 1));
            }
        }
        None
    }

    /// The state a search starts in.
    pub fn start(&self) -> u32 {
        self.start
    }

    /// The (pattern, length) matches that end on reaching matching `state`.
    pub fn matches(&self, state: u32) -> &[(u32, u32)] {
        &self.matches[(state >> 8) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::MatchKind;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// The flat table reports the matches the automaton it is made from reports, stepped
        /// byte by byte: the same patterns, ends and order.
        #[test]
        fn flat_table_steps_as_its_automaton(
            words in proptest::collection::vec("[a-cA-C]{1,4}|[月日年]{1,2}|[0-9]", 1..12),
            text in proptest::collection::vec("[a-dA-D .]{1,5}|[月日年]|[0-9]", 0..24),
            classes in proptest::bool::ANY,
        ) {
            let text = text.concat();
            let dfa = aho_corasick::dfa::Builder::new()
                .ascii_case_insensitive(true)
                .byte_classes(classes)
                .match_kind(MatchKind::Standard)
                .build(&words)
                .unwrap();
            let mut expected = Vec::new();
            let mut sid = dfa.start_state(Anchored::No).unwrap();
            for (i, &b) in text.as_bytes().iter().enumerate() {
                sid = dfa.next_state(Anchored::No, sid, b);
                if dfa.is_match(sid) {
                    for k in 0..dfa.match_len(sid) {
                        let pid = dfa.match_pattern(sid, k);
                        expected.push((i + 1, pid.as_u32(), dfa.pattern_len(pid) as u32));
                    }
                }
            }
            let table = FlatDfa::new(&dfa);
            let mut found = Vec::new();
            let (mut state, mut e) = (table.start(), 0);
            while let Some((matched, end)) = table.run_to_match(text.as_bytes(), state, e) {
                (state, e) = (matched, end);
                found.extend(table.matches(state).iter().map(|&(p, l)| (e, p, l)));
            }
            proptest::prop_assert_eq!(found, expected);
        }
    }
}
