"""The indicator engine on a hand-built fixture (tests/fixtures/engine), answers computed by hand.

Territories: région 53; départements 35 and 56; EPCIs 200000001 (35001, 35002),
200000002 (35003 in 35, 56001 in 56: it straddles) and 200000003 (56002, 56003).
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from observatory import aggregation, comparisons, engine, formatting, sqlstore
from observatory.comparisons import PORTRAIT_COLUMNS
from tests.engine_support import fixture_database, records

VALUE_COLUMNS = ["territoire", "niveau", "valeur", "etat", "calcule", "couverture", "statut"]


@pytest.fixture(scope="module")
def fx():
    connection = fixture_database()
    yield connection
    connection.close()


def values(con, indicator, year, columns=VALUE_COLUMNS, **filters):
    return records(engine.indicator_values(con, indicator, year=year, **filters), columns)


def test_ratio_is_the_ratio_of_sums_over_the_same_communes_never_a_mean_of_rates(fx):
    # 2022: femmes / dirigeants per commune 45/90, 10/50, 6/20, 12/30, 16/40, 25/50.
    assert values(fx, "part_femmes", 2022, ["territoire", "niveau", "valeur", "couverture"]) == [
        ("53", "region", round(100 * 114 / 280, 4), "6/6"),
        ("35", "departement", round(100 * 61 / 160, 4), "3/3"),
        ("56", "departement", round(100 * 53 / 120, 4), "3/3"),
        ("200000001", "epci", round(100 * 55 / 140, 4), "2/2"),   # mean of rates would be 35.0
        ("200000002", "epci", 36.0, "2/2"),                         # 18/50; mean of rates 35.0
        ("200000003", "epci", round(100 * 41 / 90, 4), "2/2"),
        ("35001", "commune", 50.0, "1/1"),
        ("35002", "commune", 20.0, "1/1"),
        ("35003", "commune", 30.0, "1/1"),
        ("56001", "commune", 40.0, "1/1"),
        ("56002", "commune", 40.0, "1/1"),
        ("56003", "commune", 50.0, "1/1"),
    ]
    mean_of_rates = (50.0 + 20.0) / 2
    assert values(fx, "part_femmes", 2022, ["valeur"], territory="200000001")[0][0] != mean_of_rates


def test_straddling_epci_sums_its_communes_in_both_departements(fx):
    # CC À cheval = Charlie (35) + Delta (56); each département sums only its own communes.
    assert values(fx, "emplois", 2022, ["territoire", "niveau", "valeur", "couverture"]) == [
        ("53", "region", 2740.0, "6/6"),
        ("35", "departement", 1530.0, "3/3"),
        ("56", "departement", 1210.0, "3/3"),
        ("200000001", "epci", 1350.0, "2/2"),
        ("200000002", "epci", 460.0, "2/2"),
        ("200000003", "epci", 930.0, "2/2"),
        ("35001", "commune", 900.0, None),
        ("35002", "commune", 450.0, None),
        ("35003", "commune", 180.0, None),
        ("56001", "commune", 280.0, None),
        ("56002", "commune", 380.0, None),
        ("56003", "commune", 550.0, None),
    ]


def test_partial_coverage_is_explicit_and_stored_values_beat_computed_ones(fx):
    # 2023: Echo (56002) has no value; Morbihan has a stored value (batch 4) that wins.
    columns = ["territoire", "niveau", "valeur", "etat", "calcule", "composantes_n",
               "composantes_total", "couverture", "complet", "statut", "source", "batch_id"]
    assert values(fx, "emplois", 2023, columns) == [
        ("53", "region", 2600.0, "publie", True, 5, 6, "5/6", False, "calcule", "Source emplois", 3),
        ("35", "departement", 1700.0, "publie", True, 3, 3, "3/3", True, "calcule",
         "Source emplois", 3),
        ("56", "departement", 1234.0, "publie", False, None, None, None, True, "estime",
         "Comptage départemental", 4),
        ("200000001", "epci", 1500.0, "publie", True, 2, 2, "2/2", True, "calcule",
         "Source emplois", 3),
        ("200000002", "epci", 500.0, "publie", True, 2, 2, "2/2", True, "calcule",
         "Source emplois", 3),
        ("200000003", "epci", 600.0, "publie", True, 1, 2, "1/2", False, "calcule",
         "Source emplois", 3),
        ("35001", "commune", 1000.0, "publie", False, None, None, None, True, "provisoire",
         "Enquête locale", 3),
        ("35002", "commune", 500.0, "publie", False, None, None, None, True, "definitif",
         "Source emplois", 3),
        ("35003", "commune", 200.0, "publie", False, None, None, None, True, "definitif",
         "Source emplois", 3),
        ("56001", "commune", 300.0, "publie", False, None, None, None, True, "definitif",
         "Source emplois", 3),
        ("56002", "commune", None, "absent", False, None, None, None, True, None,
         "Source emplois", None),
        ("56003", "commune", 600.0, "publie", False, None, None, None, True, "definitif",
         "Source emplois", 3),
    ]


def test_not_aggregable_indicator_shows_only_stored_values(fx):
    assert values(fx, "chomage", 2023, ["territoire", "niveau", "valeur", "calcule"]) == [
        ("53", "region", 17.0, False), ("35", "departement", 15.5, False),
        ("56", "departement", 19.5, False)]
    assert values(fx, "chomage", 2023, level="commune") == []


def test_primary_and_secondary_suppression_by_hand(fx):
    # femmes 2023: Charlie 3 < 5 is secret (primary). Then, step by step (smallest first):
    # 1. CC À cheval hides Delta; Ille-et-Vilaine's communes hide Bravo; Ille-et-Vilaine as
    #    CC Est + Charlie hides CC Est (else 63 − 60 = 3).
    # 2. Morbihan hides Echo (communes) and CC Ouest (as CC Ouest + Delta); the région as
    #    its three EPCIs hides CC À cheval.   3. Nothing left to hide.
    assert values(fx, "femmes", 2023, ["territoire", "niveau", "valeur", "etat"]) == [
        ("53", "region", 125.0, "publie"),
        ("35", "departement", 63.0, "publie"),
        ("56", "departement", 62.0, "publie"),
        ("200000001", "epci", None, "secret"),
        ("200000002", "epci", None, "secret"),
        ("200000003", "epci", None, "secret"),
        ("35001", "commune", 50.0, "publie"),
        ("35002", "commune", None, "secret"),
        ("35003", "commune", None, "secret"),
        ("56001", "commune", None, "secret"),
        ("56002", "commune", None, "secret"),
        ("56003", "commune", 30.0, "publie"),
    ]


def test_ratio_is_secret_wherever_its_numerator_is(fx):
    assert values(fx, "part_femmes", 2023, ["territoire", "valeur", "etat"]) == [
        ("53", round(100 * 125 / 310, 4), "publie"),
        ("35", 35.0, "publie"),                       # 63 / 180
        ("56", round(100 * 62 / 130, 4), "publie"),
        ("200000001", None, "secret"),
        ("200000002", None, "secret"),
        ("200000003", None, "secret"),
        ("35001", 50.0, "publie"),
        ("35002", None, "secret"),
        ("35003", None, "secret"),
        ("56001", None, "secret"),
        ("56002", None, "secret"),
        ("56003", 50.0, "publie"),
    ]


def test_secret_values_never_reach_the_published_table(fx):
    leaked = fx.execute("select count(*) from published_values "
                        "where etat <> 'publie' and valeur is not null").fetchall()
    assert leaked == [(0,)]
    assert fx.execute("select count(*) from duckdb_tables() where table_name like 'engine_%'"
                      ).fetchall() == [(0,)]


def test_ranking_shares_ranks_on_ties_and_leaves_secrets_out(fx):
    columns = ["territoire", "valeur", "etat", "rang"]
    assert records(engine.ranking(fx, "dirigeants", "commune", 2023), columns) == [
        ("35001", 100.0, "publie", 1), ("35002", 60.0, "publie", 2),
        ("56003", 60.0, "publie", 2), ("56002", 40.0, "publie", 4),
        ("56001", 30.0, "publie", 5), ("35003", 20.0, "publie", 6)]
    assert records(engine.ranking(fx, "femmes", "commune", 2023), columns) == [
        ("35001", 50.0, "publie", 1), ("56003", 30.0, "publie", 2),
        ("35002", None, "secret", None), ("35003", None, "secret", None),
        ("56001", None, "secret", None), ("56002", None, "secret", None)]
    assert records(engine.ranking(fx, "emplois", "commune", 2023), columns)[-1] == (
        "56002", None, "absent", None)


def test_comparison_with_decrease_favourable(fx):
    better = comparisons.comparison(fx, "chomage", "35", "departement")
    assert (better.year, better.value, better.change_1y, better.change_period, better.first_year,
            better.parent_code, better.parent_value, better.region_value, better.gap_to_parent,
            better.favourable, better.change_kind) == (
        2023, 15.5, -0.5, -0.5, 2022, "53", 17.0, 17.0, -1.5, True, "points")
    worse = comparisons.comparison(fx, "chomage", "56", "departement")
    assert (worse.gap_to_parent, worse.favourable) == (2.5, False)


def test_comparison_with_increase_favourable_and_neutral(fx):
    below = comparisons.comparison(fx, "part_femmes", "35", "departement")
    assert round(below.gap_to_parent, 4) == round(35.0 - 100 * 125 / 310, 4)
    assert (below.favourable, below.calcule, below.couverture, below.statut) == (
        False, True, "3/3", "calcule")
    above = comparisons.comparison(fx, "part_femmes", "56", "departement")
    assert above.favourable is True
    # A summed count is a part of its parent's total: no gap, no verdict (its value stays).
    count = comparisons.comparison(fx, "dirigeants", "35", "departement")
    assert (count.value, count.parent_value) == (180.0, 310.0)
    assert (count.gap_to_parent, count.favourable) == (None, None)


def test_comparison_of_counts_changes_in_percent_and_commune_parent_is_its_epci(fx):
    item = comparisons.comparison(fx, "emplois", "35003", "commune")
    assert (item.change_kind, round(item.change_1y, 4), item.parent_code, item.parent_level,
            item.parent_name, item.parent_value, item.region_value) == (
        "pourcent", round(100 * 20 / 180, 4), "200000002", "epci", "CC À cheval", 500.0, 2600.0)


def test_comparison_of_a_secret_figure_keeps_it_hidden(fx):
    item = comparisons.comparison(fx, "femmes", "35003", "commune")
    assert (item.year, item.value, item.etat, item.change_1y, item.gap_to_parent,
            item.favourable) == (2023, None, "secret", None, None, None)
    assert comparisons.summary_sentence(item) == (
        "En 2023, le chiffre « Femmes dirigeantes de l'ESS » à Charlie est couvert "
        "par le secret statistique.")


def test_summary_sentence_in_french(fx):
    item = comparisons.comparison(fx, "part_femmes", "56", "departement")
    assert comparisons.summary_sentence(item) == (
        "En 2023, la part des femmes parmi les dirigeants de l'ESS est de 47,7\u202f% "
        "(calculé — 3 territoires sur 3) dans le Morbihan, +3,5\u202fpoints depuis 2022.")


def test_summary_sentence_in_english(fx):
    item = comparisons.comparison(fx, "part_femmes", "56", "departement")
    assert comparisons.summary_sentence(item, "en") == (
        "In 2023, “Part des femmes parmi les dirigeants de l'ESS” in Morbihan is 47.7\u202f% "
        "(computed — 3 of 3 territories), +3.5\u202fpp since 2022.")
    secret = comparisons.comparison(fx, "femmes", "35003", "commune")
    assert comparisons.summary_sentence(secret, "en") == (
        "In 2023, “Femmes dirigeantes de l'ESS” in Charlie is withheld "
        "(statistical confidentiality).")


def test_portrait_has_one_row_per_indicator_with_data(fx):
    frame = comparisons.portrait(fx, "56", "departement")
    assert records(frame, ["indicateur", "annee", "valeur", "etat", "favorable"]) == [
        ("emplois", 2023, 1234.0, "publie", None),   # counts: no verdict against the whole
        ("dirigeants", 2023, 130.0, "publie", None),
        ("femmes", 2023, 62.0, "publie", None),
        ("part_femmes", 2023, round(100 * 62 / 130, 4), "publie", True),
        ("chomage", 2023, 19.5, "publie", False),
    ]


def source_value(con, item) -> bool:
    """Return whether the comparison's figure is a stored value that components also give."""
    return con.execute(
        "select valeur_source from published_values where indicateur = ? and territoire = ? "
        "and niveau = ? and annee = ?",
        [item.indicator, item.territory, item.level, item.year]).fetchall()[0][0]


