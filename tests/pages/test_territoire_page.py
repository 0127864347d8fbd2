"""Territoire page under AppTest: portrait values, gaps in words, secret, theme filter, initiatives."""

from __future__ import annotations

import io

import pandas as pd

from observatory import comparisons, db, engine, formatting, sqlstore
from tests.pages.conftest import page_test, texts

PAGE = "pages/territoire.py"


def run(params: dict | None = None):
    app = page_test(PAGE, params).run()
    assert not app.exception, [item.message for item in app.exception]
    return app


def read(path):
    return db.SnapshotReader(path).cursor()


def metrics(app) -> dict[str, object]:
    return {metric.label: metric for metric in app.metric}


def test_default_portrait_is_the_region(demo_env):
    app = run()
    present = sqlstore.frame(read(demo_env), "engine_territory_indicators",
                             {"code": "53", "level": "region"})
    assert {box.label: box.value for box in app.selectbox}["Territoire"] == "53"
    assert len(app.metric) == len(present)
    assert "## Bretagne" in texts(app)
    assert any("Imprimer ce portrait" in item.proto.body for item in app.get("html"))
    assert "Ctrl+P" in texts(app)


def test_rennes_portrait_shows_engine_values_and_gap_words(demo_env):
    app = run({"niveau": "commune", "territoire": "35238"})
    portrait = comparisons.portrait(read(demo_env), "35238", "commune")
    row = portrait.loc[portrait["indicateur"] == "part_femmes_dirigeantes_ess"].iloc[0]
    metric = metrics(app)[f"{row['libelle']} ({int(row['annee'])})"]
    assert metric.value == formatting.format_value(row["valeur"], row["unite"], row["etat"])
    verdict = "favorable" if row["favorable"] else "défavorable"
    gap = formatting.format_change(row["ecart_parent"], row["unite"])
    assert metric.delta == f"{gap} par rapport à {row['parent']} ({verdict})"
    table = app.dataframe[0].value
    assert set(table["Lecture"]) <= {"favorable", "défavorable", "neutre", ""}
    assert "initiative" in texts(app)
    assert "[Voir les initiatives de ce territoire](/initiatives?niveau=commune&territoire=35238)" \
        in texts(app)


def test_theme_filter_keeps_only_genre(demo_env):
    app = run({"niveau": "departement", "territoire": "29", "theme": "genre"})
    con = read(demo_env)
    present = sqlstore.frame(con, "engine_territory_indicators",
                             {"code": "29", "level": "departement"})
    catalogue = engine.catalogue(con).set_index("code")
    genre = catalogue.loc[present.loc[present["theme"] == "genre", "code"]]
    assert {box.label: box.value for box in app.selectbox}["Thème"] == "genre"
    assert sorted(metric.label.rsplit(" (", 1)[0] for metric in app.metric) == \
        sorted(genre["libelle"])
    assert "### Jeunesse" not in texts(app)
    assert app.query_params["theme"] == "genre"


def test_secret_figures_read_secret(demo_env):
    con = read(demo_env)
    indicator = "part_femmes_dirigeantes_ess"
    ranking = engine.ranking(con, indicator, "epci", 2024)
    latest = {code: engine.indicator_values(con, indicator, "epci", None, code)
              for code in ranking.loc[ranking["etat"] == "secret", "territoire"]}
    code = next(code for code, rows in latest.items()
                if rows.loc[rows["etat"] != "absent", "etat"].iloc[-1] == "secret")
    app = run({"niveau": "epci", "territoire": code})
    item = comparisons.comparison(con, indicator, code, "epci")
    assert item.etat == "secret"
    assert metrics(app)[f"{item.libelle} ({item.year})"].value == "secret"
    assert "secret" in comparisons.summary_sentence(item)


def test_invalid_territory_is_dropped_with_notice(demo_env):
    app = run({"territoire": "99999", "theme": "<b>x</b>"})
    assert "La valeur « 99999 » du paramètre « territoire » n'est pas valide" in texts(app)
    assert "La valeur « <b>x</b> » du paramètre « theme » n'est pas valide" in texts(app)
    assert {box.label: box.value for box in app.selectbox}["Territoire"] == "53"


def secret_under_a_secret_epci(con, indicator: str) -> str:
    """Return the first commune whose figure of `indicator` and its EPCI's are both secret in
    the indicator's latest year (the demo has such small EPCIs)."""
    year = engine.latest_year(con, indicator, "commune")
    values = engine.indicator_values(con, indicator, None, year)
    secret = set(values.loc[values["etat"] == "secret", "territoire"])
    communes = sqlstore.frame(con, "reference_territories")
    communes = communes[(communes["niveau"] == "commune") & communes["code"].isin(secret)
                        & communes["epci"].isin(secret)]
    return sorted(communes["code"])[0]


def test_a_secret_parent_figure_reads_secret_in_metric_table_and_export(demo_env):
    """A commune whose EPCI is secret for the share of women leaders: « secret », not a gap."""
    from observatory import export
    from observatory.ui import territory_views

    commune = secret_under_a_secret_epci(read(demo_env), "part_femmes_dirigeantes_ess")
    portrait = comparisons.portrait(read(demo_env), commune, "commune")
    row = portrait.loc[portrait["indicateur"] == "part_femmes_dirigeantes_ess"].iloc[0]
    assert (row["etat"], row["etat_parent"]) == ("secret", "secret")
    label = f"{row['libelle']} ({int(row['annee'])})"
    app = run({"niveau": "commune", "territoire": commune})
    assert metrics(app)[label].delta == f"{row['parent']} : secret"
    table = app.dataframe[0].value
    shown = table.loc[table["Indicateur"] == row["libelle"]].iloc[0]
    assert (shown["Valeur"], shown["Territoire parent"], shown["Valeur du parent"]) == (
        "secret", row["parent"], "secret")
    assert shown["Valeur de la région"] == formatting.format_value(
        row["valeur_region"], row["unite"], row["etat_region"])
    exported = territory_views.portrait_export(portrait)
    written = export.to_csv(exported.loc[exported["indicateur"] == row["indicateur"]])
    cells = pd.read_csv(io.BytesIO(written), dtype=str).iloc[0]
    assert (cells["valeur"], cells["valeur_parent"], cells["etat_parent"]) == (
        "secret", "secret", "secret")
    english = run({"niveau": "commune", "territoire": commune, "lang": "en"})
    assert any(metric.delta == f"{row['parent']}: confidential" for metric in english.metric)
    assert "confidential" in set(english.dataframe[0].value["Parent value"])


def test_the_link_to_the_initiatives_keeps_the_readers_language_and_period(demo_env):
    app = run({"niveau": "commune", "territoire": "35238", "lang": "en", "debut": "2019"})
    assert ("[See this territory's initiatives](/initiatives?niveau=commune&territoire=35238"
            "&debut=2019&lang=en)") in texts(app)
