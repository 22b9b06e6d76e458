/** Evaluate intrinsic-function calls against a state's data, Context object and variables. */
import type { JsonValue } from "../../../json.js";
import { compilePath, type PathRoots } from "../jsonpath.js";
import { callIntrinsic, type IntrinsicEnvironment } from "./functions.js";
import { parseIntrinsic, type IntrinsicNode } from "./parser.js";

export { isIntrinsicCall } from "./parser.js";

/** An intrinsic call parsed once (its path arguments compiled): evaluate it per visit. */
export type CompiledIntrinsic = (roots: PathRoots, env: IntrinsicEnvironment, field: string) => JsonValue;

/** Compile the intrinsic call `text`; a syntax error fails where the call is evaluated. */
export function compileIntrinsic(text: string): CompiledIntrinsic {
  let node: IntrinsicNode;
  try {
    node = parseIntrinsic(text);
  } catch (error) {
    return () => {
      throw error;
    };
  }
  return compileNode(node, false);
}

function compileNode(node: IntrinsicNode, isFormatTemplate: boolean): CompiledIntrinsic {
  switch (node.kind) {
    case "literal": {
      // The parser keeps `\{` `\}` escaped for States.Format; everywhere else they are plain braces.
      const value = typeof node.value === "string" && !isFormatTemplate ? node.value.replace(/\\([{}])/g, "$1") : node.value;
      return () => value;
    }
    case "path": {
      const path = compilePath(node.path);
      return (roots, _env, field) => path.read(roots, field);
    }
    case "call": {
      const { name } = node;
      const args = node.args.map((arg, i) => compileNode(arg, name === "States.Format" && i === 0));
      return (roots, env, field) =>
        callIntrinsic(
          name,
          args.map((arg) => arg(roots, env, field)),
          env,
        );
    }
  }
}
