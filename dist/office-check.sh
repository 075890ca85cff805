#!/usr/bin/env bash
# Opens exported office files in a real office suite: LibreOffice converts each to PDF
# headless, and poppler turns the pages into PNG images for a person to look at.
#
#   dist/office-check.sh OUTDIR FILE.xlsx FILE.docx …
#
# For each FILE (say a.xlsx): OUTDIR/a-xlsx/a.pdf and OUTDIR/a-xlsx/page-N.png, and one line
# on standard output: `a.xlsx <pages>`. Exits 1 if a conversion fails or gives no page, 2 when
# soffice or pdftoppm is missing (install: apt-get install -y libreoffice-calc-nogui
# libreoffice-writer-nogui fonts-wqy-zenhei poppler-utils; without a Chinese font every
# character is drawn as a box). tests/export.rs runs it when soffice is installed.
set -euo pipefail
if [[ $# -lt 2 ]]; then
    echo "usage: $0 OUTDIR FILE…" >&2
    exit 2
fi
out=$1
shift
for tool in soffice pdftoppm pdfinfo; do
    command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 2; }
done
mkdir -p "$out"
# A profile of our own: no first-start dialogs, no clash with a running LibreOffice.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
status=0
for f in "$@"; do
    base=$(basename "$f")
    name=${base%.*}
    # One folder per file (a .xlsx and a .docx of one stem would overwrite one PDF).
    dir="$out/${base//./-}"
    mkdir -p "$dir"
    if ! timeout 180 soffice -env:UserInstallation="file://$profile" --headless --norestore \
        --convert-to pdf --outdir "$dir" "$f" >"$dir/soffice.log" 2>&1; then
        echo "$name: soffice failed (see $dir/soffice.log)" >&2
        status=1
        continue
    fi
    pdf="$dir/$name.pdf"
    if [[ ! -s "$pdf" ]]; then
        echo "$name: no PDF (see $dir/soffice.log)" >&2
        status=1
        continue
    fi
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
    if [[ -z "$pages" || "$pages" -lt 1 ]]; then
        echo "$name: the PDF has no page" >&2
        status=1
        continue
    fi
    pdftoppm -png -r 60 "$pdf" "$dir/page"
    echo "$base $pages"
done
exit $status
