//! Recursive-descent JQL parser. Precedence, strongest first: parentheses, comparisons,
//! NOT, AND, OR (Atlassian's "Order of Operations for JQL"). Syntax errors stop at the first
//! one; semantic problems (see `resolve.rs`) are collected and reported together.

use super::fields::{self, Field, Op};
use super::lexer::{tokenize, Kind, Token, PREFIX};
use super::resolve::{self, Operand, Value};
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
const MAX_DEPTH: usize = 100;

const VALID_OPERATORS: &str = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', \
                               '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    /// Semantic problems, reported together once the syntax is known to be fine.
    errors: Vec<String>,
}

type Res<T> = Result<T, JqlError>;

fn syntax(message: String) -> JqlError {
    JqlError::one(format!("{PREFIX}{message}"))
}

pub(crate) fn parse_query(jql: &str) -> Res<Query> {
    let tokens = tokenize(jql)?;
    let mut p = Parser { tokens, pos: 0, depth: 0, errors: Vec::new() };
    let clause = if p.at_eof() || p.at_word("order") { None } else { Some(p.or_expr()?) };
    let order_by = if p.at_word("order") { Some(p.order_by()?) } else { None };
    if !p.at_eof() {
        let t = p.peek().clone();
        let message = format!("Expecting either 'OR' or 'AND' but got '{}'. {}", t.raw, t.at());
        return Err(syntax(message));
    }
    if p.errors.is_empty() {
        Ok(Query { clause, order_by })
    } else {
        Err(JqlError { messages: p.errors })
    }
}

impl Parser {
    fn peek(&self) -> &Token {
        // tokenize always ends with Eof and we never advance past it.
        &self.tokens[self.pos.min(self.tokens.len() - 1)]
    }

    fn next(&mut self) -> Token {
        let t = self.peek().clone();
        if t.kind != Kind::Eof {
            self.pos += 1;
        }
        t
    }

    fn at_eof(&self) -> bool {
        self.peek().kind == Kind::Eof
    }

    fn at_word(&self, word: &str) -> bool {
        matches!(&self.peek().kind, Kind::Word(w) if w.eq_ignore_ascii_case(word))
    }

