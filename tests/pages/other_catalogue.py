"""A second observatory for the page tests: Corse (région 94), indicator codes unlike the demo's.

Built through the ordinary import path (observatory.importer) into a temporary database, with
or without the `a_la_une` column. The Genre theme has no indicator at all; no outline is
loaded, so every map falls back to circles.
"""

from __future__ import annotations

from pathlib import Path

from observatory import db, importer

REGION = "94"
YEARS = range(2019, 2025)
TERRITOIRES = """code;niveau;nom;region;departement;epci;population;latitude;longitude
94;region;Corse;;;;350000;42,15;9,1
2A;departement;Corse-du-Sud;94;;;160000;41,86;8,98
2B;departement;Haute-Corse;94;;;190000;42,39;9,2
200066918;epci;CA du Pays Ajaccien;94;2A;;85000;41,93;8,74
200073450;epci;CA de Bastia;94;2B;;60000;42,7;9,45
2A004;commune;Ajaccio;94;2A;200066918;72000;41,92;8,74
2A017;commune;Alata;94;2A;200066918;3200;41,97;8,74
2B033;commune;Bastia;94;2B;200073450;48000;42,7;9,45
2B148;commune;Furiani;94;2B;200073450;5800;42,66;9,42
"""
COMMUNES = {"2A004": 1.0, "2A017": 0.4, "2B033": 0.8, "2B148": 0.3}

# code, libelle, theme, unite, sens, agregation, numerateur, denominateur, a_la_une
INDICATORS = (
    ("habitants_xyz", "Habitants xyz", "contexte", "nombre", "neutre", "somme", "", "", 3),
    ("benevoles_xyz", "Bénévoles xyz", "jeunesse", "nombre", "hausse_favorable", "somme", "", "",
     5),
    ("jeunes_xyz", "Jeunes xyz", "jeunesse", "nombre", "neutre", "somme", "", "", 6),
    ("taux_xyz", "Taux xyz d'engagement", "jeunesse", "pourcentage", "hausse_favorable", "ratio",
     "benevoles_xyz", "jeunes_xyz", 2),
    ("tonnes_xyz", "Tonnes xyz réemployées", "economie_circulaire", "tonnes",
     "hausse_favorable", "somme", "", "", 1),
    ("ecart_xyz", "Écart xyz de collecte", "economie_circulaire", "pourcentage",
     "baisse_favorable", "aucune", "", "", ""),
)
# Each theme page's headlines à la une, in rank order, and the overview's (the first four).
RANKED = {"jeunesse": ("taux_xyz", "benevoles_xyz", "jeunes_xyz"),
          "economie_circulaire": ("tonnes_xyz",),
          "overview": ("tonnes_xyz", "taux_xyz", "habitants_xyz", "benevoles_xyz")}
# Without `a_la_une`: rates with the most recent data first, then counts; one per theme.
CHOSEN = {"jeunesse": ("taux_xyz", "benevoles_xyz", "jeunes_xyz"),
          "economie_circulaire": ("ecart_xyz", "tonnes_xyz"),
          # the directory's own indicators stand for the theme innovation_sociale
          "overview": ("taux_xyz", "ecart_xyz", "habitants_xyz", "initiatives_actives")}
LABELS = {row[0]: row[1] for row in INDICATORS} | {"initiatives_actives": "Initiatives actives"}
# The gap (baisse favorable, not aggregable) in 2019, one point less each year until 2021: Haute-
# Corse 2 points below the région (good news), Corse-du-Sud 2 above (bad news).
ECART = {"94": 12, "2A": 14, "2B": 10, "200066918": 15, "200073450": 9}
INITIATIVES = """id;nom;commune;thematique;publics;economie_circulaire;latitude;longitude
C1;Ressourcerie d'Ajaccio;2A004;reemploi_economie_circulaire;tous;oui;41,92;8,74
C2;Chantier jeunes de Bastia;2B033;emploi_insertion;jeunes;non;42,7;9,45
"""


def indicateurs_csv(ranked: bool) -> str:
    header = "code;libelle;theme;unite;sens;agregation;numerateur;denominateur"
    lines = [header + (";a_la_une" if ranked else "")]
    for *fields, rank in INDICATORS:
        lines.append(";".join(fields) + (f";{rank}" if ranked else ""))
    return "\n".join(lines) + "\n"


def observations_csv() -> str:
    """Counts on communes (summed upwards); the non-aggregable gap above communes, until 2021."""
    lines = ["indicateur;territoire;annee;valeur"]
    for year in YEARS:
        growth = 1 + (year - 2019) / 20
        for commune, weight in COMMUNES.items():
            for code, base in (("habitants_xyz", 10000), ("benevoles_xyz", 120),
                               ("jeunes_xyz", 1500), ("tonnes_xyz", 300)):
                lines.append(f"{code};{commune};{year};{round(base * weight * growth)}")
    for year in range(2019, 2022):
        for code, value in ECART.items():
            lines.append(f"ecart_xyz;{code};{year};{value - (year - 2019)}")
    return "\n".join(lines) + "\n"


def build(path: Path, ranked: bool) -> Path:
    """Import the four datasets into a published database at `path`; return it."""
    files = {"territoires": TERRITOIRES, "indicateurs": indicateurs_csv(ranked),
             "observations": observations_csv(), "initiatives": INITIATIVES}
    with db.writing(path) as con:
        for dataset, text in files.items():
            report = importer.import_file(con, dataset, text.encode("utf-8"), f"{dataset}.csv",
                                          "chargée d'études")
            assert report.status == "applied", (dataset, report.errors)
    return path
