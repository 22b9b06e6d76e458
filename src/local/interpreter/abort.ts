/** Abort signals that follow a parent: a run's, a branch's, an iteration's. */
import { setMaxListeners } from "node:events";
import type { AbortState } from "./host.js";

/**
 * An AbortController that also says, as a plain field, whether it has aborted. Reading
 * `AbortSignal.aborted` goes through a getter of Node's that checks its receiver: once a
 * process has met signals of several shapes (ours have `setMaxListeners` applied, the SDK's
 * and timeouts' differ), each read costs some 25 ns, two of them a tenth of an in-process
 * Lambda Task. The field is set before the signal's listeners run.
 */
export class FlaggedController extends AbortController implements AbortState {
  aborted = false;

  override abort(reason?: unknown): void {
    this.aborted = true;
    // Passed on as given: an undefined reason makes the signal's default AbortError, as before.
    super.abort(reason);
  }
}

/** A {@link FlaggedController} that follows a parent signal until disposed. */
export class LinkedController extends FlaggedController {
  private readonly forward: (() => void) | undefined;

  constructor(private readonly parent?: AbortSignal) {
    super();
    // Every branch, iteration and task below listens to this signal: thousands in a big Map.
    setMaxListeners(0, this.signal);
    if (parent === undefined) return;
    this.forward = () => this.abort(parent.reason);
    if (parent.aborted) this.forward();
    else parent.addEventListener("abort", this.forward, { once: true });
  }

  /** Stop following the parent. */
  dispose(): void {
    if (this.forward) this.parent!.removeEventListener("abort", this.forward);
  }
}

/** An AbortController that also aborts when `parent` does (if there is one); `dispose` unhooks it. */
export function linkedController(parent?: AbortSignal): LinkedController {
  return new LinkedController(parent);
}
