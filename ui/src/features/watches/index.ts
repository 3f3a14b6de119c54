export { WatchesPanel } from "./WatchesPanel";
export { WatchThisSearch } from "./WatchThisSearch";
export { PreferencesPanel } from "./PreferencesPanel";
