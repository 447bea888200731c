import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EVENTS_PATH } from "../../src/slack/app.js";
import { COMMAND } from "../../src/slack/listeners/commands/index.js";
import { LOOKUP_PORTS } from "../../src/slack/listeners/shortcuts/index.js";
import { BOT_SCOPES } from "../../src/slack/oauth.js";

const manifest = parse(readFileSync(new URL("../../manifest.yml", import.meta.url), "utf8"));

describe("manifest.yml", () => {
  it("declares the slash command the app listens to, with a usage hint", () => {
    const commands = manifest.features.slash_commands;
    expect(commands.map((c: { command: string }) => c.command)).toEqual([COMMAND]);
    expect(commands[0].usage_hint).toMatch(/5985/);
  });

  it("declares the message shortcut the app listens to", () => {
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: "message", callback_id: LOOKUP_PORTS })]);
    expect(manifest.features.shortcuts[0].name.length).toBeLessThanOrEqual(24);
    expect(manifest.features.shortcuts[0].description.length).toBeLessThanOrEqual(80);
  });

  it("asks for the least scopes that work and the events the app handles", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(["app_mentions:read", "chat:write", "commands", "im:history"]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      "app_home_opened",
      "app_mention",
      "message.im",
      "app_uninstalled",
      "tokens_revoked",
    ]);
    // the OAuth install asks for the same scopes
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });

  it("turns on interactivity, the bot user, DMs and Socket Mode", () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.bot_user.display_name).toBe("amiport");
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it("explains how to switch to HTTP with request URLs on the app's events path", () => {
    const text = readFileSync(new URL("../../manifest.yml", import.meta.url), "utf8");
    expect(text.match(new RegExp(`# (request_)?url: https://\\S+${EVENTS_PATH}`, "g"))).toHaveLength(3);
  });
});
