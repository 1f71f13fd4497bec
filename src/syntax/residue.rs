//! Website and template residue: what a draft copied from a document-sharing
//! site (文库), a 范文 site or a government portal brings along that is not
//! part of any document: the file name and page counters of the site's
//! viewer, the page's metadata bar and breadcrumbs, share, font-size and
//! tipping widgets, the site's own sentences (`下面是小编为大家整理的…`,
//! `推荐访问：…`, advertisements), copyright and licence notices, the marks
//! where the site cut text out (`省略632字`), a table of contents it
//! generated (`目录/提纲：……`), its name and URL glued to the title, a legal
//! database's field header, the page numbers (`2、`) it put at the start of
//! each page, and pinyin glosses after characters (`鄉(xiāng)`).
//!
//! ## The model
//!
//! A line is residue when its words belong to a web page's chrome and it
//! holds no sentence of the document:
//!
//! - it is made only of chrome words (`下载 相关 举报`, `展开阅读全文`,
//!   `分享到：`, `设为首页`, `赏赞`);
//! - it is a file name (`….docx`, `….docx_第2页`; not a list item or an
//!   attachment line) or a page counter (`第1页 / 共8页`);
//! - it opens with a label of the page's metadata (`索引号：`, `上传人：`,
//!   `浏览次数：`, `当前位置：`, `推荐访问：`, `本文标题：`). Labels a document
//!   may also use (`时间：`, `来源：`, `文号：`, `名称：`, `发布日期：`) count only
//!   with a second label on the line (`时间：… 来源：…`), a value only a web
//!   page gives (`2023-11-14 20:22:02`, `DOCX`, `16.63KB`, `网友投稿`), or
//!   beside a residue line: a page's metadata comes as a block;
//! - it is only a server's time stamp, a date with a view count, a file size,
//!   or (beside residue) a URL, a web date, a price (`¥6`) or a zero count
//!   (`(0)`);
//! - every one of its sentences holds a phrase of the site (`小编`,
//!   `由会员分享`, `该文档总共`, `版权所有：`, `ICP备12345678号`, `本文档由`,
//!   `请选择打赏类型`), at least one of them a phrase no document uses
//!   (`网站客服` or `本文档` alone may be a plan's words; `小编` may not); or
//!   it opens and closes with such sentences, little between them (sites put
//!   their text before or after a document, not around a piece of it).
//!
//! Residue inside a line: sentences of site phrases (an advertisement after
//! the document's last sentence runs to the line's end), a cut mark in
//! brackets (`……（未完，全文共2791字…`), the site's name and URL before the
//! title (`某某范文网：www.example.com在全县…`), a legal database header
//! (`文章属性•【制定机关】…【主题分类】…正文`), a `篇一：` of a 范文
//! collection, a pinyin gloss (found by the markup layer, which blanks it).
//!
//! Not residue: a URL in a sentence (`登录“信用中国”网站（www.creditchina.gov.cn）
//! 查询`), after a label that introduces one (`网址：`) or after a name that is
//! not a site's, and any government domain; `下载`, `来源`, `扫一扫`, `ICP备案`
//! inside a sentence (`一次下载`, `资金来源`); `（此件公开发布）`, 文号,
//! signature, date, 抄送 and 印发 lines; Markdown headings (`## 相关文档`); a
//! plain `目录` heading, which a long plan may really have (only the
//! `目录/提纲` block of 范文 sites, closed by `……`, is residue).
//!
//! Page chunks come from the outline (`outline::drop_page_chunks`), which
//! already refuses to read them as headings.

use crate::syntax::markup::{FILLER, Line, LineKind};
use crate::text::needles::Needles;
use crate::text::{TextRange, char_at, char_before, is_han, is_inline_space};

/// What a piece of residue is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ResidueKind {
    /// A 文库 file name (`….docx`, `….docx_第1页`) or page counter (`第1页 / 共2页`).
    FileName,
    /// The page's metadata: 索引号, 发布时间, 上传人, 浏览次数, a date-time, a file size.
    Metadata,
    /// Breadcrumbs and site navigation: `当前位置：首页 > …`, `设为首页`, `上一篇：`.
    Navigation,
    /// Widgets of the page: share, font size, tipping, QR codes, `展开阅读全文`, `相关资源`.
    Widget,
    /// The site's own text: `下面是小编为大家整理的…`, `推荐访问：`, advertisements, `篇一：`.
    SiteText,
    /// Copyright, licence and 文库 disclaimers.
    Notice,
    /// A mark where the site cut text out (`省略632字`, `未完，全文共…字`).
    Cut,
    /// A table of contents a 范文 site generated (`目录/提纲：……` … `……`).
    Contents,
    /// The site's name and URL (`某某范文网：www.example.com`).
    SiteUrl,
    /// A legal database's field header (`【制定机关】…【主题分类】…正文`).
    LegalHeader,
    /// A page number a document-sharing site put at the start of each page (`2、`).
    PageChunk,
    /// A pinyin gloss a mirror site put after a character (`鄉(xiāng)`).
    PinyinGloss,
}

/// One piece of residue.
#[derive(Clone, Debug)]
pub struct Residue {
    /// What to report: the line's text, or the residue inside it.
    pub range: TextRange,
    pub kind: ResidueKind,
    /// Index of its line.
    pub line: u32,
    /// The residue is all the text of its line.
    pub whole_line: bool,
    /// What deleting it removes: the whole line with its line break; the
    /// range with the spaces that attach it to the line's end; for a page
    /// chunk, the marker and, where the page broke a sentence, the break
    /// back to the previous page's text.
    pub delete: TextRange,
}

/// A page-chunk marker found by the outline: `marker` on line `line`;
/// `join_from`, where the previous page's text stops mid-sentence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PageChunk {
    pub marker: TextRange,
    pub line: u32,
    pub join_from: Option<usize>,
}

/// How a line reads on its own.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Verdict {
    /// Residue whatever surrounds it.
    Strong(ResidueKind),
    /// Residue when the nearest line above or below is residue.
    Weak(ResidueKind),
}

