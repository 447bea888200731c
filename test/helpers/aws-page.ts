import { readFileSync } from "node:fs";
import { type AwsPage, parseAwsPage } from "../../src/core/aws-page.js";

/** A real copy of the AWS page; sources in test/fixtures/aws-page/README.md. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/aws-page/${name}`, import.meta.url), "utf8");
}

export const fixturePath = (name: string): string => new URL(`../fixtures/aws-page/${name}`, import.meta.url).pathname;

/** The page read, or the test fails with the parser's reason. */
export function parsed(text: string): AwsPage {
  const result = parseAwsPage(text);
  if (!result.ok) throw new Error(result.problem);
  return result.page;
}
