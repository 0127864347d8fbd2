"""Text from data, files and URLs, made safe to hand to Streamlit's Markdown and to Plotly.

Streamlit renders Markdown (GFM) in st.markdown, notices, captions, titles and widget labels,
with LaTeX (`$`), `:color[…]` and `:material/…:` directives, emoji shortcodes and bare-URL
auto-links. `markdown` backslash-escapes the punctuation that opens any of them (CommonMark
shows an escaped character itself), which stops links, images, HTML, entities, math and
directives; apostrophes, commas and the like stay as they are, readable in tests and copies. Shortcodes (`:smile:`) and bare-URL auto-links (`https://…`,
`www.…`, `a@b.fr`) are matched on the text once escapes are removed: an invisible word
joiner after a `:` or `@` followed by a character, and between `www` and its dot, breaks them.
`strip_bidi` and `reveal_bidi` deal with the invisible bidirectional controls (the one list
of them, `BIDI_CONTROLS`, is here), which make a text show as another.
Plotly interprets a subset of HTML (`<a href>`, `<b>`, `<br>`, `<span style>`) in hover
texts, titles and tick labels: `plotly` turns `&`, `<`, `>` into entities.
"""

from __future__ import annotations

import re

from observatory.formatting import format_number

# Characters that open Markdown, HTML, entities, math or directives anywhere in a line (with
# `[` and `]` escaped, `(`, `)` and `!` cannot make a link or an image), and those that only
# do at the start of a line (headings, lists, quotes, rules, setext underlines).
_ALWAYS = frozenset("\\`*_{}[]<>|~$&")
_LINE_START = frozenset("#+-=>")
_LIST_NUMBER = re.compile(r"\d{1,9}[.)]")
_JOINER = "\u2060"  # WORD JOINER: invisible, not a space, breaks a shortcode or a URL match
# A couple of thousand characters: longer texts are cut for display (the rest as plain text).
DISPLAY_LIMIT = 2000


def markdown(text: object) -> str:
    """Return `text` as Markdown that Streamlit shows literally (no link, image, HTML, math)."""
    out = []
    for line in str(text).replace("\r", "").split("\n"):
        out.append(_line(line))
    return "\n".join(out)


def _line(line: str) -> str:
    body = line.lstrip(" ")
    indent = line[:len(line) - len(body)]
    out = [indent]
    marker = _LIST_NUMBER.match(body)
    for index, ch in enumerate(body):
        if (ch in _ALWAYS and not _intraword_underscore(body, index)) or (
                index == 0 and ch in _LINE_START) or (marker and index == marker.end() - 1):
            out.append("\\" + ch)
        else:
            out.append(ch)
        following = body[index + 1:index + 2]
        # A joiner after `www.` would stay inside the auto-link's domain (and the browser's
        # IDNA mapping drops it): it goes between `www` and the dot.
        if ((ch in ":@" and following and not following.isspace())
                or (following == "." and body[max(0, index - 2):index + 1].lower() == "www")):
            out.append(_JOINER)
    return "".join(out)


def _intraword_underscore(body: str, index: int) -> bool:
    """`snake_case`: an underscore between letters or digits never opens emphasis."""
    return (body[index] == "_" and 0 < index < len(body) - 1
            and body[index - 1].isalnum() and body[index + 1].isalnum())


def plotly(text: object) -> str:
    """Return `text` safe inside Plotly hover texts, titles, legends and tick labels."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plotly_all(values) -> list[str]:
    """Return `plotly` of each value (a column of names for hovers and axes)."""
    return [plotly(value) for value in values]


def cut(text: object, limit: int = DISPLAY_LIMIT) -> tuple[str, bool]:
    """Return the first `limit` characters of `text` (cut at a space when one is near), and
    whether it was cut."""
    text = str(text)
    if len(text) <= limit:
        return text, False
    head = text[:limit]
    space = head.rfind(" ", limit - 200)
    return (head[:space] if space > 0 else head).rstrip() + " …", True


def listing(values: list[str], shown: int = 5, lang: str = "fr") -> str:
    """Return « a », « b », « c » … et 9 995 autres: a few values of a long list, and the count."""
    opening, closing = ("« ", " »") if lang == "fr" else ("“", "”")
    quoted = ", ".join(f"{opening}{value}{closing}" for value in values[:shown])
    rest = len(values) - shown
    if rest <= 0:
        return quoted
    count = format_number(rest, lang=lang)
    return f"{quoted} … {'et' if lang == 'fr' else 'and'} {count} {'autres' if lang == 'fr' else 'more'}"


# Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): invisible,
# they make "Facture" + U+202E + "gnp.exe" show as "Factureexe.png". The one list of them: import
# checks (a regular expression class, the same in Python and DuckDB), file and user names.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
BIDI_CLASS = f"[{BIDI_CONTROLS}]"
BIDI_RANGES = "U+202A à U+202E, U+2066 à U+2069"
_BIDI_TABLE = {ord(ch): None for ch in BIDI_CONTROLS}


def has_bidi(text: str) -> bool:
    """Return whether `text` holds a bidirectional control (nine fast scans, no copy)."""
    return any(ch in text for ch in BIDI_CONTROLS)


def strip_bidi(text: str) -> str:
    """Return `text` without bidirectional control characters."""
    return text.translate(_BIDI_TABLE)


def reveal_bidi(text: str) -> str:
    """Return `text` with each bidirectional control character written as <U+XXXX>."""
    return text.translate({code: f"<U+{code:04X}>" for code in _BIDI_TABLE})
