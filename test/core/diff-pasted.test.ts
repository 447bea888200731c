/** A log line that mentions a diff is looked up port by port, never compared. */
import { describe, expect, it } from "vitest";
import { parseQuery, readDiffQuestion } from "../../src/core/index.js";
import { book } from "../helpers/book.js";

describe("readDiffQuestion on pasted text", () => {
  it("a log line beginning with diff is not a comparison", () => {
    const line = "diff 2016 2022 2024-01-01T10:00:00Z";
    expect(parseQuery(book, line).pasted).toBe(true);
    expect(readDiffQuestion(book, line)).toBeNull();
  });
});
