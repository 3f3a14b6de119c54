import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { App } from "./App";

describe("the application shell", () => {
  it("opens on the welcome screen with the sidebar sections", () => {
    render(<App />);
    expect(screen.getByRole("heading", { level: 1, name: "Welcome to Jiffy" })).toBeVisible();
    const nav = screen.getByRole("navigation", { name: "Main" });
    for (const name of ["Connections", "Issues", "Search", "Console", "Settings"]) {
      expect(within(nav).getByRole("button", { name })).toBeVisible();
    }
    // The wizard is not built: its button says so instead of pretending.
    expect(screen.getByRole("button", { name: "Connect to Jira" })).toBeDisabled();
  });

  it("marks the current section and says plainly what is not built", async () => {
    render(<App />);
    const issues = screen.getByRole("button", { name: "Issues" });
    await userEvent.click(issues);
    expect(issues).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("heading", { level: 1, name: "Issues" })).toBeVisible();
    expect(screen.getByRole("status")).toHaveTextContent("Not built yet");
  });

  it("shows the app_info command's answer in Settings", async () => {
    mockIPC((cmd) => {
      if (cmd === "app_info") {
        return {
          name: "Jiffy",
          version: "9.8.7",
          os: "linux",
          arch: "x86_64",
          configDir: "/home/u/.config/dev.jiffy.desktop",
          dataDir: "/home/u/.local/share/dev.jiffy.desktop",
        };
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(<App />);
    await userEvent.click(screen.getByRole("button", { name: "Settings" }));
    expect(await screen.findByText("Jiffy 9.8.7")).toBeVisible();
    expect(screen.getByText("/home/u/.config/dev.jiffy.desktop")).toBeVisible();
  });

  it("explains a failed command instead of showing nothing", async () => {
    mockIPC(() => {
      throw { kind: "internal", message: "The app's folders are unknown" };
    });
    render(<App />);
    await userEvent.click(screen.getByRole("button", { name: "Settings" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The app's folders are unknown");
  });
});
