import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as ipc from "../../ipc";
import { CommandError } from "../../ipc";
import * as watches from "../../ipc/watches";
import type { Watch, WatchStatus } from "../../ipc/watches";
import { WatchesPanel } from "./WatchesPanel";
import { WatchThisSearch } from "./WatchThisSearch";

vi.mock("../../ipc", async (original) => ({
  ...(await original<typeof import("../../ipc")>()),
  connectionsList: vi.fn(),
}));
vi.mock("../../ipc/watches", async (original) => ({
  ...(await original<typeof import("../../ipc/watches")>()),
  watchesList: vi.fn(),
  watchAdd: vi.fn(),
  watchUpdate: vi.fn(),
  watchSetEnabled: vi.fn(),
  watchRemove: vi.fn(),
  watchRunNow: vi.fn(),
  watchesMarkSeen: vi.fn(),
  onWatchesChanged: vi.fn(),
}));

const docs: Watch = {
  id: "w1",
  connection: "c1",
  name: "Docs to publish",
  jql: 'project = DOCS AND status in ("On Hold", "Ready to Publish")',
  schedule: { kind: "weekly", weekday: "mon", at: "09:00", timeZone: "Europe/Paris" },
  notify: "new",
  enabled: true,
  createdAt: 1,
};

function status(over: Partial<WatchStatus> = {}): WatchStatus {
  return {
    watch: docs,
    lastRunAt: null,
    lastOkAt: null,
    nextRunAt: null,
    lastError: null,
    unseen: 0,
    matching: null,
    ...over,
  } as WatchStatus;
}

const view = (id: string, name: string, isDefault: boolean) =>
  ({ connection: { id, name }, isDefault }) as unknown as ipc.ConnectionView;

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.connectionsList).mockResolvedValue([
    view("c1", "Acme Jira", true),
    view("c2", "Other", false),
  ]);
  vi.mocked(watches.onWatchesChanged).mockResolvedValue(() => {});
});

