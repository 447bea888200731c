/**
 * Other accounts: credentials from STS AssumeRole for each role in AMIPORT_CHECK_ROLE_ARNS,
 * kept until five minutes before they expire.
 */
import type { STSClient } from "@aws-sdk/client-sts";
import { stsSdk } from "./sts-sdk.js";

const { AssumeRoleCommand, STSClient: Client } = stsSdk;

/** The shortest session STS grants; amiport renews it well before the end. */
const SESSION_SECONDS = 900;
const RENEW_BEFORE_MS = 5 * 60_000;

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export function createSts(region: string, options: object): STSClient {
  return new Client({ region, ...options });
}

/** A credential provider for the SDK: AssumeRole once, again when near the end. */
export function assumedRole(sts: STSClient, roleArn: string): () => Promise<Credentials> {
  let current: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;
  const assume = async (): Promise<Credentials> => {
    const answer = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "amiport-check", DurationSeconds: SESSION_SECONDS }),
    );
    const c = answer.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`STS gave no credentials for ${roleArn}`);
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration ? { expiration: c.Expiration } : {}),
    };
  };
  return async () => {
    const fresh = current && (!current.expiration || current.expiration.getTime() - Date.now() > RENEW_BEFORE_MS);
    if (fresh && current) return current;
    pending ??= assume().finally(() => {
      pending = undefined;
    });
    current = await pending;
    return current;
  };
}
