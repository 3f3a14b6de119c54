import { QUICK_FILTERS, quickFilterJql } from "./quick-filters";

/** Buttons that run a quick filter (within the chosen project, if any). */
export function QuickFilters({
  project,
  onRun,
}: {
  project: string | null;
  onRun: (jql: string) => void;
}) {
  return (
    <div role="group" aria-label="Quick filters" className="quick-filters">
      {QUICK_FILTERS.map((f) => (
        <button key={f.label} type="button" onClick={() => onRun(quickFilterJql(f.jql, project))}>
          {f.label}
        </button>
      ))}
    </div>
  );
}
