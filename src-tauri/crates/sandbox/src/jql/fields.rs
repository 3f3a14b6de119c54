//! The fields this JQL subset knows: names and aliases, operators, EMPTY support, ordering,
//! and the Java type names Jira reports in its autocomplete data.

/// A JQL field, whatever alias named it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Project,
    Key,
    IssueType,
    Status,
    StatusCategory,
    Assignee,
    Reporter,
    Priority,
    Labels,
    Resolution,
    Summary,
    Description,
    Text,
    Comment,
    Created,
    Updated,
    DueDate,
    /// Jira Software's Rank: orderable only. Issues are ranked in creation order here.
    Rank,
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Like,
    NotLike,
    In,
    NotIn,
    Is,
    IsNot,
}

impl Op {
    /// How Jira prints the operator in messages and autocomplete data.
    pub fn display(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Like => "~",
            Op::NotLike => "!~",
            Op::In => "in",
            Op::NotIn => "not in",
            Op::Is => "is",
            Op::IsNot => "is not",
        }
    }

    pub fn from_symbol(symbol: &str) -> Option<Op> {
        Some(match symbol {
            "=" => Op::Eq,
            "!=" => Op::Ne,
            ">" => Op::Gt,
            ">=" => Op::Ge,
            "<" => Op::Lt,
            "<=" => Op::Le,
            "~" => Op::Like,
            "!~" => Op::NotLike,
            _ => return None,
        })
    }

    pub fn is_list(self) -> bool {
        matches!(self, Op::In | Op::NotIn)
    }
}

/// What the values of a field are, which decides how literals and functions resolve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValueKind {
    Named,
    Key,
    User,
    Text,
    Date,
}

use Op::*;

const EQUALITY: &[Op] = &[Eq, Ne, In, NotIn, Is, IsNot];
const ORDERED: &[Op] = &[Eq, Ne, Gt, Ge, Lt, Le, In, NotIn, Is, IsNot];
const TEXT: &[Op] = &[Like, NotLike, Is, IsNot];

/// Static facts about one field.
pub(crate) struct FieldInfo {
    pub field: Field,
    /// Primary JQL name first, then aliases (all matched case-insensitively).
    pub names: &'static [&'static str],
    pub operators: &'static [Op],
    pub supports_empty: bool,
    pub orderable: bool,
    pub auto: bool,
    pub kind: ValueKind,
    pub java_type: &'static str,
}

#[rustfmt::skip]
pub(crate) const FIELDS: &[FieldInfo] = &[
    info(Field::Project, &["project"], EQUALITY, true, true, true, ValueKind::Named, "com.atlassian.jira.project.Project"),
    info(Field::Key, &["issuekey", "key", "id", "issue"], ORDERED, true, true, false, ValueKind::Key, "com.atlassian.jira.issue.Issue"),
    info(Field::IssueType, &["issuetype", "type"], EQUALITY, true, true, true, ValueKind::Named, "com.atlassian.jira.issue.issuetype.IssueType"),
    info(Field::Status, &["status"], EQUALITY, true, true, true, ValueKind::Named, "com.atlassian.jira.issue.status.Status"),
    info(Field::StatusCategory, &["statusCategory"], EQUALITY, true, true, true, ValueKind::Named, "com.atlassian.jira.issue.status.category.StatusCategory"),
    info(Field::Assignee, &["assignee"], EQUALITY, true, true, true, ValueKind::User, "com.atlassian.jira.user.ApplicationUser"),
    info(Field::Reporter, &["reporter"], EQUALITY, true, true, true, ValueKind::User, "com.atlassian.jira.user.ApplicationUser"),
    info(Field::Priority, &["priority"], ORDERED, true, true, true, ValueKind::Named, "com.atlassian.jira.issue.priority.Priority"),
    info(Field::Labels, &["labels"], EQUALITY, true, true, true, ValueKind::Named, "com.atlassian.jira.issue.label.Label"),
    info(Field::Resolution, &["resolution"], EQUALITY, true, true, true, ValueKind::Named, "com.atlassian.jira.issue.resolution.Resolution"),
    info(Field::Summary, &["summary"], TEXT, true, true, false, ValueKind::Text, "java.lang.String"),
    info(Field::Description, &["description"], TEXT, true, false, false, ValueKind::Text, "java.lang.String"),
    info(Field::Text, &["text"], &[Like], false, false, false, ValueKind::Text, "java.lang.String"),
    info(Field::Comment, &["comment"], TEXT, false, false, false, ValueKind::Text, "java.lang.String"),
    info(Field::Created, &["created", "createdDate"], ORDERED, true, true, false, ValueKind::Date, "java.util.Date"),
    info(Field::Updated, &["updated", "updatedDate"], ORDERED, true, true, false, ValueKind::Date, "java.util.Date"),
    info(Field::DueDate, &["due", "duedate"], ORDERED, true, true, false, ValueKind::Date, "java.util.Date"),
    // Many clients send `ORDER BY Rank`; Jira Software accepts it, so the sandbox does too.
    info(Field::Rank, &["rank"], &[], false, true, false, ValueKind::Named, "com.pyxis.greenhopper.jira.fields.LexoRank"),
];

