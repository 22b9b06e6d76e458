/**
 * The import graph of src/: every module and the modules it imports (static, re-exported,
 * type-only and dynamic `import()` alike), read from the source text. Package imports are kept
 * apart from the project's own modules.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, posix, relative } from "node:path";

export interface ModuleImports {
  /** Project modules imported, as paths relative to src/ (e.g. `asl/timestamp.ts`). */
  readonly modules: readonly string[];
  /** Packages imported (e.g. `commander`, `node:fs`). */
  readonly packages: readonly string[];
}

// `import x from "a"`, `import type { x } from "a"`, `export * from "a"`, `import "a"`, `import("a")`.
const SPECIFIER = /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) files.push(path);
  }
  return files;
}

// Comments can quote import statements; strings are left alone (specifiers are strings).
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

/** Read the import graph of every `.ts` file under `srcDir`. */
export function readImportGraph(srcDir: string): Map<string, ModuleImports> {
  const graph = new Map<string, ModuleImports>();
  for (const file of sourceFiles(srcDir)) {
    const from = relative(srcDir, file).split("\\").join("/");
    const modules = new Set<string>();
    const packages = new Set<string>();
    for (const match of withoutComments(readFileSync(file, "utf8")).matchAll(SPECIFIER)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith(".")) {
        modules.add(posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.js$/, ".ts"));
      } else {
        packages.add(specifier);
      }
    }
    graph.set(from, { modules: [...modules], packages: [...packages] });
  }
  return graph;
}

/** Every cycle of the graph, as one list of modules per strongly connected component (Tarjan). */
export function findCycles(graph: ReadonlyMap<string, ModuleImports>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  // Iterative, so a long import chain cannot overflow the call stack.
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = graph.get(frame.node)?.modules ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!graph.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfImport = graph.get(frame.node)!.modules.includes(frame.node);
        if (component.length > 1 || selfImport) cycles.push(component.sort());
      }
    }
  }
  return cycles;
}
