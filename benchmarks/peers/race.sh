#!/usr/bin/env bash
# The peer race: the same masking workload decided by our engine and by Cedar (cedar-wasm), back to back.
# Prints both engines' decisions per second, warm and cold, their ratios (`ratio (full path, warm): N x` and
# `ratio (full path, cold): N x`), and whether every decision agrees (exit 1 if not).
#   benchmarks/peers/race.sh [COLUMNS] [SEED]      (defaults: 10000 columns, seed 1)
# OURS_PROCESSES (default 5): fresh processes timing our full path; CEDAR_PASSES (default 3): Cedar's passes (the first
# is the cold one). ONE_CORE=0 skips the one-core (taskset -c 0) runs of ours.
# Needs the .NET SDK, node and npm. Not part of `dotnet test` or CI.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
columns="${1:-10000}"
seed="${2:-1}"
processes="${OURS_PROCESSES:-5}"
out="$here/out/$columns-$seed"
bench="$root/benchmarks/Governance.Benchmarks/bin/Release/net10.0/Governance.Benchmarks.dll"
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory, load $(load), dotnet $(dotnet --version), node $(node --version)"
echo "== installing cedar-wasm (package-lock.json) into benchmarks/peers/node_modules"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
echo "== building the benchmark program (Release)"
dotnet build -c Release "$root/benchmarks/Governance.Benchmarks" -v quiet -nologo >/dev/null
echo "== our engine: workload of $columns columns, seed $seed -> peers/out/$columns-$seed (load $(load))"
dotnet "$bench" --peer-export "$out" --columns "$columns" --seed "$seed"
# The full path (evaluate + role graph + every decision), in fresh processes: cold = the first pass, warm = best of 5.
time_ours() {
  local file="$1"; shift
  : > "$file"
  for _ in $(seq "$processes"); do
    line=$("$@" dotnet "$bench" --peer-time "$out" --columns "$columns" --seed "$seed")
    echo "   $line (load $(load))"
    sed -E 's/.*cold_ms=([0-9.]+) warm_ms=([0-9.]+).*/\1 \2/' <<<"$line" >> "$file"
  done
}
echo "== our engine, full path: $processes fresh processes (load $(load))"
time_ours "$out/ours-full-path.txt" env
rm -f "$out/ours-full-path-one-core.txt"
if [ "${ONE_CORE:-1}" != 0 ] && command -v taskset >/dev/null; then
  echo "== our engine, full path on one core (taskset -c 0): $processes fresh processes"
  time_ours "$out/ours-full-path-one-core.txt" taskset -c 0
fi
echo "== cedar-wasm: the same requests (load $(load))"
node "$here/race.mjs" "$out"
echo "== load at the end: $(load)"
