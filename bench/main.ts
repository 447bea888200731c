/** `npm run bench`: prints the figures; asserts nothing (these machines are shared and noisy). */
import { benchAwsPage } from "./aws-page.js";
import { benchCheck } from "./check.js";
import { benchCli } from "./cli.js";
import { benchCore } from "./core.js";
import { benchDatabase } from "./database.js";
import { benchHttp } from "./http.js";
import { benchPaste } from "./paste.js";
import { benchRegistrations } from "./registrations.js";

for (const line of benchRegistrations()) console.log(line);
for (const line of benchCore()) console.log(line);
for (const line of benchPaste()) console.log(line);
for (const line of benchAwsPage()) console.log(line);
for (const line of benchCli()) console.log(line);
for (const line of await benchHttp()) console.log(line);
for (const line of await benchDatabase()) console.log(line);
for (const line of await benchCheck()) console.log(line);
