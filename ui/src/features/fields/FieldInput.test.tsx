import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { FormField } from "../../bindings/FormField";
import * as actions from "../../ipc/issue-actions";
import { FieldInput } from "./FieldInput";
import type { FieldValue } from "./model";
import { emptyValue, fromJiraValue, toSubmitValue } from "./model";

vi.mock("../../ipc/issue-actions");

beforeEach(() => {
  vi.resetAllMocks();
});

function formField(more: Partial<FormField> = {}): FormField {
  return {
    id: "summary",
    name: "Summary",
    required: false,
    editable: true,
    kind: "text",
    options: [],
    custom: false,
    ...more,
  };
}

/** A field with its value in state, reporting every change. */
function Harness({
  field,
  initial,
  error,
  seen,
  issueKey,
}: {
  field: FormField;
  initial?: FieldValue;
  error?: string;
  seen?: (v: FieldValue) => void;
  issueKey?: string;
}) {
  const [value, setValue] = useState<FieldValue>(initial ?? emptyValue(field));
  return (
    <FieldInput
      field={field}
      value={value}
      error={error}
      connection="c1"
      issueKey={issueKey}
      onChange={(v) => {
        setValue(v);
        seen?.(v);
      }}
    />
  );
}

const colours = [
  { id: "10", label: "Red", disabled: false },
  { id: "11", label: "Green", disabled: false },
  { id: "12", label: "Retired", disabled: true },
];

