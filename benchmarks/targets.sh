#!/usr/bin/env bash
# Every speed target of issue 16 — measured value, goal, met or not — in one run, with the machine's load next to
# every number. Writes the whole output to benchmarks/results/DATE-targets[-HHMM].md (RESULTS=0: don't).
#   benchmarks/targets.sh
# Settings (environment):
#   RUNS=7            pairs of (`governance --version`, small `check`) runs: medians and pair-by-pair ratios
#   RUNS_LARGE=3      runs of each large process (check at 100k columns, plan at 1M columns)
#   INPROC_RUNS=5     warm runs of the in-process targets (load, evaluate at 1M columns)
#   ANALYZER_PAIRS=3  pairs of builds (with / without analyzers) of the 1,000-product domain project
#   SKIP=             space-separated parts to leave out: small large plan planner inproc race analyzers
#   GOVERNANCE=PATH   time this `governance` executable instead of packing and installing the tool from this checkout
#   QUIET_WAIT=0      before each part, wait up to this many seconds for the 1-minute load average to drop to 2
#   WORK=DIR          where the tool, the generated inputs and the logs go (default: a new temporary folder)
# Needs the .NET SDK, node and npm (the peer race), bc. Not part of `dotnet test` or CI. About 30-60 minutes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_gcServer=0
RUNS=${RUNS:-7}
RUNS_LARGE=${RUNS_LARGE:-3}
INPROC_RUNS=${INPROC_RUNS:-5}
ANALYZER_PAIRS=${ANALYZER_PAIRS:-3}
SKIP=" ${SKIP:-} "
QUIET_WAIT=${QUIET_WAIT:-0}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
log="$WORK/targets.log"
exec > >(tee "$log") 2>&1

