/**
 * A labelled select box for filters.
 *
 * @module
 */

/** Props of {@link Select}. */
export interface SelectProps {
  label: string;
  name: string;
  value: string;
  options: [value: string, label: string][];
  onChange: (value: string) => void;
}

/**
 * A labelled select box.
 *
 * @example
 * ```tsx
 * import { Select } from "./Select.tsx";
 * const s = <Select label="Backend" name="backend" value="" options={[["", "all"]]} onChange={() => {}} />;
 * ```
 */
export function Select({ label, name, value, options, onChange }: SelectProps) {
  return (
    <label class="field">
      <span>{label}</span>
      <select
        name={name}
        value={value}
        onChange={(e) => onChange((e.target as HTMLSelectElement).value)}
      >
        {options.map(([v, l]) => <option key={v} value={v} selected={v === value}>{l}</option>)}
      </select>
    </label>
  );
}