/// Finds the residue of `text` (except page chunks: [`page_chunks`]), sorted
/// by start. `folded` is the folded prose view.
pub(crate) fn find(text: &str, folded: &str, lines: &[Line], glosses: &[TextRange]) -> Vec<Residue> {
    let mut hits = Vec::new();
    NEEDLES.find_all(folded.as_bytes(), &mut hits);
    let mut hit = 0;
    let mut verdicts: Vec<Option<Verdict>> = vec![None; lines.len()];
    let mut inline: Vec<(u32, TextRange, ResidueKind)> = Vec::new();
    let mut contents_until = None;
    for (i, line) in lines.iter().enumerate() {
        let first = hit;
        while hit < hits.len() && hits[hit].0 < line.range.end() {
            hit += 1;
        }
        let line_hits = &hits[first..hit];
        if line.kind != LineKind::Prose {
            continue;
        }
        let (bs, be) = body(folded, line);
        if bs >= be {
            continue;
        }
        if contents_until.is_some_and(|u| i <= u) {
            verdicts[i] = Some(Verdict::Strong(ResidueKind::Contents));
            continue;
        }
        let b = &folded[bs..be];
        // A Markdown heading is the author's (`## 相关文档`).
        let raw = &text.as_bytes()[line.range.as_range()];
        if raw.iter().find(|&&c| c != b' ' && c != b'\t') == Some(&b'#') {
            continue;
        }
        if is_contents_marker(b) {
            verdicts[i] = Some(Verdict::Strong(ResidueKind::Contents));
            contents_until = contents_end(folded, lines, i);
            continue;
        }
        if let Some(v) = classify(b) {
            verdicts[i] = Some(v);
            if matches!(v, Verdict::Strong(_)) {
                continue;
            }
        }
        let header = collection_header(b);
        if line_hits.is_empty() && header.is_none() {
            continue; // most lines: no residue word, so no list number to read
        }
        // A list number is structure, not a sentence: `2。小编…` is one sentence
        // of the site's after its number, as `2.小编…` is (read as two, its
        // residue was deleted only once --fix had normalised the number, a
        // pass per line). File names and metadata above keep their number
        // (`1.项目申报书.docx` under `附件：` is the document's).
        let ps = match crate::syntax::outline::match_marker(b) {
            Some((_, _, len, _)) if len < b.len() => bs + len,
            _ => bs,
        };
        let mut found: Vec<(TextRange, ResidueKind)> = Vec::new();
        if !line_hits.is_empty() {
            phrases(folded, ps, be, line_hits, &mut found);
        }
        if let Some(r) = header {
            found.push((TextRange::new(bs, bs + r), ResidueKind::SiteText));
        }
        if found.is_empty() {
            continue;
        }
        found.sort_by_key(|(r, _)| r.start);
        let mut merged: Vec<(TextRange, ResidueKind)> = Vec::with_capacity(found.len());
        for (r, k) in found {
            match merged.last_mut() {
                Some((m, _)) if r.start <= m.end => m.end = m.end.max(r.end),
                _ => merged.push((r, k)),
            }
        }
        if let [(r, k)] = merged[..]
            && ignorable(&folded[ps..r.start().max(ps)])
            && ignorable(&folded[r.end()..be])
        {
            verdicts[i] = Some(Verdict::Strong(k));
            continue;
        }
        if verdicts[i].is_none() {
            inline.extend(merged.into_iter().map(|(r, k)| (i as u32, r, k)));
        }
    }
    accept_weak(lines, &mut verdicts);

    // The pinyin glosses the markup layer found, each inside its line.
    if !glosses.is_empty() {
        let mut gloss = 0;
        for (i, line) in lines.iter().enumerate() {
            while gloss < glosses.len() && glosses[gloss].start < line.range.end {
                let r = glosses[gloss];
                if r.start >= line.range.start && !matches!(verdicts[i], Some(Verdict::Strong(_))) {
                    inline.push((i as u32, r, ResidueKind::PinyinGloss));
                }
                gloss += 1;
            }
        }
        inline.sort_by_key(|(l, r, _)| (*l, r.start));
        // A gloss inside other residue goes with it.
        let mut end = 0;
        inline.retain(|(_, r, _)| {
            let keep = r.start >= end;
            end = end.max(r.end);
            keep
        });
    }
    let mut out = Vec::new();
    let mut inline = inline.into_iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        while let Some((_, r, kind)) = inline.next_if(|(l, _, _)| *l as usize <= i) {
            out.push(Residue {
                range: r,
                kind,
                line: i as u32,
                whole_line: false,
                delete: inline_delete(text, line, r),
            });
        }
        let Some(Verdict::Strong(kind)) = verdicts[i] else { continue };
        let content = &text[line.range.as_range()];
        let lead = content.len() - content.trim_start().len();
        let trail = content.len() - content.trim_end().len();
        let range = TextRange::new(line.range.start() + lead, line.range.end() - trail);
        let next = lines.get(i + 1).map_or(line.range.end(), |l| l.range.start());
        out.push(Residue {
            range,
            kind,
            line: i as u32,
            whole_line: true,
            delete: TextRange::new(line.range.start(), next),
        });
    }
    out
}

/// The residue of the page-chunk markers the outline dropped.
pub(crate) fn page_chunks(chunks: &[PageChunk], residue: &[Residue], text: &str) -> Vec<Residue> {
    chunks
        .iter()
        .filter(|c| !residue.iter().any(|r| r.range.intersects(c.marker)))
        .map(|c| {
            let mut end = c.marker.end();
            while let Some(ch) = char_at(text, end).filter(|&ch| is_inline_space(ch)) {
                end += ch.len_utf8();
            }
            // Join the pages only where the previous page is text of the document.
            let start = c
                .join_from
                .filter(|&from| !residue.iter().any(|r| r.whole_line && r.range.contains(from.saturating_sub(1))))
                .unwrap_or(c.marker.start());
            Residue {
                range: c.marker,
                kind: ResidueKind::PageChunk,
                line: c.line,
                whole_line: false,
                delete: TextRange::new(start, end),
            }
        })
        .collect()
}

/// What deleting inline residue `r` of `line` removes: `r`, with the spaces
/// between it and the line's end, or between the line's start and it.
fn inline_delete(text: &str, line: &Line, r: TextRange) -> TextRange {
    let (ls, le) = (line.content as usize, line.range.end());
    let mut start = r.start();
    let mut end = r.end();
    let after = &text[end..le];
    if after.trim().is_empty() {
        end = le;
        while let Some(c) = char_before(text, start).filter(|&c| is_inline_space(c)) {
            if start - c.len_utf8() < ls {
                break;
            }
            start -= c.len_utf8();
        }
    } else if text[ls..start].trim().is_empty() {
        while let Some(c) = char_at(text, end).filter(|&c| is_inline_space(c)) {
            end += c.len_utf8();
        }
    }
    TextRange::new(start, end)
}

/// Weak lines next to residue (blank lines between allowed) become residue,
/// both ways, so a metadata block is residue as a whole.
fn accept_weak(lines: &[Line], verdicts: &mut [Option<Verdict>]) {
    if !verdicts.iter().any(|v| matches!(v, Some(Verdict::Weak(_)))) {
        return;
    }
    let mut pass = |order: &mut dyn Iterator<Item = usize>| {
        let mut prev_residue = false;
        for i in order {
            match (lines[i].kind, verdicts[i]) {
                (LineKind::Blank, _) => {}
                (_, Some(Verdict::Strong(_))) => prev_residue = true,
                (_, Some(Verdict::Weak(k))) if prev_residue => verdicts[i] = Some(Verdict::Strong(k)),
                _ => prev_residue = false,
            }
        }
    };
    pass(&mut (0..lines.len()));
    pass(&mut (0..lines.len()).rev());
}

