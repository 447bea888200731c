/** Opening sealed installations with the current key and the keys rotated out (issue 14, defect 4). */
import { describe, expect, it } from "vitest";
import { seal } from "../../src/store/token-cipher.js";
import { openWithKeys, TokenKeyError } from "../../src/store/token-keys.js";

const CURRENT = Buffer.alloc(32, 1);
const OLD = Buffer.alloc(32, 2);
const LOST = Buffer.alloc(32, 3);
const value = { bot: { token: "xoxb-sealed" } };

describe("openWithKeys", () => {
  it("opens a row sealed with the current key, and says it needs no re-sealing", () => {
    expect(openWithKeys({ current: CURRENT, old: [OLD] }, "T1", seal(CURRENT, "T1", value))).toEqual({ value, stale: false });
  });

  it("opens a row sealed with an old key, and says to seal it again", () => {
    expect(openWithKeys({ current: CURRENT, old: [LOST, OLD] }, "T1", seal(OLD, "T1", value))).toEqual({ value, stale: true });
  });

  it("names TOKEN_ENCRYPTION_KEY, and the old keys where there are any, when none opens it; never a key", () => {
    const sealed = seal(LOST, "T1", value);
    const message = (old: Buffer[]) => {
      try {
        openWithKeys({ current: CURRENT, old }, "T1", sealed);
      } catch (error) {
        expect(error).toBeInstanceOf(TokenKeyError);
        return (error as Error).message;
      }
      return "opened";
    };
    expect(message([])).toMatch(/cannot be decrypted with TOKEN_ENCRYPTION_KEY: /);
    expect(message([OLD])).toMatch(/cannot be decrypted with TOKEN_ENCRYPTION_KEY or TOKEN_ENCRYPTION_OLD_KEYS: /);
    for (const key of [CURRENT, OLD, LOST]) expect(message([OLD])).not.toContain(key.toString("hex"));
  });

  it("does not open a row's value moved to another row", () => {
    expect(() => openWithKeys({ current: CURRENT, old: [] }, "T2", seal(CURRENT, "T1", value))).toThrow(TokenKeyError);
  });
});
