/** .github/workflows/data-refresh.yml does what README.md's "When AWS changes the page" says. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const workflow = parse(readFileSync(new URL("../../.github/workflows/data-refresh.yml", import.meta.url), "utf8"));
const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
const data = JSON.parse(readFileSync(new URL("../../data/windows-ami-ports.json", import.meta.url), "utf8"));
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const steps: { name?: string; run?: string; if?: string }[] = workflow.jobs.refresh.steps;
const step = (name: string) => steps.find((s) => s.name?.startsWith(name));

describe(".github/workflows/data-refresh.yml", () => {
  it("runs weekly, on demand and on the event the SNS bridge sends", () => {
    expect(workflow.on.schedule).toHaveLength(1);
    expect(workflow.on.schedule[0].cron.split(" ")).toHaveLength(5);
    expect(workflow.on.schedule[0].cron.split(" ")[4]).toMatch(/^[0-6]$/);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    expect(workflow.on.repository_dispatch.types).toEqual(["windows-ami-released"]);
    expect(readme).toContain('{"event_type": "windows-ami-released"}');
  });

  it("fetches the Markdown form of the data's own page, bounded in time, size and retries", () => {
    expect(workflow.env.PAGE_URL).toBe(data.url.replace(/\.html$/, ".md"));
    const fetch = step("Fetch the page")?.run ?? "";
    for (const flag of ["--fail", "--max-time 30", "--retry 3", "--max-filesize 1048576", "--proto =https"]) {
      expect(fetch).toContain(flag);
    }
    expect(workflow.jobs.refresh["timeout-minutes"]).toBeLessThanOrEqual(30);
  });

  it("runs the package's refresh script with --write and opens a pull request only on exit status 1", () => {
    const refresh = step("Compare with data/")?.run ?? "";
    expect(pkg.scripts["data:refresh"]).toBeDefined();
    expect(refresh).toContain('npm run -s data:refresh -- --from "$RUNNER_TEMP/ports-and-protocols.md" --write');
    expect(refresh).toMatch(/if \[ "\$status" -ge 2 \]; then exit 1; fi/);
    const pr = step("Open or update the pull request");
    expect(pr?.if).toBe("steps.refresh.outputs.status == '1'");
    expect(pr?.run).toContain("gh pr create");
    expect(pr?.run).toContain("git add data/windows-ami-ports.json");
  });
});
