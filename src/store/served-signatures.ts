/**
 * Request signatures already served. Slack accepts a signed request for five minutes either way of
 * its timestamp, so a captured request could be replayed within that window, to any replica: with a
 * database, every replica asks this one memory before serving.
 */
export interface ServedSignatureStore {
  /** True the first time `signature` is offered; false for a repeat within the window. */
  firstServing(signature: string): Promise<boolean>;
}

/** How long a served signature is remembered: Slack's window either way of the timestamp. */
export const SERVED_SIGNATURE_TTL_MS = 2 * 5 * 60 * 1000;
