import type {
  IssueRow,
  IssuesPage,
  IssueView,
  JqlAutocompleteData,
  Project,
} from "../../ipc/issues";

export const autocomplete: JqlAutocompleteData = {
  visibleFieldNames: [
    { value: "project", displayName: "project", operators: ["=", "!=", "in"], types: [] },
    { value: "priority", displayName: "priority", operators: ["=", "in"], types: [] },
    { value: "status", displayName: "status", operators: ["=", "in"], types: [] },
  ],
  visibleFunctionNames: [{ value: "currentUser()", displayName: "currentUser()", types: [] }],
  jqlReservedWords: ["and", "or", "order", "by"],
};

export const projects: Project[] = [
  { id: "1", key: "DEMO", name: "Demo project", issueTypes: [], components: [], versions: [], archived: false },
  { id: "2", key: "OPS", name: "Operations", issueTypes: [], components: [], versions: [], archived: false },
];

/** `n` rows starting at `from`: DEMO-(from+1)… */
export function rows(n: number, from = 0): IssueRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: String(from + i + 1),
    key: `DEMO-${from + i + 1}`,
    issueType: "Task",
    summary: `Issue number ${from + i + 1}`,
    status: "To Do",
    statusCategory: "new",
    assignee: i % 2 === 0 ? "Mia Krystof" : "",
    priority: "Medium",
    updated: "2024-01-03T10:00:00.000+0000",
    created: "2024-01-02T10:00:00.000+0000",
    reporter: "Bob",
    dueDate: "",
    labels: i % 3 === 0 ? ["ui", "urgent"] : [],
    components: [],
    fixVersions: [],
  }));
}

export function page(issues: IssueRow[], more: Partial<IssuesPage> = {}): IssuesPage {
  return {
    issues,
    total: issues.length,
    totalIsApproximate: false,
    nextStartAt: null,
    nextPageToken: null,
    warnings: [],
    ...more,
  };
}

export function issue(more: Partial<IssueView> = {}): IssueView {
  return {
    id: "1",
    key: "DEMO-1",
    summary: "Printer on fire",
    status: {
      id: "3",
      name: "In Progress",
      statusCategory: { id: 4, key: "indeterminate", name: "In Progress" },
    },
    issueType: { id: "1", name: "Bug", subtask: false },
    priority: { id: "2", name: "High" },
    assignee: { displayName: "Mia Krystof", active: true },
    reporter: { displayName: "Bob", active: true },
    created: "2024-01-02T10:00:00.000+0000",
    updated: "2024-01-03T10:00:00.000+0000",
    labels: ["hardware"],
    components: ["Printers"],
    fixVersions: ["2.0"],
    parent: null,
    subtasks: [],
    links: [],
    attachments: [
      {
        id: "100",
        filename: "smoke.png",
        size: 2048,
        mimeType: "image/png",
        author: "Bob",
        created: "2024-01-02T11:00:00.000+0000",
      },
    ],
    descriptionHtml: "<p>Safe <b>bold</b></p>",
    fields: [
      { id: "customfield_10010", name: "Colour", value: { value: "Red" }, text: "Red", kind: "select" },
    ],
    comments: [],
    commentsTotal: 0,
    ...more,
  };
}
