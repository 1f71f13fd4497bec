-- planlint language server for Neovim 0.7+ with the built-in client, no plugins.
-- Copy into your init.lua, or save as ~/.config/nvim/plugin/planlint.lua.
-- `planlint` must be on $PATH (e.g. after `cargo install --path .`).

local planlint = {
  cmd = { "planlint", "lsp" },
  -- Only drafts: .txt/.md/.markdown files whose filetype is text or markdown.
  filetypes = { "text", "markdown" },
  extensions = { txt = true, md = true, markdown = true },
  -- Sent as workspace/didChangeConfiguration once the server is up, e.g.
  -- { planlint = { lang = "en", rules = { PL301 = "off", placeholder = "warning" } } }
  -- { planlint = { inlayHints = { leadUnit = true } } }  (a task's inferred lead; shown by Neovim 0.10+)
  -- A planlint.toml in the root directory is read too (these settings win).
  settings = {},
}

-- Neovim 0.7 does not send `settings` by itself; newer versions send them again (harmless).
local function send_settings(client)
  if next(planlint.settings) == nil then
    return
  end
  local params = { settings = planlint.settings }
  if vim.fn.has("nvim-0.11") == 1 then
    client:notify("workspace/didChangeConfiguration", params)
  else
    client.notify("workspace/didChangeConfiguration", params)
  end
end

-- The directory holding planlint.toml / .planlint.toml, else the git work tree, else the file's directory.
local function root_dir(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  for _, name in ipairs({ "planlint.toml", ".planlint.toml" }) do
    local found = vim.fn.findfile(name, dir .. ";")
    if found ~= "" then
      return vim.fn.fnamemodify(found, ":p:h")
    end
  end
  local git = vim.fn.finddir(".git", dir .. ";")
  if git ~= "" then
    return vim.fn.fnamemodify(git, ":p:h:h")
  end
  return dir
end

local clients = {} -- root directory -> client id (Neovim 0.7 path)

local function attach(buf)
  local name = vim.api.nvim_buf_get_name(buf)
  local ext = name:match("%.(%w+)$")
  if not ext or not planlint.extensions[ext:lower()] then
    return
  end
  local root = root_dir(name)
  local config = {
    name = "planlint",
    cmd = planlint.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    settings = planlint.settings,
    on_init = send_settings,
  }
  if vim.lsp.start then
    -- Neovim 0.8+: reuses the client with the same name and root_dir.
    vim.lsp.start(config, { bufnr = buf })
    return
  end
  -- Neovim 0.7: one client per root, attached by hand.
  local id = clients[root]
  if not id or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(config)
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(buf, id)
  end
end

vim.api.nvim_create_autocmd("FileType", {
  group = vim.api.nvim_create_augroup("planlint", { clear = true }),
  pattern = planlint.filetypes,
  callback = function(args)
    attach(args.buf)
  end,
})
