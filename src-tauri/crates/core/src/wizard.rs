//! The connection wizard's logic, free of any UI: turn what the user pasted into candidate
//! base URLs ([`url`]), then find the Jira behind them and the auth methods that fit
//! ([`probe`]).

pub mod probe;
pub mod url;
