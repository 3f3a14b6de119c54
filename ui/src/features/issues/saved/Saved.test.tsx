import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CommandError } from "../../../ipc";
import * as issues from "../../../ipc/issues";
import * as saved from "../../../ipc/saved-searches";
import type { SavedSearch } from "../../../ipc/saved-searches";
import { IssuesPage } from "../IssuesPage";
import { autocomplete, issue, page, projects, rows } from "../test-fixtures";
import { mockIssueExtras } from "../test-mocks";
import { quickFilterJql } from "./quick-filters";

vi.mock("../../../ipc/issues");
vi.mock("../../../ipc/issue-actions");
vi.mock("../../../ipc/comments-attachments");
vi.mock("../../../ipc/create");
vi.mock("../../../ipc/saved-searches");

const mine: SavedSearch = { connection: "c1", name: "Mine", jql: "assignee = currentUser()", savedAt: 1 };

beforeEach(() => {
  vi.resetAllMocks();
  mockIssueExtras();
  vi.mocked(issues.projectsList).mockResolvedValue(projects);
  vi.mocked(issues.issueView).mockResolvedValue(issue());
  vi.mocked(issues.jqlAutocomplete).mockResolvedValue(autocomplete);
  vi.mocked(issues.jqlSuggest).mockResolvedValue([]);
  vi.mocked(issues.issuesSearch).mockResolvedValue(page(rows(2)));
  vi.mocked(saved.savedSearchesList).mockResolvedValue([mine]);
  vi.mocked(saved.recentIssuesList).mockResolvedValue([]);
  vi.mocked(saved.recentIssuesAdd).mockResolvedValue([]);
});

const jqlBox = () => screen.getByRole("combobox", { name: "JQL" });

describe("quick filters", () => {
  it("scopes a filter to the chosen project and orders by update", () => {
    expect(quickFilterJql("resolution = Unresolved", null)).toBe(
      "resolution = Unresolved ORDER BY updated DESC",
    );
    expect(quickFilterJql("updated >= -7d", 'A"B')).toBe(
      'project = "A\\"B" AND updated >= -7d ORDER BY updated DESC',
    );
  });

  it("runs the filter's JQL and shows it in the JQL box", async () => {
    render(<IssuesPage connectionId="c1" />);
    const filters = screen.getByRole("group", { name: "Quick filters" });
    await userEvent.click(within(filters).getByRole("button", { name: "Assigned to me" }));
    const all = "assignee = currentUser() AND resolution = Unresolved ORDER BY updated DESC";
    expect(jqlBox()).toHaveValue(all);
    await waitFor(() =>
      expect(issues.issuesSearch).toHaveBeenCalledWith("c1", all, { maxResults: 100 }),
    );

    await userEvent.click(await screen.findByRole("button", { name: /Demo project/ }));
    await userEvent.click(within(filters).getByRole("button", { name: "Reported by me" }));
    const scoped = 'project = "DEMO" AND reporter = currentUser() ORDER BY updated DESC';
    expect(jqlBox()).toHaveValue(scoped);
    await waitFor(() =>
      expect(issues.issuesSearch).toHaveBeenCalledWith("c1", scoped, { maxResults: 100 }),
    );
  });
});

