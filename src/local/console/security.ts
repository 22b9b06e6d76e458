/**
 * The console's defences: it answers only requests whose `Host` is the address it is bound
 * to (a page of another site resolving its own name to 127.0.0.1 — DNS rebinding — gets
 * nothing), changes anything only on a POST carrying the process's token, and sends a strict
 * Content-Security-Policy: our own script and style files only, nothing inline, nothing
 * external, no framing.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";

/** The policy of every console answer. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

/** Headers sent with every console answer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  "Cache-Control": "no-store",
};

const LOOPBACK = new Set(["127.0.0.1", "::1", "[::1]", "localhost"]);

/**
 * The `Host` values that reach the console bound to `host:port`: that address, and when it is
 * a loopback address also the other loopback names (`localhost`, `127.0.0.1`, `[::1]`), which
 * no other site can make a browser send.
 */
export function allowedHosts(host: string, port: number): ReadonlySet<string> {
  const shown = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  const hosts = new Set([`${shown}:${port}`.toLowerCase()]);
  if (LOOPBACK.has(host)) for (const name of ["localhost", "127.0.0.1", "[::1]"]) hosts.add(`${name}:${port}`);
  return hosts;
}

/** A per-process secret that start, stop and redrive forms carry. */
export class ActionToken {
  readonly value = randomBytes(24).toString("base64url");

  /** Whether `candidate` is the token (compared in constant time). */
  matches(candidate: string | undefined): boolean {
    if (candidate === undefined) return false;
    const given = Buffer.from(candidate);
    const expected = Buffer.from(this.value);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
