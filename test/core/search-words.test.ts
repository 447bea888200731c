/** How typed words are kept, read and shown beside the service names and typos around them. */
import { describe, expect, it } from "vitest";
import { searchRules } from "../../src/core/index.js";
import { book } from "../helpers/book.js";

describe("words beside a service name", () => {
  it("a service name becomes its port; a word that is neither stays a word that reached nothing", () => {
    const answer = searchRules(book, "kerberos banana");
    expect(answer.understood.ports).toEqual(["88"]);
    expect(answer.understood.services.map((s) => s.typed)).toEqual(["kerberos"]);
    expect(answer.understood.words).toEqual([{ typed: "banana", as: [] }]);
  });
});

describe("a typo with many readings", () => {
  it("names the two closest in the summary and keeps every reading", () => {
    const answer = searchRules(book, "printng");
    expect(answer.understood.words).toEqual([{ typed: "printng", as: ["printing", "printer", "print", "printers"] }]);
    expect(answer.understood.summary).toBe("“printng” (as printing or printer)");
  });
});