def reference_portrait(con, territory, level):
    """Return the portrait built the reference way: one `comparison` per catalogue indicator."""
    rows = []
    for code, theme in engine.catalogue(con)[["code", "theme"]].itertuples(index=False):
        item = comparisons.comparison(con, code, territory, level)
        if item.year is None:
            continue
        rows.append((item.indicator, item.libelle, theme, item.unit, item.year, item.value,
                     item.etat, item.change_1y, item.change_period, item.change_kind,
                     item.first_year, item.parent_name, item.parent_value, item.gap_to_parent,
                     item.favourable, item.region_value, item.calcule, item.couverture,
                     item.statut, item.source, item.parent_etat, item.region_etat,
                     item.batch_id, item.additive, source_value(con, item)))
    rows.sort(key=lambda row: (row[2], row[0]))
    return pd.DataFrame(rows, columns=list(PORTRAIT_COLUMNS))


@pytest.mark.slow
def test_portrait_is_every_comparison_of_the_territory_at_every_level(fx):
    # The set-based portrait query must say what `comparison` says, indicator by indicator.
    places = fx.execute("select code, niveau from territoires order by niveau, code").fetchall()
    assert len(places) == 12
    for code, level in places:
        pd.testing.assert_frame_equal(comparisons.portrait(fx, code, level),
                                      reference_portrait(fx, code, level), obj=f"{level} {code}")


