/** AMIPORT_CHECK_ROLE_ARNS read on its own: IAM role ARNs (any partition), separated by commas, at most 20. */
import { describe, expect, it } from "vitest";
import { MAX_ROLE_ARNS, readRoleArns } from "../../../src/core/reachability/index.js";

const arn = (account: string, path = "amiport-check", partition = "aws") => `arn:${partition}:iam::${account}:role/${path}`;

describe("readRoleArns", () => {
  it("reads none from an unset or blank variable", () => {
    for (const text of [undefined, "", " ", ",", " , ,"])
      expect(readRoleArns(text), String(text)).toEqual({ ok: true, arns: [] });
  });

  it("reads role ARNs separated by commas, trimmed, each once, in their order", () => {
    const [a, b] = [arn("111122223333"), arn("444455556666", "ops/amiport-check")];
    expect(readRoleArns(` ${a} ,${b},${a}`)).toEqual({ ok: true, arns: [a, b] });
  });

  it("reads every partition (aws-cn, aws-us-gov) and the characters IAM allows in a role name (but the comma, which separates)", () => {
    const arns = [arn("111122223333", "a+b=c.d@e_f-g", "aws-cn"), arn("111122223333", "x", "aws-us-gov")];
    expect(readRoleArns(arns.join(","))).toEqual({ ok: true, arns });
  });

  it("refuses anything else, naming the first text that is no role ARN, cut to 80 characters", () => {
    const refusals = [
      "arn:aws:iam::11112222333:role/short-account",
      "arn:aws:iam::1111222233334:role/long-account",
      "arn:aws:iam::111122223333:user/amiport",
      "arn:aws:iam::111122223333:role/",
      "arn:aws:sts::111122223333:role/amiport",
      "arn:aws:iam::111122223333:role/has space",
      `x${arn("111122223333")}`,
      `${arn("111122223333")}x!`,
      "amiport-check",
    ];
    for (const bad of refusals) {
      const read = readRoleArns(`${arn("444455556666")},${bad}`);
      expect(read.ok, bad).toBe(false);
      expect(read.ok ? "" : read.problem, bad).toBe(
        `AMIPORT_CHECK_ROLE_ARNS must be role ARNs such as arn:aws:iam::111122223333:role/amiport-check, separated by commas; "${bad.slice(0, 80)}" is not one`,
      );
    }
    const long = `arn:aws:iam::111122223333:role/${"n".repeat(513)}`;
    const read = readRoleArns(long);
    expect(read.ok ? "" : read.problem).toContain(`"${long.slice(0, 80)}" is not one`);
    expect(read.ok ? "" : read.problem).not.toContain(long.slice(0, 81));
    expect(readRoleArns(`arn:aws:iam::111122223333:role/${"n".repeat(512)}`).ok).toBe(true);
  });

  it("reads at most 20 roles", () => {
    const roles = (n: number) => Array.from({ length: n }, (_, i) => arn(String(100000000000 + i))).join(",");
    expect(MAX_ROLE_ARNS).toBe(20);
    expect(readRoleArns(roles(20))).toMatchObject({ ok: true });
    expect(readRoleArns(roles(21))).toEqual({ ok: false, problem: "AMIPORT_CHECK_ROLE_ARNS names more than 20 roles" });
  });
});
