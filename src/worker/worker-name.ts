import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { MAX_NAME_LENGTH } from "../asl/limits.js";

const SUFFIX_LENGTH = 9; // "-" and 8 hex digits

/**
 * sfini's worker name: `<hostname>-<8 hex>`, with the host name cut (and cleaned of characters
 * AWS refuses) so the whole stays within the 80-character limit.
 */
export function defaultWorkerName(host: string = hostname(), random: () => Buffer = () => randomBytes(4)): string {
  const cleaned = host.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, MAX_NAME_LENGTH - SUFFIX_LENGTH) || "worker";
  return `${cleaned}-${random().toString("hex").slice(0, 8)}`;
}
