//! Several devices through the person's own git: `hygiene sync init` makes
//! the state's folder a repository with hygiene's merge driver, and
//! `hygiene sync` commits, fetches, merges and pushes.
//!
//! git never writes the state file: the merge is made here ([`crate::merge`])
//! and saved as every change is (locked, atomic), and the merge commit is
//! built with git's plumbing (a temporary index, `commit-tree`,
//! `update-ref`). So a sync killed at any instant leaves a state that
//! parses and a repository that git can go on with, and the next sync
//! completes. The driver registered for `git merge` by hand
//! (`merge-state`) makes the same merge.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, Result};
use crate::session::Paths;
use crate::state::State;
use crate::store;

/// What a sync did, for its one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Synced {
    /// Changes of this device's committed now.
    pub committed: usize,
    /// Changes that came from another device.
    pub received: usize,
    /// Changes the remote did not have and now has.
    pub sent: usize,
}

impl Synced {
    /// "2 changes from another device, 3 sent".
    pub fn words(&self) -> String {
        match (self.received, self.sent) {
            (0, 0) => "in step: nothing to send or receive".to_string(),
            (r, 0) => format!("{} from another device", change_words(r)),
            (0, s) => format!("{} sent", change_words(s)),
            (r, s) => format!("{} from another device, {s} sent", change_words(r)),
        }
    }
}

/// The repository the state is in: where git runs, and the state's path in it.
struct Repo {
    /// Where git runs: the state's folder, then the repository's top.
    cwd: PathBuf,
    /// The state's folder.
    state_dir: PathBuf,
    /// The state's folder from the repository's top (`""` or `sub/`).
    prefix: String,
    /// The state's file name.
    name: String,
    device: String,
}

impl Repo {
    fn new(paths: &Paths, device: &str) -> Result<Repo> {
        let state =
            std::path::absolute(&paths.state).map_err(|e| Error::io("find", &paths.state, e))?;
        let state_dir = state
            .parent()
            .map(Path::to_path_buf)
            .ok_or_else(|| Error::input("the state file has no folder"))?;
        let name = state
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| Error::input("the state path names no file"))?;
        Ok(Repo {
            cwd: state_dir.clone(),
            state_dir,
            prefix: String::new(),
            name,
            device: device.to_string(),
        })
    }

    /// A file of the state's folder, from the repository's top.
    fn rel(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// `git ARGS` in the state's folder: its standard output, or its own
    /// message as the error. The person's git, config and credentials; never
    /// a prompt (none could be answered from a dashboard or a timer).
    fn git(&self, args: &[&str]) -> Result<String> {
        self.git_with(args, &[], None)
    }

    fn git_with(
        &self,
        args: &[&str],
        env: &[(&str, &Path)],
        input: Option<&[u8]>,
    ) -> Result<String> {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(&self.cwd)
            .args(args)
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .env("GIT_TERMINAL_PROMPT", "0")
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if std::env::var_os("GIT_SSH_COMMAND").is_none() {
            command.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        }
        let mut child = command.spawn().map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::input(
                    "git is not installed (or not on PATH); hygiene sync uses your own git",
                )
            } else {
                Error::input(format!("cannot run git: {e}"))
            }
        })?;
        if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
            use std::io::Write;
            stdin
                .write_all(bytes)
                .map_err(|e| Error::input(format!("cannot write to git: {e}")))?;
        }
        let output = child
            .wait_with_output()
            .map_err(|e| Error::input(format!("git failed: {e}")))?;
        if output.status.success() {
            return Ok(String::from_utf8_lossy(&output.stdout)
                .trim_end()
                .to_string());
        }
        let said = String::from_utf8_lossy(&output.stderr);
        let said = crate::error::one_line(said.trim());
        Err(Error::input(format!(
            "git {} failed: {}",
            args.first().copied().unwrap_or(""),
            if said.is_empty() {
                output.status.to_string()
            } else {
                said
            }
        )))
    }

    /// Whether `git ARGS` succeeds (a question, not a step).
    fn yes(&self, args: &[&str]) -> bool {
        self.git(args).is_ok()
    }

    /// Find the repository the state's folder is in, in one call of git:
    /// from then on git runs at its top, and paths are named from there.
    /// False where the folder is in none (an error where git cannot be run).
    fn locate(&mut self) -> Result<bool> {
        let found = match self.git(&["rev-parse", "--show-toplevel", "--show-prefix"]) {
            Ok(found) => found,
            Err(e) if e.to_string().starts_with("git rev-parse failed") => return Ok(false),
            Err(e) => return Err(e),
        };
        // The prefix is an empty line at the top, and then trimmed away.
        let (top, prefix) = found.split_once('\n').unwrap_or((&found, ""));
        self.prefix = prefix.to_string();
        self.cwd = PathBuf::from(top);
        Ok(true)
    }

    /// A commit, with an author of the device's name where git has none.
    fn commit(&self, message: &str) -> Result<()> {
        self.as_author(&["commit", "-q", "--no-verify", "-m", message])
            .map(drop)
    }

    /// `git ARGS`, which makes a commit: where git has no author of the
    /// person's, one named after the device.
    fn as_author(&self, args: &[&str]) -> Result<String> {
        let name = format!("user.name=hygiene on {}", self.device);
        let email = format!(
            "user.email=hygiene@{}.invalid",
            self.device.replace(' ', "-")
        );
        let mut all = Vec::new();
        if self.git(&["config", "user.email"]).is_err() {
            all.extend(["-c", name.as_str(), "-c", email.as_str()]);
        }
        all.extend_from_slice(args);
        self.git(&all)
    }

    /// The state as a commit holds it: None where the commit has no state file.
    fn state_at(&self, commit: &str) -> Result<Option<State>> {
        let rel = self.rel(&self.name);
        let spec = format!("{commit}:{rel}");
        if !self.yes(&["cat-file", "-e", &spec]) {
            return Ok(None);
        }
        let text = self.git(&["show", &spec])?;
        let label = PathBuf::from(format!("{rel} (as {commit} holds it)"));
        State::parse(&label, &text).map(Some)
    }

    fn branch(&self) -> Result<String> {
        self.git(&["symbolic-ref", "--short", "HEAD"])
    }
}

