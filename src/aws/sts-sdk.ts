/** STS's CommonJS build (see sdk.ts), in its own module: loaded only when other accounts are named. */
import { createRequire } from "node:module";
import type * as Sts from "@aws-sdk/client-sts";

export const stsSdk = createRequire(import.meta.url)("@aws-sdk/client-sts") as typeof Sts;
