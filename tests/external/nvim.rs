//! Real Neovim as the client: headless `nvim` (Debian's 0.7.2 in CI) starts
//! `planlint lsp` through its built-in LSP client, driven by the workplace
//! harness `../shared/tools/lsp-clients/nvim-check.sh`, on a copy of
//! `examples/draft.txt`. Expected positions are worked out by hand from the
//! draft, never read back from the server.
//!
//! They need `nvim` (and those driven by the harness `../shared`): without it
//! they show as ignored, except in CI (`CI=true`), where `.ci/run` installs
//! Debian's `neovim` and its absence is a failure.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::needs::Test;
use crate::support::{EXAMPLE_FINDINGS as EXPECTED, FIX_LINE, Harness, assert_lead_unit_quick_fix, num, utf16_slice};

pub fn tests() -> Vec<Test> {
    [
        crate::tests![Nvim Shared:
            neovim_receives_the_expected_diagnostics,
            neovim_is_offered_the_lead_unit_quick_fix,
            neovim_gets_completion_items_on_an_empty_line,
        ],
        crate::tests![Nvim:
            shipped_neovim_config_starts_planlint,
            neovim_formats_and_fixes_all_with_the_safe_fixes,
            neovim_renames_a_unit_and_gets_lead_hints,
        ],
    ]
    .concat()
}

/// The empty line before `三、保障措施` (line 23 in an editor's 1-based count).
const EMPTY_LINE: u64 = 22;

fn neovim_receives_the_expected_diagnostics() {
    let nvim = nvim();
    let lines: Vec<&str> = nvim.text.lines().collect();

    // First check the hand-worked columns against the draft itself.
    for &(line, start, end, code, _, covered) in EXPECTED {
        let text = lines[line as usize];
        assert_eq!(utf16_slice(text, start, end), covered, "EXPECTED is out of date for {code} on line {line}: {text}");
    }

    let run = nvim.run(&[]);
    let mut got: Vec<(u64, u64, u64, String, u64)> = Vec::new();
    for d in &run.out {
        assert_eq!(d["end_line"], d["line"], "a planlint diagnostic spans one line: {d}");
        assert_eq!(d["source"], "planlint", "source: {d}");
        assert!(d["message"].as_str().is_some_and(|m| !m.is_empty()), "message: {d}");
        got.push((
            num(d, "line"),
            num(d, "col"),
            num(d, "end_col"),
            d["code"].as_str().unwrap_or("").to_string(),
            num(d, "severity"),
        ));
    }
    got.sort();
    let mut want: Vec<_> = EXPECTED.iter().map(|&(l, s, e, c, sev, _)| (l, s, e, c.to_string(), sev)).collect();
    want.sort();
    assert_eq!(got, want, "diagnostics Neovim received (line, UTF-16 col, end col, code, severity)\n{}", run.context());

    // What `vim.diagnostic` holds after Neovim's UTF-16 → byte conversion must cover the same text.
    let mut held: Vec<(u64, String, u64)> = run
        .events("nvim_diagnostic")
        .map(|d| {
            assert_eq!(d["end_lnum"], d["lnum"], "vim.diagnostic entry spans one line: {d}");
            let text = lines[num(d, "lnum") as usize];
            let covered = text.get(num(d, "byte_col") as usize..num(d, "end_byte_col") as usize).unwrap_or_else(|| {
                panic!("vim.diagnostic byte columns are not on character boundaries of {text:?}: {d}")
            });
            (num(d, "lnum"), covered.to_string(), num(d, "severity"))
        })
        .collect();
    held.sort();
    let mut want: Vec<_> = EXPECTED.iter().map(|&(l, _, _, _, sev, covered)| (l, covered.to_string(), sev)).collect();
    want.sort();
    assert_eq!(held, want, "what vim.diagnostic holds (line, covered text, severity)\n{}", run.context());
}

fn neovim_is_offered_the_lead_unit_quick_fix() {
    let nvim = nvim();
    let run = nvim.run(&["--code-action", &format!("{FIX_LINE}:0")]);
    assert_lead_unit_quick_fix(&run);
}

