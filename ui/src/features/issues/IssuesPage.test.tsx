import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as ipc from "../../ipc";
import { CommandError } from "../../ipc";
import * as issues from "../../ipc/issues";
import * as actions from "../../ipc/issue-actions";
import * as savedSearches from "../../ipc/saved-searches";
import { IssuesPage } from "./IssuesPage";
import { autocomplete, issue, page, projects, rows } from "./test-fixtures";
import { mockIssueExtras } from "./test-mocks";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  openInBrowser: vi.fn(),
}));
vi.mock("../../ipc/issues");
vi.mock("../../ipc/issue-actions");
vi.mock("../../ipc/comments-attachments");
vi.mock("../../ipc/create");
vi.mock("../../ipc/saved-searches");

// jsdom lays nothing out; the virtualizer needs a viewport to decide which rows to render.
const VIEWPORT = 720;
const sizes = { clientHeight: VIEWPORT, clientWidth: 1000, offsetHeight: VIEWPORT, offsetWidth: 1000 };
const saved = Object.keys(sizes).map(
  (name) => [name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name)] as const,
);
beforeAll(() => {
  for (const [name, value] of Object.entries(sizes)) {
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
  }
});
afterAll(() => {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
    // jsdom defines these on Element.prototype: dropping ours brings its own back.
    else Reflect.deleteProperty(HTMLElement.prototype, name);
  }
});

beforeEach(() => {
  vi.resetAllMocks();
  mockIssueExtras();
  vi.mocked(issues.projectsList).mockResolvedValue(projects);
  vi.mocked(issues.issueView).mockResolvedValue(issue());
  vi.mocked(ipc.openInBrowser).mockResolvedValue(undefined);
  vi.mocked(issues.jqlAutocomplete).mockResolvedValue(autocomplete);
  vi.mocked(issues.jqlSuggest).mockResolvedValue([]);
  vi.mocked(savedSearches.savedSearchesList).mockResolvedValue([]);
  vi.mocked(savedSearches.recentIssuesList).mockResolvedValue([]);
  vi.mocked(savedSearches.recentIssuesAdd).mockResolvedValue([]);
});

async function openProject(name = /Demo project/) {
  render(<IssuesPage connectionId="c1" />);
  await userEvent.click(await screen.findByRole("button", { name }));
  return screen.findByRole("table", { name: "Issues" });
}

/** Rows of the table body (the header row excluded). */
function bodyRows(table: HTMLElement) {
  return within(table).getAllByRole("row").slice(1);
}

