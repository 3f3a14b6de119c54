import { IssuesPage } from "../features/issues/IssuesPage";
import { ConnectionSection } from "./ConnectionSection";

/**
 * The Issues and Search sections: the issues page of the chosen connection (the default
 * first). Search is the same page with the JQL bar focused.
 */
export function IssuesSection({
  mode,
  onAddConnection,
}: {
  mode: "issues" | "search";
  onAddConnection: () => void;
}) {
  return (
    <ConnectionSection
      title={mode === "issues" ? "Issues" : "Search"}
      onAddConnection={onAddConnection}
    >
      {(connection) => <IssuesPage connectionId={connection} focusSearch={mode === "search"} />}
    </ConnectionSection>
  );
}
