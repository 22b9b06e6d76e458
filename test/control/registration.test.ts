import { describe, expect, it } from "vitest";
import { CreateActivityCommand, DeleteActivityCommand, ListActivitiesCommand } from "@aws-sdk/client-sfn";
import { Activity } from "../../src/activities/activity.js";
import { CallableActivity } from "../../src/activities/callable-activity.js";
import { SmartCallableActivity } from "../../src/activities/smart-callable-activity.js";
import { ActivityRegistration, DuplicateActivityError } from "../../src/activities/registration.js";
import { AwsCallError, InvalidNameError } from "../../src/errors.js";
import { awsError, mockedSession, pages } from "./helpers.js";

const arn = (name: string) => `arn:aws:states:us-west-2:123456789012:activity:${name}`;
const listed = (name: string) => ({ name, activityArn: arn(name), creationDate: new Date(0) });

describe("Activity on AWS", () => {
  it("registers with CreateActivity by name", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(CreateActivityCommand).resolves({ activityArn: arn("add"), creationDate: new Date(0) });
    await new Activity("add", { session }).register();
    expect(sfn.commandCalls(CreateActivityCommand).map((c) => c.args[0].input)).toEqual([{ name: "add" }]);
  });

  it("pages ListActivities with the next token to find itself", async () => {
    const { session, sfn } = mockedSession();
    const seen: object[] = [];
    sfn.on(ListActivitiesCommand).callsFake(pages({ "": { activities: [listed("other")], nextToken: "t2" }, t2: { activities: [listed("add")] } }, seen));
    expect(await new Activity("add", { session }).isRegistered()).toBe(true);
    expect(await new Activity("absent", { session }).isRegistered()).toBe(false);
    expect(seen).toEqual([{}, { nextToken: "t2" }, {}, { nextToken: "t2" }]);
  });

  it("deregisters with DeleteActivity by ARN", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(DeleteActivityCommand).resolves({});
    await new Activity("add", { session }).deregister();
    expect(sfn.commandCalls(DeleteActivityCommand)[0]!.args[0].input).toEqual({ activityArn: arn("add") });
  });

  it("keeps the AWS error code of a failed call", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(CreateActivityCommand).rejects(awsError("ActivityLimitExceeded", "too many"));
    const error = await new Activity("add", { session }).register().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ operation: "CreateActivity", code: "ActivityLimitExceeded" });
  });

  it("refuses a bad name before any call", () => {
    const { session, sfn } = mockedSession();
    expect(() => new Activity("bad name", { session })).toThrow(InvalidNameError);
    expect(sfn.calls()).toHaveLength(0);
  });
});

describe("ActivityRegistration", () => {
  it("names activities prefix + name, defaulting to the function's name", () => {
    const { session } = mockedSession();
    const activities = new ActivityRegistration({ prefix: "test", session });
    function addActivity(input: { a: number; b: number }) {
      return input.a + input.b;
    }
    const add = activities.activity(undefined, addActivity, { heartbeat: 7 });
    const sub = activities.smartActivity("sub", (i: { a: number; b: number }) => i.a - i.b, { fields: ["a", "b"] });
    expect(add).toBeInstanceOf(CallableActivity);
    expect(sub).toBeInstanceOf(SmartCallableActivity);
    expect([add.name, add.heartbeat, sub.name, sub.heartbeat]).toEqual(["testaddActivity", 7, "testsub", 20]);
    expect(add.session).toBe(session);
    expect([...activities.activities.keys()]).toEqual(["testaddActivity", "testsub"]);
    expect(activities.get("testsub")).toBe(sub);
    expect(activities.get("sub")).toBe(sub);
    expect(activities.get("nope")).toBeUndefined();
  });

  it("throws on a duplicate name, from any route", () => {
    const { session } = mockedSession();
    const activities = new ActivityRegistration({ prefix: "p", session });
    activities.activity("a", () => 1);
    expect(() => activities.activity("a", () => 2)).toThrow(DuplicateActivityError);
    expect(() => activities.addActivity(new Activity("pa", { session }))).toThrow(/"pa" is already in the group/);
    expect(() => activities.activity(undefined, () => 3)).toThrow(InvalidNameError);
  });

  it("refuses a prefix AWS would refuse", () => {
    expect(() => new ActivityRegistration({ prefix: "my prefix", session: mockedSession().session })).toThrow(InvalidNameError);
  });

  it("registers every activity of the group", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(CreateActivityCommand).resolves({});
    const activities = new ActivityRegistration({ prefix: "t-", session });
    activities.activity("a", () => 1);
    activities.addActivity(new Activity("external", { session }));
    await activities.register();
    expect(sfn.commandCalls(CreateActivityCommand).map((c) => c.args[0].input)).toEqual([{ name: "t-a" }, { name: "external" }]);
  });

  it("deregisters listed activities of the prefix or of the group, across pages", async () => {
    const { session, sfn } = mockedSession();
    const seen: object[] = [];
    sfn.on(ListActivitiesCommand).callsFake(
      pages({ "": { activities: [listed("t-a"), listed("unrelated")], nextToken: "more" }, more: { activities: [listed("t-stale"), listed("external")] } }, seen),
    );
    sfn.on(DeleteActivityCommand).resolves({});
    const activities = new ActivityRegistration({ prefix: "t-", session });
    activities.activity("a", () => 1);
    activities.addActivity(new Activity("external", { session }));
    expect(await activities.deregister()).toEqual([arn("t-a"), arn("t-stale"), arn("external")]);
    expect(sfn.commandCalls(DeleteActivityCommand).map((c) => c.args[0].input)).toEqual([
      { activityArn: arn("t-a") },
      { activityArn: arn("t-stale") },
      { activityArn: arn("external") },
    ]);
    expect(seen).toEqual([{}, { nextToken: "more" }]);
  });

  it("with an empty prefix deletes only its own activities", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(ListActivitiesCommand).resolves({ activities: [listed("mine"), listed("someone-elses")] });
    sfn.on(DeleteActivityCommand).resolves({});
    const activities = new ActivityRegistration({ session });
    activities.activity("mine", () => 1);
    await activities.deregister();
    expect(sfn.commandCalls(DeleteActivityCommand).map((c) => c.args[0].input)).toEqual([{ activityArn: arn("mine") }]);
  });
});
