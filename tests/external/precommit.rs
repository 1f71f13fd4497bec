//! pre-commit: the hook in `.pre-commit-hooks.yaml`, run by the real
//! `pre-commit` (PyPI) in throwaway git repositories, the way a user's
//! `.pre-commit-config.yaml` would use it.
//!
//! The hook repository is a snapshot of this work tree (the files git would
//! see, tracked or untracked but not ignored, less those a build does not read:
//! see [`left_out`]) committed with a fixed author and date into
//! `<target>/precommit-hook/repos/<commit>`, so uncommitted work is tested and
//! the commit id only changes when those files do. pre-commit builds
//! the hook (`cargo install --path .`, release) once per snapshot into
//! `PRE_COMMIT_HOME=<target>/precommit-hook/home/<commit>` and reuses it on
//! later runs; the inner cargo keeps its artifacts in
//! `<target>/precommit-hook/cargo-target`, so a changed snapshot rebuilds
//! only planlint itself. (`pre-commit try-repo`, what a user runs to try the
//! hook, ignores `PRE_COMMIT_HOME` and installs into a fresh temporary store
//! on every run, so it would add a second build to every test run; it was
//! checked by hand instead: same result.)
//!
//! They need `pre-commit`: without it they show as ignored, except in CI
//! (`CI=true`), where `.ci/run` installs it from PyPI and its absence is a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::SystemTime;

use crate::needs::Test;

pub fn tests() -> Vec<Test> {
    crate::tests![PreCommit:
        precommit_hook_blocks_a_commit_with_a_placeholder_and_lets_the_fixed_draft_through,
        precommit_hook_checks_only_drafts_and_passes_args,
        precommit_hook_checks_docx_drafts,
    ]
}

/// A draft with one error: an unfilled placeholder on line 4, column 5.
const BAD: &str = "北岭市2026年科技创新工作要点\n\n一、工作目标\n——新增**家企业。\n";
/// The same draft, filled in.
const CLEAN: &str = "北岭市2026年科技创新工作要点\n\n一、工作目标\n——新增30家企业。\n";
/// Only a warning (a target without a number): passes unless `--strict`.
const WARN: &str = "北岭市2026年科技创新工作要点\n\n一、工作目标\n——区域创新体系更加完善。\n";

fn precommit_hook_blocks_a_commit_with_a_placeholder_and_lets_the_fixed_draft_through() {
    let hook = Hook::get();
    let repo = hook.sample_repo(&[]);
    repo.run_ok("pre-commit", &["install"]);

    repo.write("plans/要点.txt", BAD);
    repo.git(&["add", "-A"]);
    let out = repo.run("git", &["commit", "-m", "draft"]);
    let text = both(&out);
    assert_eq!(out.status.code(), Some(1), "the commit must be refused\n{text}");
    for needle in ["planlint", "Failed", "plans/要点.txt:4:5: error[PL101/placeholder]", "模板占位符“**”未替换"]
    {
        assert!(text.contains(needle), "hook output lacks {needle:?}\n{text}");
    }
    assert!(!repo.run("git", &["rev-parse", "--verify", "-q", "HEAD"]).status.success(), "nothing may be committed");

    repo.write("plans/要点.txt", CLEAN);
    repo.git(&["add", "-A"]);
    let out = repo.run("git", &["commit", "-m", "draft"]);
    let text = both(&out);
    assert!(out.status.success(), "the clean draft must be committed\n{text}");
    assert!(text.contains("planlint") && text.contains("Passed"), "{text}");
}

fn precommit_hook_checks_only_drafts_and_passes_args() {
    let hook = Hook::get();
    let repo = hook.sample_repo(&[]);
    repo.write("plan.markdown", BAD);
    repo.write("notes.rst", BAD);
    repo.write("warn.md", WARN);
    repo.write("clean.txt", CLEAN);

    // .markdown is a draft; .rst is not, so only one file is reported.
    let out = repo.run("pre-commit", &["run", "planlint", "--files", "plan.markdown", "notes.rst"]);
    let text = both(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("plan.markdown:4:5: error[PL101/placeholder]"), "{text}");
    assert!(!text.contains("notes.rst"), "notes.rst is not a draft\n{text}");
    assert!(text.contains("检查了 1 个文件"), "{text}");

    let out = repo.run("pre-commit", &["run", "planlint", "--files", "notes.rst"]);
    assert!(out.status.success() && both(&out).contains("Skipped"), "{}", both(&out));

    // Warnings do not fail the hook by default...
    let out = repo.run("pre-commit", &["run", "planlint", "--files", "warn.md", "clean.txt"]);
    assert!(out.status.success() && both(&out).contains("Passed"), "{}", both(&out));

    // ...but do with `args: [--strict]` in the user's configuration.
    let strict = hook.sample_repo(&["--strict"]);
    strict.write("warn.md", WARN);
    let out = strict.run("pre-commit", &["run", "planlint", "--files", "warn.md"]);
    let text = both(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("warn.md:4:3: warning[PL301/target-without-number]"), "{text}");
}

