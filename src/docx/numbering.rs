//! Word's automatic list numbering (`word/numbering.xml`, and the paragraph
//! styles of `word/styles.xml` that carry a number): which number each
//! numbered paragraph displays.
//!
//! The model (ECMA-376 §17.9): a paragraph names a numbering instance
//! (`w:numId`) and a level (`w:ilvl`), directly or through its style. The
//! instance points to an abstract definition whose levels give the start
//! value, the format (`w:numFmt`) and the text (`w:lvlText`, e.g. `（%2）`,
//! where `%N` is level N's counter). Counting:
//! - instances without overrides of the same abstract definition count
//!   together (Word continues such lists); an instance with a
//!   `w:lvlOverride` (Word's "restart numbering") counts on its own, from its
//!   `w:startOverride`;
//! - using a level advances its counter and restarts the deeper levels, unless
//!   a deeper level's `w:lvlRestart` says otherwise (0: never);
//! - a level not yet used shows its start value.

use std::collections::HashMap;
use std::rc::Rc;

use super::Error;
use super::format::format;
use super::xml::{self, Ev, Ns, Xml};

const LEVELS: usize = 9;
/// Longest number text produced (Word's own are a few characters).
const MAX_LABEL: usize = 64;

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
enum Suffix {
    /// Word's default; written as nothing, as drafts type `一、总体要求`.
    #[default]
    Tab,
    Space,
    Nothing,
}

#[derive(Clone, Default, Debug)]
struct Level {
    start: Option<i64>,
    fmt: Option<String>,
    text: Option<String>,
    restart: Option<i64>,
    legal: bool,
    suffix: Suffix,
    /// The paragraph style linked to this level (`w:pStyle`).
    style: Option<String>,
}

#[derive(Default, Debug)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the levels are those of the numbering style named.
    style_link: Option<String>,
}

#[derive(Default, Debug)]
struct Override {
    start: Option<i64>,
    level: Option<Level>,
}

#[derive(Default, Debug)]
struct Num {
    abstract_id: Option<i64>,
    overrides: [Override; LEVELS],
}

impl Num {
    fn overridden(&self) -> bool {
        self.overrides.iter().any(|o| o.start.is_some() || o.level.is_some())
    }
}

#[derive(Default, Debug)]
struct Style {
    based_on: Option<String>,
    num_id: Option<i64>,
    ilvl: Option<i64>,
}

/// A paragraph's own `w:numPr`.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub(crate) struct NumPr {
    pub num_id: Option<i64>,
    pub ilvl: Option<i64>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum List {
    Abstract(i64),
    Num(i64),
}

/// The definitions and the running counters. (SipHash maps: the keys come
/// from the file, which may be crafted to collide.)
#[derive(Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<i64, Abstract>,
    nums: HashMap<i64, Num>,
    styles: HashMap<String, Style>,
    default_style: Option<String>,
    counters: HashMap<List, [Option<i64>; LEVELS]>,
    instances: HashMap<i64, Option<Rc<Instance>>>,
    style_numbers: HashMap<String, (Option<i64>, Option<i64>)>,
}

/// A numbering instance resolved for counting.
struct Instance {
    list: List,
    levels: [Option<Level>; LEVELS],
    starts: [i64; LEVELS],
}

impl Numbering {
    /// Reads the numbering and styles parts (name and text), either absent.
    pub(crate) fn parse(
        numbering: Option<(&str, &str)>,
        styles: Option<(&str, &str)>,
        max_depth: usize,
    ) -> Result<Numbering, Error> {
        let mut n = Numbering::default();
        if let Some((name, text)) = numbering {
            n.read_numbering(&mut Xml::new(text, name, max_depth))?;
        }
        if let Some((name, text)) = styles {
            n.read_styles(&mut Xml::new(text, name, max_depth))?;
        }
        // Each style's numbering through its `w:basedOn` chain, once (not per paragraph).
        n.style_numbers = n.styles.keys().map(|id| (id.clone(), n.style_chain(id))).collect();
        Ok(n)
    }

