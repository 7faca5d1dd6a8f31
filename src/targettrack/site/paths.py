"""Where each file of the site lies, and the link from one page to another.

Every link is relative, so the folder can be served from any path of any
host, or opened from disk. Target ids are file names already (lower-case
letters, digits, '-', '_', '.'); a plan's name is free text (Chinese, most
often), so its page is named by a slug of its Latin letters and a hash of
the whole name: stable from run to run, and never two plans on one page.
"""

from __future__ import annotations

import hashlib
import re

LANGS = ("en", "zh")
LANG_NAMES = {"en": "English", "zh": "中文"}
HTML_LANG = {"en": "en", "zh": "zh-CN"}
NO_PLAN = "no-plan"  # the page of the targets in no plan
ROOT_INDEX = "index.html"
STYLE = "site.css"
SCRIPT = "site.js"
MANIFEST = ".targettrack-site.json"  # what was built from what: how a second run knows what changed
RECORDS = ".targettrack-site.records"  # each target's record and CSV row (manifest.py)
LOCK = ".targettrack-site.lock"


def plan_slug(plan: str | None) -> str:
    if not plan:
        return NO_PLAN
    latin = re.sub(r"[^a-z0-9]+", "-", plan.lower()).strip("-")[:40].strip("-")
    digest = hashlib.sha1(plan.encode("utf-8")).hexdigest()[:8]
    return f"{latin}-{digest}" if latin else f"plan-{digest}"


def index_page(lang: str) -> str:
    return f"{lang}/index.html"


def search_data(lang: str, ext: str) -> str:
    """The search's index: .js for the page (a script loads from disk where a fetch may not), .json to download."""
    return f"{lang}/search.{ext}"


def plan_page(lang: str, slug: str) -> str:
    return f"{lang}/plans/{slug}.html"


def target_page(lang: str, target_id: str) -> str:
    return f"{lang}/targets/{target_id}.html"


def all_data(ext: str) -> str:
    return f"data/targets.{ext}"


def plan_data(slug: str, ext: str) -> str:
    return f"data/plans/{slug}.{ext}"


def target_data(target_id: str, ext: str) -> str:
    return f"data/targets/{target_id}.{ext}"


def link(page: str, to: str) -> str:
    """The relative link from the file `page` to the file `to` (both
    relative to the site's folder, with no '.' or '..': paths made here)."""
    here, there = page.split("/")[:-1], to.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def in_language(page: str, lang: str) -> str:
    """The same page in the other language's folder."""
    return lang + page[page.index("/") :]
