import type { SectionId } from "./sections";
import { SECTIONS } from "./sections";

/** The app's main navigation. Each entry is a button; the current one is `aria-current`. */
export function Sidebar({
  current,
  onSelect,
}: {
  current: SectionId;
  onSelect: (section: SectionId) => void;
}) {
  return (
    <nav className="sidebar" aria-label="Main">
      <button
        type="button"
        className="brand"
        onClick={() => onSelect("welcome")}
        aria-label="Jiffy home"
        aria-current={current === "welcome" ? "page" : undefined}
      >
        <img src="/icon.png" alt="" width={28} height={28} />
        <span>Jiffy</span>
      </button>
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="nav-item"
              title={s.hint}
              aria-current={current === s.id ? "page" : undefined}
              onClick={() => onSelect(s.id)}
            >
              <span className="nav-icon" aria-hidden="true">
                {ICONS[s.id]}
              </span>
              {s.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// Small inline glyphs keep the shell dependency-free; they are decorative (aria-hidden).
const ICONS: Record<(typeof SECTIONS)[number]["id"], string> = {
  connections: "⇄",
  issues: "☰",
  search: "⌕",
  console: "›_",
  settings: "⚙",
};
