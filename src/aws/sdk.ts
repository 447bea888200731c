/**
 * The AWS SDK's CommonJS builds. Node would pick the ES module builds for an `import`, which are
 * hundreds of small files: on these machines EC2's took about 3.7 s to load against 1.4 s for
 * its single CommonJS file (bench/check.ts measures a whole check). Types come from `import type`.
 */
import { createRequire } from "node:module";
import type * as Ec2 from "@aws-sdk/client-ec2";
import type * as Ssm from "@aws-sdk/client-ssm";

const require = createRequire(import.meta.url);

export const ec2Sdk = require("@aws-sdk/client-ec2") as typeof Ec2;
export const ssmSdk = require("@aws-sdk/client-ssm") as typeof Ssm;
