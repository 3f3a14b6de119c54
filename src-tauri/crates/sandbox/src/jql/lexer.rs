//! JQL tokens with their line/character positions, and Jira's lexical error messages.

use super::JqlError;

/// One token; `line`/`col` are 1-based like Jira's "(line 1, character 9)".
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub kind: Kind,
    /// The token as written (for "but got '...'" messages).
    pub raw: String,
    pub line: usize,
    pub col: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind {
    /// Unquoted text (escapes already applied): field names, values, keywords.
    Word(String),
    /// Quoted text (escapes already applied): never a keyword.
    Str(String),
    LParen,
    RParen,
    Comma,
    LBracket,
    RBracket,
    /// `= != < > <= >= ~ !~`
    Op(&'static str),
    /// `!` (NOT)
    Bang,
    /// `&` or `&&` (AND)
    Amp,
    /// `|` or `||` (OR)
    Pipe,
    Eof,
}

impl Token {
    /// Jira's "(line L, character C)" suffix.
    pub fn at(&self) -> String {
        format!("(line {}, character {})", self.line, self.col)
    }
}

/// Prefix of every syntax error, as Jira words it.
pub(crate) const PREFIX: &str = "Error in the JQL Query: ";

/// Jira's own quirk: the "Expecting either a value, list or function" messages alone drop the
/// "the" (seen in every reported Cloud and Server answer of that message).
pub(crate) const VALUE_PREFIX: &str = "Error in JQL Query: ";

const VALID_ESCAPES: &str =
    "The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX.";

/// Characters JQL reserves outside quotes (Jira's `JqlStringSupportImpl`).
const RESERVED: &[char] = &['{', '}', '*', '/', '%', '+', '^', '$', '#', '@', '?', ';'];

fn is_delimiter(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | ')' | ',' | '=' | '!' | '<' | '>' | '~' | '"' | '\'' | '[' | ']'
        )
        || matches!(c, '&' | '|')
        || RESERVED.contains(&c)
}

struct Cursor<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    col: usize,
}

impl Cursor<'_> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }
}

fn err(message: String, line: usize, col: usize) -> JqlError {
    JqlError::one(format!("{PREFIX}{message} (line {line}, character {col})"))
}

fn control_char_error(c: char, line: usize, col: usize) -> JqlError {
    let code = c as u32;
    err(
        format!(
            "The character 'U+{code:04X}' on line {line} at position {col} must be escaped. \
             Use the escape '\\u{code:04x}' instead."
        ),
        line,
        col,
    )
}

fn is_illegal_control(c: char) -> bool {
    (c.is_control() && !c.is_whitespace()) || c == '\u{7f}'
}

/// Reads the escape after a backslash (already consumed at `line`/`col`).
fn read_escape(cur: &mut Cursor<'_>, line: usize, col: usize) -> Result<char, JqlError> {
    let Some(c) = cur.bump() else {
        let message = format!("The escape sequence has not been completed. {VALID_ESCAPES}");
        return Err(err(message, line, col));
    };
    Ok(match c {
        '\'' => '\'',
        '"' => '"',
        't' => '\t',
        'n' => '\n',
        'r' => '\r',
        '\\' => '\\',
        ' ' => ' ',
        'u' => {
            let mut hex = String::new();
            while hex.len() < 4 {
                match cur.peek() {
                    Some(h) if h.is_ascii_hexdigit() => {
                        hex.push(h);
                        cur.bump();
                    }
                    other => {
                        let shown =
                            format!("\\u{hex}{}", other.map(String::from).unwrap_or_default());
                        let message =
                            format!("'{shown}' is an illegal JQL escape sequence. {VALID_ESCAPES}");
                        return Err(err(message, line, col));
                    }
                }
            }
            u32::from_str_radix(&hex, 16)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{fffd}')
        }
        other => {
            let message = format!("'\\{other}' is an illegal JQL escape sequence. {VALID_ESCAPES}");
            return Err(err(message, line, col));
        }
    })
}