    fn read_numbering(&mut self, xml: &mut Xml<'_>) -> Result<(), Error> {
        #[derive(Clone, Copy, PartialEq)]
        enum At {
            Abstract,
            Num,
            Level,
            /// A markup-compatibility wrapper inside a level.
            Wrapper,
            Override,
            Other,
        }
        let mut stack: Vec<At> = Vec::new();
        let mut abstract_def: Option<(i64, Abstract)> = None;
        let mut num: Option<(i64, Num)> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let (ns, e) = match xml.next()? {
                Ev::Start(ns, e) => (ns, e),
                Ev::End => {
                    match stack.pop() {
                        Some(At::Abstract) => {
                            if let Some((id, a)) = abstract_def.take() {
                                self.abstracts.entry(id).or_insert(a);
                            }
                        }
                        Some(At::Num) => {
                            if let Some((id, n)) = num.take() {
                                self.nums.entry(id).or_insert(n);
                            }
                        }
                        Some(At::Level) => {
                            if let Some((ilvl, l)) = level.take() {
                                if let (Some(o), Some((_, n))) = (override_level, num.as_mut()) {
                                    n.overrides[o].level = Some(l);
                                } else if let Some((_, a)) = abstract_def.as_mut() {
                                    a.levels[ilvl].get_or_insert(l);
                                }
                            }
                        }
                        Some(At::Override) => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Ev::Text(_) => continue,
                Ev::Eof => return Ok(()),
            };
            let name = xml::name(&e);
            if ns == Ns::Mc && name == "Choice" {
                // Extensions (e.g. a w14 custom format) are read from their Fallback.
                xml.skip()?;
                continue;
            }
            let parent = stack.last().copied();
            let mut at = At::Other;
            if ns == Ns::W {
                match name {
                    "abstractNum" => {
                        if let Some(id) = xml::int_attr(&e, "abstractNumId") {
                            abstract_def = Some((id, Abstract::default()));
                            at = At::Abstract;
                        }
                    }
                    "num" => {
                        if let Some(id) = xml::int_attr(&e, "numId") {
                            num = Some((id, Num::default()));
                            at = At::Num;
                        }
                    }
                    "abstractNumId" if parent == Some(At::Num) => {
                        if let Some((_, n)) = num.as_mut() {
                            n.abstract_id = xml::int_attr(&e, "val");
                        }
                    }
                    "lvlOverride" if parent == Some(At::Num) => {
                        override_level = xml::int_attr(&e, "ilvl").and_then(level_index);
                        at = At::Override;
                    }
                    "startOverride" if parent == Some(At::Override) => {
                        if let (Some(o), Some((_, n))) = (override_level, num.as_mut()) {
                            n.overrides[o].start = xml::int_attr(&e, "val");
                        }
                    }
                    "lvl" if matches!(parent, Some(At::Abstract | At::Override)) => {
                        let ilvl = xml::int_attr(&e, "ilvl").and_then(level_index).or(override_level);
                        if let Some(ilvl) = ilvl {
                            level = Some((ilvl, Level::default()));
                            at = At::Level;
                        }
                    }
                    "numStyleLink" if parent == Some(At::Abstract) => {
                        if let Some((_, a)) = abstract_def.as_mut() {
                            a.style_link = xml::attr(&e, "val");
                        }
                    }
                    _ if matches!(parent, Some(At::Level | At::Wrapper)) => {
                        if let Some((_, l)) = level.as_mut() {
                            match name {
                                "start" => l.start = xml::int_attr(&e, "val"),
                                "numFmt" => l.fmt = xml::attr(&e, "val"),
                                "lvlText" => l.text = xml::attr(&e, "val"),
                                "lvlRestart" => l.restart = xml::int_attr(&e, "val"),
                                "isLgl" => l.legal = xml::on(&e),
                                "pStyle" => l.style = xml::attr(&e, "val"),
                                "suff" => {
                                    l.suffix = match xml::attr(&e, "val").as_deref() {
                                        Some("space") => Suffix::Space,
                                        Some("nothing") => Suffix::Nothing,
                                        _ => Suffix::Tab,
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            // `mc:AlternateContent`/`mc:Fallback` inside a level (Word writes
            // `w:numFmt` there for formats older readers lack) are see-through.
            if ns == Ns::Mc && matches!(parent, Some(At::Level | At::Wrapper)) {
                at = At::Wrapper;
            }
            stack.push(at);
        }
    }

    fn read_styles(&mut self, xml: &mut Xml<'_>) -> Result<(), Error> {
        #[derive(Clone, Copy, PartialEq)]
        enum At {
            Style,
            PPr,
            NumPr,
            Other,
        }
        let mut stack: Vec<At> = Vec::new();
        let mut style: Option<(String, Style)> = None;
        loop {
            let (ns, e) = match xml.next()? {
                Ev::Start(ns, e) => (ns, e),
                Ev::End => {
                    if stack.pop() == Some(At::Style)
                        && let Some((id, s)) = style.take()
                    {
                        self.styles.entry(id).or_insert(s);
                    }
                    continue;
                }
                Ev::Text(_) => continue,
                Ev::Eof => return Ok(()),
            };
            let name = xml::name(&e);
            if ns == Ns::Mc && name == "Choice" {
                xml.skip()?;
                continue;
            }
            let parent = stack.last().copied();
            let at = match (ns, name, parent) {
                (Ns::W, "style", _) => {
                    let kind = xml::attr(&e, "type");
                    match xml::attr(&e, "styleId") {
                        Some(id) if matches!(kind.as_deref(), None | Some("paragraph" | "numbering")) => {
                            if kind.as_deref() != Some("numbering")
                                && xml::attr(&e, "default").is_some_and(|d| d == "1" || d == "true")
                            {
                                self.default_style.get_or_insert_with(|| id.clone());
                            }
                            style = Some((id, Style::default()));
                            At::Style
                        }
                        _ => {
                            xml.skip()?;
                            continue;
                        }
                    }
                }
                (Ns::W, "basedOn", Some(At::Style)) => {
                    if let Some((_, s)) = style.as_mut() {
                        s.based_on = xml::attr(&e, "val");
                    }
                    At::Other
                }
                (Ns::W, "pPr", Some(At::Style)) => At::PPr,
                (Ns::W, "numPr", Some(At::PPr)) => At::NumPr,
                (Ns::W, "numId", Some(At::NumPr)) => {
                    if let Some((_, s)) = style.as_mut() {
                        s.num_id = xml::int_attr(&e, "val");
                    }
                    At::Other
                }
                (Ns::W, "ilvl", Some(At::NumPr)) => {
                    if let Some((_, s)) = style.as_mut() {
                        s.ilvl = xml::int_attr(&e, "val");
                    }
                    At::Other
                }
                // Skip what cannot hold numbering (run properties, table styles' parts, change records).
                (Ns::W, "rPr" | "tblPr" | "trPr" | "tcPr" | "tblStylePr" | "pPrChange" | "rPrChange", _) => {
                    xml.skip()?;
                    continue;
                }
                _ => At::Other,
            };
            stack.push(at);
        }
    }

    /// The number text of a paragraph with numbering properties `own` and
    /// style `style`, advancing the counters; `None` when it has no number.
    pub(crate) fn label(&mut self, own: NumPr, style: Option<&str>) -> Option<String> {
        if own.num_id.is_none() && own.ilvl.is_none() && style.is_none() && self.default_style.is_none() {
            return None; // most paragraphs
        }
        let style = style.or(self.default_style.as_deref());
        let (style_num, style_ilvl) = style.map_or((None, None), |s| self.style_numbering(s));
        let num_id = own.num_id.or(style_num)?;
        if num_id == 0 {
            return None;
        }
        let from_style = own.num_id.is_none() || own.num_id == style_num;
        let ilvl = own.ilvl.or(if from_style { style_ilvl } else { None });
        let linked = match (ilvl, style) {
            (None, Some(s)) => Some(s.to_string()),
            _ => None,
        };
        let instance = self.instance(num_id)?;
        let ilvl = match ilvl {
            Some(i) => level_index(i)?,
            None => linked
                .and_then(|s| {
                    instance.levels.iter().position(|l| l.as_ref().is_some_and(|l| l.style.as_deref() == Some(&s)))
                })
                .unwrap_or(0),
        };
        let level = instance.levels[ilvl].as_ref()?;

        let counters = self.counters.entry(instance.list).or_insert([None; LEVELS]);
        let value = counters[ilvl].map_or(instance.starts[ilvl], |c| c.saturating_add(1));
        counters[ilvl] = Some(value);
        for (deeper, counter) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            // `w:lvlRestart` is 1-based: restart after a use of that level or a higher one.
            let restart = instance.levels[deeper].as_ref().and_then(|l| l.restart);
            let after = restart.filter(|&r| r <= deeper as i64).unwrap_or(deeper as i64);
            if after != 0 && (ilvl as i64) < after {
                *counter = None;
            }
        }
        let values: [i64; LEVELS] = std::array::from_fn(|l| counters[l].unwrap_or(instance.starts[l]));

        let fmt = level.fmt.as_deref().unwrap_or("decimal");
        let text = level.text.as_deref().unwrap_or("");
        let mut out = String::new();
        if fmt == "bullet" {
            // Symbol-font bullets live in the private use area: nothing to show.
            out.extend(text.chars().filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c)));
        } else {
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                    ('%', Some(d @ 1..=9)) => {
                        chars.next();
                        let l = d as usize - 1;
                        let fmt_l = match &instance.levels[l] {
                            Some(other) if !level.legal => other.fmt.as_deref().unwrap_or("decimal"),
                            _ => "decimal",
                        };
                        out.push_str(&format(values[l], fmt_l));
                    }
                    _ => out.push(c),
                }
                if out.len() > MAX_LABEL * 4 {
                    break;
                }
            }
        }
        let mut out: String = out.chars().filter(|c| !c.is_control()).take(MAX_LABEL).collect();
        if level.suffix == Suffix::Space && !out.is_empty() {
            out.push(' ');
        }
        Some(out)
    }

    /// An instance's effective levels (its overrides applied), start values
    /// and counting list, worked out once.
    fn instance(&mut self, num_id: i64) -> Option<Rc<Instance>> {
        if let Some(cached) = self.instances.get(&num_id) {
            return cached.clone();
        }
        let instance = self.list(num_id).map(|(list, abstract_id)| {
            Rc::new(Instance {
                list,
                levels: std::array::from_fn(|l| self.level(num_id, abstract_id, l).cloned()),
                starts: std::array::from_fn(|l| self.start(num_id, abstract_id, l)),
            })
        });
        self.instances.insert(num_id, instance.clone());
        instance
    }

    /// The numbering a style gives: numId and ilvl.
    fn style_numbering(&self, id: &str) -> (Option<i64>, Option<i64>) {
        self.style_numbers.get(id).copied().unwrap_or((None, None))
    }

    /// The numbering a style gives through its `w:basedOn` chain.
    fn style_chain(&self, id: &str) -> (Option<i64>, Option<i64>) {
        let (mut num_id, mut ilvl) = (None, None);
        let mut current = Some(id);
        for _ in 0..16 {
            let Some(style) = current.and_then(|s| self.styles.get(s)) else { break };
            num_id = num_id.or(style.num_id);
            ilvl = ilvl.or(style.ilvl);
            current = style.based_on.as_deref();
        }
        (num_id, ilvl)
    }

    /// The counting list of an instance and the abstract definition whose
    /// levels it uses (following `w:numStyleLink`).
    fn list(&self, num_id: i64) -> Option<(List, i64)> {
        let num = self.nums.get(&num_id)?;
        let mut abstract_id = num.abstract_id?;
        for _ in 0..8 {
            let Some(link) = self.abstracts.get(&abstract_id).and_then(|a| a.style_link.as_deref()) else { break };
            let Some(linked) = self.styles.get(link).and_then(|s| s.num_id).and_then(|n| self.nums.get(&n)) else {
                break;
            };
            match linked.abstract_id {
                Some(next) if next != abstract_id => abstract_id = next,
                _ => break,
            }
        }
        let list = if num.overridden() { List::Num(num_id) } else { List::Abstract(abstract_id) };
        Some((list, abstract_id))
    }

    fn level(&self, num_id: i64, abstract_id: i64, ilvl: usize) -> Option<&Level> {
        let own = self.nums.get(&num_id).and_then(|n| n.overrides[ilvl].level.as_ref());
        own.or_else(|| self.abstracts.get(&abstract_id).and_then(|a| a.levels[ilvl].as_ref()))
    }

    fn start(&self, num_id: i64, abstract_id: i64, ilvl: usize) -> i64 {
        let over = self.nums.get(&num_id).and_then(|n| n.overrides[ilvl].start);
        over.or_else(|| self.level(num_id, abstract_id, ilvl).and_then(|l| l.start)).unwrap_or(0)
    }
}

fn level_index(i: i64) -> Option<usize> {
    usize::try_from(i).ok().filter(|&i| i < LEVELS)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn level(ilvl: u8, fmt: &str, text: &str, start: i64, extra: &str) -> String {
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>"#
        )
    }

    /// Abstract 1: 一、 / （一） / 1. / （1）; abstract 2: ① with a space after it.
    fn numbering(nums: &str) -> String {
        let gov = [
            level(0, "chineseCounting", "%1、", 1, r#"<w:suff w:val="nothing"/>"#),
            level(1, "chineseCounting", "（%2）", 1, ""),
            level(2, "decimal", "%3.", 1, ""),
            level(3, "decimal", "（%4）", 1, ""),
        ]
        .concat();
        let circled = level(0, "decimalEnclosedCircle", "%1", 1, r#"<w:suff w:val="space"/>"#);
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {NS}><w:abstractNum w:abstractNumId="1">{gov}</w:abstractNum><w:abstractNum w:abstractNumId="2">{circled}</w:abstractNum>{nums}</w:numbering>"#
        )
    }

    fn labels(n: &mut Numbering, paragraphs: &[(i64, i64)]) -> Vec<String> {
        paragraphs
            .iter()
            .map(|&(num_id, ilvl)| n.label(NumPr { num_id: Some(num_id), ilvl: Some(ilvl) }, None).unwrap_or_default())
            .collect()
    }

    fn parse(numbering_xml: &str, styles_xml: Option<&str>) -> Numbering {
        Numbering::parse(Some(("numbering.xml", numbering_xml)), styles_xml.map(|s| ("styles.xml", s)), 64).unwrap()
    }

    #[test]
    fn multi_level_counters_restart_deeper_levels() {
        let mut n = parse(&numbering(r#"<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#), None);
        let got = labels(&mut n, &[(1, 0), (1, 1), (1, 2), (1, 2), (1, 3), (1, 1), (1, 2), (1, 0), (1, 1), (1, 2)]);
        assert_eq!(got, ["一、", "（一）", "1.", "2.", "（1）", "（二）", "1.", "二、", "（一）", "1."]);
    }

    #[test]
    fn lvl_text_with_several_levels_and_legal_numbering() {
        let abstract_def = [
            level(0, "chineseCounting", "第%1章", 1, ""),
            level(1, "decimal", "%1.%2", 1, ""),
            level(2, "decimal", "%1.%2.%3", 1, "<w:isLgl/>"),
        ]
        .concat();
        let xml = format!(
            r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="7">{abstract_def}</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#
        );
        let mut n = parse(&xml, None);
        let got = labels(&mut n, &[(3, 0), (3, 1), (3, 2), (3, 2), (3, 0), (3, 2)]);
        // `%1.%2` shows level 1 in its own format (一.1); isLgl writes every level in decimal (1.1.1).
        assert_eq!(got, ["第一章", "一.1", "1.1.1", "1.1.2", "第二章", "2.1.1"]);
    }

    #[test]
    fn start_values_restart_overrides_and_shared_lists() {
        let nums = r#"
            <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
            <w:num w:numId="5"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
            <w:num w:numId="6"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
            <w:num w:numId="7"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:lvlOverride></w:num>"#;
        let mut n = parse(&numbering(nums), None);
        // 1 and 2 share abstract 1 without overrides: one list. 5 restarts level 2 on its own.
        let got = labels(&mut n, &[(1, 2), (1, 2), (2, 2), (5, 2), (5, 2), (1, 2), (6, 0), (6, 0), (7, 0), (7, 0)]);
        assert_eq!(got, ["1.", "2.", "3.", "1.", "2.", "4.", "④ ", "⑤ ", "A)", "B)"]);
    }

    #[test]
    fn lvl_restart_zero_keeps_counting_across_higher_levels() {
        let abstract_def = [
            level(0, "chineseCounting", "（%1）", 1, ""),
            level(1, "decimal", "%2.", 1, r#"<w:lvlRestart w:val="0"/>"#),
        ]
        .concat();
        let xml = format!(
            r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="1">{abstract_def}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#
        );
        let mut n = parse(&xml, None);
        let got = labels(&mut n, &[(1, 0), (1, 1), (1, 1), (1, 0), (1, 1)]);
        assert_eq!(got, ["（一）", "1.", "2.", "（二）", "3."]);
    }

    #[test]
    fn styles_carry_numbering_through_based_on_and_level_links() {
        let abstract_def = [
            level(0, "chineseCounting", "%1、", 1, r#"<w:pStyle w:val="H1"/><w:suff w:val="nothing"/>"#),
            level(1, "chineseCounting", "（%2）", 1, r#"<w:pStyle w:val="H2"/>"#),
        ]
        .concat();
        let xml = format!(
            r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="0">{abstract_def}</w:abstractNum><w:num w:numId="9"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        );
        let styles = format!(
            r#"<w:styles {NS}>
              <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
              <w:style w:type="paragraph" w:styleId="H1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr></w:style>
              <w:style w:type="paragraph" w:styleId="H2"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="9"/></w:numPr></w:pPr></w:style>
              <w:style w:type="paragraph" w:styleId="H2Custom"><w:basedOn w:val="H2"/></w:style>
              <w:style w:type="character" w:styleId="H1Char"><w:rPr><w:b/></w:rPr></w:style>
            </w:styles>"#
        );
        let mut n = parse(&xml, Some(&styles));
        let style = |n: &mut Numbering, s: Option<&str>| n.label(NumPr::default(), s);
        assert_eq!(style(&mut n, Some("H1")).as_deref(), Some("一、"));
        assert_eq!(style(&mut n, Some("H2")).as_deref(), Some("（一）"));
        assert_eq!(style(&mut n, Some("H2Custom")).as_deref(), Some("（二）"));
        assert_eq!(style(&mut n, None), None, "the default style has no numbering");
        // numId 0 removes the style's numbering.
        assert_eq!(n.label(NumPr { num_id: Some(0), ilvl: None }, Some("H1")), None);
        assert_eq!(style(&mut n, Some("H1")).as_deref(), Some("二、"));
    }

    #[test]
    fn bullets_fallbacks_and_missing_definitions() {
        let xml = format!(
            r#"<w:numbering {NS}>
              <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF06C;"/></w:lvl></w:abstractNum>
              <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="——"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>
              <w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/>
                <mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>
                <w:lvlText w:val="%1"/></w:lvl></w:abstractNum>
              <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
              <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
              <w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>
              <w:num w:numId="4"><w:abstractNumId w:val="99"/></w:num>
            </w:numbering>"#
        );
        let mut n = parse(&xml, None);
        assert_eq!(labels(&mut n, &[(1, 0), (2, 0), (3, 0), (3, 0)]), ["", "——", "01", "02"]);
        assert_eq!(n.label(NumPr { num_id: Some(4), ilvl: Some(0) }, None), None, "no such abstract definition");
        assert_eq!(n.label(NumPr { num_id: Some(8), ilvl: Some(0) }, None), None, "no such instance");
        assert_eq!(n.label(NumPr { num_id: Some(3), ilvl: Some(12) }, None), None, "no such level");
    }
}
