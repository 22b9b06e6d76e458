import { createRequire } from "node:module";

/**
 * The version of the installed sfini package, read through the package's own name (its exports
 * map has `./package.json`), which resolves the same from `src/` and from the built `dist/`.
 */
export function packageVersion(): string {
  const manifest = createRequire(import.meta.url)("sfini/package.json") as { version: string };
  return manifest.version;
}
