//! Word's list number formats (`w:numFmt`): a counter value → the number a
//! reader sees (`3` → `三`, `③`, `丙`, `III`). The Chinese forms follow what
//! Word displays, not the arithmetic: `chineseCounting` spells 1–99 (`十一`,
//! `二十`) and writes larger numbers digit by digit (`一〇〇`), while
//! `chineseCountingThousand` spells them (`一百〇一`).

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const LEGAL_TRADITIONAL_DIGITS: [char; 10] = ['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'];
const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const BRANCHES: [char; 12] = ['子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥'];

/// A counter written in format `fmt` (the `w:val` of `w:numFmt`). Unknown
/// formats are written in decimal, as Word falls back to; `none` and
/// `bullet` have no number.
pub(crate) fn format(value: i64, fmt: &str) -> String {
    // Only decimal has a zero and negatives; Word shows 1 for the others.
    let n = if fmt == "decimal" || value >= 1 { value } else { 1 };
    let small = u64::try_from(n).unwrap_or(1);
    match fmt {
        "none" | "bullet" => String::new(),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "upperRoman" => roman(small).unwrap_or_else(|| n.to_string()),
        "lowerRoman" => roman(small).map_or_else(|| n.to_string(), |r| r.to_lowercase()),
        "upperLetter" => letters(small, b'A'),
        "lowerLetter" => letters(small, b'a'),
        "chineseCounting" | "taiwaneseCounting" if small < 100 => {
            grouped(small, &DIGITS, ['十', '百', '千', '万'], false)
        }
        "chineseCounting" | "taiwaneseCounting" | "ideographDigital" | "taiwaneseDigital" => digits(small, &DIGITS),
        "chineseCountingThousand" if small < 100_000_000 => grouped(small, &DIGITS, ['十', '百', '千', '万'], false),
        "taiwaneseCountingThousand" if small < 100_000_000 => grouped(small, &DIGITS, ['十', '百', '千', '萬'], false),
        "chineseLegalSimplified" if small < 100_000_000 => {
            grouped(small, &LEGAL_DIGITS, ['拾', '佰', '仟', '萬'], true)
        }
        "ideographLegalTraditional" if small < 100_000_000 => {
            grouped(small, &LEGAL_TRADITIONAL_DIGITS, ['拾', '佰', '仟', '萬'], true)
        }
        "ideographTraditional" => cycle(small, &STEMS),
        "ideographZodiac" => cycle(small, &BRANCHES),
        // ① … ⑳
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if small <= 20 => offset('\u{2460}', small),
        // ⒈ … ⒛
        "decimalEnclosedFullstop" if small <= 20 => offset('\u{2488}', small),
        "decimalEnclosedFullstop" => format!("{n}."),
        // ⑴ … ⒇
        "decimalEnclosedParen" if small <= 20 => offset('\u{2474}', small),
        "decimalEnclosedParen" => format!("({n})"),
        // ㈠ … ㈩
        "ideographEnclosedCircle" if small <= 10 => offset('\u{3220}', small),
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)).collect()
        }
        _ => n.to_string(),
    }
}

/// The `k`-th character of a run of consecutive code points starting at `first` (k ≥ 1).
fn offset(first: char, k: u64) -> String {
    char::from_u32(first as u32 + k as u32 - 1).map_or_else(|| k.to_string(), String::from)
}

fn cycle(n: u64, set: &[char]) -> String {
    set[((n - 1) % set.len() as u64) as usize].to_string()
}

/// Digit by digit with 〇: 2025 → 二〇二五.
fn digits(n: u64, set: &[char; 10]) -> String {
    n.to_string().bytes().map(|b| set[usize::from(b - b'0')]).collect()
}

/// Spelled with units below 10⁸: 十一, 一百〇一, 三千二百, 一万〇五十.
/// `legal` keeps the 1 before 十 (壹拾) and writes zeros with the set's zero;
/// the ordinary forms drop it in 10–19 (十一) and write internal zeros as 〇.
fn grouped(n: u64, set: &[char; 10], units: [char; 4], legal: bool) -> String {
    let mut out = String::new();
    if n >= 10_000 {
        out.push_str(&below_ten_thousand(n / 10_000, set, units, legal, true));
        out.push(units[3]);
        let rest = n % 10_000;
        if rest > 0 {
            if rest < 1000 {
                out.push(set[0]);
            }
            out.push_str(&below_ten_thousand(rest, set, units, legal, false));
        }
        return out;
    }
    below_ten_thousand(n, set, units, legal, true)
}

