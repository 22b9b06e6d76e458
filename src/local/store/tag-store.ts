/** Tags of activities and state machines, by resource ARN. */

/** One tag, in the API's shape. */
export interface Tag {
  key: string;
  value: string;
}

/** Tags by resource ARN. */
export class TagStore {
  private readonly tags = new Map<string, Map<string, string>>();

  /** Add or overwrite tags of `arn`. */
  tag(arn: string, tags: readonly Tag[]): void {
    let current = this.tags.get(arn);
    if (!current) {
      current = new Map();
      this.tags.set(arn, current);
    }
    for (const { key, value } of tags) current.set(key, value);
  }

  /** Remove tags of `arn` by key. */
  untag(arn: string, keys: readonly string[]): void {
    const current = this.tags.get(arn);
    for (const key of keys) current?.delete(key);
  }

  /** Tags of `arn`, in the order they were first set. */
  list(arn: string): Tag[] {
    return [...(this.tags.get(arn) ?? new Map<string, string>())].map(([key, value]) => ({ key, value }));
  }

  /** Forget the tags of a deleted resource. */
  forget(arn: string): void {
    this.tags.delete(arn);
  }
}
