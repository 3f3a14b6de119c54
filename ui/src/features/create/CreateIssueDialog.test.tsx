import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CommandError } from "../../ipc";
import type { Draft, FormField, IssueType, Project } from "../../ipc/create";
import * as create from "../../ipc/create";
import { CreateIssueButton } from "./CreateIssueButton";
import { CreateIssueDialog } from "./CreateIssueDialog";

vi.mock("../../ipc/create");
vi.mock("../../ipc/issue-actions");

const projects: Project[] = [
  { id: "1", key: "DEMO", name: "Demo project", issueTypes: [], components: [], versions: [], archived: false },
  { id: "2", key: "OPS", name: "Operations", issueTypes: [], components: [], versions: [], archived: false },
];

const types: IssueType[] = [
  { id: "10002", name: "Sub-task", subtask: true },
  { id: "10001", name: "Task", subtask: false },
];

function field(more: Partial<FormField> & { id: string; name: string }): FormField {
  return { required: false, editable: true, kind: "text", options: [], custom: false, ...more };
}

/** A createmeta form in a deliberately mixed order: the dialog puts required fields first. */
const form: FormField[] = [
  field({ id: "labels", name: "Labels", kind: "labels" }),
  field({ id: "attachment", name: "Attachment", kind: "unknown" }),
  field({ id: "summary", name: "Summary", required: true }),
  field({
    id: "priority",
    name: "Priority",
    kind: "priority",
    options: [
      { id: "2", label: "High", disabled: false },
      { id: "3", label: "Medium", disabled: false },
    ],
    defaultValue: { id: "3", name: "Medium" },
  }),
  field({
    id: "customfield_10011",
    name: "Environment Tier",
    kind: "select",
    required: true,
    custom: true,
    options: [
      { id: "20", label: "Production", disabled: false },
      { id: "21", label: "Staging", disabled: false },
    ],
  }),
];

function draft(values: Record<string, unknown>): Draft {
  return {
    connection: "c1",
    target: { kind: "create", project: "DEMO", issueType: "10001" },
    values,
    savedAt: Date.UTC(2024, 2, 31, 12, 0),
  };
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(create.createMetaProjects).mockResolvedValue(projects);
  vi.mocked(create.createIssueTypes).mockResolvedValue(types);
  vi.mocked(create.createFields).mockResolvedValue(form);
  vi.mocked(create.draftLoad).mockResolvedValue(null);
  vi.mocked(create.draftSave).mockImplementation((connection, target, values) =>
    Promise.resolve({ connection, target, values, savedAt: 1 }),
  );
  vi.mocked(create.draftRemove).mockResolvedValue(true);
});

function open(onCreated = vi.fn()) {
  render(
    <CreateIssueDialog connection="c1" project="DEMO" onCreated={onCreated} onClose={vi.fn()} />,
  );
  return onCreated;
}

async function formReady() {
  const dialog = await screen.findByRole("dialog", { name: "Create issue" });
  await within(dialog).findByRole("textbox", { name: "Summary" });
  return dialog;
}

