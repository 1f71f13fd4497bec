//! What a test needs from outside the repository, probed once per run, and
//! what happens when it is missing: the test shows up as *ignored*, with the
//! reason, in `cargo test`'s summary (never as passed); with `CI=true` it runs
//! and fails instead, naming what `.ci/run` should have installed.
//!
//! A test here is a plain `fn()` that panics on failure, registered with
//! [`tests!`](crate::tests) under what it needs:
//!
//! ```ignore
//! pub fn tests() -> Vec<Test> {
//!     crate::tests![Nvim Shared: neovim_receives_the_expected_diagnostics, neovim_formats]
//! }
//! ```
//!
//! `--ignored` runs just the tests whose needs are missing (so they fail, saying
//! why), `--include-ignored` runs everything, `--list` lists everything.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use libtest_mimic::{Arguments, Completion, Trial};

/// Something outside the repository that a test needs.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Need {
    /// `../shared` beside the repository (or `$PLANLINT_SHARED`): the seed
    /// drafts, the dev corpus, the corpus generator, the editor harnesses.
    Shared,
    /// Python 3 (`$PLANLINT_PYTHON`, else `python3`).
    Python,
    /// Python 3 with the `jsonschema` package.
    Jsonschema,
    /// The SARIF Multitool's native executable.
    SarifMultitool,
    /// GNU `patch`.
    Patch,
    /// Neovim (`nvim`).
    Nvim,
    /// Emacs with Eglot.
    Emacs,
    /// `pre-commit` (PyPI).
    PreCommit,
    /// Node.js and `npm`.
    Npm,
    /// Chromium (`$CHROMIUM`, else `/usr/bin/chromium`), headless.
    Chromium,
    /// code-server (VS Code in the browser) and playwright-core, as
    /// `../shared/tools/lsp-clients/setup.sh tools code-server` installs them
    /// under `$LSP_CLIENTS_PREFIX` (default `/tmp/lsp-clients`).
    CodeServer,
}

impl Need {
    pub const ALL: [Need; 11] = [
        Need::Shared,
        Need::Python,
        Need::Jsonschema,
        Need::SarifMultitool,
        Need::Patch,
        Need::Nvim,
        Need::Emacs,
        Need::PreCommit,
        Need::Npm,
        Need::Chromium,
        Need::CodeServer,
    ];

