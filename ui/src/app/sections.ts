/** The top-level places of the app, in sidebar order. */
export const SECTIONS = [
  { id: "connections", label: "Connections", hint: "Your Jira sites and how Jiffy signs in to them" },
  { id: "issues", label: "Issues", hint: "Projects and their issues" },
  { id: "search", label: "Search", hint: "Find issues with JQL" },
  { id: "console", label: "Console", hint: "Call any Jira REST endpoint" },
  { id: "settings", label: "Settings", hint: "Preferences and information about Jiffy" },
] as const;

export type SectionId = (typeof SECTIONS)[number]["id"] | "welcome";
