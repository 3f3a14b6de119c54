// Creating issues: the create dialog (createmeta-driven form with drafts) and its button.
export { CreateIssueButton } from "./CreateIssueButton";
export { CreateIssueDialog } from "./CreateIssueDialog";
