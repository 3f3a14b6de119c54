use super::*;

const CLOUD_USER: &str = r#"{
  "self": "https://your-domain.atlassian.net/rest/api/3/user?accountId=5b10a2844c20165700ede21g",
  "accountId": "5b10a2844c20165700ede21g",
  "accountType": "atlassian",
  "emailAddress": "mia@example.com",
  "avatarUrls": {
    "48x48": "https://avatar-management.example/mia/48",
    "24x24": "https://avatar-management.example/mia/24",
    "16x16": "https://avatar-management.example/mia/16",
    "32x32": "https://avatar-management.example/mia/32"
  },
  "displayName": "Mia Krystof",
  "active": true,
  "timeZone": "Australia/Sydney",
  "locale": "en_US",
  "groups": { "size": 3, "items": [] },
  "applicationRoles": { "size": 1, "items": [] },
  "expand": "groups,applicationRoles"
}"#;

const DC_USER: &str = r#"{
  "self": "http://www.example.com/jira/rest/api/2/user?username=fred",
  "key": "JIRAUSER10100",
  "name": "fred",
  "emailAddress": "fred@example.com",
  "avatarUrls": {
    "48x48": "http://www.example.com/jira/secure/useravatar?size=large&ownerId=fred",
    "16x16": "http://www.example.com/jira/secure/useravatar?size=xsmall&ownerId=fred"
  },
  "displayName": "Fred F. User",
  "active": true,
  "deleted": false,
  "timeZone": "Australia/Sydney",
  "locale": "en_AU",
  "lastLoginTime": "2024-05-01T10:00:00+0000",
  "groups": { "size": 2, "items": [{ "name": "jira-users" }, { "name": "developers" }] }
}"#;

#[test]
fn cloud_user_is_identified_by_account_id() {
    let user: User = serde_json::from_str(CLOUD_USER).expect("cloud user");
    assert_eq!(
        user.id(),
        Some(UserId::AccountId("5b10a2844c20165700ede21g".into()))
    );
    assert_eq!(
        user.id().map(|id| id.to_json()),
        Some(json!({ "accountId": "5b10a2844c20165700ede21g" }))
    );
    assert_eq!(user.label(), "Mia Krystof");
    assert_eq!(user.name, None);
    assert_eq!(user.account_type.as_deref(), Some("atlassian"));
    let avatars = user.avatar_urls.as_ref().expect("avatars");
    assert_eq!(
        avatars.best_for(20),
        Some("https://avatar-management.example/mia/24")
    );
    assert_eq!(
        avatars.best_for(100),
        Some("https://avatar-management.example/mia/48")
    );
}

#[test]
fn dc_user_is_identified_by_name() {
    let user: User = serde_json::from_str(DC_USER).expect("dc user");
    assert_eq!(user.id(), Some(UserId::Name("fred".into())));
    assert_eq!(
        user.id().map(|id| id.to_json()),
        Some(json!({ "name": "fred" }))
    );
    assert_eq!(
        user.id().as_ref().map(UserId::query_param),
        Some(("username", "fred"))
    );
    assert_eq!(user.key.as_deref(), Some("JIRAUSER10100"));
    let groups: Vec<&str> = user
        .groups
        .iter()
        .flat_map(|g| &g.items)
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(groups, ["jira-users", "developers"]);
    // Only 16 and 48 were sent: 24 falls to the next size up.
    assert_eq!(
        user.avatar_urls.as_ref().and_then(|a| a.best_for(24)),
        Some("http://www.example.com/jira/secure/useravatar?size=large&ownerId=fred")
    );
}

#[test]
fn minimal_and_odd_users() {
    // An issue's assignee on a privacy-restricted Cloud site: no email, no time zone.
    let user: User =
        serde_json::from_str(r#"{"accountId":"abc","displayName":"A"}"#).expect("user");
    assert!(user.active);
    assert_eq!(user.email_address, None);
    // A deleted DC user: only a name survives.
    let gone: User = serde_json::from_str(r#"{"name":"old","active":false}"#).expect("user");
    assert_eq!(gone.label(), "old");
    assert!(!gone.active);
    let nobody: User = serde_json::from_str("{}").expect("user");
    assert_eq!(nobody.id(), None);
    assert_eq!(nobody.label(), "");
}

#[test]
fn same_person_across_descriptions() {
    let a: User = serde_json::from_str(DC_USER).expect("dc user");
    let b: User =
        serde_json::from_str(r#"{"key":"JIRAUSER10100","name":"fred.renamed"}"#).expect("user");
    assert!(a.same_as(&b));
    let c: User = serde_json::from_str(r#"{"name":"fred"}"#).expect("user");
    assert!(a.same_as(&c));
    let cloud: User = serde_json::from_str(CLOUD_USER).expect("cloud user");
    assert!(!cloud.same_as(&a));
    assert!(!User::default().same_as(&User::default()));
}

#[test]
fn serializes_camel_case_without_absent_fields() {
    let user: User =
        serde_json::from_str(r#"{"accountId":"abc","displayName":"A"}"#).expect("user");
    assert_eq!(
        serde_json::to_value(&user).expect("json"),
        json!({ "accountId": "abc", "displayName": "A", "active": true })
    );
    let id = UserId::Name("fred".into());
    assert_eq!(
        serde_json::to_value(&id).expect("json"),
        json!({ "kind": "name", "value": "fred" })
    );
}
