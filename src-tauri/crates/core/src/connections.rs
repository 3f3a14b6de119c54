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
