//! Support code for the sandbox's OpenAPI conformance tests (`tests/conformance_*.rs`).
//!
//! - [`openapi`]: loads Atlassian's documents from `$JIFFY_REFERENCE_DIR` or
//!   `<workspace>/../shared/reference` (never copied into the repository), matches concrete
//!   paths to templates and validates request and response bodies with the `jsonschema`
//!   crate, after [`dialect`] turns the OpenAPI 3.0 schemas into JSON Schema.
//! - [`exceptions`]: every departure from the letter of the documents, each with its evidence.
//! - [`issue_fields`], [`custom_fields`], [`rich_text`]: checks stricter than the documents for
//!   the parts they leave free-form (an issue's `fields`, ADF vs wiki markup);
//!   [`invariants`]: `self` links on the answering site and consistent page counts.
//! - [`walk`], [`sandbox`]: an HTTP walk through a started sandbox that records every
//!   exchange's problems and fails at the end with all of them listed.
//!
//! Run: `cargo test -p jiffy-sandbox --test 'conformance_*'` (add `-- --nocapture` to see
//! each exchange). Without the documents each test prints one SKIPPED line and passes,
//! unless `CI=true`, where it fails.
//!
//! Each test binary compiles this module and uses a different part of it, so unused items
//! in one binary are expected.
#![allow(dead_code)]

pub mod custom_fields;
pub mod dialect;
pub mod exceptions;
pub mod invariants;
pub mod issue_fields;
pub mod openapi;
pub mod paths;
pub mod report;
pub mod rich_text;
pub mod sandbox;
pub mod walk;
