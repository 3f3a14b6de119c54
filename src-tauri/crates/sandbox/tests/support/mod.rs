//! Support code for the sandbox's conformance tests (`tests/conformance_*.rs`).
//!
//! Each test binary compiles this module and uses a different part of it, so unused items
//! in one binary are expected.
#![allow(dead_code)]

pub mod dialect;
pub mod exceptions;
pub mod openapi;
