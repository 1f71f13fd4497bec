//! The XML reading the parts share: a namespace-aware pull reader that
//! refuses any DTD (so no entity can expand), bounds the nesting depth, turns
//! empty elements into a start and an end, and resolves character references
//! and the five predefined entities into text.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::Error;

/// WordprocessingML, transitional and strict.
const W: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// Markup compatibility (`mc:AlternateContent`).
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
/// Office Math.
const M: [&str; 2] =
    ["http://schemas.openxmlformats.org/officeDocument/2006/math", "http://purl.oclc.org/ooxml/officeDocument/math"];
/// Package relationships (`_rels/*.rels`).
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// The namespace of an element, as far as the reader cares.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Ns {
    W,
    Mc,
    Math,
    Rels,
    Other,
}

pub(crate) enum Ev<'a> {
    /// An element starts: its namespace and the start tag (see [`name`]).
    Start(Ns, BytesStart<'a>),
    /// The innermost open element ends (ends always balance starts).
    End,
    Text(Cow<'a, str>),
    Eof,
}

pub(crate) struct Xml<'a> {
    reader: NsReader<&'a [u8]>,
    part: &'a str,
    depth: usize,
    max_depth: usize,
}

impl<'a> Xml<'a> {
    pub(crate) fn new(text: &'a str, part: &'a str, max_depth: usize) -> Xml<'a> {
        let mut reader = NsReader::from_str(text);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        config.trim_text(false);
        Xml { reader, part, depth: 0, max_depth }
    }

    pub(crate) fn damaged(&self, detail: impl std::fmt::Display) -> Error {
        Error::Damaged(format!("{}: {detail}", self.part))
    }

    /// The next event the readers act on (declarations, comments and
    /// processing instructions are skipped).
    pub(crate) fn next(&mut self) -> Result<Ev<'a>, Error> {
        loop {
            let (ns, event) = match self.reader.read_resolved_event() {
                Ok((ns, event)) => (namespace(&ns), event),
                Err(e) => return Err(self.damaged(e)),
            };
            return Ok(match event {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > self.max_depth {
                        return Err(Error::TooDeep { part: self.part.to_string(), limit: self.max_depth });
                    }
                    Ev::Start(ns, e)
                }
                Event::End(_) => match self.depth.checked_sub(1) {
                    Some(d) => {
                        self.depth = d;
                        Ev::End
                    }
                    None => return Err(self.damaged("unbalanced end tag")),
                },
                Event::Text(t) => Ev::Text(t.xml10_content()),
                Event::CData(t) => match t.into_inner() {
                    Cow::Borrowed(s) => Ev::Text(Cow::Borrowed(s)),
                    Cow::Owned(s) => Ev::Text(Cow::Owned(s)),
                },
                Event::GeneralRef(r) => match r.resolve_char_ref() {
                    Ok(Some(c)) => Ev::Text(Cow::Owned(c.to_string())),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => Ev::Text(Cow::Borrowed(s)),
                        None => return Err(self.damaged(format_args!("undeclared entity &{};", &*r))),
                    },
                    Err(e) => return Err(self.damaged(e)),
                },
                Event::DocType(_) => return Err(Error::Dtd { part: self.part.to_string() }),
                Event::Eof => {
                    if self.depth > 0 {
                        return Err(self.damaged("ends inside an element"));
                    }
                    Ev::Eof
                }
                // Not produced with `expand_empty_elements`.
                Event::Empty(_) => return Err(self.damaged("unexpected empty element")),
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => continue,
            });
        }
    }

    /// Skips the rest of the element just started.
    pub(crate) fn skip(&mut self) -> Result<(), Error> {
        let depth = self.depth;
        loop {
            match self.next()? {
                Ev::End if self.depth < depth => return Ok(()),
                Ev::Eof => return Ok(()),
                _ => {}
            }
        }
    }
}

/// The local name of an element (`w:p` → `p`).
pub(crate) fn name<'e>(e: &'e BytesStart<'_>) -> &'e str {
    local(e.name().into_inner())
}

fn local(qname: &str) -> &str {
    qname.rsplit_once(':').map_or(qname, |(_, l)| l)
}

fn namespace(ns: &ResolveResult<'_>) -> Ns {
    match ns {
        ResolveResult::Bound(n) => {
            let n = n.into_inner();
            if W.contains(&n) {
                Ns::W
            } else if n == MC {
                Ns::Mc
            } else if M.contains(&n) {
                Ns::Math
            } else if n == RELS {
                Ns::Rels
            } else {
                Ns::Other
            }
        }
        _ => Ns::Other,
    }
}

/// The value of the attribute with local name `name` (`w:val` → `val`),
/// with the predefined entities resolved.
pub(crate) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| local(a.key.into_inner()) == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(Cow::into_owned))
}

/// An integer attribute (`w:val="3"`); anything else is `None`.
pub(crate) fn int_attr(e: &BytesStart<'_>, name: &str) -> Option<i64> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

/// An on/off property (`<w:vanish/>`, `<w:isLgl w:val="0"/>`): on unless `val` says off.
pub(crate) fn on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}
