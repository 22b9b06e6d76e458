import type { JsonValue } from "../json.js";
import { Activity, type ActivityOptions } from "./activity.js";

/** What an activity function receives besides its input. */
export interface TaskContext {
  /** The task's token, as given by GetActivityTask. */
  readonly taskToken: string;
  /** Aborted when the task is known dead (heartbeat timed out) or the worker cancels it. */
  readonly signal: AbortSignal;
  /** Send a heartbeat now (the worker also sends them on its own every `heartbeat` s). */
  heartbeat(): Promise<void>;
}

/** An activity function: input in, JSON-serialisable output out; sync or async. */
export type ActivityFunction<I = JsonValue, O = unknown> = (input: I, context: TaskContext) => O | Promise<O>;

/** An activity that runs a function of ours for each task. */
export class CallableActivity<I = JsonValue, O = unknown> extends Activity {
  constructor(
    name: string,
    /** The function run for each task. */
    readonly fn: ActivityFunction<I, O>,
    options: ActivityOptions = {},
  ) {
    super(name, options);
  }

  /** Run the function on a task's input. */
  async call(input: JsonValue, context: TaskContext): Promise<O> {
    return this.fn(input as I, context);
  }
}
