"""What simulated visitors open: a shared link first, then new selections, in a realistic page mix.

Selections are drawn from the published snapshot itself (levels, territories, years, themes
and their indicators, the directory's facets), so every URL is one a visitor could paste.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from observatory import db

# Share of page views by URL path (Indicateurs, Initiatives and the theme pages most; "" is the
# overview, the default page; Import is staff only).
PAGE_MIX = {"indicateurs": 0.25, "initiatives": 0.20, "genre": 0.10, "jeunesse": 0.10,
            "economie-circulaire": 0.10, "": 0.10, "territoire": 0.10,
            "donnees-et-methodes": 0.05}
THEME_OF_PAGE = {"genre": "genre", "jeunesse": "jeunesse", "economie-circulaire": "economie_circulaire"}
# URL facet → the query listing its values in the directory.
FACETS = {"thematique": "select distinct thematique from initiatives",
          "public": "select distinct unnest(publics) from initiatives",
          "stade": "select distinct stade from initiatives",
          "forme": "select distinct forme_juridique from initiatives"}
MAP_LEVELS = ("departement", "epci", "commune")


@dataclass(frozen=True)
class View:
    path: str
    query: str


@dataclass
class Catalogue:
    territories: dict[str, list[str]]
    years: list[int]
    indicators: dict[str, list[str]]  # theme → indicator codes
    facets: dict[str, list[str]]


def catalogue(database: Path) -> Catalogue:
    """Read what a visitor can choose from the published snapshot of `database`."""
    con = db.connect(db.current_snapshot(database), read_only=True)
    try:
        territories: dict[str, list[str]] = {}
        for level, code in con.execute("select niveau, code from territoires order by niveau, code").fetchall():
            territories.setdefault(level, []).append(code)
        years = [row[0] for row in con.execute(
            "select distinct annee from published_values order by annee").fetchall()]
        indicators: dict[str, list[str]] = {}
        for theme, code in con.execute("select theme, code from indicateurs order by theme, code").fetchall():
            indicators.setdefault(theme, []).append(code)
        facets = {name: sorted(row[0] for row in con.execute(sql).fetchall() if row[0] is not None)
                  for name, sql in FACETS.items()}
    finally:
        con.close()
    return Catalogue(territories, years, indicators, facets)


def shared_view(cat: Catalogue) -> View:
    """The link sent out in the newsletter: one indicator of one département, every visitor the same."""
    theme = next(iter(cat.indicators))
    return View("indicateurs", urlencode({"niveau": "departement",
                                          "territoire": cat.territories["departement"][0],
                                          "theme": theme, "indicateur": cat.indicators[theme][0]}))


def next_view(cat: Catalogue, rng: random.Random) -> View:
    """A new selection on a page drawn from the mix: level, territory, years, indicator or facets."""
    page = rng.choices(list(PAGE_MIX), weights=list(PAGE_MIX.values()))[0]
    level = rng.choice([name for name in ("region", "departement", "epci", "commune")
                        if cat.territories.get(name)])
    start = rng.choice(cat.years[:-1] or cat.years)
    params = {"niveau": level, "territoire": rng.choice(cat.territories[level]),
              "debut": start, "fin": rng.choice([year for year in cat.years if year >= start])}
    if page == "indicateurs":
        theme = rng.choice([theme for theme, codes in cat.indicators.items() if codes])
        params |= {"theme": theme, "indicateur": rng.choice(cat.indicators[theme]),
                   "carte": rng.choice(MAP_LEVELS)}
    elif page == "initiatives":
        for name in rng.sample(list(FACETS), rng.randint(0, 2)):
            if cat.facets[name]:
                params[name] = rng.choice(cat.facets[name])
    elif page in THEME_OF_PAGE and cat.indicators.get(THEME_OF_PAGE[page]):
        params["indicateur"] = rng.choice(cat.indicators[THEME_OF_PAGE[page]])
    elif page == "territoire":
        params["theme"] = rng.choice(list(cat.indicators))
    return View(page, urlencode(params))
