import { useCallback, useEffect, useRef, useState } from "react";
import type { Project } from "../../ipc/issues";
import { IssueDetail } from "./IssueDetail";
import { JqlBar } from "./JqlBar";
import { ProjectList } from "./ProjectList";
import { SearchResults, isTyping } from "./SearchResults";
import { projectJql } from "./format";
import "./issues.css";

/**
 * Browse and search a connection's issues: projects on the left, a JQL bar and the issue
 * table in the middle, the chosen issue's details on the right. `/` focuses the JQL bar.
 */
export function IssuesPage({ connectionId }: { connectionId: string }) {
  const [project, setProject] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const [query, setQuery] = useState("");
  // Bumped on every search, so searching the same JQL again reloads it.
  const [run, setRun] = useState(0);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const jqlRef = useRef<HTMLInputElement>(null);

  const search = useCallback((jql: string) => {
    setQuery(jql);
    setRun((n) => n + 1);
  }, []);

  const chooseProject = useCallback(
    (p: Project) => {
      const jql = projectJql(p.key);
      setProject(p.key);
      setDraft(jql);
      search(jql);
    },
    [search],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "/" && !isTyping(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        jqlRef.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="issues-page">
      <ProjectList connection={connectionId} selected={project} onChoose={chooseProject} />
      <section className="issues-main" aria-label="Issue search">
        <JqlBar
          connection={connectionId}
          value={draft} onChange={setDraft} onSearch={search} inputRef={jqlRef} />
        {query !== "" ? (
          <SearchResults
            key={`${connectionId}\n${query}\n${run}`}
            connection={connectionId}
            jql={query}
            onOpen={setOpenKey}
          />
        ) : (
          <p className="muted">Choose a project or type a JQL query.</p>
        )}
      </section>
      {openKey && (
        <IssueDetail
          key={openKey}
          connection={connectionId}
          issueKey={openKey}
          onClose={() => setOpenKey(null)}
        />
      )}
    </div>
  );
}
