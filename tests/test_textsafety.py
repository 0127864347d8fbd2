"""One escaping helper for every text from data, files and URLs (the browser tests check the
rendered pages; these check the helper's output exactly)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from observatory import textsafety
from tests.conftest import seen

JOINER = "\u2060"


def test_links_images_html_and_math_are_escaped():
    assert textsafety.markdown("[Site](https://evil.example/p)") == \
        f"\\[Site\\](https:{JOINER}//evil.example/p)"
    assert textsafety.markdown("![p](https://evil.example/u.png)") == \
        f"!\\[p\\](https:{JOINER}//evil.example/u.png)"
    assert textsafety.markdown("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>"
    assert textsafety.markdown("$$x^2$$ et 5 $") == "\\$\\$x^2\\$\\$ et 5 \\$"
    assert textsafety.markdown("&amp; &#x41;") == "\\&amp; \\&#x41;"


def test_directives_shortcodes_and_auto_links_are_broken():
    assert textsafety.markdown(":red[alerte] :smile:") == \
        f":{JOINER}red\\[alerte\\] :{JOINER}smile:"
    assert textsafety.markdown(":material/home:") == f":{JOINER}material/home:"
    # Bare URLs: the joiner sits where GFM's auto-link match would need the next character.
    assert textsafety.markdown("https://evil.example") == f"https:{JOINER}//evil.example"
    assert textsafety.markdown("www.evil.example") == f"www{JOINER}.evil.example"
    assert textsafety.markdown("contact@evil.example") == f"contact@{JOINER}evil.example"


def test_block_markers_are_escaped_only_at_line_start():
    assert textsafety.markdown("# Titre\n- item\n> cite\n1. un\n2) deux\n===") == \
        "\\# Titre\n\\- item\n\\> cite\n1\\. un\n2\\) deux\n\\==="
    assert textsafety.markdown("Saint-Brieuc, 22 - Côtes-d'Armor (1.5 %)") == \
        "Saint-Brieuc, 22 - Côtes-d'Armor (1.5 %)"


def test_emphasis_and_code_are_escaped_but_snake_case_is_left_readable():
    assert textsafety.markdown("*gras* _it_ `code` ~~barré~~") == \
        "\\*gras\\* \\_it\\_ \\`code\\` \\~\\~barré\\~\\~"
    assert textsafety.markdown("part_emplois_ess") == "part_emplois_ess"


def test_table_pipes_and_backslashes_are_escaped():
    assert textsafety.markdown("a | b\\c") == "a \\| b\\\\c"


@given(st.text())
def test_a_reader_sees_exactly_the_text(text):
    # A word joiner in the text is as invisible to a reader as the ones the escaping adds.
    assert seen(textsafety.markdown(text)) == text.replace("\r", "").replace(JOINER, "")


OPENERS = re.compile(r"(?<!\\)(?:\\\\)*[\[\]<>`*$|~{}&]")


@given(st.text(alphabet=st.sampled_from(list("[]()<>!$*_`~|&{}:@#-=+.1 \nahttpswww/\\"))))
def test_no_unescaped_opener_survives(text):
    out = textsafety.markdown(text)
    assert not OPENERS.search(out.replace("\\\\", "")), out
    for line in out.split("\n"):
        body = line.lstrip(" ")
        assert not body[:1] or body[0] not in "#+-=>", line
        assert not re.match(r"\d{1,9}[.)]", body), line
    assert "https://" not in out and "http://" not in out
    assert not re.search(r"www\.", out, re.IGNORECASE)


def test_plotly_texts_are_entity_escaped():
    assert textsafety.plotly('<a href="https://evil.example">x</a> & <b>') == \
        '&lt;a href="https://evil.example"&gt;x&lt;/a&gt; &amp; &lt;b&gt;'


def test_long_texts_are_cut_at_a_space_with_an_ellipsis():
    text = "mot " * 1000
    shown, was_cut = textsafety.cut(text, 2000)
    assert was_cut and len(shown) <= 2002 and shown.endswith(" …")
    assert textsafety.cut("court", 2000) == ("court", False)


def test_a_long_list_of_values_names_a_few_and_counts_the_rest():
    values = [f"t{number}" for number in range(10_000)]
    assert textsafety.listing(values) == "« t0 », « t1 », « t2 », « t3 », « t4 » … et 9\u202f995 autres"
    assert textsafety.listing(values[:2], lang="en") == "“t0”, “t1”"
