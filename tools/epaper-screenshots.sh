#!/usr/bin/env bash
# The two screenshots in docs/ (docs/epaper.md): page 2 of the sample's e-paper with its zones
# shown, and an article view; taken with Debian's headless Chromium, reduced to 256 colours.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
.venv/bin/paiban epaper editions/sample -o "$work/site" >/dev/null
shot() {  # URL WIDTH,HEIGHT OUT
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d -p "$work")" --hide-scrollbars --window-size="$2" \
    --screenshot="$work/shot.png" "$1" 2>/dev/null
  .venv/bin/python -c "import sys; from PIL import Image; Image.open(sys.argv[1]).convert('RGB')\
.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)\
.save(sys.argv[2], optimize=True)" "$work/shot.png" "$3"
}
shot "file://$work/site/page-02.html#zones" 1280,940 docs/epaper-page.png
shot "file://$work/site/articles/a10-lead.html" 900,1200 docs/epaper-article.png
echo "wrote docs/epaper-page.png docs/epaper-article.png"
