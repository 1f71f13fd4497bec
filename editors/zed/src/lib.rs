//! Zed extension for planlint: starts `planlint lsp` found on the worktree's
//! `$PATH` (or `lsp.planlint.binary.path` in Zed's settings) and hands Zed's
//! `lsp.planlint.settings` to the server as its workspace configuration.

use zed_extension_api::{self as zed, settings::LspSettings};

struct Planlint;

impl zed::Extension for Planlint {
    fn new() -> Self {
        Planlint
    }

    fn language_server_command(
        &mut self,
        id: &zed::LanguageServerId,
        worktree: &zed::Worktree,
    ) -> zed::Result<zed::Command> {
        let binary = LspSettings::for_worktree(id.as_ref(), worktree).ok().and_then(|s| s.binary);
        let command = binary
            .as_ref()
            .and_then(|b| b.path.clone())
            .or_else(|| worktree.which("planlint"))
            .ok_or_else(|| "planlint not found on PATH (cargo install --path <planlint checkout>)".to_string())?;
        let args = binary.and_then(|b| b.arguments).unwrap_or_else(|| vec!["lsp".into()]);
        Ok(zed::Command { command, args, env: worktree.shell_env() })
    }

    fn language_server_workspace_configuration(
        &mut self,
        id: &zed::LanguageServerId,
        worktree: &zed::Worktree,
    ) -> zed::Result<Option<zed::serde_json::Value>> {
        Ok(LspSettings::for_worktree(id.as_ref(), worktree).ok().and_then(|s| s.settings))
    }
}

zed::register_extension!(Planlint);