fn precommit_hook_checks_docx_drafts() {
    let hook = Hook::get();
    let repo = hook.sample_repo(&[]);
    // The same draft as a Word document: binary to pre-commit, a draft to the hook.
    repo.write_bytes("plans/要点.docx", &crate::docx::from_text(BAD));
    let out = repo.run("pre-commit", &["run", "planlint", "--files", "plans/要点.docx"]);
    let text = both(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("plans/要点.docx:4:5: error[PL101/placeholder]"), "{text}");
    repo.write_bytes("plans/要点.docx", &crate::docx::from_text(CLEAN));
    let out = repo.run("pre-commit", &["run", "planlint", "--files", "plans/要点.docx"]);
    assert!(out.status.success() && both(&out).contains("Passed"), "{}", both(&out));
}

/// Files `cargo install --path .` does not read. Leaving them out of the
/// snapshot spares a release rebuild when only tests, docs or editor
/// configurations change. (`readme` in Cargo.toml is not read by a build.)
fn left_out(rel: &str) -> bool {
    ["tests/", "editors/", ".ci/"].iter().any(|dir| rel.starts_with(dir))
        || (!rel.contains('/') && rel.ends_with(".md"))
}

/// The snapshot hook repository, with the hook environment installed.
struct Hook {
    root: PathBuf,
    repo: PathBuf,
    rev: String,
    home: PathBuf,
}

