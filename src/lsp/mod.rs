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
//! only if the document still has the analysed version. `docs.rs` holds the
//! documents and decides when they are analysed (changes in a burst are
//! coalesced; stale changes and texts over the size limit are refused).
//!
//! The process exits with status 0 after `shutdown` and `exit`, and with 1
//! when the client ends the connection (or sends `exit`) without `shutdown`.

mod complete;
mod docs;
mod features;
mod frame;
mod settings;
mod text;
mod units;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tower_lsp::jsonrpc::Result;
use tower_lsp::ls_types::*;
use tower_lsp::{Client, LanguageServer, LspService, Server};

use planlint::{Config, SourceKind};

use docs::Doc;
use settings::Settings;
use text::Enc;

/// Runs the server on stdin/stdout until the client says `exit`.
///
/// One runtime thread: the message loop only routes messages and applies
/// changes (requests and analyses of large documents run on the blocking pool,
/// small documents' analyses take well under a millisecond), and every wake-up
/// of a second worker cost more than it saved: keystroke → diagnostics on a
/// 20 KB draft went from p50 1.10 to 0.81–0.84 ms, on 1 MB from 15.6 to
/// 9.9–10.7 ms (`cargo bench --bench lsp`, same machine, back to back).
pub fn run() -> std::process::ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("planlint: error: cannot start the async runtime: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let shut_down = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // The stdin reader sits in a blocking read that only the client can end;
    // dropping the runtime would wait for it, so `exit` would hang while the
    // client keeps our stdin open. Leave it behind instead.
    runtime.shutdown_background();
    if shut_down {
        std::process::ExitCode::SUCCESS
    } else {
        // The client went away (or said `exit`) without `shutdown`: LSP's status 1.
        eprintln!("planlint lsp: the client ended the connection without a shutdown request");
        std::process::ExitCode::from(1)
    }
}

/// Serves one client over `input` and `output` until it says `exit` or its
/// stream ends: the frame guard, then tower-lsp's transport and dispatch.
/// Returns whether the client asked for `shutdown` first. Needs a tokio
/// runtime. (The fuzz targets in `fuzz/` compile this module into themselves
/// and drive it over in-memory streams.)
pub async fn serve(
    input: impl tokio::io::AsyncRead + Unpin + Send + 'static,
    output: impl tokio::io::AsyncWrite + Unpin,
) -> bool {
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = shut_down.clone();
    let (service, socket) = LspService::build(move |client| Backend::new(client, flag))
        .custom_method("planlint/documentText", Backend::document_text)
        .custom_method("planlint/stats", Backend::stats)
        .custom_method("planlint/report", Backend::report)
        .custom_method(frame::TOO_LARGE, Backend::too_large)
        .custom_method(frame::TOO_LARGE_REQUEST, Backend::too_large_request)
        .finish();
    let (to_server, from_pump) = tokio::io::duplex(1 << 16);
    tokio::spawn(frame::pump(input, to_server));
    Server::new(from_pump, output, socket).serve(service).await;
    shut_down.load(Ordering::Relaxed)
}

/// Fault injection for the tests: analysis panics on a document containing
/// this string. The core never panics; this proves the server survives if it did.
static TEST_PANIC: std::sync::LazyLock<Option<String>> =
    std::sync::LazyLock::new(|| std::env::var("PLANLINT_LSP_TEST_PANIC").ok().filter(|s| !s.is_empty()));

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
    /// The workspace `planlint.toml` in use, if any (to notice that it went away).
    config_path: Mutex<Option<PathBuf>>,
    settings: Mutex<Settings>,
    root: Mutex<Option<PathBuf>>,
    /// The client pulls diagnostics (`textDocument/diagnostic`) instead of receiving pushes.
    pull: AtomicBool,
    /// The client lets us register file watchers.
    watch: AtomicBool,
    /// The client re-asks for inlay hints when told to (`workspace/inlayHint/refresh`).
    hint_refresh: AtomicBool,
    /// Configuration notices found before `initialized`, shown then.
    pending: Mutex<Vec<Notice>>,
    /// Held while checking a result is current and sending it, so that an
    /// older version's diagnostics can never be sent after a newer one's.
    publish: tokio::sync::Mutex<()>,
    /// Analyses run for published diagnostics (`planlint/stats`).
    analyses: AtomicU64,
    /// `shutdown` was received.
    shut_down: Arc<AtomicBool>,
}

