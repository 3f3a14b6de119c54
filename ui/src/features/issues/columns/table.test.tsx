import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as issues from "../../../ipc/issues";
import { SearchResults } from "../SearchResults";
import { page, rows } from "../test-fixtures";

vi.mock("../../../ipc/issues");

// jsdom lays nothing out; the virtualizer needs a viewport to decide which rows to render.
const sizes = { clientHeight: 720, offsetHeight: 720, offsetWidth: 1000 };
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
    else Reflect.deleteProperty(HTMLElement.prototype, name);
  }
});

beforeEach(() => {
  vi.resetAllMocks();
  localStorage.clear();
  vi.mocked(issues.issuesSearch).mockResolvedValue(page(rows(3)));
});

async function results(jql = 'project = "DEMO" ORDER BY key') {
  const onJqlChange = vi.fn();
  const onOpen = vi.fn();
  const view = render(
    <SearchResults connection="c1" jql={jql} onOpen={onOpen} onJqlChange={onJqlChange} />,
  );
  const table = await screen.findByRole("table", { name: "Issues" });
  const headers = () =>
    within(table)
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
  return { table, headers, onJqlChange, onOpen, view };
}

describe("the issue table's columns", () => {
  it("adds and removes columns from the Columns menu, remembered, and resets them", async () => {
    const { table, headers, view } = await results();
    await userEvent.click(screen.getByRole("button", { name: "Columns" }));
    expect(screen.getByRole("checkbox", { name: "Key" })).toBeDisabled();
    expect(screen.getByRole("checkbox", { name: "Summary" })).toBeChecked();
    await userEvent.click(screen.getByRole("checkbox", { name: "Labels" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Priority" }));
    expect(headers()).toEqual(["Key", "Type", "Summary", "Status", "Assignee", "Updated", "Labels"]);
    expect(within(table).getAllByRole("row")[1]).toHaveTextContent("ui, urgent");
    // Escape closes the menu and gives the focus back to its button.
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("checkbox", { name: "Labels" })).toBeNull();
    expect(screen.getByRole("button", { name: "Columns" })).toHaveFocus();

    // Another mount (another search, a restart) shows the same choice.
    view.unmount();
    const again = await results();
    expect(again.headers()).toEqual(["Key", "Type", "Summary", "Status", "Assignee", "Updated", "Labels"]);
    await userEvent.click(screen.getByRole("button", { name: "Columns" }));
    await userEvent.click(screen.getByRole("button", { name: "Reset columns" }));
    expect(again.headers()).toEqual(["Key", "Type", "Summary", "Status", "Assignee", "Priority", "Updated"]);
    expect(localStorage.getItem("jiffy.issueTable.columns")).toBeNull();
  });

  it("resizes a column with the arrow keys on its edge and by dragging it", async () => {
    const { table } = await results();
    const edge = screen.getByRole("separator", { name: "Resize Summary column" });
    expect(edge).toHaveAttribute("aria-orientation", "vertical");
    const width = () => Number(edge.getAttribute("aria-valuenow"));
    const cols = () => Array.from(table.querySelectorAll("col")).map((c) => c.style.width);
    expect(width()).toBe(360);
    edge.focus();
    await userEvent.keyboard("{ArrowRight}{ArrowRight}");
    expect(width()).toBe(392);
    expect(cols()[2]).toBe("392px");
    await userEvent.keyboard("{Shift>}{ArrowLeft}{/Shift}");
    expect(width()).toBe(328);
    await userEvent.keyboard("{Home}");
    expect(width()).toBe(60);
    const key = screen.getByRole("separator", { name: "Resize Key column" });
    fireEvent.pointerDown(key, { clientX: 100, pointerId: 1 });
    fireEvent.pointerMove(key, { clientX: 150, pointerId: 1 });
    fireEvent.pointerUp(key, { pointerId: 1 });
    fireEvent.pointerMove(key, { clientX: 400, pointerId: 1 });
    expect(key).toHaveAttribute("aria-valuenow", "168");
    const saved = JSON.parse(localStorage.getItem("jiffy.issueTable.columns") ?? "{}") as {
      widths: Record<string, number>;
    };
    expect(saved.widths).toEqual({ summary: 60, key: 168 });
  });

  it("sorts by a header: ascending first, then descending, replacing the ORDER BY", async () => {
    const { table, onJqlChange, view } = await results('project = "DEMO" ORDER BY key');
    const keyHeader = within(table).getByRole("columnheader", { name: "Key" });
    expect(keyHeader).toHaveAttribute("aria-sort", "ascending");
    expect(within(table).getAllByRole("columnheader")[6]).not.toHaveAttribute("aria-sort");
    await userEvent.click(within(table).getByRole("button", { name: "Updated" }));
    expect(onJqlChange).toHaveBeenLastCalledWith('project = "DEMO" ORDER BY updated ASC');
    await userEvent.click(within(table).getByRole("button", { name: "Key" }));
    expect(onJqlChange).toHaveBeenLastCalledWith('project = "DEMO" ORDER BY key DESC');
    view.unmount();

    const sorted = await results('project = "DEMO" ORDER BY updated ASC');
    const updated = within(sorted.table).getAllByRole("columnheader")[6];
    expect(updated).toHaveAttribute("aria-sort", "ascending");
    await userEvent.click(within(sorted.table).getByRole("button", { name: "Updated" }));
    expect(sorted.onJqlChange).toHaveBeenLastCalledWith('project = "DEMO" ORDER BY updated DESC');
  });

  it("keeps the table's keys off the resize handles", async () => {
    const { table, onOpen } = await results();
    await userEvent.keyboard("j");
    expect(within(table).getAllByRole("row")[1]).toHaveAttribute("aria-selected", "true");
    const edge = screen.getByRole("separator", { name: "Resize Status column" });
    edge.focus();
    await userEvent.keyboard("{ArrowLeft}{Enter}");
    expect(onOpen).not.toHaveBeenCalled();
    expect(edge).toHaveAttribute("aria-valuenow", "114");
  });
});