def test_territory_values_follow_the_asked_indicators(fx):
    frame = engine.territory_values(fx, "56", "departement", ["chomage", "emplois"])
    assert records(frame, ["indicateur", "annee", "valeur", "etat"]) == [
        ("chomage", 2022, 19.0, "publie"), ("chomage", 2023, 19.5, "publie"),
        ("emplois", 2022, 1210.0, "publie"), ("emplois", 2023, 1234.0, "publie")]
    assert engine.territory_values(fx, "56", "departement", []).empty


def test_catalogue_years_and_latest_year(fx):
    assert list(engine.catalogue(fx)["code"]) == [
        "emplois", "dirigeants", "femmes", "part_femmes", "chomage"]
    columns = ["code", "libelle", "theme", "unite", "sens", "source"]
    pd.testing.assert_frame_equal(engine.indicators(fx), engine.catalogue(fx)[columns])
    assert engine.years(fx, "femmes") == [2022, 2023]
    assert engine.latest_year(fx, "chomage", "commune") is None
    assert engine.latest_year(fx, "chomage", "region") == 2023


def test_trend_pairs_codes_with_levels(fx):
    frame = engine.trend(fx, "emplois", ["56", "200000003"], ["departement", "epci"])
    assert records(frame, ["territoire", "niveau", "annee", "valeur", "couverture"]) == [
        ("200000003", "epci", 2022, 930.0, "2/2"), ("200000003", "epci", 2023, 600.0, "1/2"),
        ("56", "departement", 2022, 1210.0, "3/3"), ("56", "departement", 2023, 1234.0, None)]


