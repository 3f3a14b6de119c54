//! The corpus of `tests/robustness.rs`: endpoints with their methods, path parts, absurd
//! query parameters and broken (or, for contrast, well-formed) bodies.

/// Path templates and the methods they serve. `{v}`, `{key}`, `{id}` are filled per request.
pub const ENDPOINTS: &[(&str, &[&str])] = &[
    ("/rest/api/{v}/serverInfo", &["GET"]),
    ("/rest/api/{v}/myself", &["GET"]),
    ("/rest/api/{v}/project", &["GET"]),
    ("/rest/api/{v}/project/search", &["GET"]),
    ("/rest/api/{v}/project/{key}", &["GET"]),
    ("/rest/api/{v}/project/{key}/statuses", &["GET"]),
    ("/rest/api/{v}/issue", &["POST"]),
    ("/rest/api/{v}/issue/bulkfetch", &["POST"]),
    ("/rest/api/{v}/issue/{key}", &["GET", "PUT", "DELETE"]),
    ("/rest/api/{v}/issue/{key}/assignee", &["PUT"]),
    ("/rest/api/{v}/issue/{key}/changelog", &["GET"]),
    ("/rest/api/{v}/issue/{key}/comment", &["GET", "POST"]),
    (
        "/rest/api/{v}/issue/{key}/comment/{id}",
        &["GET", "PUT", "DELETE"],
    ),
    ("/rest/api/{v}/issue/{key}/transitions", &["GET", "POST"]),
    ("/rest/api/{v}/issue/{key}/attachments", &["POST"]),
    ("/rest/api/{v}/issue/{key}/editmeta", &["GET"]),
    ("/rest/api/{v}/issue/createmeta", &["GET"]),
    ("/rest/api/{v}/issue/createmeta/{key}/issuetypes", &["GET"]),
    (
        "/rest/api/{v}/issue/createmeta/{key}/issuetypes/{id}",
        &["GET"],
    ),
    ("/rest/api/{v}/search", &["GET", "POST"]),
    ("/rest/api/{v}/search/jql", &["GET", "POST"]),
    ("/rest/api/{v}/search/approximate-count", &["POST"]),
    ("/rest/api/{v}/attachment/{id}", &["GET", "DELETE"]),
    ("/rest/api/{v}/attachment/meta", &["GET"]),
    ("/rest/api/{v}/attachment/content/{id}", &["GET"]),
    ("/secure/attachment/{id}/{key}", &["GET"]),
    ("/rest/api/{v}/user", &["GET"]),
    ("/rest/api/{v}/user/search", &["GET"]),
    ("/rest/api/{v}/user/assignable/search", &["GET"]),
    ("/rest/api/{v}/user/picker", &["GET"]),
    ("/rest/api/{v}/mypermissions", &["GET"]),
    ("/rest/api/{v}/priority", &["GET"]),
    ("/rest/api/{v}/status", &["GET"]),
    ("/rest/api/{v}/statuscategory", &["GET"]),
    ("/rest/api/{v}/issuetype", &["GET"]),
    ("/rest/api/{v}/resolution", &["GET"]),
    ("/rest/api/{v}/field", &["GET"]),
    ("/rest/api/{v}/label", &["GET"]),
    ("/rest/api/{v}/jql/autocompletedata", &["GET", "POST"]),
    ("/rest/api/{v}/jql/autocompletedata/suggestions", &["GET"]),
    ("/rest/api/{v}/{key}", &["GET"]),
    ("/rest/pat/latest/tokens", &["GET", "POST"]),
    ("/rest/pat/latest/tokens/{id}", &["GET", "DELETE"]),
    ("/login.jsp", &["GET", "POST"]),
    ("/authorize", &["GET", "POST"]),
    ("/oauth/token", &["POST"]),
    ("/oauth/token/accessible-resources", &["GET"]),
    ("/_edge/tenant_info", &["GET"]),
    (
        "/plugins/servlet/applinks/listApplicationLinks",
        &["GET", "POST"],
    ),
    ("/plugins/servlet/oauth/request-token", &["GET", "POST"]),
    ("/plugins/servlet/oauth/authorize", &["GET", "POST"]),
    ("/plugins/servlet/oauth/access-token", &["GET", "POST"]),
    ("/rest/oauth2/latest/authorize", &["GET", "POST"]),
    ("/rest/oauth2/latest/token", &["POST"]),
    ("/rest/sandbox/oauth1/consumers", &["GET", "POST"]),
    ("/rest/sandbox/oauth1/consumers/{key}", &["DELETE"]),
    ("/rest/sandbox/oauth2/clients", &["GET", "POST"]),
    ("/rest/sandbox/scoped-tokens", &["POST"]),
    ("/rest/sandbox/roles", &["POST"]),
    ("/rest/sandbox/flags", &["GET", "PUT"]),
];

