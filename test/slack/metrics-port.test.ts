/**
 * With METRICS_PORT, /metrics is served on that port only, so a NetworkPolicy (which tells ports
 * apart, never paths) can let only the monitoring namespace reach it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

describe("METRICS_PORT", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ secret: "metrics-port-secret", botToken: "xoxb-metrics-port-token", env: { METRICS_PORT: "0" } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it("serves /metrics on its own port, and only /metrics there", async () => {
    expect(app.running.metricsPort).not.toBe(app.running.port);
    const metricsBase = `http://127.0.0.1:${app.running.metricsPort}`;
    const scraped = await fetch(`${metricsBase}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^amiport_/m);
    for (const path of ["/slack/events", "/healthz", "/readyz", "/"])
      expect((await fetch(`${metricsBase}${path}`)).status).toBe(404);
  });

  it("no longer serves /metrics on the port Slack's requests come to", async () => {
    expect((await fetch(`${app.base}/metrics`)).status).toBe(404);
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
  });
});
