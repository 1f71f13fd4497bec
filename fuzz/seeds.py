#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, written into OUT/<target>/.

analyze       the test fixtures, the example draft and, when ../shared is
              there, small drafts of the corpus generator (plain, CRLF, Markdown)
config        planlint.toml files, each also followed by NUL and a fixture
lsp_messages  editor sessions over the fixtures: NUL-separated JSON-RPC bodies
lsp_stream    the same sessions framed as a client sends them, and broken framings
docx          the fixtures as WordprocessingML (numbered headings, tables, tracked
              changes, fields): document, numbering and styles parts separated by
              NUL, and a few as whole .docx files (zip, deflated)

and the dictionaries OUT/<target>.dict in libFuzzer's format, from the token
lists in dict/ (plus the wrong forms of src/rules/confusable.toml).

Usage: seeds.py OUT [--shared DIR]   (stdlib only; deterministic)
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def drafts():
    """(name, text) of every fixture and example, in a stable order."""
    out = []
    for d in ["tests/fixtures/drafts", "examples"]:
        for name in sorted(os.listdir(os.path.join(ROOT, d))):
            with open(os.path.join(ROOT, d, name), encoding="utf-8") as f:
                out.append((name, f.read()))
    return out


def generated(shared):
    """Small drafts of ../shared/bench/gen_corpus.py, if it is there."""
    script = os.path.join(shared, "bench", "gen_corpus.py")
    if not os.path.exists(script):
        print(f"seeds.py: {script} not found; no generated drafts", file=sys.stderr)
        return []
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        runs = [
            ("txt", ["--docs", "24", "--doc-size", "3KB", "--seed", "7"]),
            ("crlf", ["--docs", "6", "--doc-size", "3KB", "--seed", "8", "--crlf"]),
            ("md", ["--docs", "6", "--doc-size", "3KB", "--seed", "9", "--ext", "md"]),
        ]
        for name, args in runs:
            d = os.path.join(tmp, name)
            subprocess.run(
                [sys.executable, script, "--out", d, "--no-truth", "--prefix", "gen" + name] + args,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            for f in sorted(os.listdir(d)):
                with open(os.path.join(d, f), "rb") as fh:
                    out.append((f, fh.read().decode("utf-8")))
    return out


CONFIGS = [
    "",
    'lang = "en"\n',
    'lang = "zh"\n\n[rules]\ntarget-without-number = "info"\nPL201 = "error"\nplaceholder = "off"\n',
    '[placeholder]\nallow = ["X型", "A股"]\n',
    '[responsibility]\nlead-roles = ["牵头处室", "主办"]\nother-roles = ["协办单位", "配合"]\n',
    '[units]\naliases = { "市发改委" = "市发展和改革委员会", "区科技局" = "区科学技术局" }\n',
    '[style]\npunctuation = "half-width"\n',
    '[confusable]\ndisable = ["人选"]\nextra = [{ wrong = "工做", right = "工作", guards = ["^工做法", "工做#$"] }]\n',
    '#:schema ./schema/planlint.schema.json\nlang = "en"\n[rules]\nnumbering = "warning"\n'
    'repeated-word = "hint"\n[style]\npunctuation = "full-width"\n',
    'lang = "fr"\n',
    '[rules]\nno-such-rule = "off"\n',
    '[responsibility]\nlead-roles = [""]\n',
    '[confusable]\nextra = [{ wrong = "工", right = "工" }]\n',
    'lang = "en"\n[units]\naliases = { "" = "x" }\n',
    "[rules\n",
    'lang = """\nzh"""\n',
]


def messages(text, uri="file:///fuzz/draft.txt", lang="plaintext", init=None):
    """The JSON-RPC bodies of a session that opens `text`, edits it and asks for every feature."""
    init = init or {"capabilities": {}}
    lines = text.split("\n")
    last = len(lines) - 1
    mid = len(lines) // 2
    doc = {"uri": uri}
    pos = {"textDocument": doc, "position": {"line": mid, "character": 3}}
    whole = {"start": {"line": 0, "character": 0}, "end": {"line": last, "character": len(lines[last])}}
    bodies = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": init},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": text}},
        },
        {
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": {"uri": uri, "version": 2},
                "contentChanges": [
                    {"range": {"start": {"line": mid, "character": 0}, "end": {"line": mid, "character": 2}}, "text": "（二）"},
                    {"range": {"start": {"line": 0, "character": 1}, "end": {"line": 1, "character": 0}}, "text": "××\n"},
                ],
            },
        },
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/completion", "params": pos},
        {"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": pos},
        {
            "jsonrpc": "2.0",
            "id": 4,
            "method": "textDocument/codeAction",
            "params": {"textDocument": doc, "range": whole, "context": {"diagnostics": []}},
        },
        {
            "jsonrpc": "2.0",
            "id": 5,
            "method": "textDocument/codeAction",
            "params": {"textDocument": doc, "range": whole, "context": {"diagnostics": [], "only": ["source.fixAll.planlint"]}},
        },
        {"jsonrpc": "2.0", "id": 6, "method": "textDocument/formatting", "params": {"textDocument": doc, "options": {"tabSize": 4, "insertSpaces": True}}},
        {"jsonrpc": "2.0", "id": 7, "method": "textDocument/documentSymbol", "params": {"textDocument": doc}},
        {"jsonrpc": "2.0", "id": 8, "method": "textDocument/foldingRange", "params": {"textDocument": doc}},
        {"jsonrpc": "2.0", "id": 9, "method": "textDocument/diagnostic", "params": {"textDocument": doc}},
        {
            "jsonrpc": "2.0",
            "method": "workspace/didChangeConfiguration",
            "params": {"settings": {"planlint": {"lang": "en", "rules": {"placeholder": "warning", "PL301": "off"}}}},
        },
        {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": text[: len(text) // 2]}]}},
        {"jsonrpc": "2.0", "id": 10, "method": "planlint/documentText", "params": {"uri": uri}},
        {"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": doc}},
        {"jsonrpc": "2.0", "id": 11, "method": "shutdown"},
    ]
    # (no `exit`: it ends the session at once and cancels the requests still running)
    return [json.dumps(b, ensure_ascii=False, separators=(",", ":")).encode() for b in bodies]