    /// As the README's table and the messages name it.
    pub fn name(self) -> &'static str {
        match self {
            Need::Shared => "`../shared`",
            Need::Python => "Python 3",
            Need::Jsonschema => "Python `jsonschema`",
            Need::SarifMultitool => "SARIF Multitool",
            Need::Patch => "`patch`",
            Need::Nvim => "Neovim (`nvim`)",
            Need::Emacs => "Emacs with Eglot",
            Need::PreCommit => "`pre-commit`",
            Need::Npm => "Node.js and `npm`",
            Need::Chromium => "Chromium",
            Need::CodeServer => "code-server and playwright-core",
        }
    }

    /// How `.ci/run` provides it.
    pub fn install(self) -> &'static str {
        match self {
            Need::Shared => "checked out beside the repository (or `PLANLINT_SHARED=DIR`)",
            Need::Python => "`apt-get install python3`",
            Need::Jsonschema => "`pip install jsonschema`",
            Need::SarifMultitool => "`npm install -g @microsoft/sarif-multitool@5.7.0`",
            Need::Patch => "`apt-get install patch`",
            Need::Nvim => "`apt-get install neovim`",
            Need::Emacs => "`apt-get install emacs-nox elpa-eglot`",
            Need::PreCommit => "`pip install pre-commit==4.7.0`",
            Need::Npm => "`apt-get install npm`",
            Need::Chromium => "`apt-get install chromium`",
            Need::CodeServer => "`bash ../shared/tools/lsp-clients/setup.sh tools code-server`",
        }
    }

    /// What was found (a path or a version), or why it is missing. Probed once per run.
    pub fn check(self) -> Result<&'static str, &'static str> {
        static PROBES: [OnceLock<Result<String, String>>; Need::ALL.len()] =
            [const { OnceLock::new() }; Need::ALL.len()];
        let probe = PROBES[self as usize].get_or_init(|| self.probe());
        probe.as_deref().map_err(String::as_str)
    }

    /// What was found: the `../shared` directory, the Python or Multitool
    /// executable, a version. Only for tests registered with this need, which
    /// do not run without it.
    pub fn found(self) -> &'static str {
        self.check().unwrap_or_else(|why| panic!("{} is missing ({why}); register the test with it", self.name()))
    }

    fn probe(self) -> Result<String, String> {
        match self {
            Need::Shared => {
                let dir = shared_dir();
                if dir.join("corpus/seeds").is_dir() {
                    Ok(dir.display().to_string())
                } else {
                    Err(format!("{} not found", dir.display()))
                }
            }
            Need::Python => version(&python(), &["--version"]),
            Need::Jsonschema => {
                version(&python(), &["-c", "import jsonschema; print(jsonschema.__name__)"])
                    .map_err(|_| format!("{} cannot import jsonschema", python().display()))?;
                Ok(python().display().to_string())
            }
            Need::SarifMultitool => sarif_multitool().map(|p| p.display().to_string()).ok_or_else(|| {
                "the Sarif.Multitool executable not found ($PLANLINT_SARIF_MULTITOOL, or `sarif-multitool` on PATH)"
                    .into()
            }),
            Need::Patch => version(&"patch".into(), &["--version"]),
            Need::Nvim => version(&"nvim".into(), &["--version"]),
            Need::Emacs => {
                version(&"emacs".into(), &["--version"])?;
                let load =
                    ["--batch", "-q", "--eval", "(progn (require 'eglot) (princ (format \"Emacs %s\" emacs-version)))"];
                version(&"emacs".into(), &load).map_err(|_| "emacs cannot load Eglot".to_string())
            }
            Need::PreCommit => version(&"pre-commit".into(), &["--version"]),
            Need::Npm => version(&"npm".into(), &["--version"]),
            Need::Chromium => version(&chromium(), &["--version"]),
            Need::CodeServer => {
                let prefix = lsp_clients_prefix();
                let playwright = prefix.join("vsx-tools/node_modules/playwright-core");
                if !playwright.is_dir() {
                    return Err(format!("{} not found", playwright.display()));
                }
                // Its first run may log that it wrote a default configuration first.
                let out = Command::new(code_server()).arg("--version").stdin(Stdio::null()).output();
                let out = out.map_err(|e| format!("{} does not run ({e})", code_server().display()))?;
                let text = String::from_utf8_lossy(&out.stdout);
                match text.lines().find(|l| l.contains("with Code")) {
                    Some(line) if out.status.success() => Ok(line.trim().to_string()),
                    _ => Err(format!("`{} --version` failed ({})", code_server().display(), out.status)),
                }
            }
        }
    }
}

/// The first line a program prints, or why it did not run.
fn version(program: &PathBuf, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program).args(args).stdin(Stdio::null()).output().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{} not found on PATH", program.display()),
        _ => format!("{} does not run ({e})", program.display()),
    })?;
    if !out.status.success() {
        return Err(format!("`{} {}` failed ({})", program.display(), args.join(" "), out.status));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(text.lines().next().unwrap_or_default().trim().to_string())
}