/// The lines `.gitignore` needs beside the state: hygiene's lock, backup
/// and temporary files, and what belongs to this device alone.
const IGNORED: [&str; 4] = ["*.lock", "*.bak", "*.hygiene-*", "*.calendar.toml"];

/// Add the lines of `want` that `path` lacks, keeping the rest.
fn ensure_lines(path: &Path, want: &[String]) -> Result<bool> {
    let current = std::fs::read_to_string(path).unwrap_or_default();
    let missing: Vec<&String> = want
        .iter()
        .filter(|l| !current.lines().any(|c| c.trim() == l.as_str()))
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut text = current;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    store::replace_own_file(path, text.as_bytes()).map_err(|e| Error::io("write", path, e))?;
    Ok(true)
}

/// A word for `sh` (git runs the driver through it).
fn sh_word(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''"))
}

/// What `sync init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Initialised {
    pub dir: PathBuf,
    /// A repository was made (else the one the state was in is used).
    pub created: bool,
    pub remote: Option<String>,
}

/// Make the state's folder a repository (or use the one it is in), with
/// hygiene's merge driver, and commit the state; with `remote`, add it as
/// `origin`. `program` is this binary, which git calls to merge.
pub fn init(
    paths: &Paths,
    device: &str,
    remote: Option<&str>,
    program: &Path,
) -> Result<Initialised> {
    let mut repo = Repo::new(paths, device)?;
    let _lock = store::lock(&paths.state, store::LOCK_WAIT)?;
    // A state that does not parse is reported, never committed.
    crate::session::load_state(&paths.state)?;
    if !paths.state.exists() {
        // Nothing recorded yet: an empty state, so the repository holds one.
        store::write_atomic(&paths.state, State::default().to_toml().as_bytes(), false)?;
    }
    let created = !repo.locate()?;
    if created {
        repo.git(&["init", "-q"])?;
        // One branch name on every device, whatever git's default.
        repo.git(&["symbolic-ref", "HEAD", "refs/heads/main"])?;
        repo.locate()?;
    }
    ensure_lines(
        &repo.state_dir.join(".gitattributes"),
        &[format!("{} merge=hygiene", repo.name)],
    )?;
    ensure_lines(
        &repo.state_dir.join(".gitignore"),
        &IGNORED.map(String::from),
    )?;
    repo.git(&[
        "config",
        "merge.hygiene.name",
        "hygiene: per-entry merge of the state",
    ])?;
    let driver = format!(
        "{} merge-state %O %A %B %P",
        sh_word(&program.to_string_lossy())
    );
    repo.git(&["config", "merge.hygiene.driver", &driver])?;
    let files = [
        repo.rel(&repo.name),
        repo.rel(".gitattributes"),
        repo.rel(".gitignore"),
    ];
    repo.git(&["add", "--", &files[0], &files[1], &files[2]])?;
    if !repo.yes(&["diff", "--cached", "--quiet"]) {
        repo.commit(&format!("hygiene: sync init on {device}"))?;
    }
    if let Some(url) = remote {
        if repo.yes(&["remote", "get-url", "origin"]) {
            repo.git(&["remote", "set-url", "origin", url])?;
        } else {
            repo.git(&["remote", "add", "origin", url])?;
        }
    }
    Ok(Initialised {
        dir: repo.state_dir,
        created,
        remote: remote.map(str::to_string),
    })
}

