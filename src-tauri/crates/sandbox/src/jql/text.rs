//! The `~` text search, roughly as Jira's Lucene index answers it ("Search syntax for text
//! fields"): case-insensitive words, light English stemming, `*` (and `?`, which Jira turns
//! into `*`) as a suffix wildcard, `"quoted phrases"`, terms joined by AND unless `OR`/`||`
//! sits between them, and `NOT`/`-` to exclude a term. Proximity and boosting are ignored,
//! as Jira Cloud ignores them.

/// One searchable item of a text query.
#[derive(Debug, PartialEq)]
struct Item {
    /// Words that must appear consecutively (one word for a plain term).
    words: Vec<String>,
    /// Whether the last word is a prefix (`win*`).
    prefix: bool,
    negated: bool,
}

/// Lower-cases and splits into words, as the index does.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| stem(&w.to_lowercase()))
        .collect()
}

/// A light stand-in for Lucene's English stemmer: "files" ~ "file", "crashing" ~ "crash".
fn stem(word: &str) -> String {
    let long_enough = |base: &str| base.chars().count() >= 3;
    if let Some(base) = word.strip_suffix("ies").filter(|b| long_enough(b)) {
        return format!("{base}y");
    }
    for suffix in ["ing", "ed"] {
        if let Some(base) = word.strip_suffix(suffix).filter(|b| long_enough(b)) {
            return base.to_string();
        }
    }
    // "crashes" -> "crash" but "files" -> "file": "es" only goes after a sibilant.
    if let Some(base) = word.strip_suffix("es").filter(|b| long_enough(b)) {
        if ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|s| base.ends_with(s))
        {
            return base.to_string();
        }
    }
    match word
        .strip_suffix('s')
        .filter(|b| long_enough(b) && !b.ends_with('s'))
    {
        Some(base) => base.to_string(),
        None => word.to_string(),
    }
}

/// Splits the query into OR-groups of AND-ed items.
fn parse(query: &str) -> Vec<Vec<Item>> {
    let mut groups = vec![Vec::new()];
    let mut negate_next = false;
    let mut rest = query.trim();
    while !rest.is_empty() {
        let (raw, phrase, tail) = if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            (&after[..end], true, after.get(end + 1..).unwrap_or(""))
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (&rest[..end], false, &rest[end..])
        };
        rest = tail.trim_start();
        if !phrase {
            match raw {
                "OR" | "||" => {
                    groups.push(Vec::new());
                    continue;
                }
                "AND" | "&&" => continue,
                "NOT" | "!" => {
                    negate_next = true;
                    continue;
                }
                _ => {}
            }
        }
        let mut raw = raw.trim_matches(|c| c == '(' || c == ')');
        let mut negated = std::mem::take(&mut negate_next);
        if !phrase {
            if let Some(r) = raw.strip_prefix('-').or_else(|| raw.strip_prefix('!')) {
                negated = true;
                raw = r;
            }
            raw = raw.strip_prefix('+').unwrap_or(raw);
        }
        let prefix = !phrase && (raw.ends_with('*') || raw.ends_with('?'));
        let mut item_words = words(raw);
        if prefix {
            // The prefix is matched against the word as written, not its stem.
            if let Some(last) = raw
                .split(|c: char| !c.is_alphanumeric())
                .rfind(|w| !w.is_empty())
            {
                if let Some(slot) = item_words.last_mut() {
                    *slot = last.to_lowercase();
                }
            }
        }
        if item_words.is_empty() {
            continue;
        }
        if let Some(group) = groups.last_mut() {
            group.push(Item {
                words: item_words,
                prefix,
                negated,
            });
        }
    }
    groups.retain(|g| !g.is_empty());
    groups
}

fn word_matches(doc_word: &str, raw_doc_word: &str, want: &str, prefix: bool) -> bool {
    if prefix {
        raw_doc_word.starts_with(want) || doc_word.starts_with(want)
    } else {
        doc_word == want
    }
}

/// The searched text, lower-cased, with its words split out only when needed: a word that is
/// not even a substring cannot match, which spares most issues the tokenizing (bench seeds).
struct Doc {
    lower: String,
    words: std::cell::OnceCell<(Vec<String>, Vec<String>)>,
}

impl Doc {
    fn new(documents: &[&str]) -> Doc {
        let lower = documents.join("\n").to_lowercase();
        Doc {
            lower,
            words: std::cell::OnceCell::new(),
        }
    }

    /// (stemmed words, words as written), position by position.
    fn words(&self) -> &(Vec<String>, Vec<String>) {
        self.words.get_or_init(|| {
            // `lower` is lower-cased already: split once, stem from the split.
            let raws: Vec<String> = self
                .lower
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            (raws.iter().map(|w| stem(w)).collect(), raws)
        })
    }

