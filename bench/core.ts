/** 10,000 mixed queries through the core, against a plain Fuse search over the same rows. */
import { performance } from "node:perf_hooks";
import Fuse from "fuse.js";
import { buildPortMap, diffBySection, diffVersions, loadRuleBook, searchRules } from "../src/core/index.js";
import { composeReply } from "../src/slack/compose.js";
import { QUESTION_FRAGMENTS } from "../test/helpers/question-fragments.js";
import { formatStats, summarize } from "./stats.js";
import { target } from "./targets.js";

/** A fixed pseudo-random sequence, so every run asks the same questions. */
export function* questions(count: number, seed = 42): Generator<string> {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let i = 0; i < count; i++) {
    const parts = 1 + Math.floor(next() * 4);
    yield Array.from({ length: parts }, () => QUESTION_FRAGMENTS[Math.floor(next() * QUESTION_FRAGMENTS.length)]).join(" ");
  }
}

function time(run: (q: string) => unknown, qs: readonly string[]) {
  const samples: number[] = [];
  const start = performance.now();
  for (const q of qs) {
    const t0 = performance.now();
    run(q);
    samples.push(performance.now() - t0);
  }
  return summarize(samples, performance.now() - start);
}

/**
 * The process's CPU time per call (user + system), which a busy shared machine does not inflate
 * the way it inflates wall time when it preempts the process.
 */
function cpuTime(run: (q: string) => unknown, qs: readonly string[]) {
  const samples: number[] = [];
  const start = performance.now();
  for (const q of qs) {
    const before = process.cpuUsage();
    run(q);
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / 1000);
  }
  return summarize(samples, performance.now() - start);
}

function freshWord(i: number): string {
  return `t${i.toString(36)}lemetry`;
}

/**
 * The whole answer in process, as the Slack app makes it before the transport: parse, search and
 * Block Kit rendering (`composeReply`), over the HTTP bench's varied mix (2000 generated questions,
 * most asked once), several rounds after one to warm up. Wall time per question, and CPU time.
 */
export function benchAnswers(rounds = 5): string[] {
  const book = loadRuleBook();
  const qs = [...questions(2000, 7)];
  const answerOnce = (q: string) => composeReply(book, q, { offset: 0, shareable: true });
  for (const q of qs) answerOnce(q);
  const runs = Array.from({ length: rounds }, () => qs).flat();
  const wall = time(answerOnce, runs);
  const cpu = cpuTime(answerOnce, runs);
  const mean = (s: { samplesMs: readonly number[] }) => (s.samplesMs.reduce((a, b) => a + b, 0) / s.samplesMs.length) * 1000;
  return [
    formatStats("answer in process (composeReply), varied mix", wall),
    formatStats("the same, CPU time per question", cpu),
    target("in process, varied mix, mean per question", mean(wall), 40, "µs", `wall; CPU time ${mean(cpu).toFixed(1)} µs`),
    target("in process, varied mix, p99", wall.p99Ms, 0.2, "ms", `wall; CPU time p99 ${cpu.p99Ms.toFixed(3)} ms`),
  ];
}

export function benchCore(count = 10_000): string[] {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const book = loadRuleBook();
  searchRules(book, "warm the index");
  const loadMs = performance.now() - t0;
  globalThis.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;

  const fuse = new Fuse(book.rules, { keys: ["rule", "definition", "section"] });
  const qs = [...questions(count)];
  for (const q of qs.slice(0, 500)) {
    searchRules(book, q);
    fuse.search(q);
  }
  const amiport = time((q) => searchRules(book, q), qs);
  const baseline = time((q) => fuse.search(q), qs);
  // every question with a word never seen before, so the word cache never helps
  const fresh = qs.map((q, i) => `${q} ${freshWord(i)}`);
  const amiportFresh = time((q) => searchRules(book, q), fresh);
  // every ordered pair of versions, over and over: the comparison as the Slack message uses it
  const pairs = book.operatingSystems.flatMap((a) => book.operatingSystems.filter((b) => b !== a).map((b) => `${a}\u0000${b}`));
  const diffRuns = Array.from({ length: count }, (_, i) => pairs[i % pairs.length] as string);
  const diffOnce = (pair: string) => {
    const [from, to] = pair.split("\u0000") as [string, string];
    return diffBySection(book, diffVersions(book, from, to));
  };
  const diff = time(diffOnce, diffRuns);
  const diffCpu = cpuTime(diffOnce, diffRuns);
  // the port map of a filters-only question, from its (unlimited) search to the map's lines
  const filterQuestions = ["2022 inbound", "2019 udp", "icmp", "2016", "outbound tcp 2012 r2", "in out"];
  const mapRuns = Array.from({ length: count }, (_, i) => filterQuestions[i % filterQuestions.length] as string);
  const portMapOnce = (q: string) => buildPortMap(searchRules(book, q).results.map((m) => m.rule));
  const portMap = time(portMapOnce, mapRuns);
  const portMapCpu = cpuTime(portMapOnce, mapRuns);
  return [
    `core: data load + index ${loadMs.toFixed(1)} ms, heap +${((heapAfter - heapBefore) / 1024 / 1024).toFixed(2)} MiB (149 rules)`,
    formatStats("amiport searchRules", amiport),
    formatStats("amiport, an unseen word each", amiportFresh),
    formatStats("baseline new Fuse(rules).search", baseline),
    formatStats("diffVersions + diffBySection (every pair)", diff),
    formatStats("port map (search + buildPortMap)", portMap),
    formatStats("diff, CPU time per call", diffCpu),
    formatStats("port map, CPU time per call", portMapCpu),
    `core: diff p99 ${diff.p99Ms < 1 ? "under" : "OVER"} 1 ms (CPU ${diffCpu.p99Ms < 1 ? "under" : "OVER"}); ` +
      `port map p99 ${portMap.p99Ms < 1 ? "under" : "OVER"} 1 ms (CPU ${portMapCpu.p99Ms < 1 ? "under" : "OVER"})`,
    `core: p99 ${amiport.p99Ms < 1 ? "under" : "OVER"} 1 ms (unseen words: ${amiportFresh.p99Ms < 1 ? "under" : "OVER"}); ` +
      `p50 ${(baseline.p50Ms / amiport.p50Ms).toFixed(0)}x faster than the Fuse baseline (unseen words: ${(baseline.p50Ms / amiportFresh.p50Ms).toFixed(1)}x)`,
  ];
}
