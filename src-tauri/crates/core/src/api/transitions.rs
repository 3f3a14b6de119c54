//! Workflow transitions: `GET /issue/{key}/transitions?expand=transitions.fields`
//! (`Transitions` of `IssueTransition` on Cloud, `TransitionsMetaBean` of `TransitionBean` on
//! DC); `fields` is the transition screen.

use super::meta::FieldMeta;
use super::serde_util::null_as_default;
use super::statuses::Status;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// A transition the current user can perform on an issue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Transition {
    /// Transition id (what `POST …/transitions` takes).
    #[serde(default)]
    pub id: String,
    /// Name, e.g. "Start Progress".
    #[serde(default)]
    pub name: String,
    /// The status it leads to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub to: Option<Status>,
    /// Whether it has a screen (Cloud says so; on DC, infer from `fields`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub has_screen: Option<bool>,
    /// Cloud: available from every status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub is_global: Option<bool>,
    /// Cloud: the create transition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub is_initial: Option<bool>,
    /// Cloud: false when conditions forbid it (with `includeUnavailableTransitions`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub is_available: Option<bool>,
    /// Cloud: has conditions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub is_conditional: Option<bool>,
    /// Cloud: leads back to the same status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub looped: Option<bool>,
    /// The screen's fields by id (with `expand=transitions.fields`).
    #[serde(default, deserialize_with = "null_as_default")]
    pub fields: BTreeMap<String, FieldMeta>,
}

impl Transition {
    /// Whether performing it needs a form: Cloud's `hasScreen`, else any screen field.
    pub fn needs_form(&self) -> bool {
        self.has_screen.unwrap_or(false) || !self.fields.is_empty()
    }

    /// Whether the user can perform it now (Cloud can list unavailable ones).
    pub fn is_available(&self) -> bool {
        self.is_available.unwrap_or(true)
    }

    /// Whether `wanted` names this transition or its target status (case-insensitive), as
    /// `jiffy-cli issue transition KEY "In Progress"` allows.
    pub fn matches(&self, wanted: &str) -> bool {
        let wanted = wanted.trim();
        self.id == wanted
            || self.name.eq_ignore_ascii_case(wanted)
            || self
                .to
                .as_ref()
                .is_some_and(|s| s.name.eq_ignore_ascii_case(wanted))
    }
}

/// The answer of `GET /issue/{key}/transitions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Transitions {
    /// The transitions.
    #[serde(default, deserialize_with = "null_as_default")]
    pub transitions: Vec<Transition>,
}

impl Transitions {
    /// The transition `wanted` names: by id or name first, then by target status; `None`
    /// when nothing or several different transitions match the status name.
    pub fn find(&self, wanted: &str) -> Option<&Transition> {
        let wanted = wanted.trim();
        if let Some(t) = self
            .transitions
            .iter()
            .find(|t| t.id == wanted || t.name.eq_ignore_ascii_case(wanted))
        {
            return Some(t);
        }
        let mut by_status = self.transitions.iter().filter(|t| t.matches(wanted));
        let first = by_status.next()?;
        by_status.next().is_none().then_some(first)
    }
}

#[cfg(test)]
mod tests;
