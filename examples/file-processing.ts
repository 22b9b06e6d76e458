/**
 * sfini's "File-processing" example: a smart activity resizes every image of a directory into
 * another, then an activity reads the centre pixel of each resized image.
 *
 * sfini used Pillow; no image library is a dependency here, so the image work goes through
 * an injectable {@link ImageTools}. The default works on raw bytes: "resizing" copies the
 * file, and the "centre pixel" is the middle byte repeated as RGB.
 *
 *   npx tsx examples/file-processing.ts   # three small files in a temporary directory, local engine
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  ActivityRegistration,
  Task,
  Worker,
  constructStateMachine,
  type AWSSession,
  type CallableActivity,
  type JsonObject,
  type SmartCallableActivity,
  type StateMachine,
} from "sfini";
import { LocalEngine } from "sfini/local";

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
  const activities = new ActivityRegistration({ prefix: "sfiniActs", session });

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

  const stateMachine = constructStateMachine("sfiniSM", resizeImages, { session });
  return { stateMachine, activities, resizeActivity, getCentresActivity };
}

/** Run it on the local engine over three files made up in a temporary directory. */
async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "sfini-file-processing-"));
  const images = join(dir, "images");
  const resized = join(dir, "resized");
  await mkdir(images);
  await mkdir(resized);
  for (const [name, bytes] of [["a.img", [1, 2, 3]], ["b.img", [7, 8, 9, 10, 11]], ["c.img", [42]]] as const) {
    await writeFile(join(images, name), Uint8Array.from(bytes));
  }
  const engine = await LocalEngine.start({ port: 0 });
  const { stateMachine, activities, resizeActivity, getCentresActivity } = buildFileProcessingExample({ session: engine.session });
  const workers = [resizeActivity, getCentresActivity].map((activity) => new Worker(activity, { session: engine.session }));
  try {
    await activities.register();
    await stateMachine.register();
    for (const worker of workers) worker.start();
    const execution = await stateMachine.startExecution({ image_dir: images, resized_image_dir: resized });
    await execution.wait();
    console.log(`resized: ${(await readdir(resized)).sort().join(", ")}`);
    console.log(`centre pixels: ${JSON.stringify((execution.output as { res: unknown }).res)}`);
    await Promise.all(workers.map((worker) => worker.end()));
    await stateMachine.deregister();
    await activities.deregister();
  } finally {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