pub const VERSIONS: &[&str] = &[
    "2",
    "2",
    "2",
    "3",
    "3",
    "3",
    "latest",
    "latest",
    "1",
    "%FF",
    "99999999999999999999",
];

pub const KEYS: &[&str] = &[
    "DEV-1",
    "DEV-2",
    "DEV-3",
    "DEV-4",
    "DOCS-3",
    "DOCS-1",
    "OPS-4",
    "OPS-2",
    "dev-5",
    "DEV-0",
    "DEV--1",
    "DEV-99999999999999999999",
    "XYZ-1",
    "10001",
    "-1",
    "%FF%FE",
    "..%2F..",
    "DEV-1%00",
    "%F0%9F%98%80",
    "DEV",
    "jiffy",
    "%20",
    "DEV-1;x",
    "%25",
];

pub const IDS: &[&str] = &[
    "10000",
    "10001",
    "1",
    "0",
    "-1",
    "99999999999999999999",
    "abc",
    "%FF",
    "1e9",
    "10000.5",
];

pub const QUERIES: &[&str] = &[
    "startAt=-1",
    "startAt=99999999999999999999",
    "startAt=9223372036854775807",
    "maxResults=99999999",
    "maxResults=-5",
    "maxResults=abc",
    "maxResults=9223372036854775807",
    "expand=bogus,renderedFields,names,schema,transitions,editmeta,changelog,%FF",
    "expand=transitions.fields,projects.issuetypes.fields,nope.nope",
    "fields=*all,-summary,nope,customfield_99999",
    "fields=",
    "fields=%FF",
    "jql=project%20%3D",
    "jql=%FF%FE",
    "jql=(((((((((((((((((((((",
    "jql=ORDER%20BY",
    "jql=created%20%3E%20-99999999999999999d",
    "jql=updated%20%3C%20-9223372036854775807m",
    "jql=duedate%20%3C%20startOfDay(%2B99999999d)",
    "jql=key%20in%20(",
    "jql=text%20~%20%22%5C%22",
    "jql=assignee%20%3D%20currentUser()%20ORDER%20BY%20nope",
    "jql=project%20%3D%20DEV%20ORDER%20BY%20created%20DESC%2C%20key",
    "nextPageToken=garbage",
    "nextPageToken=%FF",
    "permissions=",
    "permissions=BROWSE_PROJECTS,NOPE",
    "deleteSubtasks=maybe",
    "redirect=maybe",
    "query=%00",
    "query=a",
    "username=.",
    "username=%FF",
    "accountId=%FF",
    "key=",
    "project=NOPE",
    "projectKeys=DEV,,,",
    "issueKey=DEV-1",
    "fieldName=status",
    "fieldName=nope&fieldValue=%22",
    "%FF=%FE",
    "a",
    "=&&=",
    "notifyUsers=2",
    "returnIssue=yes",
    "orderBy=-created",
    "client_id=&redirect_uri=javascript:alert(1)&response_type=token&scope=%FF",
    "oauth_token=%FF",
    "code_challenge=x&code_challenge_method=plain",
];

