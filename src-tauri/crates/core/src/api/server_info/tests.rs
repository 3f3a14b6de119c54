use super::*;

fn parse(json: &str) -> ServerInfo {
    serde_json::from_str(json).expect("valid serverInfo")
}

#[test]
fn cloud_server_info() {
    let info = parse(
        r#"{"baseUrl":"https://your-domain.atlassian.net","buildDate":"2020-03-26T22:20:59.000+0000",
        "buildNumber":582,"deploymentType":"Cloud","scmInfo":"1f51473f5c7b75c1a69a0090f4832cdc5053702a",
        "serverTime":"2020-03-31T16:43:50.000+0000","serverTimeZone":"Australia/Sydney",
        "serverTitle":"My Jira instance","version":"1001.0.0-SNAPSHOT","versionNumbers":[5,0,0]}"#,
    );
    assert_eq!(info.deployment(), Deployment::Cloud);
    assert_eq!(info.parsed_version(), JiraVersion::new(5, 0, 0));
    // Cloud's versionNumbers mean nothing for support: Cloud is always current.
    assert!(!info.is_older_than_7());
    assert_eq!(info.server_title.as_deref(), Some("My Jira instance"));
}

#[test]
fn data_center_reports_server() {
    let info = parse(
        r#"{"baseUrl":"https://jira.corp","version":"10.3.19","versionNumbers":[10,3,19],
        "deploymentType":"Server","buildNumber":10030019,"buildDate":"2025-01-01T00:00:00.000+0000",
        "databaseBuildNumber":10030019,"serverTime":"2025-06-01T10:00:00.000+0000",
        "scmInfo":"abc","serverTitle":"ACME Jira"}"#,
    );
    assert_eq!(info.deployment(), Deployment::DataCenter);
    assert_eq!(info.parsed_version().to_string(), "10.3.19");
    assert!(!info.is_older_than_7());
}

#[test]
fn server_and_old_versions() {
    let info = parse(r#"{"version":"8.20.1","versionNumbers":[8,20,1],"deploymentType":"Server"}"#);
    assert_eq!(info.deployment(), Deployment::Server);
    let info = parse(r#"{"version":"8.20.1","deploymentType":"DataCenter"}"#);
    assert_eq!(info.deployment(), Deployment::DataCenter);
    assert_eq!(info.parsed_version(), JiraVersion::new(8, 20, 1));
    let old = parse(r#"{"version":"6.4.14","versionNumbers":[6,4,14],"deploymentType":"Server"}"#);
    assert!(old.is_older_than_7());
    let seven = parse(r#"{"version":"7.0.0","deploymentType":"Server"}"#);
    assert!(!seven.is_older_than_7());
    // Missing everything: version 0.0.0, refused rather than guessed supported.
    assert!(parse("{}").is_older_than_7());
}

#[test]
fn versions_compare_numerically() {
    assert!(JiraVersion::parse("8.14.0") > JiraVersion::parse("8.2.0"));
    assert!(JiraVersion::parse("10.0") > JiraVersion::parse("9.17.5"));
    assert_eq!(
        JiraVersion::parse("10.3.19-SNAPSHOT"),
        JiraVersion::new(10, 3, 19)
    );
    assert_eq!(JiraVersion::parse("9"), JiraVersion::new(9, 0, 0));
    assert_eq!(JiraVersion::parse("garbage"), JiraVersion::new(0, 0, 0));
    assert_eq!(JiraVersion::parse("8.x.1"), JiraVersion::new(8, 0, 1));
    assert!(JiraVersion::parse("8.14").at_least(JiraVersion::PERSONAL_ACCESS_TOKENS));
    assert!(!JiraVersion::parse("8.13.9").at_least(JiraVersion::PERSONAL_ACCESS_TOKENS));
}
