//! Numerals: Chinese numerals (一 … 九十九, 〇), Arabic digits in either width.

/// Value of a Chinese numeral char used in counting (零 to 九 plus 〇/○/两).
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Any char that can be part of a Chinese number (digits, 十百千万亿, 半).
pub fn is_cn_numeral_char(c: char) -> bool {
    cn_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '万' | '亿' | '半' | '廿')
}

/// Parses a Chinese ordinal numeral as used in headings (一 … 九十九 … 九百九十九).
/// Returns the value and the byte length consumed, or `None`.
pub fn parse_cn_ordinal(s: &str) -> Option<(u32, usize)> {
    let mut value = 0u32;
    let mut current = 0u32;
    let mut seen = false;
    let mut len = 0;
    for c in s.chars() {
        match c {
            '十' => {
                value += if current == 0 { 10 } else { current * 10 };
                current = 0;
            }
            '百' => {
                value += current.max(1) * 100;
                current = 0;
            }
            '零' | '〇' => {}
            '两' => return None,
            _ => match cn_digit(c) {
                Some(d) => {
                    if current != 0 {
                        return None; // 一二 is not an ordinal
                    }
                    current = d;
                }
                None => break,
            },
        }
        seen = true;
        len += c.len_utf8();
        if len > 18 {
            return None;
        }
    }
    if !seen {
        return None;
    }
    let v = value + current;
    if v == 0 { None } else { Some((v, len)) }
}

/// Writes `n` (1 ..= 999) as a Chinese ordinal numeral: 一, 十, 十一, 二十, 一百零五.
pub fn cn_ordinal(n: u32) -> String {
    let mut s = String::new();
    push_cn_ordinal(&mut s, n);
    s
}

/// Appends [`cn_ordinal`]`(n)` to `s`.
pub(crate) fn push_cn_ordinal(s: &mut String, n: u32) {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 || n > 999 {
        push_decimal(s, n);
        return;
    }
    let (h, t, o) = (n / 100, n / 10 % 10, n % 10);
    if h > 0 {
        s.push_str(D[h as usize]);
        s.push('百');
    }
    if t > 0 {
        if !(h == 0 && t == 1) {
            s.push_str(D[t as usize]);
        }
        s.push('十');
    } else if h > 0 && o > 0 {
        s.push('零');
    }
    if o > 0 {
        s.push_str(D[o as usize]);
    }
}

/// Appends `n` in ASCII digits to `s`, as `n.to_string()` writes it without
/// going through the formatting machinery (markers are built per heading).
pub(crate) fn push_decimal(s: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut v = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    digits[i..].iter().for_each(|&d| s.push(char::from(d)));
}

/// Parses 1–5 ASCII or full-width digits. Returns value and byte length.
pub fn parse_arabic(s: &str) -> Option<(u32, usize)> {
    let mut v = 0u32;
    let mut len = 0;
    let mut n = 0;
    for c in s.chars() {
        let Some(d) = crate::text::digit_value(c) else { break };
        v = v * 10 + d;
        len += c.len_utf8();
        n += 1;
        if n > 5 {
            return None;
        }
    }
    if n == 0 { None } else { Some((v, len)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_round_trip() {
        for n in 1..=999 {
            let s = cn_ordinal(n);
            assert_eq!(parse_cn_ordinal(&s), Some((n, s.len())), "{s}");
        }
        assert_eq!(parse_cn_ordinal("十二、"), Some((12, 6)));
        assert_eq!(parse_cn_ordinal("一二"), None);
        assert_eq!(parse_cn_ordinal("是"), None);
        assert_eq!(parse_arabic("１２．"), Some((12, 6)));
    }
}
