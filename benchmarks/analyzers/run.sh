#!/usr/bin/env bash
# Analyzer benchmark: the time the GOV analyzers take in `dotnet build` of a generated domain project of PRODUCTS
# product classes (default 1000) against a RULES-rule pack (default 500), and their share of the compiler's time and
# of the whole build. Packs src/Governance into a local feed first, as a domain team would consume it. Then PAIRS
# (default 1) pairs of plain builds, one with the analyzers and one with -p:RunAnalyzers=false, back to back: each
# pair's wall-clock ratio and their median (`build ratio (analyzers on / off, median of N pairs): R x`).
#   benchmarks/analyzers/run.sh            # PRODUCTS=1000 RULES=500 PAIRS=1
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PRODUCTS=${PRODUCTS:-1000}
RULES=${RULES:-500}
PAIRS=${PAIRS:-1}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
VERSION=0.0.0-bench.$(date +%s)
dotnet pack src/Governance -c Release -o "$WORK/feed" -p:Version="$VERSION" > "$WORK/pack.log" 2>&1 || { cat "$WORK/pack.log"; exit 1; }
dotnet run -c Release --project benchmarks/Governance.AnalyzerBench -- --out "$WORK/project" --products "$PRODUCTS" --rules "$RULES" --version "$VERSION"
cat > "$WORK/project/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="feed" value="$WORK/feed" />
    <add key="cache" value="${NUGET_PACKAGES:-$HOME/.nuget/packages}" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
cd "$WORK/project"
export NUGET_PACKAGES="$WORK/packages"
dotnet restore > restore.log 2>&1 || { cat restore.log; exit 1; }
build() { dotnet build -c Release --no-restore --no-incremental -nodeReuse:false -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary "$@"; }
build > warmup.log 2>&1 || true
start=$(date +%s.%N)
build > build.log 2>&1 || true
end=$(date +%s.%N)
build -p:RunAnalyzers=false > plain.log 2>&1 || true
echo "machine: $(nproc) cores, $(free -h | awk '/Mem:/{print $2}') RAM, dotnet $(dotnet --version)"
echo "products: $PRODUCTS, rules: $RULES, GOV warnings: $(grep -oE 'warning GOV[0-9]{4}' build.log | sort | uniq | wc -l) distinct IDs, $(grep -cE 'warning GOV[0-9]{4}' build.log) lines"
grep -m1 "Total analyzer execution time" build.log || echo "no analyzer report (ReportAnalyzer)"
grep -E "Governance\.Analyzers" build.log | grep -E "^\s*[0-9<.]+\s+[0-9<]+\s" | head -3 || true
echo "Csc task with analyzers:    $(grep -E '^\s+[0-9]+ ms\s+Csc ' build.log | head -1 | awk '{print $1" ms"}')"
echo "Csc task without analyzers: $(grep -E '^\s+[0-9]+ ms\s+Csc ' plain.log | head -1 | awk '{print $1" ms"}')"
echo "whole build (wall clock):   $(echo "$end - $start" | bc) s"
# The whole build as a domain team runs it, with and without the analyzers, pair by pair.
plain_build() { dotnet build -c Release --no-restore --no-incremental -nodeReuse:false "$@"; }
ratios=()
for i in $(seq "$PAIRS"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$EPOCHREALTIME; plain_build > "on-$i.log" 2>&1 || true; t1=$EPOCHREALTIME
  plain_build -p:RunAnalyzers=false > "off-$i.log" 2>&1 || true; t2=$EPOCHREALTIME
  on=$(echo "$t1 - $t0" | bc); off=$(echo "$t2 - $t1" | bc); ratio=$(echo "scale=3; $on / $off" | bc)
  ratios+=("$ratio")
  echo "pair $i: with analyzers $on s, without $off s, ratio $ratio (load $load at the start)"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}')
echo "build ratio (analyzers on / off, median of $PAIRS pairs): $median x"
echo "logs: $WORK/project/{build,plain,on-N,off-N}.log"
