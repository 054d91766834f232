# Sourced by scripts/gates and scripts/screenshots: installs what the page checks need,
# each only when it is missing, then sets GATES_PYTHON.
#   Debian: a Java runtime (for vnu), chromium and chromium-driver, fonts-liberation,
#           poppler-utils and zbar-tools (to read the QR codes of the printed pages)
#   PyPI:   the pinned packages of requirements.txt, in a venv at .build-gates/venv
# Safe to run again; a second run installs nothing.

GATES_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
GATES_VENV="${GATES_VENV:-$GATES_REPO/.build-gates/venv}"
GATES_REQUIREMENTS="$GATES_REPO/scripts/gates.d/requirements.txt"

gates_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

gates_setup() {
  local start=$SECONDS missing=()
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  dpkg -s fonts-liberation >/dev/null 2>&1 || missing+=(fonts-liberation)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
  command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
  if [ "${#missing[@]}" -gt 0 ]; then
    if ! command -v apt-get >/dev/null 2>&1; then
      echo "gates: please install: ${missing[*]}" >&2
      return 1
    fi
    echo "gates: installing through apt: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    gates_root apt-get update -qq
    gates_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi

  # The venv is made again whenever requirements.txt or the Python version changes.
  local want have=""
  want="$( (python3 --version; cat "$GATES_REQUIREMENTS") | sha256sum | cut -c1-16)"
  [ -f "$GATES_VENV/.gates-stamp" ] && have="$(cat "$GATES_VENV/.gates-stamp")"
  if [ "$want" != "$have" ] || [ ! -x "$GATES_VENV/bin/python" ]; then
    echo "gates: making the Python venv $GATES_VENV" >&2
    rm -rf "$GATES_VENV"
    python3 -m venv "$GATES_VENV"
    "$GATES_VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps \
      -r "$GATES_REQUIREMENTS"
    echo "$want" > "$GATES_VENV/.gates-stamp"
  fi
  GATES_PYTHON="$GATES_VENV/bin/python"
  echo "gates: tools ready ($((SECONDS - start)) s)" >&2
}
