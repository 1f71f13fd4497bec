//! Rule `template-residue`: website and template leftovers in the draft.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::lang::Lang;
use crate::rules::{Ctx, declare_rule};
use crate::syntax::{Residue, ResidueKind};

declare_rule! {
    /// ## What it does
    /// Finds what a draft copied from a document-sharing site (文库), a 范文
    /// site or a government portal brought along that belongs to the web page,
    /// not to the document:
    ///
    /// - the file name and page counters of the site's viewer (`….docx`,
    ///   `….docx_第1页`, `第1页 / 共2页`);
    /// - the page's metadata and breadcrumbs (`上传人：… 文档编号：…`,
    ///   `索引号：… 发布机构：…`, `时间：2023-11-14 20:22:02 来源：网友投稿`,
    ///   `浏览次数：`, `当前位置：首页 > …`);
    /// - widgets and navigation (`下载 相关 举报`, `展开阅读全文`, `分享到：`,
    ///   `字体【 】`, `设为首页`, tipping and QR-code blocks);
    /// - the site's own sentences (`下面是小编为大家整理的…，供大家参考`,
    ///   `推荐访问：…`, `《….docx》由会员分享…`, advertisements glued to the
    ///   last paragraph), copyright lines, ICP numbers and 文库 disclaimers;
    /// - cut marks where the site left text out (`……（未完，全文共2791字…`,
    ///   `省略632字`): the message says text is missing there;
    /// - the `目录/提纲：……` block a 范文 site puts before the text;
    /// - the site's name and URL before the title, a legal database's field
    ///   header (`【制定机关】…【主题分类】…正文`), `篇一：`;
    /// - the page numbers a document-sharing site puts at the start of each
    ///   page (`2、` at a line start that carries on the previous line's
    ///   sentence), which the outline does not read as headings either;
    /// - pinyin glosses a mirror site put after characters (`鄉(xiāng)`).
    ///
    /// A line is residue when its words belong to a web page's chrome and it
    /// holds no sentence of the document: it is made only of chrome words, it
    /// is a file name, it opens with a label of a page's metadata (labels that
    /// a document may use too, such as `时间：` or `来源：`, need a second label,
    /// a value only a web page shows, or a residue line beside them), or each
    /// of its sentences holds a phrase of the site and one of them a phrase no
    /// document uses (`小编`, `由会员分享`, `京ICP备12345678号`). One finding
    /// per line, each with its own fix: a user sees every line the rule
    /// judged, where it is, and can keep one.
    ///
    /// It leaves alone: a URL in a sentence of the plan (`登录“信用中国”网站
    /// （www.creditchina.gov.cn）查询`), after a label such as `网址：`, and any
    /// government site; `下载`, `来源`, `扫一扫`, `ICP备案` inside a sentence
    /// (`一次下载`, `资金来源`); `（此件公开发布）`, the 文号, signature, date,
    /// 抄送 and 印发 lines; Markdown headings; a plain `目录` heading. A
    /// placeholder inside residue (`上传人：王**`) is reported once, as
    /// residue.
    ///
    /// 查找从文库、范文网站或政府网站复制草稿时带入的网页内容，这些内容属于网页而不属于
    /// 文件：文库阅读器的文件名和页码（`….docx`、`….docx_第1页`、`第1页 / 共2页`）；网页
    /// 信息栏和导航路径（`上传人：… 文档编号：…`、`索引号：… 发布机构：…`、`时间：
    /// 2023-11-14 20:22:02 来源：网友投稿`、`浏览次数：`、`当前位置：首页 > …`）；网页控件
    /// 和导航（`下载 相关 举报`、`展开阅读全文`、`分享到：`、`字体【 】`、`设为首页`、打赏和
    /// 二维码栏）；网站自己的话（`下面是小编为大家整理的…，供大家参考`、`推荐访问：…`、
    /// `《….docx》由会员分享…`、粘在末段后的广告）、版权声明、ICP 备案号和文库免责声明；
    /// 网站删节正文处的截断标记（`……（未完，全文共2791字…`、`省略632字`），提示此处
    /// 缺少正文；范文网站放在正文前的`目录/提纲：……`；标题前的网站名称和网址、法规数据库
    /// 的字段信息（`【制定机关】…【主题分类】…正文`）、`篇一：`；文库在每页开头加的
    /// 页码（行首的`2、`，该行接续上一行的句子），大纲同样不把它当作标题；以及镜像网站
    /// 在汉字后加注的拼音（`鄉(xiāng)`）。
    ///
    /// 一行全部由网页用语构成、不含文件本身的句子，即为残留：只有网页控件词语，是文件名，
    /// 以网页信息栏的标签开头（`时间：`、`来源：`等文件也可能使用的标签，须同一行另有
    /// 标签、取值只可能来自网页，或紧邻其他残留行），或者每一句都含有网站用语且至少
    /// 一处是文件绝不会用的（`小编`、`由会员分享`、`京ICP备12345678号`）。每行报告一次，
    /// 各带修复，便于逐行查看和取舍。
    ///
    /// 不会误报：方案句子中引用的网址（`登录“信用中国”网站（www.creditchina.gov.cn）
    /// 查询`）、`网址：`等标签后的网址及任何政府网站，句中的`下载`、`来源`、`扫一扫`、
    /// `ICP备案`（`一次下载`、`资金来源`），`（此件公开发布）`，文号、署名、日期、抄送和
    /// 印发行，Markdown 标题，以及普通的`目录`标题。残留中的占位符（`上传人：王**`）只作为
    /// 残留报告一次。
    ///
    /// ## Why is this bad?
    /// A web page's leftovers in a draft show it was copied and never
    /// cleaned: a reviewer who reads `下载 相关 举报` or `小编` above a plan
    /// stops reading. A cut mark means part of the text is missing, and the
    /// page numbers of a 文库 break sentences and look like list numbers.
    ///
    /// 草稿里留有网页内容，说明是照搬复制、没有整理：审核者在方案上方看到“下载 相关 举报”
    /// 或“小编”就不会再往下看。截断标记说明正文有缺失；文库的分页编号把句子截断，看起来
    /// 又像序号。
    ///
    /// ## Example
    /// ```text
    /// 全县乡村振兴工作要点.docx
    /// 上传人：李** 文档编号：52013 格式：DOCX 页数：3
    /// 下面是小编为大家整理的全县乡村振兴工作要点，供大家参考。
    /// 全县乡村振兴工作要点
    /// ```
    /// Use instead:
    /// ```text
    /// 全县乡村振兴工作要点
    /// ```
    ///
    /// ## Fix safety
    /// Deleting a whole line of residue, with its line break, is safe, and so
    /// is deleting a pinyin gloss, an annotation of the character before it.
    /// Deleting residue inside a line (a cut mark, an advertisement after the
    /// last sentence, a site name before the title) or a page number (whose
    /// fix joins the page to the previous one where the page broke a
    /// sentence) is unsafe: check what is left, and restore the text a cut
    /// mark stands for.
    pub(crate) TEMPLATE_RESIDUE, "PL102", "template-residue", Warning,
    summary: "Website or template leftovers (file names, page metadata, widgets, 小编 lines, cut marks)",
    summary_zh: "网站或模板残留（文件名、网页信息、网页控件、小编导语、截断标记等）",
}

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let lang = ctx.lang();
    let doc = ctx.doc;
    for r in &doc.residue {
        let token = doc.slice(r.range);
        let message = message(lang, r, token);
        // A gloss is an annotation: deleting it leaves the sentence as written.
        let safe = r.whole_line || r.kind == ResidueKind::PinyinGloss;
        let applicability = if safe { Applicability::Safe } else { Applicability::Unsafe };
        let title = fix_title(lang, r);
        ctx.report(r.range, message).with_fix(Fix {
            title: title.into(),
            edits: vec![Edit::replace(r.delete, "")],
            applicability,
        });
    }
}

