/**
 * `amiport check i-… PORT`: a live verdict, layer by layer, for one instance. Loaded only when the
 * command is `check`, and it alone loads the AWS SDK, so `amiport 5985` stays fast.
 */
import { parseArgs } from "node:util";
import { DataError, loadRuleBook, type RuleBook } from "../core/index.js";
import { CHECK_USAGE, type InstanceReader, readCheckArguments, readRoleArns, runCheck } from "../core/reachability/index.js";
import { colour, plain } from "../render/terminal.js";
import { verdictToJson } from "../render/verdict-json.js";
import { renderVerdict } from "../render/verdict-text.js";
import type { CliIo } from "./run.js";

/** 0 open; 1 blocked or unknown; 2 bad input, unknown instance, no region or credentials. */
export const CHECK_EXIT = { open: 0, notOpen: 1, usage: 2 } as const;

const CHECK_HELP = `amiport check: why can't I reach this port on this instance? Reads AWS, changes nothing.

Usage
  amiport check INSTANCE PORT [--protocol tcp|udp] [--from IP|CIDR|sg-id] [--no-host] [--json]

  INSTANCE            an instance id, i- and 8 or 17 hex digits
  PORT                one port, e.g. 5986
  --protocol NAME     tcp (default) or udp
  --from SOURCE       where traffic comes from: 10.0.1.5, 203.0.113.0/24, 2001:db8::/32 or sg-0123456789abcdef0
  --no-host           VPC layers only: skip the Windows Firewall and listener (no SSM command)
  --json              one JSON object: { instance, port, protocol, from, verdict, layers, defaults, fix }
  --no-color          plain text even on a terminal

Needs AWS_REGION and credentials from the SDK's usual chain (instance role, IRSA, environment,
profile); the IAM policy is deploy/aws/iam-policy.json. AMIPORT_CHECK_ROLE_ARNS (role ARNs,
separated by commas) names roles to assume, in order, when the instance is not in your account.

Exit status: 0 open; 1 blocked or unknown; 2 bad input, unknown instance, no region or credentials.
`;

export type ReaderFactory = (settings: {
  readonly region: string;
  readonly roleArns: readonly string[];
}) => Promise<InstanceReader>;

const awsReader: ReaderFactory = async (settings) => {
  const { createAwsReader } = await import("../aws/index.js");
  return createAwsReader(settings);
};

export async function runCheckCli(
  argv: readonly string[],
  io: CliIo,
  options: { book?: RuleBook; reader?: ReaderFactory } = {},
): Promise<number> {
  let parsed: ReturnType<typeof readCheckArgs>;
  try {
    parsed = readCheckArgs(argv);
  } catch (error) {
    io.err(`amiport check: ${(error as Error).message}\nTry 'amiport check --help'.\n`);
    return CHECK_EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(CHECK_HELP);
    return CHECK_EXIT.open;
  }
  if (positionals.length > 2) {
    io.err(`amiport check: too many words; ${CHECK_USAGE}\n`);
    return CHECK_EXIT.usage;
  }
  const args = readCheckArguments({
    instance: positionals[0],
    port: positionals[1],
    protocol: values.protocol,
    from: values.from,
    host: values["no-host"] !== true,
  });
  if (!args.ok) {
    io.err(`amiport check: ${args.problem}\n`);
    return CHECK_EXIT.usage;
  }
  const region = io.env.AWS_REGION?.trim();
  if (!region) {
    io.err("amiport check: AWS_REGION is not set; set it to the instance's region, e.g. AWS_REGION=eu-west-1\n");
    return CHECK_EXIT.usage;
  }
  const roles = readRoleArns(io.env.AMIPORT_CHECK_ROLE_ARNS);
  if (!roles.ok) {
    io.err(`amiport check: ${roles.problem}\n`);
    return CHECK_EXIT.usage;
  }
  let book: RuleBook;
  try {
    book = options.book ?? loadRuleBook();
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    io.err(`amiport check: the rule data is broken: ${error.message}\n`);
    return CHECK_EXIT.usage;
  }
  const reader = await (options.reader ?? awsReader)({ region, roleArns: roles.arns });
  const outcome = await runCheck(reader, book, args).finally(() => reader.close?.());
  if (!outcome.ok) {
    io.err(`amiport check: ${outcome.problem}\n`);
    return outcome.kind === "failed" ? CHECK_EXIT.notOpen : CHECK_EXIT.usage;
  }
  const paint = io.isTTY && !values["no-color"] && !io.env.NO_COLOR ? colour : plain;
  io.out(
    values.json ? `${JSON.stringify(verdictToJson(outcome.report), null, 2)}\n` : renderVerdict(outcome.report, book, paint),
  );
  return outcome.report.verdict === "open" ? CHECK_EXIT.open : CHECK_EXIT.notOpen;
}

function readCheckArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      protocol: { type: "string" },
      from: { type: "string" },
      "no-host": { type: "boolean" },
      json: { type: "boolean" },
      "no-color": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
