-- planlint for Neovim 0.11+ (`vim.lsp.config` / `vim.lsp.enable`): put this file
-- at ~/.config/nvim/lsp/planlint.lua and call `vim.lsp.enable("planlint")` in init.lua.
return {
  cmd = { "planlint", "lsp" },
  filetypes = { "text", "markdown" },
  root_markers = { "planlint.toml", ".planlint.toml", ".git" },
  -- settings = { planlint = { lang = "en", rules = { PL301 = "off" } } },
}
