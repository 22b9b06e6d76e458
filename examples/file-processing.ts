/**
 * sfini's "File-processing" example: a smart activity resizes every image of a directory into
 * another, then an activity reads the centre pixel of each resized image.
 *
 * sfini used Pillow; no image library is a dependency here, so the image work goes through
 * an injectable {@link ImageTools}. The default works on raw bytes: "resizing" copies the
 * file, and the "centre pixel" is the middle byte repeated as RGB.
 */
import { copyFile, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ActivityRegistration } from "../src/activities/registration.js";
import type { CallableActivity } from "../src/activities/callable-activity.js";
import type { SmartCallableActivity } from "../src/activities/smart-callable-activity.js";
import { Task } from "../src/definitions/index.js";
import { constructStateMachine, type StateMachine } from "../src/control/state-machine.js";
import type { JsonObject } from "../src/json.js";
import type { AWSSession } from "../src/session.js";

/** The image operations the example needs. */
export interface ImageTools {
  list(dir: string): Promise<string[]>;
  resize(path: string, resizedPath: string, size: readonly [number, number]): Promise<void>;
  centrePixel(path: string): Promise<[number, number, number]>;
}

const rawBytes: ImageTools = {
  list: async (dir) => (await readdir(dir)).sort(),
  resize: async (path, resizedPath) => copyFile(path, resizedPath),
  centrePixel: async (path) => {
    const bytes = await readFile(path);
    const value = bytes.length === 0 ? 0 : bytes[Math.floor(bytes.length / 2)]!;
    return [value, value, value];
  },
};

/** Input of the resize activity: sfini's parameter names, `new_size` defaulting to 64×64. */
export interface ResizeInput extends JsonObject {
  image_dir: string;
  resized_image_dir: string;
  new_size: [number, number];
}

/** What the file-processing example is made of. */
export interface FileProcessingExample {
  stateMachine: StateMachine;
  activities: ActivityRegistration;
  resizeActivity: SmartCallableActivity<ResizeInput, null>;
  getCentresActivity: CallableActivity<string, [number, number, number][]>;
}

/** Build the example: activities `sfiniActsresizeActivity`, `sfiniActsgetCentresActivity`, machine `sfiniSM`. */
export function buildFileProcessingExample(
  { session, images = rawBytes }: { session?: AWSSession; images?: ImageTools } = {},
): FileProcessingExample {
  const activities = new ActivityRegistration({ prefix: "sfiniActs", ...(session ? { session } : {}) });

  const resizeActivity = activities.smartActivity(
    "resizeActivity",
    async (input: ResizeInput) => {
      for (const file of await images.list(input.image_dir)) {
        await images.resize(join(input.image_dir, file), join(input.resized_image_dir, file), input.new_size);
      }
      return null;
    },
    { fields: { image_dir: { required: true }, resized_image_dir: { required: true }, new_size: { default: [64, 64] } } },
  );

  const getCentresActivity = activities.activity("getCentresActivity", async (resizedImageDir: string) => {
    const centres: [number, number, number][] = [];
    for (const file of await images.list(resizedImageDir)) centres.push(await images.centrePixel(join(resizedImageDir, file)));
    return centres;
  });

  const resizeImages = new Task("resizeImages", resizeActivity, { resultPath: null });
  const getCentres = new Task("getCentre", getCentresActivity, {
    comment: "get pixel values of centres of images",
    inputPath: "$.resized_image_dir",
    resultPath: "$.res",
  });
  resizeImages.goesTo(getCentres);

  const stateMachine = constructStateMachine("sfiniSM", resizeImages, session ? { session } : {});
  return { stateMachine, activities, resizeActivity, getCentresActivity };
}
