#!/usr/bin/env bash
# Installs every Debian package jxaudit needs to build, test and render its reports.
# Idempotent: packages already present are skipped by apt-get. Run as root.
set -euo pipefail
PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libabsl-dev libeigen3-dev libyaml-cpp-dev libgtest-dev libgmock-dev
  nlohmann-json3-dev libre2-dev libutf8proc-dev libcli11-dev
  # Reports: Mustache templates (mstch needs Boost headers), .xlsx writing.
  libmstch-dev libboost-dev libxlsxwriter-dev
  # Run history (--history, jxaudit trend) lives in a real SQLite database.
  libsqlite3-dev
  # tcmalloc for the programs (many small allocations in reading and in the
  # duplication stage).
  libgoogle-perftools-dev
  # Report tests: the review page in a real browser with a CJK font; reading
  # workbooks back; validating SARIF against its schema.
  chromium fonts-noto-cjk python3-openpyxl python3-jsonschema
  # Simulated years: tools/simulate_year.py reads its edit list (YAML), and
  # tests/sim_years_test.cc runs it with --check.
  python3-yaml
  # Office submissions: .docx/.xlsx are ZIP packages of XML (libzip,
  # pugixml); web pages are parsed with gumbo (an HTML5 parser).
  libzip-dev libpugixml-dev libgumbo-dev
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "jxaudit setup: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
