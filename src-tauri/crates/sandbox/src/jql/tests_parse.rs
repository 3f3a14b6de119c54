//! Parser tests: structure, precedence, and Jira's exact messages (most are taken verbatim
//! from Jira's functional test `TestJqlParsing` and Atlassian's `jql/parse` examples).

use super::dates::{DateFn, DateSpec, Period};
use super::fields::{Field, Op};
use super::parser::{Clause, SortKey, Term};
use super::resolve::Value;
use super::{parse, Query};

fn error(jql: &str) -> String {
    match parse(jql) {
        Ok(q) => panic!("expected {jql:?} to fail, got {q:?}"),
        Err(e) => e.messages.join(" | "),
    }
}

fn clause(jql: &str) -> Clause {
    match parse(jql) {
        Ok(Query {
            clause: Some(c), ..
        }) => c,
        other => panic!("expected a clause for {jql:?}, got {other:?}"),
    }
}

fn term(field: Field, name: &str, op: Op, values: &[&str]) -> Clause {
    Clause::Term(Term {
        field,
        name: name.into(),
        op,
        values: values.iter().map(|v| Value::Text((*v).into())).collect(),
    })
}

#[test]
fn blank_jql_matches_everything() {
    for jql in ["", "   ", "\n\t"] {
        assert_eq!(
            parse(jql),
            Ok(Query {
                clause: None,
                order_by: None
            })
        );
    }
}

#[test]
fn keywords_and_field_names_are_case_insensitive() {
    assert_eq!(
        clause("PROJECT = ABC and STATUS in (Open, \"In Progress\")"),
        Clause::And(vec![
            term(Field::Project, "PROJECT", Op::Eq, &["ABC"]),
            term(Field::Status, "STATUS", Op::In, &["Open", "In Progress"]),
        ])
    );
    assert_eq!(
        clause("Type NoT iN (Bug)"),
        term(Field::IssueType, "Type", Op::NotIn, &["Bug"])
    );
    assert_eq!(
        clause("issuekey = ABC-1"),
        term(Field::Key, "issuekey", Op::Eq, &["ABC-1"])
    );
    let id = Clause::Term(Term {
        field: Field::Key,
        name: "id".into(),
        op: Op::Eq,
        values: vec![Value::Id("10001".into())],
    });
    assert_eq!(clause("id = 10001"), id);
}

#[test]
fn every_operator_parses() {
    let cases = [
        ("priority = High", Op::Eq),
        ("priority != High", Op::Ne),
        ("priority > High", Op::Gt),
        ("priority >= High", Op::Ge),
        ("priority < High", Op::Lt),
        ("priority <= High", Op::Le),
        ("priority in (High)", Op::In),
        ("priority not in (High)", Op::NotIn),
    ];
    for (jql, op) in cases {
        assert_eq!(
            clause(jql),
            term(Field::Priority, "priority", op, &["High"]),
            "{jql}"
        );
    }
    assert_eq!(
        clause("summary ~ crash"),
        term(Field::Summary, "summary", Op::Like, &["crash"])
    );
    assert_eq!(
        clause("summary !~ crash"),
        term(Field::Summary, "summary", Op::NotLike, &["crash"])
    );
    let empty = |op| {
        let values = vec![Value::Empty];
        Clause::Term(Term {
            field: Field::Assignee,
            name: "assignee".into(),
            op,
            values,
        })
    };
    assert_eq!(clause("assignee is EMPTY"), empty(Op::Is));
    assert_eq!(clause("assignee IS NOT null"), empty(Op::IsNot));
}

#[test]
fn and_binds_tighter_than_or_and_not_tighter_than_and() {
    let a = term(Field::Project, "project", Op::Eq, &["A"]);
    let b = term(Field::Status, "status", Op::Eq, &["B"]);
    let c = term(Field::Priority, "priority", Op::Eq, &["C"]);
    assert_eq!(
        clause("project = A OR status = B AND priority = C"),
        Clause::Or(vec![a.clone(), Clause::And(vec![b.clone(), c.clone()])])
    );
    assert_eq!(
        clause("(project = A OR status = B) AND priority = C"),
        Clause::And(vec![Clause::Or(vec![a.clone(), b.clone()]), c.clone()])
    );
    assert_eq!(
        clause("NOT project = A AND status = B"),
        Clause::And(vec![Clause::Not(Box::new(a.clone())), b.clone()])
    );
    assert_eq!(
        clause("!project = A && status = B || priority = C"),
        Clause::Or(vec![Clause::And(vec![Clause::Not(Box::new(a)), b]), c])
    );
}

