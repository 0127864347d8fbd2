"""Details the pages must show: empty results in a sentence, the Indicateurs card, table and trend,
the Territoire gap colours, sparklines and initiatives, the theme pages' trend."""

from __future__ import annotations

import base64
import json
import re
import unicodedata

import duckdb
import numpy as np
import pytest
from streamlit.proto.Metric_pb2 import Metric

from observatory import comparisons, db, engine, formatting, importer
from tests.conftest import demo_territories
from tests.pages.conftest import open_data_tabs, page_test, texts
from tests.pages.stories_support import DEMO

NO_DATA = ("Aucune donnée pour cette sélection : élargissez la période ou choisissez un autre "
           "territoire.")
GREEN, RED, GRAY = Metric.MetricColor.GREEN, Metric.MetricColor.RED, Metric.MetricColor.GRAY


def run(page_file: str, params: dict | None = None):
    app = page_test(page_file, params).run()
    assert not app.exception, [item.message for item in app.exception]
    return app


def demo_rows(sql: str, params: list | None = None) -> list[tuple]:
    """Query the demo files (views i, t, o, c), independently of the engine."""
    con = duckdb.connect()
    con.register("t", demo_territories())
    for view, name in (("i", "initiatives.csv"), ("o", "observations.csv.gz"),
                       ("c", "indicateurs.csv")):
        con.execute(f"create view {view} as select * from read_csv('{DEMO / name}', "
                    "delim=';', header=true, all_varchar=true)")
    return con.execute(sql, params or []).fetchall()


def read(path):
    return db.SnapshotReader(path).cursor()


def infos(app) -> list[str]:
    return [item.value for item in app.info]


def traces(chart) -> list[dict]:
    return json.loads(chart.proto.spec)["data"]


