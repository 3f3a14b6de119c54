//! Saving and removing whole connections: the profile in the config file, the secrets in the
//! keyring, kept consistent with each other.
//!
//! The wizard validates credentials first (GET myself) and calls [`save_new`] second. Saving
//! writes the secrets, then the profile; if either fails, the secrets already written are
//! removed again so that no orphan is left in the keyring.

use crate::config::{Config, ConfigStore, Connection};
use crate::error::{Error, Result};
use crate::secrets::{SecretKind, SecretStore, Sensitive};

/// Adds a connection with its secrets and returns the saved configuration.
///
/// Errors: [`Error::InvalidInput`] for a name or id already in use (nothing is written);
/// keyring and file errors (after rolling back the secrets written).
pub fn save_new(
    config_store: &ConfigStore,
    secrets: &dyn SecretStore,
    connection: Connection,
    values: &[(SecretKind, Sensitive<String>)],
) -> Result<Config> {
    let mut config = config_store.load()?;
    let id = connection.id.clone();
    config.add(connection)?;
    let mut written = Vec::new();
    for (kind, value) in values {
        if let Err(e) = secrets.set(&id, *kind, value) {
            roll_back(secrets, &id, &written);
            return Err(e);
        }
        written.push(*kind);
    }
    if let Err(e) = config_store.save(&config) {
        roll_back(secrets, &id, &written);
        return Err(e);
    }
    Ok(config)
}

fn roll_back(secrets: &dyn SecretStore, id: &str, kinds: &[SecretKind]) {
    for kind in kinds {
        // Best effort: the original error is what the user needs to see.
        let _ = secrets.delete(id, *kind);
    }
}

/// Puts new credentials (and the settings that go with them) on an existing connection,
/// keeping its id and name: the wizard's "reconnect" after an expired or revoked credential.
///
/// The old secrets are read first; if writing the new ones or the profile fails, they are put
/// back, so a failed reconnect leaves the connection as it was. Secrets of kinds the new
/// credentials do not use (a changed method) are deleted.
///
/// Errors: [`Error::NotFound`]; keyring and file errors (after restoring the old secrets).
pub fn replace_credentials(
    config_store: &ConfigStore,
    secrets: &dyn SecretStore,
    id_or_name: &str,
    fresh: Connection,
    values: &[(SecretKind, Sensitive<String>)],
) -> Result<Connection> {
    let mut config = config_store.load()?;
    let existing = config
        .get(id_or_name)
        .cloned()
        .ok_or_else(|| Error::NotFound(format!("connection \"{id_or_name}\"")))?;
    let id = existing.id.clone();
    let mut old = Vec::new();
    for kind in SecretKind::ALL {
        if let Some(value) = secrets.get(&id, kind)? {
            old.push((kind, value));
        }
    }
    let restore = |secrets: &dyn SecretStore| {
        // Best effort: the original error is what the user needs to see.
        for kind in SecretKind::ALL {
            let _ = secrets.delete(&id, kind);
        }
        for (kind, value) in &old {
            let _ = secrets.set(&id, *kind, value);
        }
    };
    for (kind, value) in values {
        if let Err(e) = secrets.set(&id, *kind, value) {
            restore(secrets);
            return Err(e);
        }
    }
    for kind in SecretKind::ALL {
        if !values.iter().any(|(k, _)| *k == kind) {
            if let Err(e) = secrets.delete(&id, kind) {
                restore(secrets);
                return Err(e);
            }
        }
    }
    let updated = Connection {
        id: id.clone(),
        name: existing.name,
        ..fresh
    };
    let saved = config
        .update(updated.clone())
        .and_then(|()| config_store.save(&config));
    if let Err(e) = saved {
        restore(secrets);
        return Err(e);
    }
    Ok(updated)
}

/// Renames a connection; returns the renamed profile.
///
/// Errors: [`Error::NotFound`]; an empty or taken name; file errors.
pub fn rename(config_store: &ConfigStore, id_or_name: &str, name: &str) -> Result<Connection> {
    let mut config = config_store.load()?;
    let mut connection = config
        .get(id_or_name)
        .cloned()
        .ok_or_else(|| Error::NotFound(format!("connection \"{id_or_name}\"")))?;
    connection.name = name.trim().to_owned();
    config.update(connection.clone())?;
    config_store.save(&config)?;
    Ok(connection)
}

/// Removes a connection (by id or name) and all its secrets; returns the removed profile.
///
/// The profile goes first, so a broken keyring cannot keep a connection the user wants gone.
///
/// Errors: [`Error::NotFound`]; file errors; [`Error::KeyringUnavailable`] when the profile
/// was removed but its secrets could not be deleted.
pub fn remove(
    config_store: &ConfigStore,
    secrets: &dyn SecretStore,
    id_or_name: &str,
) -> Result<Connection> {
    let mut config = config_store.load()?;
    let removed = config.remove(id_or_name)?;
    config_store.save(&config)?;
    secrets.delete_all(&removed.id).map_err(|e| {
        Error::KeyringUnavailable(format!(
            "the connection \"{}\" was removed, but its secrets could not be deleted from the \
             keyring: {e}",
            removed.name
        ))
    })?;
    Ok(removed)
}

#[cfg(test)]
mod tests;