describe("IssuesPage", () => {
  it("lists projects by name and key and searches the chosen one", async () => {
    vi.mocked(issues.issuesSearch).mockResolvedValue(page(rows(3)));
    const table = await openProject();
    expect(screen.getByRole("button", { name: /Operations OPS/ })).toBeInTheDocument();
    expect(issues.issuesSearch).toHaveBeenCalledWith("c1", 'project = "DEMO" ORDER BY key', {
      maxResults: 100,
    });
    expect(screen.getByRole("combobox", { name: "JQL" })).toHaveValue(
      'project = "DEMO" ORDER BY key',
    );
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
    expect(headers).toEqual(["Key", "Type", "Summary", "Status", "Assignee", "Priority", "Updated"]);
    expect(bodyRows(table)).toHaveLength(3);
    expect(within(table).getByText("Issue number 2")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("3 of 3 issues loaded");
  });

  it("keeps at most 200 rows in the DOM for 10,000 issues", async () => {
    vi.mocked(issues.issuesSearch).mockResolvedValue(page(rows(10_000)));
    const table = await openProject();
    const rendered = bodyRows(table);
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThanOrEqual(200);
    expect(screen.getByRole("status")).toHaveTextContent("10000 of 10000 issues loaded");
    expect(table).toHaveAttribute("aria-rowcount", "10001");

    // Scrolled far down, other rows replace the first ones; still at most 200.
    const scroller = table.parentElement as HTMLElement;
    await act(async () => {
      scroller.scrollTop = 36 * 5000;
      fireEvent.scroll(scroller);
    });
    await waitFor(() => expect(within(table).getByText("DEMO-5001")).toBeInTheDocument());
    expect(within(table).queryByText("DEMO-1")).not.toBeInTheDocument();
    expect(bodyRows(table).length).toBeLessThanOrEqual(200);
  });

  it("loads the next page when the end of the loaded rows scrolls into view", async () => {
    vi.mocked(issues.issuesSearch).mockImplementation(async (_c, _jql, cursor) => {
      const from = cursor.startAt ?? 0;
      const more = from + 100 < 10_000;
      return page(rows(100, from), { total: 10_000, nextStartAt: more ? from + 100 : null });
    });
    const table = await openProject();
    expect(issues.issuesSearch).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("status")).toHaveTextContent("100 of 10000 issues loaded");
    const scroller = table.parentElement as HTMLElement;
    await act(async () => {
      scroller.scrollTop = 36 * 90;
      fireEvent.scroll(scroller);
    });
    await waitFor(() =>
      expect(issues.issuesSearch).toHaveBeenLastCalledWith("c1", 'project = "DEMO" ORDER BY key', {
        maxResults: 100,
        startAt: 100,
      }),
    );
    await waitFor(() =>
      expect(screen.getByRole("status")).toHaveTextContent("200 of 10000 issues loaded"),
    );
    expect(bodyRows(table).length).toBeLessThanOrEqual(200);
  });

  it("moves with j and k and opens with Enter", async () => {
    vi.mocked(issues.issuesSearch).mockResolvedValue(page(rows(5)));
    const table = await openProject();
    await userEvent.keyboard("jjjk");
    const selected = bodyRows(table).filter((r) => r.getAttribute("aria-selected") === "true");
    expect(selected).toHaveLength(1);
    expect(selected[0]).toHaveTextContent("DEMO-2");
    await userEvent.keyboard("k");
    await userEvent.keyboard("k"); // stays on the first row
    expect(bodyRows(table)[0]).toHaveAttribute("aria-selected", "true");
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByRole("region", { name: "Issue DEMO-1" })).toBeInTheDocument();
    expect(issues.issueView).toHaveBeenCalledWith("c1", "DEMO-1");
  });

  it("fits the chosen columns to the table's width: low-priority ones step aside", async () => {
    // jsdom lays nothing out: the table's box says how wide it is, a ResizeObserver when it
    // changes (as when the issue panel opens beside it).
    let boxWidth = 420;
    const observers: (() => void)[] = [];
    vi.stubGlobal(
      "ResizeObserver",
      class {
        constructor(private readonly callback: (entries: unknown[], o: unknown) => void) {
          observers.push(() => this.callback([], this));
        }
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
    const descriptor = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientWidth");
    Object.defineProperty(HTMLElement.prototype, "clientWidth", {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains("issue-table-scroll") ? boxWidth : 1000;
      },
    });
    try {
      vi.mocked(issues.issuesSearch).mockResolvedValue(page(rows(3)));
      const table = await openProject();
      const headers = () =>
        within(table)
          .getAllByRole("columnheader")
          .map((h) => h.textContent);
      expect(headers()).toEqual(["Key", "Summary", "Status", "Assignee"]);
      expect(within(bodyRows(table)[0] as HTMLElement).getAllByRole("cell")).toHaveLength(4);
      // The Columns menu says which chosen columns have no room.
      await userEvent.click(screen.getByRole("button", { name: "Columns" }));
      expect(screen.getByRole("checkbox", { name: "Updated" }).parentElement?.parentElement)
        .toHaveTextContent("Updated (no room)");
      await userEvent.keyboard("{Escape}");
      boxWidth = 900;
      act(() => observers.forEach((o) => o()));
      expect(headers()).toEqual(["Key", "Type", "Summary", "Status", "Assignee", "Priority", "Updated"]);
    } finally {
      if (descriptor) Object.defineProperty(HTMLElement.prototype, "clientWidth", descriptor);
      vi.unstubAllGlobals();
    }
  });

  it("closes a deleted issue and searches again", async () => {
    vi.mocked(issues.issuesSearch).mockResolvedValue(page(rows(3)));
    vi.mocked(actions.issueDelete).mockResolvedValue(undefined);
    const table = await openProject();
    await userEvent.keyboard("j{Enter}");
    const panel = await screen.findByRole("region", { name: "Issue DEMO-1" });
    await userEvent.click(await within(panel).findByRole("button", { name: "Delete DEMO-1" }));
    const dialog = screen.getByRole("dialog", { name: "Delete DEMO-1?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete DEMO-1" }));
    await waitFor(() => expect(screen.queryByRole("region", { name: "Issue DEMO-1" })).toBeNull());
    expect(actions.issueDelete).toHaveBeenCalledWith("c1", "DEMO-1", false);
    await waitFor(() => expect(issues.issuesSearch).toHaveBeenCalledTimes(2));
    expect(table).not.toBeInTheDocument();
  });

  it("focuses the JQL bar with /", async () => {
    vi.mocked(issues.issuesSearch).mockResolvedValue(page(rows(2)));
    await openProject();
    await userEvent.keyboard("/");
    expect(screen.getByRole("combobox", { name: "JQL" })).toHaveFocus();
    // Typing there is typing: j is a letter, not a shortcut.
    await userEvent.keyboard("j");
    expect(screen.getByRole("combobox", { name: "JQL" })).toHaveValue(
      'project = "DEMO" ORDER BY keyj',
    );
  });

  it("shows Jira's JQL error inline and searches again", async () => {
    vi.mocked(issues.issuesSearch).mockRejectedValueOnce(
      new CommandError({
        kind: "validation",
        message: "Error in the JQL Query: Expecting either a value, list or function but got '='.",
        fieldErrors: {},
      }),
    );
    render(<IssuesPage connectionId="c1" />);
    const box = screen.getByRole("combobox", { name: "JQL" });
    await userEvent.type(box, "project = = (");
    await userEvent.click(screen.getByRole("button", { name: "Search" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Expecting either a value, list or function but got '='.");
    expect(screen.queryByRole("table")).not.toBeInTheDocument();

    vi.mocked(issues.issuesSearch).mockResolvedValue(page(rows(1)));
    await userEvent.clear(box);
    await userEvent.type(box, "project = DEMO{Enter}");
    expect(await screen.findByRole("table", { name: "Issues" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(issues.issuesSearch).toHaveBeenLastCalledWith("c1", "project = DEMO", {
      maxResults: 100,
    });
  });

  it("shows a project list failure as an alert", async () => {
    vi.mocked(issues.projectsList).mockRejectedValue(
      new CommandError({ kind: "network", message: "jira.corp did not answer." }),
    );
    render(<IssuesPage connectionId="c1" />);
    expect(await screen.findByRole("alert")).toHaveTextContent("jira.corp did not answer.");
  });

  it("completes fields from the autocomplete data and values from Jira", async () => {
    vi.mocked(issues.issuesSearch).mockResolvedValue(page(rows(1)));
    vi.mocked(issues.jqlSuggest).mockResolvedValue([
      { value: "DEMO", displayName: "<b>DE</b>MO project (DEMO)" },
    ]);
    render(<IssuesPage connectionId="c1" />);
    const box = screen.getByRole("combobox", { name: "JQL" });
    await userEvent.type(box, "pr");
    const list = await screen.findByRole("listbox", { name: "JQL suggestions" });
    expect(within(list).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "project",
      "priority",
    ]);
    expect(box).toHaveAttribute("aria-expanded", "true");
    await userEvent.keyboard("{ArrowDown}");
    expect(box).toHaveAttribute("aria-activedescendant", within(list).getAllByRole("option")[0]?.id);
    await userEvent.keyboard("{Enter}");
    expect(box).toHaveValue("project ");
    expect(issues.issuesSearch).not.toHaveBeenCalled();

    await userEvent.type(box, "= DE");
    await waitFor(() => expect(issues.jqlSuggest).toHaveBeenCalledWith("c1", "project", "DE"));
    const option = await screen.findByRole("option", { name: "DEMO project (DEMO)" });
    await userEvent.click(option);
    expect(box).toHaveValue("project = DEMO ");
    expect(box).toHaveFocus();
    await userEvent.keyboard("{Escape}{Enter}");
    expect(issues.issuesSearch).toHaveBeenCalledWith("c1", "project = DEMO", { maxResults: 100 });
  });
});
