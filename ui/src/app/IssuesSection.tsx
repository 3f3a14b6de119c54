import { IssuesPage } from "../features/issues/IssuesPage";
import { ConnectionSection } from "./ConnectionSection";

/**
 * The Issues and Search sections: the issues page of the chosen connection (the default
 * first). Search is the same page with the JQL bar focused.
 */
export function IssuesSection({
  mode,
  open = null,
  onAddConnection,
}: {
  mode: "issues" | "search";
  /** A search to run on arrival, on its connection. */
  open?: { connection: string; jql: string } | null;
  onAddConnection: () => void;
}) {
  return (
    <ConnectionSection
      title={mode === "issues" ? "Issues" : "Search"}
      onAddConnection={onAddConnection}
      initialConnection={open?.connection}
    >
      {(connection) => (
        <IssuesPage
          connectionId={connection}
          focusSearch={mode === "search"}
          initialJql={open && open.connection === connection ? open.jql : undefined}
        />
      )}
    </ConnectionSection>
  );
}
