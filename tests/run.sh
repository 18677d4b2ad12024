#!/usr/bin/env bash
# The workspace's test command: installs what the tests need on a fresh Debian/Ubuntu machine
# (when missing), builds, and runs every test project. Ends with "tests: N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Debian packages the tests use (headless browser, Jupyter tools, pandas/sklearn for comparisons).
# Installed only when missing; needs root (as on CI) or sudo.
bash "$root/tests/setup.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$root/tests/TestResults"
rm -rf "$results"
dotnet build Segmentation.sln -c Release --nologo -v quiet
status=0
# The code's shape in every project: CSharpier's layout (.csharpierrc.yaml, 120 columns) and all of dotnet format
# (.editorconfig's whitespace, naming, style and import rules); both tools must accept every file as it is.
dotnet tool restore >/dev/null
if ! dotnet csharpier check lib tests >/dev/null; then
  echo "format: layout differs from CSharpier's (run: dotnet csharpier format lib tests)"; status=1
fi
if ! dotnet format Segmentation.sln --verify-no-changes -v quiet; then
  echo "format: files differ from .editorconfig (fix the places listed above by hand, e.g. braces on nested loops, so"
  echo "        CSharpier keeps them, then run: dotnet csharpier format lib tests; plain 'dotnet format' would undo"
  echo "        CSharpier's layout)"; status=1
fi
dotnet test Segmentation.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" "$@" || status=$?

# The kernel's memory growth, start-up and cell latency against .NET Interactive's: a benchmark, not a test (figures
# only; docs/performance.md keeps them with the conditions). SEG_SKIP_BENCHMARK=1 leaves it out.
if [ -z "${SEG_SKIP_BENCHMARK:-}" ]; then
  echo "benchmark: the workspace kernel and dotnet-interactive 1.0.712001, 200 small cells each"
  dotnet run -c Release --no-build --project tests/Segmentation.Benchmarks -- kernel --cells 200 \
    --dotnet-interactive "$root/tests/.tools/dotnet-interactive-1.0.712001" || echo "benchmark: the kernel comparison did not run (see above)"
fi

# Sum the outcome counters of every TRX file into the closing line CI reads.
passed=0; failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  p=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
  f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
  passed=$((passed + p)); failed=$((failed + f))
done
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then status=1; echo "no test ran"; fi
echo "tests: $passed passed, $failed failed"
exit "$status"