describe("FieldInput", () => {
  it("labels a text field with its name and shows an error on it, keeping the value", async () => {
    render(<Harness field={formField({ required: true })} initial="Old" error="Too short." />);
    const box = screen.getByRole("textbox", { name: /Summary/ });
    expect(box).toHaveValue("Old");
    expect(box).toHaveAttribute("aria-invalid", "true");
    expect(box).toHaveAccessibleDescription("Too short.");
    expect(box).toHaveAttribute("aria-required", "true");
  });

  it("keeps what is typed in a number field for the server to judge", async () => {
    const seen = vi.fn();
    render(<Harness field={formField({ id: "customfield_1", name: "Points", kind: "number" })} seen={seen} />);
    await userEvent.type(screen.getByRole("textbox", { name: "Points" }), "3.5x");
    expect(seen).toHaveBeenLastCalledWith("3.5x");
  });

  it("edits rich text as Markdown in a text box", async () => {
    const seen = vi.fn();
    render(<Harness field={formField({ id: "description", name: "Description", kind: "richText" })} seen={seen} />);
    const box = screen.getByRole("textbox", { name: "Description" });
    expect(box.tagName).toBe("TEXTAREA");
    await userEvent.type(box, "**bold**");
    expect(seen).toHaveBeenLastCalledWith("**bold**");
  });

  it("offers a select's enabled options by label and holds the id", async () => {
    const seen = vi.fn();
    const field = formField({ id: "customfield_2", name: "Colour", kind: "select", options: colours });
    render(<Harness field={field} seen={seen} />);
    const select = screen.getByRole("combobox", { name: "Colour" });
    expect(within(select).queryByRole("option", { name: "Retired" })).toBeNull();
    await userEvent.selectOptions(select, "Green");
    expect(seen).toHaveBeenLastCalledWith("11");
    expect(toSubmitValue(field, "11")).toBe("11");
  });

  it("uses a date input for dates", () => {
    render(<Harness field={formField({ id: "duedate", name: "Due date", kind: "date" })} initial="2024-03-31" />);
    const input = screen.getByLabelText("Due date");
    expect(input).toHaveAttribute("type", "date");
    expect(input).toHaveValue("2024-03-31");
  });

  it("picks several options with checkboxes in a named group", async () => {
    const seen = vi.fn();
    const field = formField({ id: "components", name: "Components", kind: "components", options: colours });
    render(<Harness field={field} initial={["10"]} seen={seen} />);
    const group = screen.getByRole("group", { name: "Components" });
    expect(within(group).getByRole("checkbox", { name: "Red" })).toBeChecked();
    await userEvent.click(within(group).getByRole("checkbox", { name: "Green" }));
    expect(seen).toHaveBeenLastCalledWith(["10", "11"]);
    expect(toSubmitValue(field, ["10", "11"])).toBe("10,11");
  });

  it("adds labels on space or Enter and removes them by name", async () => {
    const seen = vi.fn();
    render(<Harness field={formField({ id: "labels", name: "Labels", kind: "labels" })} initial={["old"]} seen={seen} />);
    const input = screen.getByRole("textbox", { name: "Labels" });
    await userEvent.type(input, "urgent backend{Enter}");
    expect(seen).toHaveBeenLastCalledWith(["old", "urgent", "backend"]);
    await userEvent.click(screen.getByRole("button", { name: "Remove old" }));
    expect(seen).toHaveBeenLastCalledWith(["urgent", "backend"]);
  });

  it("searches assignable users for the assignee and holds the chosen id", async () => {
    vi.mocked(actions.usersAssignable).mockResolvedValue([
      { name: "mia", displayName: "Mia Krystof", active: true },
    ]);
    const seen = vi.fn();
    render(
      <Harness field={formField({ id: "assignee", name: "Assignee", kind: "user" })} seen={seen} issueKey="DEMO-1" />,
    );
    const box = screen.getByRole("combobox", { name: "Assignee" });
    await userEvent.type(box, "mi");
    await userEvent.click(await screen.findByRole("option", { name: "Mia Krystof" }));
    expect(actions.usersAssignable).toHaveBeenCalledWith("c1", "DEMO-1", "mi");
    expect(seen).toHaveBeenLastCalledWith("mia");
    expect(box).toHaveValue("Mia Krystof");
  });

  it("searches all users for other user fields and adds several", async () => {
    vi.mocked(actions.usersSearch).mockResolvedValue([
      { accountId: "acc-1", displayName: "Ann", active: true },
    ]);
    const seen = vi.fn();
    render(<Harness field={formField({ id: "customfield_3", name: "Reviewers", kind: "users" })} seen={seen} />);
    await userEvent.type(screen.getByRole("combobox", { name: "Reviewers" }), "an");
    await userEvent.keyboard("{ArrowDown}");
    await screen.findByRole("option", { name: "Ann" });
    await userEvent.keyboard("{Enter}");
    expect(actions.usersSearch).toHaveBeenCalledWith("c1", "an");
    expect(seen).toHaveBeenLastCalledWith(["acc-1"]);
    expect(screen.getByRole("button", { name: "Remove Ann" })).toBeVisible();
  });

  it("disables fields that cannot be edited", () => {
    render(<Harness field={formField({ editable: false })} />);
    expect(screen.getByRole("textbox", { name: "Summary" })).toBeDisabled();
  });
});

describe("values from Jira's JSON", () => {
  it("turns options, users, labels and parents into form values", () => {
    const select = formField({ kind: "select", options: colours });
    expect(fromJiraValue(select, { id: "10", value: "Red" })).toBe("10");
    expect(fromJiraValue(select, { value: "Green" })).toBe("11");
    expect(fromJiraValue(formField({ kind: "versions" }), [{ id: "1", name: "1.0" }])).toEqual(["1"]);
    expect(fromJiraValue(formField({ kind: "labels" }), ["a", "b"])).toEqual(["a", "b"]);
    expect(fromJiraValue(formField({ kind: "user" }), { name: "mia", displayName: "Mia" })).toBe("mia");
    expect(fromJiraValue(formField({ kind: "parent" }), { key: "DEMO-1" })).toBe("DEMO-1");
    expect(fromJiraValue(formField({ kind: "number" }), 3)).toBe("3");
    expect(fromJiraValue(formField({ kind: "labels" }), null)).toEqual([]);
    expect(fromJiraValue(formField({ kind: "text" }), undefined)).toBe("");
  });
});