def test_rebuild_is_idempotent(fx):
    before = fx.execute("select * from published_values order by all").fetchall()
    aggregation.rebuild_published_values(fx)
    assert fx.execute("select * from published_values order by all").fetchall() == before


def test_every_figure_carries_its_provenance(fx):
    # Ranking, a territory's series, comparison and portrait: year, unit, status, source, batch.
    # Batches of the fixture: 1 territoires, 2 indicateurs, 3 observations, 4 Morbihan's count.
    columns = ["territoire", "rang", "annee", "unite", "calcule", "statut", "source", "batch_id"]
    assert records(engine.ranking(fx, "emplois", "commune", 2023), columns) == [
        ("35001", 1, 2023, "nombre", False, "provisoire", "Enquête locale", 3),
        ("56003", 2, 2023, "nombre", False, "definitif", "Source emplois", 3),
        ("35002", 3, 2023, "nombre", False, "definitif", "Source emplois", 3),
        ("56001", 4, 2023, "nombre", False, "definitif", "Source emplois", 3),
        ("35003", 5, 2023, "nombre", False, "definitif", "Source emplois", 3),
        ("56002", None, 2023, "nombre", False, None, "Source emplois", None)]
    series = engine.territory_values(fx, "56", "departement", ["emplois"])
    assert records(series, ["annee", "valeur", "calcule", "couverture", "statut", "source",
                            "batch_id"]) == [
        (2022, 1210.0, True, "3/3", "calcule", "Source emplois", 3),
        (2023, 1234.0, False, None, "estime", "Comptage départemental", 4)]
    item = comparisons.comparison(fx, "emplois", "56", "departement")
    assert (item.year, item.unit, item.statut, item.source, item.batch_id, item.calcule) == (
        2023, "nombre", "estime", "Comptage départemental", 4, False)


