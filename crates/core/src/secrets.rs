//! Private notes per tool, kept in the operating system's keyring and
//! nowhere else: the Secret Service on Linux and the BSDs, the Keychain on
//! macOS, the Credential Manager on Windows (keyring-core and the platform's
//! store). The state file records only that a note exists.
//!
//! Every call runs on a worker thread with a time limit, and on the Secret
//! Service a locked keyring is reported as locked before anything is asked
//! of it, so that nothing ever waits for an unlock prompt.

use std::sync::{Arc, OnceLock, mpsc};
use std::time::Duration;

use keyring_core::{CredentialStore, Entry};

use crate::error::{Error, Result};

/// The keyring service name under which every note is stored; the tool id
/// is the entry's user name.
pub const SERVICE: &str = "hygiene";
/// The longest private note, in characters.
pub const MAX_SECRET: usize = 4_000;
/// Windows' Credential Manager holds at most 2,560 bytes of secret, which it
/// stores as UTF-16: 1,280 UTF-16 units (an emoji takes two).
#[cfg(target_os = "windows")]
const MAX_SECRET_UTF16: usize = 1_280;

/// Why `text` cannot be stored as a private note here, if it cannot.
pub(crate) fn too_long(text: &str) -> Option<String> {
    let count = text.chars().count();
    if count > MAX_SECRET {
        return Some(format!(
            "the private note is {count} characters long; at most {MAX_SECRET} are allowed"
        ));
    }
    #[cfg(target_os = "windows")]
    {
        let units = text.encode_utf16().count();
        if units > MAX_SECRET_UTF16 {
            return Some(format!(
                "the private note takes {} bytes in the Windows Credential Manager, which holds at most 2,560 (about 1,280 letters, fewer with emoji)",
                units * 2
            ));
        }
    }
    None
}
/// How long a keyring call may take before it is reported as not answering.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Where private notes live. The command line and the dashboard use it
/// through this trait, so tests can put an in-memory store behind it.
pub trait Secrets {
    /// The store in use, for `hygiene doctor`: "Secret Service (D-Bus)".
    fn backend(&self) -> String;
    /// Whether the store answers; the error says why not and what to do.
    fn check(&self) -> Result<()>;
    fn get(&self, tool: &str) -> Result<Option<String>>;
    fn set(&self, tool: &str, text: &str) -> Result<()>;
    /// Remove a note; false when there was none.
    fn delete(&self, tool: &str) -> Result<bool>;
    /// Whether a note exists, without reading it.
    fn exists(&self, tool: &str) -> Result<bool>;
    /// The same store, for another thread to own (the dashboard asks the
    /// keyring off its drawing loop).
    fn shared(&self) -> Arc<dyn Secrets + Send + Sync>;
}

/// A keyring-core store: the platform's own, or any other (the mock, in
/// tests). A clone is the same keyring: it shares the store once made.
#[derive(Clone)]
pub struct Keyring {
    name: String,
    /// Made on first use, so commands that never touch a note never touch
    /// the keyring. A failure is not kept: the next call tries again (the
    /// person may have unlocked or started the keyring meanwhile).
    store: Arc<OnceLock<Arc<CredentialStore>>>,
    /// Why every call fails, for a keyring that cannot be used at all.
    unusable: Option<String>,
    make: fn() -> std::result::Result<Arc<CredentialStore>, String>,
    /// Looks for a locked keyring before an operation (Secret Service only).
    guard: fn(Option<&str>) -> std::result::Result<(), String>,
}

impl Keyring {
    /// The platform's store.
    pub fn platform() -> Keyring {
        Keyring {
            name: platform::NAME.to_string(),
            store: Arc::default(),
            unusable: None,
            make: platform::store,
            guard: platform::guard,
        }
    }

    /// A keyring that cannot be used, for the reason given (every call says it).
    pub fn unavailable(name: &str, reason: &str) -> Keyring {
        Keyring {
            name: name.to_string(),
            store: Arc::default(),
            unusable: Some(reason.to_string()),
            make: || Err("no store".into()),
            guard: |_| Ok(()),
        }
    }

