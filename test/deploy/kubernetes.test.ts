/** The Kubernetes manifests are valid against Kubernetes' own schemas and say what README.md promises. */
import { readdirSync, readFileSync } from "node:fs";
import { Deployment } from "kubernetes-models/apps/v1";
import { Ingress, NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { Secret, Service } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { SERVER_LIMITS } from "../../src/slack/app.js";
import { readConfig } from "../../src/slack/config.js";
import { REQUEST_LIMITS } from "../../src/slack/request-guard.js";

const dir = new URL("../../deploy/kubernetes/", import.meta.url);
const read = (name: string) => parseAllDocuments(readFileSync(new URL(name, dir), "utf8")).map((d) => d.toJS());
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  "apps/v1/Deployment": Deployment,
  "v1/Service": Service,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "v1/Secret": Secret,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "networking.k8s.io/v1/Ingress": Ingress,
};

/** A replica's memory at rest, with room: ~95 MiB RSS measured idle, plus the answer cache and search indexes. */
const AT_REST_MIB = 160;
const MIB = 1024 * 1024;

/** `768Mi`, `1Gi` as bytes. */
function bytesOf(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`unexpected quantity ${quantity}`);
  return Number(match[1]) * (match[2] === "Gi" ? 1024 * MIB : MIB);
}

const files = readdirSync(dir).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml");
const objects = files.flatMap((f) => read(f).map((o) => ({ file: f, object: o })));
const only = (kind: string) => objects.find((o) => o.object.kind === kind)?.object;

describe("deploy/kubernetes", () => {
  it.each(files)("%s validates against the Kubernetes schema", (file) => {
    for (const object of read(file)) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect(Model, `${object.apiVersion} ${object.kind} in ${file}`).toBeDefined();
      expect(() => new Model!(object).validate()).not.toThrow();
    }
  });

  it("the schema check catches a broken manifest", () => {
    const broken = structuredClone(only("Deployment"));
    broken.spec.replicas = "two";
    expect(() => new Deployment(broken).validate()).toThrow(/replicas/);
  });

  it("kustomization.yaml lists every manifest but the Secret example", () => {
    const [kustomization] = read("kustomization.yaml");
    expect([...kustomization.resources].sort()).toEqual(files.filter((f) => !f.startsWith("secret")).sort());
  });

  it("runs 2 replicas, rolls out without a gap, probes /healthz and /readyz, as non-root with limits", () => {
    const deployment = only("Deployment");
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    expect(container.livenessProbe.httpGet.path).toBe("/healthz");
    expect(container.readinessProbe.httpGet.path).toBe("/readyz");
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).not.toBe(0);
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.envFrom).toEqual([{ secretRef: { name: only("Secret").metadata.name } }]);
    // amiport stops within 5 s of SIGTERM: the grace period leaves it time to
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(5);
  });

  it("the Service and the PodDisruptionBudget select the Deployment's pods", () => {
    const labels = only("Deployment").spec.template.metadata.labels;
    expect(labels).toMatchObject(only("Service").spec.selector);
    expect(labels).toMatchObject(only("PodDisruptionBudget").spec.selector.matchLabels);
    expect(only("PodDisruptionBudget").spec.minAvailable).toBeLessThan(only("Deployment").spec.replicas);
    const port = only("Deployment").spec.template.spec.containers[0].ports[0];
    expect(only("Service").spec.ports[0].targetPort).toBe(port.name);
  });

  it("the Deployment's environment and the Secret's keys make a valid distributed configuration", () => {
    const [container] = only("Deployment").spec.template.spec.containers;
    const env = Object.fromEntries(container.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    const secretKeys = Object.keys(only("Secret").stringData);
    expect(Object.values(only("Secret").stringData).every((v) => v === "")).toBe(true);
    const filled = Object.fromEntries(
      secretKeys.map((k) => [
        k,
        k === "DATABASE_URL" ? "postgres://amiport@db/amiport" : k === "TOKEN_ENCRYPTION_KEY" ? "ab".repeat(32) : "x",
      ]),
    );
    const config = readConfig({ ...env, ...filled });
    expect(config).toMatchObject({ mode: "http", port: Number(env.PORT), oauth: { clientId: "x" } });
    expect(container.ports[0].containerPort).toBe(config.port);
  });

  it("the memory limit covers every connection holding a full unverified body, over the memory at rest", () => {
    const [container] = only("Deployment").spec.template.spec.containers;
    const unverified = SERVER_LIMITS.maxConnections * REQUEST_LIMITS.maxBodyBytes;
    expect(bytesOf(container.resources.limits.memory)).toBeGreaterThanOrEqual(unverified + AT_REST_MIB * MIB);
  });

  it("the NetworkPolicy lets only the ingress namespace reach port http and only monitoring reach port metrics", () => {
    const deployment = only("Deployment");
    const policy = only("NetworkPolicy");
    expect(deployment.spec.template.metadata.labels).toMatchObject(policy.spec.podSelector.matchLabels);
    expect(policy.spec.policyTypes).toEqual(["Ingress"]);
    const [container] = deployment.spec.template.spec.containers;
    const env = Object.fromEntries(container.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    const portsByName = Object.fromEntries(
      container.ports.map((p: { name: string; containerPort: number }) => [p.name, p.containerPort]),
    );
    // a policy tells ports apart, never paths: /metrics has a port of its own, and the app serves only it there
    expect(portsByName.http).toBe(Number(env.PORT));
    expect(portsByName.metrics).toBe(Number(env.METRICS_PORT));
    expect(readConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", ...env }).metricsPort).toBe(portsByName.metrics);
    expect(deployment.spec.template.metadata.annotations["prometheus.io/port"]).toBe(String(portsByName.metrics));
    const allowed = policy.spec.ingress.map((rule: any) => ({
      ports: rule.ports.map((p: { port: string }) => p.port),
      from: rule.from.map((f: any) => Object.keys(f)),
      namespaces: rule.from.map((f: any) => f.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"]),
    }));
    expect(allowed).toEqual([
      { ports: ["http"], from: [["namespaceSelector"]], namespaces: ["ingress-nginx"] },
      { ports: ["metrics"], from: [["namespaceSelector"]], namespaces: ["monitoring"] },
    ]);
  });

  it("the Ingress routes only /slack/… to the Service's http port", () => {
    const ingress = only("Ingress");
    const paths = ingress.spec.rules.flatMap((r: any) => r.http.paths);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      expect(path.path).toMatch(/^\/slack\//);
      expect(path.backend.service.name).toBe(only("Service").metadata.name);
      expect(path.backend.service.port.name).toBe(only("Service").spec.ports[0].name);
    }
  });
});
