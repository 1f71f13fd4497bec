//! The server's copy of each open document, how the client's changes apply to
//! it, and when it is analysed.
//!
//! - A `didChange` for a version older than the one held is refused (and
//!   logged): applying it would make the copy drift from the editor's.
//! - A text over `planlint::MAX_INPUT_BYTES` is not analysed: the client is
//!   told once, and the diagnostics are cleared. If it came in a message too
//!   large to read (`frame.rs`), the server does not have the text at all
//!   (`unknown`) until a change gives it whole again.
//! - Analysis is single-flight per document: while one runs, changes only mark
//!   the document dirty, and the analysis that follows takes the latest text.
//!   A change that comes less than [`BURST_GAP`] after the previous one starts
//!   a burst (a replay, a script, a held-down key in a fast client): the next
//!   analysis waits until the document has been quiet for [`QUIET`], or at
//!   most [`MAX_WAIT`], so that a flood of changes costs a handful of analyses.
//!   A keystroke after a pause is analysed at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use ropey::Rope;
use tower_lsp::Client;
use tower_lsp::ls_types::*;

use planlint::SourceKind;

use super::text::{self, Enc};
use super::{State, TEST_PANIC, features, lock};

/// Changes closer together than this are a burst.
const BURST_GAP: Duration = Duration::from_millis(10);
/// In a burst, analysis waits for this long without a change...
const QUIET: Duration = Duration::from_millis(50);
/// ...but never longer than this, so that a continuous stream still gets fresh diagnostics.
const MAX_WAIT: Duration = Duration::from_millis(500);

/// Documents up to this size are analysed on the async worker itself.
const INLINE_ANALYSIS_LIMIT: usize = 256 * 1024;

/// The server's copy of one open document.
pub(super) struct Doc {
    pub rope: Rope,
    pub version: i32,
    pub kind: SourceKind,
    /// The client sent the text in a message too large to read: `rope` is
    /// empty, not the text. Only a whole-text change can bring it back.
    pub unknown: bool,
    /// This opening of the document (a reopened document is a new one).
    epoch: u64,
    /// An analysis task is running for this document.
    running: bool,
    /// Changed since the running analysis took its snapshot.
    dirty: bool,
    /// When the last change arrived, and whether it came in a burst.
    changed: Instant,
    burst: bool,
    /// The client has been told that this document is too large (reset when it no longer is).
    told: bool,
}

impl Doc {
    pub fn new(text: &str, version: i32, kind: SourceKind) -> Doc {
        static EPOCH: AtomicU64 = AtomicU64::new(0);
        Doc {
            rope: Rope::from_str(text),
            version,
            kind,
            unknown: false,
            epoch: EPOCH.fetch_add(1, Ordering::Relaxed),
            running: false,
            dirty: false,
            changed: Instant::now(),
            burst: false,
            told: false,
        }
    }

    /// A document whose text the server did not read.
    pub fn unknown(version: i32, kind: SourceKind) -> Doc {
        Doc { unknown: true, ..Doc::new("", version, kind) }
    }

    /// Over the size limit, or unknown for having been sent in a message over it.
    pub fn too_large(&self) -> bool {
        self.unknown || self.rope.len_bytes() > planlint::MAX_INPUT_BYTES
    }

    /// Whether to tell the client now that the document is too large: once
    /// each time it becomes so.
    pub fn tell(&mut self) -> bool {
        let too_large = self.too_large();
        let tell = too_large && !self.told;
        self.told = too_large;
        tell
    }

    /// Applies a `didChange`. `Err` (nothing applied) when its version is older
    /// than the one held. Range changes to an unknown text are dropped (there
    /// is nothing to apply them to); the count is returned.
    pub fn apply(&mut self, params: &DidChangeTextDocumentParams, enc: Enc) -> Result<usize, i32> {
        let version = params.text_document.version;
        if version < self.version {
            return Err(self.version);
        }
        let mut dropped = 0;
        for change in &params.content_changes {
            if change.range.is_none() {
                self.unknown = false;
            }
            if self.unknown {
                dropped += 1;
            } else {
                text::apply_change(&mut self.rope, change, enc);
            }
        }
        self.version = version;
        let now = Instant::now();
        self.burst |= now.duration_since(self.changed) < BURST_GAP;
        self.changed = now;
        Ok(dropped)
    }

