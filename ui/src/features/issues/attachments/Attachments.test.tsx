import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CommandError } from "../../../ipc";
import * as api from "../../../ipc/comments-attachments";
import type { AttachmentView, FileDrag } from "../../../ipc/comments-attachments";
import { Attachments } from "./Attachments";

vi.mock("../../../ipc/comments-attachments");

const png: AttachmentView = {
  id: "100",
  filename: "smoke.png",
  size: 2048,
  mimeType: "image/png",
  author: "Mia",
  created: "2024-01-04T10:00:00.000+0000",
};
const log: AttachmentView = { ...png, id: "101", filename: "build.log", mimeType: "text/plain" };

let dragHandler: ((drag: FileDrag) => void) | null = null;
const unlisten = vi.fn();

beforeEach(() => {
  vi.resetAllMocks();
  dragHandler = null;
  vi.mocked(api.onFileDrag).mockImplementation(async (handler) => {
    dragHandler = handler;
    return unlisten;
  });
  vi.mocked(api.attachmentThumbnail).mockResolvedValue("data:image/png;base64,iVBORw0KGgo=");
});

describe("Attachments", () => {
  it("lists the files with previews for images only", async () => {
    render(<Attachments connection="c1" issueKey="DEMO-1" attachments={[png, log]} />);
    const list = screen.getByRole("list", { name: "Attachments" });
    expect(list).toHaveTextContent("smoke.png");
    expect(list).toHaveTextContent("2.0 KB, image/png, Mia");
    const preview = await screen.findByRole("img", { name: "Preview of smoke.png" });
    expect(preview).toHaveAttribute("src", "data:image/png;base64,iVBORw0KGgo=");
    expect(api.attachmentThumbnail).toHaveBeenCalledTimes(1);
    expect(api.attachmentThumbnail).toHaveBeenCalledWith("c1", "100");
  });

  it("uploads several chosen files with a progress line each", async () => {
    const user = userEvent.setup();
    const onChanged = vi.fn();
    vi.mocked(api.chooseFilesToAttach).mockResolvedValue(["/home/me/a.txt", "/home/me/big.iso"]);
    vi.mocked(api.attachmentUpload)
      .mockResolvedValueOnce([{ ...log, id: "200", filename: "a.txt" }])
      .mockRejectedValueOnce(
        new CommandError({
          kind: "validation",
          message: "The file is too large.",
          fieldErrors: {},
        }),
      );
    render(
      <Attachments connection="c1" issueKey="DEMO-1" attachments={[]} onChanged={onChanged} />,
    );
    await user.click(screen.getByRole("button", { name: "Attach files…" }));
    const uploads = await screen.findByRole("list", { name: "Uploads" });
    expect(await within(uploads).findByText("big.iso: failed — The file is too large.")).toBeInTheDocument();
    expect(within(uploads).getByText("a.txt: attached")).toBeInTheDocument();
    expect(api.attachmentUpload).toHaveBeenNthCalledWith(1, "c1", "DEMO-1", "/home/me/a.txt");
    expect(api.attachmentUpload).toHaveBeenNthCalledWith(2, "c1", "DEMO-1", "/home/me/big.iso");
    expect(screen.getByRole("list", { name: "Attachments" })).toHaveTextContent("a.txt");
    expect(onChanged).toHaveBeenLastCalledWith([expect.objectContaining({ filename: "a.txt" })]);
  });

  it("uploads files dropped on the drop zone, and ignores drops elsewhere", async () => {
    vi.mocked(api.attachmentUpload).mockResolvedValue([{ ...log, id: "300", filename: "dropped.txt" }]);
    render(<Attachments connection="c1" issueKey="DEMO-1" attachments={[]} />);
    const zone = screen.getByRole("region", { name: "Drop files here to attach them to DEMO-1" });
    zone.getBoundingClientRect = () =>
      ({ left: 10, right: 110, top: 20, bottom: 80 }) as DOMRect;
    await vi.waitFor(() => expect(dragHandler).not.toBeNull());
    act(() => dragHandler?.({ type: "over", x: 50, y: 50 }));
    expect(zone).toHaveClass("drop-zone-over");
    act(() => dragHandler?.({ type: "drop", x: 500, y: 500, paths: ["/tmp/elsewhere.txt"] }));
    expect(zone).not.toHaveClass("drop-zone-over");
    expect(api.attachmentUpload).not.toHaveBeenCalled();
    act(() => dragHandler?.({ type: "drop", x: 50, y: 50, paths: ["/tmp/dropped.txt"] }));
    expect(await screen.findByText("dropped.txt: attached")).toBeInTheDocument();
    expect(api.attachmentUpload).toHaveBeenCalledWith("c1", "DEMO-1", "/tmp/dropped.txt");
  });

  it("downloads to the path chosen in the save dialog", async () => {
    const user = userEvent.setup();
    vi.mocked(api.chooseSavePath).mockResolvedValueOnce(null).mockResolvedValueOnce("/tmp/s.png");
    vi.mocked(api.attachmentDownload).mockResolvedValue(2048);
    render(<Attachments connection="c1" issueKey="DEMO-1" attachments={[png]} />);
    await user.click(screen.getByRole("button", { name: "Download smoke.png" }));
    expect(api.chooseSavePath).toHaveBeenCalledWith("smoke.png");
    expect(api.attachmentDownload).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Download smoke.png" }));
    expect(api.attachmentDownload).toHaveBeenCalledWith("c1", "100", "/tmp/s.png");
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Saved smoke.png (2.0 KB) to /tmp/s.png",
    );
  });

  it("opens a file with the system's app, and says why a program is not opened", async () => {
    const user = userEvent.setup();
    const script: AttachmentView = { ...log, id: "102", filename: "install.sh" };
    vi.mocked(api.attachmentOpen)
      .mockResolvedValueOnce("/cache/attachments/c1/101/build.log")
      .mockRejectedValueOnce(
        new CommandError({
          kind: "invalidInput",
          message: "“install.sh” could run a program on this computer, so Jiffy does not open it.",
        }),
      );
    render(<Attachments connection="c1" issueKey="DEMO-1" attachments={[log, script]} />);
    await user.click(screen.getByRole("button", { name: "Open build.log" }));
    expect(api.attachmentOpen).toHaveBeenCalledWith("c1", "101", "build.log");
    expect(await screen.findByRole("status")).toHaveTextContent("Opened build.log");
    await user.click(screen.getByRole("button", { name: "Open install.sh" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("could run a program");
  });

  it("deletes after a confirmation naming the file, and shows a refusal", async () => {
    const user = userEvent.setup();
    vi.mocked(api.attachmentDelete)
      .mockRejectedValueOnce(new CommandError({ kind: "forbidden", message: "Not allowed." }))
      .mockResolvedValueOnce(undefined);
    render(<Attachments connection="c1" issueKey="DEMO-1" attachments={[png, log]} />);
    await user.click(screen.getByRole("button", { name: "Delete smoke.png" }));
    const dialog = screen.getByRole("dialog", { name: "Delete smoke.png?" });
    expect(dialog).toHaveTextContent("removed from DEMO-1");
    await user.click(within(dialog).getByRole("button", { name: "Delete attachment" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Not allowed.");
    await user.click(within(dialog).getByRole("button", { name: "Delete attachment" }));
    expect(api.attachmentDelete).toHaveBeenLastCalledWith("c1", "100");
    await vi.waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    const list = screen.getByRole("list", { name: "Attachments" });
    expect(list).not.toHaveTextContent("smoke.png");
    expect(list).toHaveTextContent("build.log");
  });
});
