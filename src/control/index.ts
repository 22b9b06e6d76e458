export * from "../activities/registration.js";
