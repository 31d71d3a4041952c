#!/usr/bin/env bash
# Installs the Debian packages Skydda needs to build, run and test, and nothing else.
# Idempotent: checks with dpkg first, so a machine that has everything runs no apt-get.
set -euo pipefail
packages=(
  build-essential cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libsodium-dev libfmt-dev libhowardhinnant-date-dev tzdata
  libgtest-dev libgmock-dev libbenchmark-dev
  libvectorscan-dev libarchive-dev libpoppler-cpp-dev
  libcairo2-dev libpango1.0-dev libcurl4-openssl-dev fonts-dejavu-core
  # Snowball's Swedish stemmer for the case register's search on SQLite (PostgreSQL has its own).
  libstemmer-dev
  # The case register's export as XLSX.
  libxlsxwriter-dev
)
if [[ "${1:-}" == "--test" ]]; then
  # Browser tests (Chromium + Node), the benchmark's reference server and load generator,
  # PostgreSQL 15 for the throwaway cluster of the tests (tests/support/pg_cluster.sh), Java for
  # the W3C HTML checker (npm vnu-jar) that the browser tests run over every page they visit.
  packages+=(chromium nodejs npm nginx-light wrk curl sqlite3 ripgrep poppler-utils time postgresql-15 python3
    default-jre-headless)
fi
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    # nodesource's nodejs bundles npm; do not ask apt for npm when npm is already there.
    if [[ "$p" == npm ]] && command -v npm >/dev/null; then continue; fi
    missing+=("$p")
  fi
done
((${#missing[@]} == 0)) && exit 0
echo "Installing missing Debian packages: ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