/// A message for the user about the configuration.
type Notice = (MessageType, String);

/// Settings errors from the client, as a notice.
fn settings_notice(errors: &[String]) -> Option<Notice> {
    (!errors.is_empty()).then(|| (MessageType::ERROR, format!("planlint: {}", errors.join("; "))))
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

/// What `frame.rs` passes on for a message it did not read for its size.
#[derive(serde::Deserialize)]
struct TooLargeParams {
    method: String,
    uri: Option<Uri>,
    version: Option<i32>,
    bytes: u64,
}

impl Backend {
    fn new(client: Client, shut_down: Arc<AtomicBool>) -> Backend {
        Backend {
            client,
            state: Arc::new(State {
                enc: Mutex::new(Enc::Utf16),
                docs: Mutex::new(HashMap::new()),
                config: Mutex::new(Arc::new(Config::default())),
                file_config: Mutex::new(Config::default()),
                config_path: Mutex::new(None),
                settings: Mutex::new(Settings::default()),
                root: Mutex::new(None),
                pull: AtomicBool::new(false),
                watch: AtomicBool::new(false),
                hint_refresh: AtomicBool::new(false),
                pending: Mutex::new(Vec::new()),
                publish: tokio::sync::Mutex::new(()),
                analyses: AtomicU64::new(0),
                shut_down,
            }),
        }
    }

    /// `planlint/documentText`: the server's copy of a document, so tests
    /// (and curious users) can check it never drifts from the editor's.
    /// `null` for a document that is not open, or whose text the server did not read.
    async fn document_text(&self, params: DocumentTextParams) -> Result<Option<String>> {
        Ok(lock(&self.state.docs).get(&params.uri).filter(|d| !d.unknown).map(|d| d.rope.to_string()))
    }

    /// `planlint/stats`: counters for tests and benchmarks (`{"analyses": N}`).
    async fn stats(&self) -> Result<serde_json::Value> {
        Ok(serde_json::json!({"analyses": self.state.analyses.load(Ordering::Relaxed)}))
    }

    /// A notification too large to read (see `frame.rs`): a document opened or
    /// changed with a text over the size limit is kept as open, without its text.
    async fn too_large(&self, params: TooLargeParams) {
        let version = params.version.unwrap_or(0);
        let tell = params.uri.as_ref().and_then(|uri| {
            let mut docs = lock(&self.state.docs);
            match params.method.as_str() {
                "textDocument/didOpen" => {
                    docs.insert(uri.clone(), Doc::unknown(version, SourceKind::from_name(uri.as_str())));
                }
                "textDocument/didChange" => docs.get_mut(uri).filter(|d| version >= d.version)?.forget(version),
                _ => return None,
            }
            Some(docs.get_mut(uri)?.tell())
        });
        let Some(uri) = params.uri.filter(|_| tell.is_some()) else {
            let lang = lock(&self.state.config).lang;
            let message = format!("planlint: {}: {}", params.method, planlint::too_large_message(params.bytes, lang));
            self.client.log_message(MessageType::WARNING, format!("{message} (skipped)")).await;
            return;
        };
        self.schedule(uri.clone());
        if tell == Some(true) {
            self.tell_too_large(&uri, params.bytes).await;
        }
    }

    /// Tells the user that a document is too large to check.
    async fn tell_too_large(&self, uri: &Uri, bytes: u64) {
        let lang = lock(&self.state.config).lang;
        self.client.show_message(MessageType::WARNING, docs::too_large_message(uri, bytes, lang)).await;
    }

    /// A request too large to read: refused.
    async fn too_large_request(&self, params: TooLargeParams) -> Result<()> {
        let lang = lock(&self.state.config).lang;
        Err(tower_lsp::jsonrpc::Error::invalid_params(format!(
            "planlint: {}: {}",
            params.method,
            planlint::too_large_message(params.bytes, lang)
        )))
    }

    /// `planlint/report`: the responsibility report of an open document as one
    /// HTML page (the same page as `planlint report --format html`), built off
    /// the message loop from the server's current copy. A custom request, not
    /// `workspace/executeCommand`: vscode-languageclient turns every advertised
    /// command into an editor command, which would clash with the extension's
    /// own `planlint.showReport`, and an HTML page is of use only to a client
    /// that renders it.
    async fn report(&self, params: DocumentTextParams) -> Result<String> {
        let Some(snap) = self.snapshot(&params.uri) else {
            let lang = lock(&self.state.config).lang;
            let message = match lang {
                planlint::Lang::Zh => format!("planlint/report：文档未打开：{}", params.uri.as_str()),
                planlint::Lang::En => format!("planlint/report: document not open: {}", params.uri.as_str()),
            };
            return Err(tower_lsp::jsonrpc::Error::invalid_params(message));
        };
        let name = features::report_name(&params.uri);
        tokio::task::spawn_blocking(move || features::report_html(&snap, &name))
            .await
            .map_err(|_| tower_lsp::jsonrpc::Error::internal_error())
    }

    /// A consistent view of a document, or `None` when it is not open, or too large to analyse.
    fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let enc = *lock(&self.state.enc);
        let config = lock(&self.state.config).clone();
        let docs = lock(&self.state.docs);
        let doc = docs.get(uri).filter(|d| !d.too_large())?;
        Some(Snapshot { text: doc.rope.to_string(), version: doc.version, kind: doc.kind, enc, config })
    }

    /// Re-reads the workspace `planlint.toml` and recomputes the effective
    /// configuration. A broken file keeps the last good one (its user is
    /// probably editing it); a file that is gone, or a directory in its place,
    /// means the defaults. Returns what to tell the user, if anything.
    fn reload_config(&self) -> Option<Notice> {
        let root = lock(&self.state.root).clone();
        let loaded = settings::load(root.as_deref());
        let had = lock(&self.state.config_path).clone();
        let (path, notice) = match loaded {
            Ok(Some((path, file))) => {
                *lock(&self.state.file_config) = file;
                (Some(path), None)
            }
            Ok(None) => {
                *lock(&self.state.file_config) = Config::default();
                (None, had.map(|p| (MessageType::INFO, settings::Gone::Removed(p))))
            }
            Err(settings::LoadError::NotAFile(p)) => {
                *lock(&self.state.file_config) = Config::default();
                (None, Some((MessageType::WARNING, settings::Gone::NotAFile(p))))
            }
            Err(settings::LoadError::Broken(e)) => {
                let kept = if had.is_some() { "keeping the previous configuration" } else { "using the defaults" };
                let notice = (MessageType::ERROR, format!("planlint: {e} ({kept})"));
                let effective = lock(&self.state.settings).apply(&lock(&self.state.file_config));
                *lock(&self.state.config) = Arc::new(effective);
                return Some(notice);
            }
        };
        *lock(&self.state.config_path) = path;
        let effective = lock(&self.state.settings).apply(&lock(&self.state.file_config));
        let lang = effective.lang;
        *lock(&self.state.config) = Arc::new(effective);
        notice.map(|(kind, gone)| (kind, gone.message(lang)))
    }

    /// After a configuration change: fresh diagnostics for every open
    /// document, and fresh inlay hints (their setting or language may have changed).
    async fn refresh_all(&self, notices: Vec<Notice>) {
        if self.state.hint_refresh.load(Ordering::Relaxed) {
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client.inlay_hint_refresh().await;
            });
        }
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
        for (kind, text) in notices {
            self.client.show_message(kind, text).await;
        }
    }

    /// Analyses the document (unless the client pulls diagnostics); see `docs.rs`.
    fn schedule(&self, uri: Uri) {
        if !self.state.pull.load(Ordering::Relaxed) {
            docs::schedule(&self.client, &self.state, uri);
        }
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
        let hint_refresh = caps
            .workspace
            .as_ref()
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|h| h.refresh_support)
            .unwrap_or(false);
        self.state.hint_refresh.store(hint_refresh, Ordering::Relaxed);
        // Rename options (with prepareRename) only for a client that says it supports them.
        let prepare = caps.text_document.as_ref().and_then(|t| t.rename.as_ref()).and_then(|r| r.prepare_support);
        let rename_provider = if prepare == Some(true) {
            OneOf::Right(RenameOptions { prepare_provider: Some(true), work_done_progress_options: Default::default() })
        } else {
            OneOf::Left(true)
        };
        #[allow(deprecated)] // `root_uri` is how older clients (Neovim 0.7) say it
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or(params.root_uri.clone())
            .and_then(|u| u.to_file_path().map(|p| p.into_owned()));
        *lock(&self.state.root) = root;
        let mut notices = Vec::new();
        if let Some(options) = &params.initialization_options {
            let (settings, bad) = Settings::from_json(options);
            *lock(&self.state.settings) = settings;
            notices.extend(settings_notice(&bad));
        }
        notices.extend(self.reload_config());
        *lock(&self.state.pending) = notices;
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
                rename_provider: Some(rename_provider),
                // Answered with nothing unless `inlayHints.leadUnit` is on.
                inlay_hint_provider: Some(OneOf::Left(true)),
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
        let pending = std::mem::take(&mut *lock(&self.state.pending));
        for (kind, text) in pending {
            self.client.show_message(kind, text).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // Some clients (Eglot, older nvim-lspconfig) send an empty payload right
        // after connecting: that must not wipe the settings given at initialize.
        let (settings, errors) = Settings::from_json(&params.settings);
        if Settings::mentions_planlint(&params.settings) {
            *lock(&self.state.settings) = settings;
        }
        let notices = settings_notice(&errors).into_iter().chain(self.reload_config()).collect();
        self.refresh_all(notices).await;
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        let notice = self.reload_config();
        self.refresh_all(notice.into_iter().collect()).await;
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        // For clients without file watching: saving planlint.toml in the editor reloads it.
        if params.text_document.uri.as_str().ends_with("planlint.toml") {
            let notice = self.reload_config();
            self.refresh_all(notice.into_iter().collect()).await;
        }
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let items = match self.snapshot(&params.text_document.uri) {
            Some(snap) => tokio::task::spawn_blocking(move || {
                // (too large documents have no snapshot)
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
        self.state.shut_down.store(true, Ordering::Relaxed);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let kind =
            if doc.language_id == "markdown" { SourceKind::Markdown } else { SourceKind::from_name(doc.uri.as_str()) };
        let bytes = doc.text.len() as u64;
        let tell = {
            let mut docs = lock(&self.state.docs);
            let mut new = Doc::new(&doc.text, doc.version, kind);
            let tell = new.tell();
            docs.insert(doc.uri.clone(), new);
            tell
        };
        self.schedule(doc.uri.clone());
        if tell {
            self.tell_too_large(&doc.uri, bytes).await;
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // No `.await` before the edit is applied: see the module docs.
        let enc = *lock(&self.state.enc);
        let uri = &params.text_document.uri;
        let (applied, tell, bytes) = {
            let mut docs = lock(&self.state.docs);
            let Some(doc) = docs.get_mut(uri) else { return };
            let applied = doc.apply(&params, enc);
            (applied, doc.tell(), doc.rope.len_bytes() as u64)
        };
        match applied {
            Err(held) => {
                let message = format!(
                    "planlint: ignored a change to version {} of {}: the server holds version {held}, which is newer",
                    params.text_document.version,
                    uri.as_str()
                );
                self.client.log_message(MessageType::WARNING, message).await;
                return;
            }
            Ok(0) => {}
            Ok(dropped) => {
                let message = format!(
                    "planlint: ignored {dropped} range change(s) to {}: its text was too large to read; \
                     waiting for the whole text",
                    uri.as_str()
                );
                self.client.log_message(MessageType::WARNING, message).await;
            }
        }
        self.schedule(uri.clone());
        if tell {
            self.tell_too_large(uri, bytes).await;
        }
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

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        let Some(snap) = self.snapshot(&params.text_document.uri) else { return Ok(None) };
        let answer = tokio::task::spawn_blocking(move || units::prepare_rename(&snap, params.position)).await;
        answer.map_err(|_| tower_lsp::jsonrpc::Error::internal_error())?.map(Some)
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let Some(snap) = self.snapshot(&p.text_document.uri) else { return Ok(None) };
        let uri = p.text_document.uri;
        let answer =
            tokio::task::spawn_blocking(move || units::rename(&snap, &uri, p.position, &params.new_name)).await;
        answer.map_err(|_| tower_lsp::jsonrpc::Error::internal_error())?.map(Some)
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        if !lock(&self.state.settings).lead_unit_hints() {
            return Ok(Some(Vec::new()));
        }
        let Some(snap) = self.snapshot(&params.text_document.uri) else { return Ok(None) };
        let hints = tokio::task::spawn_blocking(move || units::inlay_hints(&snap, params.range)).await;
        Ok(Some(hints.unwrap_or_default()))
    }
}
