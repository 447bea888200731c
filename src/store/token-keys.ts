/**
 * The keys installations are sealed with: the current one seals and is tried first; old ones
 * (after a rotation) only open, and a row one of them opened is sealed again with the current key.
 */
import { open } from "./token-cipher.js";

export interface TokenKeys {
  readonly current: Buffer;
  /** Keys rotated out, still tried for reading (TOKEN_ENCRYPTION_OLD_KEYS). */
  readonly old: readonly Buffer[];
}

/** An installation none of the keys opens: TOKEN_ENCRYPTION_KEY changed, was lost, or the row was altered. */
export class TokenKeyError extends Error {
  override readonly name = "TokenKeyError";
}

export interface Opened<T> {
  readonly value: T;
  /** An old key opened it: seal it again with the current one. */
  readonly stale: boolean;
}

export function openWithKeys<T>(keys: TokenKeys, rowKey: string, sealed: Buffer): Opened<T> {
  for (const [i, key] of [keys.current, ...keys.old].entries()) {
    try {
      return { value: open<T>(key, rowKey, sealed), stale: i > 0 };
    } catch {
      // the next key, if any
    }
  }
  const tried = keys.old.length === 0 ? "TOKEN_ENCRYPTION_KEY" : "TOKEN_ENCRYPTION_KEY or TOKEN_ENCRYPTION_OLD_KEYS";
  throw new TokenKeyError(
    `the stored installation ${rowKey} cannot be decrypted with ${tried}: the key was changed or lost (see "Rotating TOKEN_ENCRYPTION_KEY" in README.md)`,
  );
}
