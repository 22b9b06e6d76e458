/**
 * sfini: create, run and manage AWS Step Functions. Definitions are built offline; everything
 * that talks to AWS (or the embedded local engine) goes through one {@link AWSSession}.
 * @packageDocumentation
 */
export * from "./errors.js";
export { isJsonObject, type JsonObject, type JsonValue } from "./json.js";
export * from "./names.js";
export * from "./arn.js";
export * from "./session.js";
export * from "./activities/activity.js";
export * from "./activities/callable-activity.js";
export * from "./activities/smart-callable-activity.js";
export * from "./asl/index.js";
export { toMermaid } from "./render/mermaid.js";
export { toDot } from "./render/dot.js";
export { toSvg, toSvgHtml, SvgTooLargeError, MAX_SVG_NODES, SVG_STYLE, type SvgOptions, type StateMark, type StateStatus } from "./render/svg.js";
export * from "./definitions/index.js";
export * from "./control/index.js";
export * from "./worker/index.js";
export {
  CLI,
  CliInputError,
  EXIT,
  type CLIOptions,
  type CliActivities,
  type CliExecution,
  type CliIo,
  type CliStateMachine,
} from "./cli/cli.js";
