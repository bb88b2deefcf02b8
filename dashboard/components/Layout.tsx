/**
 * The page shell: head, navigation, theme, the islands bundle.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { Island } from "./Island.tsx";
import { ThemeToggle } from "../islands/ThemeToggle.tsx";

/** Props of {@link Layout}. */
export interface LayoutProps {
  title: string;
  /** Relative prefix to the site root ("", "../", "../../"). */
  base: string;
  /** Which nav item is current. */
  active?: "home" | "leaderboard" | "compare" | "history" | "claims" | "suites" | "runs";
  /** Content hash of each static file by name: its link gets `?v=<hash>` (cached immutably). */
  assets?: Readonly<Record<string, string>>;
  children: ComponentChildren;
}

/** Content-Security-Policy of every page: scripts only from the site itself. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/**
 * The page shell.
 *
 * @example
 * ```tsx
 * import { Layout } from "./Layout.tsx";
 * const page = <Layout title="Suites" base="../"><p>hi</p></Layout>;
 * ```
 */
export function Layout({ title, base, active, assets = {}, children }: LayoutProps) {
  const asset = (name: string) =>
    `${base}static/${name}${assets[name] === undefined ? "" : `?v=${assets[name]}`}`;
  const nav: [LayoutProps["active"], string, string][] = [
    ["leaderboard", "leaderboard/", "Leaderboard"],
    ["compare", "compare/", "Head-to-head"],
    ["history", "history/", "History"],
    ["claims", "claims/", "Claims"],
    ["suites", "suites/", "Suites"],
  ];
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="Content-Security-Policy" content={CSP} />
        <link rel="icon" href="data:," />
        <title>{`${title} · jepa-bench`}</title>
        <link rel="stylesheet" href={asset("style.css")} />
        <script src={asset("theme.js")} />
        <script type="module" src={asset("islands.js")} />
      </head>
      <body>
        <header class="top">
          <a class="brand" href={base || "./"}>jepa-bench</a>
          <nav>
            {nav.map(([key, href, label]) => (
              <a href={`${base}${href}`} aria-current={active === key ? "page" : undefined}>
                {label}
              </a>
            ))}
          </nav>
          <Island name="ThemeToggle" component={ThemeToggle} props={{}} />
        </header>
        <main>{children}</main>
        <footer>
          jepa-bench dashboard · results from the local store or a static export · run records
          follow <code>record.schema.json</code>
        </footer>
      </body>
    </html>
  );
}
