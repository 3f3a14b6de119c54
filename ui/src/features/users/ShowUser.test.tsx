import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../../ipc/comments-attachments";
import type { User } from "../../ipc/comments-attachments";
import { ShowUser } from "./ShowUser";

vi.mock("../../ipc/comments-attachments");

const ana: User = { accountId: "5b10a2844c20165700ede21g", displayName: "Ana Lee", active: true };

beforeEach(() => {
  vi.resetAllMocks();
});

describe("ShowUser", () => {
  it("opens the user's card in a dialog and closes it again", async () => {
    vi.mocked(api.userGet).mockResolvedValue({ ...ana, emailAddress: "ana@example.com" });
    render(<ShowUser connection="c1" user={ana} />);
    expect(api.userGet).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole("button", { name: "Show Ana Lee" }));
    const dialog = screen.getByRole("dialog", { name: "Ana Lee" });
    const card = await within(dialog).findByRole("article", { name: "User Ana Lee" });
    expect(api.userGet).toHaveBeenCalledWith("c1", {
      kind: "accountId",
      value: "5b10a2844c20165700ede21g",
    });
    expect(card).toHaveTextContent("ana@example.com");

    await userEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Show Ana Lee" })).toHaveFocus();
  });

  it("offers no card for a user without an id, or no user", () => {
    const { container } = render(
      <>
        <ShowUser connection="c1" user={{ displayName: "Former user", active: false }} />
        <ShowUser connection="c1" user={null} />
      </>,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