/// The line's text in `folded` without surrounding white space, filler and
/// a list bullet (`- `, `•`, `·`).
fn body(folded: &str, line: &Line) -> (usize, usize) {
    let (mut s, mut e) = (line.content as usize, line.range.end());
    // Most lines open with a digit, a letter, an ideograph or the `——` of an
    // item and end with an ideograph or full-width punctuation (from U+3001
    // on): no white space, no filler and no bullet at either end. Told from
    // the bytes: `body` took 1.4 M instructions on the benchmark set decoding
    // both ends of every line, 0.7 M with this test.
    let b = folded.as_bytes();
    let opens_past_bullets =
        s < e && (b[s] >= 0xE4 || b[s].is_ascii_alphanumeric() || b[s..].starts_with("—".as_bytes()));
    let closes_past_spaces = e >= s + 3 && (0xE3..0xF0).contains(&b[e - 3]) && b[e - 3..e] != [0xE3, 0x80, 0x80];
    if opens_past_bullets && closes_past_spaces {
        return (s, e);
    }
    let skip = |c: char| c == ' ' || c == FILLER as char || (c <= '\u{3000}' && c.is_whitespace());
    while let Some(c) = char_at(folded, s).filter(|&c| s < e && skip(c)) {
        s += c.len_utf8();
    }
    match char_at(folded, s) {
        Some(c @ ('•' | '·' | '●' | '▪' | '◦')) => s += c.len_utf8(),
        Some('-') if char_at(folded, s + 1).is_some_and(skip) => s += 1,
        _ => {}
    }
    while let Some(c) = char_at(folded, s).filter(|&c| s < e && skip(c)) {
        s += c.len_utf8();
    }
    while let Some(c) = char_before(folded, e).filter(|&c| e > s && skip(c)) {
        e -= c.len_utf8();
    }
    (s.min(e), e)
}

/// Only white space, filler and punctuation that a removed residue leaves.
fn ignorable(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_whitespace()
            || c == FILLER as char
            || matches!(c, '。' | '！' | '!' | '.' | '…' | ')' | '）' | '>' | '|' | '“' | '”' | '"')
    })
}

// ---- whole lines -------------------------------------------------------------

/// How the line `b` (a line's body in the folded view) reads on its own.
fn classify(b: &str) -> Option<Verdict> {
    let first = b.chars().next()?;
    if is_file_name(b) {
        return Some(Verdict::Strong(ResidueKind::FileName));
    }
    if let Some(v) = metadata(b) {
        return Some(v);
    }
    // The other forms are told by their first character (most lines are
    // rejected here: a few thousand lines a draft, each checked once).
    let strong = match first {
        '第' if is_page_counter(b) => ResidueKind::FileName,
        '字' if is_font_widget(b) => ResidueKind::Widget,
        '首' | '主' | '网' if is_breadcrumb(b) => ResidueKind::Navigation,
        '收' if is_bookmark(b) => ResidueKind::Widget,
        '0'..='9' | '(' | '（' | '¥' | '￥' if lone_value(b).is_some() => return lone_value(b),
        // A plan may put the address of its platform on a line of its own.
        'h' | 'w' | 'W' if is_bare_url(b) => return Some(Verdict::Weak(ResidueKind::SiteUrl)),
        _ if b.len() <= 90 && starts_chrome(first) => return chrome_words(b).map(Verdict::Strong),
        _ => return None,
    };
    Some(Verdict::Strong(strong))
}

/// Words that only a web page's chrome puts on a line of their own.
const CHROME_WORDS: &[(&str, ResidueKind)] = &[
    ("下载", ResidueKind::Widget),
    ("相关", ResidueKind::Widget),
    ("举报", ResidueKind::Widget),
    ("收藏", ResidueKind::Widget),
    ("分享", ResidueKind::Widget),
    ("分享到", ResidueKind::Widget),
    ("分享至", ResidueKind::Widget),
    ("评论", ResidueKind::Widget),
    ("打印", ResidueKind::Widget),
    ("关闭", ResidueKind::Widget),
    ("点赞", ResidueKind::Widget),
    ("打印本页", ResidueKind::Widget),
    ("打印此页", ResidueKind::Widget),
    ("关闭窗口", ResidueKind::Widget),
    ("关闭本页", ResidueKind::Widget),
    ("收藏本页", ResidueKind::Widget),
    ("相关资源", ResidueKind::Widget),
    ("猜你喜欢", ResidueKind::Widget),
    ("相关搜索", ResidueKind::Widget),
    ("相关推荐", ResidueKind::Widget),
    ("相关阅读", ResidueKind::Widget),
    ("相关文章", ResidueKind::Widget),
    ("相关内容", ResidueKind::Widget),
    ("相关文档", ResidueKind::Widget),
    ("热门推荐", ResidueKind::Widget),
    ("热门文章", ResidueKind::Widget),
    ("本周热门", ResidueKind::Widget),
    ("本月热门", ResidueKind::Widget),
    ("二维码", ResidueKind::Widget),
    ("微信订阅号", ResidueKind::Widget),
    ("联系客服", ResidueKind::Widget),
    ("在线客服", ResidueKind::Widget),
    ("关于本文", ResidueKind::Widget),
    ("资源描述", ResidueKind::Widget),
    ("文档简介", ResidueKind::Widget),
    ("文章导读", ResidueKind::Widget),
    ("阅读全文", ResidueKind::Widget),
    ("展开阅读全文", ResidueKind::Widget),
    ("查看全文", ResidueKind::Widget),
    ("查看更多", ResidueKind::Widget),
    ("加载更多", ResidueKind::Widget),
    ("赏赞", ResidueKind::Widget),
    ("合集下载", ResidueKind::Widget),
    ("下载本文档", ResidueKind::Widget),
    ("立即下载", ResidueKind::Widget),
    ("免费下载", ResidueKind::Widget),
    ("继续免费阅读", ResidueKind::Widget),
    ("设为首页", ResidueKind::Navigation),
    ("加入收藏", ResidueKind::Navigation),
    ("无障碍阅读", ResidueKind::Navigation),
    ("无障碍浏览", ResidueKind::Navigation),
    ("长者版", ResidueKind::Navigation),
    ("长者模式", ResidueKind::Navigation),
    ("关怀版", ResidueKind::Navigation),
    ("网站地图", ResidueKind::Navigation),
    ("返回顶部", ResidueKind::Navigation),
    ("回到顶部", ResidueKind::Navigation),
    ("上一篇", ResidueKind::Navigation),
    ("下一篇", ResidueKind::Navigation),
];

/// Whether `c` is the first character of a [`CHROME_WORDS`] word (or a
/// bracket around one): most lines are rejected on their first character.
fn starts_chrome(c: char) -> bool {
    matches!(
        c,
        '下' | '相'
            | '举'
            | '收'
            | '分'
            | '评'
            | '打'
            | '关'
            | '点'
            | '猜'
            | '热'
            | '本'
            | '二'
            | '微'
            | '联'
            | '在'
            | '资'
            | '文'
            | '阅'
            | '展'
            | '查'
            | '加'
            | '赏'
            | '合'
            | '立'
            | '免'
            | '继'
            | '设'
            | '无'
            | '长'
            | '网'
            | '返'
            | '回'
            | '上'
            | '【'
            | '['
            | '('
            | '（'
            | '〔'
    )
}

/// The kind of the first word when the line is made only of [`CHROME_WORDS`]
/// (split at white space and `|`; brackets and a trailing `：` or `>>` around
/// a word are part of the widget).
fn chrome_words(b: &str) -> Option<ResidueKind> {
    let is_sep = |c: char| c.is_whitespace() || c == '|' || c == FILLER as char;
    let opening = ['【', '[', '(', '（', '〔'];
    // The first word, past the brackets, opens with the first char of a
    // chrome word: `（一）…` headings are refused before the line is split.
    if !b.trim_start_matches(is_sep).trim_start_matches(opening).starts_with(starts_chrome) {
        return None;
    }
    let mut kind = None;
    for token in b.split(is_sep) {
        let word =
            token.trim_start_matches(opening).trim_end_matches(['】', ']', ')', '）', '〕', ':', '：', '>', '》', '»']);
        if word.is_empty() && token.is_empty() {
            continue;
        }
        let (_, k) = CHROME_WORDS.iter().find(|(w, _)| *w == word)?;
        kind.get_or_insert(*k);
    }
    kind
}

