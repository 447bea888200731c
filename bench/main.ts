/** `npm run bench`: prints the figures; asserts nothing (these machines are shared and noisy). */
import { benchCore } from "./core.js";

for (const line of benchCore()) console.log(line);
