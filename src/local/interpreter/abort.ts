/** Abort signals that follow a parent: a run's, a branch's, an iteration's. */
import { setMaxListeners } from "node:events";

/** An AbortController that also aborts when `parent` does (if there is one); `dispose` unhooks it. */
export function linkedController(parent?: AbortSignal): AbortController & { dispose(): void } {
  const controller = new AbortController() as AbortController & { dispose(): void };
  // Every branch, iteration and task below listens to this signal: thousands in a big Map.
  setMaxListeners(0, controller.signal);
  if (parent === undefined) {
    controller.dispose = () => undefined;
    return controller;
  }
  const forward = (): void => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener("abort", forward, { once: true });
  controller.dispose = () => parent.removeEventListener("abort", forward);
  return controller;
}