/// `第1页 / 共2页`, `第 3 页 共 8 页`.
fn is_page_counter(b: &str) -> bool {
    let Some(rest) = b.strip_prefix('第') else { return false };
    let Some(rest) = number_then(rest.trim_start(), "页") else { return false };
    let rest = rest.trim_start().trim_start_matches(['/', '／', ',', '，']).trim_start();
    let Some(rest) = rest.strip_prefix('共') else { return false };
    number_then(rest.trim_start(), "页").is_some_and(|r| r.trim().is_empty())
}

/// `s` after leading digits (at least one), spaces and `word`.
fn number_then<'s>(s: &'s str, word: &str) -> Option<&'s str> {
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    s[digits..].trim_start().strip_prefix(word)
}

const FILE_EXTENSIONS: &[&str] = &[".docx", ".doc", ".pdf", ".wps", ".txt", ".xlsx", ".xls", ".pptx", ".ppt"];

/// A 文库 file name: `….docx`, `….docx_第2页`; not a sentence, a URL or an
/// attachment list (`附件：…`).
fn is_file_name(b: &str) -> bool {
    if !b.ends_with('页') && !b.as_bytes().last().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let name = match b.rfind("_第") {
        Some(p) if number_then(&b[p + "_第".len()..], "页").is_some_and(str::is_empty) => &b[..p],
        _ => b,
    };
    let lower_ends = |ext: &str| {
        name.len() > ext.len()
            && name.is_char_boundary(name.len() - ext.len())
            && name[name.len() - ext.len()..].eq_ignore_ascii_case(ext)
    };
    FILE_EXTENSIONS.iter().any(|e| lower_ends(e))
        && name.chars().count() <= 80
        && !name.contains(['。', '，', '；', '：', ':'])
        && !name.contains("://")
        && !name.starts_with("附件")
        && !is_list_item(name)
}

/// `1.`, `2、`, `（3）`, `(4)` opening a line: an item of a list (an
/// attachment list names files too).
fn is_list_item(b: &str) -> bool {
    let digits = b.len() - b.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        return b[digits..].starts_with(['.', '、', '．', ')', '）']);
    }
    let Some(rest) = b.strip_prefix(['(', '（']) else { return false };
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0 && rest[digits..].starts_with([')', '）'])
}

/// Labels of a page's metadata bar. `true`: no document opens a line with
/// it; `false`: a document may (`时间：`, `来源：`, `文号：`), so the line is
/// residue only with more evidence.
const LABELS: &[(&str, bool, ResidueKind)] = &[
    ("上传人", true, ResidueKind::Metadata),
    ("上传者", true, ResidueKind::Metadata),
    ("上传时间", true, ResidueKind::Metadata),
    ("上传日期", true, ResidueKind::Metadata),
    ("文档编号", true, ResidueKind::Metadata),
    ("文档页数", true, ResidueKind::Metadata),
    ("文档格式", true, ResidueKind::Metadata),
    ("文档大小", true, ResidueKind::Metadata),
    ("索引号", true, ResidueKind::Metadata),
    ("发布机构", false, ResidueKind::Metadata),
    ("发文时间", false, ResidueKind::Metadata),
    ("发布时间", false, ResidueKind::Metadata),
    ("发布日期", false, ResidueKind::Metadata),
    ("更新时间", false, ResidueKind::Metadata),
    ("信息分类", false, ResidueKind::Metadata),
    ("主题分类", false, ResidueKind::Metadata),
    ("文件分类", false, ResidueKind::Metadata),
    ("所属机构", false, ResidueKind::Metadata),
    ("所属主题", false, ResidueKind::Metadata),
    ("生成日期", false, ResidueKind::Metadata),
    ("是否有效", false, ResidueKind::Metadata),
    ("公开时限", false, ResidueKind::Metadata),
    ("浏览量", true, ResidueKind::Metadata),
    ("浏览次数", true, ResidueKind::Metadata),
    ("点击次数", true, ResidueKind::Metadata),
    ("点击数", true, ResidueKind::Metadata),
    ("点击量", true, ResidueKind::Metadata),
    ("阅读次数", true, ResidueKind::Metadata),
    ("阅读量", true, ResidueKind::Metadata),
    ("访问量", true, ResidueKind::Metadata),
    ("访问次数", true, ResidueKind::Metadata),
    ("文章来源", true, ResidueKind::Metadata),
    ("信息来源", false, ResidueKind::Metadata),
    ("责任编辑", true, ResidueKind::Metadata),
    ("本文标题", true, ResidueKind::Metadata),
    ("本文链接", true, ResidueKind::Metadata),
    ("本文地址", true, ResidueKind::Metadata),
    ("原文链接", true, ResidueKind::Metadata),
    ("原文地址", true, ResidueKind::Metadata),
    ("链接地址", true, ResidueKind::Metadata),
    ("当前位置", true, ResidueKind::Navigation),
    ("您的位置", true, ResidueKind::Navigation),
    ("你的位置", true, ResidueKind::Navigation),
    ("所在位置", true, ResidueKind::Navigation),
    ("上一篇", true, ResidueKind::Navigation),
    ("下一篇", true, ResidueKind::Navigation),
    ("推荐访问", true, ResidueKind::SiteText),
    ("推荐度", true, ResidueKind::SiteText),
    ("相关推荐", true, ResidueKind::SiteText),
    ("网站客服", true, ResidueKind::Notice),
    ("网站客服QQ", true, ResidueKind::Notice),
    ("客服QQ", true, ResidueKind::Notice),
    ("网站标识码", true, ResidueKind::Notice),
    ("版权说明", true, ResidueKind::Notice),
    ("免责声明", true, ResidueKind::Notice),
    ("分享", true, ResidueKind::Widget),
    ("分享到", true, ResidueKind::Widget),
    ("时间", false, ResidueKind::Metadata),
    ("日期", false, ResidueKind::Metadata),
    ("来源", false, ResidueKind::Metadata),
    ("作者", false, ResidueKind::Metadata),
    ("编辑", false, ResidueKind::Metadata),
    ("格式", false, ResidueKind::Metadata),
    ("页数", false, ResidueKind::Metadata),
    ("大小", false, ResidueKind::Metadata),
    ("名称", false, ResidueKind::Metadata),
    ("标题", false, ResidueKind::Metadata),
    ("文号", false, ResidueKind::Metadata),
    ("文件编号", false, ResidueKind::Metadata),
    ("发文字号", false, ResidueKind::Metadata),
    ("发文机关", false, ResidueKind::Metadata),
    ("成文日期", false, ResidueKind::Metadata),
    ("发文日期", false, ResidueKind::Metadata),
    ("公开方式", false, ResidueKind::Metadata),
    ("公开属性", false, ResidueKind::Metadata),
    ("有效性", false, ResidueKind::Metadata),
    ("分类", false, ResidueKind::Metadata),
    ("字号", false, ResidueKind::Widget),
    ("字体", false, ResidueKind::Widget),
];

