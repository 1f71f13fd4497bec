-- planlint as a custom server for nvim-lspconfig (the `require("lspconfig")`
-- framework, Neovim 0.7+). lspconfig ships no `planlint` entry, so register one
-- before calling setup. `planlint` must be on $PATH.
local configs = require("lspconfig.configs")
local util = require("lspconfig.util")

if not configs.planlint then
  configs.planlint = {
    default_config = {
      cmd = { "planlint", "lsp" },
      filetypes = { "text", "markdown" },
      root_dir = util.root_pattern("planlint.toml", ".planlint.toml", ".git"),
      single_file_support = true, -- a draft outside any root gets a server of its own
      settings = {},
    },
    docs = {
      description = "planlint: checks drafts of Chinese government work plans (placeholders, lead units, targets).",
    },
  }
end

require("lspconfig").planlint.setup({
  -- lspconfig sends these as workspace/didChangeConfiguration after start-up.
  -- Use `settings`, not `init_options`: the empty didChangeConfiguration that
  -- lspconfig sends when `settings` is empty replaces initialization options.
  -- settings = { planlint = { lang = "en", rules = { PL301 = "off" } } },
})
