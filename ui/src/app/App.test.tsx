import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as ipc from "../ipc";
import { CommandError } from "../ipc";
import { App } from "./App";
import {
  alice,
  cloudProbe,
  connection,
  signedIn,
  summary,
  view,
} from "../features/wizard/test-fixtures";

vi.mock("../ipc", async (importOriginal) => {
  const { mockCommands } = await import("../features/wizard/test-fixtures");
  return mockCommands(await importOriginal());
});
vi.mock("../ipc/plugins");

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.connectionsList).mockResolvedValue([]);
  vi.mocked(ipc.connectionTest).mockResolvedValue(alice);
  vi.mocked(ipc.wizardDiscard).mockResolvedValue(undefined);
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

  it("marks the current section and says plainly what is not built", async () => {
    render(<App />);
    await screen.findByRole("heading", { name: "Welcome to Jiffy" });
    const issues = screen.getByRole("button", { name: "Issues" });
    await userEvent.click(issues);
    expect(issues).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("heading", { level: 1, name: "Issues" })).toBeVisible();
    expect(screen.getByRole("status")).toHaveTextContent("Not built yet");
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