/// How many of the things a person answers differ between two states:
/// entries, incidents and private-note flags.
pub fn count_changes(before: &State, after: &State) -> usize {
    let empty = std::collections::BTreeMap::new();
    let mut changed = 0;
    let tools = before.tools.keys().chain(
        after
            .tools
            .keys()
            .filter(|t| !before.tools.contains_key(*t)),
    );
    for tool in tools {
        let old = before.tools.get(tool).unwrap_or(&empty);
        let new = after.tools.get(tool).unwrap_or(&empty);
        for check in old
            .keys()
            .chain(new.keys().filter(|c| !old.contains_key(*c)))
        {
            changed += usize::from(old.get(check) != new.get(check));
        }
    }
    let incidents = before.incidents.keys().chain(
        after
            .incidents
            .keys()
            .filter(|i| !before.incidents.contains_key(*i)),
    );
    for id in incidents {
        changed += usize::from(before.incidents.get(id) != after.incidents.get(id));
    }
    changed
        + before
            .private_notes
            .symmetric_difference(&after.private_notes)
            .count()
}

/// Commit the state as it is, if it differs from the last commit: how
/// many changes that was (0: nothing to commit).
fn commit_local(repo: &Repo, state: &State) -> Result<usize> {
    repo.git(&["add", "--", &repo.rel(&repo.name)])?;
    if repo.yes(&["diff", "--cached", "--quiet"]) {
        return Ok(0);
    }
    let before = if repo.yes(&["rev-parse", "--verify", "-q", "HEAD"]) {
        repo.state_at("HEAD")?.unwrap_or_default()
    } else {
        State::default()
    };
    let changes = count_changes(&before, state);
    repo.commit(&format!(
        "hygiene: {} on {}",
        change_words(changes),
        repo.device
    ))?;
    Ok(changes)
}

/// `[sync] auto`: commit the state as it was just saved, where it is in a
/// repository (no network); nothing where it is not.
pub fn commit_saved(paths: &Paths, device: &str) -> Result<usize> {
    let mut repo = Repo::new(paths, device)?;
    if !repo.locate()? {
        return Ok(0);
    }
    let _lock = store::lock(&paths.state, store::LOCK_WAIT)?;
    let state = crate::session::load_state(&paths.state)?;
    commit_local(&repo, &state)
}

/// Commit this device's changes, fetch, merge and push. The state is
/// locked throughout; git never writes it.
pub fn sync(paths: &Paths, device: &str) -> Result<Synced> {
    let mut repo = Repo::new(paths, device)?;
    if !repo.locate()? {
        return Err(Error::input(format!(
            "{} is not a git repository yet: `hygiene sync init [REMOTE]` makes it one",
            repo.state_dir.display()
        )));
    }
    let _lock = store::lock(&paths.state, store::LOCK_WAIT)?;
    // Both sides are read before anything is committed: a state that does
    // not parse, here or on the remote, stops the sync with nothing changed.
    let ours = crate::session::load_state(&paths.state)?;
    if !repo.yes(&["remote", "get-url", "origin"]) {
        return Err(Error::input(
            "no remote to sync with: `hygiene sync init REMOTE` adds one",
        ));
    }
    let branch = repo.branch()?;
    repo.git(&["fetch", "-q", "origin"])?;
    let remote_ref = format!("refs/remotes/origin/{branch}");
    let theirs_commit = repo.git(&["rev-parse", "--verify", "-q", &remote_ref]).ok();
    let theirs = match &theirs_commit {
        Some(c) => repo.state_at(c)?.unwrap_or_default(),
        None => State::default(),
    };
    // This device's changes, as one commit.
    let mut synced = Synced {
        committed: commit_local(&repo, &ours)?,
        ..Synced::default()
    };
    let head = repo.git(&["rev-parse", "HEAD"])?;
    let Some(theirs_commit) = theirs_commit else {
        // An empty remote: everything is sent.
        repo.git(&["push", "-q", "-u", "origin", &branch])?;
        synced.sent = count_changes(&State::default(), &ours);
        return Ok(synced);
    };
    if head == theirs_commit {
        return Ok(synced);
    }
    let now = merge_in(
        &repo,
        paths,
        &branch,
        &head,
        &theirs_commit,
        (&ours, &theirs),
        &mut synced,
    )?;
    let new_head = repo.git(&["rev-parse", "HEAD"])?;
    if new_head != theirs_commit {
        repo.git(&["push", "-q", "origin", &branch])?;
        synced.sent = count_changes(&theirs, &now);
    }
    Ok(synced)
}