    fn enter(&mut self) -> Res<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(syntax("The query is nested too deeply.".to_string()));
        }
        Ok(())
    }

    fn or_expr(&mut self) -> Res<Clause> {
        let mut parts = vec![self.and_expr()?];
        while self.at_word("or") || self.peek().kind == Kind::Pipe {
            self.next();
            parts.push(self.and_expr()?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Clause::Or(parts) })
    }

    fn and_expr(&mut self) -> Res<Clause> {
        let mut parts = vec![self.not_expr()?];
        while self.at_word("and") || self.peek().kind == Kind::Amp {
            self.next();
            parts.push(self.not_expr()?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Clause::And(parts) })
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
        self.depth -= 1;
        Ok(clause)
    }

    fn expect_close(&mut self) -> Res<()> {
        let t = self.next();
        match t.kind {
            Kind::RParen => Ok(()),
            Kind::Eof => Err(syntax("Expecting ')' before the end of the query.".into())),
            _ => Err(syntax(format!("Expecting ')' but got '{}'. {}", t.raw, t.at()))),
        }
    }

    /// A field name: a word, a quoted string or `cf[123]`.
    fn field_name(&mut self) -> Res<(String, Token)> {
        let t = self.next();
        let got = |t: &Token| {
            format!(
                "Expecting a field name but got '{0}'. You must surround '{0}' in quotation \
                 marks to use it as a field name. {1}",
                t.raw,
                t.at()
            )
        };
        match &t.kind {
            Kind::Eof => Err(syntax("Expecting a field name at the end of the query.".into())),
            Kind::Str(s) if s.is_empty() => {
                Err(syntax(format!("A field name cannot be empty. {}", t.at())))
            }
            Kind::Str(s) => Ok((s.clone(), t.clone())),
            Kind::LBracket => Err(syntax(format!(
                "Expecting a field name but got '['. Did you mean 'cf['? {}",
                t.at()
            ))),
            Kind::Word(w) if fields::is_keyword(w) => Err(syntax(got(&t))),
            Kind::Word(w) if fields::is_reserved(w) => Err(reserved_word(&t, w)),
            Kind::Word(w) if w.eq_ignore_ascii_case("cf") => self.custom_field(&t),
            Kind::Word(w) => Ok((w.clone(), t.clone())),
            _ => Err(syntax(got(&t))),
        }
    }

    fn custom_field(&mut self, cf: &Token) -> Res<(String, Token)> {
        let open = self.next();
        match open.kind {
            Kind::LBracket => {}
            Kind::Eof => return Err(syntax("Expecting '[' before the end of the query.".into())),
            _ => return Err(syntax(format!("Expecting '[' but got '{}'. {}", open.raw, open.at()))),
        }
        let id = self.next();
        let number = match &id.kind {
            Kind::Word(w) if !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()) => w.clone(),
            Kind::Eof => {
                return Err(syntax(
                    "Expecting a custom field id (a positive number) before the end of the query."
                        .into(),
                ))
            }
            _ => {
                return Err(syntax(format!(
                    "Expecting a custom field id (a positive number) but got '{}'. {}",
                    id.raw,
                    id.at()
                )))
            }
        };
        let close = self.next();
        match close.kind {
            Kind::RBracket => Ok((format!("cf[{number}]"), cf.clone())),
            Kind::Eof => Err(syntax("Expecting ']' before the end of the query.".into())),
            _ => Err(syntax(format!("Expecting ']' but got '{}'. {}", close.raw, close.at()))),
        }
    }

    fn terminal(&mut self) -> Res<Clause> {
        let (name, _) = self.field_name()?;
        let op = self.operator(&name)?;
        let operand = self.operand()?;
        let term = resolve::term(&name, op, operand, &mut self.errors);
        // A term with a semantic error still parses; the error list decides the outcome.
        Ok(Clause::Term(term.unwrap_or(Term { field: Field::Key, op, values: Vec::new() })))
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
                    _ => Err(syntax(format!("Expecting 'IN' but got '{}'. {}", n.raw, n.at()))),
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

    fn operand(&mut self) -> Res<Operand> {
        self.enter()?;
        let t = self.next();
        let value_expected = |t: &Token| {
            syntax(format!(
                "Expecting either a value, list or function but got '{0}'. You must surround \
                 '{0}' in quotation marks to use it as a value. {1}",
                t.raw,
                t.at()
            ))
        };
        let operand = match &t.kind {
            Kind::Eof => {
                return Err(syntax(
                    "Expecting either a value, list or function before the end of the query."
                        .into(),
                ))
            }
            Kind::Word(w) if w.eq_ignore_ascii_case("empty") || w.eq_ignore_ascii_case("null") => {
                Operand::Empty
            }
            Kind::Word(w) if fields::is_keyword(w) => return Err(value_expected(&t)),
            Kind::Word(w) if fields::is_reserved(w) => return Err(reserved_word(&t, w)),
            Kind::Word(w) | Kind::Str(w) if self.peek().kind == Kind::LParen => {
                if w.is_empty() {
                    let message = format!("A function name cannot be empty. {}", t.at());
                    return Err(syntax(message));
                }
                let name = w.clone();
                self.next();
                Operand::Function(name, self.arguments()?)
            }
            Kind::Word(w) => Operand::Literal(w.clone(), false),
            Kind::Str(s) => Operand::Literal(s.clone(), true),
            Kind::LParen => {
                let mut items = vec![self.operand()?];
                loop {
                    let n = self.next();
                    match n.kind {
                        Kind::Comma => items.push(self.operand()?),
                        Kind::RParen => break,
                        Kind::Eof => {
                            return Err(syntax("Expecting ')' before the end of the query.".into()))
                        }
                        _ => {
                            let message = format!("Expecting ')' but got '{}'. {}", n.raw, n.at());
                            return Err(syntax(message));
                        }
                    }
                }
                Operand::List(items)
            }
            _ => return Err(value_expected(&t)),
        };
        self.depth -= 1;
        Ok(operand)
    }

    /// Function arguments after `(`: plain or quoted strings separated by commas.
    fn arguments(&mut self) -> Res<Vec<String>> {
        let mut args = Vec::new();
        if self.peek().kind == Kind::RParen {
            self.next();
            return Ok(args);
        }
        loop {
            let t = self.next();
            match &t.kind {
                Kind::Word(w) | Kind::Str(w) => args.push(w.clone()),
                Kind::RParen => {
                    return Err(syntax(format!("Function argument must be specified. {}", t.at())))
                }
                Kind::Eof if args.is_empty() => {
                    return Err(syntax("Expecting ')' before the end of the query.".into()))
                }
                Kind::Eof => {
                    let message = "Expecting a function argument at the end of the query.";
                    return Err(syntax(message.into()));
                }
                _ if args.is_empty() && t.kind == Kind::Comma => {
                    return Err(syntax(format!("Expecting ')' but got ','. {}", t.at())))
                }
                _ => {
                    return Err(syntax(format!(
                        "Expecting a function argument but got '{0}'. You must surround '{0}' \
                         in quotation marks to use it as an argument. {1}",
                        t.raw,
                        t.at()
                    )))
                }
            }
            let n = self.next();
            match n.kind {
                Kind::Comma => continue,
                Kind::RParen => return Ok(args),
                Kind::Eof => return Err(syntax("Expecting ')' before the end of the query.".into())),
                _ => {
                    let message = format!("Expecting ')' or ',' but got '{}'. {}", n.raw, n.at());
                    return Err(syntax(message));
                }
            }
        }
    }

    fn order_by(&mut self) -> Res<Vec<SortKey>> {
        self.next(); // ORDER
        let by = self.next();
        match &by.kind {
            Kind::Word(w) if w.eq_ignore_ascii_case("by") => {}
            Kind::Eof => return Err(syntax("Expecting 'by' before the end of the query.".into())),
            _ => return Err(syntax(format!("Expecting 'by' but got '{}'. {}", by.raw, by.at()))),
        }
        let mut keys = Vec::new();
        loop {
            let (name, _) = self.field_name()?;
            let mut direction = None;
            if self.at_word("asc") || self.at_word("desc") {
                direction = Some(self.at_word("desc"));
                self.next();
            }
            match fields::lookup(&name).filter(|f| f.orderable) {
                Some(info) => keys.push(SortKey {
                    field: info.field,
                    descending: direction.unwrap_or(resolve::default_descending(info.field)),
                }),
                None => self.errors.push(format!("Not able to sort using field '{name}'.")),
            }
            let t = self.peek().clone();
            match t.kind {
                Kind::Eof => return Ok(keys),
                Kind::Comma => {
                    self.next();
                }
                _ if direction.is_none() => {
                    let message =
                        format!("Expecting either 'ASC' or 'DESC' but got '{}'. {}", t.raw, t.at());
                    return Err(syntax(message));
                }
                _ => return Err(syntax(format!("Expecting ',' but got '{}'. {}", t.raw, t.at()))),
            }
        }
    }
}

fn reserved_word(t: &Token, word: &str) -> JqlError {
    syntax(format!(
        "'{word}' is a reserved JQL word. You must surround it in quotation marks to use it in a \
         query. {}",
        t.at()
    ))
}
