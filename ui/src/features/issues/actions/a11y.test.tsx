// axe-core over the issue's actions and the field widgets in their busiest states, with the
// experimental label-content-name-mismatch rule on (the e2e suite enforces it). jsdom has no
// layout, so colour contrast is left to the e2e run.
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { FormField } from "../../../ipc/issue-actions";
import * as actions from "../../../ipc/issue-actions";
import * as issues from "../../../ipc/issues";
import type { FieldValue } from "../../fields";
import { FieldInput, emptyValue } from "../../fields";
import { IssueDetail } from "../IssueDetail";
import { issue } from "../test-fixtures";
import { mockIssueExtras } from "../test-mocks";

vi.mock("../../../ipc/issues");
vi.mock("../../../ipc/issue-actions");
vi.mock("../../../ipc/comments-attachments");
vi.mock("../../../ipc/create");

async function expectAccessible(container: HTMLElement) {
  const result = await axe.run(container, {
    resultTypes: ["violations"],
    rules: {
      "color-contrast": { enabled: false },
      "label-content-name-mismatch": { enabled: true },
    },
  });
  const serious = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
}

const options = [
  { id: "1", label: "One", disabled: false },
  { id: "2", label: "Two", disabled: false },
];

function f(id: string, name: string, kind: FormField["kind"], more: Partial<FormField> = {}): FormField {
  return { id, name, kind, required: false, editable: true, options: [], custom: false, ...more };
}

const everyKind: FormField[] = [
  f("summary", "Summary", "text", { required: true }),
  f("description", "Description", "richText"),
  f("customfield_1", "Points", "number"),
  f("duedate", "Due date", "date"),
  f("customfield_2", "Colour", "select", { options }),
  f("customfield_3", "Flavours", "multiSelect", { options }),
  f("labels", "Labels", "labels"),
  f("reporter", "Reporter", "user"),
  f("customfield_4", "Reviewers", "users"),
  f("fixVersions", "Fix versions", "versions", { options }),
  f("components", "Component", "component", { options }),
];

function Form({ errors }: { errors: Record<string, string> }) {
  const [values, setValues] = useState<Record<string, FieldValue>>(
    Object.fromEntries(everyKind.map((x) => [x.id, emptyValue(x)])),
  );
  return (
    <form aria-label="Every field">
      {everyKind.map((x) => (
        <FieldInput
          key={x.id}
          field={x}
          value={values[x.id] ?? emptyValue(x)}
          error={errors[x.id] ?? null}
          connection="c1"
          onChange={(v) => setValues((all) => ({ ...all, [x.id]: v }))}
        />
      ))}
    </form>
  );
}

beforeEach(() => {
  vi.resetAllMocks();
  mockIssueExtras();
  vi.mocked(issues.issueView).mockResolvedValue(
    issue({ subtasks: [{ id: "2", key: "DEMO-2", fields: { summary: "Part" } }] }),
  );
  vi.mocked(actions.issueEditFields).mockResolvedValue({
    fields: [f("summary", "Summary", "text"), f("labels", "Labels", "labels")],
    values: { summary: "Printer on fire", labels: ["hardware"] },
  });
  vi.mocked(actions.issueTransitions).mockResolvedValue([
    { id: "11", name: "Start Progress", to: null, fields: [] },
    { id: "41", name: "Done", to: null, fields: [f("resolution", "Resolution", "select", { options, required: true })] },
  ]);
  vi.mocked(actions.usersSearch).mockResolvedValue([
    { name: "mia", displayName: "Mia Krystof", active: true },
  ]);
});

describe("accessibility", () => {
  it("every field widget, with errors and an open user list", async () => {
    const { container } = render(
      <Form errors={{ summary: "Summary is required.", customfield_3: "Pick one." }} />,
    );
    await userEvent.type(screen.getByRole("textbox", { name: "Labels" }), "a b ");
    await userEvent.type(screen.getByRole("combobox", { name: "Reporter" }), "mi");
    await screen.findByRole("option", { name: "Mia Krystof" });
    await expectAccessible(container);
  });

  it("the issue with its actions and a field being edited", async () => {
    const { container } = render(
      <IssueDetail connection="c1" issueKey="DEMO-1" onClose={() => undefined} />,
    );
    const panel = await screen.findByRole("region", { name: "Issue DEMO-1" });
    await userEvent.click(await within(panel).findByRole("button", { name: "Edit Labels" }));
    await userEvent.click(within(panel).getByRole("button", { name: "Edit Assignee" }));
    await expectAccessible(container);
  });

  it("the transition screen and the delete confirmation", async () => {
    const { container } = render(
      <IssueDetail connection="c1" issueKey="DEMO-1" onClose={() => undefined} />,
    );
    const panel = await screen.findByRole("region", { name: "Issue DEMO-1" });
    await userEvent.click(await within(panel).findByRole("button", { name: "Move to Done" }));
    const dialog = screen.getByRole("dialog", { name: "Done: DEMO-1" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Done" }));
    await expectAccessible(container);
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await userEvent.click(within(panel).getByRole("button", { name: "Delete DEMO-1" }));
    screen.getByRole("dialog", { name: "Delete DEMO-1?" });
    await expectAccessible(container);
  });
});
