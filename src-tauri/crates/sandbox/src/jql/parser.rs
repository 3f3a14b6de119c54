//! Recursive-descent JQL parser. Precedence, strongest first: parentheses, comparisons,
//! NOT, AND, OR (Atlassian's "Order of Operations for JQL"). Syntax errors stop at the first
//! one; semantic problems (see `resolve.rs`) are collected and reported together.

use super::fields::{Field, Op};
use super::lexer::{tokenize, Kind, Token, PREFIX};
use super::resolve::{self, Value};
use super::{JqlError, Query};

/// The WHERE tree.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Clause {
    And(Vec<Clause>),
    Or(Vec<Clause>),
    Not(Box<Clause>),
    Term(Term),
}

/// `field op operand`, with values already typed for the field.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Term {
    pub field: Field,
    /// The field name as written (Jira's messages quote it that way).
    pub name: String,
    pub op: Op,
    pub values: Vec<Value>,
}

/// One ORDER BY entry; `descending` is already resolved from the field's default.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SortKey {
    pub field: Field,
    pub descending: bool,
}

/// Deep enough for any hand-written query, shallow enough to keep the stack safe.
pub(crate) const MAX_DEPTH: usize = 100;

const VALID_OPERATORS: &str = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', \
                               '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

pub(crate) struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    /// Semantic problems, reported together once the syntax is known to be fine.
    pub(crate) errors: Vec<String>,
}

pub(crate) type Res<T> = Result<T, JqlError>;

pub(crate) fn syntax(message: String) -> JqlError {
    JqlError::one(format!("{PREFIX}{message}"))
}

pub(crate) fn parse_query(jql: &str) -> Res<Query> {
    let tokens = tokenize(jql)?;
    let mut p = Parser {
        tokens,
        pos: 0,
        depth: 0,
        errors: Vec::new(),
    };
    let clause = if p.at_eof() || p.at_word("order") {
        None
    } else {
        Some(p.or_expr()?)
    };
    let order_by = if p.at_word("order") {
        Some(p.order_by()?)
    } else {
        None
    };
    if !p.at_eof() {
        let t = p.peek().clone();
        let message = format!(
            "Expecting either 'OR' or 'AND' but got '{}'. {}",
            t.raw,
            t.at()
        );
        return Err(syntax(message));
    }
    if p.errors.is_empty() {
        Ok(Query { clause, order_by })
    } else {
        Err(JqlError { messages: p.errors })
    }
}

impl Parser {
    pub(crate) fn peek(&self) -> &Token {
        // tokenize always ends with Eof and we never advance past it.
        &self.tokens[self.pos.min(self.tokens.len() - 1)]
    }

    pub(crate) fn next(&mut self) -> Token {
        let t = self.peek().clone();
        if t.kind != Kind::Eof {
            self.pos += 1;
        }
        t
    }

    pub(crate) fn at_eof(&self) -> bool {
        self.peek().kind == Kind::Eof
    }

    pub(crate) fn at_word(&self, word: &str) -> bool {
        matches!(&self.peek().kind, Kind::Word(w) if w.eq_ignore_ascii_case(word))
    }

    pub(crate) fn enter(&mut self) -> Res<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(syntax("The query is nested too deeply.".to_string()));
        }
        Ok(())
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    pub(crate) fn or_expr(&mut self) -> Res<Clause> {
        let mut parts = vec![self.and_expr()?];
        while self.at_word("or") || self.peek().kind == Kind::Pipe {
            self.next();
            parts.push(self.and_expr()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Clause::Or(parts)
        })
    }

    fn and_expr(&mut self) -> Res<Clause> {
        let mut parts = vec![self.not_expr()?];
        while self.at_word("and") || self.peek().kind == Kind::Amp {
            self.next();
            parts.push(self.not_expr()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Clause::And(parts)
        })
    }

    fn not_expr(&mut self) -> Res<Clause> {
        self.enter()?;
        let clause = if self.at_word("not") || self.peek().kind == Kind::Bang {
            self.next();
            Clause::Not(Box::new(self.not_expr()?))
        } else if self.peek().kind == Kind::LParen {
            self.next();
            let inner = self.or_expr()?;
            self.expect_close()?;
            inner
        } else {
            self.terminal()?
        };
        self.leave();
        Ok(clause)
    }

    pub(crate) fn expect_close(&mut self) -> Res<()> {
        let t = self.next();
        match t.kind {
            Kind::RParen => Ok(()),
            Kind::Eof => Err(syntax("Expecting ')' before the end of the query.".into())),
            _ => Err(syntax(format!(
                "Expecting ')' but got '{}'. {}",
                t.raw,
                t.at()
            ))),
        }
    }

    fn terminal(&mut self) -> Res<Clause> {
        let (name, _) = self.field_name()?;
        let op = self.operator(&name)?;
        let operand = self.operand()?;
        let term = resolve::term(&name, op, operand, &mut self.errors);
        // A term with a semantic error still parses; the error list decides the outcome.
        Ok(Clause::Term(term.unwrap_or(Term {
            field: Field::Key,
            name,
            op,
            values: Vec::new(),
        })))
    }

    fn operator(&mut self, field: &str) -> Res<Op> {
        let t = self.next();
        match &t.kind {
            Kind::Op(symbol) => Op::from_symbol(symbol)
                .ok_or_else(|| syntax(format!("Expecting operator but got '{}'.", t.raw))),
            Kind::Word(w) if w.eq_ignore_ascii_case("in") => Ok(Op::In),
            Kind::Word(w) if w.eq_ignore_ascii_case("not") => {
                let n = self.next();
                match &n.kind {
                    Kind::Word(w) if w.eq_ignore_ascii_case("in") => Ok(Op::NotIn),
                    Kind::Eof => Err(syntax("Expecting 'IN' before the end of the query.".into())),
                    _ => Err(syntax(format!(
                        "Expecting 'IN' but got '{}'. {}",
                        n.raw,
                        n.at()
                    ))),
                }
            }
            Kind::Word(w) if w.eq_ignore_ascii_case("is") => {
                if self.at_word("not") {
                    self.next();
                    return Ok(Op::IsNot);
                }
                if self.peek().kind == Kind::Bang {
                    let n = self.next();
                    return Err(syntax(format!("Expecting 'NOT' but got '!'. {}", n.at())));
                }
                Ok(Op::Is)
            }
            Kind::Word(w) if w.eq_ignore_ascii_case("was") || w.eq_ignore_ascii_case("changed") => {
                // History searches need a change log this sandbox does not index.
                Err(JqlError::one(format!(
                    "The operator '{}' is not supported by the '{field}' field.",
                    w.to_ascii_lowercase()
                )))
            }
            Kind::Eof => Err(syntax(format!(
                "Expecting operator before the end of the query. {VALID_OPERATORS}"
            ))),
            _ => Err(syntax(format!(
                "Expecting operator but got '{}'. {VALID_OPERATORS} {}",
                t.raw,
                t.at()
            ))),
        }
    }
}

pub(crate) fn reserved_word(t: &Token, word: &str) -> JqlError {
    syntax(format!(
        "'{word}' is a reserved JQL word. You must surround it in quotation marks to use it in a \
         query. {}",
        t.at()
    ))
}
