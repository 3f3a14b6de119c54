import { useEffect, useState } from "react";
import type { IpcError } from "../../ipc";
import type { Project } from "../../ipc/issues";
import { projectsList } from "../../ipc/issues";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorOf } from "../../components/errors";
import { ProjectAvatar } from "./ProjectAvatar";

/**
 * The connection's projects, by avatar, name and key; choosing one lists its issues.
 */
export function ProjectList({
  connection,
  selected,
  onChoose,
}: {
  connection: string;
  selected: string | null;
  onChoose: (project: Project) => void;
}) {
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    let current = true;
    projectsList(connection)
      .then((p) => current && setProjects(p))
      .catch((e: unknown) => current && setError(errorOf(e)));
    return () => {
      current = false;
    };
  }, [connection]);

  return (
    <nav aria-label="Projects" className="project-list">
      <h2>Projects</h2>
      {!projects && !error && <p role="status">Loading projects…</p>}
      {error && <ErrorAlert error={error} title="Could not list the projects." />}
      {projects && projects.length === 0 && <p className="muted">No projects are visible.</p>}
      {projects && projects.length > 0 && (
        <ul>
          {projects.map((p) => (
            <li key={p.id || p.key}>
              <button
                type="button"
                aria-pressed={selected === p.key}
                title={p.name}
                onClick={() => onChoose(p)}
              >
                <ProjectAvatar connection={connection} project={p} />
                <span className="project-name">{p.name}</span>{" "}
                <span className="project-key">{p.key}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
