#!/bin/sh
# The portfolio's HTML page in a real browser (Debian's chromium, headless):
# the page itself holds no script and names nothing to fetch; a copy of it
# with a probe script appended is laid out at two widths and must have
# every section and every bar at its size, no cell whose text overflows,
# no page wider than the window, and no resource loaded; a screenshot of
# the page itself must be taken.  Without a chromium that runs, the test
# says so and is skipped (exit 77).
# Usage: check_html.sh ATTRIB_ADVISE SOURCE_DIR WORK
set -eu
aa=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
skip() {
    echo "check_html: SKIPPED: $*" >&2
    exit 77
}
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || skip "no chromium (apt-get install chromium)"
run_browser() {
    # --no-sandbox: the suite may run as root, where the sandbox refuses.
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
        --no-first-run --disable-extensions --disable-sync \
        --user-data-dir="$work/profile" "$@" 2> "$work/browser.stderr"
}
run_browser --dump-dom about:blank > "$work/blank.html" ||
    skip "chromium does not run here: $(tail -n 1 "$work/browser.stderr")"

cd "$src"
status=0
"$aa" portfolio --format html --group-by /partner/types examples \
    tests/cases/portfolio/group-by/plans > "$work/page.html" \
    2> /dev/null || status=$?
[ "$status" -eq 3 ] || { echo "check_html: exit $status, expected 3"; exit 1; }
cd "$work"
fail=0
# Nothing to run or fetch, whatever a browser makes of it.
if grep -Ein '<script|<link|<img|<iframe|<object|<embed|src=|href=|url\(|@import' \
    page.html; then
    echo "check_html: the page names something to run or fetch"; fail=1
fi
grep -q "Content-Security-Policy\" content=\"default-src 'none'" page.html ||
    { echo "check_html: no Content-Security-Policy"; fail=1; }

# The probe: the page without its policy (so that whatever it would load
# shows in the resource timings), and a script at its end.
cat > probe.js <<'JS'
(function () {
  var bad = [], bars = document.querySelectorAll('svg.bar'), i, r;
  ['verdicts', 'not-in-place', 'needs-info', 'findings', 'fixes',
   'groups', 'unreadable'].forEach(function (id) {
    if (!document.getElementById(id)) bad.push('no section ' + id);
  });
  if (bars.length < 20) bad.push('only ' + bars.length + ' bars');
  for (i = 0; i < bars.length; i++) {
    r = bars[i].getBoundingClientRect();
    if (Math.round(r.width) !== 320 || Math.round(r.height) !== 14)
      bad.push('bar ' + i + ' is ' + r.width + 'x' + r.height);
  }
  document.querySelectorAll('th, td, p, h1, h2').forEach(function (e) {
    if (e.scrollWidth > e.clientWidth + 1)
      bad.push('overflow in ' + e.tagName + ': ' +
               e.textContent.slice(0, 40));
  });
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    bad.push('page ' + document.documentElement.scrollWidth +
             ' wide in a window of ' + window.innerWidth);
  performance.getEntriesByType('resource').forEach(function (e) {
    bad.push('loaded ' + e.name);
  });
  var out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = bad.length ? 'PROBE FAIL: ' + bad.join('; ')
                               : 'PROBE OK ' + bars.length + ' bars';
  document.body.appendChild(out);
})();
JS
awk '/Content-Security-Policy/ { next }
     /<\/body>/ { print "<script>"; while ((getline l < "probe.js") > 0) print l
                  print "</script>" }
     { print }' page.html > probe.html
for size in 1280,2000 820,2000; do
    run_browser --window-size="$size" --dump-dom "file://$work/probe.html" \
        > "dom-$size.html" || { echo "check_html: chromium failed"; fail=1; }
    result=$(grep -o '<pre id="probe">[^<]*' "dom-$size.html" | sed 's/.*>//' || true)
    result=${result:-PROBE missing}
    echo "check_html: $size: $result"
    case $result in "PROBE OK"*) ;; *) fail=1 ;; esac
done
run_browser --window-size=1000,2400 --screenshot="$work/page.png" \
    "file://$work/page.html" > /dev/null || { echo "check_html: no screenshot"; fail=1; }
if [ ! -s page.png ] || [ "$(head -c 4 page.png | od -An -c | tr -d ' ')" != "211PNG" ]; then
    echo "check_html: page.png is not a PNG screenshot"; fail=1
fi
exit "$fail"
