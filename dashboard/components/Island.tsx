/**
 * Server side of an island: renders the component to HTML and writes its
 * props as JSON beside it, so the client bundle can hydrate it (the Fresh way).
 *
 * @module
 */
import type { ComponentChildren, FunctionComponent } from "preact";

let counter = 0;

/** Restart island ids (called once per page render). */
export function resetIslandIds(): void {
  counter = 0;
}

/**
 * JSON that is safe inside a `<script>` element: `<`, `>`, `&` and the two
 * JavaScript line separators are escaped, so no value can close the element.
 *
 * @example
 * ```ts
 * import { safeJson } from "./Island.tsx";
 * console.log(safeJson({ a: "</script>" })); // {"a":"\u003c/script\u003e"}
 * ```
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Props of {@link Island}. */
export interface IslandProps<P> {
  /** Name the client bundle knows the component by. */
  name: string;
  component: FunctionComponent<P>;
  props: P;
  children?: ComponentChildren;
}

/**
 * Render an island: a props script and a `div[data-island]` holding the
 * server-rendered component.
 *
 * @example
 * ```tsx
 * import { Island } from "./Island.tsx";
 * import { ThemeToggle } from "../islands/ThemeToggle.tsx";
 * const vnode = <Island name="ThemeToggle" component={ThemeToggle} props={{}} />;
 * ```
 */
export function Island<P>({ name, component: C, props }: IslandProps<P>) {
  const id = `island-${counter++}`;
  return (
    <>
      <script
        type="application/json"
        id={id}
        dangerouslySetInnerHTML={{ __html: safeJson(props) }}
      />
      <div data-island={name} data-props={id}>
        {/* @ts-ignore: generic props pass through */}
        <C {...props} />
      </div>
    </>
  );
}
