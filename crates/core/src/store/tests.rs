use super::*;

#[test]
fn writes_replace_atomically_and_keep_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/state.toml");
    let saved = update(&path, LOCK_WAIT, |cur| {
        assert_eq!(cur, None);
        Ok((Some("one".to_string()), ()))
    })
    .unwrap();
    assert_eq!(saved.warnings, [], "a plain save has nothing to say");
    assert_eq!(fs::read_to_string(&path).unwrap(), "one");
    assert!(!backup_path(&path).exists(), "no backup of nothing");
    let _: Done<()> = update(&path, LOCK_WAIT, |cur| {
        assert_eq!(cur, Some("one"));
        Ok((Some("two".to_string()), ()))
    })
    .unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "two");
    assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "one");
    assert!(!sibling(&path, "tmp").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&backup_path(&path)), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        assert_eq!(mode(&dir.path().join("sub")), 0o700);
    }
}

#[test]
fn a_folder_that_cannot_be_synced_is_a_warning_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.toml");
    fs::write(&path, "old").unwrap();
    let result = write_atomic_with(&path, b"new", true, |_| {
        Err(io::Error::other("the disk went away"))
    });
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "old");
    let warnings: Vec<String> = result.unwrap().iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("but cannot sync the folder")
            && warnings[0].contains("the disk went away")
            && warnings[0].ends_with("a power cut now could undo the change"),
        "{warnings:?}"
    );
    assert!(temporaries(&path).is_empty());
}

#[test]
fn a_failed_change_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.toml");
    fs::write(&path, "keep me").unwrap();
    let err = update(&path, LOCK_WAIT, |_| -> Result<(Option<String>, ())> {
        Err(Error::input("no"))
    });
    assert!(err.is_err());
    assert_eq!(fs::read_to_string(&path).unwrap(), "keep me");
    assert!(!backup_path(&path).exists());
}

#[test]
fn a_held_lock_times_out_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.toml");
    let _held = lock(&path, LOCK_WAIT).unwrap();
    let err = lock(&path, Duration::from_millis(30))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("is locked by another hygiene process"),
        "{err}"
    );
}

#[test]
fn reads_refuse_what_is_not_a_plain_text_file() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(read_text(&dir.path().join("missing")).unwrap(), None);
    let err = read_text(dir.path()).unwrap_err().to_string();
    assert!(err.ends_with("is a folder, not a file"), "{err}");
    let bin = dir.path().join("bin");
    fs::write(&bin, b"a = 1\nb = \"\xff\"\n").unwrap();
    let err = read_text(&bin).unwrap_err().to_string();
    assert!(
        err.ends_with("bin:2:6: not UTF-8 text: expected a TOML file"),
        "{err}"
    );
    #[cfg(unix)]
    {
        let link = dir.path().join("link");
        std::os::unix::fs::symlink("/etc/hostname", &link).unwrap();
        let err = read_text(&link).unwrap_err().to_string();
        assert!(
            err.contains("is a symbolic link (to /etc/hostname)"),
            "{err}"
        );
    }
}

#[test]
fn the_writer_refuses_what_the_reader_would_refuse() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.toml");
    fs::write(&path, "small").unwrap();
    let exactly = "x".repeat(usize::try_from(MAX_FILE).unwrap());
    let _: Done<()> = update(&path, LOCK_WAIT, |_| Ok((Some(exactly.clone()), ()))).unwrap();
    assert_eq!(
        read_text(&path).unwrap().map(|t| t.len()),
        Some(exactly.len())
    );
    let over = format!("{exactly}y");
    let err = update(&path, LOCK_WAIT, |_| Ok((Some(over), ()))).unwrap_err();
    assert!(
        err.to_string()
            .contains("would become 33,554,433 bytes, more than the 32 MiB (33,554,432 bytes)"),
        "{err}"
    );
    assert_eq!(
        fs::read(&path).unwrap().len(),
        exactly.len(),
        "left as it was"
    );
    assert!(temporaries(&path).is_empty());
}

#[cfg(unix)]
#[test]
fn a_write_protected_file_is_left_as_it_is() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.toml");
    fs::write(&path, "mine").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o400)).unwrap();
    let err = update(&path, LOCK_WAIT, |_| Ok((Some("new".to_string()), ()))).unwrap_err();
    assert!(
        err.to_string().contains("is write-protected (mode 400)"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o400
    );
    assert!(!backup_path(&path).exists());
}

#[cfg(unix)]
#[test]
fn a_hard_link_keeps_its_mode_and_the_save_says_it_parted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.toml");
    let other = dir.path().join("other.toml");
    fs::write(&path, "old").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    fs::hard_link(&path, &other).unwrap();
    assert!(matches!(
        file_warnings(&path)[..],
        [
            Warning::Readable { .. },
            Warning::HardLinked {
                others: 1,
                saved: false,
                ..
            }
        ]
    ));
    let warnings = write_atomic(&path, b"new", true).unwrap();
    assert!(
        matches!(
            warnings[..],
            [Warning::HardLinked {
                others: 1,
                saved: true,
                ..
            }]
        ),
        "{warnings:?}"
    );
    assert_eq!(fs::read_to_string(&other).unwrap(), "old");
    assert_eq!(
        fs::metadata(&other).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "old");
    assert_eq!(
        fs::metadata(backup_path(&path))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    assert!(file_warnings(&path).is_empty(), "its own file now");
}
