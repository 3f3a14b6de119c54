//! Attachments: XSRF refusal, multipart upload, metadata, download (DC servlet, Cloud
//! redirect), delete, permissions.

mod common;

use common::{body, start};
use jiffy_sandbox::Mode;
use reqwest::multipart::{Form, Part};

fn form(name: &str, text: &str) -> Form {
    Form::new().part(
        "file",
        Part::bytes(text.as_bytes().to_vec())
            .file_name(name.to_string())
            .mime_str("text/plain")
            .unwrap(),
    )
}

#[tokio::test]
async fn dc_upload_download_delete() {
    let s = start(Mode::DataCenter).await;
    let r = s
        .post("/rest/api/2/issue/DOCS-4/attachments", "carol")
        .multipart(form("notes.txt", "hello"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(r.text().await.unwrap(), "XSRF check failed");
    let r = s
        .post("/rest/api/2/issue/DOCS-4/attachments", "carol")
        .header("X-Atlassian-Token", "no-check")
        .multipart(form("notes.txt", "hello"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let list = body(r).await;
    let a = list[0].clone();
    assert_eq!(a["filename"], "notes.txt");
    assert_eq!(a["size"], 5);
    let id = a["id"].as_str().unwrap();
    let meta = s
        .json(&format!("/rest/api/2/attachment/{id}"), "alice")
        .await;
    assert_eq!(meta["mimeType"], "text/plain");
    let content = a["content"].as_str().unwrap();
    assert!(content.contains("/secure/attachment/"));
    let (u, p) = s.creds("alice");
    let got = s
        .http
        .get(content)
        .basic_auth(u, Some(p))
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), 200);
    assert_eq!(got.text().await.unwrap(), "hello");
    assert_eq!(s.http.get(content).send().await.unwrap().status(), 401);
    // dave cannot see it; bob (developer, not the author) cannot delete it.
    assert_eq!(
        s.get(&format!("/rest/api/2/attachment/{id}"), "dave")
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        s.delete(&format!("/rest/api/2/attachment/{id}"), "bob")
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        s.delete(&format!("/rest/api/2/attachment/{id}"), "carol")
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(
        s.get(&format!("/rest/api/2/attachment/{id}"), "alice")
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let settings = s.json("/rest/api/2/attachment/meta", "alice").await;
    assert_eq!(settings["enabled"], true);
    // dave cannot attach to an issue he cannot see.
    let r = s
        .post("/rest/api/2/issue/DOCS-4/attachments", "dave")
        .header("X-Atlassian-Token", "no-check")
        .multipart(form("x.txt", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn cloud_content_redirects_to_a_short_lived_url() {
    let s = start(Mode::Cloud).await;
    let r = s
        .post("/rest/api/3/issue/DEV-4/attachments", "alice")
        .header("X-Atlassian-Token", "no-check")
        .multipart(form("log.txt", "cloud bytes"))
        .send()
        .await
        .unwrap();
    let a = body(r).await[0].clone();
    let id = a["id"].as_str().unwrap();
    let meta = s
        .json(&format!("/rest/api/3/attachment/{id}"), "alice")
        .await;
    assert!(
        meta["id"].is_i64(),
        "Cloud AttachmentMetadata.id is a number"
    );
    let r = s
        .get(&format!("/rest/api/3/attachment/content/{id}"), "alice")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        s.http
            .get(&location)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "cloud bytes"
    );
    // A client following the redirect sends its Authorization again (here Basic with the API
    // token; a 3LO bearer is covered end to end in jiffy-integration): the media token decides.
    let (u, p) = s.creds("alice");
    let with_auth = s
        .http
        .get(&location)
        .basic_auth(&u, Some(&p))
        .send()
        .await
        .unwrap();
    assert_eq!(with_auth.status(), 200);
    assert_eq!(with_auth.text().await.unwrap(), "cloud bytes");
    let stranger = s
        .http
        .get(&location)
        .bearer_auth("not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(stranger.text().await.unwrap(), "cloud bytes");
    // Without a media token a bad Authorization is still refused.
    let bare = location.split('?').next().unwrap().to_string();
    let refused = s
        .http
        .get(&bare)
        .bearer_auth("not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    let direct = s
        .get(
            &format!("/rest/api/3/attachment/content/{id}?redirect=false"),
            "alice",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(direct.text().await.unwrap(), "cloud bytes");
    // The seeded issues carry attachments too.
    let seeded = s
        .json("/rest/api/3/issue/DEV-3?fields=attachment", "alice")
        .await;
    assert_eq!(seeded["fields"]["attachment"].as_array().unwrap().len(), 1);
}
