#!/bin/sh
# The accessibility tests ctest runs (tests/CMakeLists.txt):
#   run-a11y.sh demo FOIDESK_BIN   the demo's public HTML (response.html, an
#                                  s12 and an NCND letter, and every page of
#                                  the disclosure log) has no
#                                  WCAG 2.2 A/AA violation axe-core finds
#   run-a11y.sh fixture FILE       the check itself catches problems: it
#                                  exits 1 on FILE and names each of its rules
# Fails, never skips, when node or the pinned packages are missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)

die() { echo "run-a11y: $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 ||
  die "node is missing: run 'make test' (it installs Debian's nodejs and npm), or apt-get install nodejs npm"
[ -d "$here/node_modules/axe-core" ] && [ -d "$here/node_modules/playwright-core" ] ||
  die "$here/node_modules is missing: run 'make test', or 'npm ci' in $here"

case "${1:-}" in
demo)
  bin=${2:-}
  [ -x "$bin" ] || die "usage: run-a11y.sh demo FOIDESK_BIN (no executable '$bin')"
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/foidesk-a11y.XXXXXX") || die "cannot make a temporary folder"
  trap 'rm -rf "$tmp"' EXIT
  "$bin" demo --out "$tmp/demo" >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log"; die "foidesk demo failed"; }
  [ -f "$tmp/demo/response/response.html" ] || die "the demo wrote no response/response.html"
  [ -f "$tmp/demo/site/index.html" ] || die "the demo wrote no site/index.html"
  # The letters of the other kinds of response (docs/responses.md), on the
  # demo's store: a refusal under s12 and one neither confirming nor denying.
  mkdir -p "$tmp/demo/kinds"
  common='received = 2016-04-04
response_date = 2016-04-28
store = "../foidesk.db"
questions = ["What happened in every blackmail crime recorded from 2011 to 2015?"]'
  cat >"$tmp/demo/kinds/s12.toml" <<EOF
kind = "refused-s12"
reference = "FOI 000901/16"
seconds_per_record = 90
years = [2011, 2012, 2013, 2014, 2015]
$common
[[search]]
source = "crs"
query = "offence:71 recorded:2011-01-01..2015-12-31"
method = "all recorded crimes of Blackmail"
EOF
  cat >"$tmp/demo/kinds/ncnd.toml" <<EOF
kind = "ncnd"
reference = "FOI 000903/16"
$common
[[exemption]]
id = "s40-5"
reason = "Confirming or denying would disclose whether a named person is a victim of crime."
EOF
  for kind in s12 ncnd; do
    "$bin" respond "$tmp/demo/kinds/$kind.toml" --out "$tmp/demo/kinds/$kind" >>"$tmp/demo.log" 2>&1 ||
      { cat "$tmp/demo.log"; die "foidesk respond failed for the $kind letter"; }
  done
  # Relative paths, in a fixed order, so the report reads the same each run.
  cd "$tmp/demo" || exit 1
  pages="response/response.html kinds/s12/response.html kinds/ncnd/response.html $(find site -name '*.html' | LC_ALL=C sort | tr '\n' ' ')"
  # shellcheck disable=SC2086 # the paths have no spaces: the demo names them
  node "$here/axe-check.mjs" $pages
  ;;
fixture)
  file=${2:-}
  [ -f "$file" ] || die "usage: run-a11y.sh fixture FILE (no file '$file')"
  out=$(node "$here/axe-check.mjs" "$file" 2>&1)
  status=$?
  echo "$out"
  [ "$status" -eq 1 ] || die "expected exit status 1 (violations) on $file, got $status"
  for rule in html-has-lang image-alt label color-contrast; do
    echo "$out" | grep -q ": $rule (" || die "axe-check did not report $rule on $file"
  done
  echo "run-a11y: axe-check exits 1 on $file and reports html-has-lang, image-alt, label, color-contrast"
  ;;
*)
  die "usage: run-a11y.sh demo FOIDESK_BIN | run-a11y.sh fixture FILE"
  ;;
esac
