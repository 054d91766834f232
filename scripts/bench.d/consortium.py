"""Synthetic consortia for scripts/bench, made from the repository's real content.

A consortium of N schools is a copy of Content/ and Templates/ plus N school folders.
The first schools are the real ones under Schools/ (copied as they are), so N = 14 is
the real consortium; the rest are made up: unique names and slugs, varied school.yml
keys, a dark brand colour (white text at 4.5:1 or more, as the generator requires),
and sections taken from the real ones with new placements and text.

Also composes, per school, the Markdown of its pages (the shared Code with the
school's sections placed as `conduct` places them, and the letter) for the two
baselines: the cmark stream and the Hugo site.
"""

import os
import random
import re
import shutil

HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
FENCE = re.compile(r"^ {0,3}(```|~~~)")

TOWNS = ["Widnes", "Runcorn", "Halton Lea", "Hale", "Ditton", "Halebank", "Moore",
         "Preston Brook", "Daresbury", "Murdishaw", "Palace Fields", "Windmill Hill"]
PLACES = ["Beechwood", "Brookvale", "Castlefields", "Farnworth", "Hough Green", "Upton",
          "Kingsway", "Appleton", "Norton", "Weston", "Halton Brook", "Sandymoor", "Astmoor",
          "Birchfield", "Oakfield", "Fairfield", "Highfield", "Hallwood", "Pewithall",
          "Westfield", "Victoria", "Riverside", "Mersey View", "Canal Side", "Bridgewater",
          "Cronton Lane", "Ashwood", "Elmridge", "Larchwood", "Rowan", "Willow Bank",
          "Hazel Grove", "Thornbury", "Lowerhouse", "Greenway", "Heathfield", "Moorfield",
          "St Bede's", "St Michael's", "St Mary's", "St Edward's", "St Clement's",
          "Holy Family", "Our Lady's", "Christ Church", "All Saints", "Trinity",
          "Wade Lane", "Peel House", "Runcorn Hill", "Spike Island", "Pickerings",
          "Moss Bank", "Lunts Heath", "Bechers", "Wilmere", "Derby Road", "Victoria Park",
          "Hale Bank", "Dundalk Road"]
KINDS = ["High School", "Academy", "College", "Sixth Form College", "School",
         "Catholic High School", "Church of England Academy", "Community School",
         "Free School", "Studio School", "Learning Centre", "Special School"]
TYPES = ["Academy, ages 11 to 16", "Academy, ages 11 to 18", "Community school, ages 11 to 16",
         "Voluntary aided Catholic school, ages 11 to 18", "Special school for pupils aged 11 to 19",
         "Pupil referral unit", "Sixth form college", "Further education college",
         "Free school, ages 11 to 16", "Studio school, ages 14 to 19"]
EXTRA_SENTENCES = [
    "We review this section with our parents' forum every spring.",
    "If anything here is unclear, the office team at {{school.short_name}} will gladly explain it.",
    "Families in {town} told us this was the part they most wanted to read.",
    "Our governors agreed this section when {{school.name}} adopted the Code.",
    "You can ask for this section in another format, like the rest of the Code.",
    "Thank you for helping us keep {{school.short_name}} a kind place, online and off.",
]
LOGO_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 56 56" width="56" height="56">'
            '<rect width="56" height="56" rx="8" fill="{colour}"/>'
            '<text x="28" y="36" font-size="22" text-anchor="middle" fill="#fff">{initials}</text></svg>\n')


def heading_id(text):
    """The generator's documented rule: lowercase, apostrophes dropped, every other run
    of characters that are not ASCII letters or digits becomes one hyphen."""
    out, pending = [], False
    for ch in text.lower():
        if ch in "'\u2019":
            continue
        if ch.isascii() and ch.isalnum():
            if pending and out:
                out.append("-")
            pending = False
            out.append(ch)
        else:
            pending = True
    return "".join(out) or "section"