describe("saved searches", () => {
  it("runs a saved search", async () => {
    render(<IssuesPage connectionId="c1" />);
    const list = await screen.findByRole("navigation", { name: "Saved searches" });
    await userEvent.click(await within(list).findByRole("button", { name: "Mine" }));
    expect(jqlBox()).toHaveValue("assignee = currentUser()");
    await waitFor(() =>
      expect(issues.issuesSearch).toHaveBeenCalledWith("c1", "assignee = currentUser()", {
        maxResults: 100,
      }),
    );
  });

  it("saves the current query under a name, keeping the name when it is refused", async () => {
    render(<IssuesPage connectionId="c1" />);
    const list = await screen.findByRole("navigation", { name: "Saved searches" });
    expect(within(list).getByRole("button", { name: "Save search" })).toBeDisabled();
    await userEvent.type(jqlBox(), "type = Bug");
    vi.mocked(saved.savedSearchesSave).mockRejectedValueOnce(
      new CommandError({ kind: "invalidInput", message: "the name is too long" }),
    );
    await userEvent.click(within(list).getByRole("button", { name: "Save search" }));
    const dialog = screen.getByRole("dialog", { name: "Save search" });
    await userEvent.type(within(dialog).getByLabelText("Name"), "Bugs");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("the name is too long");
    expect(within(dialog).getByLabelText("Name")).toHaveValue("Bugs");

    const bugs = { connection: "c1", name: "Bugs", jql: "type = Bug", savedAt: 2 };
    vi.mocked(saved.savedSearchesSave).mockResolvedValueOnce(bugs);
    vi.mocked(saved.savedSearchesList).mockResolvedValue([bugs, mine]);
    await userEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(saved.savedSearchesSave).toHaveBeenLastCalledWith("c1", "Bugs", "type = Bug");
    expect(await within(list).findByRole("button", { name: "Bugs" })).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("renames and deletes after a confirmation naming the search", async () => {
    render(<IssuesPage connectionId="c1" />);
    const list = await screen.findByRole("navigation", { name: "Saved searches" });
    await userEvent.click(await within(list).findByRole("button", { name: "Rename Mine" }));
    const rename = screen.getByRole("dialog", { name: "Rename Mine" });
    const field = within(rename).getByLabelText("New name");
    await userEvent.clear(field);
    await userEvent.type(field, "My work");
    const renamed = { ...mine, name: "My work" };
    vi.mocked(saved.savedSearchesRename).mockResolvedValueOnce(renamed);
    vi.mocked(saved.savedSearchesList).mockResolvedValue([renamed]);
    await userEvent.click(within(rename).getByRole("button", { name: "Rename" }));
    expect(saved.savedSearchesRename).toHaveBeenCalledWith("c1", "Mine", "My work");

    await userEvent.click(await within(list).findByRole("button", { name: "Delete My work" }));
    const confirm = screen.getByRole("dialog", { name: "Delete saved search My work?" });
    await userEvent.click(within(confirm).getByRole("button", { name: "Cancel" }));
    expect(saved.savedSearchesDelete).not.toHaveBeenCalled();

    await userEvent.click(within(list).getByRole("button", { name: "Delete My work" }));
    vi.mocked(saved.savedSearchesDelete).mockResolvedValueOnce(true);
    vi.mocked(saved.savedSearchesList).mockResolvedValue([]);
    const again = screen.getByRole("dialog", { name: "Delete saved search My work?" });
    await userEvent.click(within(again).getByRole("button", { name: "Delete" }));
    expect(saved.savedSearchesDelete).toHaveBeenCalledWith("c1", "My work");
    expect(await within(list).findByText("No saved searches yet.")).toBeInTheDocument();
  });
});

describe("recent issues", () => {
  it("lists the last opened issues and records an opened one", async () => {
    vi.mocked(saved.recentIssuesList).mockResolvedValue([
      { connection: "c1", key: "DEMO-7", summary: "", openedAt: 2 },
    ]);
    vi.mocked(saved.recentIssuesAdd).mockResolvedValue([
      { connection: "c1", key: "DEMO-7", summary: "", openedAt: 3 },
    ]);
    render(<IssuesPage connectionId="c1" />);
    const recent = await screen.findByRole("navigation", { name: "Recent issues" });
    await userEvent.click(within(recent).getByRole("button", { name: "DEMO-7" }));
    await waitFor(() => expect(saved.recentIssuesAdd).toHaveBeenCalledWith("c1", "DEMO-7", ""));
    expect(issues.issueView).toHaveBeenCalled();
  });
});