/// What the residue is, in a few words.
fn what(lang: Lang, kind: ResidueKind) -> &'static str {
    match (lang, kind) {
        (Lang::Zh, ResidueKind::FileName) => "文库文件名或页码",
        (Lang::En, ResidueKind::FileName) => "a document-sharing site's file name or page counter",
        (Lang::Zh, ResidueKind::Metadata) => "网页信息栏",
        (Lang::En, ResidueKind::Metadata) => "the web page's metadata",
        (Lang::Zh, ResidueKind::Navigation) => "网站导航",
        (Lang::En, ResidueKind::Navigation) => "the site's navigation",
        (Lang::Zh, ResidueKind::Widget) => "网页控件",
        (Lang::En, ResidueKind::Widget) => "a widget of the web page",
        (Lang::Zh, ResidueKind::SiteText) => "网站附加的文字",
        (Lang::En, ResidueKind::SiteText) => "the site's own text",
        (Lang::Zh, ResidueKind::Notice) => "网站版权或免责声明",
        (Lang::En, ResidueKind::Notice) => "the site's copyright or disclaimer",
        (Lang::Zh, ResidueKind::Cut) => "网站截断标记",
        (Lang::En, ResidueKind::Cut) => "the site's cut mark",
        (Lang::Zh, ResidueKind::Contents) => "范文网站生成的目录",
        (Lang::En, ResidueKind::Contents) => "a table of contents the site generated",
        (Lang::Zh, ResidueKind::SiteUrl) => "网站名称和网址",
        (Lang::En, ResidueKind::SiteUrl) => "the site's name and URL",
        (Lang::Zh, ResidueKind::LegalHeader) => "法规数据库的字段信息",
        (Lang::En, ResidueKind::LegalHeader) => "a legal database's field header",
        (Lang::Zh, ResidueKind::PageChunk) => "文库分页编号",
        (Lang::En, ResidueKind::PageChunk) => "a document-sharing site's page number",
        (Lang::Zh, ResidueKind::PinyinGloss) => "网站加注的拼音",
        (Lang::En, ResidueKind::PinyinGloss) => "a pinyin gloss the site added",
    }
}

