import { createHash } from "node:crypto";

/** The algorithm names `States.Hash` and JSONata's `$hash` accept, and Node's names for them. */
export const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: "md5",
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
};

/** Hex digest of `text` (UTF-8) with an ASL algorithm name; undefined for an unknown name. */
export function hashHex(algorithm: string, text: string): string | undefined {
  const name = HASH_ALGORITHMS[algorithm];
  return name === undefined ? undefined : createHash(name).update(text, "utf8").digest("hex");
}