/// Splits JQL into tokens; the last one is always `Eof`.
pub(crate) fn tokenize(jql: &str) -> Result<Vec<Token>, JqlError> {
    let mut cur = Cursor {
        chars: jql.chars().peekable(),
        line: 1,
        col: 1,
    };
    let mut out = Vec::new();
    loop {
        while cur.peek().is_some_and(char::is_whitespace) {
            cur.bump();
        }
        let (line, col) = (cur.line, cur.col);
        let Some(c) = cur.peek() else {
            out.push(Token {
                kind: Kind::Eof,
                raw: String::new(),
                line,
                col,
            });
            return Ok(out);
        };
        let token = |kind: Kind, raw: &str| Token {
            kind,
            raw: raw.to_string(),
            line,
            col,
        };
        let two = |cur: &mut Cursor<'_>, next: char| {
            cur.bump();
            if cur.peek() == Some(next) {
                cur.bump();
                true
            } else {
                false
            }
        };
        match c {
            '(' | ')' | ',' | '[' | ']' | '=' | '~' => {
                cur.bump();
                let kind = match c {
                    '(' => Kind::LParen,
                    ')' => Kind::RParen,
                    ',' => Kind::Comma,
                    '[' => Kind::LBracket,
                    ']' => Kind::RBracket,
                    '=' => Kind::Op("="),
                    _ => Kind::Op("~"),
                };
                out.push(token(kind, &c.to_string()));
            }
            '!' => {
                cur.bump();
                match cur.peek() {
                    Some('=') => {
                        cur.bump();
                        out.push(token(Kind::Op("!="), "!="));
                    }
                    Some('~') => {
                        cur.bump();
                        out.push(token(Kind::Op("!~"), "!~"));
                    }
                    _ => out.push(token(Kind::Bang, "!")),
                }
            }
            '<' | '>' => {
                let eq = two(&mut cur, '=');
                let op = match (c, eq) {
                    ('<', true) => "<=",
                    ('<', false) => "<",
                    (_, true) => ">=",
                    _ => ">",
                };
                out.push(token(Kind::Op(op), op));
            }
            '&' => {
                let raw = if two(&mut cur, '&') { "&&" } else { "&" };
                out.push(token(Kind::Amp, raw));
            }
            '|' => {
                let raw = if two(&mut cur, '|') { "||" } else { "|" };
                out.push(token(Kind::Pipe, raw));
            }
            '"' | '\'' => {
                cur.bump();
                let mut text = String::new();
                loop {
                    let (l, cl) = (cur.line, cur.col);
                    match cur.bump() {
                        None => {
                            let message = if text.is_empty() {
                                "The quoted string has not been completed.".to_string()
                            } else {
                                let shown = text.replace(['\n', '\r'], " ");
                                format!("The quoted string '{shown}' has not been completed.")
                            };
                            return Err(err(message, line, col));
                        }
                        Some(q) if q == c => break,
                        Some('\\') => text.push(read_escape(&mut cur, l, cl)?),
                        Some(ch) if is_illegal_control(ch) => {
                            return Err(control_char_error(ch, l, cl))
                        }
                        Some(ch) => text.push(ch),
                    }
                }
                let raw = format!("{c}{text}{c}");
                out.push(token(Kind::Str(text), &raw));
            }
            _ if RESERVED.contains(&c) => {
                let message = format!(
                    "The character '{c}' is a reserved JQL character. You must enclose it in a \
                     string or use the escape '\\u{:04x}' instead.",
                    c as u32
                );
                return Err(err(message, line, col));
            }
            _ => {
                let mut text = String::new();
                while let Some(ch) = cur.peek() {
                    let (l, cl) = (cur.line, cur.col);
                    if ch == '\\' {
                        cur.bump();
                        text.push(read_escape(&mut cur, l, cl)?);
                    } else if RESERVED.contains(&ch) {
                        let message = format!(
                            "The character '{ch}' is a reserved JQL character. You must enclose \
                             it in a string or use the escape '\\u{:04x}' instead.",
                            ch as u32
                        );
                        return Err(err(message, l, cl));
                    } else if is_illegal_control(ch) {
                        return Err(control_char_error(ch, l, cl));
                    } else if is_delimiter(ch) {
                        break;
                    } else {
                        cur.bump();
                        text.push(ch);
                    }
                }
                let digits = text.strip_prefix('-').unwrap_or(&text);
                let numeric = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
                if numeric && text.parse::<i64>().is_err() {
                    let message = format!(
                        "'{text}' is not a valid number. Numbers must be between \
                         -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807."
                    );
                    return Err(err(message, line, col));
                }
                let raw = text.clone();
                out.push(token(Kind::Word(text), &raw));
            }
        }
    }
}
