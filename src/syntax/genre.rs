//! The genre of a draft, from its title (and, failing that, its body).
//!
//! Plans (工作要点, 实施方案, 行动计划, 任务分工方案) assign tasks; speeches,
//! reports and notices do not, even when they enumerate (`一要…二要…`) or
//! number their paragraphs. Rules use the genre to decide what to expect.

use std::borrow::Cow;

use crate::syntax::markup::{Line, LineKind};

/// What kind of document a draft is.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Genre {
    /// 任务分工方案, 责任分解, 责任清单: every item carries units.
    TaskDivision,
    /// 工作要点.
    WorkPoints,
    /// 实施方案, 行动方案, 工作方案.
    Scheme,
    /// 行动计划, 工作计划.
    ActionPlan,
    /// 实施意见, 指导意见: policy documents with tasks, often without units.
    Opinions,
    /// 规划, 纲要.
    Programme,
    /// 讲话, 发言, 致辞: not a plan.
    Speech,
    /// 汇报, 总结, 述职: not a plan.
    Report,
    /// A notice that does not issue a plan: not a plan.
    Notice,
    /// No genre word found: treated as a plan.
    #[default]
    Unknown,
}

/// Genre words, most specific first. A line that issues a document (印发)
/// names the genre of what it issues.
const WORDS: [(&str, Genre); 34] = [
    ("任务分工", Genre::TaskDivision),
    ("责任分工", Genre::TaskDivision),
    ("责任分解", Genre::TaskDivision),
    ("任务分解", Genre::TaskDivision),
    ("分工方案", Genre::TaskDivision),
    ("责任清单", Genre::TaskDivision),
    ("任务清单", Genre::TaskDivision),
    ("工作要点", Genre::WorkPoints),
    ("行动计划", Genre::ActionPlan),
    ("工作计划", Genre::ActionPlan),
    ("实施方案", Genre::Scheme),
    ("行动方案", Genre::Scheme),
    ("工作方案", Genre::Scheme),
    ("实施意见", Genre::Opinions),
    ("指导意见", Genre::Opinions),
    ("若干意见", Genre::Opinions),
    ("政策措施", Genre::Opinions),
    ("若干措施", Genre::Opinions),
    ("实施办法", Genre::Opinions),
    ("工作报告", Genre::Report),
    ("规划", Genre::Programme),
    ("纲要", Genre::Programme),
    ("要点", Genre::WorkPoints),
    ("计划", Genre::ActionPlan),
    ("方案", Genre::Scheme),
    ("的意见", Genre::Opinions),
    ("讲话", Genre::Speech),
    ("发言", Genre::Speech),
    ("致辞", Genre::Speech),
    ("汇报", Genre::Report),
    ("总结", Genre::Report),
    ("述职", Genre::Report),
    ("报告", Genre::Report),
    ("工作回顾", Genre::Report),
];

impl Genre {
    /// Whether the genre assigns tasks (plans, and drafts of unknown genre).
    pub fn is_plan(self) -> bool {
        !matches!(self, Genre::Speech | Genre::Report | Genre::Notice)
    }

    /// The name shown by `planlint outline`.
    pub fn name(self) -> &'static str {
        match self {
            Genre::TaskDivision => "任务分工/责任分解",
            Genre::WorkPoints => "工作要点",
            Genre::Scheme => "实施方案",
            Genre::ActionPlan => "行动计划/工作计划",
            Genre::Opinions => "实施意见/政策措施",
            Genre::Programme => "规划纲要",
            Genre::Speech => "讲话",
            Genre::Report => "汇报/总结",
            Genre::Notice => "通知",
            Genre::Unknown => "未识别（按计划类处理）",
        }
    }
}

impl Genre {
    /// A stable code for wire formats (`planlint report --format json`).
    pub fn code(self) -> &'static str {
        match self {
            Genre::TaskDivision => "task-division",
            Genre::WorkPoints => "work-points",
            Genre::Scheme => "scheme",
            Genre::ActionPlan => "action-plan",
            Genre::Opinions => "opinions",
            Genre::Programme => "programme",
            Genre::Speech => "speech",
            Genre::Report => "report",
            Genre::Notice => "notice",
            Genre::Unknown => "unknown",
        }
    }

    /// The name in English.
    pub fn name_en(self) -> &'static str {
        match self {
            Genre::TaskDivision => "division of tasks (任务分工)",
            Genre::WorkPoints => "work points (工作要点)",
            Genre::Scheme => "implementation scheme (实施方案)",
            Genre::ActionPlan => "action plan (行动计划)",
            Genre::Opinions => "implementing opinions (实施意见)",
            Genre::Programme => "programme (规划)",
            Genre::Speech => "speech (讲话)",
            Genre::Report => "report (汇报)",
            Genre::Notice => "notice (通知)",
            Genre::Unknown => "not recognised (read as a plan)",
        }
    }
}