/// `../shared` beside the repository, or `$PLANLINT_SHARED`.
fn shared_dir() -> PathBuf {
    std::env::var_os("PLANLINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

/// The Chromium the tests run: `$CHROMIUM`, else `/usr/bin/chromium`.
pub fn chromium() -> PathBuf {
    PathBuf::from(std::env::var_os("CHROMIUM").unwrap_or_else(|| "/usr/bin/chromium".into()))
}

/// Where `setup.sh` of the client harnesses installs its npm packages:
/// `$LSP_CLIENTS_PREFIX`, else `/tmp/lsp-clients`.
pub fn lsp_clients_prefix() -> PathBuf {
    PathBuf::from(std::env::var_os("LSP_CLIENTS_PREFIX").unwrap_or_else(|| "/tmp/lsp-clients".into()))
}

/// The code-server the end-to-end test runs: `$CODE_SERVER`, else the one `setup.sh` installs.
pub fn code_server() -> PathBuf {
    std::env::var_os("CODE_SERVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| lsp_clients_prefix().join("code-server/node_modules/.bin/code-server"))
}

/// The Python the tests run: `$PLANLINT_PYTHON`, else `python3`.
pub fn python() -> PathBuf {
    PathBuf::from(std::env::var_os("PLANLINT_PYTHON").unwrap_or_else(|| "python3".into()))
}

/// The SARIF Multitool's native executable: `$PLANLINT_SARIF_MULTITOOL`, or
/// found through the `sarif-multitool` command that
/// `npm install -g @microsoft/sarif-multitool` puts on the PATH (its `bin.js`
/// passes arguments through a shell, which splits `Gh;Sarif`, so the test
/// calls the executable it wraps).
fn sarif_multitool() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PLANLINT_SARIF_MULTITOOL") {
        return Some(PathBuf::from(path));
    }
    let platform = match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    };
    let exe = if cfg!(windows) { "Sarif.Multitool.exe" } else { "Sarif.Multitool" };
    let on_path =
        std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join("sarif-multitool")).find(|p| p.exists())?;
    let bin_js = std::fs::canonicalize(on_path).ok()?;
    // The platform package sits where Node's `require` finds it: nested
    // (global installs) or beside the wrapper package (local installs).
    let package = bin_js.parent()?;
    let native = format!("sarif-multitool-{platform}");
    [package.join("node_modules/@microsoft"), package.parent()?.to_path_buf()]
        .into_iter()
        .map(|scope| scope.join(&native).join(exe))
        .find(|p| p.exists())
}

fn in_ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// One registered test.
#[derive(Clone, Copy)]
pub struct Test {
    /// `module::function`, as the standard harness names tests.
    pub name: &'static str,
    pub needs: &'static [Need],
    pub run: fn(),
}

impl Test {
    /// What this test needs that is missing here, with why.
    fn missing(&self) -> Vec<(Need, &'static str)> {
        self.needs.iter().filter_map(|&n| n.check().err().map(|why| (n, why))).collect()
    }
}

/// `needs X: why; Y: why`.
fn reason(missing: &[(Need, &str)]) -> String {
    let parts: Vec<String> = missing.iter().map(|(n, why)| format!("{}: {why}", n.name())).collect();
    format!("needs {}", parts.join("; "))
}

/// Registers test functions under what they need:
/// `tests![Nvim Shared: first_test, second_test]`; `tests![: test]` for one that needs nothing.
#[macro_export]
macro_rules! tests {
    ($($need:ident)* : $($test:ident),+ $(,)?) => {{
        const NEEDS: &[$crate::needs::Need] = &[$($crate::needs::Need::$need),*];
        vec![$($crate::needs::Test { name: concat!(module_path!(), "::", stringify!($test)), needs: NEEDS, run: $test }),+]
    }};
}

/// The trials libtest-mimic runs. A test whose needs are missing is ignored at
/// run time with the reason (`ignored (needs Neovim (`nvim`): …)`); when
/// `--ignored` selects ignored tests, that is decided before the run (probing
/// only the selected tests' needs). With `CI=true`, or when asked to run it
/// (`--ignored`, `--include-ignored`), such a test fails with the reason.
pub fn trials(args: &Arguments, tests: Vec<Test>) -> Vec<Trial> {
    let ci = in_ci();
    let asked = args.ignored || args.include_ignored;
    tests
        .into_iter()
        .map(|test| {
            let name = test.name.split_once("::").map_or(test.name, |(_, rest)| rest);
            let mut ignored = false;
            if args.ignored && !ci && !args.is_filtered_out(&Trial::test(name, || Ok(())).with_ignored_flag(true)) {
                ignored = !test.missing().is_empty();
            }
            Trial::ignorable_test(name, move || {
                let missing = test.missing();
                if missing.is_empty() {
                    (test.run)();
                    return Ok(Completion::Completed);
                }
                let why = reason(&missing);
                if ci {
                    let install: Vec<String> =
                        missing.iter().map(|(n, _)| format!("{}: {}", n.name(), n.install())).collect();
                    Err(format!("{why}, but CI=true: .ci/run must provide it ({})", install.join("; ")).into())
                } else if asked {
                    Err(format!("cannot run here: {why}").into())
                } else {
                    Ok(Completion::ignored_with(why))
                }
            })
            .with_ignored_flag(ignored)
        })
        .collect()
}
