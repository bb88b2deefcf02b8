/**
 * Light/dark switch. "auto" follows the system; the choice is kept in
 * localStorage and charts redraw on the `themechange` event.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";

const NEXT: Record<string, string> = { auto: "light", light: "dark", dark: "auto" };

/**
 * The theme switch island.
 *
 * @example
 * ```tsx
 * import { ThemeToggle } from "./ThemeToggle.tsx";
 * const t = <ThemeToggle />;
 * ```
 */
export function ThemeToggle() {
  const [theme, setTheme] = useState("auto");
  useEffect(() => setTheme(document.documentElement.dataset.theme ?? "auto"), []);
  const cycle = () => {
    const next = NEXT[theme] ?? "auto";
    if (next === "auto") {
      delete document.documentElement.dataset.theme;
      localStorage.removeItem("jepa-bench-theme");
    } else {
      document.documentElement.dataset.theme = next;
      localStorage.setItem("jepa-bench-theme", next);
    }
    setTheme(next);
    dispatchEvent(new Event("themechange"));
  };
  return (
    <button type="button" class="theme" onClick={cycle} title="Switch light / dark theme">
      Theme: {theme}
    </button>
  );
}
