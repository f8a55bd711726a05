#!/usr/bin/env bash
# Runs every test of the solution, after installing and starting what the tests need.
# Prints a closing line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# Each area may add what its tests need (apt packages, services) as a script in .ci/setup.d/.
# Scripts are sourced in name order and may register clean-up through `vigil_on_exit`.
cleanups=()
vigil_on_exit() { cleanups+=("$1"); }
run_cleanups() { for c in "${cleanups[@]:-}"; do [ -n "$c" ] && eval "$c" || true; done; }
trap run_cleanups EXIT
for s in .ci/setup.d/*.sh; do
  [ -e "$s" ] || continue
  echo "== setup: $s"
  # shellcheck disable=SC1090
  source "$s"
done

status=0
dotnet build Vigil.slnx -c Release -nologo -clp:ErrorsOnly || exit 1
dotnet test Vigil.slnx -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=minimal" "$@" || status=$?

# The browser code's unit tests (Vitest), when Node.js is here; the server build has already run npm install.
if command -v node >/dev/null 2>&1 && [ -d web/node_modules ]; then
  (cd web && npx vitest run --reporter=default --reporter=junit --outputFile.junit="$results/web-vitest.xml") || status=1
fi

python3 - "$results" <<'PY'
import glob, re, sys
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*vitest*.xml"):
    text = open(f, encoding="utf-8").read()
    m = re.search(r'<testsuites[^>]*>', text)
    if not m:
        continue
    attrs = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
    tests, bad, skip = int(attrs.get("tests", 0)), int(attrs.get("failures", 0)) + int(attrs.get("errors", 0)), int(attrs.get("skipped", 0))
    passed += tests - bad - skip
    failed += bad
    skipped += skip
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    text = open(f, encoding="utf-8").read()
    m = re.search(r'<Counters[^>]*>', text)
    if not m:
        continue
    attrs = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
    passed += int(attrs.get("passed", 0))
    failed += int(attrs.get("failed", 0)) + int(attrs.get("error", 0)) + int(attrs.get("timeout", 0)) + int(attrs.get("aborted", 0))
    skipped += int(attrs.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