fn message(lang: Lang, r: &Residue, token: &str) -> String {
    let what = what(lang, r.kind);
    match (lang, r.kind) {
        (Lang::Zh, ResidueKind::Cut) => format!("{what}：网站在此处删节了正文，请删除标记并补全原文"),
        (Lang::En, ResidueKind::Cut) => {
            "Cut mark of the site: it left text out here; delete the mark and restore the full text".to_string()
        }
        (Lang::Zh, ResidueKind::PageChunk) => {
            format!("{what}“{token}”不是序号：网站在每页开头加了页码，请删除")
        }
        (Lang::En, ResidueKind::PageChunk) => {
            format!("“{token}” is not a list number but {what}: the site put one at the start of each page; delete it")
        }
        (Lang::Zh, _) if r.whole_line => format!("网站残留（{what}），不属于文件内容，请删除该行"),
        (Lang::En, _) if r.whole_line => format!("Website residue ({what}), not part of the document: delete the line"),
        (Lang::Zh, _) => format!("网站残留（{what}）：“{token}”，请删除"),
        (Lang::En, _) => format!("Website residue ({what}): “{token}”; delete it"),
    }
}

fn fix_title(lang: Lang, r: &Residue) -> &'static str {
    match (lang, r.kind) {
        (Lang::Zh, ResidueKind::PageChunk) if r.delete.start < r.range.start => "删除分页编号并接续上一行",
        (Lang::En, ResidueKind::PageChunk) if r.delete.start < r.range.start => {
            "Delete the page number and join the previous line"
        }
        (Lang::Zh, ResidueKind::PageChunk) => "删除分页编号",
        (Lang::En, ResidueKind::PageChunk) => "Delete the page number",
        (Lang::Zh, _) if r.whole_line => "删除该行",
        (Lang::En, _) if r.whole_line => "Delete the line",
        (Lang::Zh, _) => "删除网站残留",
        (Lang::En, _) => "Delete the residue",
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::TEMPLATE_RESIDUE;
    use crate::config::Config;
    use crate::rules::tests::{check, check_md, check_rules, check_with};
    use crate::rules::{Rule, find};
    use crate::syntax::SourceKind;

    /// Another rule, by name (a rule does not import another rule's module).
    fn rule(name: &str) -> &'static Rule {
        find(name).expect("a registered rule")
    }

    /// The text with every fix of this rule applied.
    fn fixed(text: &str) -> String {
        let analysis = crate::analyze(text, SourceKind::PlainText, &Config::default());
        let fixes = analysis.diagnostics.iter().filter(|d| d.rule.code == "PL102").filter_map(|d| d.fix.as_deref());
        crate::apply_fixes(text, fixes).0
    }

    /// Every finding of every rule: (code, flagged text).
    fn all_findings(text: &str) -> Vec<(&'static str, String)> {
        let analysis = crate::analyze(text, SourceKind::PlainText, &Config::default());
        analysis.diagnostics.iter().map(|d| (d.rule.code, text[d.range.as_range()].to_string())).collect()
    }

    /// Applying the fixes removes the residue and adds no finding of any rule.
    fn assert_fix_gives(text: &str, expected: &str) {
        let after = fixed(text);
        assert_eq!(after, expected);
        let before = all_findings(text);
        let now = all_findings(&after);
        assert!(now.iter().all(|(code, _)| *code != "PL102"), "residue left in {after:?}: {now:?}");
        for f in &now {
            assert!(before.contains(f), "the fixes of {text:?} made a new finding {f:?}");
        }
    }

    #[test]
    fn file_names_and_page_counters() {
        check(
            &TEMPLATE_RESIDUE,
            "全县乡村振兴工作要点【 】.docx\n全县乡村振兴工作要点【 】.docx_第1页\n第1页 / 共3页\n第 2 页 共 3 页\n全县乡村振兴工作要点\n",
            expect![[r#"
                1:1 PL102 [全县乡村振兴工作要点【 】.docx] 网站残留（文库文件名或页码），不属于文件内容，请删除该行 (fix: safe: 删除该行 @1:1 "")
                2:1 PL102 [全县乡村振兴工作要点【 】.docx_第1页] 网站残留（文库文件名或页码），不属于文件内容，请删除该行 (fix: safe: 删除该行 @2:1 "")
                3:1 PL102 [第1页 / 共3页] 网站残留（文库文件名或页码），不属于文件内容，请删除该行 (fix: safe: 删除该行 @3:1 "")
                4:1 PL102 [第 2 页 共 3 页] 网站残留（文库文件名或页码），不属于文件内容，请删除该行 (fix: safe: 删除该行 @4:1 "")
            "#]],
        );
    }

    #[test]
    fn file_name_look_alikes() {
        check(
            &TEMPLATE_RESIDUE,
            "附件：项目申报表.xlsx\n请于5月底前将材料报送至指定邮箱，文件命名为“单位+项目名称.docx”。\n详见 http://www.example.org/guide.pdf\n第一页\n附件：\n1.项目申报书.docx\n（2）绩效目标表.xlsx\n",
            expect![[r#""#]],
        );
    }

    /// A mask inside residue (`上传人：李**`, `【 】` in a file name) is the
    /// site's: reported once, as residue, not as a placeholder.
    #[test]
    fn masks_inside_residue_are_residue_only() {
        check_rules(
            &[rule("placeholder"), &TEMPLATE_RESIDUE],
            SourceKind::PlainText,
            "全县春耕备耕工作方案【 】.docx\n上传人：李** 文档编号：52013 上传时间：2024-01-05 格式：DOCX 页数：3 大小：20.5KB\n下载 相关 举报\n全县春耕备耕工作方案\n力争粮食播种面积稳定在**万亩以上。\n",
            expect![[r#"
                1:1 PL102 [全县春耕备耕工作方案【 】.docx] 网站残留（文库文件名或页码），不属于文件内容，请删除该行 (fix: safe: 删除该行 @1:1 "")
                2:1 PL102 [上传人：李** 文档编号：52013 上传时间：2024-01-05 格式：DOCX 页数：3 大小：20.5KB] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @2:1 "")
                3:1 PL102 [下载 相关 举报] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @3:1 "")
                5:12 PL101 [**] 模板占位符“**”未替换，请填入实际数值
            "#]],
        );
    }

    #[test]
    fn wenku_viewer() {
        check(
            &TEMPLATE_RESIDUE,
            "亲，该文档总共3页，全部预览完了，如果喜欢就下载吧！\n资源描述\n《全县春耕备耕工作方案.docx》由会员分享，可在线阅读，更多相关《全县春耕备耕工作方案.docx(3页珍藏版)》请在墨香文库上搜索。\n已阅读2页，还剩5页未读，继续免费阅读\n展开阅读全文\n相关资源 猜你喜欢 相关搜索\n",
            expect![[r#"
                1:1 PL102 [亲，该文档总共3页，全部预览完了，如果喜欢就下载吧！] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @1:1 "")
                2:1 PL102 [资源描述] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @2:1 "")
                3:1 PL102 [《全县春耕备耕工作方案.docx》由会员分享，可在线阅读，更多相关《全县春耕备耕工作方案.docx(3页珍藏版)》请在墨香文库上搜索。] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @3:1 "")
                4:1 PL102 [已阅读2页，还剩5页未读，继续免费阅读] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @4:1 "")
                5:1 PL102 [展开阅读全文] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @5:1 "")
                6:1 PL102 [相关资源 猜你喜欢 相关搜索] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @6:1 "")
            "#]],
        );
    }

    #[test]
    fn portal_metadata_and_breadcrumbs() {
        check(
            &TEMPLATE_RESIDUE,
            "当前位置：首页 > 政务公开 > 政策文件\n首页 > 信息公开 > 规划计划\n索 引 号：11330100/2024-00021 发布机构：县政府办公室\n文 号： 所属机构：\n发布日期： 2024- 03- 08 浏览次数：\n公开方式：主动公开 公开时限：长期公开\n时間：2023-06-01 08:30:00 點擊次數：2210\n",
            expect![[r#"
                1:1 PL102 [当前位置：首页 > 政务公开 > 政策文件] 网站残留（网站导航），不属于文件内容，请删除该行 (fix: safe: 删除该行 @1:1 "")
                2:1 PL102 [首页 > 信息公开 > 规划计划] 网站残留（网站导航），不属于文件内容，请删除该行 (fix: safe: 删除该行 @2:1 "")
                3:1 PL102 [索 引 号：11330100/2024-00021 发布机构：县政府办公室] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @3:1 "")
                4:1 PL102 [文 号： 所属机构：] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @4:1 "")
                5:1 PL102 [发布日期： 2024- 03- 08 浏览次数：] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @5:1 "")
                6:1 PL102 [公开方式：主动公开 公开时限：长期公开] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @6:1 "")
                7:1 PL102 [时間：2023-06-01 08:30:00 點擊次數：2210] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @7:1 "")
            "#]],
        );
    }

    /// Labels a document may use too count beside other metadata: a page's
    /// metadata comes as a block (here a bulleted one, blank line included).
    #[test]
    fn weak_labels_in_a_metadata_block() {
        check(
            &TEMPLATE_RESIDUE,
            "分享到：\n  • 来源：县农业农村局\n  • 作者：\n\n  • 浏览量：\n  • 字体【  】\n- 格式：pdf\n- 页数：12\n- 文档页数：12\n- 2024-02-03 发布\n- 35.2 KB\n",
            expect![[r#"
                1:1 PL102 [分享到：] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @1:1 "")
                2:3 PL102 [• 来源：县农业农村局] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @2:1 "")
                3:3 PL102 [• 作者：] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @3:1 "")
                5:3 PL102 [• 浏览量：] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @5:1 "")
                6:3 PL102 [• 字体【  】] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @6:1 "")
                7:1 PL102 [- 格式：pdf] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @7:1 "")
                8:1 PL102 [- 页数：12] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @8:1 "")
                9:1 PL102 [- 文档页数：12] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @9:1 "")
                10:1 PL102 [- 2024-02-03 发布] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @10:1 "")
                11:1 PL102 [- 35.2 KB] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @11:1 "")
            "#]],
        );
    }

    /// The same labels heading a document's own lines, with no page metadata
    /// beside them: an activity's time and place, a source of funds.
    #[test]
    fn labels_of_the_document_are_not_residue() {
        check(
            &TEMPLATE_RESIDUE,
            "一、活动安排\n时间：2024年5月10日上午9:00\n地点：县行政中心三楼会议室\n来源：县级财政预算安排。\n时间：2024-05-10 09:30\n2024-05-10\n发布时间：每季度首月10日前\n名称：全县高标准农田建设项目\n资金来源：县级财政。\n作者：县委党校课题组\n",
            expect![[r#""#]],
        );
    }

    #[test]
    fn site_text_and_advertisements() {
        check(
            &TEMPLATE_RESIDUE,
            "全县春耕备耕工作方案\n时间：2024-02-03 10:11:12 来源：网友投稿\n下面是小编为大家精心整理的全县春耕备耕工作方案，欢迎阅读，希望大家能够喜欢。\n篇一：全县春耕备耕工作方案\n为切实做好春耕备耕工作，制定本方案。关注公众号【青禾笔记】获取写作必备资料包，海量范文免费领！WORD版可编辑，持续更新！\n推荐访问：春耕 备耕 工作方案\n",
            expect![[r#"
                2:1 PL102 [时间：2024-02-03 10:11:12 来源：网友投稿] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @2:1 "")
                3:1 PL102 [下面是小编为大家精心整理的全县春耕备耕工作方案，欢迎阅读，希望大家能够喜欢。] 网站残留（网站附加的文字），不属于文件内容，请删除该行 (fix: safe: 删除该行 @3:1 "")
                4:1 PL102 [篇一：] 网站残留（网站附加的文字）：“篇一：”，请删除 (fix: unsafe: 删除网站残留 @4:1 "")
                5:19 PL102 [关注公众号【青禾笔记】获取写作必备资料包，海量范文免费领！WORD版可编辑，持续更新！] 网站残留（网站附加的文字）：“关注公众号【青禾笔记】获取写作必备资料包，海量范文免费领！WORD版可编辑，持续更新！”，请删除 (fix: unsafe: 删除网站残留 @5:19 "")
                6:1 PL102 [推荐访问：春耕 备耕 工作方案] 网站残留（网站附加的文字），不属于文件内容，请删除该行 (fix: safe: 删除该行 @6:1 "")
            "#]],
        );
    }

    #[test]
    fn widgets_and_navigation() {
        check(
            &TEMPLATE_RESIDUE,
            "- 设为首页\n- 无障碍浏览\n字号：【大 中 小】\n阅读全文\n（想阅读完全部图文内容，您需要先登陆！）\n如果喜欢本篇内容，请赞赏鼓励哦！\n请选择打赏类型\n¥2\n¥5.20\n赏赞\n微信扫一扫在手机阅读、分享本文\n查看更多>>\n上一篇：全县秋冬种工作方案\n评论\n(0)\n",
            expect![[r#"
                1:1 PL102 [- 设为首页] 网站残留（网站导航），不属于文件内容，请删除该行 (fix: safe: 删除该行 @1:1 "")
                2:1 PL102 [- 无障碍浏览] 网站残留（网站导航），不属于文件内容，请删除该行 (fix: safe: 删除该行 @2:1 "")
                3:1 PL102 [字号：【大 中 小】] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @3:1 "")
                4:1 PL102 [阅读全文] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @4:1 "")
                5:1 PL102 [（想阅读完全部图文内容，您需要先登陆！）] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @5:1 "")
                6:1 PL102 [如果喜欢本篇内容，请赞赏鼓励哦！] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @6:1 "")
                7:1 PL102 [请选择打赏类型] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @7:1 "")
                8:1 PL102 [¥2] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @8:1 "")
                9:1 PL102 [¥5.20] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @9:1 "")
                10:1 PL102 [赏赞] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @10:1 "")
                11:1 PL102 [微信扫一扫在手机阅读、分享本文] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @11:1 "")
                12:1 PL102 [查看更多>>] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @12:1 "")
                13:1 PL102 [上一篇：全县秋冬种工作方案] 网站残留（网站导航），不属于文件内容，请删除该行 (fix: safe: 删除该行 @13:1 "")
                14:1 PL102 [评论] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @14:1 "")
                15:1 PL102 [(0)] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @15:1 "")
            "#]],
        );
    }

    #[test]
    fn copyright_and_disclaimers() {
        check(
            &TEMPLATE_RESIDUE,
            "Copyright © 2010-2024 墨香文库 版权所有\n经营许可证编号：京ICP备12345678号-1\n版权所有：某县人民政府办公室 网站标识码：3301000001\n本站为文档C2C交易模式，用户上传的文档收益归上传人所有。本站仅提供信息存储空间，若文档内容侵犯了您的版权，请联系我们删除！\n- 1、本文档由用户上传，云帆文档整理发布，可阅读全部内容。\n- 2、本文档内容版权归属内容提供方，如有版权争议，请立即联系网站客服。\n- 网站客服QQ：10086123\n",
            expect![[r#"
                1:1 PL102 [Copyright © 2010-2024 墨香文库 版权所有] 网站残留（网站版权或免责声明），不属于文件内容，请删除该行 (fix: safe: 删除该行 @1:1 "")
                2:1 PL102 [经营许可证编号：京ICP备12345678号-1] 网站残留（网站版权或免责声明），不属于文件内容，请删除该行 (fix: safe: 删除该行 @2:1 "")
                3:1 PL102 [版权所有：某县人民政府办公室 网站标识码：3301000001] 网站残留（网站版权或免责声明），不属于文件内容，请删除该行 (fix: safe: 删除该行 @3:1 "")
                4:1 PL102 [本站为文档C2C交易模式，用户上传的文档收益归上传人所有。本站仅提供信息存储空间，若文档内容侵犯了您的版权，请联系我们删除！] 网站残留（网站版权或免责声明），不属于文件内容，请删除该行 (fix: safe: 删除该行 @4:1 "")
                5:1 PL102 [- 1、本文档由用户上传，云帆文档整理发布，可阅读全部内容。] 网站残留（网站版权或免责声明），不属于文件内容，请删除该行 (fix: safe: 删除该行 @5:1 "")
                6:1 PL102 [- 2、本文档内容版权归属内容提供方，如有版权争议，请立即联系网站客服。] 网站残留（网站版权或免责声明），不属于文件内容，请删除该行 (fix: safe: 删除该行 @6:1 "")
                7:1 PL102 [- 网站客服QQ：10086123] 网站残留（网站版权或免责声明），不属于文件内容，请删除该行 (fix: safe: 删除该行 @7:1 "")
            "#]],
        );
    }

    /// A 文库 disclaimer list is not a numbered list of the outline.
    #[test]
    fn disclaimer_list_is_not_numbered() {
        check_rules(
            &[&TEMPLATE_RESIDUE, rule("numbering")],
            SourceKind::PlainText,
            "1、本文档由用户上传，墨香文库整理发布。\n2、下载文档前请自行甄别文档内容的完整性，平台不提供额外的编辑服务。\n一、总体要求\n1.坚持统筹推进。\n",
            expect![[r#"
                1:1 PL102 [1、本文档由用户上传，墨香文库整理发布。] 网站残留（网站版权或免责声明），不属于文件内容，请删除该行 (fix: safe: 删除该行 @1:1 "")
                2:1 PL102 [2、下载文档前请自行甄别文档内容的完整性，平台不提供额外的编辑服务。] 网站残留（网站版权或免责声明），不属于文件内容，请删除该行 (fix: safe: 删除该行 @2:1 "")
            "#]],
        );
    }

    #[test]
    fn cut_marks() {
        check(
            &TEMPLATE_RESIDUE,
            "二是强化\n……（笔耕公文网http://www.bigeng-gw.cn省略415字，正式会员可完整阅读）……\n三是强化成果转化。从企 ……（未完，全文共3120字，当前仅显示1500字，请阅读下面提示信息。\n收藏《全县春耕备耕工作方案》）\n",
            expect![[r#"
                2:1 PL102 [……（笔耕公文网http://www.bigeng-gw.cn省略415字，正式会员可完整阅读）……] 网站截断标记：网站在此处删节了正文，请删除标记并补全原文 (fix: safe: 删除该行 @2:1 "")
                3:13 PL102 [……（未完，全文共3120字，当前仅显示1500字，请阅读下面提示信息。] 网站截断标记：网站在此处删节了正文，请删除标记并补全原文 (fix: unsafe: 删除网站残留 @3:12 "")
                4:1 PL102 [收藏《全县春耕备耕工作方案》）] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @4:1 "")
            "#]],
        );
    }

    #[test]
    fn cut_mark_look_alikes() {
        check(
            &TEMPLATE_RESIDUE,
            "（未完成的项目顺延至下一年度）\n引用原文时不得省略（省略号除外）。\n全文共分五个部分，约3000字。\n对工作中表现突出的个人给予赞赏鼓励。\n",
            expect![[r#""#]],
        );
    }

    #[test]
    fn generated_table_of_contents() {
        check(
            &TEMPLATE_RESIDUE,
            "目录/提纲：……\n一、夯实农业基础\n一是稳定粮食生产\n二、强化科技支撑\n……\n全县春耕备耕工作方案\n一、夯实农业基础\n",
            expect![[r#"
                1:1 PL102 [目录/提纲：……] 网站残留（范文网站生成的目录），不属于文件内容，请删除该行 (fix: safe: 删除该行 @1:1 "")
                2:1 PL102 [一、夯实农业基础] 网站残留（范文网站生成的目录），不属于文件内容，请删除该行 (fix: safe: 删除该行 @2:1 "")
                3:1 PL102 [一是稳定粮食生产] 网站残留（范文网站生成的目录），不属于文件内容，请删除该行 (fix: safe: 删除该行 @3:1 "")
                4:1 PL102 [二、强化科技支撑] 网站残留（范文网站生成的目录），不属于文件内容，请删除该行 (fix: safe: 删除该行 @4:1 "")
                5:1 PL102 [……] 网站残留（范文网站生成的目录），不属于文件内容，请删除该行 (fix: safe: 删除该行 @5:1 "")
            "#]],
        );
    }

    /// A long plan may have a real table of contents; an unclosed
    /// `目录/提纲` leaves its lines alone.
    #[test]
    fn real_table_of_contents() {
        check(
            &TEMPLATE_RESIDUE,
            "目录\n一、发展基础\n二、总体要求\n三、主要任务\n一、发展基础\n“十四五”时期，全县经济总量稳步提升。\n",
            expect![[r#""#]],
        );
        check(
            &TEMPLATE_RESIDUE,
            "目录/提纲：……\n一、夯实农业基础\n全县粮食播种面积稳定在45万亩以上，产量稳定在20万吨以上。\n",
            expect![[r#"
                1:1 PL102 [目录/提纲：……] 网站残留（范文网站生成的目录），不属于文件内容，请删除该行 (fix: safe: 删除该行 @1:1 "")
            "#]],
        );
    }

    #[test]
    fn site_name_and_url() {
        check(
            &TEMPLATE_RESIDUE,
            "青禾范文网：www.qinghe-fanwen.com\n青禾范文网：www.qinghe-fanwen.com全县春耕备耕工作方案\nwww.qinghe-fanwen.com全县春耕备耕工作方案\n分享到：\nhttps://www.qinghe-fanwen.com/a/2024/1234.html\n",
            expect![[r#"
                1:1 PL102 [青禾范文网：www.qinghe-fanwen.com] 网站残留（网站名称和网址），不属于文件内容，请删除该行 (fix: safe: 删除该行 @1:1 "")
                2:1 PL102 [青禾范文网：www.qinghe-fanwen.com] 网站残留（网站名称和网址）：“青禾范文网：www.qinghe-fanwen.com”，请删除 (fix: unsafe: 删除网站残留 @2:1 "")
                3:1 PL102 [www.qinghe-fanwen.com] 网站残留（网站名称和网址）：“www.qinghe-fanwen.com”，请删除 (fix: unsafe: 删除网站残留 @3:1 "")
                4:1 PL102 [分享到：] 网站残留（网页控件），不属于文件内容，请删除该行 (fix: safe: 删除该行 @4:1 "")
                5:1 PL102 [https://www.qinghe-fanwen.com/a/2024/1234.html] 网站残留（网站名称和网址），不属于文件内容，请删除该行 (fix: safe: 删除该行 @5:1 "")
            "#]],
        );
    }

    /// A URL the plan cites is content: in a sentence, after a label that
    /// introduces it, or of a government site.
    #[test]
    fn urls_of_the_plan() {
        check(
            &TEMPLATE_RESIDUE,
            "企业可登录“信用中国”网站（www.creditchina.gov.cn）查询信用记录。\n组织党员通过“学习强国”学习平台（www.xuexi.cn）开展学习。\n咨询网址：www.example-assoc.org.cn\n县政府门户网站：http://www.example.gov.cn\nwww.example.gov.cn\n申报系统：https://sb.example.com.cn/login\n学习强国：www.xuexi.cn\n报名网址：\nhttps://bm.example.com.cn/2024\n",
            expect![[r#""#]],
        );
    }

    #[test]
    fn legal_database_header() {
        check(
            &TEMPLATE_RESIDUE,
            "某市人民政府关于加强耕地保护的意见文章属性•【制定机关】某市人民政府•【公布日期】2019.03.01•【时效性】现行有效•【主题分类】土地管理正文某市人民政府关于加强耕地保护的意见\n【制定机关】某市人民政府\n",
            expect![[r#"
                1:18 PL102 [文章属性•【制定机关】某市人民政府•【公布日期】2019.03.01•【时效性】现行有效•【主题分类】土地管理正文] 网站残留（法规数据库的字段信息）：“文章属性•【制定机关】某市人民政府•【公布日期】2019.03.01•【时效性】现行有效•【主题分类】土地管理正文”，请删除 (fix: unsafe: 删除网站残留 @1:18 "")
                2:1 PL102 [【制定机关】某市人民政府] 网站残留（法规数据库的字段信息），不属于文件内容，请删除该行 (fix: safe: 删除该行 @2:1 "")
            "#]],
        );
    }

    /// Page numbers a 文库 put at each page's start: the fix deletes the
    /// number and joins a page that carries on a broken sentence.
    #[test]
    fn page_chunks() {
        let text = "1、全县春耕备耕工作汇报。今年以来，全县上下坚持把粮食生产作为头等大事，统筹推进春耕备耕各项工作，召开高\n\n2、规格的全县农业农村工作会议，安排部署全年重点任务，压紧压实各级粮食安全政治责任，确保播种面积稳定在\n\n3、合理区间。同时，加快高标准农田建设，完善农田水利设施。\n";
        check(
            &TEMPLATE_RESIDUE,
            text,
            expect![[r#"
                1:1 PL102 [1、] 文库分页编号“1、”不是序号：网站在每页开头加了页码，请删除 (fix: unsafe: 删除分页编号 @1:1 "")
                3:1 PL102 [2、] 文库分页编号“2、”不是序号：网站在每页开头加了页码，请删除 (fix: unsafe: 删除分页编号并接续上一行 @1:53 "")
                5:1 PL102 [3、] 文库分页编号“3、”不是序号：网站在每页开头加了页码，请删除 (fix: unsafe: 删除分页编号并接续上一行 @3:52 "")
            "#]],
        );
        assert_fix_gives(
            text,
            "全县春耕备耕工作汇报。今年以来，全县上下坚持把粮食生产作为头等大事，统筹推进春耕备耕各项工作，召开高规格的全县农业农村工作会议，安排部署全年重点任务，压紧压实各级粮食安全政治责任，确保播种面积稳定在合理区间。同时，加快高标准农田建设，完善农田水利设施。\n",
        );
    }

    /// A numbered list of the document stays a list.
    #[test]
    fn numbered_items_are_not_page_chunks() {
        check(
            &TEMPLATE_RESIDUE,
            "1、稳定粮食播种面积。全县粮食播种面积稳定在45万亩以上。\n2、加强高标准农田建设。新建高标准农田2万亩。\n3、推进农业科技创新。\n",
            expect![[r#""#]],
        );
    }

    /// The lines of a real document that look like page furniture.
    #[test]
    fn document_lines_are_not_residue() {
        check(
            &TEMPLATE_RESIDUE,
            "某县人民政府办公室关于印发全县春耕备耕工作方案的通知\n某政办发〔2024〕7号\n各乡镇人民政府，县政府各部门：\n《全县春耕备耕工作方案》已经县政府同意，现印发给你们，请认真贯彻执行。\n某县人民政府办公室\n2024年2月20日\n（此件公开发布）\n（此件主动公开）\n推动政务服务事项“掌上办、指尖办、一次下载”。\n下面，我讲几点意见，供大家参考。\n开通政务官方抖音号，编印惠企政策资料包。\n督促提供信息存储空间服务的平台落实主体责任，支持用户上传原创作品。\n加强版权保护，依法查处侵犯著作权行为，保护版权所有人合法权益。\n抄送：县委各部门，县人大常委会办公室，县政协办公室。\n某县人民政府办公室                2024年2月20日印发\n",
            expect![[r#""#]],
        );
    }

    /// Words of the web inside a plan's own sentences, and the lines of an
    /// activity plan or a notice that look like a page's metadata.
    #[test]
    fn web_words_in_plan_sentences() {
        check(
            &TEMPLATE_RESIDUE,
            "联系人：王五，电话：0571-12345678\n电话：0571-12345678\n地址：县行政中心东楼\n邮箱：nongye@example.com\n时间：2024-05-10至2024-05-12\n本文档适用于全县各级农业农村部门。\n群众通过微信扫一扫即可办理，无需先登录。\n用户需要先登陆系统再填报。\n规范网络直播打赏行为，加强ICP备案管理，发展C2C电商新模式。\n引导群众欣赏、观赏非遗展演。\n不得省略任何环节，对未完成的任务挂牌督办。\n编印惠企政策资料包，开通官方抖音号和微信公众号。\n开展“科普+产业”活动，欢迎阅读推广。\n加强版权保护，支持用户上传原创作品，优化政府网站客服功能。\n",
            expect![[r#""#]],
        );
    }

    #[test]
    fn whole_fix_leaves_the_document() {
        assert_fix_gives(
            "全县春耕备耕工作方案.docx\n上传人：李** 文档编号：52013\n下载 相关 举报\n全县春耕备耕工作方案\n为切实做好春耕备耕工作，制定本方案。\n展开阅读全文\n当前位置：首页 > 工作计划\n",
            "全县春耕备耕工作方案\n为切实做好春耕备耕工作，制定本方案。\n",
        );
        assert_fix_gives(
            "青禾范文网：www.qinghe-fanwen.com全县春耕备耕工作方案\n为切实做好春耕备耕工作，制定本方案。关注公众号【青禾笔记】获取写作必备资料包！\n推荐访问：春耕",
            "全县春耕备耕工作方案\n为切实做好春耕备耕工作，制定本方案。\n",
        );
    }

    #[test]
    fn pinyin_glosses() {
        check(
            &TEMPLATE_RESIDUE,
            "推進鄉(xiāng)鎮(zhèn)政務公開，持續（xù）優化服務。\n",
            expect![[r#"
                1:4 PL102 [(xiāng)] 网站残留（网站加注的拼音）：“(xiāng)”，请删除 (fix: safe: 删除网站残留 @1:4 "")
                1:12 PL102 [(zhèn)] 网站残留（网站加注的拼音）：“(zhèn)”，请删除 (fix: safe: 删除网站残留 @1:12 "")
                1:25 PL102 [（xù）] 网站残留（网站加注的拼音）：“（xù）”，请删除 (fix: safe: 删除网站残留 @1:25 "")
            "#]],
        );
        assert_fix_gives("推进乡(xiāng)镇政务公开，持续（xù）优化服务。\n", "推进乡镇政务公开，持续优化服务。\n");
    }

    #[test]
    fn markdown_bullets() {
        check_md(
            &TEMPLATE_RESIDUE,
            "- 设为首页\n- 文档编号：5328\n\n# 全县春耕备耕工作方案\n\n## 相关文档\n",
            expect![[r#"
                1:1 PL102 [- 设为首页] 网站残留（网站导航），不属于文件内容，请删除该行 (fix: safe: 删除该行 @1:1 "")
                2:1 PL102 [- 文档编号：5328] 网站残留（网页信息栏），不属于文件内容，请删除该行 (fix: safe: 删除该行 @2:1 "")
            "#]],
        );
    }

    #[test]
    fn messages_in_english() {
        let config = Config { lang: crate::Lang::En, ..Default::default() };
        check_with(
            &TEMPLATE_RESIDUE,
            SourceKind::PlainText,
            &config,
            "下载 相关 举报\n三是强化成果转化。从企 ……（未完，全文共3120字\n",
            expect![[r#"
                1:1 PL102 [下载 相关 举报] Website residue (a widget of the web page), not part of the document: delete the line (fix: safe: Delete the line @1:1 "")
                2:13 PL102 [……（未完，全文共3120字] Cut mark of the site: it left text out here; delete the mark and restore the full text (fix: unsafe: Delete the residue @2:12 "")
            "#]],
        );
    }
}
