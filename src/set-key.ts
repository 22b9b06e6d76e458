/** Writing keys of JSON objects safely (not part of the public API). */
/**
 * Set `target[key] = value` as an own data property, so a `__proto__` key is data like any
 * other: plain assignment would change the object's prototype (and drop the key).
 */
export function setKey<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}
