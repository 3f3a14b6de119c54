import { render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CommandError } from "../../ipc";
import * as api from "../../ipc/comments-attachments";
import type { Project } from "../../ipc/issues";
import { ProjectAvatar } from "./Avatar";

vi.mock("../../ipc/comments-attachments");

function project(more: Partial<Project> = {}): Project {
  return {
    id: "10000",
    key: "DEMO",
    name: "Demo Project",
    issueTypes: [],
    components: [],
    versions: [],
    archived: false,
    ...more,
  };
}

const urls = {
  "16x16": "https://jira.example.com/secure/projectavatar?size=xsmall&pid=10000",
  "48x48": "https://jira.example.com/secure/projectavatar?pid=10000",
};

beforeEach(() => {
  vi.resetAllMocks();
});

describe("ProjectAvatar", () => {
  it("shows the image Rust fetched, at the size asked for", async () => {
    vi.mocked(api.userAvatar).mockResolvedValue("data:image/png;base64,AAAA");
    const { container } = render(
      <ProjectAvatar connection="c1" project={project({ avatarUrls: urls })} />,
    );
    expect(api.userAvatar).toHaveBeenCalledWith("c1", urls["16x16"]);
    await vi.waitFor(() =>
      expect(container.querySelector("img")).toHaveAttribute("src", "data:image/png;base64,AAAA"),
    );
  });

  it("falls back to the project's initials when there is no image", async () => {
    vi.mocked(api.userAvatar).mockRejectedValue(
      new CommandError({ kind: "invalidInput", message: "not a raster image" }),
    );
    const { container } = render(
      <ProjectAvatar connection="c1" project={project({ avatarUrls: urls })} size={24} />,
    );
    expect(api.userAvatar).toHaveBeenCalledWith("c1", urls["48x48"]);
    // After the refusal settles, the initials stay and no image appears.
    await vi.waitFor(() => expect(vi.mocked(api.userAvatar).mock.results[0]?.type).toBe("return"));
    await Promise.resolve();
    expect(screen.getByText("DP")).toBeInTheDocument();
    expect(container.querySelector("img")).toBeNull();
    render(<ProjectAvatar connection="c1" project={project({ name: "Ops" })} />);
    expect(screen.getByText("O")).toBeInTheDocument();
  });
});
