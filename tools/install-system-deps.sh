#!/usr/bin/env bash
# Install the Debian packages typeset needs (fonts, PDF tools, Ghostscript, ICC profiles, and
# Chromium for the e-paper's browser tests) when they are missing. Runs apt-get only when
# something is missing; as root it installs, otherwise it prints the command to run.
# Idempotent and quick when everything is there.
set -euo pipefail

PACKAGES=(
  fonts-noto-cjk        # Noto Serif/Sans CJK SC: 书宋, 黑体 roles
  fonts-lxgw-wenkai     # LXGW WenKai: 楷体 role
  fonts-hanazono        # HanaMinA/B: fallback fonts for 生僻字 (CJK Ext-A, Ext-B)
  poppler-utils         # pdffonts, pdftotext, pdfimages, pdfinfo (preflight and tests)
  qpdf                  # qpdf --check (preflight and tests)
  ghostscript           # rendering check, ink coverage (tiffsep), default CMYK output profile
  chromium              # headless browser for the e-paper's browser tests (tests/epaper)
  chromium-driver       # chromedriver: Selenium drives that Chromium (no browser download)
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
elif command -v sudo >/dev/null 2>&1; then
  sudo apt-get update -q
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "error: missing ${missing[*]}; run as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
