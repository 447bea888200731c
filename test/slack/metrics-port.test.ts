/**
 * With METRICS_PORT, /metrics is served on that port only, so a NetworkPolicy (which tells ports
 * apart, never paths) can let only the monitoring namespace reach it.
 */
import { createServer } from "node:net";
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
    for (const path of ["/slack/events", "/healthz", "/readyz", "/"]) {
      const res = await fetch(`${metricsBase}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("connection"), path).toBe("close");
      expect(await res.json(), path).toEqual({ error: "not found" });
    }
    // a scrape is a GET; anything else sent to /metrics is not found either
    expect((await fetch(`${metricsBase}/metrics`, { method: "POST", body: "" })).status).toBe(404);
  });

  it("logs its start with the mode and both ports", () => {
    expect(app.logged("started")).toEqual([
      expect.objectContaining({ mode: "http", port: app.running.port, metricsPort: app.running.metricsPort }),
    ]);
  });

  it("a metrics port another process holds fails the start, and leaves the app's own port closed", async () => {
    const own = await freePort();
    await expect(
      startTestApp({
        secret: "metrics-port-secret",
        botToken: "xoxb-metrics-port-token",
        slack: app.slack,
        env: { PORT: String(own), METRICS_PORT: String(app.running.metricsPort) },
      }),
    ).rejects.toMatchObject({ code: "EADDRINUSE" });
    await expect(fetch(`http://127.0.0.1:${own}/healthz`)).rejects.toThrow();
  });

  it("a port another process holds fails the start with EADDRINUSE", async () => {
    await expect(
      startTestApp({
        secret: "metrics-port-secret",
        botToken: "xoxb-metrics-port-token",
        slack: app.slack,
        env: { PORT: String(app.running.port) },
      }),
    ).rejects.toMatchObject({ code: "EADDRINUSE" });
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
  });

  it("no longer serves /metrics on the port Slack's requests come to", async () => {
    expect((await fetch(`${app.base}/metrics`)).status).toBe(404);
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
  });
});

/** A port nothing listens on now: the system's pick for a listener closed at once. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