    /// Any keyring-core store, such as `keyring_core::mock::Store`.
    pub fn with_store(name: &str, store: Arc<CredentialStore>) -> Keyring {
        Keyring {
            name: name.to_string(),
            store: Arc::new(OnceLock::from(store)),
            unusable: None,
            make: || Err("no store".into()),
            guard: |_| Ok(()),
        }
    }

    /// The store, made on first use (on a worker thread, with the timeout).
    fn store(&self) -> Result<&Arc<CredentialStore>> {
        if let Some(store) = self.store.get() {
            return Ok(store);
        }
        if let Some(reason) = &self.unusable {
            return Err(unreachable(reason.clone()));
        }
        let made = with_timeout(self.make)
            .and_then(|r| r)
            .map_err(unreachable)?;
        Ok(self.store.get_or_init(|| made))
    }

    fn entry(&self, tool: &str) -> Result<Entry> {
        Entry::new_in_store(self.store()?, SERVICE, tool).map_err(failure)
    }

    /// Run `op` on the tool's entry on a worker thread, after the lock guard.
    fn call<T: Send + 'static>(
        &self,
        tool: &str,
        op: impl FnOnce(&Entry) -> keyring_core::Result<T> + Send + 'static,
    ) -> Result<keyring_core::Result<T>> {
        let entry = self.entry(tool)?;
        let guard = self.guard;
        let name = tool.to_string();
        let answer = with_timeout(move || {
            guard(Some(&name))?;
            Ok(op(&entry))
        })
        .and_then(|r| r);
        match &answer {
            Ok(Ok(_)) => log::debug!("keyring ({}), note for {tool}: answered", self.name),
            Ok(Err(e)) => log::debug!("keyring ({}), note for {tool}: {}", self.name, describe(e)),
            Err(e) => log::debug!("keyring ({}), note for {tool}: {e}", self.name),
        }
        answer.map_err(unreachable)
    }
}

/// Run `f` on a thread and wait at most [`TIMEOUT`] for it.
fn with_timeout<T: Send + 'static>(
    f: impl FnOnce() -> std::result::Result<T, String> + Send + 'static,
) -> std::result::Result<std::result::Result<T, String>, String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(TIMEOUT).map_err(|_| {
        format!(
            "the keyring did not answer within {} seconds; it may be waiting for an unlock prompt: unlock it and try again",
            TIMEOUT.as_secs()
        )
    })
}

/// A keyring error in words, never with the secret in it.
/// The keyring's answer as an error that keeps its cause.
fn failure(error: keyring_core::Error) -> Error {
    let message = describe(&error);
    let source = (!matches!(error, keyring_core::Error::BadEncoding(_))).then_some(error);
    Error::Keyring { message, source }
}

/// A failure to reach the keyring at all (no store, no answer in time).
fn unreachable(message: String) -> Error {
    Error::Keyring {
        message,
        source: None,
    }
}

fn describe(error: &keyring_core::Error) -> String {
    use keyring_core::Error as E;
    match error {
        E::NoStorageAccess(cause) => {
            format!("the keyring is locked or refuses access ({cause}); unlock it and try again")
        }
        E::PlatformFailure(cause) => format!("the keyring failed: {cause}"),
        E::BadEncoding(_) => "the stored private note is not text".to_string(),
        E::TooLong(what, limit) => {
            format!("the keyring takes at most {limit} characters for {what}")
        }
        E::NoDefaultStore => "no keyring is set up".to_string(),
        other => format!("the keyring failed: {other}"),
    }
}

impl Secrets for Keyring {
    fn backend(&self) -> String {
        self.name.clone()
    }

    fn check(&self) -> Result<()> {
        self.store()?;
        let guard = self.guard;
        with_timeout(move || guard(None))
            .and_then(|r| r)
            .map_err(unreachable)
    }

    fn get(&self, tool: &str) -> Result<Option<String>> {
        match self.call(tool, Entry::get_password)? {
            Ok(text) => Ok(Some(text)),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(failure(e)),
        }
    }

