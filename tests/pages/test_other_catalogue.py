"""Every page on an observatory that is not the demo: Corse, indicator codes of its own, ranked
à la une or not (tests/pages/other_catalogue.py)."""

from __future__ import annotations

import pytest

from observatory import demo_generator
from observatory.ui.frame import PAGES
from tests.pages import other_catalogue as corse
from tests.pages.conftest import page_test, texts

DEMO_CODES = [item.code for item in demo_generator.INDICATORS]


def labels(app) -> list[str]:
    return [metric.label for metric in app.metric]


def expected(kind: str, key: str) -> tuple[str, ...]:
    return (corse.RANKED if kind == "ranked" else corse.CHOSEN)[key]


def assert_no_demo_code(app) -> None:
    shown = texts(app) + "\n".join(str(box.value) for box in app.selectbox)
    assert [code for code in DEMO_CODES if code in shown] == []


def test_the_overview_shows_the_headlines_in_rank_order_and_a_map(other_env):
    _, kind = other_env
    app = page_test("pages/accueil.py").run()
    assert not app.exception, [item.message for item in app.exception]
    assert labels(app) == [corse.LABELS[code] for code in expected(kind, "overview")]
    assert all(metric.value not in ("", "—") for metric in app.metric)
    assert len(app.get("plotly_chart")) == 1
    assert "Indicateur inconnu" not in texts(app)
    assert_no_demo_code(app)


@pytest.mark.parametrize("key", ["jeunesse", "economie_circulaire"])
def test_a_theme_page_shows_its_headlines_and_maps_the_first(other_env, key):
    _, kind = other_env
    app = page_test(f"pages/{key}.py").run()
    assert not app.exception, [item.message for item in app.exception]
    headlines = expected(kind, key)
    assert labels(app) == [corse.LABELS[code] for code in headlines]
    assert app.selectbox(key=f"{key}.indicateur").value == headlines[0]
    assert len(app.get("plotly_chart")) == 2  # the map and the trend
    assert "n'appartient pas" not in texts(app)
    assert dict(app.query_params) == {}
    assert_no_demo_code(app)


def test_a_theme_without_indicators_says_so_in_one_sentence(other_env):
    app = page_test("pages/genre.py").run()
    assert not app.exception, [item.message for item in app.exception]
    assert [info.value for info in app.info][0:1] == [
        "Le thème « Genre » n'a encore aucun indicateur dans le catalogue : importez un fichier "
        "d'indicateurs qui en comprend (page Import)."]
    assert len(app.metric) == 0
    assert len(app.get("plotly_chart")) == 0
    assert_no_demo_code(app)
    english = page_test("pages/genre.py", {"lang": "en"}).run()
    assert [info.value for info in english.info][0:1] == [
        "The “Gender” theme has no indicator in the catalogue yet: import an indicators file "
        "that includes some (Import page)."]


def test_a_commune_gets_the_headlines_with_data_at_its_level(unranked_catalogue_database,
                                                               monkeypatch):
    """At commune level the gap has no figure: the counts come first."""
    monkeypatch.setenv("OBSERVATORY_DB", str(unranked_catalogue_database))
    monkeypatch.setenv("OBSERVATORY_REGION", "94")
    app = page_test("pages/economie_circulaire.py", {"niveau": "commune",
                                                      "territoire": "2B033"}).run()
    assert not app.exception
    assert labels(app)[0] == corse.LABELS["tonnes_xyz"]


# What each page shows on Corse: at least this many metrics and charts.
SHOWN = {"pages/accueil.py": (3, 1), "pages/indicateurs.py": (0, 1),
         "pages/territoire.py": (6, 0), "pages/jeunesse.py": (3, 2),
         "pages/economie_circulaire.py": (1, 2), "pages/initiatives.py": (0, 1)}


@pytest.mark.parametrize("page_file", [page.file for page in PAGES])
def test_every_page_opens_with_its_figures_and_without_a_demo_code(other_env, page_file):
    app = page_test(page_file).run()
    assert not app.exception, [item.message for item in app.exception]
    metrics_n, charts_n = SHOWN.get(page_file, (0, 0))
    assert len(app.metric) >= metrics_n
    assert len(app.get("plotly_chart")) >= charts_n
    assert_no_demo_code(app)


MAP_PAGES = ["pages/accueil.py", "pages/jeunesse.py", "pages/economie_circulaire.py",
             "pages/indicateurs.py"]


