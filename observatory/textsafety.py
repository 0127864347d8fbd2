"""Text from data, files and URLs, made safe to hand to Streamlit's Markdown and to Plotly.

Streamlit renders Markdown (GFM) in st.markdown, notices, captions, titles and widget labels,
with LaTeX (`$`), `:color[…]` and `:material/…:` directives, emoji shortcodes and bare-URL
auto-links. `markdown` backslash-escapes every ASCII punctuation character (CommonMark
allows it for all of them, and it shows the character itself), which stops links, images,
HTML, math and directives. Shortcodes (`:smile:`) and bare-URL auto-links (`https://…`,
`www.…`, `a@b.fr`) are matched on the text once escapes are removed: an invisible word
joiner after a `:` or `@` followed by a character, and after `www.`, breaks them.
Plotly interprets a subset of HTML (`<a href>`, `<b>`, `<br>`, `<span style>`) in hover
texts, titles and tick labels: `plotly` turns `&`, `<`, `>` into entities.
"""

from __future__ import annotations

import string

from observatory.formatting import format_number

_PUNCTUATION = frozenset(string.punctuation)
_JOINER = "\u2060"  # WORD JOINER: invisible, not a space, breaks a shortcode or a URL match
# A couple of thousand characters: longer texts are cut for display (the rest as plain text).
DISPLAY_LIMIT = 2000


def markdown(text: object) -> str:
    """Return `text` as Markdown that Streamlit shows literally (no link, image, HTML, math)."""
    text = str(text).replace("\r", "")
    out = []
    for index, ch in enumerate(text):
        if ch not in _PUNCTUATION:
            out.append(ch)
            continue
        out.append("\\" + ch)
        following = text[index + 1:index + 2]
        if ((ch in ":@" and following and not following.isspace())
                or (ch == "." and text[max(0, index - 3):index].lower() == "www")):
            out.append(_JOINER)
    return "".join(out)


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
