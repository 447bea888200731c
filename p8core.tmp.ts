import { benchCore } from "./bench/core.js";

for (const line of benchCore()) console.log(line);
