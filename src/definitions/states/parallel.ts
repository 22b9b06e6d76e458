import type { JsonObject } from "../../json.js";
import { RenderContext } from "../graph.js";
import { toSubGraph, type Branch } from "./branch.js";
import { ErrorHandlingState } from "./error-handling-state.js";
import { checkResultFields, renderInputFields, renderResultFields, type ResultFields, type ResultFieldsOptions } from "./result-fields.js";
import type { StateOptions, SubGraph, SubGraphRenderer } from "./state.js";

/** Options of a {@link Parallel} state. */
export interface ParallelOptions extends StateOptions, ResultFieldsOptions {}

/**
 * Runs branches side by side on the same input (`Type: Parallel`); its result is the list of
 * the branches' outputs, in the order they were added.
 */
export class Parallel extends ErrorHandlingState {
  readonly type = "Parallel";
  /** `Parameters`, `Arguments`, `ResultSelector`, `ResultPath`. */
  readonly io: ResultFields;
  private readonly branchGraphs: SubGraph[] = [];

  constructor(name: string, options: ParallelOptions = {}) {
    super(name, options);
    this.io = checkResultFields(this.describeOwner(), options);
  }

  /** Add a branch: a start state, or a StateMachine (which need not be registered). */
  add(branch: Branch): this {
    this.branchGraphs.push(toSubGraph(this.describeOwner(), `branch ${this.branchGraphs.length}`, branch));
    return this;
  }

  override subGraphs(): SubGraph[] {
    return [...this.branchGraphs];
  }

  protected override renderFields(asl: JsonObject, renderer: SubGraphRenderer = new RenderContext()): void {
    renderInputFields(asl, this.io);
    asl["Branches"] = this.branchGraphs.map((graph) => renderer.renderSubGraph(graph, [this.name, graph.label]));
    renderResultFields(asl, this.io);
  }
}
