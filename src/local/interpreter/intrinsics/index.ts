/** Evaluate intrinsic-function calls against a state's data, Context object and variables. */
import type { JsonValue } from "../../../json.js";
import { readPath, type PathRoots } from "../jsonpath.js";
import { callIntrinsic, type IntrinsicEnvironment } from "./functions.js";
import { parseIntrinsic, type IntrinsicNode } from "./parser.js";

export { isIntrinsicCall } from "./parser.js";

/** Evaluate the intrinsic call `text` (parsed once per distinct text). */
export function evaluateIntrinsic(
  text: string,
  roots: PathRoots,
  env: IntrinsicEnvironment,
  field: string,
): JsonValue {
  return evaluateNode(parseIntrinsic(text), roots, env, field, false);
}

function evaluateNode(
  node: IntrinsicNode,
  roots: PathRoots,
  env: IntrinsicEnvironment,
  field: string,
  isFormatTemplate: boolean,
): JsonValue {
  switch (node.kind) {
    case "literal":
      // The parser keeps `\{` `\}` escaped for States.Format; everywhere else they are plain braces.
      return typeof node.value === "string" && !isFormatTemplate ? node.value.replace(/\\([{}])/g, "$1") : node.value;
    case "path":
      return readPath(node.path, roots, field);
    case "call": {
      const args = node.args.map((arg, i) =>
        evaluateNode(arg, roots, env, field, node.name === "States.Format" && i === 0),
      );
      return callIntrinsic(node.name, args, env);
    }
  }
}
