//! The leaves of the grammar: field names (`cf[123]` included), operands (values, lists,
//! functions with their arguments) and the ORDER BY list, with Jira's syntax messages.

use super::fields;
use super::lexer::{Kind, Token, VALUE_PREFIX};
use super::parser::{reserved_word, syntax, Parser, Res, SortKey};
use super::resolve::{self, Operand};
use super::JqlError;

impl Parser {
    /// A field name: a word, a quoted string or `cf[123]`.
    pub(crate) fn field_name(&mut self) -> Res<(String, Token)> {
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
            Kind::Eof => Err(syntax(
                "Expecting a field name at the end of the query.".into(),
            )),
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
            _ => {
                return Err(syntax(format!(
                    "Expecting '[' but got '{}'. {}",
                    open.raw,
                    open.at()
                )))
            }
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
            _ => Err(syntax(format!(
                "Expecting ']' but got '{}'. {}",
                close.raw,
                close.at()
            ))),
        }
    }

    pub(crate) fn operand(&mut self) -> Res<Operand> {
        self.enter()?;
        let t = self.next();
        let value_expected = |t: &Token| {
            JqlError::one(format!(
                "{VALUE_PREFIX}Expecting either a value, list or function but got '{0}'. You must \
                 surround '{0}' in quotation marks to use it as a value. {1}",
                t.raw,
                t.at()
            ))
        };
        let operand = match &t.kind {
            Kind::Eof => {
                return Err(JqlError::one(format!(
                "{VALUE_PREFIX}Expecting either a value, list or function before the end of the \
                     query."
            )))
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
        self.leave();
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
                    return Err(syntax(format!(
                        "Function argument must be specified. {}",
                        t.at()
                    )))
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
                Kind::Eof => {
                    return Err(syntax("Expecting ')' before the end of the query.".into()))
                }
                _ => {
                    let message = format!("Expecting ')' or ',' but got '{}'. {}", n.raw, n.at());
                    return Err(syntax(message));
                }
            }
        }
    }

    pub(crate) fn order_by(&mut self) -> Res<Vec<SortKey>> {
        self.next(); // ORDER
        let by = self.next();
        match &by.kind {
            Kind::Word(w) if w.eq_ignore_ascii_case("by") => {}
            Kind::Eof => return Err(syntax("Expecting 'by' before the end of the query.".into())),
            _ => {
                return Err(syntax(format!(
                    "Expecting 'by' but got '{}'. {}",
                    by.raw,
                    by.at()
                )))
            }
        }
        let mut keys = Vec::new();
        loop {
            let (name, _) = self.field_name()?;
            let mut direction = None;
            if self.at_word("asc") || self.at_word("desc") {
                direction = Some(self.at_word("desc"));
                self.next();
            }
            match fields::lookup(&name) {
                Some(info) if info.orderable => keys.push(SortKey {
                    field: info.field,
                    descending: direction.unwrap_or(resolve::default_descending(info.field)),
                }),
                Some(_) => self
                    .errors
                    .push(format!("Not able to sort using field '{name}'.")),
                None => self.errors.push(format!(
                    "Field '{name}' does not exist or you do not have permission to view it."
                )),
            }
            let t = self.peek().clone();
            match t.kind {
                Kind::Eof => return Ok(keys),
                Kind::Comma => {
                    self.next();
                }
                _ if direction.is_none() => {
                    let message = format!(
                        "Expecting either 'ASC' or 'DESC' but got '{}'. {}",
                        t.raw,
                        t.at()
                    );
                    return Err(syntax(message));
                }
                _ => {
                    return Err(syntax(format!(
                        "Expecting ',' but got '{}'. {}",
                        t.raw,
                        t.at()
                    )))
                }
            }
        }
    }
}