/// (content type, body) pairs; `None` sends no body at all.
pub fn bodies() -> Vec<(Option<&'static str>, Vec<u8>)> {
    let json = Some("application/json");
    let many_keys = format!(
        "{{\"issueIdsOrKeys\": [{}], \"fields\": [\"summary\"]}}",
        (1..=1000)
            .map(|i| format!("\"DEV-{i}\""))
            .collect::<Vec<_>>()
            .join(",")
    );
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let texts: Vec<(Option<&'static str>, &str)> = vec![
        (json, "{"),
        (json, "null"),
        (json, "[]"),
        (json, "42"),
        (json, "\"str\""),
        (json, "{}"),
        (json, "{\"fields\": 5}"),
        (json, r#"{"fields":{"project":{"key":5},"issuetype":[],"summary":{}}}"#),
        (
            json,
            r#"{"fields":{"project":{"key":"DEV"},"issuetype":{"name":"Bug"},"summary":"x",
               "customfield_10016":18446744073709551616,"duedate":"9999999-99-99",
               "labels":"notalist","priority":{"id":-1},"assignee":{"name":5},
               "parent":{"key":"DEV-1"},"description":{"type":"doc"}}}"#,
        ),
        (
            json,
            r#"{"fields":{"project":{"id":"-9223372036854775809"},"issuetype":{"id":"1e400"}}}"#,
        ),
        (
            json,
            r#"{"update":{"labels":[{"add":5},{"remove":null}],"summary":[{"set":null}],
               "comment":[{"add":{"body":7}}],"nope":[{"explode":1}]}}"#,
        ),
        (json, r#"{"update":{"labels":"x"},"fields":[]}"#),
        (json, r#"{"transition":{"id":"99999999999999999999"}}"#),
        (json, r#"{"transition":"5"}"#),
        (json, r#"{"transition":{"id":31},"fields":{"resolution":3},"update":{"comment":5}}"#),
        (
            json,
            r#"{"body":{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text"}]}]}}"#,
        ),
        (json, r#"{"body":{"type":"doc","content":"x"}}"#),
        (json, r#"{"body":"x","visibility":{"type":"nope","value":5}}"#),
        (json, r#"{"body":"x","visibility":{"type":"role","value":"Nobody"}}"#),
        (json, r#"{"jql":5,"maxResults":"a","fields":"x","nextPageToken":5}"#),
        (json, r#"{"jql":"project = DEV","startAt":-1,"maxResults":99999999,"expand":7}"#),
        (json, r#"{"jql":"","maxResults":1e308,"startAt":1.5}"#),
        (json, r#"{"issueIdsOrKeys":["DEV-1",5,null],"fields":7}"#),
        (json, r#"{"accountId":5,"name":null}"#),
        (json, r#"{"name":"x","expirationDuration":-99999999999}"#),
        (json, r#"{"name":"x","expirationDuration":1e300}"#),
        (json, r#"{"consumerKey":"","name":5,"publicKey":"-----BEGIN PUBLIC KEY-----\nAAAA"}"#),
        (json, r#"{"name":"x","redirectUri":"not a url","scopes":["NOPE",5]}"#),
        (json, r#"{"user":"nobody","scopes":null}"#),
        (json, r#"{"project":"DEV","user":"dave","role":"Overlords"}"#),
        (json, r#"{"oauth2SkipHttpsRequirement":"yes"}"#),
        (
            json,
            r#"{"grant_type":"refresh_token","client_id":"sandbox-3lo-client","refresh_token":5}"#,
        ),
        (json, r#"{"grant_type":"authorization_code","code":"%FF","redirect_uri":[]}"#),
        (json, "{\"body\": \"\u{0000}\"}"),
        (
            Some("application/x-www-form-urlencoded"),
            "grant_type=authorization_code&code=%FF&client_id=&redirect_uri=javascript:x",
        ),
        (
            Some("application/x-www-form-urlencoded"),
            "os_username=nobody&os_password=%FF%FE&os_captcha=&decision=accept&site=%00",
        ),
        (Some("application/x-www-form-urlencoded"), "%%%&&&===="),
        (
            Some("multipart/form-data; boundary=xyz"),
            "--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc",
        ),
        (
            Some("multipart/form-data; boundary=xyz"),
            "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../x\"\r\n\r\nabc\r\n--xyz--\r\n",
        ),
        (Some("multipart/form-data"), "garbage"),
        (Some("application/xml"), "<x/>"),
        (Some("text/plain"), "hello"),
        (Some("application/json; charset=%FF"), "{}"),
    ];
    // Well-formed bodies too, so that odd methods, keys and parameters meet working handlers.
    let valid: Vec<(Option<&'static str>, &str)> = vec![
        (
            json,
            r#"{"fields":{"project":{"key":"DEV"},"issuetype":{"name":"Bug"},"summary":"r"}}"#,
        ),
        (
            json,
            r#"{"fields":{"summary":"renamed"},"update":{"labels":[{"add":"x"}]}}"#,
        ),
        (json, r#"{"body":"a comment"}"#),
        (
            json,
            r#"{"jql":"project = DEV ORDER BY key","maxResults":3,"fields":["summary"]}"#,
        ),
        (
            json,
            r#"{"issueIdsOrKeys":["DEV-1","DOCS-2"],"fields":["summary"]}"#,
        ),
        (json, r#"{"transition":{"id":"21"}}"#),
        (json, r#"{"name":"alice"}"#),
    ];
    let mut out: Vec<(Option<&'static str>, Vec<u8>)> = texts
        .into_iter()
        .chain(valid.iter().cycle().take(valid.len() * 3).copied())
        .map(|(ct, b)| (ct, b.as_bytes().to_vec()))
        .collect();
    out.push((None, Vec::new()));
    out.push((None, Vec::new()));
    out.push((json, many_keys.into_bytes()));
    out.push((json, deep.into_bytes()));
    out.push((json, b"{\"body\": \"\xff\xfe\"}".to_vec()));
    out.push((json, b"{\"fields\": {\"summary\": \"\xc3\x28\"}}".to_vec()));
    out.push((Some("text/plain"), b"\xff\xfe\xfd".to_vec()));
    out
}