load1() { cut -d' ' -f1 /proc/loadavg; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
skip() { [[ "$SKIP" == *" $1 "* ]]; }
# Median of the numbers on stdin, one a line.
median() { sort -g | awk '{a[NR] = $1} END {if (NR == 0) print "nan"; else print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
max() { sort -g | tail -1; }
# Before a part: wait (up to QUIET_WAIT seconds) for the load average to fall to 2.
quiet() {
  local waited=0
  while [ "$waited" -lt "$QUIET_WAIT" ] && [ "$(echo "$(load1) > 2" | bc)" = 1 ]; do sleep 10; waited=$((waited + 10)); done
}
# run_timed OUT CMD...: runs CMD (stdout to OUT, stderr to OUT.err); sets ELAPSED (wall ms), CPU (user + system ms of
# the process and its threads: less sensitive to other processes than the wall clock) and LOAD (1-minute load average
# just before). Exit codes 0 and 1 (findings) are fine; anything else stops the script.
run_timed() {
  local out="$1"; shift
  LOAD=$(load1)
  local rc=0 TIMEFORMAT='%3R %3U %3S'
  { time "$@" > "$out" 2> "$out.err" ; } 2> "$out.time" || rc=$?
  if [ "$rc" -gt 1 ]; then echo "command failed ($rc): $*"; cat "$out.err"; exit 1; fi
  read -r real user sys < <(tail -1 "$out.time")
  ELAPSED=$(echo "$real * 1000" | bc | xargs printf '%.0f')
  CPU=$(echo "($user + $sys) * 1000" | bc | xargs printf '%.0f')
}
# script TITLE LOG CMD…: one of the other benchmark scripts, its output shown and kept in LOG; PART_LOADS: the load
# averages before and after.
script() {
  local title="$1" out="$2"; shift 2
  echo "== $title"
  local l0; l0=$(load1)
  "$@" | tee "$out"
  PART_LOADS="$l0 $(load1)"
}

# The summary: one row per target.
rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 |"); }
# status VALUE OP GOAL: met or MISSED.
status() { if [ "$(echo "$1 $2 $3" | bc -l)" = 1 ]; then echo met; else echo MISSED; fi; }
# note LOADS…: "(load > 2)" when the highest 1-minute load average seen during the measurement was above 2.
loadnote() { local m; m=$(printf '%s\n' "$@" | max); if [ "$(echo "$m > 2" | bc)" = 1 ]; then echo "max $m (loaded: re-run when quiet)"; else echo "max $m"; fi; }

echo "# governance speed targets (issue 16)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ' (uncommitted changes)')"
echo "machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -h | awk '/^Mem:/ {print $2}') memory, dotnet $(dotnet --version), node $(node --version 2>/dev/null || echo none)"
echo "load average at the start: $(loadavg); work folder: $WORK"
echo

# ─────────────────────────── build: the tool as a user installs it, the benchmark program, the stats hook ───────────────────────────
echo "== build"
dotnet build -c Release "$root/benchmarks/Governance.Benchmarks" -v quiet -nologo > "$WORK/build-bench.log" 2>&1 || { cat "$WORK/build-bench.log"; exit 1; }
dotnet build -c Release "$root/benchmarks/Governance.ProcessStats" -v quiet -nologo > "$WORK/build-stats.log" 2>&1 || { cat "$WORK/build-stats.log"; exit 1; }
bench="$root/benchmarks/Governance.Benchmarks/bin/Release/net10.0/Governance.Benchmarks.dll"
hook="$root/benchmarks/Governance.ProcessStats/bin/Release/net10.0/Governance.ProcessStats.dll"
if [ -z "${GOVERNANCE:-}" ]; then
  version="0.0.0-targets.$(date +%s)"
  dotnet pack "$root/src/Governance.Cli" -c Release -o "$WORK/feed" -p:Version="$version" > "$WORK/pack.log" 2>&1 || { cat "$WORK/pack.log"; exit 1; }
  rm -rf "$WORK/tool"
  dotnet tool install Governance.Cli --version "$version" --tool-path "$WORK/tool" --add-source "$WORK/feed" > "$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; exit 1; }
  GOVERNANCE="$WORK/tool/governance"
  # The tool is packed per platform (docs/releasing.md): say which package `dotnet tool install` picked for this machine.
  # `governance` is then a link into that package's folder (.store/governance.cli/VERSION/governance.cli.RID/…).
  installed=$(readlink "$GOVERNANCE" | sed -n 's#.*/\(governance\.cli\.[^/]*\)/.*#\1#p')
  echo "governance: Governance.Cli $version packed from this checkout and installed with \`dotnet tool install --tool-path\`; the package for this machine: ${installed:-governance.cli (one package for every platform)}"
else
  echo "governance: $GOVERNANCE"
fi
gov() { "$GOVERNANCE" "$@"; }
# gov_stats FILE ARGS…: the same process with the stats hook, one line appended to FILE when it exits.
gov_stats() { local f="$1"; shift; DOTNET_STARTUP_HOOKS="$hook" GOVERNANCE_PROCESS_STATS="$f" "$GOVERNANCE" "$@"; }
echo

# ─────────────────────────── inputs ───────────────────────────
echo "== inputs"
gov example --out "$WORK/acme" 2> /dev/null
acme=("$WORK/acme/acme-mesh.snapshot.json" --pack "$WORK/acme/acme-global.rulepack.json" --pack "$WORK/acme/acme-finance.rulepack.json")
echo "small: governance example (acme-mesh.snapshot.json, 2 packs: acme-global, acme-finance)"
if ! skip large; then
  [ -f "$WORK/g100k/synthetic.snapshot.json" ] || gov generate --columns 100000 --rules 500 --out "$WORK/g100k" 2> /dev/null
  echo "100k: governance generate --columns 100000 --rules 500 ($(stat -c %s "$WORK/g100k/synthetic.snapshot.json") bytes)"
fi
if ! skip plan; then
  [ -f "$WORK/g1m/synthetic.snapshot.json" ] || gov generate --columns 1000000 --rules 500 --out "$WORK/g1m" 2> /dev/null
  echo "1M: governance generate --columns 1000000 --rules 500 ($(stat -c %s "$WORK/g1m/synthetic.snapshot.json") bytes)"
fi
echo

# ─────────────────────────── small check vs --version, pair by pair ───────────────────────────
if ! skip small; then
  quiet
  echo "== small check: \`governance check\` of the example with two pack files vs \`governance --version\`, $RUNS pairs (after 2 untimed pairs)"
  for _ in 1 2; do gov --version > /dev/null; gov check "${acme[@]}" > /dev/null 2>&1 || true; done
  : > "$WORK/small.tsv"
  for i in $(seq "$RUNS"); do
    run_timed "$WORK/version.out" gov --version; v=$ELAPSED; lv=$LOAD; cv=$CPU
    run_timed "$WORK/check.out" gov check "${acme[@]}"; c=$ELAPSED; lc=$LOAD; cc=$CPU
    r=$(echo "$c / $v" | bc -l | xargs printf '%.2f')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$v" "$c" "$r" "$lv" "$lc" "$cv" "$cc" >> "$WORK/small.tsv"
    echo "pair $i: --version $v ms (cpu $cv), check $c ms (cpu $cc), ratio $r (load $lv / $lc)"
  done
  gov_stats "$WORK/small.stats" check "${acme[@]}" > /dev/null 2>&1 || true
  gov_stats "$WORK/version.stats" --version > /dev/null
  mv=$(cut -f1 "$WORK/small.tsv" | median); mc=$(cut -f2 "$WORK/small.tsv" | median); mr=$(cut -f3 "$WORK/small.tsv" | median)
  loads=$(cut -f4,5 "$WORK/small.tsv" | tr '\t' '\n')
  mcv=$(cut -f6 "$WORK/small.tsv" | median); mcc=$(cut -f7 "$WORK/small.tsv" | median)
  echo "median: --version $mv ms (cpu $mcv), check $mc ms (cpu $mcc), ratio (median of the pairs' ratios) $mr"
  echo "check: $(tail -1 "$WORK/small.stats")"
  echo "--version: $(tail -1 "$WORK/version.stats")"
  # shellcheck disable=SC2086
  ln=$(loadnote $loads)
  row "small \`check\` (2 packs) / \`--version\`, whole process" "≤ 2×" "${mr}× (check $mc ms, --version $mv ms; median of $RUNS pairs; cpu $mcc / $mcv ms)" "$ln" "$(status "$mr" '<=' 2)"
  # shellcheck disable=SC2086
  row "small \`check\` (2 packs), whole process" "≤ 250 ms (quiet machine)" "$mc ms (median of $RUNS; cpu $mcc ms)" "$ln" "$(status "$mc" '<=' 250)"
  echo
fi

# ─────────────────────────── check at 100k columns: json and table, pair by pair ───────────────────────────
if ! skip large; then
  quiet
  g=("$WORK/g100k/synthetic.snapshot.json" --pack "$WORK/g100k/synthetic.rulepack.json")
  echo "== check at 100k columns x 500 rules: --format json vs the table format, $RUNS_LARGE pairs (stats hook on)"
  : > "$WORK/large.tsv"; : > "$WORK/json.stats"; : > "$WORK/table.stats"
  for i in $(seq "$RUNS_LARGE"); do
    run_timed "$WORK/json.out" gov_stats "$WORK/json.stats" check "${g[@]}" --format json; j=$ELAPSED; lj=$LOAD; cj=$CPU
    run_timed "$WORK/table.out" gov_stats "$WORK/table.stats" check "${g[@]}"; t=$ELAPSED; lt=$LOAD; ct=$CPU
    r=$(echo "$t / $j" | bc -l | xargs printf '%.2f')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$j" "$t" "$r" "$lj" "$lt" "$cj" "$ct" >> "$WORK/large.tsv"
    echo "pair $i: json $j ms (cpu $cj; $(tail -1 "$WORK/json.out.err")), table $t ms (cpu $ct), table/json $r (load $lj / $lt)"
    echo "   json:  $(tail -1 "$WORK/json.stats")"
    echo "   table: $(tail -1 "$WORK/table.stats")"
  done
  mj=$(cut -f1 "$WORK/large.tsv" | median); mt=$(cut -f2 "$WORK/large.tsv" | median); mr=$(cut -f3 "$WORK/large.tsv" | median)
  aj=$(sed 's/.*allocated_bytes=\([0-9]*\).*/\1/' "$WORK/json.stats" | median); at=$(sed 's/.*allocated_bytes=\([0-9]*\).*/\1/' "$WORK/table.stats" | median)
  pj=$(sed 's/.*peak_rss_bytes=\([0-9]*\).*/\1/' "$WORK/json.stats" | median); pt=$(sed 's/.*peak_rss_bytes=\([0-9]*\).*/\1/' "$WORK/table.stats" | median)
  mcj=$(cut -f6 "$WORK/large.tsv" | median); mct=$(cut -f7 "$WORK/large.tsv" | median)
  echo "median: json $mj ms (cpu $mcj), table $mt ms (cpu $mct), table/json $mr; allocated json $aj, table $at bytes; peak resident json $pj, table $pt bytes"
  echo "output: json $(stat -c %s "$WORK/json.out") bytes, table $(stat -c %s "$WORK/table.out") bytes ($(wc -l < "$WORK/table.out") lines)"
  # shellcheck disable=SC2086
  ln=$(loadnote $(cut -f4,5 "$WORK/large.tsv" | tr '\t' '\n'))
  mb() { echo "$1 / 1000000" | bc; }
  row "\`check --format json\`, 100k columns × 500 rules, whole process" "≤ 2 s" "$mj ms (median of $RUNS_LARGE; cpu $mcj ms; allocated $(mb "$aj") MB, peak resident $(mb "$pj") MB)" "$ln" "$(status "$mj" '<=' 2000)"
  row "\`check\` table format / json, 100k × 500" "≤ 1× (no slower)" "${mr}× (table $mt ms, cpu $mct ms; allocated $(mb "$at") MB, peak resident $(mb "$pt") MB)" "$ln" "$(status "$mr" '<=' 1)"
  echo
fi

# ─────────────────────────── plan at 1M columns, column and tag mode ───────────────────────────
if ! skip plan; then
  g=("$WORK/g1m/synthetic.snapshot.json" --pack "$WORK/g1m/synthetic.rulepack.json")
  for mode in column tag; do
    quiet
    goal=$([ "$mode" = column ] && echo 1000 || echo 1500)
    echo "== plan --mode $mode at 1M columns x 500 rules, --out FILE, $RUNS_LARGE runs (stats hook on)"
    : > "$WORK/plan-$mode.tsv"; : > "$WORK/plan-$mode.stats"
    for i in $(seq "$RUNS_LARGE"); do
      # --allow-errors: the synthetic mesh has error findings, and without it `plan` refuses (exit 1) after planning.
      run_timed "$WORK/plan-$mode.out" gov_stats "$WORK/plan-$mode.stats" plan "${g[@]}" --mode "$mode" --allow-errors --out "$WORK/plan-$mode.sql"
      printf '%s\t%s\t%s\n' "$ELAPSED" "$LOAD" "$CPU" >> "$WORK/plan-$mode.tsv"
      echo "run $i: $ELAPSED ms (cpu $CPU; $(grep '^planned ' "$WORK/plan-$mode.out.err" | tail -1)) (load $LOAD)"
      echo "   $(tail -1 "$WORK/plan-$mode.stats")"
    done
    m=$(cut -f1 "$WORK/plan-$mode.tsv" | median); mc=$(cut -f3 "$WORK/plan-$mode.tsv" | median)
    a=$(sed 's/.*allocated_bytes=\([0-9]*\).*/\1/' "$WORK/plan-$mode.stats" | median)
    p=$(sed 's/.*peak_rss_bytes=\([0-9]*\).*/\1/' "$WORK/plan-$mode.stats" | median)
    echo "median: $m ms (cpu $mc), allocated $a bytes, peak resident $p bytes; script $(stat -c %s "$WORK/plan-$mode.sql") bytes"
    # shellcheck disable=SC2046
    ln=$(loadnote $(cut -f2 "$WORK/plan-$mode.tsv"))
    row "\`plan --mode $mode\`, 1M columns, whole process" "≤ $((goal / 1000)).$((goal % 1000 / 100)) s" "$m ms (median of $RUNS_LARGE; cpu $mc ms)" "$ln" "$(status "$m" '<=' "$goal")"
    row "\`plan --mode $mode\`, 1M columns, allocated" "≤ 1 GB (10⁹ bytes)" "$(echo "$a / 1000000" | bc) MB (peak resident $(echo "$p / 1000000" | bc) MB)" "$ln" "$(status "$a" '<=' 1000000000)"
    echo
  done
fi

# ─────────────────────────── plan at 1M columns, the planner alone, in process ───────────────────────────
if ! skip planner; then
  quiet
  echo "== planner only, in-process (Governance.Benchmarks --planner-only 1000000 $INPROC_RUNS): SnowflakePlanner.Plan and the script written to a file, warm, after one warm-up"
  l0=$(load1)
  dotnet "$bench" --planner-only 1000000 "$INPROC_RUNS" > "$WORK/planner.log"
  l1=$(load1)
  sed "s/\$/ (load $l0 \/ $l1)/" "$WORK/planner.log"
  ln=$(loadnote "$l0" "$l1")
  for mode in column tag; do
    line=$(grep "^planner_only mode=$mode " "$WORK/planner.log")
    pfield() { tr ' ' '\n' <<<"$line" | sed -n "s/^$1=//p"; }
    goal=$([ "$mode" = column ] && echo 1000 || echo 1500)
    pa=$(pfield allocated_bytes); pb=$(pfield best_ms)
    row "\`plan --mode $mode\`, 1M columns, planner only, in-process (\`SnowflakePlanner.Plan\` + script written), warm" "≤ $((goal / 1000)).$((goal % 1000 / 100)) s" "$pb ms best, $(pfield median_ms) ms median of $INPROC_RUNS (cpu $(pfield cpu_median_ms) ms, GC pauses $(pfield gc_pause_median_ms) ms; $(pfield statements) statements, $(pfield script_bytes) bytes)" "$ln" "$(status "$pb" '<=' "$goal")"
    row "\`plan --mode $mode\`, 1M columns, planner only, in-process, allocated" "≤ 1 GB (10⁹ bytes)" "$(echo "$pa / 1000000" | bc) MB" "$ln" "$(status "$pa" '<=' 1000000000)"
  done
  echo
fi

# ─────────────────────────── in-process: evaluation at 1M, snapshot load, resident bytes ───────────────────────────
if ! skip inproc; then
  quiet
  echo "== in-process (Governance.Benchmarks --targets 1000000 $INPROC_RUNS): load and evaluation warm, after one warm-up"
  l0=$(load1)
  line=$(dotnet "$bench" --targets 1000000 "$INPROC_RUNS")
  l1=$(load1)
  echo "$line (load $l0 / $l1)"
  field() { tr ' ' '\n' <<<"$line" | sed -n "s/^$1=//p"; }
  ln=$(loadnote "$l0" "$l1")
  eb=$(field evaluate_best_ms); em=$(field evaluate_median_ms); ea=$(field evaluate_allocated_bytes)
  row "evaluation, 1M columns × 500 rules, warm" "≤ 0.5 s" "$eb ms best, $em ms median of $INPROC_RUNS (cpu $(field evaluate_cpu_median_ms) ms, GC pauses $(field evaluate_gc_pause_median_ms) ms, $(field evaluate_gc_count_median) collections); allocated $(echo "$ea / 1000000" | bc) MB ($(echo "$ea / 1000000" | bc) B/column)" "$ln" "$(status "$eb" '<=' 500)"
  mbs=$(field load_mb_s)
  row "snapshot load (1M columns, from memory)" "≥ 200 MB/s" "$mbs MB/s ($(field load_best_ms) ms best for $(field json_bytes) bytes)" "$ln" "$(status "$mbs" '>=' 200)"
  rb=$(field resident_bytes_per_column)
  row "resident bytes per column (loaded snapshot)" "≤ 150 B" "$rb B" "$ln" "$(status "$rb" '<=' 150)"
  echo
fi

# ─────────────────────────── the peer race ───────────────────────────
if ! skip race; then
  quiet
  script "peer race (benchmarks/peers/race.sh 10000 1)" "$WORK/race.log" "$here/peers/race.sh" 10000 1
  ln=$(loadnote $PART_LOADS $(sed -n 's/.*(load \([0-9.]*\).*/\1/p' "$WORK/race.log"))
  warm=$(sed -n 's/^ratio (full path, warm): \([0-9,]*\) x$/\1/p' "$WORK/race.log" | tr -d ,)
  cold=$(sed -n 's/^ratio (full path, cold): \([0-9,]*\) x$/\1/p' "$WORK/race.log" | tr -d ,)
  one=$(sed -n 's/^ratio (full path, warm, one core): \([0-9,]*\) x$/\1/p' "$WORK/race.log" | tr -d ,)
  agree=$(sed -n 's/^agreement: \(.*\)$/\1/p' "$WORK/race.log")
  row "peer race, full path, warm (10k columns)" "≥ 10,000× cedar-wasm" "${warm}× (cold ${cold}×; warm on one core ${one:-?}×; $agree)" "$ln" "$(status "$warm" '>=' 10000)"
  echo
fi

# ─────────────────────────── analyzers: the 1,000-product domain project ───────────────────────────
if ! skip analyzers; then
  quiet
  script "analyzers (benchmarks/analyzers/run.sh, PRODUCTS=1000 RULES=500 PAIRS=$ANALYZER_PAIRS)" "$WORK/analyzers.log" \
    env PAIRS="$ANALYZER_PAIRS" WORK="$WORK/analyzers" "$here/analyzers/run.sh"
  ln=$(loadnote $PART_LOADS $(sed -n 's/.*(load \([0-9.]*\) at the start).*/\1/p' "$WORK/analyzers.log"))
  ar=$(sed -n 's/^build ratio (analyzers on \/ off, median of [0-9]* pairs): \([0-9.]*\) x$/\1/p' "$WORK/analyzers.log")
  row "build of a 1,000-product domain project, analyzers on / \`-p:RunAnalyzers=false\`" "≤ 1.3×" "${ar}× (median of $ANALYZER_PAIRS pairs)" "$ln" "$(status "$ar" '<=' 1.3)"
  echo
fi

# ─────────────────────────── summary ───────────────────────────
echo "== targets (load average at the end: $(loadavg); $(nproc) cores)"
echo
echo "| target | goal | measured | load average (1 min) | status |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo

if [ "${RESULTS:-1}" != 0 ]; then
  file="$root/benchmarks/results/$(date +%F)-targets.md"
  [ -e "$file" ] && file="$root/benchmarks/results/$(date +%F)-targets-$(date +%H%M).md"
  sleep 1 # let tee write the last lines
  { echo "# Speed targets (issue 16), $(date -u '+%Y-%m-%d %H:%M UTC')"; echo; echo "Output of \`benchmarks/targets.sh\`, whole."; echo; echo '```'; cat "$log"; echo '```'; } > "$file"
  echo "wrote $file"
fi