describe("Settings → Watches", () => {
  it("lists each watch with its connection, schedule, rule, state and new matches", async () => {
    vi.mocked(watches.watchesList).mockResolvedValue([
      status({ unseen: 3, matching: 7, lastRunAt: Date.now() - 120_000 }),
    ]);
    render(<WatchesPanel />);
    const item = await screen.findByRole("listitem", { name: "Docs to publish" });
    expect(item).toHaveTextContent("Acme Jira · Mondays at 09:00 (Europe/Paris) · New matches");
    expect(item).toHaveTextContent("Checked 2 min ago · 7 matching");
    expect(within(item).getByText("3 new")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Mark all seen" })).toBeInTheDocument();
  });

  it("shows a watch's problem in its own words", async () => {
    vi.mocked(watches.watchesList).mockResolvedValue([
      status({ lastError: "Acme Jira needs you to sign in again." }),
    ]);
    render(<WatchesPanel />);
    const item = await screen.findByRole("listitem", { name: "Docs to publish" });
    expect(item).toHaveTextContent("Acme Jira needs you to sign in again.");
  });

  it("adds a watch; a refused save keeps everything typed and says why", async () => {
    vi.mocked(watches.watchesList).mockResolvedValue([]);
    vi.mocked(watches.watchAdd)
      .mockRejectedValueOnce(
        new CommandError({
          kind: "invalidInput",
          message: "There is already a watch named “Publish” on this connection.",
        }),
      )
      .mockResolvedValueOnce({ ...docs, name: "Publish 2" });
    render(<WatchesPanel />);
    await userEvent.click(await screen.findByRole("button", { name: "Add watch" }));
    const dialog = screen.getByRole("dialog", { name: "New watch" });
    await userEvent.type(within(dialog).getByLabelText("Name"), "Publish");
    await userEvent.type(within(dialog).getByLabelText("JQL query"), "project = DOCS");
    await userEvent.click(within(dialog).getByRole("radio", { name: "Every few minutes" }));
    const minutes = within(dialog).getByLabelText("Minutes between checks");
    await userEvent.clear(minutes);
    await userEvent.type(minutes, "30");
    await userEvent.click(
      within(dialog).getByRole("radio", {
        name: "New matches, and matches updated since the last check",
      }),
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Save watch" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "There is already a watch named “Publish” on this connection.",
    );
    expect(within(dialog).getByLabelText("Name")).toHaveValue("Publish");
    expect(within(dialog).getByLabelText("JQL query")).toHaveValue("project = DOCS");
    expect(within(dialog).getByLabelText("Minutes between checks")).toHaveValue(30);
    expect(watches.watchAdd).toHaveBeenCalledWith({
      connection: "c1",
      name: "Publish",
      jql: "project = DOCS",
      schedule: { kind: "every", minutes: 30 },
      notify: "changed",
      enabled: true,
    });

    await userEvent.type(within(dialog).getByLabelText("Name"), " 2");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save watch" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(watches.watchesList).toHaveBeenCalledTimes(2);
  });

  it("refuses an impossible time before asking the app", async () => {
    vi.mocked(watches.watchesList).mockResolvedValue([]);
    render(<WatchesPanel />);
    await userEvent.click(await screen.findByRole("button", { name: "Add watch" }));
    const dialog = screen.getByRole("dialog", { name: "New watch" });
    await userEvent.type(within(dialog).getByLabelText("Name"), "x");
    await userEvent.click(within(dialog).getByRole("radio", { name: "Every few minutes" }));
    await userEvent.clear(within(dialog).getByLabelText("Minutes between checks"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Save watch" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("whole number from 1");
    expect(watches.watchAdd).not.toHaveBeenCalled();
  });

  it("turns a watch off, checks it now, and deletes it after naming it", async () => {
    vi.mocked(watches.watchesList).mockResolvedValue([status()]);
    vi.mocked(watches.watchSetEnabled).mockResolvedValue({ ...docs, enabled: false });
    vi.mocked(watches.watchRunNow).mockResolvedValue([status()]);
    vi.mocked(watches.watchRemove).mockResolvedValue();
    render(<WatchesPanel />);
    await userEvent.click(await screen.findByRole("checkbox", { name: "Enabled: Docs to publish" }));
    expect(watches.watchSetEnabled).toHaveBeenCalledWith("w1", false);
    await userEvent.click(screen.getByRole("button", { name: "Check now: Docs to publish" }));
    expect(watches.watchRunNow).toHaveBeenCalledWith("w1");
    await userEvent.click(screen.getByRole("button", { name: "Delete Docs to publish" }));
    const confirm = screen.getByRole("dialog", { name: "Delete watch “Docs to publish”?" });
    await userEvent.click(within(confirm).getByRole("button", { name: "Delete watch" }));
    await waitFor(() => expect(watches.watchRemove).toHaveBeenCalledWith("w1"));
  });

  it("edits a watch with its values in the form", async () => {
    vi.mocked(watches.watchesList).mockResolvedValue([status()]);
    vi.mocked(watches.watchUpdate).mockResolvedValue(docs);
    render(<WatchesPanel />);
    await userEvent.click(await screen.findByRole("button", { name: "Edit Docs to publish" }));
    const dialog = screen.getByRole("dialog", { name: "Edit watch “Docs to publish”" });
    expect(within(dialog).getByLabelText("Day")).toHaveValue("mon");
    expect(within(dialog).getByLabelText("Time")).toHaveValue("09:00");
    expect(within(dialog).getByLabelText("Time zone")).toHaveValue("Europe/Paris");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save watch" }));
    await waitFor(() =>
      expect(watches.watchUpdate).toHaveBeenCalledWith("w1", {
        connection: "c1",
        name: "Docs to publish",
        jql: docs.jql,
        schedule: docs.schedule,
        notify: "new",
        enabled: true,
      }),
    );
  });
});

describe("Watch this search", () => {
  it("opens the form on the search's connection and query", async () => {
    vi.mocked(watches.watchAdd).mockResolvedValue({ ...docs, connection: "c2", name: "Mine" });
    render(<WatchThisSearch connection="c2" jql="assignee = currentUser()" />);
    await userEvent.click(screen.getByRole("button", { name: "Watch this search" }));
    const dialog = screen.getByRole("dialog", { name: "New watch" });
    await waitFor(() => expect(within(dialog).getByLabelText("Connection")).toHaveValue("c2"));
    expect(within(dialog).getByLabelText("JQL query")).toHaveValue("assignee = currentUser()");
    await userEvent.type(within(dialog).getByLabelText("Name"), "Mine");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save watch" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Watching “Mine”.");
    expect(watches.watchAdd).toHaveBeenCalledWith(
      expect.objectContaining({ connection: "c2", name: "Mine", notify: "new" }),
    );
  });
});
