import { act, fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PANEL_MAX, PANEL_MIN, PanelResizer, usePanelSplit } from "./PanelResizer";

/** Lets the page draw (the handle then reads the panel's drawn width again). */
const frame = () => act(() => new Promise<void>((done) => requestAnimationFrame(() => done())));

function Page() {
  const split = usePanelSplit();
  return (
    <div data-testid="page" style={split.style}>
      <PanelResizer split={split} />
      <aside>panel</aside>
    </div>
  );
}

beforeEach(() => {
  localStorage.clear();
  // jsdom draws nothing: the panel says it is 400px wide.
  vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockReturnValue(
    DOMRect.fromRect({ width: 400, height: 600 }),
  );
});
afterEach(() => vi.restoreAllMocks());

describe("the split between the issue list and the issue panel", () => {
  it("moves with the arrow keys and by dragging, remembered for next time", async () => {
    const { unmount } = render(<Page />);
    const handle = screen.getByRole("separator", { name: "Resize issue panel" });
    expect(handle).toHaveAttribute("aria-orientation", "vertical");
    expect(handle).toHaveAttribute("aria-valuenow", "400");
    const width = () => screen.getByTestId("page").style.getPropertyValue("--detail-width");
    handle.focus();
    // Left widens the panel (the handle moves left), right narrows it.
    await userEvent.keyboard("{ArrowLeft}");
    expect(width()).toBe("424px");
    await frame();
    await userEvent.keyboard("{Shift>}{ArrowRight}{/Shift}");
    expect(width()).toBe("304px");
    await frame();
    // Keys faster than the page draws step on from the last one asked for.
    await userEvent.keyboard("{ArrowLeft}{ArrowLeft}");
    expect(width()).toBe("448px");
    await frame();
    await userEvent.keyboard("{Home}");
    expect(width()).toBe(`${PANEL_MAX}px`);
    await userEvent.keyboard("{End}");
    expect(width()).toBe(`${PANEL_MIN}px`);
    fireEvent.pointerDown(handle, { clientX: 500, pointerId: 1 });
    fireEvent.pointerMove(handle, { clientX: 400, pointerId: 1 });
    fireEvent.pointerUp(handle, { pointerId: 1 });
    expect(width()).toBe("500px");
    expect(localStorage.getItem("jiffy.issuePanel.width")).toBe("500");
    unmount();
    localStorage.setItem("jiffy.issuePanel.width", "444");
    render(<Page />);
    expect(screen.getByTestId("page").style.getPropertyValue("--detail-width")).toBe("444px");
  });

  it("keeps the list beside it at least 320px wide", async () => {
    function WithList() {
      const split = usePanelSplit();
      return (
        <div data-testid="page" style={split.style}>
          <main>list</main>
          <PanelResizer split={split} />
          <aside>panel</aside>
        </div>
      );
    }
    render(<WithList />);
    screen.getByRole("separator", { name: "Resize issue panel" }).focus();
    // Panel and list are both drawn 400px wide: the panel may take 80px of the list.
    await userEvent.keyboard("{Home}");
    expect(screen.getByTestId("page").style.getPropertyValue("--detail-width")).toBe("480px");
  });

  it("ignores a stored width out of bounds", () => {
    localStorage.setItem("jiffy.issuePanel.width", "5");
    render(<Page />);
    expect(screen.getByTestId("page").style.getPropertyValue("--detail-width")).toBe("");
  });
});
