# Sourced by test.sh. The browser tests (tests/Vigil.Web.Tests) drive Debian's chromium through Playwright; Playwright's
# own browser download is never used. Installs chromium only when it is missing; idempotent. Without it the browser
# tests skip and say why.
vigil_chromium_setup() {
  [ -x /usr/bin/chromium ] && return 0
  command -v apt-get >/dev/null 2>&1 || return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || return 0
    sudo="sudo -n"
  fi
  echo "web: installing chromium"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null 2>&1 \
    || echo "web: chromium could not be installed; the browser tests will be skipped"
}
vigil_chromium_setup || true
unset -f vigil_chromium_setup
