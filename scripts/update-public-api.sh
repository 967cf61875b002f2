#!/usr/bin/env bash
# Regenerates src/Governance/PublicAPI.Unshipped.txt: every public type and member of the library that
# PublicAPI.Shipped.txt does not list, written by the public API analyzer's own code fix (RS0016, "add to the declared
# public API") through `dotnet format`, never by hand. Run it after adding, changing or merging public API, and review
# `git diff src/Governance/PublicAPI.Unshipped.txt` before committing: every line is a promise to users
# (docs/releasing.md, "Public API").
# A shipped member that is gone is not removed for you: the build then fails with RS0017 naming it; a deliberate
# breaking change adds `*REMOVED*` and the Shipped line to Unshipped (docs/releasing.md).
#   scripts/update-public-api.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
project="$repo/src/Governance/Governance.csproj"
unshipped="$repo/src/Governance/PublicAPI.Unshipped.txt"
log=$(mktemp /tmp/governance-public-api.XXXXXX)
trap 'rm -f "$log"' EXIT

# Keep deliberate removals of shipped API (`*REMOVED*` lines); everything else the code fix writes again.
removed=$(grep '^\*REMOVED\*' "$unshipped" || true)
{ echo '#nullable enable'; [ -z "$removed" ] || echo "$removed"; } >"$unshipped"

dotnet format analyzers "$project" --diagnostics RS0016 --severity warn -v q >"$log" 2>&1 \
  || { cat "$log"; echo "dotnet format failed" >&2; exit 2; }

# Keep the header first and the rest in the order the code fix itself writes (ordinal, ignoring case), so that the
# file is the same whatever order the fix met the declarations in.
body=$(grep -v '^#nullable enable$' "$unshipped" | LC_ALL=C sort -f | uniq || true)
{ echo '#nullable enable'; [ -z "$body" ] || echo "$body"; } >"$unshipped"

# The build is the check: no RS0016 (an unlisted public symbol) nor RS0017 (a listed one that is gone) may remain.
if ! dotnet build "$project" -v q -nologo >"$log" 2>&1; then
  grep -E 'error (RS00|CS)' "$log" | sort -u || cat "$log"
  echo "the library does not build with the regenerated public API (see above)" >&2
  exit 1
fi
echo "$(($(wc -l <"$unshipped") - 1)) entries in src/Governance/PublicAPI.Unshipped.txt"
