//! Rule `placeholder`: template placeholders left in the draft.

use crate::lang::Lang;
use crate::rules::{Ctx, declare_rule};
use crate::syntax::placeholders::{Placeholder, PlaceholderKind, Slot};

declare_rule! {
    /// ## What it does
    /// Finds placeholders that a template (范文) left in the draft, in the
    /// forms that Word, WPS, web copies and OCR produce: asterisks (`*`,
    /// `**`, `＊`, `∗`, `﹡`, `⁎`, `✱`); `X`/`XX`/`x` and crosses (`×`, `✕`,
    /// `╳`) where a name or number belongs (`X年`, `XX市`, `20xx年`, `××`);
    /// `某某`; `○○` outside a Chinese-numeral year; blank boxes (`□`, `☐`,
    /// `▢`, `◻`, `⬜`), also in a date (`2024年□月底前`); underscore blanks
    /// (`____`, `＿＿`, `﹏﹏`); an empty or instruction-filled `【 】`; and
    /// numeral slots left blank (`培育 家`, `达到以上`). A mask that fills a
    /// decimal or a date (`xx.x%`, `X.X亿元`, `20XX.X.X`, `xxxx-xx-xx`,
    /// `X月X日`) is reported once, as a whole.
    ///
    /// 查找范文模板遗留的占位符，包括 Word、WPS、网页复制和 OCR 产生的各种写法：星号
    /// （`*`、`**`、`＊`、`∗`、`﹡`、`⁎`、`✱`），处在名称或数字位置上的 `X`/`XX`/`x`
    /// 和叉号（`×`、`✕`、`╳`）（`X年`、`XX市`、`20xx年`、`××`），`某某`，不属于汉字
    /// 年份的 `○○`，空白方框（`□`、`☐`、`▢`、`◻`、`⬜`，包括日期中的方框，如
    /// `2024年□月底前`），下划线空白（`____`、`＿＿`、`﹏﹏`），空的或写着填写说明的
    /// `【 】`，以及留空的数字位置（`培育 家`、`达到以上`）。填在小数或日期位置上的
    /// 占位符（`xx.x%`、`X.X亿元`、`20XX.X.X`、`xxxx-xx-xx`、`X月X日`）整体报告一次。
    ///
    /// The message says what to fill in, judged from the words around the
    /// placeholder: a number (`**家`, `增长*%`), a date (`X年`, `x月xx日`,
    /// `××年度`), a name of a place or person (`XX县`, `*省长`, `《××》`) or
    /// the name of an organisation (`**大学`, `**人才集团`, `某某公司`, `XX局`).
    ///
    /// 提示信息根据占位符前后的词语说明应填写什么：数值（`**家`、`增长*%`）、日期
    /// （`X年`、`x月xx日`、`××年度`）、地名或人名（`XX县`、`*省长`、`《××》`），
    /// 或单位名称（`**大学`、`**人才集团`、`某某公司`、`XX局`）。
    ///
    /// It does not flag the look-alikes: X射线, X光, 1+X, 2+X, 5G, R&D,
    /// model numbers and architectures (X86服务器, X3型, x64, HAW-4X), pinyin
    /// (`鄉(xiāng)`), 210×297, 3×3, 互联网+, 二〇二三年, URLs, Markdown
    /// emphasis `**…**`, footnote marks after numbers (`12.7%*`), check
    /// boxes (`☐是 ☐否`). Add your own with `[placeholder] allow = [...]` in
    /// `planlint.toml`.
    ///
    /// 不会误报这些形近写法：X射线、X光、1+X、2+X、5G、R&D、产品型号和处理器架构
    /// （X86服务器、X3型、x64、HAW-4X）、拼音注音（`鄉(xiāng)`）、210×297、3×3、
    /// 互联网+、二〇二三年、网址、Markdown 加粗 `**…**`、数字后的脚注星号
    /// （`12.7%*`）、勾选框（`☐是 ☐否`）。其他合法写法可在 `planlint.toml` 的
    /// `[placeholder] allow` 中补充。
    ///
    /// ## Why is this bad?
    /// A placeholder that reaches a reviewer or the public shows the plan was
    /// copied from a template and never finished: a target of `突破**家`
    /// commits to nothing. Reviewers send such drafts back.
    ///
    /// 占位符一旦送审或公开，说明方案照搬模板、没有完成：“突破**家”等于没有目标。
    /// 审核时这类稿件会被退回。
    ///
    /// ## Example
    /// ```text
    /// 到X年，全市高新技术企业突破**家。
    /// ```
    /// Use instead:
    /// ```text
    /// 到2027年，全市高新技术企业突破1500家。
    /// ```
    pub(crate) PLACEHOLDER, "PL101", "placeholder", Error,
    summary: "Unfilled template placeholder (*, X年, ××, 某某, □, ____, 【 】, blank numeral)",
    summary_zh: "模板占位符未替换（*、X年、××、某某、□、____、【 】、数字留空）",
}

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let lang = ctx.lang();
    let doc = ctx.doc;
    for f in &doc.placeholders {
        let token = doc.slice(f.range);
        let message = message(lang, f, token);
        ctx.report(f.range, message);
    }
}

