//! Where the user's D-Bus session bus is, for the keyring and notifications.

/// The session bus, as a D-Bus address: `DBUS_SESSION_BUS_ADDRESS`, else the
/// socket systemd makes for the user (`$XDG_RUNTIME_DIR/bus`, or
/// `/run/user/UID/bus` where the variable is not set, as under cron).
pub fn session_bus_address() -> Option<String> {
    if let Some(address) = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").filter(|v| !v.is_empty()) {
        return Some(address.to_string_lossy().into_owned());
    }
    let socket = runtime_dir().join("bus");
    socket
        .exists()
        .then(|| format!("unix:path={}", socket.display()))
}

/// The user's runtime folder: `XDG_RUNTIME_DIR`, else `/run/user/UID`.
pub fn runtime_dir() -> std::path::PathBuf {
    std::env::var_os("XDG_RUNTIME_DIR")
        .filter(|v| !v.is_empty())
        .map_or_else(
            || format!("/run/user/{}", rustix::process::getuid().as_raw()).into(),
            std::path::PathBuf::from,
        )
}
