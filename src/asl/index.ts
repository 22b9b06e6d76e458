/**
 * Facts of the Amazon States Language that work on ASL JSON: state types and query languages,
 * the Choice operator table, timestamps, `StringMatches` patterns, error and intrinsic names,
 * limits, path checks, the definition validator and the picture model. The definition
 * builders, the AWS control layer, the local engine and the CLI all read these; this layer
 * reads none of them.
 * @module
 */
export { QUERY_LANGUAGES, type EdgeKind, type QueryLanguage, type StateType } from "./state-types.js";
export {
  COMPARISON_OPERATORS,
  isComparisonOperator,
  type ComparisonOperator,
  type ComparisonValue,
  type OperatorSpec,
  type ValueKind,
  type ValueKindTypes,
} from "./choice-operators.js";
export { compareTimestamps, formatTimestamp, isTimestampString, parseTimestamp, type AslTimestamp } from "./timestamp.js";
export { checkWildcardPattern, matchesWildcard, parseWildcard, wildcardMatches, type WildcardPattern } from "./wildcard.js";
export { STATES_ERRORS } from "./error-names.js";
export { EXECUTION_STATUSES, type ExecutionStatus } from "./execution-status.js";
export { INTRINSIC_NAMES } from "./intrinsics.js";
export { MAX_HISTORY_EVENTS, MAX_NAME_LENGTH, MAX_PAYLOAD_BYTES } from "./limits.js";
export { intrinsicProblem, pathProblem, type PathRules } from "./paths.js";
export { findDefinitionProblems, jsonataProblem, validateDefinition, type DefinitionFinding, type FindingDetail } from "./validate.js";
export { aslPicture, AslPictureError } from "./picture/asl-picture.js";
export type { Picture, PictureCluster, PictureEdge, PictureNode } from "./picture/picture.js";
export { describeAslRule } from "./picture/describe-rule.js";
