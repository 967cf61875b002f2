#!/usr/bin/env bash
# The peer race: the same masking workload decided by our engine and by Cedar (cedar-wasm), back to back.
# Prints both engines' decisions per second, their ratio, and whether every decision agrees (exit 1 if not).
#   benchmarks/peers/race.sh [COLUMNS] [SEED]      (defaults: 10000 columns, seed 1)
# Needs the .NET SDK, node and npm. Not part of `dotnet test` or CI.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
columns="${1:-10000}"
seed="${2:-1}"
out="$here/out/$columns-$seed"

echo "== machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory, load $(cut -d' ' -f1-3 /proc/loadavg), dotnet $(dotnet --version), node $(node --version)"
echo "== installing cedar-wasm (package-lock.json) into benchmarks/peers/node_modules"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
echo "== building the benchmark program (Release)"
dotnet build -c Release "$root/benchmarks/Governance.Benchmarks" -v quiet -nologo >/dev/null
echo "== our engine: workload of $columns columns, seed $seed -> $out"
dotnet "$root/benchmarks/Governance.Benchmarks/bin/Release/net10.0/Governance.Benchmarks.dll" --peer-export "$out" --columns "$columns" --seed "$seed"
echo "== cedar-wasm: the same requests"
node "$here/race.mjs" "$out"
