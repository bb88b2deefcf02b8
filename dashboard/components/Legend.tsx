/**
 * A searchable legend for charts with many series: a search box, a count,
 * and one toggle per series (colour swatch and dash shown).
 *
 * @module
 */

/** One legend item. */
export interface LegendItem {
  key: string;
  label: string;
  color: string;
  dashed: boolean;
  hidden: boolean;
}

/** Props of {@link Legend}. */
export interface LegendProps {
  items: LegendItem[];
  query: string;
  onQuery: (q: string) => void;
  onToggle: (key: string) => void;
  /** Series removed by the query, for the count. */
  filtered?: number;
}

/**
 * A searchable legend.
 *
 * @example
 * ```tsx
 * import { Legend } from "./Legend.tsx";
 * const l = <Legend items={[]} query="" onQuery={() => {}} onToggle={() => {}} />;
 * ```
 */
export function Legend({ items, query, onQuery, onToggle, filtered = 0 }: LegendProps) {
  return (
    <div class="legend">
      <label class="search">
        Search series{" "}
        <input
          type="search"
          name="q"
          value={query}
          placeholder="e.g. sigreg or laplace"
          onInput={(e) => onQuery((e.target as HTMLInputElement).value)}
        />
      </label>
      <span class="muted">
        {items.length} series shown{filtered > 0 ? `, ${filtered} filtered out` : ""}
      </span>
      <ul>
        {items.map((it) => (
          <li key={it.key}>
            <button
              type="button"
              class={it.hidden ? "off" : ""}
              aria-pressed={!it.hidden}
              onClick={() => onToggle(it.key)}
              title={it.label}
            >
              <span
                class={it.dashed ? "swatch dashed" : "swatch"}
                data-color={it.color}
                style={{ borderColor: it.color, background: it.dashed ? "transparent" : it.color }}
              />
              {it.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
