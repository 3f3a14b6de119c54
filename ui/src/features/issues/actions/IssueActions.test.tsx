import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CommandError } from "../../../ipc";
import type { FormField, TransitionForm } from "../../../ipc/issue-actions";
import * as actions from "../../../ipc/issue-actions";
import * as issues from "../../../ipc/issues";
import { IssueDetail } from "../IssueDetail";
import { issue } from "../test-fixtures";
import { mockIssueExtras } from "../test-mocks";

vi.mock("../../../ipc/issues");
vi.mock("../../../ipc/issue-actions");
vi.mock("../../../ipc/comments-attachments");
vi.mock("../../../ipc/create");

function field(more: Partial<FormField>): FormField {
  return {
    id: "summary",
    name: "Summary",
    required: true,
    editable: true,
    kind: "text",
    options: [],
    custom: false,
    ...more,
  };
}

const resolution = field({
  id: "resolution",
  name: "Resolution",
  kind: "select",
  options: [
    { id: "1", label: "Fixed", disabled: false },
    { id: "2", label: "Won't Fix", disabled: false },
  ],
});

const transitions: TransitionForm[] = [
  { id: "11", name: "Start Progress", to: null, fields: [] },
  { id: "41", name: "Done", to: null, fields: [resolution] },
];

beforeEach(() => {
  vi.resetAllMocks();
  mockIssueExtras();
  vi.mocked(issues.issueView).mockResolvedValue(issue());
  vi.mocked(actions.issueEditFields).mockResolvedValue({
    fields: [
      field({}),
      field({ id: "labels", name: "Labels", required: false, kind: "labels" }),
      field({ id: "customfield_10010", name: "Colour", required: false, editable: false }),
    ],
    values: { summary: "Printer on fire", labels: ["hardware"] },
  });
  vi.mocked(actions.issueTransitions).mockResolvedValue(transitions);
  vi.mocked(actions.issueEdit).mockResolvedValue(undefined);
  vi.mocked(actions.issueTransition).mockResolvedValue(undefined);
  vi.mocked(actions.issueAssign).mockResolvedValue(undefined);
  vi.mocked(actions.issueDelete).mockResolvedValue(undefined);
  vi.mocked(actions.issueOpenWindow).mockResolvedValue(undefined);
});

async function openIssue(props: { onDeleted?: () => void } = {}) {
  render(<IssueDetail connection="c1" issueKey="DEMO-1" onClose={() => undefined} {...props} />);
  const panel = await screen.findByRole("region", { name: "Issue DEMO-1" });
  await within(panel).findByRole("button", { name: "Edit Summary" });
  return panel;
}

describe("edit in place", () => {
  it("offers Edit only for fields editmeta lets this user change", async () => {
    const panel = await openIssue();
    expect(within(panel).getByRole("button", { name: "Edit Labels" })).toBeVisible();
    expect(within(panel).queryByRole("button", { name: "Edit Colour" })).toBeNull();
    expect(within(panel).queryByRole("button", { name: "Edit Priority" })).toBeNull();
  });

  it("saves a field and loads the issue again", async () => {
    const panel = await openIssue();
    await userEvent.click(within(panel).getByRole("button", { name: "Edit Summary" }));
    const box = within(panel).getByRole("textbox", { name: /Summary/ });
    expect(box).toHaveValue("Printer on fire");
    await userEvent.clear(box);
    await userEvent.type(box, "Printer fixed");
    await userEvent.click(within(panel).getByRole("button", { name: "Save Summary" }));
    expect(actions.issueEdit).toHaveBeenCalledWith("c1", "DEMO-1", { summary: "Printer fixed" });
    await waitFor(() => expect(issues.issueView).toHaveBeenCalledTimes(2));
    expect(within(panel).queryByRole("button", { name: "Save Summary" })).toBeNull();
  });

  it("shows the server's error on the field and keeps the typed value", async () => {
    vi.mocked(actions.issueEdit).mockRejectedValue(
      new CommandError({
        kind: "validation",
        message: "Bad",
        fieldErrors: { labels: "Labels cannot contain spaces." },
      }),
    );
    const panel = await openIssue();
    await userEvent.click(within(panel).getByRole("button", { name: "Edit Labels" }));
    await userEvent.type(within(panel).getByRole("textbox", { name: "Labels" }), "urgent{Enter}");
    await userEvent.click(within(panel).getByRole("button", { name: "Save Labels" }));
    expect(actions.issueEdit).toHaveBeenCalledWith("c1", "DEMO-1", { labels: "hardware,urgent" });
    const box = await within(panel).findByRole("textbox", { name: "Labels" });
    await waitFor(() => expect(box).toHaveAccessibleDescription("Labels cannot contain spaces."));
    expect(within(panel).getByRole("button", { name: "Remove urgent" })).toBeVisible();
    await userEvent.click(within(panel).getByRole("button", { name: "Cancel" }));
    expect(within(panel).queryByRole("textbox", { name: "Labels" })).toBeNull();
  });
});