/// The label ending right before the colon at `colon` in `b` (which starts
/// at a line's text): its index in [`LABELS`] and start. A label is the word
/// before the colon, or a letter-spaced one (`索 引 号`), and stands at the
/// line's start or after white space or `|`.
fn label_before(b: &str, colon: usize) -> Option<(usize, usize)> {
    let before = &b[..colon];
    let is_sep = |c: char| c.is_whitespace() || c == '|' || c == FILLER as char;
    let word_start = before.rfind(is_sep).map_or(0, |p| p + char_at(before, p).map_or(1, char::len_utf8));
    let word = &before[word_start..];
    if word.chars().nth(1).is_some() {
        let i = LABELS.iter().position(|(l, _, _)| *l == word)?;
        return (word_start == 0 || char_before(b, word_start).is_some_and(is_sep)).then_some((i, word_start));
    }
    // Letter-spaced: single characters with one space between.
    let mut chars = ['\0'; 8];
    let mut n = 0;
    let mut start;
    {
        let mut at = colon;
        loop {
            let c = char_before(b, at)?;
            if !is_han(c) {
                return None;
            }
            at -= c.len_utf8();
            *chars.get_mut(n)? = c;
            n += 1;
            start = at;
            let sep = char_before(b, at);
            let sep_at = at - sep.map_or(0, char::len_utf8);
            if sep.is_some_and(|s| s == ' ' || s == '\u{3000}') && char_before(b, sep_at).is_some_and(is_han) {
                let prev = sep_at - char_before(b, sep_at).map_or(0, char::len_utf8);
                if char_before(b, prev).is_none_or(is_sep) {
                    at = sep_at;
                    continue;
                }
            }
            break;
        }
        chars[..n].reverse();
    }
    if start > 0 && !char_before(b, start).is_some_and(is_sep) {
        return None;
    }
    let i = LABELS.iter().position(|(l, _, _)| l.chars().eq(chars[..n].iter().copied()))?;
    Some((i, start))
}

/// A metadata line: it opens with a label of [`LABELS`] and a colon.
fn metadata(b: &str) -> Option<Verdict> {
    let first = first_colon(b)?;
    let (i, start) = label_before(b, first)?;
    if start != 0 {
        return None;
    }
    let (_, strong, kind) = LABELS[i];
    let mut labels = 1;
    let mut any_strong = strong;
    let mut value_end = b.len();
    for (p, c) in b.char_indices().skip_while(|&(p, _)| p <= first) {
        if (c == ':' || c == '：')
            && let Some((j, s)) = label_before(b, p)
        {
            labels += 1;
            any_strong |= LABELS[j].1;
            value_end = value_end.min(s);
        }
    }
    if any_strong || labels >= 2 {
        return Some(Verdict::Strong(kind));
    }
    let from = first + char_at(b, first).map_or(1, char::len_utf8);
    let value = b.get(from..value_end.max(from)).unwrap_or("").trim_matches(|c: char| c.is_whitespace() || c == '|');
    // `时间：` and `日期：` head a document's lines too (a meeting's time); only
    // a server's time stamp gives them away. A publication label needs a day.
    let date = web_date(value);
    let generic = matches!(LABELS[i].0, "时间" | "日期");
    if date.is_some_and(|d| !generic || d == WebDate::Second)
        || is_file_size(value)
        || FILE_EXTENSIONS.iter().any(|e| e[1..].eq_ignore_ascii_case(value))
        || ["网友投稿", "网络", "互联网", "网络转载", "转载", "本站", "本站原创", "原创", "网友"].contains(&value)
    {
        return Some(Verdict::Strong(kind));
    }
    Some(Verdict::Weak(kind))
}

/// The first colon (`:` or `：`) within the first 42 bytes of `b`, where a
/// label's colon stands. A byte search: decoding the start of every line cost
/// more than the rest of the line checks together.
fn first_colon(b: &str) -> Option<usize> {
    let head = &b.as_bytes()[..b.len().min(42)];
    let mut from = 0;
    while let Some(q) = memchr::memchr2(b':', 0x9A, &head[from..]).map(|q| from + q) {
        if head[q] == b':' {
            return Some(q);
        }
        // `：` is EF BC 9A; 0x9A also ends other characters.
        if q >= 2 && head[q - 2] == 0xEF && head[q - 1] == 0xBC {
            return Some(q - 2);
        }
        from = q + 1;
    }
    None
}

/// How precise a web date is.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum WebDate {
    /// `2023-11-14`, `2022- 04- 27`, `2023/7/11`.
    Day,
    /// `2024-07-01 09:25`.
    Minute,
    /// `2023-11-14 20:22:02`: a server's time stamp, which no document writes.
    Second,
}

/// A date written the way web pages write it (documents write `2023年11月14日`).
fn web_date(s: &str) -> Option<WebDate> {
    // Leading spaces, then `min..=max` digits; the rest.
    fn digits(r: &str, min: usize, max: usize) -> Option<&str> {
        let t = r.trim_start_matches(' ');
        let n = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        (min..=max).contains(&n).then(|| &t[n..])
    }
    let mut rest = digits(s, 4, 4)?;
    let sep = rest.chars().next().filter(|c| matches!(c, '-' | '/'))?;
    rest = digits(rest.strip_prefix(sep)?, 1, 2)?;
    if let Some(r) = rest.strip_prefix(sep) {
        rest = digits(r, 1, 2)?;
    }
    let rest = rest.trim_start();
    if rest.is_empty() {
        return Some(WebDate::Day);
    }
    let r = digits(rest, 1, 2)?.strip_prefix(':')?;
    let r = digits(r, 2, 2)?;
    if r.is_empty() {
        return Some(WebDate::Minute);
    }
    digits(r.strip_prefix(':')?, 2, 2)?.is_empty().then_some(WebDate::Second)
}

/// `16.63KB`, `33.00 KB`, `1.2 MB`.
fn is_file_size(s: &str) -> bool {
    let n = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').len();
    n > 0
        && s.as_bytes()[0].is_ascii_digit()
        && ["KB", "MB", "K", "M", "kb", "mb", "Kb", "B"].contains(&s[n..].trim_start())
}

/// `字体【 】`, `字号：【大 中 小】`, `字体：[ ]`.
fn is_font_widget(b: &str) -> bool {
    let Some(rest) = b.strip_prefix("字体").or_else(|| b.strip_prefix("字号")) else { return false };
    let rest = rest.trim_start().trim_start_matches([':', '：']).trim_start();
    rest.starts_with(['【', '[']) || rest.starts_with("大") && rest.contains('小')
}

