import { useCallback, useEffect, useRef, useState } from "react";
import type { Project } from "../../ipc/issues";
import { CreateIssueButton } from "../create";
import { WatchThisSearch } from "../watches";
import { IssueDetail } from "./IssueDetail";
import { JqlBar } from "./JqlBar";
import { PanelResizer, usePanelSplit } from "./PanelResizer";
import { ProjectList } from "./ProjectList";
import { SearchResults, isTyping } from "./SearchResults";
import { projectJql } from "./format";
import { QuickFilters } from "./saved/QuickFilters";
import { RecentIssues } from "./saved/RecentIssues";
import { SavedSearches } from "./saved/SavedSearches";
import "./saved/saved.css";
import "./issues.css";

/**
 * Browse and search a connection's issues: projects on the left, a JQL bar and the issue
 * table in the middle, the chosen issue's details on the right. `/` focuses the JQL bar;
 * `focusSearch` focuses it on mount (the Search section).
 */
export function IssuesPage({
  connectionId,
  focusSearch = false,
  initialJql,
}: {
  connectionId: string;
  focusSearch?: boolean;
  /** A query to run at once (a watch notification was clicked). */
  initialJql?: string;
}) {
  const [project, setProject] = useState<string | null>(null);
  const [draft, setDraft] = useState(initialJql ?? "");
  const [query, setQuery] = useState(initialJql ?? "");
  // Bumped on every search, so searching the same JQL again reloads it.
  const [run, setRun] = useState(0);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const split = usePanelSplit();
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

  const runJql = useCallback(
    (jql: string) => {
      setDraft(jql);
      search(jql);
    },
    [search],
  );

  useEffect(() => {
    if (focusSearch) jqlRef.current?.focus();
  }, [focusSearch]);

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
    <div className={openKey ? "issues-page with-detail" : "issues-page"} style={split.style}>
      <div className="issues-sidebar">
        <ProjectList connection={connectionId} selected={project} onChoose={chooseProject} />
        <SavedSearches connection={connectionId} currentJql={draft} onRun={runJql} />
        <RecentIssues connection={connectionId} opened={openKey} onOpen={setOpenKey} />
      </div>
      <section className="issues-main" aria-label="Issue search">
        <div className="issues-toolbar">
          <JqlBar
            connection={connectionId}
            value={draft} onChange={setDraft} onSearch={search} inputRef={jqlRef} />
          <CreateIssueButton
            connection={connectionId}
            project={project}
            onCreated={(key) => {
              setOpenKey(key);
              setRun((n) => n + 1);
            }}
          />
          <WatchThisSearch connection={connectionId} jql={query} />
        </div>
        <QuickFilters project={project} onRun={runJql} />
        {query !== "" ? (
          <SearchResults
            key={`${connectionId}\n${query}\n${run}`}
            connection={connectionId}
            jql={query}
            onOpen={setOpenKey}
            onJqlChange={runJql}
          />
        ) : (
          <p className="muted">Choose a project or type a JQL query.</p>
        )}
      </section>
      {openKey && <PanelResizer split={split} />}
      {openKey && (
        <IssueDetail
          key={openKey}
          connection={connectionId}
          issueKey={openKey}
          onClose={() => setOpenKey(null)}
          onDeleted={() => {
            setOpenKey(null);
            setRun((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}
