use super::*;
use crate::api::test_server::{serve, Reply};
use crate::config::NetworkSettings;
use crate::secrets::{InMemoryStore, Sensitive};
use serde_json::{json, Value};

fn connection(base: &str, deployment: Deployment, auth: AuthSettings) -> Connection {
    Connection {
        id: "c1".into(),
        name: "Test".into(),
        base_url: base.into(),
        deployment,
        version: None,
        auth,
        network: NetworkSettings::default(),
    }
}

fn get<'a>(path: &'a str) -> ApiRequest<'a> {
    ApiRequest {
        method: Method::GET,
        path,
        query: &[],
        body: None,
    }
}

#[tokio::test]
async fn data_center_pat_calls_v2_with_bearer_and_maps_errors() {
    let (base, log) = serve(|seen| match seen.target.as_str() {
        "/jira/rest/api/2/myself" => Reply(200, vec![], r#"{"name":"bob"}"#.into()),
        _ => Reply(
            404,
            vec![],
            r#"{"errorMessages":["Issue does not exist"],"errors":{}}"#.into(),
        ),
    })
    .await;
    let store = Arc::new(InMemoryStore::new());
    store
        .set("c1", SecretKind::PersonalAccessToken, &"pat".into())
        .unwrap();
    let conn = connection(
        &format!("{base}/jira"),
        Deployment::DataCenter,
        AuthSettings::Pat { username: None },
    );
    let client = JiraClient::new(conn, store, ClientConfig::new("0.1.0")).unwrap();
    assert_eq!(client.api_path("myself"), "/rest/api/2/myself");
    let me: Value = client.json(&get(&client.api_path("myself"))).await.unwrap();
    assert_eq!(me["name"], "bob");
    let err = client
        .json::<Value>(&get("/rest/api/2/issue/NOPE-1"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "NotFound");
    let seen = log.lock().unwrap().clone();
    assert_eq!(seen[0].headers["authorization"], "Bearer pat");
    assert_eq!(seen[0].headers["accept"], "application/json");
    assert!(seen[0].headers["user-agent"].starts_with("Jiffy/0.1.0"));
}

#[tokio::test]
async fn queries_and_bodies_are_sent_as_given() {
    let (base, log) = serve(|_| Reply(201, vec![], r#"{"key":"ABC-1"}"#.into())).await;
    let store = Arc::new(InMemoryStore::new());
    store.set("c1", SecretKind::Password, &"pw".into()).unwrap();
    let conn = connection(
        &base,
        Deployment::Server,
        AuthSettings::Basic {
            username: "bob".into(),
        },
    );
    let client = JiraClient::new(conn, store, ClientConfig::new("0.1.0")).unwrap();
    let body = json!({"fields": {"summary": "Hello"}});
    let query = [("updateHistory", "true".to_owned())];
    let created: Value = client
        .json(&ApiRequest {
            method: Method::POST,
            path: "/rest/api/2/issue",
            query: &query,
            body: Some(&body),
        })
        .await
        .unwrap();
    assert_eq!(created["key"], "ABC-1");
    let seen = log.lock().unwrap()[0].clone();
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.target, "/rest/api/2/issue?updateHistory=true");
    assert_eq!(serde_json::from_str::<Value>(&seen.body).unwrap(), body);
    assert_eq!(seen.headers["authorization"], "Basic Ym9iOnB3");
}

#[tokio::test]
async fn oauth2_refreshes_on_401_and_persists_the_rotated_token() {
    let (base, log) = serve(|seen| match seen.target.as_str() {
        "/oauth/token" => Reply(
            200,
            vec![],
            r#"{"access_token":"new","refresh_token":"r2","expires_in":3600}"#.into(),
        ),
        "/ex/jira/cid/rest/api/3/myself" => {
            if seen.headers.get("authorization").map(String::as_str) == Some("Bearer new") {
                Reply(200, vec![], r#"{"accountId":"a1"}"#.into())
            } else {
                Reply(
                    401,
                    vec![],
                    r#"{"code":401,"message":"Unauthorized"}"#.into(),
                )
            }
        }
        _ => Reply(404, vec![], "{}".into()),
    })
    .await;
    let store = Arc::new(InMemoryStore::new());
    let old = oauth2::TokenSet {
        access_token: "old".into(),
        refresh_token: Some("r1".into()),
        expires_at: None,
        scope: None,
    };
    oauth2::store_tokens(store.as_ref(), "c1", &old).unwrap();
    store
        .set("c1", SecretKind::OAuth2ClientSecret, &"shh".into())
        .unwrap();
    let conn = connection(
        "https://acme.atlassian.net",
        Deployment::Cloud,
        AuthSettings::OAuth2 {
            client_id: "cid-app".into(),
            scopes: vec!["read:jira-work".into()],
            redirect_port: 47802,
            redirect_uri: None,
            cloud_id: Some("cid".into()),
            auth_host: Some(base.clone()),
            api_host: Some(base.clone()),
        },
    );
    let client = JiraClient::new(conn, store.clone(), ClientConfig::new("0.1.0")).unwrap();
    assert_eq!(client.api_root(), format!("{base}/ex/jira/cid"));
    let me: Value = client.json(&get(&client.api_path("myself"))).await.unwrap();
    assert_eq!(me["accountId"], "a1");
    assert_eq!(
        store
            .get("c1", SecretKind::OAuth2RefreshToken)
            .unwrap()
            .map(Sensitive::into_inner),
        Some("r2".to_owned())
    );
    let targets: Vec<String> = log
        .lock()
        .unwrap()
        .iter()
        .map(|s| s.target.clone())
        .collect();
    assert_eq!(
        targets,
        vec![
            "/ex/jira/cid/rest/api/3/myself",
            "/oauth/token",
            "/ex/jira/cid/rest/api/3/myself"
        ]
    );
}

#[tokio::test]
async fn a_scoped_api_token_moves_to_the_gateway() {
    let (base, log) = serve(|seen| match seen.target.as_str() {
        "/rest/api/3/myself" => Reply(
            401,
            vec![],
            r#"{"code":401,"message":"Unauthorized; scope does not match"}"#.into(),
        ),
        "/_edge/tenant_info" => Reply(200, vec![], r#"{"cloudId":"cid-9"}"#.into()),
        "/ex/jira/cid-9/rest/api/3/myself" => Reply(200, vec![], r#"{"accountId":"a9"}"#.into()),
        _ => Reply(404, vec![], "{}".into()),
    })
    .await;
    let store = Arc::new(InMemoryStore::new());
    store
        .set("c1", SecretKind::ApiToken, &"scoped".into())
        .unwrap();
    let conn = connection(
        &base,
        Deployment::Cloud,
        AuthSettings::ApiToken {
            email: "me@example.com".into(),
            cloud_id: None,
            use_gateway: false,
        },
    );
    let config = ClientConfig {
        api_host: base.clone(),
        ..ClientConfig::new("0.1.0")
    };
    let client = JiraClient::new(conn, store, config).unwrap();
    let me: Value = client.json(&get(&client.api_path("myself"))).await.unwrap();
    assert_eq!(me["accountId"], "a9");
    assert_eq!(client.gateway_switch().as_deref(), Some("cid-9"));
    assert_eq!(client.api_root(), format!("{base}/ex/jira/cid-9"));
    let seen = log.lock().unwrap().clone();
    assert_eq!(seen.len(), 3);
    assert!(seen[2].headers["authorization"].starts_with("Basic "));
}

#[tokio::test]
async fn a_plain_401_is_unauthorized_without_switching() {
    let (base, log) = serve(|_| {
        Reply(
            401,
            vec![("X-Seraph-LoginReason", "AUTHENTICATED_FAILED".into())],
            "".into(),
        )
    })
    .await;
    let store = Arc::new(InMemoryStore::new());
    store
        .set("c1", SecretKind::ApiToken, &"bad".into())
        .unwrap();
    let conn = connection(
        &base,
        Deployment::Cloud,
        AuthSettings::ApiToken {
            email: "me@example.com".into(),
            cloud_id: None,
            use_gateway: false,
        },
    );
    let client = JiraClient::new(conn, store, ClientConfig::new("0.1.0")).unwrap();
    let err = client
        .json::<Value>(&get("/rest/api/3/myself"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "Unauthorized");
    assert_eq!(client.gateway_switch(), None);
    assert_eq!(log.lock().unwrap().len(), 1);
}

#[test]
fn oauth2_cloud_needs_a_site() {
    let store = Arc::new(InMemoryStore::new());
    oauth2::store_tokens(
        store.as_ref(),
        "c1",
        &oauth2::TokenSet {
            access_token: "a".into(),
            refresh_token: None,
            expires_at: None,
            scope: None,
        },
    )
    .unwrap();
    let conn = connection(
        "https://acme.atlassian.net",
        Deployment::Cloud,
        AuthSettings::OAuth2 {
            client_id: "x".into(),
            scopes: vec![],
            redirect_port: 1,
            redirect_uri: None,
            cloud_id: None,
            auth_host: None,
            api_host: None,
        },
    );
    let err = JiraClient::new(conn, store, ClientConfig::new("0.1.0")).unwrap_err();
    assert_eq!(err.kind(), "InvalidInput");
}

#[tokio::test]
async fn custom_bodies_such_as_multipart_uploads_get_auth_too() {
    let (base, log) =
        serve(|_| Reply(200, vec![], r#"[{"id":"10000","filename":"a.txt"}]"#.into())).await;
    let store = Arc::new(InMemoryStore::new());
    store
        .set("c1", SecretKind::PersonalAccessToken, &"pat".into())
        .unwrap();
    let conn = connection(
        &base,
        Deployment::DataCenter,
        AuthSettings::Pat { username: None },
    );
    let client = JiraClient::new(conn, store, ClientConfig::new("0.1.0")).unwrap();
    let upload = |builder: reqwest::RequestBuilder| {
        let part = reqwest::multipart::Part::bytes(b"hello".to_vec()).file_name("a.txt");
        builder
            .header("X-Atlassian-Token", "no-check")
            .multipart(reqwest::multipart::Form::new().part("file", part))
    };
    let response = client
        .send_custom(
            Method::POST,
            "/rest/api/2/issue/ABC-1/attachments",
            &[],
            &upload,
        )
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let seen = log.lock().unwrap()[0].clone();
    assert_eq!(seen.headers["x-atlassian-token"], "no-check");
    assert!(seen.headers["content-type"].starts_with("multipart/form-data; boundary="));
    assert!(seen.body.contains("filename=\"a.txt\"") && seen.body.contains("hello"));
    assert_eq!(seen.headers["authorization"], "Bearer pat");
}
