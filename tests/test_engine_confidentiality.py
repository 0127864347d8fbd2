"""Attack on the published figures: no secret cell may be recomputed from shown ones."""

from __future__ import annotations

import pytest

from observatory import aggregation, confidentiality, db, demo
from tests.engine_support import fixture_database, recoverable_secrets


def somme_indicators(con) -> list[str]:
    return [row[0] for row in con.execute(
        "select code from indicateurs where agregation = 'somme' order by code").fetchall()]


@pytest.fixture(scope="module")
def demo_con():
    connection = db.connect_memory()
    reports = demo.load_demo(connection)
    assert [report.status for report in reports] == ["applied"] * 4
    aggregation.rebuild_published_values(connection)
    yield connection
    connection.close()


def test_attack_finds_nothing_on_the_fixture():
    con = fixture_database()
    assert {code: recoverable_secrets(con, code) for code in somme_indicators(con)} == {
        code: [] for code in somme_indicators(con)}


def test_attack_finds_nothing_on_the_demo_data(demo_con):
    secret_n = demo_con.execute("select count(*) from published_values p join indicateurs i "
                                "on i.code = p.indicateur where i.agregation = 'somme' "
                                "and p.etat = 'secret'").fetchall()[0][0]
    assert secret_n > 0  # the attack has something to attack
    codes = somme_indicators(demo_con)
    assert {code: recoverable_secrets(demo_con, code) for code in codes} == {
        code: [] for code in codes}


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
    assert "secondary suppression" in confidentiality.METHOD_EN
