#!/usr/bin/env bash
# Before/after comparison of what the evaluator, the analyzers' checks, the compiler and the simulation give: `check`
# reports (JSON, SARIF, with and without waivers), decisions and analyzer findings, plan scripts (every mode and option) of
# synthetic meshes, of the Acme example, of the every-kind mesh and of seeded generated cases, and the simulated rows
# of every role (tests/Governance.Simulation.Tests/OutputDump.cs, made by Corpus/OutputCorpus.cs, the producer that the
# committed corpus test uses too). Builds BASE and the working tree in temporary copies, each with this tree's
# OutputDump.cs and OutputCorpus.cs and BASE's test generators (so both sides draw the same cases), runs
# the dump on both and diffs the two folders. Exit 0: byte-identical.
#   scripts/compare-outputs.sh BASE [WORKDIR]
set -euo pipefail
base=${1:?usage: scripts/compare-outputs.sh BASE [WORKDIR]}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${2:-$(mktemp -d /tmp/governance-compare.XXXXXX)}
rm -rf "$work/base" "$work/head" "$work/out"
mkdir -p "$work/base" "$work/head" "$work/out"
git -C "$repo" archive "$base" | tar -x -C "$work/base"
# The working tree as it is (tracked and untracked files, without build output).
(cd "$repo" && git ls-files -co --exclude-standard -z | tar --null -T - -cf -) | tar -x -C "$work/head"
cp "$repo/tests/Governance.Simulation.Tests/OutputDump.cs" "$work/base/tests/Governance.Simulation.Tests/"
mkdir -p "$work/base/tests/Governance.Simulation.Tests/Corpus"
cp "$repo/tests/Governance.Simulation.Tests/Corpus/OutputCorpus.cs" "$work/base/tests/Governance.Simulation.Tests/Corpus/"
rm -rf "$work/head/tests/Governance.Tests/Generators"
cp -r "$work/base/tests/Governance.Tests/Generators" "$work/head/tests/Governance.Tests/"
for side in base head; do
  (cd "$work/$side" && dotnet build tests/Governance.Simulation.Tests -c Release -v q -nologo >"$work/out/$side.build.log" 2>&1) \
    || { echo "build of $side failed: $work/out/$side.build.log"; exit 2; }
  (cd "$work/$side" && GOVERNANCE_DUMP_DIR="$work/out/$side" dotnet test tests/Governance.Simulation.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName~Governance.Simulation.Tests.OutputDump" >"$work/out/$side.test.log" 2>&1) \
    || { echo "dump of $side failed: $work/out/$side.test.log"; exit 2; }
done
count=$(find "$work/out/head" -type f | wc -l)
if diff -r "$work/out/base" "$work/out/head" >"$work/out/diff.txt"; then
  echo "identical: $count files ($(du -sh "$work/out/head" | cut -f1)) in $work/out/{base,head}"
else
  echo "DIFFERENT: see $work/out/diff.txt"; head -n 40 "$work/out/diff.txt"; exit 1
fi
