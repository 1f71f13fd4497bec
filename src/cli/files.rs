//! Which files to check, how to read them, and which `planlint.toml` applies.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use planlint::{Config, Lang, SourceKind};

use super::decode;

/// File names of the configuration, in order of preference.
const CONFIG_NAMES: [&str; 2] = ["planlint.toml", ".planlint.toml"];
/// Extensions of drafts found when walking directories.
const DRAFT_EXTENSIONS: [&str; 4] = ["txt", "md", "markdown", "docx"];

/// Where a draft's bytes come from.
pub enum Input {
    File(PathBuf),
    Stdin,
}

/// One draft to check.
pub struct Target {
    /// The path as printed in findings.
    pub display: String,
    pub input: Input,
    pub kind: SourceKind,
}

/// Expands the command-line paths into drafts, in a stable order: arguments in
/// the order given, each directory's files sorted by path. Paths that do not
/// exist are reported; the returned flag says whether any was.
pub fn collect(paths: &[PathBuf], stdin_filename: Option<&str>, lang: Lang) -> (Vec<Target>, bool) {
    let mut targets = Vec::new();
    let mut seen = HashSet::new();
    let mut failed = false;
    let mut stdin_taken = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if !stdin_taken {
                stdin_taken = true;
                targets.push(Target {
                    display: stdin_filename.unwrap_or("<stdin>").to_string(),
                    input: Input::Stdin,
                    kind: stdin_filename.map_or(SourceKind::PlainText, SourceKind::from_name),
                });
            }
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let walker = ignore::WalkBuilder::new(path)
                    .require_git(false)
                    .add_custom_ignore_filename(".planlintignore")
                    .sort_by_file_name(|a, b| a.cmp(b))
                    .build();
                for entry in walker {
                    match entry {
                        Ok(entry) => {
                            let is_file = entry.file_type().is_some_and(|t| t.is_file());
                            if is_file && is_draft(entry.path()) && seen.insert(entry.path().to_path_buf()) {
                                targets.push(file_target(entry.path()));
                            }
                        }
                        Err(e) => {
                            eprintln!("planlint: error: {e}");
                            failed = true;
                        }
                    }
                }
            }
            Ok(_) => {
                if seen.insert(path.clone()) {
                    targets.push(file_target(path));
                }
            }
            Err(e) => {
                let what = if e.kind() == std::io::ErrorKind::NotFound {
                    lang.pick("文件或目录不存在", "no such file or directory").to_string()
                } else {
                    e.to_string()
                };
                eprintln!("planlint: error: {}: {what}", path.display());
                failed = true;
            }
        }
    }
    (targets, failed)
}

fn is_draft(path: &Path) -> bool {
    // `~$草稿.docx` is the lock file Word keeps beside a document it has open, not a document.
    let lock = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("~$"));
    !lock
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| DRAFT_EXTENSIONS.iter().any(|d| d.eq_ignore_ascii_case(e)))
}

fn file_target(path: &Path) -> Target {
    let display = path.to_string_lossy();
    let display = display.strip_prefix("./").unwrap_or(&display).to_string();
    Target { kind: SourceKind::from_name(&display), display, input: Input::File(path.to_path_buf()) }
}

/// A draft's text: reads the file (or standard input) and turns its bytes into
/// text, a `.docx` included (see [`decode::to_text`]). Every command that reads
/// drafts goes through here. The error is a complete message naming the file.
pub fn read(target: &Target, lang: Lang) -> Result<String, String> {
    read_with_source(target, lang).map(|(text, _)| text)
}

/// [`read`], also saying what the bytes were (to write a fixed draft back the
/// same way, or not at all for a `.docx`).
pub fn read_with_source(target: &Target, lang: Lang) -> Result<(String, decode::Source), String> {
    let fail = |what: String| format!("{}: {what}", target.display);
    let bytes = match &target.input {
        Input::Stdin => read_limited(std::io::stdin().lock(), None, lang).map_err(fail)?,
        Input::File(path) => {
            let meta = std::fs::metadata(path).map_err(|e| fail(e.to_string()))?;
            let file = std::fs::File::open(path).map_err(|e| fail(e.to_string()))?;
            // The length of a regular file; special files (FIFOs, /dev/stdin) say 0.
            let len = meta.is_file().then_some(meta.len()).filter(|&n| n > 0);
            read_limited(file, len, lang).map_err(fail)?
        }
    };
    decode::to_text(bytes, &target.display).map_err(|e| fail(e.message(lang)))
}

/// Reads to the end, keeping at most `planlint::MAX_INPUT_BYTES` bytes: a
/// larger input is an error naming its size (the rest is read and counted, not
/// kept, so memory stays bounded). A file whose length says it is too large is
/// not read at all.
fn read_limited(mut input: impl std::io::Read, len: Option<u64>, lang: Lang) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let limit = planlint::MAX_INPUT_BYTES as u64;
    if let Some(len) = len.filter(|&n| n > limit) {
        return Err(planlint::too_large_message(len, lang));
    }
    let mut bytes = Vec::with_capacity(len.unwrap_or(0) as usize);
    (&mut input).take(limit + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        let rest = std::io::copy(&mut input, &mut std::io::sink()).map_err(|e| e.to_string())?;
        return Err(planlint::too_large_message(bytes.len() as u64 + rest, lang));
    }
    Ok(bytes)
}

