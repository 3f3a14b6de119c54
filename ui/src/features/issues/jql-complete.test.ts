import { describe, expect, it } from "vitest";
import type { JqlAutocompleteData } from "../../ipc/issues";
import { applySuggestion, completionAt, localSuggestions, plainLabel, quoteValue } from "./jql-complete";

const at = (text: string) => completionAt(text, text.length);

const data: JqlAutocompleteData = {
  visibleFieldNames: [
    { value: "project", displayName: "project", operators: ["=", "!=", "in", "not in"], types: [] },
    { value: "priority", displayName: "priority", operators: ["=", "in"], types: [] },
    { value: "cf[10010]", displayName: "Colour - cf[10010]", operators: ["="], types: [] },
  ],
  visibleFunctionNames: [{ value: "currentUser()", displayName: "currentUser()", types: [] }],
  jqlReservedWords: ["and", "or"],
};

describe("completionAt", () => {
  it("completes fields at the start, after AND/OR/NOT/( and in ORDER BY", () => {
    expect(at("")).toEqual({ kind: "field", prefix: "", from: 0 });
    expect(at("pro")).toEqual({ kind: "field", prefix: "pro", from: 0 });
    expect(at("project = A AND pri")).toEqual({ kind: "field", prefix: "pri", from: 16 });
    expect(at("(stat")).toEqual({ kind: "field", prefix: "stat", from: 1 });
    expect(at("project = A ORDER BY upd")).toMatchObject({ kind: "field", prefix: "upd" });
    expect(at("project = A ORDER BY key, upd")).toMatchObject({ kind: "field", prefix: "upd" });
  });

  it("completes the operators of the field before the caret", () => {
    expect(at("project ")).toEqual({ kind: "operator", field: "project", prefix: "", from: 8 });
    expect(at("a = 1 and Priority i")).toMatchObject({ kind: "operator", field: "Priority" });
  });

  it("completes values after an operator and inside IN lists", () => {
    expect(at("project = DE")).toEqual({ kind: "value", field: "project", prefix: "DE", from: 10 });
    expect(at("assignee != \"Mia K")).toMatchObject({ kind: "value", field: "assignee", prefix: "\"Mia K" });
    expect(at("project in (A, B")).toMatchObject({ kind: "value", field: "project", prefix: "B" });
    expect(at("project not in (")).toMatchObject({ kind: "value", field: "project", prefix: "" });
    expect(at("status is not ")).toMatchObject({ kind: "value", field: "status" });
  });

  it("completes nothing after a value", () => {
    expect(at("project = A ")).toBeNull();
  });
});

describe("suggestions", () => {
  it("filters fields and operators from the autocomplete data", () => {
    expect(localSuggestions({ kind: "field", prefix: "pr", from: 0 }, data).map((s) => s.insert)).toEqual([
      "project",
      "priority",
    ]);
    expect(localSuggestions({ kind: "field", prefix: "col", from: 0 }, data)[0]?.insert).toBe("cf[10010]");
    expect(
      localSuggestions({ kind: "operator", field: "project", prefix: "n", from: 8 }, data).map((s) => s.insert),
    ).toEqual(["not in"]);
    expect(
      localSuggestions({ kind: "value", field: "assignee", prefix: "cur", from: 0 }, data)[0]?.insert,
    ).toBe("currentUser()");
  });

  it("inserts values quoted when needed", () => {
    expect(quoteValue("DEMO")).toBe("DEMO");
    expect(quoteValue("Mia Krystof")).toBe('"Mia Krystof"');
    expect(quoteValue('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteValue("currentUser()")).toBe("currentUser()");
    const completion = { kind: "value", field: "assignee", prefix: '"Mia', from: 11 } as const;
    expect(applySuggestion('assignee = "Mia ORDER BY key', 15, completion, "Mia Krystof")).toEqual({
      text: 'assignee = "Mia Krystof" ORDER BY key',
      caret: 25,
    });
    expect(plainLabel("<b>Mi</b>a Krystof")).toBe("Mia Krystof");
  });
});
