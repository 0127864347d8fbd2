"""Attack on the published figures: no secret cell may be recomputed from shown ones."""

from __future__ import annotations

import pytest

from observatory import aggregation, confidentiality, db, engine
from observatory.i18n import tr
from tests.databases import copy_database
from tests.engine_support import (
    determined_secrets,
    fixture_database,
    records,
    recoverable_denominators,
    recoverable_secrets,
)


def somme_indicators(con) -> list[str]:
    return [row[0] for row in con.execute(
        "select code from indicateurs where agregation = 'somme' order by code").fetchall()]


@pytest.fixture(scope="module")
def demo_con(demo_template, tmp_path_factory):
    """A private copy of the `init --demo` database: the demo loaded and its figures published."""
    connection = db.connect(copy_database(demo_template, tmp_path_factory.mktemp("demo")
                                          / "observatory.duckdb"))
    yield connection
    connection.close()


def test_attack_finds_nothing_on_the_fixture():
    con = fixture_database()
    assert {code: recoverable_secrets(con, code) for code in somme_indicators(con)} == {
        code: [] for code in somme_indicators(con)}


@pytest.mark.slow
def test_attack_finds_nothing_on_the_demo_data(demo_con):
    secret_n = demo_con.execute("select count(*) from published_values p join indicateurs i "
                                "on i.code = p.indicateur where i.agregation = 'somme' "
                                "and p.etat = 'secret'").fetchall()[0][0]
    assert secret_n > 0  # the attack has something to attack
    codes = somme_indicators(demo_con)
    assert {code: recoverable_secrets(demo_con, code) for code in codes} == {
        code: [] for code in codes}


@pytest.mark.slow
def test_linear_attack_combining_every_split_finds_nothing(demo_con):
    fixture = fixture_database()
    assert {code: determined_secrets(fixture, code) for code in somme_indicators(fixture)} == {
        code: [] for code in somme_indicators(fixture)}
    codes = somme_indicators(demo_con)
    assert {code: determined_secrets(demo_con, code) for code in codes} == {
        code: [] for code in codes}


def test_linear_attack_would_find_secrets_without_the_secondary_rule(monkeypatch):
    monkeypatch.setattr(confidentiality, "apply_secondary", lambda con: 0)
    assert determined_secrets(fixture_database(), "femmes") == [("35003", "commune", 2023)]


def test_attack_would_find_a_lone_secret_without_the_secondary_rule(monkeypatch):
    monkeypatch.setattr(confidentiality, "apply_secondary", lambda con: 0)
    con = fixture_database()
    assert recoverable_secrets(con, "femmes")[:2] == [
        ("35003", "commune", 2023, "parent − autres enfants"),
        ("35003", "commune", 2023, "parent − autres enfants")]


def test_demo_ratios_are_secret_wherever_their_numerator_is(demo_con):
    unprotected = demo_con.execute("""
        select count(*)
        from published_values as ratio
        join indicateurs as catalogue on catalogue.code = ratio.indicateur
        join published_values as numerator
            on numerator.indicateur = catalogue.numerateur and numerator.territoire = ratio.territoire
            and numerator.niveau = ratio.niveau and numerator.annee = ratio.annee
        where catalogue.agregation = 'ratio' and numerator.etat = 'secret' and ratio.etat = 'publie'
    """).fetchall()
    assert unprotected == [(0,)]


def test_method_is_described_in_french_and_english():
    assert "secret secondaire" in confidentiality.METHOD_FR
    assert "secondary suppression" in tr(confidentiality.METHOD_FR, "en")


def test_rate_is_secret_wherever_its_denominator_is():
    # dirigeants 2022 with a threshold of 25: Charlie 20 is secret (primary). Then, as for
    # femmes 2023: CC À cheval hides Delta 30, Ille-et-Vilaine hides Bravo 50 and CC Est 140,
    # the région's communes hide Delta; next Morbihan hides Echo 40 and CC Ouest 90, the
    # région's EPCIs hide CC À cheval 50. femmes 2022 (45, 10, 6, 12, 16, 25) is all shown,
    # so without the rule part_femmes 30 % and femmes 6 would give Charlie's 20 dirigeants.
    con = fixture_database()
    con.execute("update indicateurs set secret_seuil = 25 where code = 'dirigeants'")
    aggregation.rebuild_published_values(con)
    expected_states = [
        ("53", "region", "publie"), ("35", "departement", "publie"),
        ("56", "departement", "publie"), ("200000001", "epci", "secret"),
        ("200000002", "epci", "secret"), ("200000003", "epci", "secret"),
        ("35001", "commune", "publie"), ("35002", "commune", "secret"),
        ("35003", "commune", "secret"), ("56001", "commune", "secret"),
        ("56002", "commune", "secret"), ("56003", "commune", "publie")]
    columns = ["territoire", "niveau", "etat"]
    assert records(engine.indicator_values(con, "dirigeants", year=2022), columns) == \
        expected_states
    assert records(engine.indicator_values(con, "part_femmes", year=2022),
                   ["territoire", "valeur", "etat"]) == [
        ("53", round(100 * 114 / 280, 4), "publie"),
        ("35", round(100 * 61 / 160, 4), "publie"),
        ("56", round(100 * 53 / 120, 4), "publie"),
        ("200000001", None, "secret"), ("200000002", None, "secret"),
        ("200000003", None, "secret"),
        ("35001", 50.0, "publie"), ("35002", None, "secret"), ("35003", None, "secret"),
        ("56001", None, "secret"), ("56002", None, "secret"), ("56003", 50.0, "publie")]
    assert {row[2] for row in records(engine.indicator_values(con, "femmes", year=2022),
                                      columns)} == {"publie"}
    assert recoverable_denominators(con) == []
