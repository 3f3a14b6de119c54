import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as ipc from "../ipc";
import { CommandError } from "../ipc";
import * as issues from "../ipc/issues";
import * as watches from "../ipc/watches";
import { App, issueWindowParams } from "./App";
import { issue, page, projects, rows } from "../features/issues/test-fixtures";
import {
  alice,
  cloudProbe,
  connection,
  signedIn,
  summary,
  view,
} from "../features/wizard/test-fixtures";
import { mockIssueExtras } from "../features/issues/test-mocks";

vi.mock("../ipc", async (importOriginal) => {
  const { mockCommands } = await import("../features/wizard/test-fixtures");
  return mockCommands(await importOriginal());
});
vi.mock("../ipc/plugins");
vi.mock("../ipc/issues");
vi.mock("../ipc/issue-actions");
vi.mock("../ipc/comments-attachments");
vi.mock("../ipc/create");
vi.mock("../ipc/watches");

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.connectionsList).mockResolvedValue([]);
  vi.mocked(ipc.connectionTest).mockResolvedValue(alice);
  vi.mocked(ipc.wizardDiscard).mockResolvedValue(undefined);
  vi.mocked(watches.watchesList).mockResolvedValue([]);
  vi.mocked(watches.preferencesGet).mockResolvedValue({ keepRunningInTray: true });
  vi.mocked(watches.onWatchesChanged).mockResolvedValue(() => {});
  vi.mocked(watches.onNavigate).mockResolvedValue(() => {});
  vi.mocked(issues.projectsList).mockResolvedValue(projects);
  vi.mocked(issues.issueView).mockResolvedValue(issue());
  vi.mocked(issues.jqlAutocomplete).mockResolvedValue({
    visibleFieldNames: [],
    visibleFunctionNames: [],
    jqlReservedWords: [],
  });
  mockIssueExtras();
});

