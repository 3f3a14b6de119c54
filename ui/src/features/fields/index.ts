// The field widgets every issue form uses (edit in place, transition screens, create).
export { FieldInput } from "./FieldInput";
export type { FieldInputProps } from "./FieldInput";
export type { FieldValue } from "./model";
export {
  emptyValue,
  fromJiraValue,
  isEmptyValue,
  isMulti,
  isPicker,
  rememberUser,
  toSubmitValue,
  userLabel,
} from "./model";
