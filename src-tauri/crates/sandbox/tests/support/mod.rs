//! Support code for the sandbox's conformance tests (`tests/conformance_*.rs`).
//!
//! Each test binary compiles this module and uses a different part of it, so unused items
//! in one binary are expected.
#![allow(dead_code)]

pub mod custom_fields;
pub mod dialect;
pub mod exceptions;
pub mod issue_fields;
pub mod openapi;
pub mod paths;
pub mod report;
pub mod rich_text;
pub mod sandbox;
pub mod walk;