#[test]
fn quoted_strings_and_escapes() {
    assert_eq!(
        clause(r#"summary ~ "say \"hi\"" or summary ~ 'it\'s' or summary ~ "a\u0041\tb\\""#),
        Clause::Or(vec![
            term(Field::Summary, "summary", Op::Like, &["say \"hi\""]),
            term(Field::Summary, "summary", Op::Like, &["it's"]),
            term(Field::Summary, "summary", Op::Like, &["aA\tb\\"]),
        ])
    );
    assert_eq!(
        clause("\"summary\" ~ x"),
        term(Field::Summary, "summary", Op::Like, &["x"])
    );
}

#[test]
fn date_operands_are_kept_unresolved() {
    let date = |jql: &str| match clause(jql) {
        Clause::Term(t) => t.values,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        date("created > -2d"),
        vec![Value::Date(DateSpec::Relative(Period {
            months: 0,
            minutes: -2 * 24 * 60
        }))]
    );
    assert_eq!(
        date("updated >= \"-1d 2h\""),
        vec![Value::Date(DateSpec::Relative(Period {
            months: 0,
            minutes: -(24 + 2) * 60
        }))]
    );
    assert_eq!(
        date("due <= startOfMonth(-1M)"),
        vec![Value::Date(DateSpec::Function(
            DateFn::StartOfMonth,
            Period {
                months: -1,
                minutes: 0
            }
        ))]
    );
    assert_eq!(
        date("createdDate < startOfDay(-1)"),
        vec![Value::Date(DateSpec::Function(
            DateFn::StartOfDay,
            Period {
                months: 0,
                minutes: -1440
            }
        ))]
    );
    assert_eq!(
        date("created < now()"),
        vec![Value::Date(DateSpec::Function(
            DateFn::Now,
            Period::default()
        ))]
    );
    assert!(matches!(
        date("created > \"2024/01/31 14:00\"")[0],
        Value::Date(DateSpec::Absolute(_))
    ));
}

#[test]
fn order_by_with_defaults_and_directions() {
    let q = parse("project = A ORDER BY priority, created ASC, key desc").expect("parses");
    assert_eq!(
        q.order_by,
        Some(vec![
            SortKey {
                field: Field::Priority,
                descending: true
            },
            SortKey {
                field: Field::Created,
                descending: false
            },
            SortKey {
                field: Field::Key,
                descending: true
            },
        ])
    );
    let only = parse("order by summary").expect("parses");
    assert_eq!(only.clause, None);
    assert_eq!(
        only.order_by,
        Some(vec![SortKey {
            field: Field::Summary,
            descending: false
        }])
    );
}

#[test]
fn syntax_errors_word_for_word_as_jira() {
    let cases = [
        ("comment ~ 'test", "Error in the JQL Query: The quoted string 'test' has not been completed. (line 1, character 11)"),
        ("priority=\"test\nword", "Error in the JQL Query: The quoted string 'test word' has not been completed. (line 1, character 10)"),
        ("comment ~ '", "Error in the JQL Query: The quoted string has not been completed. (line 1, character 11)"),
        ("comme\\unt ~ 'test", "Error in the JQL Query: '\\un' is an illegal JQL escape sequence. The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX. (line 1, character 6)"),
        ("mine{www = qwwr", "Error in the JQL Query: The character '{' is a reserved JQL character. You must enclose it in a string or use the escape '\\u007b' instead. (line 1, character 5)"),
        ("minewww# = qwwr", "Error in the JQL Query: The character '#' is a reserved JQL character. You must enclose it in a string or use the escape '\\u0023' instead. (line 1, character 8)"),
        ("minewww =\u{7f}qwwr", "Error in the JQL Query: The character 'U+007F' on line 1 at position 10 must be escaped. Use the escape '\\u007f' instead. (line 1, character 10)"),
        ("aaaaa=-3482094382084092840932809482", "Error in the JQL Query: '-3482094382084092840932809482' is not a valid number. Numbers must be between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807. (line 1, character 7)"),
        ("a =b order", "Error in the JQL Query: Expecting 'by' before the end of the query."),
        ("a =b order summary", "Error in the JQL Query: Expecting 'by' but got 'summary'. (line 1, character 12)"),
        ("a =b order by", "Error in the JQL Query: Expecting a field name at the end of the query."),
        ("a =b order by asc", "Error in the JQL Query: Expecting a field name but got 'asc'. You must surround 'asc' in quotation marks to use it as a field name. (line 1, character 15)"),
        ("a =b order by ajsks blah", "Error in the JQL Query: Expecting either 'ASC' or 'DESC' but got 'blah'. (line 1, character 21)"),
        ("'' = c", "Error in the JQL Query: A field name cannot be empty. (line 1, character 1)"),
        ("a = ''()", "Error in the JQL Query: A function name cannot be empty. (line 1, character 5)"),
        ("a", "Error in the JQL Query: Expecting operator before the end of the query. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'."),
        ("a blah >", "Error in the JQL Query: Expecting operator but got 'blah'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 3)"),
        ("invalid query", "Error in the JQL Query: Expecting operator but got 'query'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 9)"),
        ("a =a and j not is empty", "Error in the JQL Query: Expecting 'IN' but got 'is'. (line 1, character 16)"),
        ("a =a and j is ! empty", "Error in the JQL Query: Expecting 'NOT' but got '!'. (line 1, character 15)"),
        ("cf[29829 = world", "Error in the JQL Query: Expecting ']' but got '='. (line 1, character 10)"),
        ("a = func(", "Error in the JQL Query: Expecting ')' before the end of the query."),
        ("a = func(, and not (a = x)", "Error in the JQL Query: Expecting ')' but got ','. (line 1, character 10)"),
        ("bas=func(bad,)", "Error in the JQL Query: Function argument must be specified. (line 1, character 14)"),
        ("bas=func(bad,", "Error in the JQL Query: Expecting a function argument at the end of the query."),
        ("k = func(abc, jk!)", "Error in the JQL Query: Expecting ')' or ',' but got '!'. (line 1, character 17)"),
        ("(a=b and c = d", "Error in the JQL Query: Expecting ')' before the end of the query."),
        ("abc IN ((foo) abc = a", "Error in the JQL Query: Expecting ')' but got 'abc'. (line 1, character 15)"),
        ("a=", "Error in JQL Query: Expecting either a value, list or function before the end of the query."),
        ("a=!", "Error in JQL Query: Expecting either a value, list or function but got '!'. You must surround '!' in quotation marks to use it as a value. (line 1, character 3)"),
        ("a=b c=d", "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'c'. (line 1, character 5)"),
        ("a=b !c=d", "Error in the JQL Query: Expecting either 'OR' or 'AND' but got '!'. (line 1, character 5)"),
        ("comment !~ \"brenden\" and", "Error in the JQL Query: Expecting a field name at the end of the query."),
        ("order by a desc d", "Error in the JQL Query: Expecting ',' but got 'd'. (line 1, character 17)"),
        (", a = b", "Error in the JQL Query: Expecting a field name but got ','. You must surround ',' in quotation marks to use it as a field name. (line 1, character 1)"),
        ("[brenden] = a", "Error in the JQL Query: Expecting a field name but got '['. Did you mean 'cf['? (line 1, character 1)"),
        ("summary ~ set", "Error in the JQL Query: 'set' is a reserved JQL word. You must surround it in quotation marks to use it in a query. (line 1, character 11)"),
        ("project = IN", "Error in JQL Query: Expecting either a value, list or function but got 'IN'. You must surround 'IN' in quotation marks to use it as a value. (line 1, character 11)"),
        ("project = A\nAND ) ", "Error in the JQL Query: Expecting a field name but got ')'. You must surround ')' in quotation marks to use it as a field name. (line 2, character 5)"),
    ];
    for (jql, message) in cases {
        assert_eq!(error(jql), message, "for {jql:?}");
    }
}

#[test]
fn semantic_errors_word_for_word_as_jira() {
    let cases = [
        ("universe = 42", "Field 'universe' does not exist or you do not have permission to view it."),
        ("cf[10000] = 1", "Field 'cf[10000]' does not exist or you do not have permission to view it."),
        ("summary = test", "The operator '=' is not supported by the 'summary' field."),
        ("summary in test", "Operator 'in' does not support the non-list value '\"test\"' for field 'summary'."),
        ("status ~ Open", "The operator '~' is not supported by the 'status' field."),
        ("status was Open", "The operator 'was' is not supported by the 'status' field."),
        ("text ~ EMPTY", "The field 'text' does not support searching for EMPTY values."),
        ("comment is EMPTY", "The field 'comment' does not support searching for EMPTY values."),
        ("created > yesterday", "Date value 'yesterday' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."),
        ("due = \"2024-02-30\"",
            "Date value '2024-02-30' for field 'due' is invalid. Valid formats include: 'YYYY/MM/DD', 'YYYY-MM-DD', or a period format e.g. '-5d', '4w 2d'."),
        ("created > now(1)", "Function 'now' expected '0' arguments but received '1'."),
        ("created > startOfDay(invalid)", "Duration for function 'startOfDay' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier."),
        ("assignee = bogus()", "Unable to find JQL function 'bogus()'."),
        ("project = echo(HSP)", "Unable to find JQL function 'echo(HSP)'."),
        ("key = 12x", "The issue key '12x' for field 'key' is invalid."),
        // Jira's TestDefaultOperatorUsageValidator.
        ("assignee is bob", "Operator 'is' does not support searching for non-empty values for field 'assignee'."),
        ("assignee is not currentUser()", "Operator 'is not' does not support searching for non-empty values for field 'assignee'."),
        ("created > EMPTY", "Operator '>' does not support the empty value representation 'EMPTY' for field 'created'."),
        ("assignee in EMPTY", "Operator 'in' does not support the empty value representation 'EMPTY' for field 'assignee'."),
        ("assignee = currentUser() or status = (Open, Done)", "Operator '=' does not support the list value '(\"Open\", \"Done\")' for field 'status'."),
        ("ORDER BY ranking", "Field 'ranking' does not exist or you do not have permission to view it."),
        ("rank = 1", "The operator '=' is not supported by the 'rank' field."),
        ("status = currentUser()", "A value provided by the function 'currentUser' is invalid for the field 'status'."),
        ("assignee = now()", "A value provided by the function 'now' is invalid for the field 'assignee'."),
        ("created > currentUser()", "A value provided by the function 'currentUser' is invalid for the field 'created'."),
        // The literal matrix of Jira's TestSystemFieldLiterals.
        ("summary ~ ''", "The field 'summary' does not support searching for an empty string."),
        ("comment ~ '?'", "The text query '?' for field 'comment' is not allowed to start with '?'."),
        ("description ~ 'BAD +'", "Unable to parse the text 'BAD +' for field 'description'."),
        ("text ~ AND", "Error in JQL Query: Expecting either a value, list or function but got 'AND'. You must surround 'AND' in quotation marks to use it as a value. (line 1, character 8)"),
        ("text ~ 'AND'", "Unable to parse the text 'AND' for field 'text'."),
        ("issue = '10000'", "The issue key '10000' for field 'issue' is invalid."),
        ("issue = ''", "The issue key '' for field 'issue' is invalid."),
        ("created < 'dd'", "Date value 'dd' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."),
        ("created < '09/1/1'", "Date value '09/1/1' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."),
        ("updated < '2009/05/14 bad'", "Date value '2009/05/14 bad' for field 'updated' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."),
        ("due = '14/May/09'", "Date value '14/May/09' for field 'due' is invalid. Valid formats include: 'YYYY/MM/DD', 'YYYY-MM-DD', or a period format e.g. '-5d', '4w 2d'."),
        ("due = ''", "Date value '' for field 'due' is invalid. Valid formats include: 'YYYY/MM/DD', 'YYYY-MM-DD', or a period format e.g. '-5d', '4w 2d'."),
        ("order by description", "Not able to sort using field 'description'."),
    ];
    for (jql, message) in cases {
        assert_eq!(error(jql), message, "for {jql:?}");
    }
    // Semantic problems are collected, not stopped at the first.
    assert_eq!(
        error("foo = 1 AND bar = 2 ORDER BY baz"),
        "Field 'foo' does not exist or you do not have permission to view it. | Field 'bar' does \
         not exist or you do not have permission to view it. | Field 'baz' does not exist or you do \
         not have permission to view it."
    );
}

#[test]
fn literals_jira_accepts() {
    for jql in [
        "created < 1242604510000",
        "created < '1d'",
        "created < '2009/05/13 18:50' and updated < '2009-05-13 18:50'",
        "created < '2009/05/14' and updated > '2009-05-14'",
        "due = '2009/05/13' or due = 1242204510000",
        "project = EMPTY or status = EMPTY or type is EMPTY or priority = EMPTY",
        "issue = EMPTY or key in (10000, 'HSP-2', HSP-3)",
        "summary ~ '-OneTwoThree' or summary ~ 456 or text ~ -456 or summary is EMPTY",
        "description is EMPTY and resolution in (unresolved, Fixed, 1, '3')",
    ] {
        assert!(parse(jql).is_ok(), "{jql}: {:?}", parse(jql));
    }
}

#[test]
fn nesting_is_bounded_without_overflowing_the_stack() {
    let deep = format!("{}project = A{}", "(".repeat(5000), ")".repeat(5000));
    assert_eq!(
        error(&deep),
        "Error in the JQL Query: The query is nested too deeply."
    );
    let nots = format!("{}project = A", "NOT ".repeat(5000));
    assert!(error(&nots).contains("nested too deeply"));
    let lists = format!("project in {}A{}", "(".repeat(5000), ")".repeat(5000));
    assert!(error(&lists).contains("nested too deeply"));
}
