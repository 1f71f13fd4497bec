//! `planlint lsp`: the language server, a thin shell over the core.
//!
//! Ordering: tower-lsp runs handlers concurrently, so every handler that
//! changes a document does so synchronously, under a `std::sync::Mutex`,
//! before its first `.await`. Handlers are polled first in arrival order, so
//! edits are applied in the order the client sent them (tested in
//! tests/it/lsp.rs under load).
//!
//! Analysis runs on tokio's blocking pool on a snapshot of the rope (cloning
//! a rope is O(1)); a panic there is caught and logged. Results are published
//! only if the document still has the analysed version.

mod complete;
mod features;
mod frame;
mod settings;
mod text;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use ropey::Rope;
use tower_lsp::jsonrpc::Result;
use tower_lsp::ls_types::*;
use tower_lsp::{Client, LanguageServer, LspService, Server};

use planlint::{Config, SourceKind};

use settings::Settings;
use text::Enc;

/// Runs the server on stdin/stdout until the client says `exit`.
pub fn run() -> std::process::ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("planlint: error: cannot start the async runtime: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // The stdin reader sits in a blocking read that only the client can end;
    // dropping the runtime would wait for it, so `exit` would hang while the
    // client keeps our stdin open. Leave it behind instead.
    runtime.shutdown_background();
    std::process::ExitCode::SUCCESS
}

/// Serves one client over `input` and `output` until it says `exit` or its
/// stream ends: the frame guard, then tower-lsp's transport and dispatch.
/// Needs a tokio runtime. (The fuzz targets in `fuzz/` compile this module
/// into themselves and drive it over in-memory streams.)
pub async fn serve(
    input: impl tokio::io::AsyncRead + Unpin + Send + 'static,
    output: impl tokio::io::AsyncWrite + Unpin,
) {
    let (service, socket) =
        LspService::build(Backend::new).custom_method("planlint/documentText", Backend::document_text).finish();
    let (to_server, from_pump) = tokio::io::duplex(1 << 16);
    tokio::spawn(frame::pump(input, to_server));
    Server::new(from_pump, output, socket).serve(service).await;
}

/// Fault injection for the tests: analysis panics on a document containing
/// this string. The core never panics; this proves the server survives if it did.
static TEST_PANIC: std::sync::LazyLock<Option<String>> =
    std::sync::LazyLock::new(|| std::env::var("PLANLINT_LSP_TEST_PANIC").ok().filter(|s| !s.is_empty()));

/// Documents up to this size are analysed on the async worker itself.
const INLINE_ANALYSIS_LIMIT: usize = 256 * 1024;

/// The server's copy of one open document.
struct Doc {
    rope: Rope,
    version: i32,
    kind: SourceKind,
}

/// A consistent view of a document for one request.
pub(crate) struct Snapshot {
    pub text: String,
    pub version: i32,
    pub kind: SourceKind,
    pub enc: Enc,
    pub config: Arc<Config>,
}

struct State {
    enc: Mutex<Enc>,
    docs: Mutex<HashMap<Uri, Doc>>,
    /// The effective configuration: the workspace file with client settings on top.
    config: Mutex<Arc<Config>>,
    /// The last workspace `planlint.toml` that parsed (kept when a later edit breaks it).
    file_config: Mutex<Config>,
    settings: Mutex<Settings>,
    root: Mutex<Option<PathBuf>>,
    /// The client pulls diagnostics (`textDocument/diagnostic`) instead of receiving pushes.
    pull: AtomicBool,
    /// The client lets us register file watchers.
    watch: AtomicBool,
    /// A configuration error found before `initialized`, shown then.
    pending_error: Mutex<Option<String>>,
    /// Held while checking a result is current and sending it, so that an
    /// older version's diagnostics can never be sent after a newer one's.
    publish: tokio::sync::Mutex<()>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding a lock must not take the server down with it.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(crate) struct Backend {
    client: Client,
    state: Arc<State>,
}

#[derive(serde::Deserialize)]
struct DocumentTextParams {
    uri: Uri,
}

impl Backend {
    fn new(client: Client) -> Backend {
        Backend {
            client,
            state: Arc::new(State {
                enc: Mutex::new(Enc::Utf16),
                docs: Mutex::new(HashMap::new()),
                config: Mutex::new(Arc::new(Config::default())),
                file_config: Mutex::new(Config::default()),
                settings: Mutex::new(Settings::default()),
                root: Mutex::new(None),
                pull: AtomicBool::new(false),
                watch: AtomicBool::new(false),
                pending_error: Mutex::new(None),
                publish: tokio::sync::Mutex::new(()),
            }),
        }
    }

    /// `planlint/documentText`: the server's copy of a document, so tests
    /// (and curious users) can check it never drifts from the editor's.
    async fn document_text(&self, params: DocumentTextParams) -> Result<Option<String>> {
        Ok(lock(&self.state.docs).get(&params.uri).map(|d| d.rope.to_string()))
    }

    fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let enc = *lock(&self.state.enc);
        let config = lock(&self.state.config).clone();
        let docs = lock(&self.state.docs);
        let doc = docs.get(uri)?;
        Some(Snapshot { text: doc.rope.to_string(), version: doc.version, kind: doc.kind, enc, config })
    }

    /// Re-reads the workspace `planlint.toml` (keeping the last good one if it
    /// is broken) and recomputes the effective configuration. Returns the
    /// error to show the user, if any.
    fn reload_config(&self) -> Option<String> {
        let root = lock(&self.state.root).clone();
        let error = match settings::load(root.as_deref()) {
            Ok(file) => {
                *lock(&self.state.file_config) = file;
                None
            }
            Err(e) => Some(e),
        };
        let effective = lock(&self.state.settings).apply(&lock(&self.state.file_config));
        *lock(&self.state.config) = Arc::new(effective);
        error
    }

    /// After a configuration change: fresh diagnostics for every open document.
    async fn refresh_all(&self, error: Option<String>) {
        if self.state.pull.load(Ordering::Relaxed) {
            let client = self.client.clone();
            // A client request: never awaited inside a handler (it could deadlock the transport).
            tokio::spawn(async move {
                let _ = client.workspace_diagnostic_refresh().await;
            });
        } else {
            let uris: Vec<Uri> = lock(&self.state.docs).keys().cloned().collect();
            for uri in uris {
                self.schedule(uri);
            }
        }
        if let Some(e) = error {
            self.client
                .show_message(MessageType::ERROR, format!("planlint: {e} (keeping the previous configuration)"))
                .await;
        }
    }

