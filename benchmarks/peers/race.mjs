// The peer race, Cedar side: reads the workload written by `Governance.Benchmarks --peer-export DIR`, asks cedar-wasm
// every (column, role) question of it, times that, and compares every decision with our engine's.
// Usage: node race.mjs DIR
import { readFileSync } from "node:fs";
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

// Warm-up (not timed), then one timed pass over every request.
for (let i = 0; i < Math.min(total, 500); i++) decide(calls[i]);
const decisions = new Uint8Array(total);
const start = performance.now();
for (let i = 0; i < total; i++) decisions[i] = decide(calls[i]) ? 1 : 0;
const seconds = (performance.now() - start) / 1000;

let agree = 0;
let clear = 0;
const disagreements = [];
for (let i = 0; i < total; i++) {
  const ours = workload.ours.charCodeAt(i) === 49; // '1'
  if (decisions[i] === 1) clear++;
  if ((decisions[i] === 1) === ours) agree++;
  else if (disagreements.length < 10) disagreements.push(`${workload.resources[Math.floor(i / roleCount)].uid} as ${workload.roles[i % roleCount].name}: cedar ${decisions[i] ? "clear" : "masked"}, ours ${ours ? "clear" : "masked"}`);
}

const cedarPerSecond = total / seconds;
const oursPerSecond = workload.oursPerSecond;
const fmt = (n) => Math.round(n).toLocaleString("en-US");
console.log(`cedar-wasm ${cedar.getCedarVersion()}: ${fmt(total)} decisions (${fmt(clear)} clear) in ${(seconds * 1000).toFixed(0)} ms, ${fmt(cedarPerSecond)} decisions/s`);
console.log(`ours: ${fmt(oursPerSecond)} decisions/s`);
console.log(`ratio (ours / cedar-wasm): ${fmt(oursPerSecond / cedarPerSecond)}x`);
console.log(`agreement: ${fmt(agree)} of ${fmt(total)} decisions agree${agree === total ? " (all)" : ""}`);
for (const d of disagreements) console.log("  disagrees: " + d);
process.exit(agree === total ? 0 : 1);
