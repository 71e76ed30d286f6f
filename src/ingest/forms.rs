//! Forms a page writes that the rules do not read: full-width digits and Latin letters
//! (`２０２４年５月２０日`, typed on Chinese keyboards and common on government sites), and HTML
//! entities a scraper left in the text (`Yunnan&nbsp;Province`, `今年1&mdash;10月`).
//!
//! [`normalise`] gives a copy with them in the forms the rules are written for, and where the
//! copy's offsets part from the page's, so mentions found in the copy are reported at the page's
//! offsets and with the page's own text (see [`crate::model::MatchText`]).

/// HTML's named entities that scraped news text carries, and the characters they stand for.
/// (`&amp;` and `&lt;` stand for characters the rules never read inside a name, but decoding
/// them keeps a number or a quoted name after them whole.)
const ENTITIES: &[(&str, char)] = &[
    ("nbsp", ' '),
    ("ensp", ' '),
    ("emsp", ' '),
    ("thinsp", ' '),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("middot", '·'),
    ("hellip", '…'),
    ("yen", '¥'),
    ("times", '×'),
];

/// The longest entity read, `&` and `;` included (`&#x1F600;` is ten bytes).
const LONGEST_ENTITY: usize = 10;

/// The character a full-width form at the start of `rest` stands for, and its length in bytes:
/// digits and Latin letters always; a full stop, hyphen or slash only between full-width digits
/// (`１．５亿元`, `２０２４－０５－２０`), since elsewhere they are Chinese punctuation the rules
/// read as it is.
fn full_width(rest: &[u8], after_digit: bool) -> Option<char> {
    // U+FF01..U+FF5E are EF BC 81..EF BD 9E; each stands for the ASCII character 0xFEE0 below.
    let [0xEF, b1 @ (0xBC | 0xBD), b2, ..] = *rest else {
        return None;
    };
    let u = 0xF000 | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
    let ascii = char::from_u32(u.checked_sub(0xFEE0)?)?;
    let next_is_digit = || {
        // (０ to ９ are EF BC 90..EF BC 99)
        matches!(rest[3..], [0xEF, 0xBC, 0x90..=0x99, ..])
            || rest.get(3).is_some_and(u8::is_ascii_digit)
    };
    match ascii {
        '0'..='9' | 'A'..='Z' | 'a'..='z' => Some(ascii),
        '.' | '-' | '/' if after_digit && next_is_digit() => Some(ascii),
        _ => None,
    }
}

/// The character an entity at the start of `rest` (which starts with `&`) stands for, and its
/// length in bytes.
fn entity(rest: &[u8]) -> Option<(char, usize)> {
    let window = &rest[..rest.len().min(LONGEST_ENTITY)];
    let semi = window.iter().position(|&b| b == b';')?;
    let body = std::str::from_utf8(&window[1..semi]).ok()?;
    let c = match body.strip_prefix('#') {
        Some(num) => {
            let n = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            // (a control character or NUL from a broken page stays as it was written)
            char::from_u32(n).filter(|c| !c.is_control() || c.is_whitespace())?
        }
        None => ENTITIES.iter().find(|(name, _)| *name == body)?.1,
    };
    Some((c, semi + 1))
}

/// `text` with full-width digits and letters in ASCII and HTML entities decoded, and the shifts
/// between the copy's offsets and `text`'s: `(offset in the copy, offset in text)` at the end of
/// each replacement. `None` when there is nothing to replace, which is the case for most pages:
/// only bytes `&` and `0xEF` (the lead byte of full-width forms) are looked at.
pub fn normalise(text: &str) -> Option<(String, Vec<(usize, usize)>)> {
    let bytes = text.as_bytes();
    let mut out: Option<(String, Vec<(usize, usize)>)> = None;
    let mut copied = 0;
    for at in memchr::memchr2_iter(b'&', 0xEF, bytes) {
        if at < copied {
            continue;
        }
        let rest = &bytes[at..];
        let found = match rest[0] {
            b'&' => entity(rest),
            _ => {
                let after_digit = match &out {
                    Some((s, _)) if copied == at => {
                        s.as_bytes().last().is_some_and(u8::is_ascii_digit)
                    }
                    _ => at > 0 && bytes[at - 1].is_ascii_digit(),
                };
                full_width(rest, after_digit).map(|c| (c, 3))
            }
        };
        let Some((c, len)) = found else { continue };
        let (s, shifts) =
            out.get_or_insert_with(|| (String::with_capacity(text.len()), Vec::new()));
        s.push_str(&text[copied..at]);
        s.push(c);
        copied = at + len;
        shifts.push((s.len(), copied));
    }
    let (mut s, shifts) = out?;
    s.push_str(&text[copied..]);
    Some((s, shifts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MatchText;

    fn copy(text: &str) -> String {
        normalise(text)
            .map(|(s, _)| s)
            .unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn full_width_digits_and_letters_become_ascii() {
        assert_eq!(
            copy("发布时间：２０２４年５月２０日"),
            "发布时间：2024年5月20日"
        );
        assert_eq!(copy("投资１．５亿元"), "投资1.5亿元");
        assert_eq!(copy("２０２４－０５－２０"), "2024-05-20");
        assert_eq!(copy("ＡＰＰ上线"), "APP上线");
        // Chinese punctuation stays: the rules read it as it is
        assert_eq!(copy("（集团）有限公司：签约！"), "（集团）有限公司：签约！");
        assert_eq!(copy("第一．第二"), "第一．第二");
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(copy("Yunnan&nbsp;Province"), "Yunnan Province");
        assert_eq!(copy("Jiang&rsquo;an County"), "Jiang’an County");
        assert_eq!(copy("今年1&mdash;10月"), "今年1—10月");
        assert_eq!(copy("&#8220;十四五&#x201D;"), "“十四五”");
        // not entities: left as written
        assert_eq!(
            copy("R&D and M&A; &unknown; &#0;"),
            "R&D and M&A; &unknown; &#0;"
        );
        assert!(normalise("plain text, 普通文本（无）").is_none());
    }

    #[test]
    fn offsets_in_the_copy_map_back_to_the_page() {
        let page = "Ａ&nbsp;５月１８日 Yunnan&nbsp;Province";
        let (text, shifts) = normalise(page).unwrap();
        let m = MatchText { text, shifts };
        for needle in ["5月18日", "Yunnan Province", "A"] {
            let s = m.text.find(needle).unwrap();
            let e = s + needle.len();
            let (ps, pe) = (m.page_offset(s), m.page_offset(e));
            let back = normalise(&page[ps..pe]).map_or(page[ps..pe].to_string(), |c| c.0);
            assert_eq!(back, needle, "{needle}: {}", &page[ps..pe]);
        }
        assert_eq!(m.page_offset(0), 0);
        assert_eq!(m.page_offset(m.text.len()), page.len());
    }
}
