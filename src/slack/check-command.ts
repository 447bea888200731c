/**
 * `/amiport check i-… PORT [tcp|udp] [from SOURCE]`: who may, how often, then the verdict in the
 * channel. The VPC layers are posted at once with "still checking…", and the same message is
 * replaced when the host layers return. One audit line and one count per check.
 */
import { performance } from "node:perf_hooks";
import { LogLevel, type RespondFn, type webApi } from "@slack/bolt";
import {
  type CheckArguments,
  type CheckOutcome,
  type CheckReport,
  type InstanceReader,
  readCheckText,
  runCheck,
} from "../core/reachability/index.js";
import { renderCheckProblem, renderVerdictMessage } from "../render/verdict-blocks.js";
import type { SlackDeps } from "./answer.js";
import type { CheckGate, CheckRateLimiter } from "./check-gate.js";
import type { CheckOutcomeLabel } from "./metrics.js";

export interface SlackChecks {
  readonly reader: InstanceReader;
  readonly gate: CheckGate;
  readonly limiter: CheckRateLimiter;
}

/** `check i-…`: the words that make a question a check rather than a rule lookup. */
const CHECK_TEXT = /^\s*check\s+(?=i-)/i;

export function isCheckText(text: string): boolean {
  return CHECK_TEXT.test(text);
}

export const CHECKS_OFF =
  "Instance checks are off in this workspace. The people who run amiport can turn them on (AMIPORT_CHECKS=on with AWS_REGION; see the README).";

interface Asker {
  readonly user: string;
  readonly team: string;
  readonly channel: string;
}

/** The words of `/amiport check …` as check arguments. */
export function readCheckCommand(text: string): CheckArguments {
  return readCheckText(text.replace(CHECK_TEXT, ""));
}

/**
 * Runs a check already acknowledged; every answer goes through `respond`. From the command the
 * VPC layers are posted first and the message replaced when the host answers (`progressive`); from
 * a button, whose response_url would replace the answer it sits under, the verdict is one new message.
 */
export async function answerCheck(
  deps: SlackDeps,
  command: Asker,
  args: CheckArguments,
  respond: RespondFn,
  client: webApi.WebClient,
  progressive: boolean,
): Promise<void> {
  const startedAt = performance.now();
  const audit = (outcome: CheckOutcomeLabel, fields: Record<string, unknown> = {}) => {
    const seconds = (performance.now() - startedAt) / 1000;
    deps.logger.event(LogLevel.INFO, "check", {
      user: command.user,
      team: command.team,
      channel: command.channel,
      ...fields,
      verdict: outcome,
      ms: Math.round(seconds * 1000),
    });
    deps.metrics?.check(outcome, seconds);
  };
  const privately = (text: string) => respond({ response_type: "ephemeral", ...renderCheckProblem(text) });

  const checks = deps.checks;
  if (!checks) {
    audit("off");
    return void (await privately(CHECKS_OFF));
  }
  if (!args.ok) {
    audit("invalid");
    return void (await privately(args.problem));
  }
  const asked = {
    instance: args.instanceId,
    port: args.port,
    protocol: args.protocol,
    source: args.source.kind === "any" ? "any" : args.source.kind === "range" ? args.source.range.text : args.source.groupId,
  };
  const permission = await checks.gate.allows(command.user, command.channel, client);
  if (!permission.ok) {
    audit("refused", asked);
    return void (await privately(permission.refusal));
  }
  const turn = checks.limiter.take(command.user);
  if (!turn.ok) {
    audit("rate_limited", asked);
    return void (await privately(`You have run the most checks allowed in a minute; try again in ${turn.retryInSeconds} s.`));
  }
  const inChannel = (report: CheckReport, pending: boolean, replace: boolean) =>
    respond({
      response_type: "in_channel",
      replace_original: replace,
      ...renderVerdictMessage(report, deps.book, { pending, askedBy: command.user }),
    });
  let posted = false;
  const outcome: CheckOutcome = await runCheck(
    checks.reader,
    deps.book,
    args,
    progressive
      ? async (first) => {
          await inChannel(first, true, false);
          posted = true;
        }
      : undefined,
  );
  if (!outcome.ok) {
    audit(outcome.kind === "not-found" ? "not_found" : "failed", asked);
    return void (await privately(outcome.problem));
  }
  await inChannel(outcome.report, false, posted);
  audit(outcome.report.verdict, asked);
}
