/** What an AWS error means for the person who asked, without its stack or any secret. */

export function describeAwsError(
  error: unknown,
  instanceId: string,
): { kind: "not-found" | "setup" | "failed"; problem: string } {
  const name = (error as { name?: string } | undefined)?.name ?? "";
  if (name.startsWith("InvalidInstanceID")) {
    return { kind: "not-found", problem: `there is no instance ${instanceId} in this account and region` };
  }
  if (
    name === "CredentialsProviderError" ||
    name === "AuthFailure" ||
    name === "UnrecognizedClientException" ||
    name.includes("Token")
  ) {
    return {
      kind: "setup",
      problem: "no usable AWS credentials: set up an instance role, IRSA, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
    };
  }
  if (name === "UnauthorizedOperation" || name === "AccessDeniedException" || name === "AccessDenied") {
    return { kind: "setup", problem: "AWS refused the read: attach deploy/aws/iam-policy.json to amiport's role" };
  }
  if (name === "TimeoutError" || name === "AbortError")
    return { kind: "failed", problem: "AWS did not answer in time; try again" };
  return {
    kind: "failed",
    problem: `AWS could not be read (${name.replace(/[^\w.]/g, "").slice(0, 60) || "unknown error"}); try again`,
  };
}