fn neovim_gets_completion_items_on_an_empty_line() {
    let nvim = nvim();
    let line = nvim.text.lines().nth(EMPTY_LINE as usize).expect("the draft is long enough");
    assert_eq!(line, "", "line {EMPTY_LINE} of the draft must be empty");
    let run = nvim.run(&["--completion", &format!("{EMPTY_LINE}:0")]);
    assert!(!run.out.is_empty(), "no completion items at {EMPTY_LINE}:0\n{}", run.context());
    for item in &run.out {
        assert!(item["label"].as_str().is_some_and(|l| !l.is_empty()), "completion item without a label: {item}");
    }
}

/// Headless Neovim driven by `nvim-check.sh`.
type Nvim = Harness;

fn nvim() -> Nvim {
    Harness::setup("nvim-check.sh")
}

/// A work directory with the draft, for the tests that drive Neovim with their own scripts.
fn nvim_alone() -> Nvim {
    Harness::without_script()
}

/// Runs `script` (saved as `name`) in headless Neovim with no configuration of
/// its own and `planlint` on `PATH`, as the shipped config expects; the
/// script writes its JSON result to `out`, which is returned.
fn run_lua(nvim: &Nvim, name: &str, script: &str, out: &Path, timeout_secs: u32) -> Value {
    let bin = nvim.dir.path().join("bin");
    if !bin.exists() {
        std::fs::create_dir(&bin).unwrap();
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_planlint"), bin.join("planlint")).unwrap();
    }
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let script_path = nvim.dir.path().join(name);
    std::fs::write(&script_path, script).unwrap();
    let output = Command::new("timeout")
        .args([&timeout_secs.to_string(), "nvim", "--headless", "--clean", "-c"])
        .arg(format!("luafile {}", script_path.display()))
        .env("PATH", &path)
        .env("XDG_STATE_HOME", nvim.dir.path())
        .env("XDG_DATA_HOME", nvim.dir.path())
        .current_dir(nvim.dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("nvim runs");
    assert!(
        output.status.success(),
        "nvim exited with {}\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(out).expect("the script wrote its result")).unwrap()
}

/// `editors/neovim/planlint.lua` as a user installs it: headless Neovim with
/// no other configuration loads it, opens the draft, and the built-in client
/// (started by the file's `FileType` autocmd, `planlint` found on `PATH`)
/// shows the draft's findings in `vim.diagnostic`; the `settings` in the file
/// reach the server (English messages).
fn shipped_neovim_config_starts_planlint() {
    let nvim = nvim_alone();
    // The shipped file, with English messages configured the way its README says.
    let config = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/neovim/planlint.lua"))
        .unwrap()
        .replace("  settings = {},", "  settings = { planlint = { lang = \"en\" } },");
    assert!(config.contains("lang = \"en\""), "editors/neovim/planlint.lua no longer has `settings = {{}},`");
    let config_path = nvim.dir.path().join("planlint.lua");
    std::fs::write(&config_path, config).unwrap();
    let out = nvim.dir.path().join("diagnostics.json");
    let script = format!(
        r#"
vim.cmd("luafile {config}")
vim.cmd("edit {draft}")
local ok = vim.wait(15000, function()
  local ds = vim.diagnostic.get(0)
  return #ds >= 7 and ds[1].message:match("^[%w“]") ~= nil
end, 50)
local rows = {{}}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(rows, {{ line = d.lnum, code = d.code, message = d.message }})
end
vim.fn.writefile({{ vim.fn.json_encode({{ ok = ok, rows = rows }}) }}, "{out}")
vim.cmd("qa!")
"#,
        config = config_path.display(),
        draft = nvim.draft.display(),
        out = out.display(),
    );
    let result = run_lua(&nvim, "run.lua", &script, &out, 60);
    let mut got: Vec<(u64, String)> = result["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (num(r, "line"), r["code"].as_str().unwrap().into()))
        .collect();
    got.sort();
    let mut want: Vec<(u64, String)> = EXPECTED.iter().map(|&(l, _, _, c, _, _)| (l, c.to_string())).collect();
    want.sort();
    assert_eq!(got, want, "{result}");
    let placeholder = result["rows"].as_array().unwrap().iter().find(|r| r["line"] == 7).unwrap();
    assert!(placeholder["message"].as_str().unwrap().starts_with("Unfilled template placeholder"), "{result}");
}

/// The safe fixes through Neovim's built-in client, with the shipped config:
/// formatting (`vim.lsp.buf.format`, `formatting_sync` on 0.7) and the
/// `source.fixAll.planlint` code action applied with `apply_workspace_edit`,
/// as a user's mapping does. Both give what `planlint check --fix` gives.
fn neovim_formats_and_fixes_all_with_the_safe_fixes() {
    let nvim = nvim_alone();
    let draft = "二、主要任务\n（一）、壮大创新主体\n1、实施企业培育工程。（牵头单位：区科技局）\n\
                 2、建设公共技术平台。（牵头单位：区工信局）\n（三）优化创新环境\n";
    let want = planlint::fix_all(
        draft,
        planlint::SourceKind::PlainText,
        &planlint::Config::default(),
        planlint::FixMode::Safe,
    );
    assert!(want.changed());
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/neovim/planlint.lua");
    for name in ["format.txt", "fixall.txt"] {
        std::fs::write(nvim.dir.path().join(name), draft).unwrap();
    }
    let out = nvim.dir.path().join("fixed.json");
    let script = format!(
        r#"
vim.cmd("luafile {config}")
local result = {{}}
local function client_of(buf)
  local found = nil
  vim.wait(15000, function()
    for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
      if c.name == "planlint" and c.initialized then found = c end
    end
    return found ~= nil and #vim.diagnostic.get(buf) > 0
  end, 50)
  return found
end
-- Formatting.
vim.cmd("edit format.txt")
local client = client_of(0)
result.attached = client ~= nil
if vim.lsp.buf.format then
  vim.lsp.buf.format({{ timeout_ms = 10000 }})
else
  vim.lsp.buf.formatting_sync(nil, 10000)
end
result.format = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n") .. "\n"
-- The fix-all code action.
vim.cmd("edit fixall.txt")
client = client_of(0)
local params = vim.lsp.util.make_range_params()
params.context = {{ diagnostics = {{}}, only = {{ "source.fixAll" }} }}
local responses = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 10000) or {{}}
result.kinds = {{}}
for _, r in pairs(responses) do
  for _, action in ipairs(r.result or {{}}) do
    table.insert(result.kinds, action.kind)
    if action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
    end
  end
end
result.fixall = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n") .. "\n"
vim.fn.writefile({{ vim.fn.json_encode(result) }}, "{out}")
vim.cmd("qa!")
"#,
        config = config.display(),
        out = out.display(),
    );
    let result = run_lua(&nvim, "fix.lua", &script, &out, 90);
    assert_eq!(result["attached"], true, "{result}");
    assert_eq!(result["format"].as_str().unwrap(), want.text, "formatting: {result}");
    assert_eq!(result["kinds"], serde_json::json!(["source.fixAll.planlint"]), "{result}");
    assert_eq!(result["fixall"].as_str().unwrap(), want.text, "fix-all: {result}");
}

/// Renaming a unit and the lead-unit inlay hints through Neovim's built-in
/// client, with the shipped config and `inlayHints.leadUnit` turned on in its
/// `settings`. The rename is the real command, `vim.lsp.buf.rename(new
/// name)` (prepareRename, then the edit applied by Neovim's handler in the
/// client's offset encoding); Neovim 0.7 has no inlay hints of its own, so
/// they are requested with `buf_request_sync`. Non-BMP characters sit before
/// the units and the hints on their lines, so the UTF-16 columns differ from
/// the byte columns Neovim counts in.
fn neovim_renames_a_unit_and_gets_lead_hints() {
    let nvim = nvim_alone();
    let draft = "北岭市2026年科技工作要点\n二、主要任务\n（一）壮大创新主体（牵头单位：市发展改革委）\n\
                 1.𠀀实施企业培育工程。新增企业10家。\n\
                 2.😀建设研发平台。新建平台3个。（牵头单位：市科技局；责任单位：区市科技局合作中心）\n\
                 3.推进成果转化。\n（牵头单位：市科技局；责任单位：市财政局）\n由市科技局会同市财政局做好统筹。\n";
    let want = draft.replace("：市科技局", "：市科学技术局").replace("由市科技局", "由市科学技术局");
    assert_eq!(want.matches("市科学技术局").count(), 3);
    std::fs::write(nvim.dir.path().join("units.txt"), draft).unwrap();
    // The cursor inside the first 市科技局 (line 5 in Neovim's count), as a byte column.
    let line4 = draft.lines().nth(4).unwrap();
    let col = line4.find("市科技局").unwrap() + "市科".len();
    let config = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/neovim/planlint.lua"))
        .unwrap()
        .replace("  settings = {},", "  settings = { planlint = { inlayHints = { leadUnit = true } } },");
    assert!(config.contains("leadUnit = true"), "editors/neovim/planlint.lua no longer has `settings = {{}},`");
    let config_path = nvim.dir.path().join("planlint.lua");
    std::fs::write(&config_path, config).unwrap();
    let out = nvim.dir.path().join("units.json");
    let script = format!(
        r#"
vim.cmd("luafile {config}")
local result = {{}}
vim.cmd("edit units.txt")
local client = nil
vim.wait(15000, function()
  for _, c in pairs(vim.lsp.buf_get_clients(0)) do
    if c.name == "planlint" and c.initialized then client = c end
  end
  return client ~= nil
end, 50)
result.attached = client ~= nil
result.encoding = client and client.offset_encoding
local function first(responses, field)
  for _, r in pairs(responses or {{}}) do
    -- `error` in Neovim 0.7, `err` in later versions.
    local e = r.error or r.err
    if e then return nil, e end
    return r[field]
  end
end
-- Inlay hints over the whole buffer.
local params = {{
  textDocument = vim.lsp.util.make_text_document_params(),
  range = {{ start = {{ line = 0, character = 0 }}, ["end"] = {{ line = vim.api.nvim_buf_line_count(0), character = 0 }} }},
}}
result.hints = {{}}
for _, h in ipairs(first(vim.lsp.buf_request_sync(0, "textDocument/inlayHint", params, 10000), "result") or {{}}) do
  table.insert(result.hints, {{ line = h.position.line, character = h.position.character, label = h.label }})
end
-- prepareRename on the unit, then the rename command itself.
vim.api.nvim_win_set_cursor(0, {{ 5, {col} }})
local prepared = first(vim.lsp.buf_request_sync(0, "textDocument/prepareRename", vim.lsp.util.make_position_params(), 10000), "result")
result.placeholder = prepared and prepared.placeholder
result.prepared = prepared and prepared.range
vim.lsp.buf.rename("市科学技术局")
vim.wait(10000, function()
  return table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n"):find("市科学技术局") ~= nil
end, 50)
result.renamed = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n") .. "\n"
local copy = vim.lsp.buf_request_sync(0, "planlint/documentText", {{ uri = vim.uri_from_bufnr(0) }}, 10000)
result.server_copy = first(copy, "result")
-- On a task title there is nothing to rename.
vim.api.nvim_win_set_cursor(0, {{ 6, 4 }})
local _, err = first(vim.lsp.buf_request_sync(0, "textDocument/prepareRename", vim.lsp.util.make_position_params(), 10000), "result")
result.refusal = err and {{ code = err.code, message = err.message }}
vim.fn.writefile({{ vim.fn.json_encode(result) }}, "{out}")
vim.cmd("qa!")
"#,
        config = config_path.display(),
        out = out.display(),
    );
    let result = run_lua(&nvim, "units.lua", &script, &out, 90);
    assert_eq!(result["attached"], true, "{result}");
    assert_eq!(result["encoding"], "utf-16", "{result}");
    // After 实施企业培育工程 (1. = 2 UTF-16 units, 𠀀 = 2, the title 8) and 推进成果转化 (2 + 6);
    // task 2 names its lead on its own line.
    assert_eq!(
        result["hints"],
        serde_json::json!([
            {"line": 3, "character": 12, "label": "牵头：市发展改革委"},
            {"line": 5, "character": 8, "label": "牵头：市科技局"},
        ]),
        "{result}"
    );
    // 2.😀建设研发平台。新建平台3个。（牵头单位： = 2 + 2 + 6 + 1 + 6 + 1 + 6 = 24 UTF-16 units.
    assert_eq!(result["placeholder"], "市科技局", "{result}");
    assert_eq!(
        result["prepared"],
        serde_json::json!({"start": {"line": 4, "character": 24}, "end": {"line": 4, "character": 28}}),
        "{result}"
    );
    assert_eq!(result["renamed"].as_str().unwrap(), want, "{result}");
    assert_eq!(result["server_copy"].as_str().unwrap(), want, "the server's copy after the rename: {result}");
    assert_eq!(result["refusal"]["code"], -32803, "{result}");
    assert!(result["refusal"]["message"].as_str().unwrap().starts_with("这里没有可重命名的单位"), "{result}");
}
