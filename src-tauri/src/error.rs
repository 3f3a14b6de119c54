//! The error every command returns, as the UI sees it.
//!
//! Serialised with a `kind` tag so the UI switches on the kind, never on message text. The
//! TypeScript type is generated into `ui/src/bindings/IpcError.ts`.

use jiffy_core::Error;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// A command's failure: what happened (`kind`), a sentence for people (`message`), and the
/// details the UI needs to offer the next step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum IpcError {
    Unauthorized {
        message: String,
    },
    Forbidden {
        message: String,
    },
    NotFound {
        message: String,
    },
    #[serde(rename_all = "camelCase")]
    RateLimited {
        message: String,
        #[ts(type = "number")]
        retry_after_secs: u64,
    },
    Network {
        message: String,
    },
    Tls {
        message: String,
    },
    #[serde(rename_all = "camelCase")]
    Validation {
        message: String,
        field_errors: BTreeMap<String, String>,
    },
    #[serde(rename_all = "camelCase")]
    CaptchaRequired {
        message: String,
        login_url: String,
    },
    TokenExpired {
        message: String,
    },
    KeyringUnavailable {
        message: String,
    },
    InvalidInput {
        message: String,
    },
    Internal {
        message: String,
    },
}

impl From<Error> for IpcError {
    fn from(err: Error) -> Self {
        let message = err.to_string();
        match err {
            Error::Unauthorized(_) => IpcError::Unauthorized { message },
            Error::Forbidden(_) => IpcError::Forbidden { message },
            Error::NotFound(_) => IpcError::NotFound { message },
            Error::RateLimited { retry_after_secs } => IpcError::RateLimited {
                message,
                retry_after_secs,
            },
            Error::Network(_) => IpcError::Network { message },
            Error::Tls(_) => IpcError::Tls { message },
            Error::Validation { field_errors, .. } => IpcError::Validation {
                message,
                field_errors,
            },
            Error::CaptchaRequired { login_url } => {
                IpcError::CaptchaRequired { message, login_url }
            }
            Error::TokenExpired(_) => IpcError::TokenExpired { message },
            Error::KeyringUnavailable(_) => IpcError::KeyringUnavailable { message },
            Error::InvalidInput(_) => IpcError::InvalidInput { message },
            Error::Internal(_) => IpcError::Internal { message },
        }
    }
}

/// Like `From<Error>`, but a [`Error::Validation`] of Jiffy's own keeps its message as written
/// (no "Jira rejected the input" prefix): for checks made before anything is sent.
pub fn validation_as_is(err: Error) -> IpcError {
    match err {
        Error::Validation {
            message,
            field_errors,
        } => IpcError::Validation {
            message,
            field_errors,
        },
        other => other.into(),
    }
}

/// What every command returns.
pub type CmdResult<T> = Result<T, IpcError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_with_a_kind_tag_and_camel_case_details() {
        let err: IpcError = Error::RateLimited {
            retry_after_secs: 30,
        }
        .into();
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["kind"], "rateLimited");
        assert_eq!(json["retryAfterSecs"], 30);
        assert!(json["message"].as_str().unwrap().contains("30 s"));

        let mut fields = BTreeMap::new();
        fields.insert(
            "summary".to_owned(),
            "You must specify a summary of the issue.".to_owned(),
        );
        let err: IpcError = Error::Validation {
            message: "bad".into(),
            field_errors: fields,
        }
        .into();
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["kind"], "validation");
        assert_eq!(
            json["fieldErrors"]["summary"],
            "You must specify a summary of the issue."
        );
    }
}
