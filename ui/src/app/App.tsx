import { useState } from "react";
import { Sidebar } from "./Sidebar";
import type { SectionId } from "./sections";
import { SECTIONS } from "./sections";
import { Welcome } from "../features/welcome/Welcome";
import { Settings } from "../features/settings/Settings";
import { NotBuiltYet } from "../components/NotBuiltYet";

/** The application shell: a sidebar of sections and the selected section's page. */
export function App() {
  // No connection can be saved yet, so every start is a first start: welcome first.
  const [section, setSection] = useState<SectionId>("welcome");

  return (
    <div className="shell">
      <Sidebar current={section} onSelect={setSection} />
      <main className="page" aria-labelledby="page-title">
        <Page section={section} />
      </main>
    </div>
  );
}

function Page({ section }: { section: SectionId }) {
  switch (section) {
    case "welcome":
      return <Welcome />;
    case "settings":
      return <Settings />;
    case "connections":
      return (
        <NotBuiltYet
          title="Connections"
          what="Adding, testing and managing connections to Jira Cloud and Data Center"
        />
      );
    default: {
      const meta = SECTIONS.find((s) => s.id === section);
      return <NotBuiltYet title={meta?.label ?? section} what={meta?.hint ?? ""} />;
    }
  }
}
