import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CommandError } from "../../ipc";
import * as api from "../../ipc/comments-attachments";
import type { User } from "../../ipc/comments-attachments";
import { avatarUrl, initials } from "./Avatar";
import { UserCard } from "./UserCard";
import { UserSearch } from "./UserSearch";

vi.mock("../../ipc/comments-attachments");

const mia: User = {
  name: "mia",
  displayName: "Mia Krystof",
  emailAddress: "mia@example.com",
  active: true,
  timeZone: "Europe/Berlin",
  avatarUrls: {
    "24x24": "https://jira.example.com/secure/useravatar?size=small&ownerId=mia",
    "48x48": "https://jira.example.com/secure/useravatar?ownerId=mia",
  },
  groups: { size: 2, items: [{ name: "jira-users" }, { name: "developers" }] },
};

beforeEach(() => {
  vi.resetAllMocks();
});

describe("UserCard", () => {
  it("shows name, email, groups and the avatar Rust fetched", async () => {
    vi.mocked(api.userGet).mockResolvedValue(mia);
    vi.mocked(api.userAvatar).mockResolvedValue("data:image/png;base64,AAAA");
    render(<UserCard connection="c1" id={{ kind: "name", value: "mia" }} />);
    const card = await screen.findByRole("article", { name: "User Mia Krystof" });
    expect(api.userGet).toHaveBeenCalledWith("c1", { kind: "name", value: "mia" });
    expect(card).toHaveTextContent("mia@example.com");
    expect(card).toHaveTextContent("jira-users, developers");
    expect(card).toHaveTextContent("Europe/Berlin");
    await vi.waitFor(() => expect(card.querySelector("img")).toHaveAttribute("src", "data:image/png;base64,AAAA"));
    expect(api.userAvatar).toHaveBeenCalledWith("c1", mia.avatarUrls?.["48x48"]);
  });

  it("says when the email is hidden and falls back to initials", async () => {
    vi.mocked(api.userGet).mockResolvedValue({
      accountId: "5b10",
      displayName: "Ana Lopez",
      active: false,
      groups: { size: 3, items: [] },
    });
    render(<UserCard connection="c1" id={{ kind: "accountId", value: "5b10" }} />);
    const card = await screen.findByRole("article", { name: "User Ana Lopez" });
    expect(card).toHaveTextContent("EmailHidden");
    expect(card).toHaveTextContent("Inactive");
    expect(card).toHaveTextContent("3 (names not shown to this account)");
    expect(card).toHaveTextContent("AL");
    expect(api.userAvatar).not.toHaveBeenCalled();
  });

  it("shows why a user could not be loaded", async () => {
    vi.mocked(api.userGet).mockRejectedValue(
      new CommandError({ kind: "notFound", message: "The user nobody does not exist." }),
    );
    render(<UserCard connection="c1" id={{ kind: "name", value: "nobody" }} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("The user nobody does not exist.");
  });
});

describe("UserSearch", () => {
  it("searches as you type and shows the chosen user's card", async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    vi.mocked(api.usersSearch).mockResolvedValue([mia]);
    vi.mocked(api.userGet).mockResolvedValue(mia);
    vi.mocked(api.userAvatar).mockRejectedValue(new CommandError({ kind: "notFound", message: "x" }));
    render(<UserSearch connection="c1" onSelect={onSelect} />);
    await user.type(screen.getByRole("searchbox", { name: "Search users" }), "mi");
    const found = await screen.findByRole("list", { name: "Users found" });
    // One request after typing stops, not one per key.
    expect(api.usersSearch).toHaveBeenCalledTimes(1);
    expect(api.usersSearch).toHaveBeenCalledWith("c1", "mi");
    await user.click(within(found).getByRole("button", { name: /Mia Krystof/ }));
    expect(onSelect).toHaveBeenCalledWith(mia);
    expect(await screen.findByRole("article", { name: "User Mia Krystof" })).toBeInTheDocument();
    expect(within(found).getByRole("button", { name: /Mia Krystof/ })).toHaveAttribute("aria-pressed", "true");
  });

  it("says when nobody matches", async () => {
    const user = userEvent.setup();
    vi.mocked(api.usersSearch).mockResolvedValue([]);
    render(<UserSearch connection="c1" />);
    await user.type(screen.getByRole("searchbox", { name: "Search users" }), "zz");
    expect(await screen.findByText("No users match “zz”.")).toBeInTheDocument();
  });
});

describe("avatars", () => {
  it("picks the smallest avatar at least as big as asked, else the largest", () => {
    expect(avatarUrl(mia, 24)).toBe(mia.avatarUrls?.["24x24"]);
    expect(avatarUrl(mia, 32)).toBe(mia.avatarUrls?.["48x48"]);
    expect(avatarUrl({ ...mia, avatarUrls: { "16x16": "s" } }, 48)).toBe("s");
    expect(avatarUrl({ ...mia, avatarUrls: undefined }, 48)).toBeNull();
    expect(initials("mia  krystof lee")).toBe("MK");
  });
});