fn below_ten_thousand(n: u64, set: &[char; 10], units: [char; 4], legal: bool, leading: bool) -> String {
    let places = [n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    let mut started = false;
    for (i, &d) in places.iter().enumerate() {
        if d == 0 {
            zero |= started;
            continue;
        }
        if zero {
            out.push(set[0]);
            zero = false;
        }
        // 十一 rather than 一十一 at the start of a number (but 壹拾壹, and 一百一十).
        let bare_ten = i == 2 && d == 1 && !started && leading && !legal;
        if !bare_ten {
            out.push(set[d as usize]);
        }
        if i < 3 {
            out.push(units[2 - i]);
        }
        started = true;
    }
    out
}

fn roman(mut n: u64) -> Option<String> {
    if !(1..4000).contains(&n) {
        return None;
    }
    let mut out = String::new();
    for (value, symbol) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= value {
            out.push_str(symbol);
            n -= value;
        }
    }
    Some(out)
}

/// A, B, …, Z, AA, BB, … (Word repeats the letter; capped, so a hostile
/// start value cannot make a long string).
fn letters(n: u64, base: u8) -> String {
    let letter = char::from(base + ((n - 1) % 26) as u8);
    let times = ((n - 1) / 26 + 1).min(8) as usize;
    std::iter::repeat_n(letter, times).collect()
}

#[cfg(test)]
mod tests {
    use super::format;

    fn all(fmt: &str, values: &[i64]) -> Vec<String> {
        values.iter().map(|&v| format(v, fmt)).collect()
    }

    #[test]
    fn chinese_counting_spells_to_99_then_writes_digits() {
        assert_eq!(
            all("chineseCounting", &[1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 2025]),
            ["一", "九", "十", "十一", "十九", "二十", "二十一", "九十九", "一〇〇", "一〇一", "二〇二五"]
        );
    }

    #[test]
    fn chinese_counting_thousand_spells_with_units() {
        assert_eq!(
            all(
                "chineseCountingThousand",
                &[1, 10, 12, 100, 101, 110, 111, 1000, 1001, 1010, 3200, 10_000, 10_050, 12_345]
            ),
            [
                "一",
                "十",
                "十二",
                "一百",
                "一百〇一",
                "一百一十",
                "一百一十一",
                "一千",
                "一千〇一",
                "一千〇一十",
                "三千二百",
                "一万",
                "一万〇五十",
                "一万二千三百四十五"
            ]
        );
        assert_eq!(format(10, "taiwaneseCountingThousand"), "十");
        assert_eq!(format(20_000, "taiwaneseCountingThousand"), "二萬");
    }

    #[test]
    fn legal_forms_keep_the_one_before_ten() {
        assert_eq!(
            all("chineseLegalSimplified", &[1, 3, 10, 11, 20, 105]),
            ["壹", "叁", "壹拾", "壹拾壹", "贰拾", "壹佰零伍"]
        );
        assert_eq!(format(12, "ideographLegalTraditional"), "壹拾貳");
    }

    #[test]
    fn enclosed_and_cyclic_forms() {
        assert_eq!(all("decimalEnclosedCircle", &[1, 3, 20, 21]), ["①", "③", "⑳", "21"]);
        assert_eq!(format(2, "decimalEnclosedCircleChinese"), "②");
        assert_eq!(all("decimalEnclosedParen", &[1, 20, 21]), ["⑴", "⒇", "(21)"]);
        assert_eq!(all("decimalEnclosedFullstop", &[1, 21]), ["⒈", "21."]);
        assert_eq!(all("ideographEnclosedCircle", &[1, 10, 11]), ["㈠", "㈩", "11"]);
        assert_eq!(all("ideographTraditional", &[1, 3, 10, 11]), ["甲", "丙", "癸", "甲"]);
        assert_eq!(all("ideographZodiac", &[1, 12, 13]), ["子", "亥", "子"]);
        assert_eq!(all("ideographDigital", &[10, 305]), ["一〇", "三〇五"]);
    }

    #[test]
    fn latin_forms_and_fallbacks() {
        assert_eq!(all("decimal", &[0, 1, 12, -3]), ["0", "1", "12", "-3"]);
        assert_eq!(all("decimalZero", &[1, 9, 10]), ["01", "09", "10"]);
        assert_eq!(all("upperRoman", &[1, 4, 9, 14, 1994, 4000]), ["I", "IV", "IX", "XIV", "MCMXCIV", "4000"]);
        assert_eq!(format(14, "lowerRoman"), "xiv");
        assert_eq!(all("lowerLetter", &[1, 26, 27, 53]), ["a", "z", "aa", "aaa"]);
        assert_eq!(format(2_000_000_000, "upperLetter").len(), 8, "the repeat is capped");
        assert_eq!(format(12, "decimalFullWidth"), "１２");
        assert_eq!(format(3, "none"), "");
        assert_eq!(format(3, "someFutureFormat"), "3");
        // Formats without a zero show 1 for a start value of 0.
        assert_eq!(format(0, "chineseCounting"), "一");
        assert_eq!(format(i64::MAX, "chineseCountingThousand"), i64::MAX.to_string());
        assert_eq!(format(i64::MAX, "chineseCounting").chars().count(), 19);
    }
}
