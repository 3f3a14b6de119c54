use super::*;

#[test]
fn upload_answer_and_metadata_in_both_id_shapes() {
    // POST /issue/ABC-1/attachments answers an array (Cloud `Attachment`, string ids).
    let uploaded: Vec<Attachment> = serde_json::from_str(
        r#"[{
          "self": "https://your-domain.atlassian.net/rest/api/3/attachments/10000",
          "id": "10001", "filename": "picture.jpg",
          "author": { "accountId": "5b10a2844c20165700ede21g", "displayName": "Mia Krystof", "active": false },
          "created": "2024-01-01T10:00:00.000+0000", "size": 23123, "mimeType": "image/jpeg",
          "content": "https://your-domain.atlassian.net/jira/rest/api/3/attachment/content/10001",
          "thumbnail": "https://your-domain.atlassian.net/jira/rest/api/3/attachment/thumbnail/10001"
        }]"#,
    )
    .expect("upload answer");
    assert_eq!(uploaded[0].id, "10001");
    assert!(uploaded[0].is_image());
    // GET /attachment/{id} on Cloud (`AttachmentMetadata`: numeric id).
    let meta: Attachment = serde_json::from_str(
        r#"{"id": 10000, "self": "https://x/rest/api/3/attachments/10000", "filename": "report.pdf",
            "created": "2024-01-01T10:00:00.000+0000", "size": 23123, "mimeType": "application/pdf",
            "content": "https://x/secure/attachment/10000/report.pdf", "properties": {}}"#,
    )
    .expect("metadata");
    assert_eq!(meta.id, "10000");
    assert!(!meta.is_image());
    assert_eq!(meta.thumbnail, None);
    // DC: `content` is the /secure/attachment URL to download.
    let dc: Attachment = serde_json::from_str(
        r#"{"id":"10002","filename":"log.txt","size":12,"mimeType":"text/plain",
            "content":"http://jira/secure/attachment/10002/log.txt","author":{"name":"fred"}}"#,
    )
    .expect("dc attachment");
    assert_eq!(dc.content, "http://jira/secure/attachment/10002/log.txt");
    assert!(serde_json::from_str::<Attachment>(r#"{"id":[1]}"#).is_err());
}

#[test]
fn attachment_settings() {
    let s: AttachmentSettings =
        serde_json::from_str(r#"{"enabled":true,"uploadLimit":1000000}"#).expect("settings");
    assert_eq!(
        s,
        AttachmentSettings {
            enabled: true,
            upload_limit: 1_000_000
        }
    );
}
