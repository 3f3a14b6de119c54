import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as ipc from "../../ipc";
import { CommandError } from "../../ipc";
import { Connections } from "./Connections";
import { alice, view } from "../wizard/test-fixtures";

vi.mock("../../ipc", async (importOriginal) => {
  const { mockCommands } = await import("../wizard/test-fixtures");
  return mockCommands(await importOriginal());
});
vi.mock("../../ipc/plugins");

const acme = view({}, true);
const corp = view({
  id: "c2",
  name: "Corp",
  baseUrl: "https://jira.corp",
  deployment: "dataCenter",
  auth: { method: "pat", username: "bob" },
});
const old = view({
  id: "c3",
  name: "Old",
  baseUrl: "https://old.corp",
  deployment: "server",
  auth: { method: "basic", username: "carol" },
});

const revoked = view({
  id: "c4",
  name: "Revoked",
  baseUrl: "https://r.corp",
  deployment: "dataCenter",
  auth: {
    method: "oauth2",
    clientId: "x",
    scopes: ["WRITE"],
    redirectPort: 8765,
    redirectUri: null,
    cloudId: null,
    authHost: null,
    apiHost: null,
  },
});

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.connectionsList).mockResolvedValue([acme, corp, old, revoked]);
  vi.mocked(ipc.connectionTest).mockImplementation(async (id) => {
    if (id === "c2")
      throw new CommandError({ kind: "tokenExpired", message: "The token expired." });
    if (id === "c3")
      throw new CommandError({ kind: "network", message: "old.corp did not answer." });
    if (id === "c4") throw new CommandError({ kind: "unauthorized", message: "Token revoked." });
    return alice;
  });
});

function renderPage() {
  const onReconnect = vi.fn();
  render(<Connections notice={null} onAdd={vi.fn()} onReconnect={onReconnect} />);
  return { onReconnect };
}

describe("the Connections page", () => {
  it("lists every connection and tests each one", async () => {
    const { onReconnect } = renderPage();
    const table = await screen.findByRole("table", { name: "Connections" });
    const acmeRow = within(table).getByRole("row", { name: /ACME/ });
    expect(acmeRow).toHaveTextContent("Default");
    expect(acmeRow).toHaveTextContent("https://acme.atlassian.net");
    expect(acmeRow).toHaveTextContent("API token");
    expect(acmeRow).toHaveTextContent("alice@example.com");
    expect(await within(acmeRow).findByText("Connected as Alice Admin")).toBeVisible();
    expect(within(acmeRow).queryByRole("button", { name: "Make default: ACME" })).toBeNull();

    const corpRow = within(table).getByRole("row", { name: /Corp/ });
    expect(corpRow).toHaveTextContent("Personal access token");
    expect(await within(corpRow).findByText("Sign-in expired")).toBeVisible();
    const reconnect = within(corpRow).getByRole("button", { name: "Reconnect Corp" });
    expect(reconnect).toHaveClass("primary");
    await userEvent.click(reconnect);
    expect(onReconnect).toHaveBeenCalledWith(corp);

    const oldRow = within(table).getByRole("row", { name: /Old/ });
    expect(await within(oldRow).findByText("old.corp did not answer.")).toBeVisible();
    expect(within(oldRow).getByRole("button", { name: "Reconnect Old" })).not.toHaveClass(
      "primary",
    );
    const revokedRow = within(table).getByRole("row", { name: /Revoked/ });
    expect(revokedRow).toHaveTextContent("OAuth 2.0");
    expect(await within(revokedRow).findByText("Sign-in expired")).toBeVisible();
    expect(within(revokedRow).getByRole("button", { name: "Reconnect Revoked" })).toHaveClass(
      "primary",
    );
    expect(ipc.connectionTest).toHaveBeenCalledTimes(4);

    // Test again on demand.
    vi.mocked(ipc.connectionTest).mockResolvedValueOnce({ ...alice, displayName: "Carol" });
    await userEvent.click(within(oldRow).getByRole("button", { name: "Test Old" }));
    expect(await within(oldRow).findByText("Connected as Carol")).toBeVisible();
  });

  it("removes a connection after confirming in a dialog; Esc closes it", async () => {
    vi.mocked(ipc.connectionRemove).mockResolvedValue(corp.connection);
    renderPage();
    const remove = await screen.findByRole("button", { name: "Remove Corp" });
    await userEvent.click(remove);
    let dialog = screen.getByRole("dialog", { name: "Remove Corp?" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(dialog).toHaveTextContent("system keyring");
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(remove).toHaveFocus();
    expect(ipc.connectionRemove).not.toHaveBeenCalled();

    await userEvent.click(remove);
    dialog = screen.getByRole("dialog", { name: "Remove Corp?" });
    vi.mocked(ipc.connectionsList).mockResolvedValue([acme, old]);
    await userEvent.click(within(dialog).getByRole("button", { name: "Remove connection" }));
    expect(ipc.connectionRemove).toHaveBeenCalledWith("c2");
    expect(await screen.findByRole("status")).toHaveTextContent("Removed “Corp”.");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.queryByRole("row", { name: /Corp/ })).toBeNull();
  });

  it("renames inline, and keeps the typed name when the rename fails", async () => {
    vi.mocked(ipc.connectionRename)
      .mockRejectedValueOnce(
        new CommandError({ kind: "invalidInput", message: "A connection named ACME exists." }),
      )
      .mockResolvedValueOnce({ ...old.connection, name: "Legacy" });
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Rename Old" }));
    const field = screen.getByRole("textbox", { name: "New name for Old" });
    expect(field).toHaveValue("Old");
    await userEvent.clear(field);
    await userEvent.type(field, "ACME{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("A connection named ACME exists.");
    expect(field).toHaveValue("ACME");

    vi.mocked(ipc.connectionsList).mockResolvedValue([
      acme,
      corp,
      view({ ...old.connection, name: "Legacy" }),
    ]);
    await userEvent.clear(field);
    await userEvent.type(field, "Legacy");
    await userEvent.click(screen.getByRole("button", { name: "Save name" }));
    expect(ipc.connectionRename).toHaveBeenLastCalledWith("c3", "Legacy");
    expect(await screen.findByRole("status")).toHaveTextContent("Renamed “Old” to “Legacy”.");
    expect(await screen.findByRole("row", { name: /Legacy/ })).toBeVisible();
  });

  it("makes another connection the default", async () => {
    vi.mocked(ipc.connectionSetDefault).mockResolvedValue(undefined);
    renderPage();
    vi.mocked(ipc.connectionsList).mockResolvedValue([
      view({}, false),
      view(corp.connection, true),
      old,
    ]);
    await userEvent.click(await screen.findByRole("button", { name: "Make default: Corp" }));
    expect(ipc.connectionSetDefault).toHaveBeenCalledWith("c2");
    expect(await screen.findByRole("status")).toHaveTextContent(
      "“Corp” is now the default connection.",
    );
    expect(await screen.findByRole("button", { name: "Make default: ACME" })).toBeVisible();
    expect(screen.queryByRole("button", { name: "Make default: Corp" })).toBeNull();
  });
});