    /// Analyses the document off the message loop and publishes the result
    /// if the document has not changed meanwhile.
    fn schedule(&self, uri: Uri) {
        let client = self.client.clone();
        let state = self.state.clone();
        if self.state.pull.load(Ordering::Relaxed) {
            return; // the client asks when it wants them
        }
        tokio::spawn(async move {
            let (rope, version, kind) = {
                let docs = lock(&state.docs);
                let Some(doc) = docs.get(&uri) else { return };
                (doc.rope.clone(), doc.version, doc.kind)
            };
            let small = rope.len_bytes() <= INLINE_ANALYSIS_LIMIT;
            let enc = *lock(&state.enc);
            let config = lock(&state.config).clone();
            // Current = same document version and same configuration (a settings
            // change keeps the version but makes every earlier result stale).
            let used = config.clone();
            let current = |state: &State| {
                lock(&state.docs).get(&uri).map(|d| d.version) == Some(version)
                    && Arc::ptr_eq(&lock(&state.config), &used)
            };
            let analyse = move || {
                let text = rope.to_string();
                if let Some(marker) = TEST_PANIC.as_deref()
                    && text.contains(marker)
                {
                    panic!("injected by PLANLINT_LSP_TEST_PANIC");
                }
                features::diagnostics(&text, kind, &config, enc)
            };
            // Small drafts (nearly all) are analysed right here: well under a
            // millisecond, cheaper than a hand-off to the blocking pool. Either
            // way a panic is caught and the server keeps serving.
            let result = if small {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(analyse)).map_err(|_| "panic".to_string())
            } else {
                tokio::task::spawn_blocking(analyse).await.map_err(|e| e.to_string())
            };
            match result {
                Ok(diagnostics) => {
                    let _guard = state.publish.lock().await;
                    if current(&state) {
                        client.publish_diagnostics(uri, diagnostics, Some(version)).await;
                    }
                }
                Err(e) => {
                    client
                        .log_message(
                            MessageType::ERROR,
                            format!("planlint: analysis failed ({e}); the server keeps running"),
                        )
                        .await;
                }
            }
        });
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offered =
            params.capabilities.general.as_ref().and_then(|g| g.position_encodings.clone()).unwrap_or_default();
        let (enc, kind) = if offered.contains(&PositionEncodingKind::UTF8) {
            (Enc::Utf8, PositionEncodingKind::UTF8)
        } else {
            (Enc::Utf16, PositionEncodingKind::UTF16)
        };
        *lock(&self.state.enc) = enc;
        let caps = &params.capabilities;
        let pull = caps.text_document.as_ref().is_some_and(|t| t.diagnostic.is_some());
        self.state.pull.store(pull, Ordering::Relaxed);
        let watch = caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files)
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        self.state.watch.store(watch, Ordering::Relaxed);
        #[allow(deprecated)] // `root_uri` is how older clients (Neovim 0.7) say it
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or(params.root_uri.clone())
            .and_then(|u| u.to_file_path().map(|p| p.into_owned()));
        *lock(&self.state.root) = root;
        let mut errors = Vec::new();
        if let Some(options) = &params.initialization_options {
            let (settings, bad) = Settings::from_json(options);
            *lock(&self.state.settings) = settings;
            errors.extend(bad);
        }
        errors.extend(self.reload_config());
        *lock(&self.state.pending_error) = (!errors.is_empty()).then(|| errors.join("; "));
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(kind),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..Default::default()
                })),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(complete::TRIGGERS.iter().map(|s| s.to_string()).collect()),
                    ..Default::default()
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(features::FIX_ALL)]),
                    ..Default::default()
                })),
                document_symbol_provider: Some(OneOf::Left(true)),
                // Formatting applies the safe fixes (the same as `source.fixAll.planlint`).
                document_formatting_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                diagnostic_provider: pull.then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some("planlint".into()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        work_done_progress_options: Default::default(),
                    })
                }),
                ..Default::default()
            },
            server_info: Some(ServerInfo { name: "planlint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if self.state.watch.load(Ordering::Relaxed) {
            let client = self.client.clone();
            tokio::spawn(async move {
                let watchers = ["**/planlint.toml", "**/.planlint.toml"]
                    .map(|g| FileSystemWatcher { glob_pattern: GlobPattern::String(g.into()), kind: None })
                    .to_vec();
                let options = DidChangeWatchedFilesRegistrationOptions { watchers };
                let registration = Registration {
                    id: "planlint-config".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: serde_json::to_value(options).ok(),
                };
                let _ = client.register_capability(vec![registration]).await;
            });
        }
        let pending = lock(&self.state.pending_error).take();
        if let Some(e) = pending {
            self.client.show_message(MessageType::ERROR, format!("planlint: {e}")).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // Some clients (Eglot, older nvim-lspconfig) send an empty payload right
        // after connecting: that must not wipe the settings given at initialize.
        let (settings, mut errors) = Settings::from_json(&params.settings);
        if Settings::mentions_planlint(&params.settings) {
            *lock(&self.state.settings) = settings;
        }
        errors.extend(self.reload_config());
        self.refresh_all((!errors.is_empty()).then(|| errors.join("; "))).await;
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        let error = self.reload_config();
        self.refresh_all(error).await;
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        // For clients without file watching: saving planlint.toml in the editor reloads it.
        if params.text_document.uri.as_str().ends_with("planlint.toml") {
            let error = self.reload_config();
            self.refresh_all(error).await;
        }
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let items = match self.snapshot(&params.text_document.uri) {
            Some(snap) => tokio::task::spawn_blocking(move || {
                features::diagnostics(&snap.text, snap.kind, &snap.config, snap.enc)
            })
            .await
            .unwrap_or_default(),
            None => Vec::new(),
        };
        Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
            RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items },
            },
        )))
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let kind =
            if doc.language_id == "markdown" { SourceKind::Markdown } else { SourceKind::from_name(doc.uri.as_str()) };
        lock(&self.state.docs)
            .insert(doc.uri.clone(), Doc { rope: Rope::from_str(&doc.text), version: doc.version, kind });
        self.schedule(doc.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // No `.await` before the edit is applied: see the module docs.
        let enc = *lock(&self.state.enc);
        let uri = params.text_document.uri;
        {
            let mut docs = lock(&self.state.docs);
            let Some(doc) = docs.get_mut(&uri) else { return };
            for change in &params.content_changes {
                text::apply_change(&mut doc.rope, change, enc);
            }
            doc.version = params.text_document.version;
        }
        self.schedule(uri);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        lock(&self.state.docs).remove(&uri);
        let _guard = self.state.publish.lock().await;
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let Some(snap) = self.snapshot(&p.text_document.uri) else { return Ok(None) };
        let items =
            tokio::task::spawn_blocking(move || complete::complete(&snap, p.position)).await.unwrap_or_default();
        Ok(Some(CompletionResponse::Array(items)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        let Some(snap) = self.snapshot(&uri) else { return Ok(None) };
        let only = params.context.only;
        let actions =
            tokio::task::spawn_blocking(move || features::code_actions(&snap, &uri, params.range, only.as_deref()))
                .await
                .unwrap_or_default();
        Ok(Some(actions))
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri) else { return Ok(None) };
        let edits = tokio::task::spawn_blocking(move || features::fix_all_edits(&snap)).await.unwrap_or_default();
        Ok(Some(edits))
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let Some(snap) = self.snapshot(&params.text_document.uri) else { return Ok(None) };
        let symbols = tokio::task::spawn_blocking(move || features::symbols(&snap)).await.unwrap_or_default();
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri) else { return Ok(None) };
        Ok(Some(tokio::task::spawn_blocking(move || features::folding(&snap)).await.unwrap_or_default()))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(snap) = self.snapshot(&p.text_document.uri) else { return Ok(None) };
        Ok(tokio::task::spawn_blocking(move || features::hover(&snap, p.position)).await.unwrap_or_default())
    }
}