describe("transitions", () => {
  it("moves at once when the transition has no screen", async () => {
    const panel = await openIssue();
    const group = within(panel).getByRole("group", { name: "Move DEMO-1" });
    await userEvent.click(within(group).getByRole("button", { name: "Move to Start Progress" }));
    expect(actions.issueTransition).toHaveBeenCalledWith("c1", "DEMO-1", "11", {});
    await waitFor(() => expect(actions.issueTransitions).toHaveBeenCalledTimes(2));
  });

  it("asks for the screen's fields first, required ones checked", async () => {
    const panel = await openIssue();
    await userEvent.click(within(panel).getByRole("button", { name: "Move to Done" }));
    const dialog = screen.getByRole("dialog", { name: "Done: DEMO-1" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Done" }));
    expect(within(dialog).getByRole("combobox", { name: /Resolution/ })).toHaveAccessibleDescription(
      "Resolution is required.",
    );
    expect(actions.issueTransition).not.toHaveBeenCalled();
    await userEvent.selectOptions(within(dialog).getByRole("combobox", { name: /Resolution/ }), "Fixed");
    await userEvent.click(within(dialog).getByRole("button", { name: "Done" }));
    expect(actions.issueTransition).toHaveBeenCalledWith("c1", "DEMO-1", "41", { resolution: "1" });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("keeps the screen's values when Jira refuses them", async () => {
    vi.mocked(actions.issueTransition).mockRejectedValue(
      new CommandError({
        kind: "validation",
        message: "Bad",
        fieldErrors: { resolution: "Resolution is not valid here." },
      }),
    );
    const panel = await openIssue();
    await userEvent.click(within(panel).getByRole("button", { name: "Move to Done" }));
    const dialog = screen.getByRole("dialog", { name: "Done: DEMO-1" });
    const select = within(dialog).getByRole("combobox", { name: /Resolution/ });
    await userEvent.selectOptions(select, "Won't Fix");
    await userEvent.click(within(dialog).getByRole("button", { name: "Done" }));
    await waitFor(() =>
      expect(select).toHaveAccessibleDescription("Resolution is not valid here."),
    );
    expect(select).toHaveValue("2");
  });
});

describe("assign", () => {
  it("assigns to me, unassigns, and assigns to a chosen user", async () => {
    vi.mocked(actions.usersAssignable).mockResolvedValue([
      { name: "bob", displayName: "Bob Ray", active: true },
    ]);
    vi.mocked(issues.issueView).mockResolvedValue(
      issue({ assignee: { name: "mia", displayName: "Mia Krystof", active: true } }),
    );
    const panel = await openIssue();
    await userEvent.click(within(panel).getByRole("button", { name: "Assign to me" }));
    expect(actions.issueAssign).toHaveBeenCalledWith("c1", "DEMO-1", "me");
    await userEvent.click(within(panel).getByRole("button", { name: "Unassign" }));
    expect(actions.issueAssign).toHaveBeenLastCalledWith("c1", "DEMO-1", null);

    await userEvent.click(within(panel).getByRole("button", { name: "Edit Assignee" }));
    const picker = within(panel).getByRole("combobox", { name: "Assignee" });
    expect(picker).toHaveValue("Mia Krystof");
    await userEvent.clear(picker);
    await userEvent.type(picker, "bo");
    await userEvent.click(await screen.findByRole("option", { name: "Bob Ray" }));
    expect(actions.usersAssignable).toHaveBeenCalledWith("c1", "DEMO-1", "bo");
    await userEvent.click(within(panel).getByRole("button", { name: "Save Assignee" }));
    expect(actions.issueAssign).toHaveBeenLastCalledWith("c1", "DEMO-1", "bob");
  });
});

describe("delete", () => {
  it("confirms naming the issue and requires consent for its subtasks", async () => {
    vi.mocked(issues.issueView).mockResolvedValue(
      issue({
        subtasks: [
          { id: "2", key: "DEMO-2", fields: { summary: "Part one" } },
          { id: "3", key: "DEMO-3", fields: { summary: "Part two" } },
        ],
      }),
    );
    const onDeleted = vi.fn();
    const panel = await openIssue({ onDeleted });
    await userEvent.click(within(panel).getByRole("button", { name: "Delete DEMO-1" }));
    const dialog = screen.getByRole("dialog", { name: "Delete DEMO-1?" });
    expect(dialog).toHaveTextContent("Printer on fire");
    const confirm = within(dialog).getByRole("button", { name: "Delete DEMO-1" });
    expect(confirm).toBeDisabled();
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await userEvent.click(within(dialog).getByRole("checkbox", { name: "Also delete its 2 subtasks" }));
    await userEvent.click(confirm);
    expect(actions.issueDelete).toHaveBeenCalledWith("c1", "DEMO-1", true);
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
  });

  it("keeps the dialog open with the reason when Jira refuses", async () => {
    vi.mocked(actions.issueDelete).mockRejectedValue(
      new CommandError({ kind: "forbidden", message: "You may not delete issues." }),
    );
    const panel = await openIssue();
    await userEvent.click(within(panel).getByRole("button", { name: "Delete DEMO-1" }));
    const dialog = screen.getByRole("dialog", { name: "Delete DEMO-1?" });
    expect(within(dialog).queryByRole("checkbox")).toBeNull();
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete DEMO-1" }));
    expect(actions.issueDelete).toHaveBeenCalledWith("c1", "DEMO-1", false);
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("You may not delete issues.");
  });
});

describe("issue windows", () => {
  it("opens the issue in its own window", async () => {
    const panel = await openIssue();
    await userEvent.click(within(panel).getByRole("button", { name: "Open DEMO-1 in a new window" }));
    expect(actions.issueOpenWindow).toHaveBeenCalledWith("c1", "DEMO-1");
  });
});