def test_a_secret_parent_is_told_from_a_missing_one(fx):
    # femmes 2023: Alpha is shown, its EPCI (CC Est) secret, the région shown.
    item = comparisons.comparison(fx, "femmes", "35001", "commune")
    assert (item.value, item.parent_code, item.parent_value, item.parent_etat, item.region_value,
            item.region_etat, item.gap_to_parent, item.favourable) == (
        50.0, "200000001", None, "secret", 125.0, "publie", None, None)
    frame = comparisons.portrait(fx, "35001", "commune")
    assert records(frame, ["indicateur", "valeur_parent", "etat_parent", "valeur_region",
                           "etat_region", "batch_id"]) == [
        ("emplois", 1500.0, "publie", 2600.0, "publie", 3),
        ("dirigeants", 160.0, "publie", 310.0, "publie", 3),
        ("femmes", None, "secret", 125.0, "publie", 3),
        ("part_femmes", None, "secret", round(100 * 125 / 310, 4), "publie", 3)]


def test_a_failed_rebuild_keeps_the_published_figures_and_drops_its_work_tables(monkeypatch):
    con = fixture_database()
    before = con.execute("select * from published_values order by all").fetchall()
    real_sql = sqlstore.sql
    monkeypatch.setattr(sqlstore, "sql", lambda name: "select * from no_such_table"
                        if name == "engine_build_publish" else real_sql(name))
    with pytest.raises(duckdb.Error):
        aggregation.rebuild_published_values(con)
    assert con.execute("select * from published_values order by all").fetchall() == before
    assert con.execute("select count(*) from duckdb_tables() where table_name like 'engine_%'"
                       ).fetchall() == [(0,)]


def test_summary_sentence_marks_a_computed_figure_with_its_coverage(fx):
    item = comparisons.comparison(fx, "emplois", "53", "region")
    assert (item.calcule, item.couverture) == (True, "5/6")
    assert "2\u202f600 (calculé — 5 territoires sur 6)" in comparisons.summary_sentence(item)
    assert "2,600 (computed — 5 of 6 territories)" in comparisons.summary_sentence(item, "en")


def test_a_stored_parent_figure_is_marked_as_the_sources_value(fx):
    # observations_departement.csv gives the Morbihan's jobs in 2023; its communes give another
    stored = engine.indicator_values(fx, "emplois", "departement", 2023, "56").iloc[0]
    assert (bool(stored["calcule"]), bool(stored["valeur_source"])) == (False, True)
    computed = engine.indicator_values(fx, "emplois", "departement", 2023, "35").iloc[0]
    assert (bool(computed["calcule"]), bool(computed["valeur_source"])) == (True, False)
    commune = engine.indicator_values(fx, "emplois", "commune", 2023, "56001").iloc[0]
    assert not commune["valeur_source"]  # nothing below a commune: simply stored
    assert formatting.status_text(stored["statut"], None, "fr", True) == (
        "estimé · valeur de la source")


def test_each_portrait_row_is_the_comparison_of_its_indicator(fx):
    """One vocabulary and one computation: the portrait's columns are Comparison fields."""
    frame = comparisons.portrait(fx, "56", "departement")
    for row in frame.to_dict("records"):
        item = comparisons.comparison(fx, row["indicateur"], "56", "departement")
        for column, field in comparisons.PORTRAIT_FIELDS.items():
            expected, got = getattr(item, field), row[column]
            if isinstance(expected, float):
                assert got == pytest.approx(expected), (row["indicateur"], column)
            else:
                assert (got == expected) or (pd.isna(got) and expected is None), (
                    row["indicateur"], column, got, expected)
