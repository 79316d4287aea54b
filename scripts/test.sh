#!/usr/bin/env bash
# The whole test suite: setup, one build of the solution, every .NET test project, the dev
# ExESDB node's ExUnit suite. Ends with one line "N passed, N failed[, N skipped]" summed over
# all runners. Exit code 0 only when something ran and nothing failed.
#
# A stage that produces no results (the build fails, a test host crashes or hangs) counts as
# one failure, so a broken run can never look green.
#
# Environment: CONFIGURATION (Release); ESDBGATER_TEST_HANG_TIMEOUT (5m: a .NET test that runs
# this long is taken as hung and its test host killed); ESDBGATER_EXUNIT_TIMEOUT (15m for the
# whole ExUnit stage); ESDBGATER_TEST_RESULTS (where TRX files and logs go: TestResults/last,
# emptied first).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_UI_LANGUAGE=en MSBUILDTERMINALLOGGER=off
configuration="${CONFIGURATION:-Release}"
hang_timeout="${ESDBGATER_TEST_HANG_TIMEOUT:-5m}"
exunit_timeout="${ESDBGATER_EXUNIT_TIMEOUT:-15m}"
results="${ESDBGATER_TEST_RESULTS:-$repo/TestResults/last}"
rm -rf "$results"
mkdir -p "$results"

passed=0 failed=0 skipped=0
timings=()
suite_start=$SECONDS

# Runs a stage, records how long it took, never lets set -e end the script.
# Usage: stage NAME COMMAND...; the command's exit code is in $stage_rc.
stage() {
  local name="$1"; shift
  local start=$SECONDS
  echo "==> $name"
  set +e
  "$@"
  stage_rc=$?
  set -e
  timings+=("$(printf '%-44s %4ds' "$name" $((SECONDS - start)))")
}

# Sums the <Counters> of a TRX file into the totals; returns 1 when the file has none.
count_trx() {
  local counters attr
  counters="$(grep -o '<Counters [^>]*>' "$1" 2>/dev/null | head -n 1)" || true
  [[ -n "$counters" ]] || return 1
  attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  local p f e t a n
  p="$(attr passed)"; f="$(attr failed)"; e="$(attr error)"; t="$(attr timeout)"
  a="$(attr aborted)"; n="$(attr notExecuted)"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${n:-0}))
  echo "    $(basename "$1" .trx): ${p:-0} passed, $(( ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0} )) failed, ${n:-0} skipped"
}

# Sums ExUnit summary lines ("1 doctest, 5 tests, 1 failure, 1 excluded, 1 invalid, 1 skipped").
count_exunit() {
  local line total fails excl inv skip n word
  while IFS= read -r line; do
    total=0 fails=0 excl=0 inv=0 skip=0
    while read -r n word; do
      case "$word" in
        doctest*|test*|propert*) total=$((total + n)) ;;
        failure*) fails=$n ;;
        excluded) excl=$n ;;
        invalid) inv=$n ;;
        skipped) skip=$n ;;
      esac
    done < <(tr ',' '\n' <<<"$line" | sed 's/^ *//')
    passed=$((passed + total - fails - excl - inv - skip))
    failed=$((failed + fails + inv))
    skipped=$((skipped + excl + skip))
    echo "    exunit: $((total - fails - excl - inv - skip)) passed, $((fails + inv)) failed, $((excl + skip)) skipped"
  done < <(grep -E '^[0-9]+ (doctests?|tests?|propert(y|ies))(, [0-9]+ [a-z]+)*$' "$1")
}

finish() {
  echo
  echo "Timings:"
  printf '  %s\n' "${timings[@]}"
  printf '  %-44s %4ds\n' "total" $((SECONDS - suite_start))
  echo "Results: $results"
  local summary="$passed passed, $failed failed"
  ((skipped == 0)) || summary+=", $skipped skipped"
  echo "$summary"
  if ((failed > 0 || passed + skipped == 0)); then exit 1; fi
  exit 0
}

# 1. Setup ----------------------------------------------------------------------------------
stage "setup (scripts/setup.sh)" bash scripts/setup.sh </dev/null
if ((stage_rc != 0)); then
  echo "setup failed: nothing was tested"
  failed=$((failed + 1))
  finish
fi

# 2. Build ----------------------------------------------------------------------------------
stage "build (EsdbGater.sln, $configuration)" \
  dotnet build EsdbGater.sln -c "$configuration" -nologo -v quiet -clp:NoSummary\;ErrorsOnly </dev/null
if ((stage_rc != 0)); then
  echo "build failed: the .NET tests did not run"
  failed=$((failed + 1))
  build_ok=0
else
  build_ok=1
fi

# 3. .NET test projects, one after the other --------------------------------------------------
mapfile -t test_projects < <(find tests -name '*.csproj' -not -path '*/bin/*' -not -path '*/obj/*' \
  -exec grep -l -E '<IsTestProject>true</IsTestProject>|"Microsoft.NET.Test.Sdk"' {} + | sort)
if ((build_ok)); then
  for project in "${test_projects[@]}"; do
    name="$(basename "$project" .csproj)"
    stage "test $name" dotnet test "$project" --no-build -c "$configuration" -nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
      --results-directory "$results" \
      --blame-hang-timeout "$hang_timeout" --blame-hang-dump-type none </dev/null
    if ! count_trx "$results/$name.trx"; then
      echo "    $name: no test results (test host crashed or hung; exit code $stage_rc)"
      failed=$((failed + 1))
    elif ((stage_rc != 0)) && ! grep -q -E 'failed="[1-9]|error="[1-9]|timeout="[1-9]|aborted="[1-9]' "$results/$name.trx"; then
      echo "    $name: dotnet test exited with $stage_rc without a failed test"
      failed=$((failed + 1))
    fi
  done
fi

# 4. The dev ExESDB node's ExUnit suite, on OTP 25 (host) and OTP 27 (the Debian 13 root) -----
dev_node=compose/exesdb-dev
run_exunit() { # runtime
  local runtime=$1 exunit_log="$results/exesdb-dev.exunit.$1.log"
  stage "exunit ($dev_node, $runtime)" bash -c '"$@" 2>&1 | tee "$0"; exit "${PIPESTATUS[0]}"' "$exunit_log" \
    timeout --kill-after=30s "$exunit_timeout" "$dev_node/bin/test" --runtime "$runtime" </dev/null
  local before=$((passed + failed + skipped))
  count_exunit "$exunit_log"
  if ((passed + failed + skipped == before)); then
    echo "    exunit: no ExUnit summary (exit code $stage_rc)"
    failed=$((failed + 1))
  elif ((stage_rc != 0)) && ! grep -q -E '^[0-9]+ (doctests?|tests?).*, [1-9][0-9]* (failures?|invalid)' "$exunit_log"; then
    echo "    exunit: exited with $stage_rc without a failed test"
    failed=$((failed + 1))
  fi
}
run_exunit host
run_exunit otp27

finish
