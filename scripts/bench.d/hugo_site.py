"""A Hugo site equivalent to a synthetic consortium, for scripts/bench's baseline.

Per school: a section page (the school's home), the Code and the letter as content
pages with the same composed Markdown that `conduct` renders (the school's sections
placed in, its values substituted), a "page not found" page, the stylesheet and the
logo as static files. The layouts under scripts/bench.d/hugo/layouts/ are a small
equivalent of Templates/: head, header with navigation and banner, footer, table of
contents, policy details. The list of member schools in the letter is a shortcode
backed by a data file and rendered once (partialCached), as a Hugo author would.

The same site can be built again with the bare layouts under scripts/bench.d/hugo-bare/
(title, table of contents and content only, the member list still through
partialCached): the fastest Hugo can be on the same Markdown.
"""

import json
import os
import shutil

from consortium import compose_code, compose_letter, substitute

HERE = os.path.dirname(os.path.abspath(__file__))

CONFIG = """baseURL = "https://consortium.example.org/"
languageCode = "en-GB"
title = {title}
disableKinds = ["taxonomy", "term", "RSS", "404", "robotsTXT"]
disableHugoGeneratorInject = true

[markup.goldmark.renderer]
unsafe = false

[markup.tableOfContents]
startLevel = 2
endLevel = 3
ordered = true
"""


EQUIVALENT = "hugo"  # a small equivalent of Templates/
BARE = "hugo-bare"   # title, table of contents and content only


def use_layouts(root, kind):
    """Puts the layouts of `kind` (EQUIVALENT or BARE) into the site at `root`, in place
    of any it had."""
    layouts = os.path.join(root, "layouts")
    if os.path.lexists(layouts):
        shutil.rmtree(layouts)
    shutil.copytree(os.path.join(HERE, kind, "layouts"), layouts)


def _front(fields):
    return "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in fields.items()) + "---\n"


def write_site(content, schools, root, conduct_root, campaign=None):
    """Writes the Hugo site into `root` (which must not exist); logos come from the
    consortium at `conduct_root`."""
    use_layouts(root, EQUIVALENT)
    os.makedirs(os.path.join(root, "data"))
    with open(os.path.join(root, "config.toml"), "w", encoding="utf-8") as f:
        f.write(CONFIG.format(title=json.dumps(content.association)))
    site_data = {"association": content.association, "expectations": []}
    # Content/site.yml's expectations, read without a YAML library.
    with open(os.path.join(content.repo, "Content", "site.yml"), encoding="utf-8") as f:
        for line in f:
            stripped = line.strip()
            if stripped.startswith("- text:"):
                site_data["expectations"].append({"text": stripped.split(":", 1)[1].strip()})
            elif stripped.startswith("section:") and site_data["expectations"]:
                site_data["expectations"][-1]["section"] = stripped.split(":", 1)[1].strip()
    with open(os.path.join(root, "data", "site.json"), "w", encoding="utf-8") as f:
        json.dump(site_data, f)
    with open(os.path.join(root, "data", "members.json"), "w", encoding="utf-8") as f:
        json.dump({"names": sorted(s.name for s in schools)}, f)
    if campaign:
        with open(os.path.join(root, "data", "campaign.json"), "w", encoding="utf-8") as f:
            json.dump(campaign, f)
    os.makedirs(os.path.join(root, "content"))
    with open(os.path.join(root, "content", "_index.md"), "w", encoding="utf-8") as f:
        f.write(_front({"title": "Social Media Code of Conduct"}))

    css = os.path.join(content.repo, "Templates", "assets", "site.css")
    meta = content.code_meta
    for school in schools:
        folder = os.path.join(root, "content", school.slug)
        os.makedirs(folder)
        school_fields = {"title": school.name, "school_name": school.name, "town": school.town,
                         "website": school.website, "brand_colour": school.colour,
                         "canonical": school.base_url}
        if getattr(school, "type", None):
            school_fields["type"] = school.type
        if getattr(school, "logo", False):
            school_fields["logo"] = "assets/logo.svg"
        with open(os.path.join(folder, "_index.md"), "w", encoding="utf-8") as f:
            f.write(_front(school_fields))
        code = substitute(compose_code(content, school), school, content.association, "")
        with open(os.path.join(folder, "code-of-conduct.md"), "w", encoding="utf-8") as f:
            f.write(_front({"title": meta.get("title", "Code"), "summary": meta.get("summary", ""),
                            "document": True, "toc": True, "weight": 1,
                            "version": meta.get("version", ""), "approved_by": meta.get("approved_by", ""),
                            "effective": meta.get("effective", ""), "next_review": meta.get("next_review", ""),
                            "canonical": school.base_url + "code-of-conduct/"}))
            f.write(code)
        letter = substitute(compose_letter(content, school), school, content.association,
                            "{{< member-schools >}}")
        with open(os.path.join(folder, "letter.md"), "w", encoding="utf-8") as f:
            f.write(_front({"title": content.letter_meta.get("title", "Letter"),
                            "summary": content.letter_meta.get("summary", ""), "document": True,
                            "weight": 2, "canonical": school.base_url + "letter/"}))
            f.write(letter)
        with open(os.path.join(folder, "not-found.md"), "w", encoding="utf-8") as f:
            f.write(_front({"title": "Page not found", "layout": "notfound",
                            "url": f"/{school.slug}/404.html"}))
        static = os.path.join(root, "static", school.slug, "assets")
        os.makedirs(static)
        shutil.copyfile(css, os.path.join(static, "site.css"))
        if getattr(school, "logo", False):
            shutil.copyfile(os.path.join(conduct_root, "Schools", school.slug, "logo.svg"),
                            os.path.join(static, "logo.svg"))
