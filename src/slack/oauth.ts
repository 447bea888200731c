/**
 * Distributed mode: Bolt's own OAuth install ("Add to Slack" at /slack/install, the redirect at
 * /slack/oauth_redirect) with installations kept in the store, and each request answered with its
 * own workspace's token.
 */
import { ErrorCode, HTTPModuleFunctions, type HTTPReceiverOptions } from "@slack/bolt";
import { InstallationNotFoundError, type InstallationRecords } from "../store/index.js";
import type { Config } from "./config.js";

/** The least scopes that work; the same as manifest.yml's bot scopes. */
export const BOT_SCOPES = ["commands", "app_mentions:read", "chat:write", "im:history"] as const;
export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";
/** When Slack should retry an event whose installation could not be loaded. */
const RETRY_AFTER_SECONDS = "30";

type OAuthReceiverOptions = Pick<
  HTTPReceiverOptions,
  "clientId" | "clientSecret" | "stateSecret" | "scopes" | "installationStore" | "installerOptions" | "processEventErrorHandler"
>;

/** The HTTPReceiver options for OAuth install; none in single-workspace mode. */
export function oauthReceiverOptions(config: Config, installations: InstallationRecords | undefined): OAuthReceiverOptions {
  if (!config.oauth) return {};
  if (!installations) throw new Error("OAuth install needs an installation store");
  return {
    clientId: config.oauth.clientId,
    clientSecret: config.oauth.clientSecret,
    stateSecret: config.oauth.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore: installations,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      // oauth.v2.access and auth.test go where every other Web API call goes
      clientOptions: config.apiUrl ? { slackApiUrl: config.apiUrl } : {},
    },
    processEventErrorHandler: async (args) => {
      if ((args.error as { code?: string }).code === ErrorCode.AuthorizationError && !args.response.headersSent) {
        if (!causes(args.error).some((e) => e instanceof InstallationNotFoundError)) {
          // the store could not answer (the database is away): Slack delivers it again later
          args.response.writeHead(503, { "Retry-After": RETRY_AFTER_SECONDS });
          args.response.end();
          return true;
        }
      }
      // no installation: Bolt refuses it with 401, and nothing is answered
      return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
    },
  };
}

/** True for the errors Bolt raises when a request's installation cannot be loaded. */
export function isAuthorizationError(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === ErrorCode.AuthorizationError;
}

/** The error and the errors it wraps (Bolt and @slack/oauth each wrap once, in `original`). */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e && chain.length < 5; e = (e as { original?: unknown }).original) chain.push(e);
  return chain;
}