fn message(lang: Lang, f: &Placeholder, token: &str) -> String {
    match (lang, f.kind) {
        (Lang::Zh, PlaceholderKind::BlankNumber) => format!("数字空缺：“{token}”缺少数值，请填入实际数字"),
        (Lang::En, PlaceholderKind::BlankNumber) => {
            format!("Blank number: “{token}” is missing its value; fill in the actual number")
        }
        (Lang::Zh, PlaceholderKind::BlankDate) => format!("日期留空：“{token}”，请填写完整日期"),
        (Lang::En, PlaceholderKind::BlankDate) => format!("Blank date “{token}”: fill in the full date"),
        (Lang::Zh, PlaceholderKind::Bracket) => format!("待填写的“{token}”，请替换为实际内容"),
        (Lang::En, PlaceholderKind::Bracket) => format!("Fill-in field “{token}”: replace it with the actual text"),
        (Lang::Zh, PlaceholderKind::Mask) => {
            let what = match f.slot {
                Some(Slot::Number) => "数值",
                Some(Slot::Date) => "日期",
                Some(Slot::Name) => "名称",
                Some(Slot::Organisation) => "单位名称",
                None => "内容",
            };
            format!("模板占位符“{token}”未替换，请填入实际{what}")
        }
        (Lang::En, PlaceholderKind::Mask) => {
            let what = match f.slot {
                Some(Slot::Number) => "number",
                Some(Slot::Date) => "date",
                Some(Slot::Name) => "name",
                Some(Slot::Organisation) => "name of the organisation",
                None => "text",
            };
            format!("Unfilled template placeholder “{token}”: replace it with the actual {what}")
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::PLACEHOLDER;
    use crate::rules::tests::{check, check_md};

    #[test]
    fn masked_numbers_and_names() {
        check(
            &PLACEHOLDER,
            "高新技术企业突破**家，技术合同成交额突破****亿元。\n尊敬的*省长，＊＊市代表。\n",
            expect![[r#"
                1:9 PL101 [**] 模板占位符“**”未替换，请填入实际数值
                1:22 PL101 [****] 模板占位符“****”未替换，请填入实际数值
                2:4 PL101 [*] 模板占位符“*”未替换，请填入实际名称
                2:8 PL101 [＊＊] 模板占位符“＊＊”未替换，请填入实际名称
            "#]],
        );
    }

    #[test]
    fn x_in_placeholder_position() {
        check(
            &PLACEHOLDER,
            "X年以来，XX县组织X家企业，占全省的X/X。\n到20xx年，202X年底前完成，x月xx日召开。\n",
            expect![[r#"
                1:1 PL101 [X] 模板占位符“X”未替换，请填入实际日期
                1:6 PL101 [XX] 模板占位符“XX”未替换，请填入实际名称
                1:11 PL101 [X] 模板占位符“X”未替换，请填入实际数值
                1:20 PL101 [X] 模板占位符“X”未替换，请填入实际内容
                1:22 PL101 [X] 模板占位符“X”未替换，请填入实际内容
                2:4 PL101 [xx] 模板占位符“xx”未替换，请填入实际日期
                2:11 PL101 [X] 模板占位符“X”未替换，请填入实际日期
                2:18 PL101 [x月xx日] 模板占位符“x月xx日”未替换，请填入实际日期
            "#]],
        );
    }

    #[test]
    fn message_says_what_the_slot_holds() {
        check(
            &PLACEHOLDER,
            "突破**家，增长*%，建成X个，近X年，第X批。\nX年，20xx年，x月xx日，××年度。\nXX县，*省长，××镇，《××》。\n**大学，**人才集团，XX局，某某公司，××委员会，X牵头落实，XX开放大学。\n",
            expect![[r#"
                1:3 PL101 [**] 模板占位符“**”未替换，请填入实际数值
                1:9 PL101 [*] 模板占位符“*”未替换，请填入实际数值
                1:14 PL101 [X] 模板占位符“X”未替换，请填入实际数值
                1:18 PL101 [X] 模板占位符“X”未替换，请填入实际数值
                1:22 PL101 [X] 模板占位符“X”未替换，请填入实际数值
                2:1 PL101 [X] 模板占位符“X”未替换，请填入实际日期
                2:6 PL101 [xx] 模板占位符“xx”未替换，请填入实际日期
                2:10 PL101 [x月xx日] 模板占位符“x月xx日”未替换，请填入实际日期
                2:16 PL101 [××] 模板占位符“××”未替换，请填入实际日期
                3:1 PL101 [XX] 模板占位符“XX”未替换，请填入实际名称
                3:5 PL101 [*] 模板占位符“*”未替换，请填入实际名称
                3:9 PL101 [××] 模板占位符“××”未替换，请填入实际名称
                3:14 PL101 [××] 模板占位符“××”未替换，请填入实际名称
                4:1 PL101 [**] 模板占位符“**”未替换，请填入实际单位名称
                4:6 PL101 [**] 模板占位符“**”未替换，请填入实际单位名称
                4:13 PL101 [XX] 模板占位符“XX”未替换，请填入实际单位名称
                4:17 PL101 [某某] 模板占位符“某某”未替换，请填入实际单位名称
                4:22 PL101 [××] 模板占位符“××”未替换，请填入实际单位名称
                4:28 PL101 [X] 模板占位符“X”未替换，请填入实际单位名称
                4:34 PL101 [XX] 模板占位符“XX”未替换，请填入实际单位名称
            "#]],
        );
    }

    #[test]
    fn messages_in_english() {
        let config = crate::Config { lang: crate::Lang::En, ..Default::default() };
        crate::rules::tests::check_with(
            &PLACEHOLDER,
            crate::SourceKind::PlainText,
            &config,
            "突破**家，X年，XX县，**大学，在**开展。\n",
            expect![[r#"
                1:3 PL101 [**] Unfilled template placeholder “**”: replace it with the actual number
                1:7 PL101 [X] Unfilled template placeholder “X”: replace it with the actual date
                1:10 PL101 [XX] Unfilled template placeholder “XX”: replace it with the actual name
                1:14 PL101 [**] Unfilled template placeholder “**”: replace it with the actual name of the organisation
                1:20 PL101 [**] Unfilled template placeholder “**”: replace it with the actual text
            "#]],
        );
    }

    #[test]
    fn look_alikes_are_not_flagged() {
        check(
            &PLACEHOLDER,
            "推广X射线检测和X光机，落实1+X证书和2+X科技信贷，建设5G基站，R&D投入增长。\n纸张A4(210×297)，3×3米，4 cm×3 cm，1.5×10⁴元，3x3矩阵。\n推进“互联网+”，二〇二三年、二○二五年，型号HAW-4X，访问xueke.org，Excel表格。\n脱贫率12.7%*，见附表。\n采购X86服务器、X1笔记本和X3型设备，适配x64架构与x86_64。\n新鄉(xiāng)市，持續(xù)規劃，推进s356横沟段和g351双溪段，Xerox、xylophone。\n",
            expect![""],
        );
    }

    #[test]
    fn masks_next_to_digits_and_units_stay() {
        check(
            &PLACEHOLDER,
            "到X年，新增X家，20XX年底前，增长X%，202X年。\n",
            expect![[r#"
                1:2 PL101 [X] 模板占位符“X”未替换，请填入实际日期
                1:7 PL101 [X] 模板占位符“X”未替换，请填入实际数值
                1:12 PL101 [XX] 模板占位符“XX”未替换，请填入实际日期
                1:20 PL101 [X] 模板占位符“X”未替换，请填入实际数值
                1:26 PL101 [X] 模板占位符“X”未替换，请填入实际日期
            "#]],
        );
    }

    #[test]
    fn times_signs_and_other_masks() {
        check(
            &PLACEHOLDER,
            "××年度第×批，某某集团牵头，○○市、□□县，完成率需达____%以上。\n签发人：× × ×\n",
            expect![[r#"
                1:1 PL101 [××] 模板占位符“××”未替换，请填入实际日期
                1:6 PL101 [×] 模板占位符“×”未替换，请填入实际数值
                1:9 PL101 [某某] 模板占位符“某某”未替换，请填入实际单位名称
                1:16 PL101 [○○] 模板占位符“○○”未替换，请填入实际名称
                1:20 PL101 [□□] 模板占位符“□□”未替换，请填入实际名称
                1:29 PL101 [____] 模板占位符“____”未替换，请填入实际数值
                2:5 PL101 [× × ×] 模板占位符“× × ×”未替换，请填入实际内容
            "#]],
        );
    }

    #[test]
    fn asterisk_look_alikes() {
        check(
            &PLACEHOLDER,
            "突破＊＊家，增长∗%，新增﹡﹡个，培育⁎⁎家，✱✱市，✲✲县，✳✳局，✻✻亿元。\n算式3∗4，✳\u{FE0F}重点工作，★★★级景区，⁂\n✱ 要点一\n",
            expect![[r#"
                1:3 PL101 [＊＊] 模板占位符“＊＊”未替换，请填入实际数值
                1:9 PL101 [∗] 模板占位符“∗”未替换，请填入实际数值
                1:14 PL101 [﹡﹡] 模板占位符“﹡﹡”未替换，请填入实际数值
                1:20 PL101 [⁎⁎] 模板占位符“⁎⁎”未替换，请填入实际数值
                1:24 PL101 [✱✱] 模板占位符“✱✱”未替换，请填入实际名称
                1:28 PL101 [✲✲] 模板占位符“✲✲”未替换，请填入实际名称
                1:32 PL101 [✳✳] 模板占位符“✳✳”未替换，请填入实际单位名称
                1:36 PL101 [✻✻] 模板占位符“✻✻”未替换，请填入实际数值
            "#]],
        );
    }

    #[test]
    fn cross_look_alikes() {
        check(
            &PLACEHOLDER,
            "××县，✕✕市，✖✖镇，╳╳区，⨯⨯局，第✕批，签发人：✕ ✕ ✕\n纸张210✕297，3╳3方阵，4 cm⨯3 cm，完成情况：✗，审核：✘\n",
            expect![[r#"
                1:1 PL101 [××] 模板占位符“××”未替换，请填入实际名称
                1:5 PL101 [✕✕] 模板占位符“✕✕”未替换，请填入实际名称
                1:9 PL101 [✖✖] 模板占位符“✖✖”未替换，请填入实际名称
                1:13 PL101 [╳╳] 模板占位符“╳╳”未替换，请填入实际名称
                1:17 PL101 [⨯⨯] 模板占位符“⨯⨯”未替换，请填入实际单位名称
                1:22 PL101 [✕] 模板占位符“✕”未替换，请填入实际数值
                1:29 PL101 [✕ ✕ ✕] 模板占位符“✕ ✕ ✕”未替换，请填入实际内容
            "#]],
        );
    }

    #[test]
    fn blank_boxes_in_names_and_date_slots() {
        check(
            &PLACEHOLDER,
            "□□县、☐☐市、▢▢镇、◻◻局、◽◽区、⬜⬜村、▯▯乡。\n2024年□月底前完成，□□□□年□□月，完成时限：□月，☐月☐日印发。\n是否完成：☐是 ☐否；申报主体：□个人 □单位。\n",
            expect![[r#"
                1:1 PL101 [□□] 模板占位符“□□”未替换，请填入实际名称
                1:5 PL101 [☐☐] 模板占位符“☐☐”未替换，请填入实际名称
                1:9 PL101 [▢▢] 模板占位符“▢▢”未替换，请填入实际名称
                1:13 PL101 [◻◻] 模板占位符“◻◻”未替换，请填入实际单位名称
                1:17 PL101 [◽◽] 模板占位符“◽◽”未替换，请填入实际名称
                1:21 PL101 [⬜⬜] 模板占位符“⬜⬜”未替换，请填入实际名称
                1:25 PL101 [▯▯] 模板占位符“▯▯”未替换，请填入实际名称
                2:6 PL101 [□] 模板占位符“□”未替换，请填入实际日期
                2:13 PL101 [□□□□年□□月] 模板占位符“□□□□年□□月”未替换，请填入实际日期
                2:27 PL101 [□] 模板占位符“□”未替换，请填入实际日期
                2:30 PL101 [☐月☐日] 模板占位符“☐月☐日”未替换，请填入实际日期
            "#]],
        );
    }

    #[test]
    fn underscore_look_alikes() {
        check(
            &PLACEHOLDER,
            "达到＿＿%，完成﹍﹍个，新增﹎﹎家，培育﹏﹏名，‗‗亿元，▁▁家。\n____年__月__日前报送，＿＿＿＿公司牵头。\n",
            expect![[r#"
                1:3 PL101 [＿＿] 模板占位符“＿＿”未替换，请填入实际数值
                1:9 PL101 [﹍﹍] 模板占位符“﹍﹍”未替换，请填入实际数值
                1:15 PL101 [﹎﹎] 模板占位符“﹎﹎”未替换，请填入实际数值
                1:21 PL101 [﹏﹏] 模板占位符“﹏﹏”未替换，请填入实际数值
                1:25 PL101 [‗‗] 模板占位符“‗‗”未替换，请填入实际数值
                1:30 PL101 [▁▁] 模板占位符“▁▁”未替换，请填入实际数值
                2:1 PL101 [____年__月__日] 模板占位符“____年__月__日”未替换，请填入实际日期
                2:16 PL101 [＿＿＿＿] 模板占位符“＿＿＿＿”未替换，请填入实际单位名称
            "#]],
        );
    }

    #[test]
    fn masks_in_decimal_and_date_shaped_slots() {
        check(
            &PLACEHOLDER,
            "比上年增长xx.x%，达到X.X亿元，占比*.*%，xxxx.x万元。\n于20XX.X.X印发，xxxx-xx-xx前报送，X月X日召开，20XX年X月完成，增长X-X%。\n",
            expect![[r#"
                1:6 PL101 [xx.x] 模板占位符“xx.x”未替换，请填入实际数值
                1:14 PL101 [X.X] 模板占位符“X.X”未替换，请填入实际数值
                1:22 PL101 [*.*] 模板占位符“*.*”未替换，请填入实际数值
                1:27 PL101 [xxxx.x] 模板占位符“xxxx.x”未替换，请填入实际数值
                2:2 PL101 [20XX.X.X] 模板占位符“20XX.X.X”未替换，请填入实际日期
                2:13 PL101 [xxxx-xx-xx] 模板占位符“xxxx-xx-xx”未替换，请填入实际日期
                2:27 PL101 [X月X日] 模板占位符“X月X日”未替换，请填入实际日期
                2:34 PL101 [20XX年X月] 模板占位符“20XX年X月”未替换，请填入实际日期
                2:46 PL101 [X-X] 模板占位符“X-X”未替换，请填入实际数值
            "#]],
        );
    }

    #[test]
    fn shaped_masks_in_markdown_are_not_emphasis() {
        check_md(
            &PLACEHOLDER,
            "占比*.*%，增长**.**%，区间*-*名，这是*重点*。\n",
            expect![[r#"
                1:3 PL101 [*.*] 模板占位符“*.*”未替换，请填入实际数值
                1:10 PL101 [**.**] 模板占位符“**.**”未替换，请填入实际数值
                1:19 PL101 [*-*] 模板占位符“*-*”未替换，请填入实际数值
            "#]],
        );
    }

    #[test]
    fn shaped_look_alikes() {
        check(
            &PLACEHOLDER,
            "采用X.509证书，访问www.x.x.com，升级到v x.x版本，版本V2.X发布，删除*.txt文件。\n",
            expect![""],
        );
    }

    #[test]
    fn brackets_blank_numbers_and_dates() {
        check(
            &PLACEHOLDER,
            "【此处填写单位名称】和【 】，【制定机关】保留。\n力争5年内有 家特色小镇获认定，培育 个人才团队，比重达到以上。\n    年  月  日\n2024年 月 日印发\n",
            expect![[r#"
                1:1 PL101 [【此处填写单位名称】] 待填写的“【此处填写单位名称】”，请替换为实际内容
                1:12 PL101 [【 】] 待填写的“【 】”，请替换为实际内容
                2:6 PL101 [有 家] 数字空缺：“有 家”缺少数值，请填入实际数字
                2:28 PL101 [达到以上] 数字空缺：“达到以上”缺少数值，请填入实际数字
                3:5 PL101 [年  月  日] 日期留空：“年  月  日”，请填写完整日期
                4:5 PL101 [年 月 日] 日期留空：“年 月 日”，请填写完整日期
            "#]],
        );
    }

    #[test]
    fn blanks_in_lists_before_punctuation_and_on_broken_lines() {
        // The later slots of a list, a slot left before a semicolon, and text
        // copied out of a PDF with a line break around every run.
        check(
            &PLACEHOLDER,
            "三次产业分别达到 亿元、 亿元和 亿元，三产结构比调整至 ；\n完成地区生产总值\nXX\n亿元，增长\n5%\n",
            expect![[r#"
                1:8 PL101 [到 亿] 数字空缺：“到 亿”缺少数值，请填入实际数字
                1:12 PL101 [、 亿] 数字空缺：“、 亿”缺少数值，请填入实际数字
                1:16 PL101 [和 亿] 数字空缺：“和 亿”缺少数值，请填入实际数字
                1:26 PL101 [调整至 ] 数字空缺：“调整至 ”缺少数值，请填入实际数字
                3:1 PL101 [XX] 模板占位符“XX”未替换，请填入实际内容
            "#]],
        );
        // Not blanks: a space after 、 before an ordinary word, a lone X in a list of options.
        check(&PLACEHOLDER, "推进教育、 家庭和社区协同。\n选项：\nX\nY\n", expect![[""]]);
    }

    #[test]
    fn markdown_emphasis_is_markup_but_masks_stay() {
        check_md(
            &PLACEHOLDER,
            "## **一、工作目标**\n\n这是**重点**内容，*强调*一下。\n打造**大技术创新中心，推进**大科技专项。\n",
            expect![[r#"
                4:3 PL101 [**] 模板占位符“**”未替换，请填入实际数值
                4:15 PL101 [**] 模板占位符“**”未替换，请填入实际数值
            "#]],
        );
    }

    #[test]
    fn markdown_emphasis_on_ordinary_words_is_markup() {
        // Each of these begins with a character that can end a mask (科室, 人, 乡, 办, 大, 项, 平方米, 公司).
        check_md(
            &PLACEHOLDER,
            "要**科技创新**引领，**人工智能**赋能，**乡村振兴**，**办好民生实事**，**大数据**，**项目建设**，**平台建设**，**公开透明**。\n新增**平方米，建成**公里，组建**公司。\n",
            expect![[r#"
                2:3 PL101 [**] 模板占位符“**”未替换，请填入实际数值
                2:11 PL101 [**] 模板占位符“**”未替换，请填入实际数值
                2:18 PL101 [**] 模板占位符“**”未替换，请填入实际单位名称
            "#]],
        );
    }

    #[test]
    fn gaps_before_ordinary_words_are_not_blanks() {
        check(
            &PLACEHOLDER,
            "召开 座谈会，力争 倍增，庆祝 元旦，办好这 件事，服务 家庭。\n万元产值能耗下降 ‰，培育 家企业。\n",
            expect![[r#"
                2:8 PL101 [降 ‰] 数字空缺：“降 ‰”缺少数值，请填入实际数字
                2:13 PL101 [育 家] 数字空缺：“育 家”缺少数值，请填入实际数字
            "#]],
        );
    }

    #[test]
    fn plain_text_masks_between_pairs_stay() {
        check(
            &PLACEHOLDER,
            "**一、工作目标**\n勇担科技自立自强**使命，全面推进**具有影响力的中心建设。\n",
            expect![[r#"
                2:9 PL101 [**] 模板占位符“**”未替换，请填入实际内容
                2:18 PL101 [**] 模板占位符“**”未替换，请填入实际内容
            "#]],
        );
    }

    #[test]
    fn suppression_comments_in_text_and_markdown() {
        let text = "<!-- planlint-disable-next-line placeholder -->\n采购X型设备。\n完成X项。<!-- planlint-disable-line -->\nplanlint-disable-next-line PL101\n\n新增**家。\n<!-- planlint-disable -->\n某某集团。\n<!-- planlint-enable -->\n到X年。\n<!-- planlint-disable-next-line missing-lead-unit -->\n突破**家。\n";
        let plain = crate::rules::tests::render(&PLACEHOLDER, crate::SourceKind::PlainText, &Default::default(), text);
        let md = crate::rules::tests::render(&PLACEHOLDER, crate::SourceKind::Markdown, &Default::default(), text);
        assert_eq!(plain, md);
        check(
            &PLACEHOLDER,
            text,
            expect![[r#"
                10:2 PL101 [X] 模板占位符“X”未替换，请填入实际日期
                12:3 PL101 [**] 模板占位符“**”未替换，请填入实际数值
            "#]],
        );
    }

    #[test]
    fn configured_look_alikes_are_allowed() {
        let mut config = crate::Config::default();
        config.placeholder_allow.push("X型".into());
        crate::rules::tests::check_with(
            &PLACEHOLDER,
            crate::SourceKind::PlainText,
            &config,
            "采购X型设备，X年完成。\n",
            expect![[r#"
                1:8 PL101 [X] 模板占位符“X”未替换，请填入实际日期
            "#]],
        );
    }
}
