//! A walk through a running sandbox: every exchange is sent over HTTP, checked for the expected
//! status and validated against the OpenAPI document; the problems of all exchanges are
//! reported together at the end, so one run lists every finding rather than the first.

use reqwest::header::CONTENT_TYPE;
use reqwest::multipart::{Form, Part};
use reqwest::{Client, Method};
use serde_json::Value;

use super::openapi::Spec;
use super::{custom_fields, invariants, issue_fields, rich_text};

/// How a request authenticates.
#[derive(Clone, Debug)]
pub enum Auth {
    /// HTTP Basic: DC username + password, or Cloud email + API token.
    Basic(String, String),
    /// No `Authorization` header.
    Anonymous,
}

/// What came back from one exchange.
#[derive(Debug)]
pub struct Exchange {
    /// HTTP status (0 when the request could not be sent).
    pub status: u16,
    /// The JSON body (`Null` when empty or not JSON).
    pub body: Value,
}

impl Exchange {
    /// The string at a JSON pointer of the body (numbers are rendered), if present.
    pub fn text(&self, pointer: &str) -> Option<String> {
        match self.body.pointer(pointer)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }
}

/// What a request carries.
#[derive(Clone, Copy)]
enum Payload<'a> {
    Empty,
    Json(&'a Value),
    /// A multipart upload with one `file` part, as Jira's attachment endpoint takes it.
    File(&'a str, &'a [u8]),
}

struct Outcome {
    line: String,
    problems: Vec<String>,
}

/// The walk's state: the document, the client, the default credentials and the outcomes.
pub struct Walk<'s> {
    spec: &'s Spec,
    http: Client,
    base: String,
    auth: Auth,
    outcomes: Vec<Outcome>,
}

