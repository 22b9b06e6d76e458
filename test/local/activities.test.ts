import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ActivityDoesNotExist,
  CreateActivityCommand,
  DeleteActivityCommand,
  DescribeActivityCommand,
  InvalidArn,
  InvalidName,
  ListActivitiesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import type { LocalEngine } from "../../src/local/index.js";
import { rejectionOf, startEngine } from "./helpers.js";

let engine: LocalEngine;
let sfn: SFNClient;
beforeEach(async () => ({ engine, sfn } = await startEngine()));
afterEach(async () => {
  sfn.destroy();
  await engine.close();
});

const ARN = "arn:aws:states:us-east-1:123456789012:activity:add";

describe("activity operations", () => {
  it("creates idempotently, describes, lists and deletes", async () => {
    const first = await sfn.send(new CreateActivityCommand({ name: "add" }));
    const again = await sfn.send(new CreateActivityCommand({ name: "add" }));
    expect(first.activityArn).toBe(ARN);
    expect(again).toMatchObject({ activityArn: ARN, creationDate: first.creationDate });
    expect(first.creationDate).toBeInstanceOf(Date);

    const described = await sfn.send(new DescribeActivityCommand({ activityArn: ARN }));
    expect(described).toMatchObject({ activityArn: ARN, name: "add", creationDate: first.creationDate });

    const listed = await sfn.send(new ListActivitiesCommand({}));
    expect(listed.activities).toEqual([{ activityArn: ARN, name: "add", creationDate: first.creationDate }]);

    await sfn.send(new DeleteActivityCommand({ activityArn: ARN }));
    await sfn.send(new DeleteActivityCommand({ activityArn: ARN }));
    const error = await rejectionOf(sfn.send(new DescribeActivityCommand({ activityArn: ARN })));
    expect(error).toBeInstanceOf(ActivityDoesNotExist);
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain(ARN);
  });

  it("answers InvalidName and InvalidArn with the offending value", async () => {
    const badName = await rejectionOf(sfn.send(new CreateActivityCommand({ name: "a b" })));
    expect(badName).toBeInstanceOf(InvalidName);
    expect(badName.message).toContain("'a b'");
    const badArn = await rejectionOf(sfn.send(new DescribeActivityCommand({ activityArn: "not-an-arn" })));
    expect(badArn).toBeInstanceOf(InvalidArn);
    expect(badArn.message).toContain("not-an-arn");
  });

  it("pages with maxResults and nextToken", async () => {
    for (const name of ["a1", "a2", "a3", "a4", "a5"]) await sfn.send(new CreateActivityCommand({ name }));
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await sfn.send(new ListActivitiesCommand({ maxResults: 2, nextToken }));
      names.push(...page.activities!.map((activity) => activity.name!));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    expect(names).toEqual(["a1", "a2", "a3", "a4", "a5"]);
    expect(pages).toBe(3);
    const bad = await rejectionOf(sfn.send(new ListActivitiesCommand({ nextToken: "garbage" })));
    expect(bad.name).toBe("InvalidToken");
  });

  it("tags and untags", async () => {
    await sfn.send(new CreateActivityCommand({ name: "add", tags: [{ key: "team", value: "a" }] }));
    await sfn.send(new TagResourceCommand({ resourceArn: ARN, tags: [{ key: "env", value: "dev" }] }));
    expect((await sfn.send(new ListTagsForResourceCommand({ resourceArn: ARN }))).tags).toEqual([
      { key: "team", value: "a" },
      { key: "env", value: "dev" },
    ]);
    await sfn.send(new UntagResourceCommand({ resourceArn: ARN, tagKeys: ["team"] }));
    expect((await sfn.send(new ListTagsForResourceCommand({ resourceArn: ARN }))).tags).toEqual([{ key: "env", value: "dev" }]);
    const missing = await rejectionOf(sfn.send(new ListTagsForResourceCommand({ resourceArn: `${ARN}x` })));
    expect(missing.name).toBe("ResourceNotFound");
  });
});
