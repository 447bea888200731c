/** `npm run bench`: prints the figures; asserts nothing (these machines are shared and noisy). */
import { benchCore } from "./core.js";
import { benchDatabase } from "./database.js";
import { benchHttp } from "./http.js";
import { benchRegistrations } from "./registrations.js";

for (const line of benchRegistrations()) console.log(line);
for (const line of benchCore()) console.log(line);
for (const line of await benchHttp()) console.log(line);
for (const line of await benchDatabase()) console.log(line);