    fn set(&self, tool: &str, text: &str) -> Result<()> {
        if let Some(why) = too_long(text) {
            return Err(Error::input(why));
        }
        let text = text.to_string();
        self.call(tool, move |entry| entry.set_password(&text))?
            .map_err(failure)
    }

    fn delete(&self, tool: &str) -> Result<bool> {
        match self.call(tool, Entry::delete_credential)? {
            Ok(()) => Ok(true),
            Err(keyring_core::Error::NoEntry) => Ok(false),
            Err(e) => Err(failure(e)),
        }
    }

    fn exists(&self, tool: &str) -> Result<bool> {
        match self.call(tool, |entry| entry.get_credential().map(|_| ()))? {
            Ok(()) => Ok(true),
            Err(keyring_core::Error::NoEntry) => Ok(false),
            Err(e) => Err(failure(e)),
        }
    }

    fn shared(&self) -> Arc<dyn Secrets + Send + Sync> {
        Arc::new(self.clone())
    }
}

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
mod platform {
    use std::collections::HashMap;
    use std::sync::Arc;

    use dbus_secret_service::{EncryptionType, SecretService};
    use keyring_core::CredentialStore;

    pub(super) const NAME: &str =
        "Secret Service (D-Bus), as provided by GNOME Keyring, KeePassXC or KWallet";

    const NO_SERVICE: &str = "no Secret Service on the session bus: start gnome-keyring or KeePassXC's Secret Service, or run inside a desktop session";

    fn connect() -> Result<SecretService, String> {
        if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none_or(|v| v.is_empty()) {
            // Without the variable, the bus is looked for in the runtime folder.
            if !crate::bus::runtime_dir().join("bus").exists() {
                return Err(format!(
                    "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set); {}",
                    NO_SERVICE.trim_start_matches("no Secret Service on the session bus: ")
                ));
            }
        }
        SecretService::connect(EncryptionType::Dh).map_err(|e| {
            let cause = e.to_string();
            if cause.contains("Did not receive a reply") {
                // The service is there (the bus took the call) but silent.
                "the keyring did not answer (a Secret Service is on the session bus, but it sent no reply); \
                 it may be stuck or waiting for an unlock prompt: unlock or restart it and try again"
                    .to_string()
            } else {
                format!("{NO_SERVICE} (cause: {cause})")
            }
        })
    }

    pub(super) fn store() -> Result<Arc<CredentialStore>, String> {
        connect()?;
        dbus_secret_service_keyring_store::Store::new()
            .map(|s| s as Arc<CredentialStore>)
            .map_err(|e| format!("{NO_SERVICE} (cause: {e})"))
    }

    /// Report a locked keyring instead of letting the store ask to unlock it.
    pub(crate) fn guard(tool: Option<&str>) -> Result<(), String> {
        const LOCKED: &str = "the keyring is locked, and hygiene does not wait for an unlock prompt: unlock it (log in to the desktop session, or run `gnome-keyring-daemon --unlock`) and try again";
        let ss = connect()?;
        let collection = ss
            .get_default_collection()
            .map_err(|e| format!("the Secret Service has no default keyring ({e}); create one in your keyring manager"))?;
        if collection
            .is_locked()
            .map_err(|e| format!("{NO_SERVICE} (cause: {e})"))?
        {
            return Err(LOCKED.to_string());
        }
        if let Some(tool) = tool {
            let attributes = HashMap::from([("service", super::SERVICE), ("username", tool)]);
            let found = ss
                .search_items(attributes)
                .map_err(|e| format!("{NO_SERVICE} (cause: {e})"))?;
            if !found.locked.is_empty() {
                return Err(LOCKED.to_string());
            }
        }
        Ok(())
    }
}

#[cfg(target_os = "macos")]
mod platform {
    use std::sync::Arc;

    use keyring_core::CredentialStore;

    pub const NAME: &str = "macOS Keychain";

    pub fn store() -> Result<Arc<CredentialStore>, String> {
        apple_native_keyring_store::keychain::Store::new()
            .map(|s| s as Arc<CredentialStore>)
            .map_err(|e| format!("the Keychain is not available: {e}"))
    }

    pub(crate) fn guard(_tool: Option<&str>) -> Result<(), String> {
        Ok(())
    }
}

