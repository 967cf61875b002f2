// The peer race, Cedar side: reads the workload written by `Governance.Benchmarks --peer-export DIR`, asks cedar-wasm
// every (column, role) question of it, times that (cold and warm), compares every decision with our engine's, and
// prints both engines' rates and their ratios, ours from the full-path times `--peer-time` wrote (race.sh).
// Usage: node race.mjs DIR
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node race.mjs DIR");
  process.exit(2);
}
const policies = readFileSync(join(dir, "policies.cedar"), "utf8");
const workload = JSON.parse(readFileSync(join(dir, "workload.json"), "utf8"));

// Policies are parsed once and cached inside the wasm module; every request names the cached set.
const parsed = cedar.preparsePolicySet("race", { staticPolicies: policies });
if (parsed.type !== "success") {
  console.error("cedar: policies do not parse:", JSON.stringify(parsed.errors, null, 2));
  process.exit(1);
}

// Entities, built before timing: the role hierarchy (every role and PUBLIC) and one column entity per request.
const role = (name) => ({ type: "Role", id: name });
const roles = workload.roles.map((r) => ({ uid: role(r.name), attrs: {}, parents: r.parents.map(role) }));
const resources = workload.resources.map((c) => ({
  uid: { type: "Column", id: c.uid },
  attrs: { tags: c.tags, family: c.family, kind: c.kind, domain: c.domain, product: c.product, row: c.row },
  parents: [],
}));
const action = { type: "Action", id: "readClear" };
const holdContext = { conditionsHold: true };
const failContext = { conditionsHold: false };

// The requests, in the order of `ours`: column-major, every role per column. Each call gets the role entities and the
// one column entity it asks about (cedar-wasm takes the entities with every call).
const roleCount = roles.length;
const total = resources.length * roleCount;
if (workload.ours.length !== total) {
  console.error(`workload: ${workload.ours.length} decisions of ours for ${total} requests`);
  process.exit(1);
}
const calls = new Array(total);
for (let i = 0; i < total; i++) {
  const c = Math.floor(i / roleCount);
  const r = i % roleCount;
  calls[i] = {
    principal: roles[r].uid,
    action,
    resource: resources[c].uid,
    context: i % workload.holdEvery === workload.holdEvery - 1 ? failContext : holdContext,
    preparsedPolicySetId: "race",
    entities: [...roles, resources[c]],
  };
}

function decide(call) {
  const answer = cedar.statefulIsAuthorized(call);
  if (answer.type !== "success") throw new Error("cedar: " + JSON.stringify(answer.errors));
  if (answer.response.diagnostics.errors.length > 0) throw new Error("cedar: a policy errored: " + JSON.stringify(answer.response.diagnostics.errors));
  return answer.response.decision === "allow";
}

// One pass asks every request once, in order, and records every decision. The first pass in this fresh process is
// the cold one (the JS glue and its calls into wasm JIT-compiled as they run); the warm time is the best of the later
// passes. The policies were parsed and every request's entities built before any clock started.
const passes = Math.max(2, Number(process.env.CEDAR_PASSES ?? 3));
const decisions = new Uint8Array(total);
const times = [];
let agree = total;
let clear = 0;
const disagreements = [];
for (let p = 0; p < passes; p++) {
  const start = performance.now();
  for (let i = 0; i < total; i++) decisions[i] = decide(calls[i]) ? 1 : 0;
  times.push((performance.now() - start) / 1000);
  // Every decision of every pass is compared with ours.
  let passAgree = 0;
  clear = 0;
  for (let i = 0; i < total; i++) {
    const ours = workload.ours.charCodeAt(i) === 49; // '1'
    if (decisions[i] === 1) clear++;
    if ((decisions[i] === 1) === ours) passAgree++;
    else if (disagreements.length < 10) disagreements.push(`${workload.resources[Math.floor(i / roleCount)].uid} as ${workload.roles[i % roleCount].name}: cedar ${decisions[i] ? "clear" : "masked"}, ours ${ours ? "clear" : "masked"}`);
  }
  agree = Math.min(agree, passAgree);
}

// Our full path, timed by `--peer-time` in fresh processes (race.sh): one `cold_ms warm_ms` line per process.
const oursTimes = readFileSync(join(dir, "ours-full-path.txt"), "utf8").trim().split("\n").filter((l) => l.trim()).map((l) => l.trim().split(/\s+/).map(Number));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const oursCold = median(oursTimes.map((t) => t[0])) / 1000;
const oursWarm = Math.min(...oursTimes.map((t) => t[1])) / 1000;
const oneCore = existsSync(join(dir, "ours-full-path-one-core.txt"))
  ? readFileSync(join(dir, "ours-full-path-one-core.txt"), "utf8").trim().split("\n").filter((l) => l.trim()).map((l) => l.trim().split(/\s+/).map(Number))
  : [];

const cedarCold = times[0];
const cedarWarm = Math.min(...times.slice(1));
const fmt = (n) => Math.round(n).toLocaleString("en-US");
const ms = (s) => (s * 1000).toFixed(s < 0.1 ? 2 : 0);
const rate = (s) => total / s;
console.log(`requests: ${fmt(total)} (${fmt(resources.length)} masked columns of ${fmt(workload.snapshotColumns)} x ${roleCount} roles), ${fmt(clear)} clear`);
console.log(`cedar-wasm ${cedar.getCedarVersion()}, warm (best of passes 2-${passes} in one process): ${ms(cedarWarm)} ms per pass, ${fmt(rate(cedarWarm))} decisions/s`);
console.log(`cedar-wasm ${cedar.getCedarVersion()}, cold (first pass of a fresh process): ${ms(cedarCold)} ms, ${fmt(rate(cedarCold))} decisions/s`);
console.log(`ours, full path, warm (best of ${oursTimes.length} processes' best of 5 runs): ${ms(oursWarm)} ms per pass, ${fmt(rate(oursWarm))} decisions/s`);
console.log(`ours, full path, cold (median first pass of ${oursTimes.length} fresh processes, JIT included): ${ms(oursCold)} ms, ${fmt(rate(oursCold))} decisions/s`);
console.log(`ours, lookup only (IsClearFor on decisions evaluated beforehand; not the full path), warm: ${fmt(workload.oursLookupOnlyPerSecond)} decisions/s`);
console.log(`ratio (full path, warm): ${fmt(cedarWarm / oursWarm)} x`);
console.log(`ratio (full path, cold): ${fmt(cedarCold / oursCold)} x`);
if (oneCore.length > 0) {
  const c1 = median(oneCore.map((t) => t[0])) / 1000;
  const w1 = Math.min(...oneCore.map((t) => t[1])) / 1000;
  console.log(`ours, full path on one core (taskset -c 0): warm ${ms(w1)} ms, cold ${ms(c1)} ms`);
  console.log(`ratio (full path, warm, one core): ${fmt(cedarWarm / w1)} x`);
  console.log(`ratio (full path, cold, one core): ${fmt(cedarCold / c1)} x`);
}
console.log(`ratio (lookup only, warm; not the full path): ${fmt(workload.oursLookupOnlyPerSecond / rate(cedarWarm))} x`);
console.log(`agreement: ${fmt(agree)} of ${fmt(total)} decisions agree in every one of ${passes} passes${agree === total ? " (all)" : ""}`);
for (const d of disagreements) console.log("  disagrees: " + d);
process.exit(agree === total ? 0 : 1);