impl<'s> Walk<'s> {
    /// A walk against `base` (no trailing slash) authenticated with `auth` by default.
    pub fn new(spec: &'s Spec, base: &str, auth: Auth) -> Walk<'s> {
        Walk {
            spec,
            http: Client::new(),
            base: base.to_string(),
            auth,
            outcomes: Vec::new(),
        }
    }

    /// One exchange with the default credentials; see [`Walk::call_as`].
    pub async fn call(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&Value>,
        expected: u16,
    ) -> Exchange {
        let auth = self.auth.clone();
        self.call_as(&auth, method, path, body, expected).await
    }

    /// Sends `method path` (path with its query string, already encoded) with an optional JSON
    /// body, and records as problems: a request body the document rejects, a status other than
    /// `expected`, a non-JSON answer, and every schema violation of the answer.
    pub async fn call_as(
        &mut self,
        auth: &Auth,
        method: &str,
        path: &str,
        body: Option<&Value>,
        expected: u16,
    ) -> Exchange {
        let mut problems = Vec::new();
        if let Some(body) = body {
            if let Err(errors) = self.spec.validate_request_body(method, path, body) {
                problems.extend(errors.into_iter().map(|e| format!("(test's request) {e}")));
            }
        }
        let payload = body.map_or(Payload::Empty, Payload::Json);
        self.exchange(auth, method, path, payload, expected, problems)
            .await
    }

    /// Uploads one file as Jira's attachment endpoint takes it (multipart, part `file`, with
    /// `X-Atlassian-Token: no-check`), with the default credentials.
    pub async fn upload(
        &mut self,
        path: &str,
        file_name: &str,
        contents: &[u8],
        expected: u16,
    ) -> Exchange {
        let auth = self.auth.clone();
        let payload = Payload::File(file_name, contents);
        self.exchange(&auth, "POST", path, payload, expected, Vec::new())
            .await
    }

    async fn exchange(
        &mut self,
        auth: &Auth,
        method: &str,
        path: &str,
        payload: Payload<'_>,
        expected: u16,
        mut problems: Vec<String>,
    ) -> Exchange {
        let exchange = self.send(auth, method, path, payload, &mut problems).await;
        let line = format!(
            "{method} {path} → {} (expected {expected})",
            exchange.status
        );
        if exchange.status != 0 {
            if exchange.status != expected {
                problems.push(format!(
                    "status {} instead of {expected}; body: {}",
                    exchange.status,
                    excerpt(&exchange.body)
                ));
            }
            if let Err(errors) =
                self.spec
                    .validate_response(method, path, exchange.status, &exchange.body)
            {
                problems.extend(errors);
            }
            if (200..300).contains(&exchange.status) {
                if let Err(errors) = issue_fields::check(self.spec, &exchange.body) {
                    problems.extend(errors);
                }
                if let Err(errors) = rich_text::check(self.spec, path, &exchange.body) {
                    problems.extend(errors);
                }
                if let Err(errors) = custom_fields::check(self.spec, path, &exchange.body) {
                    problems.extend(errors);
                }
                let origin = invariants::origin(&self.base);
                if let Err(errors) = invariants::check(origin, &exchange.body) {
                    problems.extend(errors);
                }
            }
        }
        self.outcomes.push(Outcome { line, problems });
        exchange
    }

    /// Records a problem found by the test itself (e.g. a value the walk needs is missing).
    pub fn problem(&mut self, what: &str, problem: String) {
        self.outcomes.push(Outcome {
            line: what.to_string(),
            problems: vec![problem],
        });
    }

    async fn send(
        &self,
        auth: &Auth,
        method: &str,
        path: &str,
        payload: Payload<'_>,
        problems: &mut Vec<String>,
    ) -> Exchange {
        let failed = Exchange {
            status: 0,
            body: Value::Null,
        };
        let Ok(method) = Method::from_bytes(method.as_bytes()) else {
            problems.push(format!("bad method {method}"));
            return failed;
        };
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Auth::Basic(user, secret) = auth {
            request = request.basic_auth(user, Some(secret));
        }
        match payload {
            Payload::Empty => {}
            Payload::Json(body) => request = request.json(body),
            Payload::File(name, contents) => {
                let part = Part::bytes(contents.to_vec()).file_name(name.to_string());
                request = request
                    .header("X-Atlassian-Token", "no-check")
                    .multipart(Form::new().part("file", part));
            }
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(e) => {
                problems.push(format!("request failed: {e}"));
                return failed;
            }
        };
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let bytes = match response.bytes().await {
            Ok(bytes) => bytes,
            Err(e) => {
                problems.push(format!("reading the body failed: {e}"));
                return Exchange {
                    status,
                    body: Value::Null,
                };
            }
        };
        if bytes.is_empty() {
            return Exchange {
                status,
                body: Value::Null,
            };
        }
        if !content_type.starts_with("application/json") {
            problems.push(format!(
                "Content-Type {content_type:?}, not application/json"
            ));
        }
        let body = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            let text = String::from_utf8_lossy(&bytes);
            problems.push(format!("body is not JSON ({e}): {}", cut(&text, 200)));
            Value::Null
        });
        Exchange { status, body }
    }

    /// The problems recorded so far, one line each (for testing the walk itself).
    pub fn problems(&self) -> Vec<String> {
        self.outcomes
            .iter()
            .flat_map(|o| o.problems.iter().map(move |p| format!("{}: {p}", o.line)))
            .collect()
    }

    /// Prints every exchange with its problems, then fails if there was any problem.
    pub fn finish(self, title: &str) {
        let failed: Vec<&Outcome> = self
            .outcomes
            .iter()
            .filter(|o| !o.problems.is_empty())
            .collect();
        println!(
            "{title}: {} exchanges, {} with problems",
            self.outcomes.len(),
            failed.len()
        );
        for outcome in &self.outcomes {
            let mark = if outcome.problems.is_empty() {
                "ok  "
            } else {
                "FAIL"
            };
            println!("{mark} {}", outcome.line);
            for problem in &outcome.problems {
                println!("       {problem}");
            }
        }
        assert!(
            failed.is_empty(),
            "{title}: {} of {} exchanges do not conform (listed above, each with its problems)",
            failed.len(),
            self.outcomes.len()
        );
    }
}

/// `k=v&k2=v2`, form-encoded, for building query strings.
pub fn query(pairs: &[(&str, &str)]) -> String {
    let mut serializer = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        serializer.append_pair(key, value);
    }
    serializer.finish()
}

fn excerpt(body: &Value) -> String {
    cut(&body.to_string(), 300)
}

fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}
