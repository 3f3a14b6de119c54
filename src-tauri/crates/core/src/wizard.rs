//! The connection wizard's logic, free of any UI: turn what the user pasted into candidate
//! base URLs ([`url`]), then find the Jira behind them and the auth methods that fit
//! ([`probe`]), then prove the credentials work before anything is saved ([`validate`]); [`session`] drives these steps for the app's wizard and saves the result.

pub mod probe;
pub mod session;
pub mod url;
pub mod validate;
