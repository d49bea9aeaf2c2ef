//! Desktop notifications: one call to the freedesktop Notifications service
//! on the session bus, through the libdbus the keyring already links (no
//! second D-Bus stack, no async runtime).

/// One notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub summary: String,
    /// Plain text: characters that servers read as markup are escaped here.
    pub body: String,
    /// Shown as critical (an open incident).
    pub urgent: bool,
}

/// Body text for a server that may read markup (`body-markup`): `&`, `<`
/// and `>` escaped, hidden characters made visible.
pub fn body_text(text: &str) -> String {
    crate::text::visible_lines(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Show `notice`; Err says why it could not be shown (no bus, no
/// notification service, a service that refused), for the caller to print
/// the same text instead.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
pub fn send(notice: &Notice) -> Result<u32, String> {
    use dbus::arg::{PropMap, RefArg, Variant};
    use std::time::Duration;

    let address = crate::bus::session_bus_address()
        .ok_or("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set, and no bus socket in the runtime folder)")?;
    let mut channel = dbus::channel::Channel::open_private(&address).map_err(|e| {
        format!(
            "cannot reach the session bus: {}",
            e.message().unwrap_or("no reason given")
        )
    })?;
    channel.register().map_err(|e| {
        format!(
            "cannot reach the session bus: {}",
            e.message().unwrap_or("no reason given")
        )
    })?;
    let connection = dbus::blocking::Connection::from(channel);
    let proxy = connection.with_proxy(
        "org.freedesktop.Notifications",
        "/org/freedesktop/Notifications",
        Duration::from_secs(5),
    );
    let mut hints = PropMap::new();
    let urgency: u8 = if notice.urgent { 2 } else { 1 };
    hints.insert(
        "urgency".to_string(),
        Variant(Box::new(urgency) as Box<dyn RefArg>),
    );
    hints.insert(
        "desktop-entry".to_string(),
        Variant(Box::new("hygiene".to_string()) as Box<dyn RefArg>),
    );
    let (id,): (u32,) = proxy
        .method_call(
            "org.freedesktop.Notifications",
            "Notify",
            (
                "hygiene",
                0u32,
                "dialog-warning",
                crate::text::visible(&notice.summary).into_owned(),
                body_text(&notice.body),
                Vec::<String>::new(),
                hints,
                -1i32,
            ),
        )
        .map_err(|e| match e.name() {
            Some("org.freedesktop.DBus.Error.ServiceUnknown") => {
                "no notification service on the session bus".to_string()
            }
            _ => format!(
                "the notification service did not take it: {}",
                e.message().unwrap_or("no reason given")
            ),
        })?;
    Ok(id)
}

#[cfg(not(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
)))]
pub fn send(_notice: &Notice) -> Result<u32, String> {
    Err("desktop notifications go through D-Bus, which this platform does not have".to_string())
}
