/**
 * Installations are kept encrypted at rest with AES-256-GCM: 12-byte nonce, 16-byte tag, then the
 * ciphertext. The row's key is authenticated too, so a sealed value cannot be moved to another row.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function seal(key: Buffer, rowKey: string, value: unknown): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  // Stryker disable next-line StringLiteral: Node reads an empty encoding name as utf8, the same bytes
  cipher.setAAD(Buffer.from(rowKey, "utf8"));
  // Stryker disable next-line StringLiteral: Node reads an empty encoding name as utf8, the same bytes
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

/** Throws when the key is wrong or the value was changed. */
export function open<T>(key: Buffer, rowKey: string, sealed: Buffer): T {
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, NONCE_BYTES));
  // Stryker disable next-line StringLiteral: Node reads an empty encoding name as utf8, the same bytes
  decipher.setAAD(Buffer.from(rowKey, "utf8"));
  decipher.setAuthTag(sealed.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  const text = Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  return JSON.parse(text) as T;
}
