//! `template-residue` (PL102): silence on the repository's own drafts (the
//! fixtures, the example), and properties over residue-like text. The real
//! copies (the seeds, the dev corpus, generated drafts) are checked in
//! `tests/external/residue.rs`.

use planlint::SourceKind;

use crate::support::{Finding, findings};

fn residue(fs: &[Finding]) -> Vec<&Finding> {
    fs.iter().filter(|f| f.code == "PL102").collect()
}

/// The repository's own drafts have no residue.
#[test]
fn fixtures_have_no_residue() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = std::fs::read_dir(root.join("tests/fixtures/drafts"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    paths.push(root.join("examples/draft.txt"));
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let kind = SourceKind::from_name(&path.to_string_lossy());
        let fs = findings(&text, kind);
        assert!(residue(&fs).is_empty(), "{}: {:#?}", path.display(), residue(&fs));
    }
}

/// Text made of the words residue detection reads: it never panics, its
/// ranges and fixes lie on char boundaries, a fix's edits are sorted and apart,
/// and applying every residue fix gives text that is analysed again without
/// panicking.
mod props {
    use planlint::{Config, SourceKind};
    use proptest::prelude::*;

    fn residue_words() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "小编",
            "上传人：",
            "王**",
            "文档编号:",
            "格式：",
            "DOCX",
            "页数：",
            "大小：",
            "16.5KB",
            "下载 相关 举报",
            "时间：",
            "来源：",
            "网友投稿",
            "2023-11-14",
            " 20:22:02",
            " 125",
            "发布",
            "索 引 号：",
            "名 称:",
            "文 号:",
            "|",
            "当前位置：",
            "首页 > ",
            ">",
            "字体【",
            "】",
            "【",
            "分享到：",
            "¥6",
            "(0)",
            "赏",
            "打",
            "赞",
            "请",
            "该文档总共",
            "本文档",
            "由",
            "下载文档前",
            "C2C",
            "文档",
            "网站客服",
            "侵犯了您的",
            "版权所有",
            "：",
            "copyright",
            "ICP备",
            "ICP",
            "2024",
            "省略",
            "632字",
            "未完",
            "，",
            "全文共",
            "（",
            "(",
            "）",
            ")",
            "……",
            "…",
            "http://",
            "https://",
            "www.",
            "example.com",
            ".gov.cn",
            "范文网",
            "目录/提纲：",
            "目录",
            "第1页",
            " / ",
            "共2页",
            ".docx",
            "_第2页",
            "篇一：",
            "收藏《",
            "》",
            "制定机关】",
            "公布日期】",
            "•",
            "文章属性",
            "正文",
            "鄉(xiāng)",
            "（xù）",
            "1、",
            "2、",
            "一、",
            "1.",
            "- ",
            "  • ",
            "# ",
            "。",
            "！",
            "!",
            " ",
            "\u{3000}",
            "\u{a0}",
            "\n",
            "\n\n",
            "\r\n",
            "\r",
            "扫一扫在手机",
            "您需要先登陆",
            "写作必备",
            "页未读",
            "由会员分享",
            "推荐访问：",
            "展开阅读全文",
            "设为首页",
            "𠮷",
            "\u{0}",
            "é",
        ]);
        prop::collection::vec(pieces, 0..50).prop_map(|v| v.concat())
    }

    fn check(text: &str) {
        for kind in [SourceKind::PlainText, SourceKind::Markdown] {
            let a = planlint::analyze(text, kind, &Config::default());
            let mut fixes = Vec::new();
            for d in a.diagnostics.iter().filter(|d| d.rule.code == "PL102") {
                let r = d.range.as_range();
                assert!(r.start <= r.end && r.end <= text.len(), "{r:?} in {text:?}");
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{r:?} in {text:?}");
                let fix = d.fix.as_ref().expect("every residue finding has a fix");
                for e in &fix.edits {
                    let er = e.range.as_range();
                    assert!(er.start <= er.end && er.end <= text.len(), "{er:?} in {text:?}");
                    assert!(text.is_char_boundary(er.start) && text.is_char_boundary(er.end), "{er:?} in {text:?}");
                }
                assert!(fix.edits.windows(2).all(|w| w[0].range.end <= w[1].range.start));
                fixes.push(fix);
            }
            let (fixed, _) = planlint::apply_fixes(text, fixes.into_iter().map(|f| &**f));
            let _ = planlint::analyze(&fixed, kind, &Config::default());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        #[test]
        fn residue_words_never_panic(text in residue_words()) {
            check(&text);
        }
    }
}
