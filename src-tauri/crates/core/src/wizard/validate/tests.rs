use super::*;
use crate::api::test_server::{serve, Reply};
use crate::config::{Deployment, NetworkSettings};

fn connection(base: &str, deployment: Deployment, auth: AuthSettings) -> Connection {
    Connection {
        id: "new".into(),
        name: "New".into(),
        base_url: base.into(),
        deployment,
        version: None,
        auth,
        network: NetworkSettings::default(),
    }
}

#[tokio::test]
async fn accepted_credentials_return_the_user() {
    let (base, _log) = serve(|seen| {
        // base64("bob:pw")
        if seen.headers.get("authorization").map(String::as_str) == Some("Basic Ym9iOnB3") {
            Reply(
                200,
                vec![],
                r#"{"name":"bob","key":"JIRAUSER1","displayName":"Bob B"}"#.into(),
            )
        } else {
            Reply(
                401,
                vec![("X-Seraph-LoginReason", "AUTHENTICATED_FAILED".into())],
                String::new(),
            )
        }
    })
    .await;
    let conn = connection(
        &base,
        Deployment::DataCenter,
        AuthSettings::Basic {
            username: "bob".into(),
        },
    );
    let ok = validate(
        conn.clone(),
        &[(SecretKind::Password, "pw".into())],
        ClientConfig::new("0.1.0"),
    )
    .await
    .unwrap();
    assert_eq!(ok.user.label(), "Bob B");
    assert_eq!(ok.connection, conn);
    let err = validate(
        conn,
        &[(SecretKind::Password, "typo".into())],
        ClientConfig::new("0.1.0"),
    )
    .await
    .unwrap_err();
    assert_eq!(err.kind(), "Unauthorized");
}

#[tokio::test]
async fn a_scoped_token_comes_back_set_to_use_the_gateway() {
    let (base, _log) = serve(|seen| match seen.target.as_str() {
        "/rest/api/3/myself" => Reply(
            401,
            vec![],
            r#"{"code":401,"message":"Unauthorized; scope does not match"}"#.into(),
        ),
        "/_edge/tenant_info" => Reply(200, vec![], r#"{"cloudId":"c-7"}"#.into()),
        "/ex/jira/c-7/rest/api/3/myself" => Reply(
            200,
            vec![],
            r#"{"accountId":"5b10a","displayName":"Ann"}"#.into(),
        ),
        _ => Reply(404, vec![], "{}".into()),
    })
    .await;
    let conn = connection(
        &base,
        Deployment::Cloud,
        AuthSettings::ApiToken {
            email: "ann@example.com".into(),
            cloud_id: None,
            use_gateway: false,
        },
    );
    let config = ClientConfig {
        api_host: base.clone(),
        ..ClientConfig::new("0.1.0")
    };
    let ok = validate(conn, &[(SecretKind::ApiToken, "scoped".into())], config)
        .await
        .unwrap();
    assert_eq!(ok.user.account_id.as_deref(), Some("5b10a"));
    assert_eq!(
        ok.connection.auth,
        AuthSettings::ApiToken {
            email: "ann@example.com".into(),
            cloud_id: Some("c-7".into()),
            use_gateway: true,
        }
    );
}
