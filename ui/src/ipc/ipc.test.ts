import { describe, expect, it } from "vitest";
import { toIpcError } from "./index";

describe("toIpcError", () => {
  it("keeps typed errors from Rust as they are", () => {
    const e = { kind: "rateLimited", message: "slow down", retryAfterSecs: 5 };
    expect(toIpcError(e)).toBe(e);
  });

  it("wraps plain strings and Errors as internal errors", () => {
    expect(toIpcError("command app_info not allowed")).toEqual({
      kind: "internal",
      message: "command app_info not allowed",
    });
    expect(toIpcError(new Error("boom"))).toEqual({ kind: "internal", message: "boom" });
  });
});