/// Title lines are short; the body starts at the first numbered line.
const MAX_TITLE_CHARS: usize = 80;
/// How many prose lines at the top may hold the title.
const TITLE_LINES: usize = 20;

/// The lines that may hold the title, with their text (filler removed,
/// trimmed): the first prose lines above `body` (the first numbered line),
/// short enough for a title and not a web page's breadcrumb. `folded` is the
/// prose view folded to simplified characters. The genre and the draft's
/// own year are read from them.
pub(crate) fn title_lines<'f>(
    folded: &'f str,
    lines: &'f [Line],
    body: usize,
) -> impl Iterator<Item = (usize, Cow<'f, str>)> + 'f {
    let top = &lines[..body.min(lines.len())];
    top.iter().enumerate().filter(|(_, l)| l.kind == LineKind::Prose).take(TITLE_LINES).filter_map(|(i, line)| {
        let line_text = &folded[line.content_range().as_range()];
        let text = if line_text.contains('\0') {
            Cow::Owned(line_text.replace('\0', "").trim().to_string())
        } else {
            Cow::Borrowed(line_text.trim())
        };
        // Body text, or a breadcrumb of a web page.
        let title = text.chars().count() <= MAX_TITLE_CHARS && !text.contains('>') && !text.contains('＞');
        title.then_some((i, text))
    })
}

/// The genre of a draft and the line (index) it was read from, if any.
/// `folded` is the prose view folded to simplified characters; the title is
/// looked for above `body`, the first numbered line.
pub(crate) fn detect(folded: &str, lines: &[Line], body: usize) -> (Genre, Option<usize>) {
    let mut notice = None;
    for (i, text) in title_lines(folded, lines, body) {
        let text = &*text;
        // A genre word inside a book-title mark names another document:
        // 根据《…规划》 is not a 规划; a title such as 《…实施方案》 on a line of its own is.
        let quoted_only = |w: &str| {
            text.match_indices(w).all(|(p, _)| {
                let open = text[..p].rfind('《');
                let close = text[..p].rfind('》');
                open.is_some_and(|o| close.is_none_or(|c| c < o)) && !text.starts_with('《')
            })
        };
        if let Some(&(_, genre)) = WORDS.iter().find(|(w, _)| text.contains(w) && !quoted_only(w)) {
            return (genre, Some(i));
        }
        if notice.is_none() && text.ends_with("通知") {
            notice = Some(i);
        }
    }
    if let Some(i) = notice {
        return (Genre::Notice, Some(i));
    }
    // No title: a speech shows itself by how it addresses its audience.
    let head = &folded[..crate::text::floor_char_boundary(folded, 4096)];
    if head.contains("同志们") {
        return (Genre::Speech, None);
    }
    (Genre::Unknown, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::SourceKind;
    use crate::syntax::markup::scan;

    fn genre(text: &str) -> Genre {
        let m = scan(text, SourceKind::PlainText);
        detect(&crate::text::fold::fold(&m.prose), &m.lines, usize::MAX).0
    }

    #[test]
    fn genres_from_titles() {
        assert_eq!(genre("关于印发2024年全市科技工作要点的通知\n各区：\n"), Genre::WorkPoints);
        assert_eq!(genre("2023年政府工作报告重点工作责任分解\n一、甲\n"), Genre::TaskDivision);
        assert_eq!(genre("新區數字經濟三年行動計劃\n一、總體要求\n"), Genre::ActionPlan);
        assert_eq!(genre("在全市科技创新大会上的讲话\n同志们：\n"), Genre::Speech);
        assert_eq!(genre("镇政府2020年工作总结暨2021年工作计划\n"), Genre::ActionPlan);
        assert_eq!(genre("关于做好春节期间安全工作的通知\n各单位：\n"), Genre::Notice);
        assert_eq!(genre("根据《数字政府发展规划》要求\n一、总体要求\n"), Genre::Unknown);
        assert_eq!(genre("首页 > 工作计划 > 正文\n在全市大会上的讲话\n"), Genre::Speech);
        assert_eq!(genre("同志们：\n今年是关键之年。一要抓项目，二要抓改革。\n"), Genre::Speech);
        assert_eq!(genre("某县2024年政府工作报告\n各位代表：\n"), Genre::Report);
        assert_eq!(genre("国务院关于推动高质量发展\n奋力书写新篇章的意见\n"), Genre::Opinions);
    }
}
