"""``liquidpy new``: a small working site to start from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

_FILES = {
    "_config.yml": """title: My new site
description: A site built with liquidpy, the same way Jekyll would build it.
baseurl: ""
url: ""
permalink: pretty
exclude:
  - README.md
""",
    "_layouts/default.html": """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{% if page.title %}{{ page.title }} | {% endif %}{{ site.title }}</title>
  <link rel="stylesheet" href="{{ '/assets/style.css' | relative_url }}">
</head>
<body>
  {% include nav.html %}
  <main>{{ content }}</main>
</body>
</html>
""",
    "_layouts/post.html": """---
layout: default
---
<article>
  <h1>{{ page.title }}</h1>
  <p><time datetime="{{ page.date | date_to_xmlschema }}">{{ page.date | date: "%B %-d, %Y" }}</time></p>
  {{ content }}
</article>
""",
    "_includes/nav.html": """<nav><a href="{{ '/' | relative_url }}">Home</a> · <a href="{{ '/about/' | relative_url }}">About</a></nav>
""",
    "index.md": """---
layout: default
title: Home
---
# Welcome

{% for post in site.posts %}
- [{{ post.title }}]({{ post.url | relative_url }}) — {{ post.date | date_to_string }}
{% endfor %}
""",
    "about.md": """---
layout: default
title: About
---
# About

This site was made with `liquidpy new`. Edit the files and run `liquidpy serve`.
""",
    "assets/style.css": """body { font-family: system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; }
""",
}

_POST = """---
layout: post
title: "Welcome to your new site"
---
This is your first post. Posts live in `_posts` and are named `YEAR-MONTH-DAY-title.md`.
"""


def create_starter(target: Path) -> None:
    """Write the starter site into ``target`` (created if needed)."""
    for relative, text in _FILES.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    today = dt.date.today().isoformat()
    post = target / "_posts" / f"{today}-welcome.md"
    post.parent.mkdir(parents=True, exist_ok=True)
    post.write_text(_POST, encoding="utf-8")