describe("CreateIssueDialog", () => {
  it("shows the chosen project's form with required fields first, marked, defaults applied", async () => {
    open();
    const dialog = await formReady();
    expect(within(dialog).getByRole("combobox", { name: "Project" })).toHaveValue("DEMO");
    // The first type that is not a subtask.
    expect(within(dialog).getByRole("combobox", { name: "Issue type" })).toHaveValue("10001");
    expect(create.createFields).toHaveBeenCalledWith("c1", "DEMO", "10001");

    const labels = Array.from(dialog.querySelectorAll(".create-fields label")).map((l) =>
      l.textContent?.trim(),
    );
    expect(labels).toEqual(["Summary *", "Environment Tier *", "Labels", "Priority"]);
    expect(within(dialog).getByRole("textbox", { name: "Summary" })).toBeRequired();
    expect(within(dialog).getByRole("combobox", { name: "Environment Tier" })).toBeRequired();
    expect(within(dialog).getByRole("combobox", { name: "Priority" })).toHaveValue("3");
    // Typing starts in the first field.
    expect(within(dialog).getByRole("textbox", { name: "Summary" })).toHaveFocus();
  });

  it("keeps every value and shows Jira's errors on their fields when the create fails", async () => {
    const user = userEvent.setup();
    vi.mocked(create.issueCreate).mockRejectedValue(
      new CommandError({
        kind: "validation",
        message: "Jira rejected the input: ",
        fieldErrors: {
          customfield_10011: "Environment Tier is required.",
          reporter: "The reporter specified is not a user.",
        },
      }),
    );
    const onCreated = open();
    const dialog = await formReady();
    await user.type(within(dialog).getByRole("textbox", { name: "Summary" }), "Printer on fire");
    await user.type(within(dialog).getByRole("textbox", { name: "Labels" }), "hardware ");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Priority" }), "2");
    await user.click(within(dialog).getByRole("button", { name: "Create" }));

    const tier = within(dialog).getByRole("combobox", { name: "Environment Tier" });
    await waitFor(() => expect(tier).toHaveAccessibleDescription("Environment Tier is required."));
    expect(tier).toHaveAttribute("aria-invalid", "true");
    // An error on a field the form does not show is still said, in the alert.
    expect(within(dialog).getByRole("alert")).toHaveTextContent(
      "reporter: The reporter specified is not a user.",
    );
    // Everything typed is still there.
    expect(within(dialog).getByRole("textbox", { name: "Summary" })).toHaveValue("Printer on fire");
    expect(within(dialog).getByText("hardware")).toBeInTheDocument();
    expect(within(dialog).getByRole("combobox", { name: "Priority" })).toHaveValue("2");
    // Sent once, as text per field; never retried, nothing created.
    expect(create.issueCreate).toHaveBeenCalledTimes(1);
    expect(create.issueCreate).toHaveBeenCalledWith("c1", "DEMO", "10001", {
      summary: "Printer on fire",
      labels: "hardware",
      priority: "2",
      customfield_10011: "",
    });
    expect(onCreated).not.toHaveBeenCalled();
    expect(create.draftRemove).not.toHaveBeenCalled();
  });

  it("offers a saved draft, restores it, and saves changes as a draft", async () => {
    const user = userEvent.setup();
    vi.mocked(create.draftLoad).mockResolvedValue(
      draft({ summary: "Typed before the restart", customfield_10011: "21", bogus: 3 }),
    );
    open();
    const dialog = await formReady();
    expect(create.draftLoad).toHaveBeenCalledWith("c1", {
      kind: "create",
      project: "DEMO",
      issueType: "10001",
    });
    const offer = await within(dialog).findByRole("group", { name: "Unsent draft" });
    expect(within(dialog).getByRole("textbox", { name: "Summary" })).toHaveValue("");
    await user.click(within(offer).getByRole("button", { name: "Restore draft" }));
    expect(within(dialog).queryByRole("group", { name: "Unsent draft" })).toBeNull();
    const summary = within(dialog).getByRole("textbox", { name: "Summary" });
    expect(summary).toHaveValue("Typed before the restart");
    expect(within(dialog).getByRole("combobox", { name: "Environment Tier" })).toHaveValue("21");
    // The default stays where the draft had nothing.
    expect(within(dialog).getByRole("combobox", { name: "Priority" })).toHaveValue("3");

    await user.type(summary, "!");
    await waitFor(() => expect(create.draftSave).toHaveBeenCalled());
    const [connection, target, values] = vi.mocked(create.draftSave).mock.lastCall ?? [];
    expect(connection).toBe("c1");
    expect(target).toEqual({ kind: "create", project: "DEMO", issueType: "10001" });
    expect(values).toMatchObject({ summary: "Typed before the restart!", customfield_10011: "21" });
  });

  it("discards an offered draft on request, and does not overwrite it before the choice", async () => {
    const user = userEvent.setup();
    vi.mocked(create.draftLoad).mockResolvedValue(draft({ summary: "Old" }));
    open();
    const dialog = await formReady();
    const offer = await within(dialog).findByRole("group", { name: "Unsent draft" });
    await user.type(within(dialog).getByRole("textbox", { name: "Summary" }), "New");
    await new Promise((r) => setTimeout(r, 600));
    expect(create.draftSave).not.toHaveBeenCalled();
    await user.click(within(offer).getByRole("button", { name: "Discard draft" }));
    expect(create.draftRemove).toHaveBeenCalledWith("c1", {
      kind: "create",
      project: "DEMO",
      issueType: "10001",
    });
    expect(within(dialog).getByRole("textbox", { name: "Summary" })).toHaveValue("New");
    // What was typed meanwhile becomes the draft now.
    await waitFor(() => expect(create.draftSave).toHaveBeenCalled());
  });

  it("creates the issue, forgets the draft and reports the new key", async () => {
    const user = userEvent.setup();
    vi.mocked(create.issueCreate).mockResolvedValue({ id: "99", key: "DEMO-99" });
    const onCreated = open();
    const dialog = await formReady();
    await user.type(within(dialog).getByRole("textbox", { name: "Summary" }), "A new one");
    await user.selectOptions(
      within(dialog).getByRole("combobox", { name: "Environment Tier" }),
      "Staging",
    );
    await user.click(within(dialog).getByRole("button", { name: "Create" }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith("DEMO-99"));
    expect(create.issueCreate).toHaveBeenCalledWith("c1", "DEMO", "10001", {
      summary: "A new one",
      labels: "",
      priority: "3",
      customfield_10011: "21",
    });
    expect(create.draftRemove).toHaveBeenCalledWith("c1", {
      kind: "create",
      project: "DEMO",
      issueType: "10001",
    });
  });

  it("loads the form of another issue type, keeping what was typed in fields it shares", async () => {
    const user = userEvent.setup();
    const subForm = [
      field({ id: "summary", name: "Summary", required: true }),
      field({ id: "parent", name: "Parent", kind: "parent", required: true }),
    ];
    vi.mocked(create.createFields).mockImplementation((_c, _p, type) =>
      Promise.resolve(type === "10002" ? subForm : form),
    );
    open();
    const dialog = await formReady();
    await user.type(within(dialog).getByRole("textbox", { name: "Summary" }), "Shared");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Issue type" }), "10002");
    const parent = await within(dialog).findByRole("textbox", { name: "Parent" });
    expect(parent).toBeRequired();
    expect(within(dialog).getByRole("textbox", { name: "Summary" })).toHaveValue("Shared");
    expect(create.createFields).toHaveBeenLastCalledWith("c1", "DEMO", "10002");
  });

  it("has no axe violations with a draft on offer and an error on a field", async () => {
    const user = userEvent.setup();
    vi.mocked(create.draftLoad).mockResolvedValue(draft({ summary: "Old" }));
    vi.mocked(create.issueCreate).mockRejectedValue(
      new CommandError({
        kind: "validation",
        message: "Jira rejected the input: ",
        fieldErrors: { summary: "You must specify a summary of the issue." },
      }),
    );
    open();
    const dialog = await formReady();
    await within(dialog).findByRole("group", { name: "Unsent draft" });
    await user.click(within(dialog).getByRole("button", { name: "Create" }));
    await within(dialog).findByText("You must specify a summary of the issue.");
    // jsdom has no layout: contrast cannot be judged here (the e2e suite runs axe for real).
    const results = await axe.run(dialog, { rules: { "color-contrast": { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`))
      .toEqual([]);
  });

  it("says why when the issue types cannot be loaded", async () => {
    vi.mocked(create.createIssueTypes).mockRejectedValue(
      new CommandError({ kind: "forbidden", message: "You do not have permission to do this." }),
    );
    open();
    const dialog = await screen.findByRole("dialog", { name: "Create issue" });
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Could not load the issue types of DEMO.",
    );
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toBeEnabled();
  });
});

describe("CreateIssueButton", () => {
  it("opens the dialog from the button and from the c shortcut, not while typing", async () => {
    const user = userEvent.setup();
    render(
      <>
        <input aria-label="Elsewhere" />
        <CreateIssueButton connection="c1" project="DEMO" onCreated={vi.fn()} />
      </>,
    );
    await user.type(screen.getByRole("textbox", { name: "Elsewhere" }), "c");
    expect(screen.queryByRole("dialog")).toBeNull();
    await user.click(document.body);
    await user.keyboard("c");
    const dialog = await screen.findByRole("dialog", { name: "Create issue" });
    await user.click(await within(dialog).findByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Create issue" }));
    expect(await screen.findByRole("dialog", { name: "Create issue" })).toBeInTheDocument();
  });
});