    /// The text was sent in a message too large to read.
    pub fn forget(&mut self, version: i32) {
        self.rope = Rope::new();
        self.unknown = true;
        self.version = version;
        self.changed = Instant::now();
    }
}

/// `planlint: FILE: too large …`, in the configured language.
pub fn too_large_message(uri: &Uri, bytes: u64, lang: planlint::Lang) -> String {
    let name = uri.as_str().rsplit('/').next().unwrap_or(uri.as_str());
    format!("planlint: {name}: {}", planlint::too_large_message(bytes, lang))
}

/// Analyses the document off the message loop and publishes the result if
/// the document has not changed meanwhile; see the module docs for when.
pub(super) fn schedule(client: &Client, state: &Arc<State>, uri: Uri) {
    let epoch = {
        let mut docs = lock(&state.docs);
        let Some(doc) = docs.get_mut(&uri) else { return };
        doc.dirty = true;
        if doc.running {
            return;
        }
        doc.running = true;
        doc.epoch
    };
    let client = client.clone();
    let state = state.clone();
    tokio::spawn(async move {
        while let Some(snapshot) = next(&state, &uri, epoch).await {
            analyse_and_publish(&client, &state, &uri, snapshot).await;
        }
    });
}

/// What one analysis reads: the text (`None`: too large), its version, its kind.
type Taken = (Option<Rope>, i32, SourceKind);

/// Waits out a burst, then takes the document's latest text, or ends the
/// task (`None`) when nothing changed since the last analysis or the document
/// was closed.
async fn next(state: &State, uri: &Uri, epoch: u64) -> Option<Taken> {
    let waiting = Instant::now();
    loop {
        let quiet_for = {
            let docs = lock(&state.docs);
            let doc = docs.get(uri).filter(|d| d.epoch == epoch)?;
            if !doc.burst {
                break;
            }
            doc.changed.elapsed()
        };
        let waited = waiting.elapsed();
        if quiet_for >= QUIET || waited >= MAX_WAIT {
            break;
        }
        tokio::time::sleep((QUIET - quiet_for).min(MAX_WAIT - waited)).await;
    }
    let mut docs = lock(&state.docs);
    let doc = docs.get_mut(uri).filter(|d| d.epoch == epoch)?;
    if !doc.dirty {
        doc.running = false;
        return None;
    }
    doc.dirty = false;
    doc.burst = false;
    let rope = (!doc.too_large()).then(|| doc.rope.clone());
    Some((rope, doc.version, doc.kind))
}

async fn analyse_and_publish(client: &Client, state: &Arc<State>, uri: &Uri, (rope, version, kind): Taken) {
    let enc = *lock(&state.enc);
    let config = lock(&state.config).clone();
    // Current = same document version and same configuration (a settings
    // change keeps the version but makes every earlier result stale).
    let used = config.clone();
    let current = |state: &State| {
        lock(&state.docs).get(uri).map(|d| d.version) == Some(version) && Arc::ptr_eq(&lock(&state.config), &used)
    };
    let Some(rope) = rope else {
        // Too large: no findings (and none left over from a smaller version).
        let _guard = state.publish.lock().await;
        if current(state) {
            client.publish_diagnostics(uri.clone(), Vec::new(), Some(version)).await;
        }
        return;
    };
    state.analyses.fetch_add(1, Ordering::Relaxed);
    let small = rope.len_bytes() <= INLINE_ANALYSIS_LIMIT;
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
            if current(state) {
                client.publish_diagnostics(uri.clone(), diagnostics, Some(version)).await;
            }
        }
        Err(e) => {
            client
                .log_message(MessageType::ERROR, format!("planlint: analysis failed ({e}); the server keeps running"))
                .await;
        }
    }
}