def everything_shown(app) -> str:
    """Texts, metrics' labels and the sidebar, as read."""
    return "\n".join([texts(app), *(metric.label for metric in app.metric),
                      *(str(item.value) for item in app.sidebar.markdown)])


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("page_file", [page.file for page in PAGES])
def test_nothing_of_bretagne_or_of_the_demo(other_env, page_file, lang):
    """The files are named like the demo's (observations.csv…): only the batch flag counts."""
    app = page_test(page_file, {"lang": lang}).run()
    assert not app.exception, [item.message for item in app.exception]
    shown = everything_shown(app)
    for word in ("Bretagne", "Breton", "--region 53", "démonstration", "demonstration"):
        assert word not in shown, word
    assert not [item.value for item in app.warning if "fictiv" in item.value]


@pytest.mark.parametrize("page_file", MAP_PAGES)
def test_the_outlines_hint_names_the_configured_region(other_env, page_file):
    app = page_test(page_file).run()
    assert not app.exception
    assert "« python -m observatory geo download --region 94 »" in texts(app)


def test_the_initiatives_source_is_the_observatorys_own(other_env):
    app = page_test("pages/initiatives.py").run()
    assert not app.exception
    assert "Annuaire des initiatives de l'observatoire" in texts(app)
    english = page_test("pages/initiatives.py", {"lang": "en"}).run()
    assert "Directory of the observatory's initiatives" in texts(english)


def arrow_and_colour(metric) -> tuple[str, str]:
    """Return the arrow (UP, DOWN, NONE) and colour (GREEN, RED, GRAY) a metric is drawn with."""
    proto = metric.proto
    return (type(proto).MetricDirection.Name(proto.direction),
            type(proto).MetricColor.Name(proto.color))


@pytest.mark.parametrize("territory, expected", [
    ("2B", ("DOWN", "GREEN")),  # 2 points below the région, and lower is better
    ("2A", ("UP", "RED")),
])
def test_the_portraits_arrow_follows_the_gaps_sign_and_its_colour_the_sens(
        other_catalogue_database, monkeypatch, territory, expected):
    monkeypatch.setenv("OBSERVATORY_DB", str(other_catalogue_database))
    monkeypatch.setenv("OBSERVATORY_REGION", "94")
    app = page_test("pages/territoire.py", {"niveau": "departement",
                                            "territoire": territory}).run()
    assert not app.exception
    (gap,) = [metric for metric in app.metric if metric.label.startswith("Écart xyz")]
    assert gap.delta.startswith("−2" if expected[0] == "DOWN" else "+2")
    assert arrow_and_colour(gap) == expected
    # The engagement rate is the same everywhere: no gap, no arrow, no colour.
    (rate,) = [metric for metric in app.metric if metric.label.startswith("Taux xyz")]
    assert arrow_and_colour(rate) == ("NONE", "GRAY")


def test_key_figures_arrows_follow_the_change_and_colours_the_sens(unranked_catalogue_database,
                                                                    monkeypatch):
    monkeypatch.setenv("OBSERVATORY_DB", str(unranked_catalogue_database))
    monkeypatch.setenv("OBSERVATORY_REGION", "94")
    app = page_test("pages/accueil.py", {"fin": "2021"}).run()
    assert not app.exception
    shown = {metric.label: metric for metric in app.metric}
    assert shown["Écart xyz de collecte"].delta.startswith("−1")  # lower is better
    assert arrow_and_colour(shown["Écart xyz de collecte"]) == ("DOWN", "GREEN")
    assert arrow_and_colour(shown["Habitants xyz"]) == ("UP", "GRAY")  # neutre
    assert arrow_and_colour(shown["Taux xyz d'engagement"]) == ("NONE", "GRAY")  # unchanged


def french_leftovers(app) -> list[str]:
    """Return the notices and captions of an English run written the French way (« : »)."""
    parts = [item.value for kind in ("warning", "info", "caption", "error")
             for item in getattr(app, kind)]
    return [text for text in parts if " : " in text or "None" in text or "Source :" in text]


@pytest.mark.parametrize("page_file", [page.file for page in PAGES])
def test_every_page_in_english_has_no_french_notice(other_env, page_file):
    app = page_test(page_file, {"lang": "en"}).run()
    assert not app.exception
    assert french_leftovers(app) == []


def test_a_catalogue_without_sources_says_so(other_env):
    app = page_test("pages/jeunesse.py").run()
    assert "Source : non renseignée" in texts(app)
    assert "Source : None" not in texts(app)


def test_the_catalogue_shows_the_ranks_a_la_une(other_catalogue_database, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_DB", str(other_catalogue_database))
    monkeypatch.setenv("OBSERVATORY_REGION", "94")
    app = page_test("pages/donnees.py").run()
    assert not app.exception
    (catalogue,) = [frame.value for frame in app.dataframe if "À la une" in frame.value.columns]
    own = catalogue[catalogue["Source"] != "annuaire de l'observatoire"]
    ranks = dict(zip(own["Code"], own["À la une"], strict=True))
    assert ranks == {row[0]: str(row[-1]) for row in corse.INDICATORS}
