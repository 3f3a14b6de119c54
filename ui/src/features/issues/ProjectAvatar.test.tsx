import { render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CommandError } from "../../ipc";
import * as avatars from "../../ipc/avatars";
import * as issues from "../../ipc/issues";
import type { Project } from "../../ipc/issues";
import { ProjectAvatar, projectLetter } from "./ProjectAvatar";
import { ProjectList } from "./ProjectList";

vi.mock("../../ipc/avatars");
vi.mock("../../ipc/issues");

const urls = {
  "16x16": "https://jira.example.com/secure/projectavatar?size=xsmall&pid=1&avatarId=501",
  "24x24": "https://jira.example.com/secure/projectavatar?size=small&pid=1&avatarId=501",
  "48x48": "https://jira.example.com/secure/projectavatar?size=large&pid=1&avatarId=501",
};

function project(more: Partial<Project> = {}): Project {
  return {
    id: "1",
    key: "DEMO",
    name: "Demo project",
    issueTypes: [],
    components: [],
    versions: [],
    archived: false,
    avatarUrls: urls,
    ...more,
  };
}

beforeEach(() => {
  vi.resetAllMocks();
});

describe("project avatars", () => {
  it("shows the image Rust fetched, decorative beside the name", async () => {
    vi.mocked(avatars.avatarGet).mockResolvedValue("data:image/png;base64,iVBORw0KGgo=");
    const { container } = render(<ProjectAvatar connection="c1" project={project()} />);
    // The letter while it loads; the 24px image for a 20px avatar (sharp, not blown up).
    expect(container).toHaveTextContent("D");
    expect(avatars.avatarGet).toHaveBeenCalledWith("c1", urls["24x24"]);
    await waitFor(() =>
      expect(container.querySelector("img")).toHaveAttribute(
        "src",
        "data:image/png;base64,iVBORw0KGgo=",
      ),
    );
    expect(container.querySelector("img")).toHaveAttribute("alt", "");
  });

  it("keeps the letter when there is no image to be had", async () => {
    vi.mocked(avatars.avatarGet).mockRejectedValue(
      new CommandError({ kind: "invalidInput", message: "not on this site" }),
    );
    const { container } = render(<ProjectAvatar connection="c1" project={project()} />);
    await waitFor(() => expect(avatars.avatarGet).toHaveBeenCalled());
    await Promise.resolve();
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector('[aria-hidden="true"]')).toHaveTextContent("D");
    render(<ProjectAvatar connection="c1" project={project({ avatarUrls: undefined, name: "ops" })} />);
    expect(avatars.avatarGet).toHaveBeenCalledTimes(1);
    expect(projectLetter({ name: "  ", key: "ZED" })).toBe("Z");
    expect(projectLetter({ name: "éclair", key: "E" })).toBe("É");
  });

  it("are in the project list, which keeps each button named by project and key", async () => {
    vi.mocked(avatars.avatarGet).mockResolvedValue("data:image/png;base64,iVBORw0KGgo=");
    vi.mocked(issues.projectsList).mockResolvedValue([
      project(),
      project({ id: "2", key: "OPS", name: "Operations", avatarUrls: undefined }),
    ]);
    render(<ProjectList connection="c1" selected={null} onChoose={vi.fn()} />);
    const demo = await screen.findByRole("button", { name: "Demo project DEMO" });
    await waitFor(() => expect(within(demo).getByRole("presentation")).toBeInTheDocument());
    const ops = screen.getByRole("button", { name: "Operations OPS" });
    expect(ops.querySelector("img")).toBeNull();
    expect(ops).toHaveTextContent("O");
  });
});
