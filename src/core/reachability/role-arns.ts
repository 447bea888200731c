/** AMIPORT_CHECK_ROLE_ARNS: the roles amiport assumes to look for an instance in other accounts. */

const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
/** Accounts a check may look in besides its own: each one costs a DescribeInstances call. */
export const MAX_ROLE_ARNS = 20;

export type RoleArns = { readonly ok: true; readonly arns: readonly string[] } | { readonly ok: false; readonly problem: string };

export function readRoleArns(text: string | undefined): RoleArns {
  const arns = (text ?? "")
    .split(",")
    .map((arn) => arn.trim())
    .filter(Boolean);
  const bad = arns.find((arn) => !ROLE_ARN.test(arn));
  if (bad !== undefined) {
    return {
      ok: false,
      problem: `AMIPORT_CHECK_ROLE_ARNS must be role ARNs such as arn:aws:iam::111122223333:role/amiport-check, separated by commas; "${bad.slice(0, 80)}" is not one`,
    };
  }
  if (arns.length > MAX_ROLE_ARNS)
    return { ok: false, problem: `AMIPORT_CHECK_ROLE_ARNS names more than ${MAX_ROLE_ARNS} roles` };
  return { ok: true, arns: [...new Set(arns)] };
}