/// A line with only a value a web page shows: a time stamp, a date with a
/// counter or `发布`, a file size (strong); a bare web date, a price (`¥6`)
/// or a zero count `(0)` (weak).
fn lone_value(b: &str) -> Option<Verdict> {
    let kind = ResidueKind::Metadata;
    if !b.starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '（' || c == '¥' || c == '￥') || b.len() > 48
    {
        return None;
    }
    // Each value below ends with a digit, a unit (`KB`), `.`, a bracket or
    // `发布`/`更新`/`发表` (`b` has no white space at its end): the numbered
    // headings of a plan (`（一）总体要求`) are refused here.
    if !b.ends_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | ')' | '）' | '布' | '新' | '表')) {
        return None;
    }
    if is_file_size(b) {
        return Some(Verdict::Strong(kind));
    }
    if let Some(date) = web_date(b) {
        return Some(if date == WebDate::Second { Verdict::Strong(kind) } else { Verdict::Weak(kind) });
    }
    if let Some(p) = b.rfind(' ') {
        let (date, tail) = (b[..p].trim_end(), b[p + 1..].trim());
        let counter = !tail.is_empty() && tail.bytes().all(|c| c.is_ascii_digit());
        if web_date(date).is_some() && (counter || matches!(tail, "发布" | "更新" | "发表")) {
            return Some(Verdict::Strong(kind));
        }
    }
    if let Some(price) = b.strip_prefix(['¥', '￥']) {
        let price = price.trim_start();
        if !price.is_empty() && price.bytes().all(|c| c.is_ascii_digit() || c == b'.') {
            return Some(Verdict::Weak(ResidueKind::Widget));
        }
    }
    matches!(b, "(0)" | "（0）").then_some(Verdict::Weak(ResidueKind::Widget))
}

/// `首页 > 办公文档 > 演讲致辞`: a path through the site without a label.
fn is_breadcrumb(b: &str) -> bool {
    (b.starts_with("首页") || b.starts_with("主页") || b.starts_with("网站首页"))
        && b.len() <= 240
        && b.matches(['>', '＞', '»', '›']).count() >= 2
        && !b.contains(['。', '，', '；'])
}

/// `收藏《全市…汇报》)`: the bookmark link under a cut text.
fn is_bookmark(b: &str) -> bool {
    b.strip_prefix("收藏《")
        .and_then(|r| r.rsplit_once('》'))
        .is_some_and(|(_, tail)| tail.trim_matches([')', '）', ' ']).is_empty())
}

/// `目录/提纲：……`, which opens the table of contents a 范文 site puts
/// before the text.
fn is_contents_marker(b: &str) -> bool {
    (b.starts_with("目录") || b.starts_with("提纲"))
        && ["目录/提纲", "目录／提纲", "提纲/目录", "提纲／目录"].iter().any(|m| b.starts_with(m))
}

/// The line closing the table of contents opened on line `open`: the next
/// line of only dots (`……`), with nothing but short lines without a full
/// stop before it. `None` when there is no such line: then only the marker
/// line is residue.
fn contents_end(folded: &str, lines: &[Line], open: usize) -> Option<usize> {
    for (i, line) in lines.iter().enumerate().skip(open + 1).take(100) {
        if line.kind != LineKind::Prose {
            continue;
        }
        let (s, e) = body(folded, line);
        let b = &folded[s..e];
        if !b.is_empty() && b.chars().all(|c| matches!(c, '…' | '.' | '。' | '⋯')) {
            return Some(i);
        }
        if b.chars().count() > 40 || b.contains('。') {
            return None;
        }
    }
    None
}

// ---- inside lines ------------------------------------------------------------

/// What a needle found.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Needle {
    /// A phrase of the site. `true`: no document's own sentence uses it.
    Phrase(ResidueKind, bool),
    /// A phrase read with what follows it.
    Checked(Checked),
    /// A word of a cut mark, checked in its context.
    Cut,
    /// A URL's start.
    Url,
    /// A legal database field label (`制定机关】`).
    Legal,
}

/// One search finds them all. Few needles, and not short ones with a common
/// first character, because each costs: the packed searcher's candidates grow
/// with their number (32 needles took three times as long as 22, and `文档`
/// alone a third of the search). Their order matters too: the searcher puts
/// needle `i` into bucket `7 - i % 8` (unless an earlier needle has the same
/// low nibbles), and a bucket flags every byte string that mixes the nibbles
/// of its needles. This order was searched for the fewest candidates on the
/// benchmark drafts and the 10 MB draft together: the search takes 5.2 M
/// instructions on the benchmark set and 12.4 M on the 10 MB draft, where
/// the best of 600 shuffles took 5.7 M and 13.5 M (1.35 instructions a
/// byte) and the needles sorted by kind twice that. A
/// phrase is strong when no document's own sentence uses it; a weak one
/// (`网站客服`, `本文档`) only helps a line of site text read as one. The other words of a widget or a notice need no needle: they
/// come in the same sentence as one of these, or as a label or a line of
/// their own ([`classify`]).
const NEEDLE_LIST: &[(&str, Needle)] = &[
    ("省略", Needle::Cut),
    ("opyright", Needle::Phrase(ResidueKind::Notice, true)),
    ("网站客服", Needle::Phrase(ResidueKind::Notice, false)),
    ("侵犯了您的", Needle::Phrase(ResidueKind::Notice, true)),
    ("该文档", Needle::Checked(Checked::ThatDocument)),
    ("ICP", Needle::Checked(Checked::Icp)),
    ("小编", Needle::Phrase(ResidueKind::SiteText, true)),
    ("制定机关】", Needle::Legal),
    ("未完", Needle::Cut),
    ("写作必备", Needle::Phrase(ResidueKind::SiteText, true)),
    ("由会员分享", Needle::Phrase(ResidueKind::Widget, true)),
    ("页未读", Needle::Phrase(ResidueKind::Widget, true)),
    ("扫一扫", Needle::Checked(Checked::Scan)),
    ("本文档", Needle::Checked(Checked::ThisDocument)),
    ("下载文档前", Needle::Phrase(ResidueKind::Notice, true)),
    ("网友投稿", Needle::Phrase(ResidueKind::SiteText, true)),
    ("需要先登", Needle::Checked(Checked::Login)),
    ("版权所有", Needle::Checked(Checked::Copyright)),
    ("http", Needle::Url),
    ("赏", Needle::Checked(Checked::Reward)),
    ("www.", Needle::Url),
    ("C2C", Needle::Checked(Checked::C2c)),
];

/// Field labels of a legal database's header (the needle finds the first).
const LEGAL_LABELS: &[&str] = &[
    "制定机关】",
    "公布日期】",
    "施行日期】",
    "效力等级】",
    "时效性】",
    "法宝引证码】",
    "主题分类】",
    "发文字号】",
    "发布部门】",
    "实施日期】",
    "失效日期】",
    "批准日期】",
    "字号】",
];

/// Words that are the site's only in context.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Checked {
    /// `扫一扫在手机阅读` (strong); `微信扫一扫即可办理` may be a plan's words.
    Scan,
    /// `您需要先登陆` (a site addressing its reader, strong); `需要先登录` (weak).
    Login,
    /// `请选择打赏类型`, `赏赞`, `请赞赏` (strong); `赞赏鼓励` (weak).
    Reward,
    /// `该文档总共2页` (a 文库's viewer).
    ThatDocument,
    /// `本文档由…`, `本文档内容版权…` (a 文库's notice, strong); `本文档` (weak).
    ThisDocument,
    /// `版权所有：` (a footer) is strong; `版权所有` alone may be a plan's
    /// words (`版权所有人`).
    Copyright,
    /// `京ICP备12345678号`, `ICP证B2-…`: a site's licence number; not
    /// `ICP备案管理`.
    Icp,
    /// `文档C2C交易模式` (a 文库's notice); not `C2C电商`.
    C2c,
}

