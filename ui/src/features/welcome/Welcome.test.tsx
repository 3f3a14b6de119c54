import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as ipc from "../../ipc";
import { CommandError } from "../../ipc";
import * as plugins from "../../ipc/plugins";
import { App } from "../../app/App";
import { dcDemo, dcProbe } from "../wizard/test-fixtures";

vi.mock("../../ipc", async (importOriginal) => {
  const { mockCommands } = await import("../wizard/test-fixtures");
  return mockCommands(await importOriginal());
});
vi.mock("../../ipc/plugins");

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.connectionsList).mockResolvedValue([]);
  vi.mocked(plugins.copyText).mockResolvedValue(undefined);
});

describe("demo mode from the welcome screen", () => {
  it("starts the demo site, probes it and keeps its credentials beside the wizard", async () => {
    vi.mocked(ipc.demoStart).mockResolvedValue(dcDemo);
    vi.mocked(ipc.wizardProbe).mockResolvedValue(dcProbe);
    render(<App />);
    await userEvent.click(
      await screen.findByRole("button", { name: "Try a demo Data Center site" }),
    );
    expect(ipc.demoStart).toHaveBeenCalledWith("dataCenter");
    expect(
      await screen.findByRole("heading", { level: 2, name: "How do you want to sign in?" }),
    ).toBeVisible();
    expect(ipc.wizardProbe).toHaveBeenCalledTimes(1);
    expect(ipc.wizardProbe).toHaveBeenCalledWith("http://127.0.0.1:47011", {
      caCertPath: null,
      proxy: null,
    });

    const panel = screen.getByRole("region", { name: "Demo site credentials" });
    expect(panel).toHaveTextContent("alice");
    expect(panel).toHaveTextContent("alice-pass");
    expect(panel).toHaveTextContent("demo-client");
    await userEvent.click(
      within(panel).getByRole("button", { name: "Copy password for Alice Admin" }),
    );
    expect(plugins.copyText).toHaveBeenCalledWith("alice-pass");

    // Back to step 1: the URL is the demo site's, and the panel is still there.
    await userEvent.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.getByRole("textbox", { name: "Jira URL" })).toHaveValue("http://127.0.0.1:47011");
    expect(screen.getByRole("region", { name: "Demo site credentials" })).toBeVisible();
  });

  it("says why when the demo site cannot start", async () => {
    vi.mocked(ipc.demoStart).mockRejectedValue(
      new CommandError({ kind: "internal", message: "No loopback port is free." }),
    );
    render(<App />);
    await userEvent.click(await screen.findByRole("button", { name: "Try a demo Cloud site" }));
    expect(ipc.demoStart).toHaveBeenCalledWith("cloud");
    expect(await screen.findByRole("alert")).toHaveTextContent("No loopback port is free.");
    expect(screen.getByRole("button", { name: "Try a demo Cloud site" })).toBeEnabled();
  });
});
