import { useEffect, useId, useState } from "react";
import { Dialog } from "../../components/Dialog";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Spinner } from "../../components/Spinner";
import { errorOf } from "../../components/errors";
import type { IpcError } from "../../ipc";
import type { IssueType, Project } from "../../ipc/create";
import { createIssueTypes, createMetaProjects } from "../../ipc/create";
import type { Values } from "./CreateForm";
import { CreateForm } from "./CreateForm";
import "./create.css";

/** The type a new form starts with: the first that is not a subtask (they need a parent). */
function defaultType(types: IssueType[]): string {
  return (types.find((t) => !t.subtask) ?? types[0])?.id ?? "";
}

/**
 * "Create issue": pick the project and the issue type (what createmeta offers), then fill in
 * that type's form (see `CreateForm`). Every change is kept as a draft; reopening the dialog
 * for the same project and type offers it back. `onCreated` gets the new issue's key (the
 * caller opens it); `onClose` closes without creating (Esc, Cancel).
 */
export function CreateIssueDialog({
  connection,
  project: initialProject,
  onCreated,
  onClose,
}: {
  connection: string;
  /** The project to start in (the one being browsed), when there is one. */
  project?: string | null;
  onCreated: (key: string) => void;
  onClose: () => void;
}) {
  const projectId = useId();
  const typeId = useId();
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [projectsError, setProjectsError] = useState<IpcError | null>(null);
  const [project, setProject] = useState(initialProject ?? "");
  // Issue types and their error remember the project they belong to, so a change of
  // project shows nothing stale while the new list loads.
  const [types, setTypes] = useState<{ project: string; list: IssueType[] } | null>(null);
  const [typesError, setTypesError] = useState<{ project: string; error: IpcError } | null>(
    null,
  );
  const [chosenType, setChosenType] = useState<{ project: string; id: string } | null>(null);
  const [carry, setCarry] = useState<Values>({});

  useEffect(() => {
    let live = true;
    createMetaProjects(connection).then(
      (list) => {
        if (!live) return;
        setProjects(list);
        setProject((p) => (list.some((x) => x.key === p) ? p : (list[0]?.key ?? "")));
      },
      (e: unknown) => {
        if (live) setProjectsError(errorOf(e));
      },
    );
    return () => {
      live = false;
    };
  }, [connection]);

  useEffect(() => {
    if (!project) return;
    let live = true;
    createIssueTypes(connection, project).then(
      (list) => {
        if (live) setTypes({ project, list });
      },
      (e: unknown) => {
        if (live) setTypesError({ project, error: errorOf(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [connection, project]);

  const typeList = types?.project === project ? types.list : null;
  const typeError = typesError?.project === project ? typesError.error : null;
  const issueType =
    chosenType?.project === project ? chosenType.id : typeList ? defaultType(typeList) : "";

  const cancelOnly = (
    <div className="actions">
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </div>
  );

  return (
    <Dialog title="Create issue" onClose={onClose}>
      <div className="create-issue">
        {projectsError ? (
          <>
            <ErrorAlert error={projectsError} title="Could not list the projects." />
            {cancelOnly}
          </>
        ) : !projects ? (
          <>
            <p role="status">
              <Spinner /> Loading projects…
            </p>
            {cancelOnly}
          </>
        ) : projects.length === 0 ? (
          <>
            <p>There is no project you can create issues in.</p>
            {cancelOnly}
          </>
        ) : (
          <>
            <div className="create-pickers">
              <div className="field">
                <label htmlFor={projectId}>Project</label>
                <select
                  id={projectId}
                  value={project}
                  onChange={(e) => setProject(e.target.value)}
                >
                  {projects.map((p) => (
                    <option key={p.id || p.key} value={p.key}>
                      {p.name} ({p.key})
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={typeId}>Issue type</label>
                <select
                  id={typeId}
                  value={issueType}
                  disabled={!typeList || typeList.length === 0}
                  onChange={(e) => setChosenType({ project, id: e.target.value })}
                >
                  {(typeList ?? []).map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.subtask ? `${t.name} (needs a parent)` : t.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {typeError ? (
              <>
                <ErrorAlert
                  error={typeError}
                  title={`Could not load the issue types of ${project}.`}
                />
                {cancelOnly}
              </>
            ) : !typeList ? (
              <>
                <p role="status">
                  <Spinner /> Loading issue types…
                </p>
                {cancelOnly}
              </>
            ) : typeList.length === 0 ? (
              <>
                <p>You cannot create issues in {project}.</p>
                {cancelOnly}
              </>
            ) : (
              <CreateForm
                key={`${project}\n${issueType}`}
                connection={connection}
                project={project}
                issueType={issueType}
                carry={carry}
                onValues={setCarry}
                onCreated={onCreated}
                onCancel={onClose}
              />
            )}
          </>
        )}
      </div>
    </Dialog>
  );
}