impl Checked {
    /// The kind and strength of the phrase that the needle at `p` of `folded`
    /// is part of, if it is one; `be` ends its line.
    fn read(self, folded: &str, p: usize, be: usize) -> Option<(ResidueKind, bool)> {
        let before = &folded[..p];
        let after = |word: &str| folded[p..be].get(word.len()..).unwrap_or("");
        match self {
            Checked::Scan => {
                let strong = after("扫一扫").starts_with("在手机");
                Some((ResidueKind::Widget, strong))
            }
            Checked::Login => {
                let rest = after("需要先登");
                let strong = before.ends_with('您') && rest.starts_with('陆');
                rest.starts_with(['陆', '录']).then_some((ResidueKind::Widget, strong))
            }
            Checked::Reward => {
                let rest = after("赏");
                if rest.starts_with('赞')
                    || before.ends_with("请赞")
                    || before.ends_with('打') && rest.starts_with("类型")
                {
                    Some((ResidueKind::Widget, true))
                } else {
                    (before.ends_with('赞') && rest.starts_with("鼓励")).then_some((ResidueKind::Widget, false))
                }
            }
            Checked::ThatDocument => after("该文档").starts_with("总共").then_some((ResidueKind::Widget, true)),
            Checked::ThisDocument => {
                let rest = after("本文档");
                Some((ResidueKind::Notice, rest.starts_with('由') || rest.starts_with("内容版权")))
            }
            Checked::Copyright => Some((ResidueKind::Notice, after("版权所有").starts_with([':', '：', '©']))),
            Checked::Icp => {
                let rest = after("ICP");
                let number = rest
                    .strip_prefix(['备', '证'])
                    .is_some_and(|r| r.chars().take(6).any(|c| c.is_ascii_digit()) && !r.starts_with(['案', '件']));
                number.then_some((ResidueKind::Notice, true))
            }
            Checked::C2c => before.ends_with("文档").then_some((ResidueKind::Notice, true)),
        }
    }
}

static NEEDLES: std::sync::LazyLock<Needles> = std::sync::LazyLock::new(|| {
    let patterns: Vec<&str> = NEEDLE_LIST.iter().map(|(p, _)| *p).collect();
    debug_assert!(patterns.len() <= 24, "{} needles: the search slows down", patterns.len());
    Needles::new(&patterns)
});

/// Ends a sentence for the purpose of telling the site's sentences from the document's.
fn is_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// The sentence of `folded[bs..be]` that holds byte `p`: from after the
/// previous stop to after the next one (with a closing bracket after it).
fn sentence(folded: &str, bs: usize, be: usize, p: usize) -> TextRange {
    let start = folded[bs..p].rfind(is_stop).map_or(bs, |q| bs + q + char_at(folded, bs + q).map_or(1, char::len_utf8));
    let mut end = folded[p..be].find(is_stop).map_or(be, |q| p + q + char_at(folded, p + q).map_or(1, char::len_utf8));
    while let Some(c) = char_at(folded, end).filter(|&c| end < be && matches!(c, ')' | '）' | '”' | '"')) {
        end += c.len_utf8();
    }
    TextRange::new(start, end)
}

/// The residue inside the line body `bs..be` that the needle hits `hits` show.
fn phrases(folded: &str, bs: usize, be: usize, hits: &[(usize, usize)], out: &mut Vec<(TextRange, ResidueKind)>) {
    // Sentences of site phrases: (range, kind, holds a strong phrase).
    let mut sentences: Vec<(TextRange, ResidueKind, bool)> = Vec::new();
    let mut url_end = 0;
    let mut legal = false;
    for &(p, k) in hits {
        if p < bs || p >= be {
            continue;
        }
        let (kind, strong) = match NEEDLE_LIST[k].1 {
            Needle::Phrase(kind, strong) => (kind, strong),
            Needle::Checked(c) => match c.read(folded, p, be) {
                Some(read) => read,
                None => continue,
            },
            Needle::Cut => {
                if let Some(r) = cut_mark(folded, bs, be, p) {
                    out.push((r, ResidueKind::Cut));
                }
                continue;
            }
            Needle::Url => {
                if p >= url_end {
                    url_end = url_extent(folded, p, be);
                    if let Some(r) = site_url(folded, bs, be, p, url_end) {
                        out.push((r, ResidueKind::SiteUrl));
                    }
                }
                continue;
            }
            Needle::Legal => {
                if !legal {
                    legal = true;
                    if let Some(r) = legal_header(folded, bs, be) {
                        out.push((r, ResidueKind::LegalHeader));
                    }
                }
                continue;
            }
        };
        let s = sentence(folded, bs, be, p);
        match sentences.last_mut() {
            Some(last) if last.0 == s => last.2 |= strong,
            _ => sentences.push((s, kind, strong)),
        }
    }
    if sentences.is_empty() {
        return;
    }
    // Runs of adjacent site sentences; a run is residue when a phrase in it is
    // strong (a whole line is one run when each of its sentences has a phrase).
    let mut runs: Vec<(TextRange, ResidueKind, bool)> = Vec::new();
    for s in sentences {
        match runs.last_mut() {
            Some(run) if ignorable(&folded[run.0.end()..s.0.start().max(run.0.end())]) => {
                run.0.end = run.0.end.max(s.0.end);
                run.2 |= s.2;
            }
            _ => runs.push(s),
        }
    }
    // A line that opens and closes with the site's sentences, with little
    // between them, is the site's: sites put their text before or after a
    // document's, not around a piece of it.
    let between: usize = runs.windows(2).map(|w| w[1].0.start().saturating_sub(w[0].0.end())).sum();
    if let [first, .., last] = &runs[..]
        && first.2
        && last.2
        && between <= 300
        && ignorable(&folded[bs..first.0.start()])
        && ignorable(&folded[last.0.end()..be])
    {
        let whole = (TextRange::new(first.0.start(), last.0.end()), first.1, true);
        runs = vec![whole];
    }
    for (mut r, kind, strong) in runs {
        if !strong {
            continue;
        }
        // The site's text after the document's on a line is an advertisement
        // the site appended: it runs to the end of the line.
        if kind == ResidueKind::SiteText && !ignorable(&folded[bs..r.start()]) {
            r.end = be as u32;
        }
        out.push((r, kind));
    }
}

/// The end of the URL starting at `p`.
fn url_extent(folded: &str, p: usize, be: usize) -> usize {
    let b = folded.as_bytes();
    let mut e = p;
    while e < be && (b[e].is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'*+,;=%".contains(&b[e])) {
        e += 1;
    }
    while e > p && matches!(b[e - 1], b'.' | b',' | b';' | b':' | b'!' | b'?' | b')') {
        e -= 1;
    }
    e
}

/// Words ending a label that introduces a URL as the document's content (`网址：`).
const URL_LABELS: &[&str] = &[
    "网址",
    "网站",
    "官网",
    "地址",
    "链接",
    "平台",
    "邮箱",
    "主页",
    "网页",
    "入口",
    "门户",
    "系统",
    "客户端",
    "小程序",
    "公众号",
    "微博",
    "邮件",
    "二维码",
    "查询",
    "登录",
    "访问",
];

/// Words of a 范文 or 文库 site's name (`某某范文网`, `公文写作宝典`, `某某文库`).
const SITE_WORDS: &[&str] = &["网", "文库", "范文", "文秘", "宝典", "写作", "公文", "素材", "资料", "文档", "站"];