#[allow(clippy::too_many_arguments)]
const fn info(
    field: Field,
    names: &'static [&'static str],
    operators: &'static [Op],
    supports_empty: bool,
    orderable: bool,
    auto: bool,
    kind: ValueKind,
    java_type: &'static str,
) -> FieldInfo {
    FieldInfo {
        field,
        names,
        operators,
        supports_empty,
        orderable,
        auto,
        kind,
        java_type,
    }
}

/// Finds a field by any of its names, case-insensitively.
pub(crate) fn lookup(name: &str) -> Option<&'static FieldInfo> {
    FIELDS
        .iter()
        .find(|f| f.names.iter().any(|n| n.eq_ignore_ascii_case(name)))
}

/// JQL keywords: never values or field names unless quoted.
pub(crate) const KEYWORDS: &[&str] = &[
    "and", "or", "not", "empty", "null", "order", "by", "asc", "desc", "in", "is", "was",
    "changed", "after", "before", "during", "on", "from", "to",
];

/// Jira's reserved words (from `JqlStringSupportImpl`): an error unless quoted.
pub(crate) const RESERVED_WORDS: &[&str] = &[
    "abort",
    "access",
    "add",
    "alias",
    "all",
    "alter",
    "any",
    "as",
    "audit",
    "avg",
    "begin",
    "between",
    "boolean",
    "break",
    "byte",
    "catch",
    "char",
    "character",
    "check",
    "checkpoint",
    "collate",
    "collation",
    "column",
    "commit",
    "connect",
    "continue",
    "count",
    "create",
    "current",
    "date",
    "decimal",
    "declare",
    "decrement",
    "default",
    "defaults",
    "define",
    "delete",
    "delimiter",
    "difference",
    "distinct",
    "divide",
    "do",
    "double",
    "drop",
    "else",
    "encoding",
    "end",
    "equals",
    "escape",
    "exclusive",
    "exec",
    "execute",
    "exists",
    "explain",
    "false",
    "fetch",
    "file",
    "field",
    "first",
    "float",
    "for",
    "function",
    "go",
    "goto",
    "grant",
    "greater",
    "group",
    "having",
    "identified",
    "if",
    "immediate",
    "increment",
    "index",
    "initial",
    "inner",
    "inout",
    "input",
    "insert",
    "int",
    "integer",
    "intersect",
    "intersection",
    "into",
    "isempty",
    "isnull",
    "join",
    "last",
    "left",
    "less",
    "like",
    "limit",
    "lock",
    "long",
    "max",
    "min",
    "minus",
    "mode",
    "modify",
    "modulo",
    "more",
    "multiply",
    "next",
    "noaudit",
    "notin",
    "nowait",
    "number",
    "object",
    "of",
    "option",
    "outer",
    "output",
    "power",
    "previous",
    "prior",
    "privileges",
    "public",
    "raise",
    "raw",
    "remainder",
    "rename",
    "resource",
    "return",
    "returns",
    "revoke",
    "right",
    "row",
    "rowid",
    "rownum",
    "rows",
    "select",
    "session",
    "set",
    "share",
    "size",
    "sqrt",
    "start",
    "strict",
    "string",
    "subtract",
    "sum",
    "synonym",
    "table",
    "then",
    "trans",
    "transaction",
    "trigger",
    "true",
    "uid",
    "union",
    "unique",
    "update",
    "user",
    "validate",
    "values",
    "view",
    "when",
    "whenever",
    "where",
    "while",
    "with",
];

pub(crate) fn is_keyword(word: &str) -> bool {
    KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}

pub(crate) fn is_reserved(word: &str) -> bool {
    RESERVED_WORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}