def plotted(values) -> list:
    """Return a trace's values, decoding Plotly's typed arrays ({"dtype", "bdata"})."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), values["dtype"]).tolist()
    return list(values)


# ---------------------------------------------------------------- empty results

def test_indicator_table_at_a_level_without_figures_says_so(demo_env):
    # The gender pay gap is published for départements and the région only.
    app = run("pages/indicateurs.py", {"indicateur": "ecart_salaire_femmes_hommes",
                                       "carte": "commune", "onglet": "tableau"})
    assert NO_DATA in infos(app)
    assert not app.dataframe
    assert "— communes, 2024" in texts(app)


def test_indicator_trend_over_a_period_before_its_first_year_says_so(demo_env):
    # Public aid to social innovation starts in 2018.
    app = run("pages/indicateurs.py", {"indicateur": "aides_innovation_sociale",
                                       "onglet": "evolution", "fin": "2017"})
    assert NO_DATA in infos(app)
    assert not app.get("plotly_chart")
    assert "— Bretagne, 2016–2017" in texts(app)


def test_a_territory_without_any_figure_says_so(writable_demo):
    with db.writing(writable_demo) as con:
        report = importer.import_file(
            con, "territoires",
            "code;niveau;nom;region;departement;epci;population;latitude;longitude\n"
            "29999;commune;Commune sans donnée;53;29;242900074;10;48.2;-4.1\n".encode(),
            "territoires.csv", "test")
    assert report.status == "applied"
    app = run("pages/territoire.py", {"niveau": "commune", "territoire": "29999"})
    assert "## Commune sans donnée" in texts(app)
    # No imported figure: only the directory's own counts, which know no initiative there.
    shown = metrics(app)
    assert shown["Initiatives actives"].value == "0"
    assert {metric.proto.help.split(" · ")[0] for metric in app.metric} == {
        "Source : annuaire de l'observatoire"}
    assert "Aucune initiative n'est recensée dans ce territoire." in infos(app)


def test_a_commune_without_initiatives_says_so_on_its_portrait(demo_env):
    assert demo_rows("select count(*) from i where commune = '29134'") == [(0,)]
    app = run("pages/territoire.py", {"niveau": "commune", "territoire": "29134"})
    assert len(app.metric) > 0
    assert "Aucune initiative n'est recensée dans ce territoire." in infos(app)


def test_a_theme_without_initiatives_in_the_territory_says_so(demo_env):
    # The commune with the most initiatives, none of them for young people.
    ((code, name, initiatives_n),) = demo_rows(
        "select t.code, t.nom, count(*) from i join t on t.code = i.commune "
        "and t.niveau = 'commune' group by all "
        "having not bool_or(list_contains(string_split(coalesce(i.publics, ''), '|'), 'jeunes')) "
        "order by count(*) desc, t.code limit 1")
    assert initiatives_n >= 3
    app = run("pages/jeunesse.py", {"niveau": "commune", "territoire": code})
    assert any(item.value.startswith(f"**0 initiative(s)** concernent ce thème — {name}")
               for item in app.markdown)
    assert "Aucune initiative de ce thème n'est recensée dans ce territoire." in infos(app)
    assert not app.dataframe


def test_a_search_matching_nothing_says_so(demo_env):
    app = run("pages/initiatives.py", {"q": "xqzw", "niveau": "departement", "territoire": "29"})
    assert any(text.startswith("Aucune initiative ne correspond à ces critères")
               for text in infos(app))
    assert not app.dataframe and not app.get("plotly_chart")


# ---------------------------------------------------------------- Indicateurs

def test_the_table_tab_shows_the_values_of_the_level(demo_env):
    indicator = "part_femmes_dirigeantes_ess"
    app = run("pages/indicateurs.py", {"indicateur": indicator, "annee": "2023",
                                       "onglet": "tableau"})
    assert app.segmented_control(key="indicateurs.onglet").value == "tableau"
    assert not app.get("plotly_chart")
    table = app.dataframe[0].value
    values = engine.indicator_values(read(demo_env), indicator, "departement", 2023)
    assert sorted(table["Code"]) == sorted(values["territoire"]) == ["22", "29", "35", "56"]
    for row in values.itertuples():
        shown = table.loc[table["Code"] == row.territoire].iloc[0]
        assert shown["Valeur"] == formatting.format_value(row.valeur, "pourcentage")
    assert "Part des femmes parmi les dirigeants de l'ESS (%) — départements, 2023" in texts(app)


@pytest.mark.parametrize("indicator", ["taux_chomage_15_24", "aides_innovation_sociale"])
def test_the_indicator_card_shows_definition_unit_source_and_latest_year(demo_env, indicator):
    ((label, description, source, unit, last),) = demo_rows(
        "select c.libelle, c.description, c.source, c.unite, max(o.annee::int) from c "
        "join o on o.indicateur = c.code where c.code = ? group by all", [indicator])
    app = run("pages/indicateurs.py", {"indicateur": indicator})
    assert f"**{label}** — {description}" in [item.value for item in app.markdown]
    assert (f"Unité : {formatting.unit_label(unit, 'fr')} · Source : {source} · "
            f"Dernière année : {last}") in [item.value for item in app.caption]


def test_the_indicator_card_in_english(demo_env):
    app = run("pages/indicateurs.py", {"indicateur": "taux_chomage_15_24", "lang": "en"})
    ((source,),) = demo_rows("select source from c where code = 'taux_chomage_15_24'")
    assert f"Unit: percentage (%) · Source: {source} · Latest year: 2024" in [
        item.value for item in app.caption]


def test_trend_of_an_epci_shows_it_its_departement_and_the_region(demo_env):
    ((epci, departement),) = demo_rows(
        "select e.nom, d.nom from t as e join t as d on d.code = e.departement "
        "and d.niveau = 'departement' where e.code = '242900074' and e.niveau = 'epci'")
    app = run("pages/indicateurs.py", {"indicateur": "part_femmes_dirigeantes_ess",
                                       "onglet": "evolution", "niveau": "epci",
                                       "territoire": "242900074", "debut": "2019"})
    (chart,) = app.get("plotly_chart")
    series = traces(chart)
    assert [trace["name"] for trace in series] == [epci, departement, "Bretagne"]
    for trace in series:
        assert plotted(trace["x"]) == list(range(2019, 2025))


def test_trend_of_a_commune_shows_it_its_parent_and_the_region(demo_env):
    # A commune's parent in the comparisons is its EPCI (as in the Territoire gaps).
    app = run("pages/indicateurs.py", {"indicateur": "part_femmes_dirigeantes_ess",
                                       "onglet": "evolution", "niveau": "commune",
                                       "territoire": "35238"})
    (chart,) = app.get("plotly_chart")
    assert [trace["name"] for trace in traces(chart)] == ["Rennes", "Rennes Métropole", "Bretagne"]
    assert set(open_data_tabs(app).dataframe[0].value["Territoire"]) == {
        "Rennes", "Rennes Métropole", "Bretagne"}


def test_a_year_without_figures_for_the_indicator_gives_a_notice(demo_env):
    app = run("pages/indicateurs.py", {"indicateur": "aides_innovation_sociale",
                                       "onglet": "tableau", "annee": "2016"})
    assert ("La valeur « 2016 » du paramètre « annee » n'est pas valide : elle a été ignorée."
            in infos(app))
    # Kept on the next rerun (a widget change), like the frame's own notices.
    assert "2016" in " ".join(infos(app.run()))


# ---------------------------------------------------------------- Territoire

def metrics(app) -> dict:
    return {metric.label.rsplit(" (", 1)[0]: metric for metric in app.metric}


def test_gap_colour_follows_the_indicators_sens(demo_env):
    sens = dict(demo_rows("select code, sens from c"))
    portrait = comparisons.portrait(read(demo_env), "29", "departement").set_index("indicateur")
    app = run("pages/territoire.py", {"niveau": "departement", "territoire": "29"})
    shown = metrics(app)
    # Rates: two where higher is better, two where lower is better, gaps of both signs.
    rates = ["part_emplois_ess", "part_femmes_dirigeantes_ess", "taux_neet_16_25",
             "taux_chomage_15_24"]
    seen = set()
    for code in rates:
        row = portrait.loc[code]
        gap = row["valeur"] - row["valeur_parent"]
        good = (gap > 0) == (sens[code] == "hausse_favorable")
        metric = shown[row["libelle"]]
        assert metric.proto.color == (GREEN if good else RED), code
        assert metric.delta.endswith("(favorable)" if good else "(défavorable)"), code
        seen.add((sens[code], good))
    assert seen == {("hausse_favorable", True), ("hausse_favorable", False),
                    ("baisse_favorable", True), ("baisse_favorable", False)}
    # A summed count (population) is a part of the région's: no gap, no colour.
    assert shown["Population municipale"].proto.color == GRAY
    assert shown["Population municipale"].delta == ""


def test_portrait_metrics_carry_their_yearly_sparkline_named_by_its_values(demo_env):
    population = demo_rows(
        "select annee, valeur from o where indicateur = 'population' and territoire = '35238' "
        "order by annee")
    app = run("pages/territoire.py", {"niveau": "commune", "territoire": "35238"})
    assert len(population) == 9
    svgs = [element.proto.body for element in app.get("html") if "image/svg" in element.proto.body]
    # one per metric card with an evolution, each an image with a name; the directory's current
    # figures (jobs, volunteers, beneficiaries) have one year only, as any figure published for
    # a single year (Rennes's 5-year survival rate, when one cohort is old enough)
    con = db.SnapshotReader(demo_env).cursor()
    one_year = set()
    for indicator in comparisons.portrait(con, "35238", "commune")["indicateur"]:
        values = engine.indicator_values(con, indicator, "commune", territory="35238")
        if (values["etat"] != "absent").sum() < 2:
            one_year.add(indicator)
    assert {"initiatives_emplois_etp", "initiatives_benevoles",
            "initiatives_beneficiaires"} <= one_year
    assert len(svgs) == len(app.metric) - len(one_year)
    assert all('alt="Évolution ' in svg for svg in svgs)
    (first_year, first), (last_year, last) = population[0], population[-1]
    named = (f"Évolution {first_year}–{last_year} : de {formatting.format_value(first, 'nombre')} "
             f"à {formatting.format_value(last, 'nombre')}")
    (population_svg,) = [svg for svg in svgs if named in svg]
    svg = base64.b64decode(re.search(r"base64,([^\"]+)", population_svg).group(1)).decode()
    drawn = re.search(r'points="([^"]+)"', svg).group(1).split()
    assert len(drawn) == len(population)


def test_a_count_is_not_judged_against_its_parents_total(demo_env):
    summed = {label for (label,) in demo_rows(
        "select libelle from c where agregation = 'somme' and sens <> 'neutre'")}
    app = run("pages/territoire.py", {"niveau": "departement", "territoire": "29"})
    judged = [label for label, metric in metrics(app).items()
              if label in summed and "favorable" in (metric.delta or "")]
    assert judged == []
    # Nor is a secret parent total announced beside it: there is no gap to hide.
    commune = run("pages/territoire.py", {"niveau": "commune", "territoire": "22222"})
    volunteers = metrics(commune)["Volontaires en service civique"]
    assert volunteers.delta == ""


def test_portrait_lists_the_initiatives_of_a_commune_by_name(demo_env):
    # The commune with the most initiatives that all fit in the list (eight at most).
    ((code, initiatives_n),) = demo_rows(
        "select commune, count(*) from i group by all having count(*) <= 8 "
        "order by count(*) desc, commune limit 1")
    names = {name for (name,) in demo_rows("select nom from i where commune = ?", [code])}
    assert len(names) == initiatives_n >= 5
    app = run("pages/territoire.py", {"niveau": "commune", "territoire": code})
    listed = {item.value.split("**")[1] for item in app.markdown if item.value.startswith("- **")}
    assert listed == names
    assert "… et" not in texts(app)


def test_portrait_of_a_departement_lists_eight_of_its_initiatives(demo_env):
    names = {name for (name,) in demo_rows(
        "select i.nom from i join t on t.code = i.commune and t.niveau = 'commune' "
        "where t.departement = '29'")}
    app = run("pages/territoire.py", {"niveau": "departement", "territoire": "29"})
    listed = [item.value.split("**")[1] for item in app.markdown if item.value.startswith("- **")]
    assert len(listed) == 8 and set(listed) <= names
    # in French order: accents and case aside (« Plouénan » before « Plouider »)
    assert listed == sorted(listed, key=lambda name: unicodedata.normalize(
        "NFKD", name.casefold()).encode("ascii", "ignore"))
    assert f"… et {len(names) - 8} autres." in [item.value for item in app.caption]


# ---------------------------------------------------------------- theme pages

@pytest.mark.parametrize("page, indicator", [
    ("genre", "part_creations_femmes"), ("jeunesse", "taux_neet_16_25"),
    ("economie_circulaire", "structures_reemploi")])
def test_a_theme_page_shows_the_trend_of_its_indicator(demo_env, page, indicator):
    ((label,),) = demo_rows("select libelle from c where code = ?", [indicator])
    app = run(f"pages/{page}.py", {"indicateur": indicator, "niveau": "departement",
                                   "territoire": "29"})
    charts = app.get("plotly_chart")
    assert len(charts) == 2
    assert [chart.proto.id.rsplit("-", 1)[-1] for chart in charts] == [f"{page}.map",
                                                                       f"{page}.trend"]
    (column,) = [column for column in app.columns
                 if any(chart.proto.id.endswith(f"{page}.trend")
                        for chart in column.get("plotly_chart"))]
    (title,) = [item.value for item in column.markdown if item.value.startswith("####")]
    assert label in title
    assert {trace["name"] for trace in traces(charts[1])} == {"Finistère", "Bretagne"}