/// Whether the host of `url` is a government site, whose URL a plan cites.
fn is_gov(url: &str) -> bool {
    let host = url.split_once("://").map_or(url, |(_, h)| h);
    let host = host.split(['/', ':', '?', '#']).next().unwrap_or(host).to_ascii_lowercase();
    host.len() < 4 || host.ends_with(".gov.cn") || host.ends_with(".gov") || host.contains(".gov.")
}

/// A site's URL at `p..e` that is residue, with the site's name before it:
/// the name (a word of [`SITE_WORDS`] in it, not a label that introduces a
/// URL such as `网址`) and a colon open the line (`某某范文网：www.example.com`),
/// and nothing or the title glued to the URL follows. Or a URL opening the
/// line with the title glued to it. Not a government site's URL, not one
/// inside a sentence. (A URL alone on a line is [`classify`]'s.)
fn site_url(folded: &str, bs: usize, be: usize, p: usize, e: usize) -> Option<TextRange> {
    if is_gov(&folded[p..e]) {
        return None;
    }
    let glued = char_at(folded, e).is_some_and(is_han);
    let prefix = folded[bs..p].trim_end_matches([' ', FILLER as char]);
    if prefix.is_empty() {
        return glued.then_some(TextRange::new(bs, e));
    }
    let name = prefix.strip_suffix([':', '：'])?.trim_end();
    let n = name.chars().count();
    if !(2..=24).contains(&n)
        || !SITE_WORDS.iter().any(|w| name.contains(w))
        || name.contains(|c: char| c.is_whitespace() || crate::text::is_cjk_punct(c) || "()\"'".contains(c))
        || URL_LABELS.iter().any(|l| name.ends_with(l))
    {
        return None;
    }
    (glued || ignorable(&folded[e..be])).then_some(TextRange::new(bs, e))
}

/// A URL alone on a line, not a government site's.
fn is_bare_url(b: &str) -> bool {
    (b.starts_with("http") || b.starts_with("www.") || b.starts_with("WWW."))
        && !b.contains(|c: char| c.is_whitespace() || !c.is_ascii())
        && !is_gov(b)
}

/// A cut mark around the word at `p`: `……(新文秘网…省略632字，正式会员可完整
/// 阅读)……`, `……(未完，全文共2791字，当前仅显示1774字，…`. The words must
/// read as a count (`省略632字`, `全文共2791字`) or as the mark's fixed words,
/// inside an opening bracket on the same line; the mark runs to its closing
/// bracket (and the dots after it) or to the line's end.
fn cut_mark(folded: &str, bs: usize, be: usize, p: usize) -> Option<TextRange> {
    let rest = &folded[p..be];
    let counted = |word: &str| rest.strip_prefix(word).and_then(|r| number_then(r.trim_start(), "字")).is_some();
    let ok = counted("省略")
        || counted("全文共")
        || rest.starts_with("当前仅显示")
        || rest.starts_with("正式会员可")
        || rest.starts_with("未完") && rest["未完".len()..].starts_with([',', '，', ')', '）', '…', '。']);
    if !ok {
        return None;
    }
    let open = folded[bs..p].rfind(['(', '（']).map(|q| bs + q)?;
    if folded[open..p].contains([')', '）']) {
        return None;
    }
    let mut start = open;
    while let Some(c) = char_before(folded, start).filter(|&c| start > bs && matches!(c, '…' | '.' | '⋯')) {
        start -= c.len_utf8();
    }
    let mut end = match folded[p..be].find([')', '）']) {
        Some(q) => p + q + char_at(folded, p + q).map_or(1, char::len_utf8),
        None => be,
    };
    while let Some(c) = char_at(folded, end).filter(|&c| end < be && matches!(c, '…' | '.' | '⋯')) {
        end += c.len_utf8();
    }
    Some(TextRange::new(start, end))
}

/// The field labels of a legal database's header in the line body `bs..be`
/// (`•【制定机关】杭州市人民政府•【公布日期】…`): two or more, or one at the
/// line's start. Runs from the first `【` (with a `文章属性` right before it)
/// to the `正文` that follows the last field, else to the line's end when
/// near, else to the end of the last label.
fn legal_header(folded: &str, bs: usize, be: usize) -> Option<TextRange> {
    let line = &folded[bs..be];
    let labels: Vec<usize> = LEGAL_LABELS.iter().flat_map(|w| line.match_indices(w).map(|(q, _)| bs + q)).collect();
    let first = *labels.iter().min()?;
    let first_open = first
        .checked_sub('【'.len_utf8())
        .filter(|&o| o >= bs && folded.get(o..).is_some_and(|s| s.starts_with('【')))?;
    let at_start = folded[bs..first_open].trim_end_matches(['•', '·', ' ']).is_empty();
    if labels.len() < 2 && !at_start {
        return None;
    }
    let mut start = first_open;
    while let Some(c) = char_before(folded, start).filter(|&c| start > bs && matches!(c, '•' | '·' | ' ')) {
        start -= c.len_utf8();
    }
    if folded[bs..start].ends_with("文章属性") {
        start -= "文章属性".len();
    }
    let last = *labels.iter().max()?;
    let last_close = last + folded[last..be].find('】')? + '】'.len_utf8();
    let tail = &folded[last_close..be];
    let end = match tail.char_indices().take(40).find(|&(q, _)| tail[q..].starts_with("正文")) {
        Some((q, _)) => last_close + q + "正文".len(),
        None if tail.chars().count() <= 40 => be,
        None => last_close,
    };
    Some(TextRange::new(if at_start { bs } else { start }, end))
}

/// `篇一：` opening a line: the header of one text in a 范文 collection.
/// Returns the length of the header.
fn collection_header(b: &str) -> Option<usize> {
    let rest = b.strip_prefix('篇')?;
    let n = rest.len() - rest.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c)).len();
    if n == 0 || n > 6 {
        return None;
    }
    let colon = char_at(rest, n).filter(|&c| c == ':' || c == '：')?;
    Some('篇'.len_utf8() + n + colon.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_dates() {
        assert_eq!(web_date("2023-11-14 20:22:02"), Some(WebDate::Second));
        assert_eq!(web_date("2024-07-01 09:25"), Some(WebDate::Minute));
        assert_eq!(web_date("2022- 04- 27"), Some(WebDate::Day));
        assert_eq!(web_date("2023/7/11"), Some(WebDate::Day));
        assert_eq!(web_date("2023-11"), Some(WebDate::Day));
        assert_eq!(web_date("2023-03至2023-06"), None);
        assert_eq!(web_date("2023年3月"), None);
        assert_eq!(web_date("2023-11-14 20时"), None);
        assert_eq!(web_date("2023-11-14 20:22:02 125"), None);
        assert_eq!(web_date("2023-11-14-15"), None);
    }

    #[test]
    fn labels_and_letter_spacing() {
        let label = |b: &str| {
            let colon = b.find([':', '：']).unwrap();
            label_before(b, colon).map(|(i, s)| (LABELS[i].0, s))
        };
        assert_eq!(label("索 引 号: 1"), Some(("索引号", 0)));
        assert_eq!(label("名 称：区政府"), Some(("名称", 0)));
        assert_eq!(label("综合政务 所属机构:"), Some(("所属机构", "综合政务 ".len())));
        assert_eq!(label("资金来源：财政"), None);
        assert_eq!(label("2 来源:网友"), Some(("来源", 2)));
        assert_eq!(label("一、时间安排："), None);
    }
}