describe("the application shell", () => {
  it("opens on the welcome screen when there is no connection", async () => {
    render(<App />);
    expect(
      await screen.findByRole("heading", { level: 1, name: "Welcome to Jiffy" }),
    ).toBeVisible();
    const nav = screen.getByRole("navigation", { name: "Main" });
    for (const name of ["Connections", "Issues", "Search", "Console", "Settings"]) {
      expect(within(nav).getByRole("button", { name })).toBeVisible();
    }
    expect(screen.getByRole("button", { name: "Connect to Jira" })).toBeEnabled();
  });

  it("opens on the Connections page when connections exist", async () => {
    vi.mocked(ipc.connectionsList).mockResolvedValue([view({}, true)]);
    render(<App />);
    expect(await screen.findByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
    expect(screen.getByRole("button", { name: "Connections" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    expect(await screen.findByRole("table", { name: "Connections" })).toBeVisible();
  });

  it("marks the current section and offers to add a connection when there is none", async () => {
    render(<App />);
    await screen.findByRole("heading", { name: "Welcome to Jiffy" });
    const section = screen.getByRole("button", { name: "Issues" });
    await userEvent.click(section);
    expect(section).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("heading", { level: 1, name: "Issues" })).toBeVisible();
    await userEvent.click(await screen.findByRole("button", { name: "Add connection" }));
    expect(screen.getByRole("heading", { level: 1, name: "Connect to Jira" })).toBeVisible();
  });

  it("shows the default connection's projects and a Connection picker for several", async () => {
    vi.mocked(ipc.connectionsList).mockResolvedValue([
      view({ id: "c1", name: "ACME" }),
      view({ id: "c2", name: "Intranet" }, true),
    ]);
    render(<App />);
    await userEvent.click(await screen.findByRole("button", { name: "Issues" }));
    const picker = await screen.findByRole("combobox", { name: "Connection" });
    expect(picker).toHaveValue("c2");
    expect(await screen.findByRole("button", { name: /Demo project/ })).toBeVisible();
    expect(issues.projectsList).toHaveBeenLastCalledWith("c2");
    await userEvent.selectOptions(picker, "ACME");
    await screen.findByRole("button", { name: /Demo project/ });
    expect(issues.projectsList).toHaveBeenLastCalledWith("c1");
  });

  it("goes where a clicked watch notification says: a search of its issues on its connection", async () => {
    let navigate: ((to: watches.Navigate) => void) | null = null;
    vi.mocked(watches.onNavigate).mockImplementation((handler) => {
      navigate = handler;
      return Promise.resolve(() => {});
    });
    vi.mocked(issues.issuesSearch).mockResolvedValue(page(rows(2)));
    vi.mocked(ipc.appInfo).mockRejectedValue(new CommandError({ kind: "internal", message: "-" }));
    vi.mocked(ipc.connectionsList).mockResolvedValue([
      view({ id: "c1", name: "ACME" }, true),
      view({ id: "c2", name: "Intranet" }),
    ]);
    render(<App />);
    await screen.findByRole("heading", { level: 1, name: "Connections" });
    await waitFor(() => expect(navigate).not.toBeNull());
    act(() => navigate?.({ kind: "search", connection: "c2", jql: "key in (DOCS-1, DOCS-2)" }));
    expect(await screen.findByRole("combobox", { name: "Connection" })).toHaveValue("c2");
    expect(await screen.findByRole("combobox", { name: "JQL" })).toHaveValue("key in (DOCS-1, DOCS-2)");
    await waitFor(() =>
      expect(issues.issuesSearch).toHaveBeenCalledWith("c2", "key in (DOCS-1, DOCS-2)", expect.anything()),
    );
    act(() => navigate?.({ kind: "watches" }));
    expect(await screen.findByRole("heading", { level: 2, name: "Watches" })).toBeVisible();
  });

  it("has no picker for one connection, and Search focuses the JQL bar", async () => {
    vi.mocked(ipc.connectionsList).mockResolvedValue([view({}, true)]);
    render(<App />);
    await userEvent.click(await screen.findByRole("button", { name: "Search" }));
    expect(screen.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
    const jql = await screen.findByRole("combobox", { name: "JQL" });
    expect(jql).toHaveFocus();
    expect(screen.queryByRole("combobox", { name: "Connection" })).toBeNull();
  });

  it("opens the REST console on the default connection", async () => {
    render(<App />);
    await screen.findByRole("heading", { name: "Welcome to Jiffy" });
    await userEvent.click(screen.getByRole("button", { name: "Console" }));
    expect(screen.getByRole("heading", { level: 1, name: "Console" })).toBeVisible();
    expect(await screen.findByRole("button", { name: "Add connection" })).toBeVisible();

    vi.mocked(ipc.connectionsList).mockResolvedValue([view({}, true)]);
    await userEvent.click(screen.getByRole("button", { name: "Issues" }));
    await userEvent.click(screen.getByRole("button", { name: "Console" }));
    expect(await screen.findByRole("heading", { level: 1, name: "REST console" })).toBeVisible();
    expect(screen.queryByRole("heading", { level: 1, name: "Console" })).toBeNull();
  });

  it("shows the app_info command's answer in Settings", async () => {
    vi.mocked(ipc.appInfo).mockResolvedValue({
      name: "Jiffy",
      version: "9.8.7",
      os: "linux",
      arch: "x86_64",
      configDir: "/home/u/.config/dev.jiffy.desktop",
      dataDir: "/home/u/.local/share/dev.jiffy.desktop",
    });
    render(<App />);
    await userEvent.click(screen.getByRole("button", { name: "Settings" }));
    expect(await screen.findByText("Jiffy 9.8.7")).toBeVisible();
    expect(screen.getByText("/home/u/.config/dev.jiffy.desktop")).toBeVisible();
  });

  it("explains a failed command instead of showing nothing", async () => {
    vi.mocked(ipc.appInfo).mockRejectedValue(
      new CommandError({ kind: "internal", message: "The app's folders are unknown" }),
    );
    render(<App />);
    await userEvent.click(screen.getByRole("button", { name: "Settings" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The app's folders are unknown");
  });
});

describe("from the welcome screen to a saved connection", () => {
  it("runs the wizard and lands on Connections with the saved name", async () => {
    vi.mocked(ipc.wizardProbe).mockResolvedValue(cloudProbe);
    vi.mocked(ipc.wizardSignIn).mockResolvedValue(signedIn);
    vi.mocked(ipc.wizardCheck).mockResolvedValue(summary);
    vi.mocked(ipc.wizardSave).mockResolvedValue(connection());
    render(<App />);
    await userEvent.click(await screen.findByRole("button", { name: "Connect to Jira" }));
    expect(screen.getByRole("heading", { level: 1, name: "Connect to Jira" })).toBeVisible();
    await userEvent.type(
      screen.getByRole("textbox", { name: "Jira URL" }),
      "acme.atlassian.net{Enter}",
    );
    await userEvent.click(await screen.findByRole("button", { name: "Continue" }));
    await userEvent.type(screen.getByRole("textbox", { name: "Email" }), "alice@example.com");
    await userEvent.type(screen.getByLabelText("API token"), "tok{Enter}");
    vi.mocked(ipc.connectionsList).mockResolvedValue([view({}, true)]);
    await userEvent.click(await screen.findByRole("button", { name: "Save connection" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
    expect(screen.getByRole("status")).toHaveTextContent("Saved “ACME”.");
    expect(await screen.findByRole("row", { name: /ACME/ })).toBeVisible();
  });
});

describe("an issue's own window", () => {
  it("reads the issue and connection from the address", () => {
    expect(issueWindowParams("?issue=DEMO-1&connection=c%201")).toEqual({
      issue: "DEMO-1",
      connection: "c 1",
    });
    expect(issueWindowParams("")).toBeNull();
    expect(issueWindowParams("?issue=DEMO-1")).toBeNull();
  });

  it("shows just the issue, without the sidebar or a Close button", async () => {
    window.history.replaceState(null, "", "/index.html?issue=DEMO-1&connection=c1");
    try {
      render(<App />);
      const panel = await screen.findByRole("region", { name: "Issue DEMO-1" });
      expect(
        await within(panel).findByRole("heading", { name: "DEMO-1: Printer on fire" }),
      ).toBeVisible();
      expect(issues.issueView).toHaveBeenCalledWith("c1", "DEMO-1");
      expect(screen.queryByRole("navigation", { name: "Main" })).toBeNull();
      expect(screen.queryByRole("button", { name: "Close DEMO-1" })).toBeNull();
      expect(screen.queryByRole("button", { name: /in a new window/ })).toBeNull();
    } finally {
      window.history.replaceState(null, "", "/");
    }
  });
});