    /// How many times `item` occurs (0 when it does not).
    fn occurrences(&self, item: &Item, stop_at_first: bool) -> usize {
        // A stem is the word minus a suffix ("stories" -> "story"), so its core is a substring.
        let core = |w: &String| {
            w.strip_suffix('y')
                .filter(|c| !c.is_empty())
                .unwrap_or(w)
                .to_string()
        };
        let n = item.words.len();
        if n == 0 || !item.words.iter().all(|w| self.lower.contains(&core(w))) {
            return 0;
        }
        let (stems, raws) = self.words();
        let starts = (0..(stems.len() + 1).saturating_sub(n)).filter(|&start| {
            item.words.iter().enumerate().all(|(i, want)| {
                let prefix = item.prefix && i == n - 1;
                word_matches(&stems[start + i], &raws[start + i], want, prefix)
            })
        });
        if stop_at_first {
            usize::from(starts.take(1).count() > 0)
        } else {
            starts.count()
        }
    }
}

/// Why Jira refuses a text query.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// `summary ~ ""`
    Empty,
    /// `summary ~ "*foo"`: Lucene cannot start with a wildcard.
    BadStart(char),
    /// `summary ~ "BAD +"`, `text ~ "AND"`: an operator with nothing to apply to.
    Unparseable,
}

/// Checks a text query the way Jira's validator does before searching.
pub(crate) fn problem(query: &str) -> Option<Problem> {
    let trimmed = query.trim();
    let Some(first) = trimmed.chars().next() else {
        return Some(Problem::Empty);
    };
    if first == '*' || first == '?' {
        return Some(Problem::BadStart(first));
    }
    let is_operator = |t: &str| matches!(t, "AND" | "OR" | "NOT" | "&&" | "||" | "!" | "+" | "-");
    let tokens: Vec<&str> = trimmed.split_whitespace().collect();
    let dangling = tokens.last().is_some_and(|t| is_operator(t))
        || tokens
            .first()
            .is_some_and(|t| matches!(*t, "AND" | "OR" | "&&" | "||"));
    (dangling || tokens.iter().all(|t| is_operator(t))).then_some(Problem::Unparseable)
}

/// A relevance score standing in for Lucene's: how often the query's positive items occur.
pub(crate) fn score(documents: &[&str], query: &str) -> usize {
    let doc = Doc::new(documents);
    parse(query)
        .iter()
        .flatten()
        .filter(|item| !item.negated)
        .map(|item| doc.occurrences(item, false))
        .sum()
}

/// Whether any of `documents` (e.g. summary, description, comments) satisfies `query`.
/// Positive items may be found in different documents, as in one Lucene field per issue.
pub(crate) fn contains(documents: &[&str], query: &str) -> bool {
    let doc = Doc::new(documents);
    // A group of only exclusions (`-crash`) matches what lacks them, as Jira answers it.
    parse(query).iter().any(|group| {
        group
            .iter()
            .all(|item| (doc.occurrences(item, true) > 0) != item.negated)
    })
}

#[cfg(test)]
mod tests {
    use super::contains;

    #[test]
    fn words_are_matched_case_insensitively_and_all_must_appear() {
        assert!(contains(&["The Login page crashes"], "login"));
        assert!(contains(&["The Login page crashes"], "LOGIN crash"));
        assert!(!contains(&["The Login page crashes"], "login logout"));
        assert!(!contains(&["Logging"], "login"));
    }

    #[test]
    fn stems_plurals_and_verb_forms() {
        assert!(contains(&["Upload files"], "file"));
        assert!(contains(&["It crashed twice"], "crash"));
        assert!(contains(&["two stories"], "story"));
    }

    #[test]
    fn suffix_wildcards() {
        assert!(contains(&["Windows NT"], "win*"));
        assert!(contains(&["Windows NT"], "wind?"));
        assert!(!contains(&["Linux"], "win*"));
    }

    #[test]
    fn phrases_need_adjacent_words() {
        assert!(contains(&["Jira Software rocks"], "\"jira software\""));
        assert!(!contains(
            &["Jira is the best software"],
            "\"jira software\""
        ));
        assert!(contains(&["Jira is the best software"], "jira software"));
    }

    #[test]
    fn or_and_not_operators() {
        assert!(contains(&["alpha"], "alpha OR beta"));
        assert!(contains(&["beta"], "alpha || beta"));
        assert!(!contains(&["gamma"], "alpha OR beta"));
        assert!(contains(&["alpha"], "alpha -beta"));
        assert!(!contains(&["alpha beta"], "alpha NOT beta"));
        assert!(!contains(&["alpha"], "-alpha"));
        assert!(contains(&["beta"], "-alpha"));
    }

    #[test]
    fn problems_jira_refuses() {
        use super::{problem, Problem};
        assert_eq!(problem(""), Some(Problem::Empty));
        assert_eq!(problem("  "), Some(Problem::Empty));
        assert_eq!(problem("?"), Some(Problem::BadStart('?')));
        assert_eq!(problem("*foo"), Some(Problem::BadStart('*')));
        assert_eq!(problem("BAD +"), Some(Problem::Unparseable));
        assert_eq!(problem("AND"), Some(Problem::Unparseable));
        assert_eq!(problem("OR foo"), Some(Problem::Unparseable));
        assert_eq!(problem("-Test"), None);
        assert_eq!(problem("foo OR bar"), None);
        assert_eq!(problem("win*"), None);
    }

    #[test]
    fn terms_may_come_from_different_documents() {
        assert!(contains(
            &["summary about login", "", "a comment on timeout"],
            "login timeout"
        ));
        assert!(!contains(&["anything"], ""));
        assert!(!contains(&["anything"], "  \"\" "));
    }
}
