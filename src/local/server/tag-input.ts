/** Reading `tags` lists (`[{ key, value }]`) from an operation's input. */
import { ApiError } from "../api-error.js";
import type { Tag } from "../store/tag-store.js";
import { isJsonObject } from "../../json.js";
import type { OperationInput } from "./input.js";

/** The `tags` field as a list of tags; a malformed entry is `ValidationException`. */
export function readTags(input: OperationInput, field = "tags"): Tag[] {
  const tags = input.array(field).map((entry) => {
    const key = isJsonObject(entry) ? entry["key"] : undefined;
    const value = isJsonObject(entry) ? (entry["value"] ?? "") : undefined;
    if (typeof key !== "string" || key.length === 0 || key.length > 128 || typeof value !== "string" || value.length > 256) {
      throw new ApiError("ValidationException", `invalid tag ${JSON.stringify(entry)}: a tag is { key: 1-128 characters, value: 0-256 characters }`);
    }
    return { key, value };
  });
  if (tags.length > 50) throw new ApiError("TooManyTags", `Too many tags: ${tags.length}, at most 50`);
  return tags;
}