/// Merge `theirs_commit` into `head` unless `head` has it already: the
/// merged state saved (locked, atomic) and the branch moved to a merge
/// commit (or, where ours had nothing of its own, to theirs). Returns the
/// state as it now stands.
fn merge_in(
    repo: &Repo,
    paths: &Paths,
    branch: &str,
    head: &str,
    theirs_commit: &str,
    (ours, theirs): (&State, &State),
    synced: &mut Synced,
) -> Result<State> {
    let base_commit = repo.git(&["merge-base", head, theirs_commit]).ok();
    if base_commit.as_deref() == Some(theirs_commit) {
        return Ok(ours.clone());
    }
    let base = match &base_commit {
        Some(c) => repo.state_at(c)?,
        None => None,
    };
    let merged = crate::merge::merge(base.as_ref(), ours, theirs);
    synced.received = count_changes(ours, &merged);
    let fast_forward = base_commit.as_deref() == Some(head) && merged == *theirs;
    let commit = if fast_forward {
        theirs_commit.to_string()
    } else {
        merge_commit(repo, head, theirs_commit, &merged)?
    };
    if merged != *ours {
        store::write_atomic(&paths.state, merged.to_toml().as_bytes(), true)?;
    }
    repo.git(&[
        "update-ref",
        "-m",
        "hygiene sync",
        &format!("refs/heads/{branch}"),
        &commit,
        head,
    ])?;
    // The index follows the new commit; the working tree has it already.
    repo.git(&["reset", "-q"])?;
    Ok(merged)
}

/// "3 changes" for a commit message.
fn change_words(n: usize) -> String {
    if n == 1 {
        "1 change".to_string()
    } else {
        format!("{n} changes")
    }
}

/// A merge commit of `head` and `theirs` whose tree is head's with the
/// merged state, made in a temporary index (the real one, and the working
/// tree, are not touched).
fn merge_commit(repo: &Repo, head: &str, theirs: &str, merged: &State) -> Result<String> {
    let text = merged.to_toml();
    let blob = repo.git_with(
        &["hash-object", "-w", "--stdin"],
        &[],
        Some(text.as_bytes()),
    )?;
    let git_dir = PathBuf::from(repo.git(&["rev-parse", "--absolute-git-dir"])?);
    let index = git_dir.join(format!("hygiene-index.{}", std::process::id()));
    let index_env = [("GIT_INDEX_FILE", index.as_path())];
    let tree = (|| {
        repo.git_with(&["read-tree", head], &index_env, None)?;
        let info = format!("100644,{blob},{}", repo.rel(&repo.name));
        repo.git_with(
            &["update-index", "--add", "--cacheinfo", &info],
            &index_env,
            None,
        )?;
        repo.git_with(&["write-tree"], &index_env, None)
    })();
    let _ = std::fs::remove_file(&index);
    let tree = tree?;
    let message = format!("hygiene: merge on {}", repo.device);
    repo.as_author(&[
        "commit-tree",
        &tree,
        "-p",
        head,
        "-p",
        theirs,
        "-m",
        &message,
    ])
}

/// The merge driver: `hygiene merge-state BASE OURS THEIRS [PATH]`. Parses
/// all three (one that does not parse is an error, and nothing is
/// written), merges, and writes the result over OURS.
pub fn merge_files(base: &Path, ours: &Path, theirs: &Path) -> Result<()> {
    // Through the store, with its limit on size and kinds of file; git
    // hands an empty file for a side that had none.
    let read = |path: &Path| -> Result<State> {
        match store::read_text(path)? {
            Some(text) if !text.trim().is_empty() => State::parse(path, &text),
            Some(_) => Ok(State::default()),
            None => Err(Error::io(
                "read",
                path,
                std::io::Error::from(std::io::ErrorKind::NotFound),
            )),
        }
    };
    let (b, o, t) = (read(base)?, read(ours)?, read(theirs)?);
    let merged = crate::merge::merge(Some(&b), &o, &t);
    store::replace_own_file(ours, merged.to_toml().as_bytes())
        .map_err(|e| Error::io("write", ours, e))
}
