use super::*;
use crate::config::{NetworkSettings, OAuth1Callback};
use crate::secrets::InMemoryStore;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::signature::Verifier;

fn connection(deployment: Deployment, auth: AuthSettings) -> Connection {
    Connection {
        id: "c1".into(),
        name: "Test".into(),
        base_url: "https://jira.corp".into(),
        deployment,
        version: None,
        auth,
        network: NetworkSettings::default(),
    }
}

fn header_of(credentials: &Credentials, request: &mut reqwest::Request) -> String {
    credentials.apply(request).unwrap();
    let value = request.headers().get(AUTHORIZATION).unwrap();
    assert!(value.is_sensitive());
    value.to_str().unwrap().to_owned()
}

#[test]
fn api_token_and_password_are_basic_auth() {
    let store = InMemoryStore::new();
    store
        .set("c1", SecretKind::ApiToken, &"tok".into())
        .unwrap();
    let cloud = connection(
        Deployment::Cloud,
        AuthSettings::ApiToken {
            email: "me@example.com".into(),
            cloud_id: None,
            use_gateway: false,
        },
    );
    let creds = Credentials::load(&store, &cloud).unwrap();
    let mut request = reqwest::Client::new()
        .get("https://x.atlassian.net/rest/api/3/myself")
        .build()
        .unwrap();
    // base64("me@example.com:tok")
    assert_eq!(
        header_of(&creds, &mut request),
        "Basic bWVAZXhhbXBsZS5jb206dG9r"
    );
    assert!(!format!("{creds:?}").contains("tok\""));

    let dc = connection(
        Deployment::DataCenter,
        AuthSettings::Basic {
            username: "bob".into(),
        },
    );
    assert_eq!(
        Credentials::load(&store, &dc).unwrap_err().kind(),
        "TokenExpired"
    );
    store.set("c1", SecretKind::Password, &"pw".into()).unwrap();
    let creds = Credentials::load(&store, &dc).unwrap();
    let mut request = reqwest::Client::new()
        .get("https://jira.corp/rest/api/2/myself")
        .build()
        .unwrap();
    assert_eq!(header_of(&creds, &mut request), "Basic Ym9iOnB3");
}

#[test]
fn pat_and_oauth2_are_bearer() {
    let store = InMemoryStore::new();
    store
        .set("c1", SecretKind::PersonalAccessToken, &"pat-1".into())
        .unwrap();
    let dc = connection(Deployment::DataCenter, AuthSettings::Pat { username: None });
    let creds = Credentials::load(&store, &dc).unwrap();
    let mut request = reqwest::Client::new()
        .get("https://jira.corp/rest/api/2/myself")
        .build()
        .unwrap();
    assert_eq!(header_of(&creds, &mut request), "Bearer pat-1");

    let oauth = connection(
        Deployment::Cloud,
        AuthSettings::OAuth2 {
            client_id: "cid".into(),
            scopes: vec![],
            redirect_port: 47802,
            redirect_uri: None,
            cloud_id: Some("cloud".into()),
            auth_host: None,
            api_host: None,
        },
    );
    assert_eq!(
        Credentials::load(&store, &oauth).unwrap_err().kind(),
        "TokenExpired"
    );
    let tokens = crate::auth::oauth2::TokenSet {
        access_token: "at-9".into(),
        refresh_token: Some("rt-9".into()),
        expires_at: None,
        scope: None,
    };
    crate::auth::oauth2::store_tokens(&store, "c1", &tokens).unwrap();
    let creds = Credentials::load(&store, &oauth).unwrap();
    assert_eq!(header_of(&creds, &mut request), "Bearer at-9");
}

fn param(header: &str, name: &str) -> String {
    let start = header.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let end = header[start..].find('"').unwrap() + start;
    percent_encoding::percent_decode_str(&header[start..end])
        .decode_utf8_lossy()
        .into_owned()
}

#[test]
fn oauth1_signs_query_and_form_parameters() {
    let key = OAuth1PrivateKey::generate(2048).unwrap();
    let store = InMemoryStore::new();
    store
        .set(
            "c1",
            SecretKind::OAuth1PrivateKey,
            &key.to_pkcs8_pem().unwrap(),
        )
        .unwrap();
    store
        .set("c1", SecretKind::OAuth1AccessToken, &"acc".into())
        .unwrap();
    let dc = connection(
        Deployment::DataCenter,
        AuthSettings::OAuth1 {
            consumer_key: "jiffy-ck".into(),
            callback: OAuth1Callback::Oob,
        },
    );
    let creds = Credentials::load(&store, &dc).unwrap();
    let mut request = reqwest::Client::new()
        .post("https://jira.corp/rest/api/2/search?validateQuery=strict")
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("jql=project+%3D+ABC")
        .build()
        .unwrap();
    let header = header_of(&creds, &mut request);
    assert_eq!(param(&header, "oauth_consumer_key"), "jiffy-ck");
    assert_eq!(param(&header, "oauth_token"), "acc");
    let Credentials::OAuth1 { signer, .. } = &creds else {
        panic!("expected OAuth1")
    };
    let url = Url::parse("https://jira.corp/rest/api/2/search?validateQuery=strict").unwrap();
    let form = vec![("jql".to_owned(), "project = ABC".to_owned())];
    let signed = SignRequest {
        method: "POST",
        url: &url,
        form: &form,
        token: Some("acc"),
        callback: None,
        verifier: None,
    };
    let timestamp: u64 = param(&header, "oauth_timestamp").parse().unwrap();
    let base = signer
        .base_string(&signed, &param(&header, "oauth_nonce"), timestamp)
        .unwrap();
    assert!(base.contains("jql%3Dproject%2520%253D%2520ABC"), "{base}");
    use base64::Engine;
    let signature = base64::engine::general_purpose::STANDARD
        .decode(param(&header, "oauth_signature"))
        .unwrap();
    let verifier = VerifyingKey::<sha1::Sha1>::new(rsa::RsaPublicKey::from(key.rsa()));
    verifier
        .verify(
            base.as_bytes(),
            &Signature::try_from(signature.as_slice()).unwrap(),
        )
        .expect("the form body is part of the signature");
}

#[test]
fn methods_that_cannot_work_are_refused_before_loading() {
    let store = InMemoryStore::new();
    store.set("c1", SecretKind::Password, &"pw".into()).unwrap();
    let cloud_password = connection(
        Deployment::Cloud,
        AuthSettings::Basic {
            username: "bob".into(),
        },
    );
    let err = Credentials::load(&store, &cloud_password).unwrap_err();
    assert_eq!(err.kind(), "InvalidInput");
    assert!(err.to_string().contains("API token"), "{err}");
    assert!(check_method_fits(Deployment::DataCenter, AuthMethod::ApiToken).is_err());
    assert!(check_method_fits(Deployment::Cloud, AuthMethod::Pat).is_err());
    assert!(check_method_fits(Deployment::Server, AuthMethod::OAuth1).is_ok());
}
