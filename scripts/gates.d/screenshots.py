"""Pictures of the pages for people to review: every page of every school (and the
consortium index) as full-page PNGs at 1280 and 375 px wide, and as PDFs, printed by
Chromium with the print stylesheet, the pages families print: each school's letter and
Easy Read, and its letter for printing and A5 poster.
Run it through scripts/screenshots, which installs what it needs.
"""

from __future__ import annotations

import argparse
import base64
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sitekit  # noqa: E402
from sitekit import log  # noqa: E402

WIDTHS = (1280, 375)
PRINTED = ("letter", "easy-read")


def shot(driver, url: str, width: int, dest: Path) -> None:
    sitekit.set_viewport(driver, width)
    driver.get(url)
    height = driver.execute_script(
        "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")
    sitekit.set_viewport(driver, width, max(1, min(int(height), 16000)))
    png = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]
    dest.write_bytes(base64.b64decode(png))


def main() -> int:
    ap = argparse.ArgumentParser(prog="scripts/screenshots", description=__doc__)
    ap.add_argument("out", nargs="?", type=Path,
                    default=sitekit.REPO / ".build-screenshots",
                    help="folder for the pictures (default: .build-screenshots/); replaced")
    ap.add_argument("--site", type=Path,
                    help="use this built output folder (e.g. Output) instead of building one")
    ap.add_argument("--school", action="append", default=[],
                    help="only this school (slug); repeat for more")
    ap.add_argument("--scratch-path", default=os.environ.get("GATES_SCRATCH_PATH"),
                    help="SwiftPM build folder for conduct (default: .build)")
    args = ap.parse_args()

    t0 = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="conduct-shots-"))
    try:
        if args.site:
            root = args.site.resolve()
        else:
            root = tmp / "site"
            log("screenshots: publishing the site with conduct...")
            sitekit.build_site(root, args.scratch_path)
        site = sitekit.load_site(root)
        unknown = set(args.school) - {s.slug for s in site.schools}
        if unknown:
            ap.error(f"no such school: {', '.join(sorted(unknown))}")
        out = args.out.resolve()
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        servers = sitekit.serve(site)
        driver = sitekit.start_browser()
        count_png = count_pdf = 0
        try:
            for page in site.pages():
                # A school's printed pages (dist/<slug>/…) go with its other pictures.
                bundle, _, printed = page.rel.removeprefix("dist/").partition("/")
                printed = printed if page.rel.startswith("dist/") else ""
                slug = page.school.slug if page.school else (bundle if printed else "index")
                if args.school and slug not in args.school:
                    continue
                name = printed or (page.rel.removeprefix(slug + "/") if page.school else page.rel)
                stem = name.removesuffix("index.html").strip("/").replace("/", "-") or "home"
                stem = stem.removesuffix(".html")
                folder = out / slug
                folder.mkdir(exist_ok=True)
                for w in WIDTHS:
                    shot(driver, page.url, w, folder / f"{stem}-{w}.png")
                    count_png += 1
                # The pages families print: the letter, the Easy Read, and the bundle's
                # letter for printing and poster.
                if stem in PRINTED or printed:
                    (folder / f"{stem}.pdf").write_bytes(sitekit.print_pdf(driver, page.url))
                    count_pdf += 1
                log(f"screenshots: {slug}/{stem}")
        finally:
            driver.quit()
            for s in servers:
                s.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log(f"screenshots: {count_png} PNGs and {count_pdf} PDFs in {out} "
        f"({time.monotonic() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
