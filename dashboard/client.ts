/**
 * The islands bundle's entry: find every `div[data-island]`, read its props
 * script and hydrate the matching component (the Fresh way).
 *
 * @module
 */
import { h, hydrate } from "preact";
import type { FunctionComponent } from "preact";
import { HeadToHead } from "./islands/HeadToHead.tsx";
import { History } from "./islands/History.tsx";
import { Leaderboard } from "./islands/Leaderboard.tsx";
import { RunCurves } from "./islands/RunCurves.tsx";
import { ThemeToggle } from "./islands/ThemeToggle.tsx";

// deno-lint-ignore no-explicit-any
const ISLANDS: Record<string, FunctionComponent<any>> = {
  HeadToHead,
  History,
  Leaderboard,
  RunCurves,
  ThemeToggle,
};

for (const el of document.querySelectorAll<HTMLElement>("[data-island]")) {
  const component = ISLANDS[el.dataset.island ?? ""];
  const script = document.getElementById(el.dataset.props ?? "");
  if (!component || !script) {
    console.error(`island "${el.dataset.island}" cannot be hydrated`);
    continue;
  }
  hydrate(h(component, JSON.parse(script.textContent ?? "{}")), el);
}
