//! Validation against a catalog, and no panics on arbitrary input.

use super::tests_eval::{alice, bob, ctx, fixtures};
use super::{parse, Catalog, IssueFacts};

pub(super) fn catalog() -> Catalog {
    Catalog {
        projects: vec![
            ("A".into(), "10000".into(), "Alpha".into()),
            ("B".into(), "10001".into(), "Beta Docs".into()),
        ],
        issue_types: vec!["Bug".into(), "Task".into(), "Story".into()],
        statuses: vec!["Open".into(), "In Progress".into(), "Done".into()],
        status_categories: vec![],
        priorities: vec![
            "Highest".into(),
            "High".into(),
            "Medium".into(),
            "Low".into(),
        ],
        resolutions: vec!["Fixed".into()],
        users: vec![alice(), bob()],
    }
}

fn validation(jql: &str) -> Result<(), Vec<String>> {
    let query = parse(jql).map_err(|e| e.messages)?;
    query.validate(&catalog()).map_err(|e| e.messages)
}

#[test]
fn validation_against_the_catalog() {
    let ok = [
        "project in (a, \"beta docs\", 10001) and type = story and status = \"in progress\"",
        "statusCategory in (\"To Do\", indeterminate, 3) and priority = high",
        "assignee in (alice, \"Bob Baker\", currentUser(), EMPTY) and resolution = Unresolved",
        "labels = anything and summary ~ whatever and key = ZZZ-1",
    ];
    for jql in ok {
        assert_eq!(validation(jql), Ok(()), "{jql}");
    }
    assert_eq!(
        validation("project = NOPE"),
        Err(vec![
            "The value 'NOPE' does not exist for the field 'project'.".to_string()
        ])
    );
    assert_eq!(
        validation(
            "type in (Epic, 999) OR project in (666, '777') OR status = Frozen OR assignee = carol \
             OR priority = Meh"
        ),
        Err(vec![
            "The value 'Epic' does not exist for the field 'type'.".to_string(),
            "A value with ID '666' does not exist for the field 'project'.".to_string(),
            "The value '777' does not exist for the field 'project'.".to_string(),
            "The value 'Frozen' does not exist for the field 'status'.".to_string(),
            "The value 'carol' does not exist for the field 'assignee'.".to_string(),
            "The value 'Meh' does not exist for the field 'priority'.".to_string(),
        ])
    );
    // Users have no numeric ids: an unquoted number that is no username is an unknown ID.
    assert_eq!(
        validation("assignee = 666 or reporter = ''"),
        Err(vec![
            "A value with ID '666' does not exist for the field 'assignee'.".to_string(),
            "The value '' does not exist for the field 'reporter'.".to_string(),
        ])
    );
    // Ids of types, statuses, priorities and resolutions are not in the catalog: let through.
    assert_eq!(
        validation("type = 10002 and status in (1, '3') and priority = 2"),
        Ok(())
    );
    assert_eq!(
        validation("NOT (resolution = \"Won't Do\")"),
        Err(vec![
            "The value 'Won't Do' does not exist for the field 'resolution'.".to_string()
        ])
    );
}

#[test]
fn issue_keys_and_ids_must_exist() {
    let issues = fixtures();
    let key_exists = |key: &str| issues.iter().any(|i| i.key.eq_ignore_ascii_case(key));
    let id_exists = |id: i64| issues.iter().any(|i| i.id == id);
    let check = |jql: &str| {
        let query = parse(jql).map_err(|e| e.messages)?;
        query
            .validate_issues(key_exists, id_exists)
            .map_err(|e| e.messages)
    };
    assert_eq!(check("key in (a-1, B-3, 10) or project = A"), Ok(()));
    assert_eq!(
        check("key = a-99 or issue in (666, 1) or key > Z-1"),
        Err(vec![
            "An issue with key 'A-99' does not exist for field 'key'.".to_string(),
            "A value with ID '666' does not exist for the field 'issue'.".to_string(),
            "An issue with key 'Z-1' does not exist for field 'key'.".to_string(),
        ])
    );
}

#[test]
fn text_searches_without_order_by_come_in_relevance_order() {
    let mut issues = fixtures();
    issues[0].summary = "foo".into();
    issues[1].summary = "foo foo, and foo again".into();
    issues[2].summary = "foo bar".into();
    issues[3].summary = "bar".into(); // B-3
    let order = |jql: &str| {
        let query = parse(jql).map_err(|e| e.messages)?;
        let mut hits: Vec<&IssueFacts> =
            issues.iter().filter(|i| query.matches(i, &ctx())).collect();
        query.sort(&mut hits);
        Ok::<_, Vec<String>>(hits.iter().map(|i| i.key.as_str()).collect::<Vec<_>>())
    };
    assert_eq!(order("summary ~ foo"), Ok(vec!["A-2", "A-10", "A-1"]));
    assert_eq!(
        order("summary ~ foo OR summary ~ bar"),
        Ok(vec!["A-2", "A-10", "B-3", "A-1"])
    );
    // Words under NOT do not count; an ORDER BY wins over relevance.
    assert_eq!(
        order("summary ~ foo AND NOT summary ~ again"),
        Ok(vec!["A-10", "A-1"])
    );
    assert_eq!(
        order("summary ~ foo ORDER BY key"),
        Ok(vec!["A-1", "A-2", "A-10"])
    );
    // Without text conditions: key descending.
    assert_eq!(order("project = A"), Ok(vec!["A-10", "A-2", "A-1"]));
}

/// A tiny xorshift so the fuzz loop is deterministic without a dev-dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn arbitrary_input_never_panics() {
    const PIECES: &[&str] = &[
        "project",
        "status",
        "assignee",
        "created",
        "due",
        "key",
        "summary",
        "text",
        "labels",
        "=",
        "!=",
        ">",
        "<=",
        "~",
        "!~",
        "in",
        "not",
        "is",
        "empty",
        "null",
        "and",
        "or",
        "&&",
        "||",
        "!",
        "(",
        ")",
        ",",
        "order",
        "by",
        "asc",
        "desc",
        "\"",
        "'",
        "\\",
        "\\u00",
        "A-1",
        "-5d",
        "startOfDay(",
        "now()",
        "currentUser()",
        "2024-01-31",
        "\"2024/01/31 14:00\"",
        "cf[",
        "]",
        "[",
        "{",
        "#",
        "\u{7f}",
        "é",
        "💥",
        "\n",
        " ",
        "-",
        "*",
        "was",
        "99999999999999999999",
    ];
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let issues = fixtures();
    for _ in 0..20_000 {
        let len = 1 + rng.next() % 12;
        let jql: Vec<&str> = (0..len).map(|_| rng.pick(PIECES)).collect();
        let jql = jql.join(if rng.next() & 3 == 0 { "" } else { " " });
        if let Ok(query) = parse(&jql) {
            let _ = query.validate(&catalog());
            let mut hits: Vec<&IssueFacts> =
                issues.iter().filter(|i| query.matches(i, &ctx())).collect();
            query.sort(&mut hits);
        }
    }
    // Raw bytes turned into text, including lone surrogates' replacement characters.
    for _ in 0..5_000 {
        let bytes: Vec<u8> = (0..(rng.next() % 40)).map(|_| rng.next() as u8).collect();
        let _ = parse(&String::from_utf8_lossy(&bytes));
    }
}