/// What a file looked like when it was read: its length and modification
/// time. `write_atomic` refuses to replace a file that changed since.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

pub fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp { len: meta.len(), modified: meta.modified().ok() })
}

/// Replaces a file's content atomically: the bytes go to a temporary file
/// beside it, which takes the original's permissions and is renamed over it,
/// so a reader (or a crash) sees the old file or the new one, never half of
/// each. A symbolic link is followed: the file it points to is replaced and
/// the link kept. A file that changed since `read` (its `Stamp` differs) is
/// left alone.
pub fn write_atomic(path: &Path, bytes: &[u8], read: Option<Stamp>, lang: Lang) -> Result<(), String> {
    use std::io::Write;
    let real = std::fs::canonicalize(path).map_err(|e| e.to_string())?;
    let meta = std::fs::metadata(&real).map_err(|e| e.to_string())?;
    if read.is_some_and(|s| s != Stamp { len: meta.len(), modified: meta.modified().ok() }) {
        return Err(lang
            .pick("文件在检查期间被修改，未写回修复", "the file changed while it was being checked; fixes not written")
            .to_string());
    }
    let dir = real.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".planlint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| format!("{}: {e}", lang.pick("无法创建临时文件", "cannot create a temporary file")))?;
    tmp.write_all(bytes).map_err(|e| e.to_string())?;
    tmp.as_file().set_permissions(meta.permissions()).map_err(|e| e.to_string())?;
    tmp.as_file().sync_all().map_err(|e| e.to_string())?;
    tmp.persist(&real).map_err(|e| e.error.to_string())?;
    Ok(())
}

/// Configuration lookup: an explicit `--config`, or the nearest
/// `planlint.toml` / `.planlint.toml` above each draft (cached per directory).
pub struct Configs {
    explicit: Option<Arc<Config>>,
    lang: Option<Lang>,
    default: Arc<Config>,
    cache: HashMap<PathBuf, Result<Arc<Config>, String>>,
}

impl Configs {
    pub fn new(explicit: Option<&Path>, lang: Option<Lang>) -> Result<Configs, String> {
        let mut default = Config::default();
        if let Some(lang) = lang {
            default.lang = lang;
        }
        let mut configs = Configs { explicit: None, lang, default: Arc::new(default), cache: HashMap::new() };
        if let Some(path) = explicit {
            configs.explicit = Some(configs.load(path)?);
        }
        Ok(configs)
    }

    fn load(&self, path: &Path) -> Result<Arc<Config>, String> {
        let src = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut config = Config::from_toml(&src).map_err(|e| format!("{}:{e}", path.display()))?;
        if let Some(lang) = self.lang {
            config.lang = lang;
        }
        Ok(Arc::new(config))
    }

    /// The configuration for a draft.
    pub fn for_target(&mut self, target: &Target, cwd: &Path) -> Result<Arc<Config>, String> {
        let dir = match &target.input {
            Input::File(path) => cwd.join(path).parent().map_or_else(|| cwd.to_path_buf(), Path::to_path_buf),
            Input::Stdin => match Path::new(&target.display).parent() {
                Some(parent) if target.display != "<stdin>" => cwd.join(parent),
                _ => cwd.to_path_buf(),
            },
        };
        self.for_dir(&dir)
    }

    /// The message language configured for a directory (for the summary line).
    pub fn lang_for_dir(&mut self, dir: &Path) -> Lang {
        self.for_dir(dir).map_or(self.default.lang, |c| c.lang)
    }

    fn for_dir(&mut self, dir: &Path) -> Result<Arc<Config>, String> {
        if let Some(config) = &self.explicit {
            return Ok(config.clone());
        }
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut visited = Vec::new();
        let mut current = Some(dir.as_path());
        let found = loop {
            let Some(d) = current else { break Ok(self.default.clone()) };
            if let Some(hit) = self.cache.get(d) {
                break hit.clone();
            }
            visited.push(d.to_path_buf());
            if let Some(path) = CONFIG_NAMES.iter().map(|n| d.join(n)).find(|p| p.is_file()) {
                break self.load(&path);
            }
            current = d.parent();
        };
        for d in visited {
            self.cache.insert(d, found.clone());
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomic_replaces_the_file_unless_it_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.txt");
        std::fs::write(&path, "一、总体要求\n").unwrap();
        let read = stamp(&path);
        write_atomic(&path, "一、总体要求。\n".as_bytes(), read, Lang::Zh).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "一、总体要求。\n");
        // Another writer got there first: the stamp of the earlier read no longer matches.
        std::fs::write(&path, "一、总体要求（修订）\n").unwrap();
        let err = write_atomic(&path, b"x", read, Lang::Zh).unwrap_err();
        assert!(err.contains("被修改"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "一、总体要求（修订）\n");
    }
}
