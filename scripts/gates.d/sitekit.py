"""Shared by gates.py and screenshots.py: build the site, find its pages, serve it on
127.0.0.1 the way a school's web server would, and drive headless Chromium.

The site is made with `conduct publish`, as it is uploaded: each school's pages, and
its bundle in dist/<slug>/, whose letter for printing and poster are checked too.

Every school's pages are written for its `base_url` path (the 404 page links to
`/social-media-code-of-conduct/assets/site.css` and so on), and all schools use the same
path, so each school gets its own little server on a free port of 127.0.0.1 that maps
that path to the school's folder and answers a missing address with the school's
`404.html` and status 404. A further server serves the whole output folder as it is
(the consortium index links to the schools with relative links).
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

# Selenium must never try to fetch a browser or driver of its own.
os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")


def log(msg: str = "") -> None:
    print(msg, flush=True)


# --------------------------------------------------------------------------- build


# The pages of a school's bundle (dist/<slug>/) that are printed: checked like the
# site's pages, and their QR codes read back. (embed.html is not a page but a part of
# one, for pasting into a school's own website.)
PRINTED = ("letter-print.html", "poster.html")


def build_site(dest: Path, scratch_path: str | None, root: Path = REPO) -> float:
    """Build `conduct` with SwiftPM and write every school's site of `root` into `dest`,
    drafts included (draft translations are pages parents will see once reviewed), with
    each school's bundle under `dest/dist/`. The bundle comes from a publish, which
    refuses drafts, so it is published into a folder of its own (draft translations left
    out, values not yet confirmed by a school allowed: they are a question for the
    school, not for the pages) and its `dist/` moved beside the site.
    Returns the seconds taken."""
    t = time.monotonic()
    swift = os.environ.get("SWIFT", "swift")
    extra = ["--scratch-path", scratch_path] if scratch_path else []
    subprocess.run([swift, "build", "--product", "conduct", *extra], cwd=REPO, check=True)
    bin_dir = subprocess.run(
        [swift, "build", "--product", "conduct", "--show-bin-path", *extra],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout.strip()
    conduct = os.path.join(bin_dir, "conduct")
    subprocess.run([conduct, "build", "--drafts", "--root", str(root), "--output", str(dest)],
                   cwd=REPO, check=True)
    published = dest.parent / (dest.name + "-published")
    subprocess.run([conduct, "publish", "--allow-unverified", "--leave-out-draft-translations",
                    "--root", str(root), "--output", str(published)],
                   cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    shutil.move(str(published / "dist"), str(dest / "dist"))
    shutil.rmtree(published)
    return time.monotonic() - t


def translated_fixture(dest: Path) -> Path:
    """The test fixture site with its translations (`Tests/Fixtures/translated/`: Polish,
    and a right-to-left Urdu draft), laid out in `dest` as the Swift tests lay it out:
    the fixture's Content and Schools, the repository's Templates and interface text."""
    fixtures = REPO / "Tests" / "Fixtures"
    shutil.copytree(fixtures / "site", dest)
    shutil.copytree(REPO / "Templates", dest / "Templates")
    if (REPO / "Content" / "strings").is_dir():
        shutil.copytree(REPO / "Content" / "strings", dest / "Content" / "strings", dirs_exist_ok=True)
    shutil.copytree(fixtures / "translated", dest, dirs_exist_ok=True)
    return dest


# --------------------------------------------------------------------------- the site

CANONICAL = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"')


@dataclass
class School:
    slug: str
    folder: Path
    base_url: str             # e.g. https://example.sch.uk/social-media-code-of-conduct/
    base_path: str            # e.g. /social-media-code-of-conduct/
    server: "Server | None" = None

    @property
    def origin(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.port}"


@dataclass
class Page:
    rel: str                  # path in the output folder, e.g. ashley-high-school/index.html
    url: str = ""             # where it is served on 127.0.0.1
    school: School | None = None


@dataclass
class Site:
    root: Path
    schools: list[School] = field(default_factory=list)
    index_server: "Server | None" = None

    @property
    def html_files(self) -> list[Path]:
        bundles = self.root / "dist"
        return sorted(p for p in self.root.rglob("*.html")
                      if p.parent.parent != bundles or p.name in PRINTED)

    def printed(self, school: School) -> list[str]:
        """The output-folder paths of the school's printed pages."""
        return [f"dist/{school.slug}/{name}" for name in PRINTED]

    def pages(self, only: set[str] | None = None) -> list[Page]:
        """Every HTML page with the address it is served at. A school's 404 page is
        opened at a missing address two folders deep, as a visitor would meet it."""
        out: list[Page] = []
        for path in self.html_files:
            rel = path.relative_to(self.root).as_posix()
            if only is not None and rel not in only:
                continue
            slug, _, inner = rel.partition("/")
            school = next((s for s in self.schools if s.slug == slug), None)
            if school is None:
                assert self.index_server is not None
                out.append(Page(rel, f"http://127.0.0.1:{self.index_server.port}/{rel}"))
                continue
            if inner == "404.html":
                where = "gates-missing-page/deeper/"
            elif inner.endswith("index.html"):
                where = inner[: -len("index.html")]
            else:
                where = inner
            out.append(Page(rel, school.origin + school.base_path + where, school))
        return out


