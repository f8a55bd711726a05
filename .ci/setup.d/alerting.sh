# Sourced by test.sh. The outbreak tests re-run scripts/outbreak-reference.R when Rscript is available, so that CI
# compares Vigil's EARS and Farrington detectors with R's 'surveillance' package. Installs it only when Rscript is
# missing; idempotent and quiet. A failed install never stops the test run: the R comparison is then skipped and the
# committed reference values are still checked.
vigil_alerting_setup() {
  command -v Rscript >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || return 0
    sudo="sudo -n"
  fi
  echo "alerting: installing r-cran-surveillance"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends r-cran-surveillance >/dev/null 2>&1 \
    || echo "alerting: r-cran-surveillance could not be installed; the R comparison will be skipped"
}
vigil_alerting_setup || true
unset -f vigil_alerting_setup