#[cfg(target_os = "windows")]
mod platform {
    use std::sync::Arc;

    use keyring_core::CredentialStore;

    pub const NAME: &str = "Windows Credential Manager";

    pub fn store() -> Result<Arc<CredentialStore>, String> {
        windows_native_keyring_store::Store::new()
            .map(|s| s as Arc<CredentialStore>)
            .map_err(|e| format!("the Credential Manager is not available: {e}"))
    }

    pub(crate) fn guard(_tool: Option<&str>) -> Result<(), String> {
        Ok(())
    }
}

#[cfg(not(any(unix, target_os = "windows")))]
mod platform {
    use std::sync::Arc;

    use keyring_core::CredentialStore;

    pub const NAME: &str = "none";

    pub fn store() -> Result<Arc<CredentialStore>, String> {
        Err("this platform has no keyring hygiene can use".to_string())
    }

    pub(crate) fn guard(_tool: Option<&str>) -> Result<(), String> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keyring_core::mock;

    fn mock_keyring() -> Keyring {
        Keyring::with_store("mock", mock::Store::new().unwrap())
    }

    #[test]
    fn notes_are_set_read_and_removed() {
        let keyring = mock_keyring();
        assert_eq!(keyring.get("slack").unwrap(), None);
        keyring.set("slack", "codes in the safe").unwrap();
        assert_eq!(
            keyring.get("slack").unwrap().as_deref(),
            Some("codes in the safe")
        );
        assert_eq!(keyring.get("zoom").unwrap(), None, "one entry per tool");
        assert!(keyring.exists("slack").unwrap());
        assert!(!keyring.exists("zoom").unwrap());
        assert!(keyring.delete("slack").unwrap());
        assert!(!keyring.delete("slack").unwrap());
        assert_eq!(keyring.get("slack").unwrap(), None);
        assert!(keyring.check().is_ok());
        assert_eq!(keyring.backend(), "mock");
    }

    #[test]
    fn store_errors_become_one_clear_line_without_the_secret() {
        let keyring = mock_keyring();
        keyring.set("slack", "hunter2-secret").unwrap();
        let entry = keyring.entry("slack").unwrap();
        let cred: &mock::Cred = entry.as_any().downcast_ref().unwrap();
        cred.set_error(keyring_core::Error::NoStorageAccess(Box::new(
            std::io::Error::other("collection is locked"),
        )));
        let err = keyring.get("slack").unwrap_err().to_string();
        assert!(
            err.starts_with("the keyring is locked or refuses access"),
            "{err}"
        );
        assert!(!err.contains("hunter2"));
        cred.set_error(keyring_core::Error::PlatformFailure(Box::new(
            std::io::Error::other("bus gone"),
        )));
        let err = keyring.set("slack", "new-secret").unwrap_err();
        assert_eq!(err.to_string(), "the keyring failed: bus gone");
        assert!(
            matches!(
                &err,
                Error::Keyring {
                    source: Some(_),
                    ..
                }
            ),
            "the keyring's own error is kept as the source: {err:?}"
        );
        assert_eq!(
            keyring.get("slack").unwrap().as_deref(),
            Some("hunter2-secret"),
            "unchanged"
        );
        cred.set_error(keyring_core::Error::BadEncoding(b"\xff".to_vec()));
        let err = keyring.get("slack").unwrap_err();
        assert_eq!(err.to_string(), "the stored private note is not text");
        assert!(
            matches!(&err, Error::Keyring { source: None, .. }),
            "the note's bytes are not kept"
        );
        let long = "x".repeat(MAX_SECRET + 1);
        assert!(
            keyring
                .set("slack", &long)
                .unwrap_err()
                .to_string()
                .contains("at most 4000")
        );
    }

    #[test]
    fn a_store_that_cannot_be_made_is_reported_on_use() {
        let keyring = Keyring::unavailable("broken", "no Secret Service on the session bus");
        let err = keyring.get("slack").unwrap_err().to_string();
        assert_eq!(err, "no Secret Service on the session bus");
        assert_eq!(keyring.check().unwrap_err().to_string(), err);
    }
}
