/**
 * Runs amiport's own SSM document on the instance and waits for its output. The document reads
 * and never changes; its only parameters are a validated port and protocol. GetCommandInvocation
 * right after SendCommand often answers InvocationDoesNotExist, so it is asked again with backoff
 * until the budget runs out.
 */
import type { SSMClient } from "@aws-sdk/client-ssm";
import { type CheckProtocol, type HostRead, readHostState } from "../core/reachability/index.js";
import { ssmSdk } from "./sdk.js";

const { GetCommandInvocationCommand, SendCommandCommand } = ssmSdk;

/** How long the host layers may take, SendCommand to output (the issue's 30 s). */
export const HOST_BUDGET_MS = 30_000;
/** First wait between GetCommandInvocation calls, doubled each time up to the cap. */
export const FIRST_POLL_MS = 250;
export const MAX_POLL_MS = 2_000;
/** What the document may take on the instance, in SSM's own seconds. */
const DOCUMENT_TIMEOUT_SECONDS = 30;

const FINISHED = new Set(["Success", "Failed", "Cancelled", "TimedOut", "Cancelling"]);

export interface HostReadOptions {
  readonly document: string;
  readonly budgetMs?: number;
  readonly firstPollMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function readHost(
  ssm: SSMClient,
  instanceId: string,
  port: number,
  protocol: CheckProtocol,
  options: HostReadOptions,
): Promise<HostRead> {
  const budget = options.budgetMs ?? HOST_BUDGET_MS;
  const deadline = Date.now() + budget;
  let commandId: string | undefined;
  try {
    const sent = await ssm.send(
      new SendCommandCommand({
        DocumentName: options.document,
        InstanceIds: [instanceId],
        Parameters: { Port: [String(port)], Protocol: [protocol.toUpperCase()] },
        TimeoutSeconds: DOCUMENT_TIMEOUT_SECONDS,
        Comment: "amiport check: reads the Windows Firewall and listeners, changes nothing",
      }),
      { abortSignal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) },
    );
    commandId = sent.Command?.CommandId;
  } catch (error) {
    return { ok: false, problem: sendProblem(error, options.document) };
  }
  if (!commandId) return { ok: false, problem: "SSM accepted the command but gave no command id" };

  let wait = options.firstPollMs ?? FIRST_POLL_MS;
  while (Date.now() + wait < deadline) {
    await sleep(wait);
    wait = Math.min(wait * 2, MAX_POLL_MS);
    try {
      const invocation = await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }), {
        abortSignal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
      });
      const status = invocation.Status ?? "";
      if (!FINISHED.has(status)) continue;
      if (status !== "Success") {
        return {
          ok: false,
          problem: `the SSM command ended ${status}${invocation.StatusDetails ? ` (${invocation.StatusDetails.slice(0, 80)})` : ""}`,
        };
      }
      return readHostState(invocation.StandardOutputContent ?? "", protocol);
    } catch (error) {
      const name = (error as { name?: string }).name ?? "";
      if (name === "InvocationDoesNotExist") continue;
      if (name === "TimeoutError" || name === "AbortError") break;
      return { ok: false, problem: `SSM could not be read (${name.replace(/[^\w.]/g, "").slice(0, 60)})` };
    }
  }
  return { ok: false, problem: `the instance did not answer through SSM within ${Math.round(budget / 1000)} s` };
}

function sendProblem(error: unknown, document: string): string {
  const name = (error as { name?: string }).name ?? "";
  if (name === "InvalidInstanceId")
    return "the instance is not managed by SSM (no SSM Agent online, or no instance profile for it)";
  if (name === "InvalidDocument") return `the SSM document ${document} does not exist in this account and region`;
  if (name === "AccessDeniedException")
    return "SSM refused SendCommand: the instance needs the tag the IAM policy names, and the policy must be attached";
  return `SSM could not run the document (${name.replace(/[^\w.]/g, "").slice(0, 60) || "unknown error"})`;
}
