import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { readPasteServices } from "../../src/core/paste-services.js";
import { DataError } from "../../src/core/rule-book.js";

const data = createRequire(import.meta.url)("../../data/paste-services.json") as {
  services: Record<string, unknown>[];
};
const withService = (change: Record<string, unknown>) => ({
  ...data,
  services: [{ ...data.services[0], ...change }, ...data.services.slice(1)],
});

describe("data/paste-services.json", () => {
  it("loads, and a service's related ports are kept apart from its defaults", () => {
    const ldap = readPasteServices(data).services.find((s) => s.name === "LDAP");
    expect(ldap?.ports).toEqual([389]);
    expect(ldap?.related).toEqual(expect.arrayContaining([3268]));
  });

  it("marks telnet as a tool that reaches any port, and no service that listens on its own", () => {
    const services = readPasteServices(data).services;
    expect(services.filter((s) => s.tool).map((s) => s.name)).toEqual(["Telnet"]);
  });

  it.each([
    ["a related port out of range", { related: [70000] }],
    ["related ports that are no list", { related: 3268 }],
    ["no ports", { ports: [] }],
    ["no words", { words: [] }],
    ["a tool mark that is no boolean", { tool: "yes" }],
  ])("is refused with %s", (_, change) => {
    expect(() => readPasteServices(withService(change))).toThrow(DataError);
  });
});