def url_to_rel(site: Site, url: str) -> str:
    """The output-folder path of a page served at `url` (for messages)."""
    parts = urllib.parse.urlsplit(url)
    port, path = parts.port, urllib.parse.unquote(parts.path)
    if site.index_server is not None and port == site.index_server.port:
        rel = path.lstrip("/")
        base = ""
    else:
        school = next((s for s in site.schools if s.server and s.server.port == port), None)
        if school is None or not path.startswith(school.base_path):
            return url
        rel = path[len(school.base_path):]
        base = school.slug + "/"
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    out = base + rel
    if not (site.root / out).exists() and base:
        out = base + "404.html (at " + path + ")"
    return out + (f"#{parts.fragment}" if parts.fragment else "")


def load_site(root: Path) -> Site:
    """Find the schools (folders with an index.html and a 404.html) and read each
    school's base_url from the canonical link of its home page."""
    site = Site(root)
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        home = folder / "index.html"
        if not (home.is_file() and (folder / "404.html").is_file()):
            continue
        m = CANONICAL.search(home.read_text(encoding="utf-8"))
        if not m:
            raise SystemExit(f"{home}: no <link rel=\"canonical\"> to read the base_url from")
        base_url = m.group(1)
        base_path = urllib.parse.urlsplit(base_url).path or "/"
        if not base_path.endswith("/"):
            base_path += "/"
        site.schools.append(School(folder.name, folder, base_url, base_path))
    if not site.schools:
        raise SystemExit(f"{root}: no school folders found")
    return site


# --------------------------------------------------------------------------- serving


class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"
    folder = "."
    not_found: Path | None = None

    def log_message(self, format, *args):  # quiet
        pass

    def end_headers(self):
        # Tells LinkChecker that this server is its own, so it need not pause
        # between requests (it waits 0.1 to 0.6 s per request otherwise).
        self.send_header("LinkChecker", "gates")
        super().end_headers()

    def translate_path(self, path):
        path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        missing = os.path.join(self.folder, ".gates-no-such-file")
        if not (path + "/").startswith(self.prefix) and path != self.prefix.rstrip("/"):
            return missing
        rest = path[len(self.prefix):] if path.startswith(self.prefix) else ""
        parts = [p for p in rest.split("/") if p not in ("", ".")]
        if ".." in parts or any("\0" in p or "\\" in p for p in parts):
            return missing
        out = os.path.join(self.folder, *parts)
        if path.endswith("/"):
            out += "/"
        return out

    def send_error(self, code, message=None, explain=None):
        if code == 404 and self.not_found is not None:
            body = self.not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class Server:
    """A threaded HTTP server on 127.0.0.1 at a free port, serving `folder` at the
    path `prefix`; a missing file is answered with `not_found` (status 404)."""

    def __init__(self, folder: Path, prefix: str = "/", not_found: Path | None = None):
        handler = type("Handler", (_Handler,), {
            "prefix": prefix, "folder": str(folder), "not_found": not_found,
            "extensions_map": {**_Handler.extensions_map,
                               ".html": "text/html; charset=utf-8",
                               ".css": "text/css; charset=utf-8",
                               ".xml": "application/xml", ".svg": "image/svg+xml"},
        })
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve(site: Site) -> list[Server]:
    servers = [Server(site.root)]
    site.index_server = servers[0]
    for s in site.schools:
        s.server = Server(s.folder, s.base_path, s.folder / "404.html")
        servers.append(s.server)
    return servers


# --------------------------------------------------------------------------- browser


def start_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--lang=en-GB", "--no-first-run",
                "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--window-size=1280,900"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(options=opts, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


def set_viewport(driver, width: int, height: int = 900) -> None:
    """Set the layout viewport exactly (a window alone does not go below ~500 px)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def print_pdf(driver, url: str) -> bytes:
    """The page as Chromium prints it: its print stylesheet, on the paper its @page rule
    names (A4 if none), without the browser's header and footer."""
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.get(url)
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": 8.27, "paperHeight": 11.69,   # A4 in inches, if the CSS names no size
        "preferCSSPageSize": True, "printBackground": True,
        "displayHeaderFooter": False})["data"]
    return base64.b64decode(pdf)


def tool_versions() -> dict[str, str]:
    out = {}
    try:
        out["chromium"] = subprocess.run([CHROMIUM, "--version"], capture_output=True,
                                         text=True, timeout=30).stdout.strip()
    except Exception as e:  # noqa: BLE001
        out["chromium"] = f"unknown ({e})"
    return out


def rel_to(path: str | Path, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