INITS = [
    {"capabilities": {}},
    {"capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}},
    {
        "capabilities": {"textDocument": {"diagnostic": {}}, "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}},
        "initializationOptions": {"planlint": {"lang": "en", "rules": {"numbering": "off", "bogus": "x"}}},
    },
]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run(text):
    return f'<w:r><w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>'


def wordml(text, variant):
    """(document.xml, numbering.xml, styles.xml) for a draft. Headings lose their
    written number and get Word numbering (variant 0: numId, 1: a heading style
    that carries it); tab-separated lines become a table; variant 2 puts every
    third paragraph's text in a tracked insertion and adds a deleted run and a field."""
    level_of = {"、": 0, "）": 1, ".": 2}
    body = []
    rows = []

    def flush():
        if rows:
            body.append("<w:tbl>" + "".join("<w:tr>" + "".join(f"<w:tc><w:p>{run(c)}</w:p></w:tc>" for c in r) + "</w:tr>" for r in rows) + "</w:tbl>")
            rows.clear()

    for i, line in enumerate(text.split("\n")):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        m = HEADING.match(line)
        if m and variant in (0, 1):
            ilvl = next(v for k, v in level_of.items() if m.group(0).endswith(k))
            ppr = (f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>' if variant == 0
                   else f'<w:pStyle w:val="H{ilvl + 1}"/>')
            body.append(f"<w:p><w:pPr>{ppr}</w:pPr>{run(line[m.end():])}</w:p>")
        elif variant == 2 and i % 3 == 0 and line:
            body.append(f'<w:p><w:ins w:id="{i}" w:author="a">{run(line)}</w:ins>'
                        f'<w:del w:id="{i}d" w:author="a"><w:r><w:delText>旧</w:delText></w:r></w:del>'
                        f'<w:fldSimple w:instr="PAGE">{run("1")}</w:fldSimple></w:p>')
        else:
            body.append(f"<w:p>{run(line)}</w:p>")
    flush()
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{"".join(body)}<w:sectPr/></w:body></w:document>'
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    numbering = (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}><w:abstractNum w:abstractNumId="0">'
                 + "".join(f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{f}"/><w:lvlText w:val="{t}"/></w:lvl>'
                           for k, (f, t) in enumerate(levels))
                 + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><w:styles {W}>'
              + "".join(f'<w:style w:type="paragraph" w:styleId="H{k + 1}"><w:name w:val="heading {k + 1}"/>'
                        f'<w:pPr><w:numPr><w:ilvl w:val="{k}"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>' for k in range(3))
              + "</w:styles>")
    return document, numbering, styles


def docx_file(document, numbering, styles):
    """A whole .docx (deflated) holding the three parts."""
    import io
    import zipfile

    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        info = lambda name: zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        z.writestr(info("_rels/.rels"), f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/></Relationships>', zipfile.ZIP_DEFLATED)
        z.writestr(info("word/_rels/document.xml.rels"), f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/></Relationships>', zipfile.ZIP_DEFLATED)
        for name, part in [("document", document), ("numbering", numbering), ("styles", styles)]:
            z.writestr(info(f"word/{name}.xml"), part, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def frame(body):
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def write(out, target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    digest = hashlib.sha1(data).hexdigest()[:12]
    with open(os.path.join(d, f"{name}-{digest}"), "wb") as f:
        f.write(data)


def tokens(name):
    """The tokens of dict/<name>.txt as bytes (see the escapes in dict/genre.txt)."""
    out = []
    with open(os.path.join(ROOT, "fuzz", "dict", name + ".txt"), encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if not line or line.startswith(";;"):
                continue
            token, i = bytearray(), 0
            while i < len(line):
                c = line[i]
                if c == "\\" and i + 1 < len(line):
                    e = line[i + 1]
                    if e in "nrt0\\":
                        token += {"n": b"\n", "r": b"\r", "t": b"\t", "0": b"\0", "\\": b"\\"}[e]
                        i += 2
                        continue
                    if e == "u":
                        token += chr(int(line[i + 2 : i + 6], 16)).encode()
                        i += 6
                        continue
                    if e == "x":
                        token.append(int(line[i + 2 : i + 4], 16))
                        i += 4
                        continue
                token += c.encode()
                i += 1
            out.append(bytes(token))
    return out


def confusions():
    with open(os.path.join(ROOT, "src", "rules", "confusable.toml"), encoding="utf-8") as f:
        return [m.encode() for m in re.findall(r'^wrong\s*=\s*"([^"]+)"', f.read(), re.M)]


def write_dict(out, target, toks):
    """libFuzzer's format: one `"..."` a line, anything but printable ASCII as \\xNN."""
    lines = []
    for t in dict.fromkeys(toks):
        esc = "".join(chr(b) if 32 <= b < 127 and b not in b'"\\' else "\\x%02X" % b for b in t)
        lines.append(f'"{esc}"')
    with open(os.path.join(out, target + ".dict"), "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    args = ap.parse_args()
    own = drafts()
    gen = generated(args.shared)
    for name, text in own + gen:
        write(args.out, "analyze", name, text)
    for i, toml in enumerate(CONFIGS):
        write(args.out, "config", f"toml{i}", toml)
        name, text = own[i % len(own)]
        write(args.out, "config", f"toml{i}-{name}", toml.encode() + b"\0" + text.encode())
    for i, (name, text) in enumerate(own + gen[:6]):
        init = INITS[i % len(INITS)]
        lang = "markdown" if name.endswith(".md") else "plaintext"
        uri = "file:///fuzz/" + name
        bodies = messages(text, uri, lang, init)
        write(args.out, "lsp_messages", name, b"\0".join(bodies))
        write(args.out, "lsp_stream", name, b"".join(frame(b) for b in bodies))
    # Broken framings the guard must survive, each followed by a good session.
    good = b"".join(frame(b) for b in messages("一、总体要求\n（一）指导思想\n"))
    for i, bad in enumerate(
        [
            b"Content-Length: 5\r\n\r\n{not json",
            b"Content-Length: lots\r\n\r\n{}",
            b"content-length:2\n\n42",
            b"Content-Length: 99999999999999999999\r\n\r\n",
            b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 17\r\n\r\n{\"jsonrpc\":\"2.0\"}",
            b"\r\n\r\n\r\n",
        ]
    ):
        write(args.out, "lsp_stream", f"broken{i}", bad + good)
    for i, (name, text) in enumerate(own):
        parts = wordml(text, i % 3)
        write(args.out, "docx", name, "\0".join(parts))
        if i % 4 == 0:
            write(args.out, "docx", name + ".docx", docx_file(*parts))
    genre = tokens("genre") + confusions()
    write_dict(args.out, "analyze", genre)
    write_dict(args.out, "config", tokens("toml") + genre)
    write_dict(args.out, "lsp_messages", tokens("lsp") + genre)
    write_dict(args.out, "lsp_stream", tokens("lsp") + genre)
    write_dict(args.out, "docx", tokens("docx") + genre)


if __name__ == "__main__":
    main()
