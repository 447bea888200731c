/**
 * The AWS SDK clients, configured once: the SDK's standard region, credential chain (instance
 * role, IRSA web identity, environment) and endpoint variables (AWS_ENDPOINT_URL,
 * AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL_SSM), with a timeout and a bounded retry on every call.
 */
import type { EC2Client, EC2ClientConfig } from "@aws-sdk/client-ec2";
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

/** Settings every client shares: region, attempts and timeouts. */
export function clientSettings(region: string) {
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
  return common;
}

/** Clients for amiport's own account, or for another with an assumed role's credentials. */
export function createClients(region: string, credentials?: EC2ClientConfig["credentials"]): AwsClients {
  const settings = { ...clientSettings(region), ...(credentials ? { credentials } : {}) };
  return { ec2: new ec2Sdk.EC2Client(settings), ssm: new ssmSdk.SSMClient(settings) };
}