def split_front_matter(text):
    """(front matter as a dict of simple `key: value` lines, body)."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text
    fields = {}
    for line in text[4:end].splitlines():
        if ":" in line and not line.startswith((" ", "-", "#")):
            key, value = line.split(":", 1)
            fields[key.strip()] = value.strip().strip('"')
    return fields, text[end + 5:]


def headings(lines):
    """[(line index, level, id)] of the ATX headings outside code fences."""
    found, fenced = [], False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else HEADING.match(line)
        if match:
            found.append((index, len(match.group(1)), heading_id(match.group(2))))
    return found


def contrast_with_white(colour):
    def channel(value):
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def dark_colour(rng):
    """A random colour that white text reads on at 4.6:1 or better (the generator wants 4.5)."""
    while True:
        colour = "#" + "".join(f"{rng.randrange(0, 200):02x}" for _ in range(3))
        if contrast_with_white(colour) >= 4.6:
            return colour


class RealContent:
    """What the synthetic schools are made from, read once from the repository."""

    def __init__(self, repo):
        self.repo = repo
        with open(os.path.join(repo, "Content", "code-of-conduct.md"), encoding="utf-8") as f:
            self.code_meta, self.code_body = split_front_matter(f.read())
        with open(os.path.join(repo, "Content", "parent-letter.md"), encoding="utf-8") as f:
            self.letter_meta, self.letter_body = split_front_matter(f.read())
        self.code_ids = [h[2] for h in headings(self.code_body.splitlines())]
        self.association = "Association"
        with open(os.path.join(repo, "Content", "site.yml"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("association:"):
                    self.association = line.split(":", 1)[1].strip().strip('"')
        schools_dir = os.path.join(repo, "Schools")
        self.real_schools = sorted(d for d in os.listdir(schools_dir)
                                   if os.path.isfile(os.path.join(schools_dir, d, "school.yml")))
        self.sections = []  # (file name, front matter, body) of every real section
        for slug in self.real_schools:
            folder = os.path.join(schools_dir, slug, "sections")
            if os.path.isdir(folder):
                for name in sorted(os.listdir(folder)):
                    if name.endswith(".md"):
                        with open(os.path.join(folder, name), encoding="utf-8") as f:
                            meta, body = split_front_matter(f.read())
                        self.sections.append((name, meta, body))


class School:
    def __init__(self, slug, name, short_name, town, website, base_url, colour, sections, real):
        self.slug, self.name, self.short_name, self.town = slug, name, short_name, town
        self.website, self.base_url, self.colour = website, base_url, colour
        self.sections = sections  # [(file name, {placement key: target}, body)]
        self.real = real


def _real_school(content, slug):
    folder = os.path.join(content.repo, "Schools", slug)
    fields = {}
    with open(os.path.join(folder, "school.yml"), encoding="utf-8") as f:
        for line in f:
            if ":" in line and not line.startswith(("#", " ", "-")):
                key, value = line.split(":", 1)
                fields[key.strip()] = value.split(" #")[0].strip().strip('"')
    sections = []
    section_dir = os.path.join(folder, "sections")
    if os.path.isdir(section_dir):
        for name in sorted(os.listdir(section_dir)):
            if name.endswith(".md"):
                with open(os.path.join(section_dir, name), encoding="utf-8") as f:
                    meta, body = split_front_matter(f.read())
                sections.append((name, meta, body))
    website = fields["website"]
    return School(slug, fields["name"], fields.get("short_name", fields["name"]), fields["town"], website,
                  fields.get("base_url", website.rstrip("/") + "/social-media-code-of-conduct/"),
                  fields.get("brand_colour", "#1f4e79"), sections, real=True)


def _vary_section(rng, content, meta, body, town):
    """A real section with a new placement (for after/before ones) and changed text."""
    meta = dict(meta)
    if "replace" not in meta and meta.get("document", "code-of-conduct") == "code-of-conduct":
        meta.pop("after", None)
        meta.pop("before", None)
        meta[rng.choice(["after", "after", "before"])] = rng.choice(content.code_ids)
    blocks = body.strip("\n").split("\n\n")
    # Drop one paragraph that is neither the first block nor a heading, now and then.
    droppable = [i for i, b in enumerate(blocks) if i > 1 and not b.lstrip().startswith("#")]
    if droppable and rng.random() < 0.4:
        del blocks[rng.choice(droppable)]
    if blocks and blocks[0].startswith("## ") and rng.random() < 0.5:
        blocks[0] += " at {{school.short_name}}"
    blocks.append(rng.choice(EXTRA_SENTENCES).replace("{town}", town))
    return meta, "\n\n".join(blocks) + "\n"


def plan(content, count, seed=20261116):
    """The schools of a consortium of `count`: the real ones first, then made-up ones."""
    rng = random.Random(seed)
    schools = [_real_school(content, slug) for slug in content.real_schools[:count]]
    taken_names = {s.name for s in schools}
    taken_slugs = {s.slug for s in schools}
    combos = [(t, p, k) for t in TOWNS for p in PLACES for k in KINDS]
    rng.shuffle(combos)
    combo_index = 0
    while len(schools) < count:
        town, place, kind = combos[combo_index % len(combos)]
        lap = combo_index // len(combos)
        combo_index += 1
        name = f"{place} {kind}" if lap == 0 and f"{place} {kind}" not in taken_names else f"{town} {place} {kind}"
        if lap:
            name += f" {lap + 1}"
        if name in taken_names:
            continue
        slug = heading_id(name)
        if slug in taken_slugs or slug == "assets":
            continue
        taken_names.add(name)
        taken_slugs.add(slug)
        website = f"https://www.{slug}.example.sch.uk/"
        base_url = (f"https://{slug}.example.org.uk/parents/social-media/" if rng.random() < 0.3
                    else website + "social-media-code-of-conduct/")
        colour = dark_colour(rng)
        # About as many sections per school as the real consortium has, sometimes more.
        wanted = rng.choices([0, 1, 2, 3, 4], weights=[25, 30, 25, 15, 5])[0]
        picked, replaced = [], set()
        for name_, meta, body in rng.sample(content.sections, len(content.sections)):
            if len(picked) == wanted:
                break
            target = meta.get("replace")
            if target in replaced:
                continue
            if target:
                replaced.add(target)
            if any(p[0] == name_ for p in picked):
                continue
            meta, body = _vary_section(rng, content, meta, body, town)
            picked.append((name_, meta, body))
        picked.sort(key=lambda section: section[0])  # conduct places them in file-name order
        school = School(slug, name, place if rng.random() < 0.7 else name, town, website, base_url,
                        colour, picked, real=False)
        school.explicit_base_url = not base_url.startswith(website)
        school.type = rng.choice(TYPES) if rng.random() < 0.8 else None
        school.has_colour = rng.random() < 0.9
        school.logo = rng.random() < 0.15
        if not school.has_colour:
            school.colour = "#1f4e79"
        schools.append(school)
    return schools


def _yaml_string(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_site(content, schools, root):
    """Content/, Templates/ and Schools/ of the consortium under `root`."""
    for folder in ("Content", "Templates"):
        shutil.copytree(os.path.join(content.repo, folder), os.path.join(root, folder))
    for school in schools:
        folder = os.path.join(root, "Schools", school.slug)
        if school.real:
            shutil.copytree(os.path.join(content.repo, "Schools", school.slug), folder)
            continue
        os.makedirs(folder)
        lines = [f"# Synthetic school for scripts/bench, made from {school.town}.",
                 f"slug: {school.slug}", f"name: {_yaml_string(school.name)}"]
        if school.short_name != school.name:
            lines.append(f"short_name: {_yaml_string(school.short_name)}")
        lines.append(f"town: {school.town}")
        if school.type:
            lines.append(f"type: {_yaml_string(school.type)}")
        lines.append(f"website: {school.website}")
        if school.explicit_base_url:
            lines.append(f"base_url: {school.base_url}")
        if school.has_colour:
            lines.append(f'brand_colour: "{school.colour}"')
        if school.logo:
            lines.append("logo: logo.svg")
            initials = "".join(w[0] for w in school.name.split()[:2]).upper()
            with open(os.path.join(folder, "logo.svg"), "w", encoding="utf-8") as f:
                f.write(LOGO_SVG.format(colour=school.colour, initials=initials))
        if school.has_colour:
            lines.append("unverified: [brand_colour]")
        with open(os.path.join(folder, "school.yml"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        if school.sections:
            os.makedirs(os.path.join(folder, "sections"))
            for name, meta, body in school.sections:
                front = "".join(f"{k}: {v}\n" for k, v in meta.items())
                with open(os.path.join(folder, "sections", name), "w", encoding="utf-8") as f:
                    f.write(f"---\n{front}---\n{body}")


def substitute(text, school, association, member_schools_line):
    """The school's values in, as the generator's {{...}} values; the member-school list
    becomes `member_schools_line` (a shortcode for Hugo, nothing for the cmark stream)."""
    lines = []
    for line in text.split("\n"):
        if line.strip() == "{{association.member_schools}}":
            line = member_schools_line
        lines.append(line)
    text = "\n".join(lines)
    for key, value in (("school.name", school.name), ("school.short_name", school.short_name),
                       ("school.town", school.town), ("school.website", school.website),
                       ("association.name", association)):
        text = text.replace("{{" + key + "}}", value)
    return text


def compose_code(content, school):
    """The shared Code's body with the school's sections placed as `conduct` places
    them: before a heading, after the whole section it opens, or replacing its text."""
    lines = content.code_body.split("\n")
    found = headings(lines)
    index_of = {hid: n for n, (_, _, hid) in enumerate(found)}

    def section_end(n):
        level = found[n][1]
        for line_index, other_level, _ in found[n + 1:]:
            if other_level <= level:
                return line_index
        return len(lines)

    inserts = {}   # line index -> [markdown]
    replaced = {}  # heading line index -> (end line index, markdown)
    for _, meta, body in school.sections:
        if meta.get("document", "code-of-conduct") != "code-of-conduct":
            continue
        for key in ("before", "after", "replace"):
            target = meta.get(key)
            if target in index_of:
                n = index_of[target]
                start = found[n][0]
                if key == "before":
                    inserts.setdefault(start, []).append(body)
                elif key == "after":
                    inserts.setdefault(section_end(n), []).append(body)
                else:
                    replaced[start] = (section_end(n), body)
    out, i = [], 0
    while i <= len(lines):
        out.extend("\n" + b + "\n" for b in inserts.get(i, []))
        if i == len(lines):
            break
        out.append(lines[i])
        if i in replaced:
            end, body = replaced[i]
            out.append("\n" + body + "\n")
            for skipped in range(i + 1, end):
                out.extend("\n" + b + "\n" for b in inserts.get(skipped, []))
            i = end
            continue
        i += 1
    return "\n".join(out)


def compose_letter(content, school):
    body = content.letter_body
    extra = [b for _, meta, b in school.sections if meta.get("document") == "letter"]
    return body + "".join("\n\n" + b for b in extra)
