import { useEffect, useState } from "react";
import { Sidebar } from "./Sidebar";
import type { SectionId } from "./sections";
import { SECTIONS } from "./sections";
import { connectionsList } from "../ipc";
import { Welcome } from "../features/welcome/Welcome";
import { Settings } from "../features/settings/Settings";
import { Connections } from "../features/connections/Connections";
import { Wizard } from "../features/wizard/Wizard";
import type { WizardLaunch } from "../features/wizard/model";
import { NotBuiltYet } from "../components/NotBuiltYet";
import { IssueDetail } from "../features/issues/IssueDetail";
import { IssuesSection } from "./IssuesSection";
import { ConnectionSection } from "./ConnectionSection";
import { ConsolePage } from "../features/console/ConsolePage";
import { onNavigate } from "../ipc/watches";

/** A search to show on arrival (a watch notification with several issues was clicked). */
type OpenSearch = { connection: string; jql: string; run: number };

/** What the main area shows. */
type View =
  | { kind: "starting" }
  | { kind: "section"; section: SectionId; notice?: string; open?: OpenSearch }
  | { kind: "wizard"; launch: WizardLaunch; run: number };

/**
 * The issue an issue window shows (`index.html?issue=KEY&connection=ID`, opened by the
 * `issue_open_window` command), or `null` in the main window.
 */
export function issueWindowParams(search: string): { issue: string; connection: string } | null {
  const params = new URLSearchParams(search);
  const issue = params.get("issue");
  const connection = params.get("connection");
  return issue && connection ? { issue, connection } : null;
}

/** The app: the shell in the main window, just the issue in an issue window. */
export function App() {
  const single = issueWindowParams(window.location.search);
  if (single) {
    return (
      <main className="page issue-window" aria-label={`Issue ${single.issue}`}>
        <IssueDetail connection={single.connection} issueKey={single.issue} standalone />
      </main>
    );
  }
  return <Shell />;
}

/** The application shell: a sidebar of sections and the selected section's page. */
function Shell() {
  const [view, setView] = useState<View>({ kind: "starting" });

  // People with connections land on them; a first start lands on the welcome screen.
  useEffect(() => {
    let live = true;
    connectionsList()
      .then((list) => {
        if (live)
          setView({ kind: "section", section: list.length > 0 ? "connections" : "welcome" });
      })
      .catch(() => {
        // The Connections page shows the reason; the welcome screen is the safe start.
        if (live) setView({ kind: "section", section: "welcome" });
      });
    return () => {
      live = false;
    };
  }, []);

  // A click on a watch's notification (or the tray) sends the window somewhere.
  useEffect(() => {
    let stop: (() => void) | null = null;
    let live = true;
    void onNavigate((to) => {
      // A sign-in in progress is not thrown away for a notification: the window comes
      // forward and the wizard stays (an issue opens in its own window anyway).
      const next = (v: View): View => {
        if (v.kind === "wizard") return v;
        if (to.kind === "search")
          return {
            kind: "section",
            section: "search",
            open: { connection: to.connection, jql: to.jql, run: Date.now() },
          };
        if (to.kind === "connections") return { kind: "section", section: "connections" };
        if (to.kind === "watches") return { kind: "section", section: "settings" };
        return v;
      };
      setView(next);
    }).then((s) => (live ? (stop = s) : s()));
    return () => {
      live = false;
      stop?.();
    };
  }, []);

  const openWizard = (launch: WizardLaunch) =>
    setView((v) => ({ kind: "wizard", launch, run: (v.kind === "wizard" ? v.run : 0) + 1 }));
  const current: SectionId =
    view.kind === "section" ? view.section : view.kind === "wizard" ? "connections" : "welcome";

  return (
    <div className="shell">
      <Sidebar current={current} onSelect={(section) => setView({ kind: "section", section })} />
      <main className="page" aria-labelledby="page-title">
        {view.kind === "starting" && (
          <p role="status" className="muted" id="page-title">
            Starting…
          </p>
        )}
        {view.kind === "wizard" && (
          <Wizard
            key={view.run}
            launch={view.launch}
            onSaved={(connection) =>
              setView({
                kind: "section",
                section: "connections",
                notice: `Saved “${connection.name}”.`,
              })
            }
            onLeave={() => setView({ kind: "section", section: "connections" })}
          />
        )}
        {view.kind === "section" && (
          <Page
            section={view.section}
            notice={view.notice ?? null}
            open={view.open ?? null}
            openWizard={openWizard}
          />
        )}
      </main>
    </div>
  );
}

function Page({
  section,
  notice,
  open,
  openWizard,
}: {
  section: SectionId;
  notice: string | null;
  open: OpenSearch | null;
  openWizard: (launch: WizardLaunch) => void;
}) {
  switch (section) {
    case "welcome":
      return (
        <Welcome
          onConnect={() => openWizard({ kind: "new" })}
          onDemo={(demo) => openWizard({ kind: "demo", demo })}
        />
      );
    case "settings":
      return <Settings />;
    case "console":
      return (
        <ConnectionSection
          title="Console"
          ownHeading
          onAddConnection={() => openWizard({ kind: "new" })}
        >
          {(connection) => <ConsolePage connection={connection} />}
        </ConnectionSection>
      );
    case "issues":
    case "search":
      return (
        <IssuesSection
          key={open ? `${section}-${open.run}` : section}
          mode={section}
          open={open}
          onAddConnection={() => openWizard({ kind: "new" })}
        />
      );
    case "connections":
      return (
        <Connections
          notice={notice}
          onAdd={() => openWizard({ kind: "new" })}
          onReconnect={(v) =>
            openWizard({ kind: "reconnect", connection: v.connection, isDemo: v.isDemo })
          }
        />
      );
    default: {
      const meta = SECTIONS.find((s) => s.id === section);
      return <NotBuiltYet title={meta?.label ?? section} what={meta?.hint ?? ""} />;
    }
  }
}
