use super::*;

#[test]
fn my_permissions() {
    let perms: MyPermissions = serde_json::from_str(
        r#"{"permissions":{
          "EDIT_ISSUES":{"id":"12","key":"EDIT_ISSUES","name":"Edit Issues","type":"PROJECT",
            "description":"Ability to edit issues.","havePermission":true},
          "DELETE_ISSUES":{"id":"16","key":"DELETE_ISSUES","name":"Delete Issues","type":"PROJECT",
            "description":"Ability to delete issues.","havePermission":false,"deprecatedKey":false}}}"#,
    )
    .expect("permissions");
    assert!(perms.has("EDIT_ISSUES"));
    assert!(!perms.has("DELETE_ISSUES"));
    assert!(!perms.has("ADMINISTER"), "absent means not granted");
    assert_eq!(perms.permissions["EDIT_ISSUES"].kind, "PROJECT");
    assert!(MyPermissions::query_value().starts_with("BROWSE_PROJECTS,CREATE_ISSUES,"));
}
