/**
 * The AWS SDK clients, configured once: the SDK's standard region, credential chain (instance
 * role, IRSA web identity, environment) and endpoint variables (AWS_ENDPOINT_URL,
 * AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL_SSM), with a timeout and a bounded retry on every call.
 */
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { SSMClient } from "@aws-sdk/client-ssm";
import { ec2Sdk, ssmSdk } from "./sdk.js";

/** Attempts per call, the first included (the SDK's standard retry mode, with backoff). */
export const MAX_ATTEMPTS = 3;
/** Time to open a connection, and to wait for an answer once the request is sent. */
export const CONNECTION_TIMEOUT_MS = 3_000;
export const REQUEST_TIMEOUT_MS = 5_000;

export interface AwsClients {
  readonly ec2: EC2Client;
  readonly ssm: SSMClient;
}

export function createClients(region: string): AwsClients {
  // The SDK's own switch for its Node-version notice (read by @aws-sdk/core when a client is made):
  // amiport pins an SDK release that supports Node 20, and the notice would land in the CLI's output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const common = {
    region,
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      // without it the SDK only logs a warning when requestTimeout passes
      throwOnRequestTimeout: true,
    },
  };
  return { ec2: new ec2Sdk.EC2Client(common), ssm: new ssmSdk.SSMClient(common) };
}