impl Hook {
    /// Set up once per test binary: concurrent tests share one build.
    fn get() -> &'static Hook {
        static HOOK: OnceLock<Hook> = OnceLock::new();
        HOOK.get_or_init(Hook::install)
    }

    fn install() -> Hook {
        // <target>/debug/planlint -> <target>/precommit-hook
        let bin = Path::new(env!("CARGO_BIN_EXE_planlint"));
        let root = bin.parent().and_then(Path::parent).unwrap().join("precommit-hook");
        std::fs::create_dir_all(root.join("repos")).unwrap();
        std::fs::create_dir_all(root.join("home")).unwrap();

        // Snapshot the work tree into a fresh repository with a reproducible commit.
        let source = Path::new(env!("CARGO_MANIFEST_DIR"));
        let stamp = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_nanos();
        let tmp = root.join(format!("tmp-{}-{stamp}", std::process::id()));
        let listed = git_cmd(source).args(["ls-files", "-z", "--cached", "--others", "--exclude-standard"]).output();
        let listed = listed.expect("git runs");
        assert!(listed.status.success(), "git ls-files in {}: {}", source.display(), both(&listed));
        for rel in listed.stdout.split(|&b| b == 0).filter(|r| !r.is_empty()) {
            let rel = std::str::from_utf8(rel).unwrap();
            let from = source.join(rel);
            if left_out(rel) || !from.is_file() {
                continue; // left out, or deleted but still in the index
            }
            let to = tmp.join(rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(&from, &to).unwrap();
        }
        assert!(tmp.join(".pre-commit-hooks.yaml").is_file(), "the snapshot lacks .pre-commit-hooks.yaml");
        for args in [&["init", "-q", "-b", "main"][..], &["add", "-A"], &["commit", "-q", "-m", "snapshot"]] {
            let out = git_cmd(&tmp)
                .args(args)
                .env("GIT_AUTHOR_NAME", "planlint tests")
                .env("GIT_AUTHOR_EMAIL", "tests@planlint.invalid")
                .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
                .env("GIT_COMMITTER_NAME", "planlint tests")
                .env("GIT_COMMITTER_EMAIL", "tests@planlint.invalid")
                .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
                .output()
                .expect("git runs");
            assert!(out.status.success(), "git {args:?} in the snapshot: {}", both(&out));
        }
        let rev = git_cmd(&tmp).args(["rev-parse", "HEAD"]).output().unwrap();
        let rev = String::from_utf8(rev.stdout).unwrap().trim().to_string();
        let repo = root.join("repos").join(&rev);
        if std::fs::rename(&tmp, &repo).is_err() {
            std::fs::remove_dir_all(&tmp).unwrap(); // this snapshot exists already
        }
        let home = root.join("home").join(&rev);
        // Snapshots and stores of earlier work trees are of no more use (best effort).
        for dir in ["repos", "home"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap().filter_map(Result::ok) {
                if entry.file_name() != rev.as_str() {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        let hook = Hook { root, repo, rev, home };

        // Build the hook environment once; later pre-commit runs reuse it.
        let warm = hook.sample_repo(&[]);
        let out = warm.run("nice", &["-n", "10", "pre-commit", "install-hooks"]);
        assert!(out.status.success(), "pre-commit install-hooks failed\n{}", both(&out));
        hook
    }

    /// A new git repository whose `.pre-commit-config.yaml` uses the hook, with `args`.
    fn sample_repo(&self, args: &[&str]) -> Sample<'_> {
        let dir = tempfile::tempdir().unwrap();
        let sample = Sample { dir, hook: self };
        sample.git(&["init", "-q", "-b", "main"]);
        sample.git(&["config", "user.name", "Drafter"]);
        sample.git(&["config", "user.email", "drafter@example.invalid"]);
        sample.git(&["config", "commit.gpgsign", "false"]);
        let args = if args.is_empty() {
            String::new()
        } else {
            format!("        args: [{}]\n", args.iter().map(|a| format!("'{a}'")).collect::<Vec<_>>().join(", "))
        };
        sample.write(
            ".pre-commit-config.yaml",
            &format!(
                "repos:\n  - repo: {}\n    rev: {}\n    hooks:\n      - id: planlint\n{args}",
                self.repo.display(),
                self.rev
            ),
        );
        sample
    }
}

/// A throwaway repository that uses the hook.
struct Sample<'a> {
    dir: tempfile::TempDir,
    hook: &'a Hook,
}

impl Sample<'_> {
    fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    fn git(&self, args: &[&str]) {
        let out = self.run("git", args);
        assert!(out.status.success(), "git {args:?}: {}", both(&out));
    }

    fn run(&self, program: &str, args: &[&str]) -> Output {
        git_cmd(self.dir.path())
            .arg0(program)
            .args(args)
            .env("PRE_COMMIT_HOME", &self.hook.home)
            .env("PRE_COMMIT_COLOR", "never")
            .env("CARGO_TARGET_DIR", self.hook.root.join("cargo-target"))
            .output()
            .unwrap_or_else(|e| panic!("{program} {args:?}: {e}"))
    }

    fn run_ok(&self, program: &str, args: &[&str]) {
        let out = self.run(program, args);
        assert!(out.status.success(), "{program} {args:?}: {}", both(&out));
    }
}

/// `git` in `dir`, isolated from the user's and the system's git configuration
/// and from any repository the tests themselves run in.
fn git_cmd(dir: &Path) -> Cmd {
    Cmd { program: "git".into(), args: Vec::new(), dir: dir.to_path_buf(), env: Vec::new() }
}

/// A small builder so that every command (git, pre-commit, nice) gets the same isolation.
struct Cmd {
    program: String,
    args: Vec<std::ffi::OsString>,
    dir: PathBuf,
    env: Vec<(String, std::ffi::OsString)>,
}

impl Cmd {
    fn arg0(mut self, program: &str) -> Self {
        self.program = program.into();
        self
    }

    fn args<I: IntoIterator<Item = S>, S: AsRef<std::ffi::OsStr>>(mut self, args: I) -> Self {
        self.args.extend(args.into_iter().map(|a| a.as_ref().to_os_string()));
        self
    }

    fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.env.push((key.into(), value.as_ref().to_os_string()));
        self
    }

    fn output(self) -> std::io::Result<Output> {
        let mut cmd = Command::new(&self.program);
        cmd.args(&self.args)
            .current_dir(&self.dir)
            .stdin(std::process::Stdio::null())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE");
        for (k, v) in self.env {
            cmd.env(k, v);
        }
        cmd.output()
    }
}

/// stdout and stderr together, for assertions and messages.
fn both(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}
