"""Deterministic generator of the Bretagne demonstration dataset (the four CSV files of data/demo).

Territories are real (INSEE codes and names, EPCI SIREN codes and memberships of 2024,
approximate populations, centroids computed once from IGN outlines); every indicator value
is invented but plausible; initiatives are invented, except a handful of real, well-known
ones named as such. Run `python -m observatory.demo_generator [--output DIR]`: the same
bytes come out on every run (string-seeded `random.Random`, fixed iteration order).
"""

from __future__ import annotations

import argparse
import csv
import math
import random
from pathlib import Path
from typing import NamedTuple

from observatory.datasets import DATASETS, LOAD_ORDER, PUBLICS

SEED = "observatoire-bretagne-demo-v1"
YEARS = range(2016, 2025)
PROVISIONAL_YEAR = 2024
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "data" / "demo"
DELIMITER = ";"
DEMO = "données de démonstration"

# ── Territories ──────────────────────────────────────────────────────────────────────────
# (code, nom, population, latitude, longitude)
REGION = ("53", "Bretagne", 3449370, 48.1804, -2.8392)
# (code, nom, population, latitude, longitude)
DEPARTEMENTS = (
    ("22", "Côtes-d'Armor", 611859, 48.4412, -2.8641),
    ("29", "Finistère", 933455, 48.2611, -4.0593),
    ("35", "Ille-et-Vilaine", 1120666, 48.1544, -1.6385),
    ("56", "Morbihan", 783390, 47.8475, -2.8099),
)
# Every EPCI of Bretagne (2024): (SIREN, nom, département of its seat, population, lat, lon).
EPCIS = (
    ("200027027", "CC Arc Sud Bretagne", "56", 29113, 47.557, -2.3692),
    ("200038990", "CC de Saint-Méen Montauban", "35", 27350, 48.1869, -2.1067),
    ("200039022", "CA Vitré Communauté", "35", 82956, 48.0811, -1.2258),
    ("200042174", "CA Lorient Agglomération", "56", 208113, 47.8494, -3.2939),
    ("200043123", "CC Auray Quiberon Terre Atlantique", "56", 91034, 47.6922, -3.0405),
    ("200043990", "CC Vallons de Haute-Bretagne Communauté", "35", 45066, 47.9105, -1.8886),
    ("200065928", "CA Lannion-Trégor Communauté", "22", 100877, 48.6919, -3.4055),
    ("200066777", "CC Ploërmel Communauté", "56", 42842, 48.0036, -2.4396),
    ("200066785", "CC de l'Oust à Brocéliande", "56", 39885, 47.8361, -2.2772),
    ("200066868", "CC Presqu'île de Crozon-Aulne maritime", "29", 22603, 48.2619, -4.3458),
    ("200067072", "CC Haut-Léon Communauté", "29", 31706, 48.6425, -4.1016),
    ("200067197", "CC Monts d'Arrée Communauté", "29", 7765, 48.3677, -3.8209),
    ("200067247", "CC Pleyben-Châteaulin-Porzay", "29", 22863, 48.2012, -4.0824),
    ("200067460", "CC Loudéac Communauté - Bretagne Centre", "22", 51811, 48.2216, -2.6763),
    ("200067932", "CA Golfe du Morbihan - Vannes Agglomération", "56", 177719, 47.6766, -2.7362),
    ("200067981", "CA Guingamp-Paimpol Agglomération de l'Armor à l'Argoat", "22", 73835, 48.5298, -3.2607),
    ("200068120", "CA Quimper Bretagne Occidentale", "29", 102574, 48.0459, -4.0852),
    ("200068989", "CA Dinan Agglomération", "22", 104442, 48.4412, -2.1497),
    ("200069086", "CC Leff Armor Communauté", "22", 32064, 48.5716, -2.9953),
    ("200069391", "CA Lamballe Terre et Mer", "22", 69087, 48.4314, -2.4723),
    ("200069409", "CA Saint-Brieuc Armor Agglomération", "22", 154023, 48.4524, -2.832),
    ("200070662", "CC Bretagne Porte de Loire Communauté", "35", 32801, 47.8282, -1.6536),
    ("200070670", "CC du Pays de Dol et de la Baie du Mont Saint-Michel", "35", 23907, 48.5404, -1.6635),
    ("200070688", "CC Couesnon Marches de Bretagne", "35", 21947, 48.4114, -1.4412),
    ("200072452", "CA Fougères Agglomération", "35", 56226, 48.3778, -1.2078),
    ("200096675", "CC Baud Communauté", "56", 16419, 47.9265, -3.012),
    ("200096683", "CC Centre Morbihan Communauté", "56", 27003, 47.8928, -2.7708),
    ("242200715", "CC du Kreiz-Breizh (CCKB)", "22", 18400, 48.2711, -3.2707),
    ("242900074", "CC du Pays d'Iroise", "29", 50017, 48.4497, -4.6797),
    ("242900314", "Brest Métropole", "29", 213403, 48.3997, -4.4705),
    ("242900553", "CC du Pays des Abers", "29", 42029, 48.5371, -4.4911),
    ("242900561", "CC de Haute Cornouaille", "29", 14917, 48.1844, -3.7944),
    ("242900629", "CC Cap Sizun - Pointe du Raz", "29", 15313, 48.043, -4.5311),
    ("242900645", "CC Douarnenez Communauté", "29", 18412, 48.068, -4.3321),
    ("242900660", "CC du Pays Fouesnantais", "29", 29273, 47.9086, -4.0353),
    ("242900694", "CA Quimperlé Communauté", "29", 56977, 47.9152, -3.6176),
    ("242900702", "CC du Pays Bigouden Sud", "29", 38259, 47.8507, -4.2519),
    ("242900710", "CC du Haut Pays Bigouden", "29", 18622, 47.9578, -4.3164),
    ("242900744", "CC Poher Communauté", "29", 15416, 48.2795, -3.6),
    ("242900751", "CC du Pays de Landivisiau", "29", 33667, 48.4991, -4.0613),
    ("242900769", "CA Concarneau Cornouaille Agglomération", "29", 52012, 47.9255, -3.8499),
    ("242900793", "CC Communauté Lesneven Côte des Légendes", "29", 27619, 48.5847, -4.3383),
    ("242900801", "CA du Pays de Landerneau-Daoulas", "29", 49868, 48.4015, -4.2108),
    ("242900835", "CA Morlaix Communauté", "29", 65507, 48.556, -3.7839),
    ("243500139", "Rennes Métropole", "35", 473973, 48.1081, -1.7113),
    ("243500550", "CC Montfort Communauté", "35", 26422, 48.1364, -1.9743),
    ("243500618", "CC Brocéliande Communauté", "35", 18987, 48.0222, -2.0628),
    ("243500634", "CC Roche aux Fées Communauté", "35", 27025, 47.8995, -1.3947),
    ("243500659", "CC Pays de Châteaugiron Communauté", "35", 27986, 48.059, -1.4726),
    ("243500667", "CC Val d'Ille-Aubigné", "35", 38971, 48.2798, -1.6462),
    ("243500725", "CC Côte d'Emeraude", "35", 28799, 48.5972, -2.0774),
    ("243500733", "CC Bretagne Romantique", "35", 36515, 48.3874, -1.8024),
    ("243500741", "CA Redon Agglomération", "35", 67121, 47.7132, -2.0621),
    ("243500774", "CC Liffré-Cormier Communauté", "35", 28241, 48.223, -1.455),
    ("243500782", "CA du Pays de Saint Malo Agglomération", "35", 86484, 48.5953, -1.9024),
    ("245600440", "CC Blavet Bellevue Océan", "56", 18567, 47.7347, -3.2295),
    ("245600465", "CC de Belle Ile en Mer", "56", 5594, 47.3272, -3.1772),
    ("245614383", "CC Questembert Communauté", "56", 24396, 47.681, -2.4058),
    ("245614417", "CC Roi Morvan Communauté", "56", 25059, 48.0729, -3.4443),
    ("245614433", "CC Pontivy Communauté", "56", 46032, 48.0791, -2.9233),
)
# (code, nom, EPCI SIREN, population, latitude, longitude): préfectures, sous-préfectures,
# towns over 10,000 inhabitants, the main town of every EPCI and a few villages.
COMMUNES = (
    ("22047", "Corlay", "200067460", 914, 48.31, -3.0377),
    ("22050", "Dinan", "200068989", 14764, 48.4462, -2.0512),
    ("22070", "Guingamp", "200067981", 7111, 48.5605, -3.1534),
    ("22093", "Lamballe-Armor", "200069391", 17241, 48.465, -2.5098),
    ("22113", "Lannion", "200065928", 20315, 48.7434, -3.4624),
    ("22136", "Loudéac", "200067460", 9987, 48.1743, -2.7508),
    ("22162", "Paimpol", "200067981", 7341, 48.7735, -3.0547),
    ("22168", "Perros-Guirec", "200065928", 7336, 48.8116, -3.4673),
    ("22187", "Plérin", "200069409", 14425, 48.5439, -2.7696),
    ("22215", "Ploufragan", "200069409", 11507, 48.4872, -2.8082),
    ("22218", "Plougrescant", "200065928", 1242, 48.84, -3.2398),
    ("22222", "Plouha", "200069086", 4634, 48.682, -2.9314),
    ("22266", "Rostrenen", "242200715", 3282, 48.2213, -3.3116),
    ("22278", "Saint-Brieuc", "200069409", 44364, 48.5149, -2.763),
    ("22321", "Saint-Nicolas-du-Pélem", "242200715", 1523, 48.3228, -3.1644),
    ("22362", "Tréguier", "200065928", 2294, 48.7843, -3.2322),
    ("29016", "Brasparts", "200067197", 1067, 48.3194, -3.9503),
    ("29019", "Brest", "242900314", 142346, 48.4003, -4.5026),
    ("29024", "Carhaix-Plouguer", "242900744", 7412, 48.2688, -3.5662),
    ("29026", "Châteaulin", "200067247", 5085, 48.2029, -4.0737),
    ("29027", "Châteauneuf-du-Faou", "242900561", 3651, 48.1888, -3.8208),
    ("29039", "Concarneau", "242900769", 20845, 47.8962, -3.9074),
    ("29042", "Crozon", "200066868", 7499, 48.2448, -4.4917),
    ("29046", "Douarnenez", "242900645", 14068, 48.0801, -4.3279),
    ("29058", "Fouesnant", "242900660", 10436, 47.8735, -4.0168),
    ("29075", "Guipavas", "242900314", 15538, 48.4306, -4.3965),
    ("29081", "Huelgoat", "200067197", 1440, 48.3616, -3.7586),
    ("29103", "Landerneau", "242900801", 16363, 48.451, -4.2641),
    ("29105", "Landivisiau", "242900751", 9426, 48.5165, -4.0608),
    ("29124", "Lesneven", "242900793", 7566, 48.5799, -4.3131),
    ("29134", "Locronan", "200068120", 829, 48.098, -4.213),
    ("29151", "Morlaix", "242900835", 15194, 48.5999, -3.8202),
    ("29160", "Plabennec", "242900553", 8686, 48.4936, -4.4195),
    ("29174", "Plonéour-Lanvern", "242900710", 6452, 47.9086, -4.2651),
    ("29189", "Plougastel-Daoulas", "242900314", 13434, 48.3603, -4.3825),
    ("29197", "Plouhinec", "242900629", 3919, 48.0139, -4.485),
    ("29212", "Plouzané", "242900314", 13567, 48.3776, -4.5991),
    ("29217", "Pont-Aven", "242900769", 2777, 47.8721, -3.7658),
    ("29220", "Pont-l'Abbé", "242900702", 8484, 47.8651, -4.2169),
    ("29232", "Quimper", "200068120", 64385, 47.9969, -4.091),
    ("29233", "Quimperlé", "242900694", 12469, 47.8563, -3.5556),
    ("29234", "Rédené", "242900694", 3043, 47.8553, -3.487),
    ("29235", "Le Relecq-Kerhuon", "242900314", 11897, 48.4031, -4.4012),
    ("29259", "Saint-Pol-de-Léon", "200067072", 6941, 48.6726, -3.9889),
    ("29260", "Saint-Renan", "242900074", 8577, 48.426, -4.6241),
    ("35012", "Bain-de-Bretagne", "200070662", 7674, 47.8303, -1.6762),
    ("35022", "Bécherel", "243500139", 677, 48.2962, -1.9428),
    ("35024", "Betton", "243500139", 12964, 48.1812, -1.6465),
    ("35037", "Bréal-sous-Montfort", "243500618", 6391, 48.0447, -1.8656),
    ("35047", "Bruz", "243500139", 19683, 48.0259, -1.7484),
    ("35051", "Cesson-Sévigné", "243500139", 18761, 48.1204, -1.5972),
    ("35055", "Chantepie", "243500139", 10670, 48.0819, -1.6039),
    ("35069", "Châteaugiron", "243500659", 10845, 48.0489, -1.4746),
    ("35085", "Combourg", "243500733", 6411, 48.4087, -1.7453),
    ("35093", "Dinard", "243500725", 10772, 48.6246, -2.0621),
    ("35095", "Dol-de-Bretagne", "200070670", 5829, 48.5366, -1.742),
    ("35115", "Fougères", "200072452", 20307, 48.3528, -1.1945),
    ("35126", "Guichen", "200043990", 9412, 47.9653, -1.7902),
    ("35130", "Hédé-Bazouges", "243500733", 2267, 48.3021, -1.7777),
    ("35131", "L'Hermitage", "243500139", 4730, 48.1221, -1.8164),
    ("35136", "Janzé", "243500634", 8649, 47.9428, -1.5008),
    ("35152", "Liffré", "243500774", 9339, 48.2041, -1.5143),
    ("35173", "Melesse", "243500667", 7541, 48.2193, -1.6897),
    ("35184", "Montauban-de-Bretagne", "200038990", 6597, 48.2029, -2.0653),
    ("35188", "Montfort-sur-Meu", "243500550", 6810, 48.1261, -1.964),
    ("35210", "Pacé", "243500139", 11703, 48.1526, -1.7772),
    ("35211", "Paimpont", "243500618", 1772, 48.0303, -2.1734),
    ("35219", "Pipriac", "243500741", 3859, 47.8113, -1.9373),
    ("35236", "Redon", "243500741", 9542, 47.6611, -2.0803),
    ("35238", "Rennes", "243500139", 230890, 48.1116, -1.6819),
    ("35257", "Maen Roch", "200070688", 5088, 48.4006, -1.3457),
    ("35281", "Saint-Jacques-de-la-Lande", "243500139", 13800, 48.076, -1.7226),
    ("35288", "Saint-Malo", "243500782", 47439, 48.6399, -1.9809),
    ("35333", "Le Theil-de-Bretagne", "243500634", 1731, 47.9179, -1.4218),
    ("35360", "Vitré", "200039022", 19365, 48.1141, -1.1935),
    ("56007", "Auray", "200043123", 14207, 47.6674, -2.9905),
    ("56010", "Baud", "200096675", 6367, 47.8754, -3.0307),
    ("56057", "Le Faouët", "245614417", 2814, 48.0487, -3.5089),
    ("56066", "Gourin", "245614417", 3960, 48.1365, -3.6041),
    ("56069", "Groix", "200042174", 2310, 47.6372, -3.4647),
    ("56075", "Guer", "200066785", 6208, 47.9078, -2.1292),
    ("56078", "Guidel", "200042174", 12338, 47.794, -3.4919),
    ("56083", "Hennebont", "200042174", 15910, 47.8075, -3.2703),
    ("56091", "Josselin", "200066777", 2584, 47.954, -2.5479),
    ("56094", "Kervignac", "245600440", 7204, 47.7687, -3.2478),
    ("56098", "Lanester", "200042174", 23263, 47.7692, -3.3271),
    ("56117", "Locminé", "200096683", 4773, 47.8801, -2.8374),
    ("56121", "Lorient", "200042174", 58329, 47.7505, -3.379),
    ("56143", "Muzillac", "200027027", 5089, 47.555, -2.4736),
    ("56152", "Le Palais", "245600465", 2599, 47.3427, -3.1708),
    ("56162", "Ploemeur", "200042174", 18872, 47.7324, -3.4422),
    ("56165", "Ploërmel", "200066777", 10163, 47.922, -2.3832),
    ("56178", "Pontivy", "245614433", 14640, 48.0731, -2.9705),
    ("56179", "Pont-Scorff", "200042174", 4037, 47.8395, -3.4199),
    ("56184", "Questembert", "245614383", 8133, 47.6639, -2.4365),
    ("56196", "Rochefort-en-Terre", "245614383", 647, 47.6989, -2.3445),
    ("56206", "Saint-Avé", "200067932", 12470, 47.6986, -2.7418),
    ("56241", "Sauzon", "245600465", 1036, 47.3541, -3.2309),
    ("56260", "Vannes", "200067932", 55790, 47.66, -2.7568),
)

# ── Indicator catalogue ──────────────────────────────────────────────────────────────────
CRESS = f"CRESS Bretagne, observatoire régional de l'ESS ({DEMO})"
INSEE_RP = f"INSEE, recensement de la population ({DEMO})"
DECHETS = f"Observatoire régional des déchets de Bretagne ({DEMO})"


class Indicator(NamedTuple):
    code: str
    libelle: str
    theme: str
    unite: str
    description: str
    source: str
    sens: str = "neutre"
    agregation: str = "somme"
    numerateur: str = ""
    denominateur: str = ""
    secret_seuil: int = 0


# The demo's headlines (`a_la_une`): ranks 1-4 are the overview's key figures (one per story,
# ESS jobs for context), then each theme page's own, in the order the page shows them.
HEADLINE_RANKS = {
    "part_emplois_ess": 1, "part_femmes_dirigeantes_ess": 2, "taux_neet_16_25": 3,
    "part_dechets_reemployes": 4, "part_creations_femmes": 5, "ecart_salaire_femmes_hommes": 6,
    "taux_chomage_15_24": 7, "volontaires_service_civique": 8,
    "emplois_economie_circulaire": 9, "structures_reemploi": 10,
}

INDICATORS = (
    Indicator("population", "Population municipale", "contexte", "nombre",
              "Personnes dont la résidence habituelle est dans le territoire.", INSEE_RP),
    Indicator("emplois_salaries", "Emplois salariés (tous secteurs)", "contexte", "nombre",
              "Postes salariés au 31 décembre, au lieu de travail.",
              f"INSEE, Flores ({DEMO})"),
    Indicator("emplois_ess", "Emplois salariés de l'économie sociale et solidaire", "contexte",
              "nombre", "Postes salariés des associations, coopératives, mutuelles et "
              "fondations, au lieu de travail.", CRESS, "hausse_favorable"),
    Indicator("revenu_median", "Revenu disponible médian par unité de consommation", "contexte",
              "euros", "Revenu annuel médian après impôts et prestations, par unité de "
              "consommation.", f"INSEE, Filosofi ({DEMO})", "hausse_favorable", "aucune"),
    Indicator("etablissements_ess", "Établissements employeurs de l'ESS", "innovation_sociale",
              "nombre", "Établissements de l'ESS ayant au moins un salarié.", CRESS,
              "hausse_favorable"),
    Indicator("part_emplois_ess", "Part de l'ESS dans l'emploi salarié", "innovation_sociale",
              "pourcentage", "Emplois salariés de l'ESS rapportés à l'ensemble des emplois "
              "salariés.", CRESS, "hausse_favorable", "ratio", "emplois_ess", "emplois_salaries"),
    Indicator("entreprises_esus", "Entreprises agréées ESUS", "innovation_sociale", "nombre",
              "Entreprises titulaires de l'agrément « entreprise solidaire d'utilité sociale ».",
              f"DREETS Bretagne ({DEMO})", "hausse_favorable"),
    Indicator("projets_innovation_sociale", "Projets d'innovation sociale accompagnés",
              "innovation_sociale", "nombre", "Projets soutenus par le dispositif régional "
              "d'appui à l'innovation sociale, créé en 2018.",
              f"Région Bretagne ({DEMO})", "hausse_favorable"),
    Indicator("aides_innovation_sociale", "Aides publiques à l'innovation sociale",
              "innovation_sociale", "euros", "Montant des aides attribuées aux projets "
              "d'innovation sociale accompagnés.", f"Région Bretagne ({DEMO})",
              "hausse_favorable"),
    Indicator("salaire_median_ess", "Salaire net mensuel médian dans l'ESS",
              "innovation_sociale", "euros", "Salaire net mensuel médian en équivalent temps "
              "plein des salariés de l'ESS.", CRESS, "hausse_favorable", "aucune"),
    Indicator("dirigeants_ess", "Dirigeants et dirigeantes de l'ESS", "genre", "nombre",
              "Présidences et directions des établissements employeurs de l'ESS.", CRESS),
    Indicator("dirigeantes_ess", "Femmes dirigeantes de l'ESS", "genre", "nombre",
              "Présidences et directions exercées par des femmes.", CRESS,
              "hausse_favorable", secret_seuil=5),
    Indicator("part_femmes_dirigeantes_ess", "Part des femmes parmi les dirigeants de l'ESS",
              "genre", "pourcentage", "Femmes dirigeantes rapportées à l'ensemble des "
              "dirigeants de l'ESS.", CRESS, "hausse_favorable", "ratio", "dirigeantes_ess",
              "dirigeants_ess", 5),
    Indicator("creations_entreprises", "Créations d'entreprises", "genre", "nombre",
              "Entreprises créées dans l'année, micro-entreprises comprises.",
              f"INSEE, Sirene ({DEMO})", "hausse_favorable"),
    Indicator("creations_par_femmes", "Créations d'entreprises par des femmes", "genre",
              "nombre", "Entreprises individuelles créées par des femmes dans l'année.",
              f"INSEE, Sirene ({DEMO})", "hausse_favorable", secret_seuil=5),
    Indicator("part_creations_femmes", "Part des entreprises créées par des femmes", "genre",
              "pourcentage", "Créations par des femmes rapportées à l'ensemble des créations.",
              f"INSEE, Sirene ({DEMO})", "hausse_favorable", "ratio", "creations_par_femmes",
              "creations_entreprises", 5),
    Indicator("ecart_salaire_femmes_hommes", "Écart de salaire horaire entre femmes et hommes",
              "genre", "pourcentage", "Écart du salaire horaire net moyen des femmes à celui "
              "des hommes, en % du salaire des hommes.", f"INSEE, base Tous salariés ({DEMO})",
              "baisse_favorable", "aucune"),
    Indicator("jeunes_16_25", "Jeunes de 16 à 25 ans", "jeunesse", "nombre",
              "Population âgée de 16 à 25 ans.", INSEE_RP),
    Indicator("neet_16_25", "Jeunes ni en emploi, ni en études, ni en formation (NEET)",
              "jeunesse", "nombre", "Jeunes de 16 à 25 ans sans emploi et hors de tout "
              "parcours d'études ou de formation.", INSEE_RP, "baisse_favorable", secret_seuil=11),
    Indicator("taux_neet_16_25", "Taux de NEET des 16-25 ans", "jeunesse", "pourcentage",
              "Jeunes NEET rapportés à l'ensemble des 16-25 ans.", INSEE_RP, "baisse_favorable",
              "ratio", "neet_16_25", "jeunes_16_25", 11),
    Indicator("jeunes_accompagnes_mission_locale", "Jeunes accompagnés par une mission locale",
              "jeunesse", "nombre", "Jeunes ayant bénéficié d'au moins un entretien dans "
              "l'année.", f"Missions locales de Bretagne ({DEMO})", secret_seuil=5),
    Indicator("volontaires_service_civique", "Volontaires en service civique", "jeunesse",
              "nombre", "Jeunes ayant commencé une mission de service civique dans l'année.",
              f"Agence du service civique ({DEMO})", "hausse_favorable", secret_seuil=5),
    Indicator("taux_chomage_15_24", "Taux de chômage des 15-24 ans", "jeunesse", "pourcentage",
              "Chômeurs de 15 à 24 ans au sens du BIT rapportés aux actifs du même âge.",
              f"INSEE, enquête Emploi ({DEMO})", "baisse_favorable", "aucune"),
    Indicator("dechets_menagers", "Déchets ménagers et assimilés collectés",
              "economie_circulaire", "tonnes", "Ordures ménagères, collectes séparées et "
              "déchèteries.", DECHETS, "baisse_favorable"),
    Indicator("dechets_reemployes", "Déchets détournés vers le réemploi",
              "economie_circulaire", "tonnes", "Objets et matériaux collectés pour le réemploi "
              "ou la réutilisation (ressourceries, recycleries, caissons en déchèterie).",
              DECHETS, "hausse_favorable"),
    Indicator("part_dechets_reemployes", "Part des déchets réemployés ou réutilisés",
              "economie_circulaire", "pourcentage", "Tonnages détournés vers le réemploi "
              "rapportés aux déchets ménagers et assimilés collectés.", DECHETS,
              "hausse_favorable", "ratio", "dechets_reemployes", "dechets_menagers"),
    Indicator("structures_reemploi", "Ressourceries et recycleries", "economie_circulaire",
              "nombre", "Structures de réemploi ouvertes au public.",
              f"Réseau des ressourceries ({DEMO})", "hausse_favorable"),
    Indicator("emplois_economie_circulaire", "Emplois de l'économie circulaire",
              "economie_circulaire", "etp", "Emplois en équivalent temps plein dans la "
              "réparation, le réemploi, la location et le recyclage.",
              f"ADEME ({DEMO})", "hausse_favorable"),
    Indicator("entreprises_reparation", "Entreprises de réparation pour 1 000 établissements",
              "economie_circulaire", "pour_mille", "Établissements de la réparation (biens "
              "domestiques, vélos, électronique) pour 1 000 établissements.",
              f"Chambre de métiers et de l'artisanat de Bretagne ({DEMO})", "hausse_favorable",
              "aucune"),
)

# ── How values are drawn ─────────────────────────────────────────────────────────────────
class Series(NamedTuple):
    """A commune value: parent value × (rate + change × years since 2016), with noise."""

    parent: str
    rate: float
    change: float
    decimals: int = 0
    first_year: int = 2016
    size_effect: float = 0.0  # bigger towns have proportionally more (jobs, students)
    shocks: tuple[tuple[int, float], ...] = ()  # (year, multiplier)


COVID = ((2020, 0.92), (2021, 1.05))
# Computed in this order: a parent comes before its children.
COMMUNE_SERIES = {
    "emplois_salaries": Series("population", 0.33, 0.001, size_effect=0.25, shocks=COVID),
    "emplois_ess": Series("emplois_salaries", 0.135, 0.0008),
    "etablissements_ess": Series("emplois_ess", 0.085, 0.0),
    "entreprises_esus": Series("etablissements_ess", 0.05, 0.005),
    "projets_innovation_sociale": Series("population", 0.0001, 0.000008, first_year=2018),
    "aides_innovation_sociale": Series("projets_innovation_sociale", 12000, 600, -2, 2018),
    "dirigeants_ess": Series("etablissements_ess", 1.0, 0.0),
    "dirigeantes_ess": Series("dirigeants_ess", 0.37, 0.006),
    "creations_entreprises": Series("population", 0.0062, 0.0002, shocks=COVID),
    "creations_par_femmes": Series("creations_entreprises", 0.36, 0.004),
    "jeunes_16_25": Series("population", 0.105, -0.0004, size_effect=0.15),
    "neet_16_25": Series("jeunes_16_25", 0.125, -0.0025, shocks=((2020, 1.08),)),
    "jeunes_accompagnes_mission_locale": Series("jeunes_16_25", 0.07, 0.001),
    "volontaires_service_civique": Series("jeunes_16_25", 0.006, 0.0009),
    "dechets_menagers": Series("population", 0.6, -0.006, 1),
    "dechets_reemployes": Series("dechets_menagers", 0.008, 0.0017, 1),
    "structures_reemploi": Series("population", 0.00004, 0.000004),
    "emplois_economie_circulaire": Series("population", 0.0042, 0.00012, 1),
}


class RegionalSeries(NamedTuple):
    """A value stored for the région and each département (not aggregable)."""

    base: float  # région, 2016
    change: float  # per year
    offsets: tuple[float, float, float, float]  # départements 22, 29, 35, 56
    decimals: int
    noise: float
    shocks: tuple[tuple[int, float], ...] = ()  # (year, amount added)


REGIONAL_SERIES = {
    "revenu_median": RegionalSeries(20900, 330, (-900, -300, 900, -200), -1, 60),
    "salaire_median_ess": RegionalSeries(1790, 28, (-40, -10, 60, -20), 0, 8),
    "ecart_salaire_femmes_hommes": RegionalSeries(16.8, -0.35, (-1.2, -0.4, 1.1, -0.3), 1, 0.2),
    "taux_chomage_15_24": RegionalSeries(21.5, -0.7, (0.8, 0.3, -1.4, 0.9), 1, 0.3,
                                         ((2020, 2.2), (2021, 1.0))),
    "entreprises_reparation": RegionalSeries(8.4, 0.18, (0.3, -0.2, 0.4, -0.5), 1, 0.1),
}

# Partial coverage: (indicator, commune) → years without a row.
GAPS = {
    ("neet_16_25", "56241"): YEARS,
    ("neet_16_25", "29134"): range(2016, 2019),
    ("dechets_reemployes", "22218"): range(2016, 2018),
    ("volontaires_service_civique", "35022"): YEARS,
    ("creations_par_femmes", "56196"): range(2016, 2020),
    ("emplois_economie_circulaire", "29016"): YEARS,
    ("dirigeantes_ess", "22321"): (2019,),
}
# Rows present with an empty value: (indicator, commune, year).
NOT_AVAILABLE = {
    ("emplois_ess", "22047", 2020),
    ("dechets_menagers", "56152", 2019),
    ("jeunes_accompagnes_mission_locale", "29081", 2021),
}
ESTIMATED_SHARE = 0.005

# ── Initiatives ──────────────────────────────────────────────────────────────────────────
INITIATIVE_COUNT = 320
REAL_NOTE = "Structure réelle citée à titre d'exemple (chiffres non renseignés). "
FICTIVE_NOTE = f"Initiative fictive ({DEMO}). "
# Real, well-known structures in their real town:
# (nom, commune, thématique, porteur, forme, publics, économie circulaire, stade, création, texte)
REAL_INITIATIVES = (
    ("Repair Café de Rennes", "35238", "reemploi_economie_circulaire",
     "Association Les Trois Maisons", "association", "tous", True, "consolidation", None,
     "Rendez-vous mensuel où des bénévoles aident les habitants à réparer leurs objets."),
    ("Repair Café de Vitré", "35360", "reemploi_economie_circulaire", "Association Sel'Est",
     "association", "tous", True, "consolidation", 2019,
     "Séances saisonnières de réparation collective avec le centre social."),
    ("Repair Café de Bain-de-Bretagne", "35012", "reemploi_economie_circulaire",
     "Association Repair Café de Bain-de-Bretagne", "association", "tous", True,
     "experimentation", 2024, "Ateliers mensuels de réparation d'objets du quotidien."),
    ("Envie 35", "35238", "reemploi_economie_circulaire", "Ressources T", "scic",
     "demandeurs_emploi", True, "essaimage", 1994,
     "Entreprise d'insertion qui rénove et revend avec garantie de l'électroménager."),
    ("La Belle Déchette", "35238", "reemploi_economie_circulaire",
     "Association La Belle Déchette", "association", "tous", True, "consolidation", None,
     "Ressourcerie : collecte, tri, valorisation et vente d'objets de seconde main."),
    ("L'équipière", "35238", "reemploi_economie_circulaire", "L'équipière", "association",
     "tous", True, "consolidation", None,
     "Ressourcerie sportive : équipements de sport de seconde main à petit prix."),
    ("L'Échappée Benne", "35131", "reemploi_economie_circulaire", "L'Échappée Benne",
     "association", "tous", True, "consolidation", None,
     "Recyclerie installée dans l'ancienne gare de L'Hermitage."),
    ("Tézéa", "35219", "emploi_insertion", "Tézéa", "autre", "demandeurs_emploi", False,
     "consolidation", 2016, "Entreprise à but d'emploi de l'expérimentation « Territoires "
     "zéro chômeur de longue durée » à Pipriac et Saint-Ganton."),
    ("Communauté Emmaüs de Hédé-Bazouges", "35130", "solidarite_lien_social",
     "Communauté Emmaüs de Rennes-Hédé", "association", "tous", True, "consolidation", 1973,
     "Communauté de compagnons vivant de la récupération et de la vente d'objets donnés."),
    ("Communauté Emmaüs de Fougères", "35115", "solidarite_lien_social",
     "Association Emmaüs de Fougères", "association", "tous", True, "consolidation", 1976,
     "Accueil de compagnons, chantiers d'insertion de tri textile et de recyclerie."),
    ("Communauté Emmaüs de Rédené", "29234", "solidarite_lien_social",
     "Communauté Emmaüs de Rédené", "association", "tous", True, "consolidation", None,
     "Communauté de compagnons vivant de la récupération et de la vente d'objets donnés."),
    ("Emmaüs Brest-Morlaix-Plougastel", "29235", "solidarite_lien_social",
     "Communauté Emmaüs de Brest-Morlaix-Plougastel", "association", "tous", True, "consolidation", None,
     "Communauté de compagnons et dépôts-ventes dans le nord du Finistère."),
    ("Les Maraîchers de la Coudraie", "29232", "alimentation",
     "Les Maraîchers de la Coudraie (Jardin de Cocagne)", "association", "demandeurs_emploi",
     False, "consolidation", 2012,
     "Jardin de Cocagne : maraîchage biologique d'insertion, paniers et vente directe."),
    ("Jardins de Cocagne d'Optim Services", "56179", "alimentation", "Optim Services",
     "association", "demandeurs_emploi", False, "consolidation", 2004,
     "Jardins de Cocagne du pays de Lorient : maraîchage biologique d'insertion."),
    ("Jardin de Cocagne du Relais pour l'emploi", "35333", "alimentation",
     "Le Relais pour l'emploi", "association", "demandeurs_emploi|femmes", False,
     "consolidation", None, "Jardin d'insertion biologique du réseau Cocagne."),
    ("TAg35", "35238", "autre", "TAg35, propulseur d'entrepreneuriat collectif", "autre",
     "tous", False, "essaimage", None,
     "Accompagnement de projets d'entrepreneuriat collectif de l'ESS."),
)

# Invented initiatives, one of each kind per town at most:
# (thématique, nom, texte, formes juridiques, publics, économie circulaire)
KINDS = (
    ("alimentation", "Épicerie solidaire", "Épicerie à prix réduits et lieu d'accueil pour les "
     "ménages modestes.", ("association",), ("familles",), False),
    ("alimentation", "Cuisine partagée", "Repas cuisinés ensemble à partir d'invendus.",
     ("association", "scic"), ("seniors", "familles"), True),
    ("alimentation", "Légumerie d'insertion", "Légumes locaux préparés pour la restauration "
     "collective.", ("association", "scic"), ("demandeurs_emploi",), False),
    ("mobilite", "Atelier vélo participatif", "Apprendre à réparer son vélo, vente de vélos "
     "reconditionnés.", ("association",), ("tous",), True),
    ("mobilite", "Garage solidaire", "Réparation automobile à coût réduit pour les personnes "
     "en insertion.", ("association", "scic"), ("demandeurs_emploi",), True),
    ("mobilite", "Transport solidaire", "Chauffeurs bénévoles pour les trajets du quotidien.",
     ("association",), ("seniors", "personnes_handicap"), False),
    ("logement", "Habitat intergénérationnel", "Des seniors logent des jeunes en formation.",
     ("association",), ("seniors", "jeunes"), False),
    ("logement", "Habitat participatif", "Un immeuble conçu et géré par ses habitants.",
     ("cooperative", "scic"), ("familles",), False),
    ("logement", "Auto-réhabilitation accompagnée", "Des ménages modestes rénovent leur "
     "logement avec un encadrant.", ("association",), ("familles",), True),
    ("sante", "Centre de santé participatif", "Soins de premier recours et actions de "
     "prévention décidées avec les habitants.", ("association", "mutuelle"),
     ("tous",), False),
    ("sante", "Groupe d'entraide mutuelle", "Lieu d'accueil géré par et pour des personnes en "
     "souffrance psychique.", ("association",), ("personnes_handicap",), False),
    ("sante", "Prévention santé itinérante", "Permanences mobiles de prévention dans les "
     "bourgs.", ("mutuelle", "association"), ("seniors",), False),
    ("emploi_insertion", "Chantier d'insertion nature", "Entretien d'espaces naturels par des "
     "salariés en insertion.", ("association",), ("demandeurs_emploi",), False),
    ("emploi_insertion", "Couveuse d'entreprises au féminin", "Test d'activité et "
     "accompagnement de créatrices.", ("cooperative", "association"),
     ("femmes", "demandeurs_emploi"), False),
    ("emploi_insertion", "Coopérative d'activité et d'emploi", "Entrepreneurs salariés qui "
     "mutualisent leur gestion.", ("scop", "cooperative"), ("demandeurs_emploi",), False),
    ("education_formation", "Atelier sociolinguistique", "Français et vie locale pour les "
     "personnes nouvellement arrivées.", ("association",), ("personnes_migrantes",), False),
    ("education_formation", "Fablab éducatif", "Fabrication numérique et projets techniques "
     "pour les jeunes.", ("association", "collectivite"), ("jeunes",), False),
    ("education_formation", "Soutien scolaire solidaire", "Aide aux devoirs par des "
     "bénévoles.", ("association",), ("jeunes", "familles"), False),
    ("culture", "Tiers-lieu culturel", "Spectacles, ateliers et café associatif.",
     ("association", "scic"), ("tous",), False),
    ("culture", "Café-librairie associatif", "Livres d'occasion, lectures et rencontres.",
     ("association", "scic"), ("tous",), True),
    ("culture", "Résidence d'artistes en milieu rural", "Artistes accueillis pour créer avec "
     "les habitants.", ("association", "collectivite"), ("jeunes",), False),
    ("environnement_energie", "Centrale solaire citoyenne", "Panneaux photovoltaïques "
     "financés par les habitants.", ("scic", "cooperative"), ("tous",), False),
    ("environnement_energie", "Défi familles sobriété énergétique", "Accompagnement des "
     "ménages pour réduire leurs factures.", ("association",), ("familles",), False),
    ("environnement_energie", "Jardin partagé et compostage collectif", "Parcelles "
     "cultivées ensemble et compost de quartier.", ("association", "collectivite"),
     ("tous",), True),
    ("reemploi_economie_circulaire", "Ressourcerie", "Collecte, remise en état et vente "
     "d'objets de seconde main.", ("association", "scic"), ("tous",), True),
    ("reemploi_economie_circulaire", "Matériauthèque du bâtiment", "Matériaux de construction "
     "de réemploi collectés et revendus.", ("scic", "association"), ("tous",), True),
    ("reemploi_economie_circulaire", "Atelier couture et upcycling", "Vêtements réparés et "
     "textiles transformés.", ("association",), ("femmes",), True),
    ("solidarite_lien_social", "Réseau de voisinage solidaire", "Entraide entre voisins et "
     "visites aux personnes isolées.", ("association",), ("seniors",), False),
    ("solidarite_lien_social", "Halte-répit pour les aidants", "Accueil ponctuel des personnes "
     "aidées pour soulager leurs proches.", ("association", "mutuelle"),
     ("seniors", "familles"), False),
    ("solidarite_lien_social", "Accueil de jour solidaire", "Accueil, douche et "
     "accompagnement des personnes sans domicile.", ("association", "fondation"),
     ("tous",), False),
    ("numerique", "Médiation numérique itinérante", "Aide aux démarches en ligne dans les "
     "mairies et médiathèques.", ("association", "collectivite"), ("seniors",), False),
    ("numerique", "Reconditionnement informatique solidaire", "Ordinateurs remis en état et "
     "vendus à petit prix.", ("entreprise_esus", "association"),
     ("demandeurs_emploi", "familles"), True),
    ("numerique", "École du code", "Formation au développement informatique.",
     ("association",), ("jeunes", "femmes", "demandeurs_emploi"), False),
    ("autre", "Conciergerie solidaire", "Services aux salariés d'une zone d'activités, "
     "assurés par des personnes en insertion.", ("entreprise_esus", "association"),
     ("demandeurs_emploi",), False),
    ("autre", "Monnaie locale complémentaire", "Monnaie citoyenne utilisée chez les "
     "commerçants du territoire.", ("association",), ("tous",), False),
    ("autre", "Pôle territorial de coopération économique", "Entreprises et associations qui "
     "coopèrent sur un projet de territoire.", ("scic", "association"), ("tous",), False),
)
STRUCTURE_NAMES = (
    "Les Mains Vertes", "Le Fil Solidaire", "Horizons Partagés", "L'Établi Commun",
    "Le Pas de Côté", "Roue Libre", "Les Voisins d'Abord", "Cap Entraide", "La Boussole",
    "Le Grenier Partagé", "Les Racines", "L'Escale", "Mosaïque", "Passerelles", "La Navette",
    "Le Petit Atelier", "Les Semeurs", "L'Archipel", "La Clé des Champs", "Ensemble Demain",
    "Le Trait d'Union", "La Fabrique Commune", "Les Ricochets", "L'Envol", "Les Maillons",
    "La Marée Solidaire",
)
FORM_PREFIXES = {
    "association": "Association", "cooperative": "Coopérative", "scop": "SCOP", "scic": "SCIC",
    "mutuelle": "Mutuelle", "fondation": "Fondation", "entreprise_esus": "Entreprise solidaire",
    "collectivite": "Régie", "autre": "Collectif",
}
# stade → (years of creation, ETP range, volunteers range, beneficiaries range)
STAGE_PROFILES = {
    "emergence": ((2022, 2024), (0.0, 1.5), (2, 15), (10, 150)),
    "experimentation": ((2018, 2023), (0.5, 4.0), (3, 30), (30, 600)),
    "consolidation": ((2006, 2020), (2.0, 15.0), (5, 60), (100, 2500)),
    "essaimage": ((1995, 2016), (5.0, 40.0), (10, 120), (300, 6000)),
}
STAGE_WEIGHTS = (0.2, 0.3, 0.35, 0.15)
# Share of invented initiatives of each stage that have stopped (experiments stop most), the
# last year one may have stopped in, and the share that leave each impact field blank.
STOP_SHARES = {"emergence": 0.10, "experimentation": 0.25, "consolidation": 0.15,
               "essaimage": 0.05}
LAST_STOP_YEAR = 2025
BLANK_SHARES = {"emplois_etp": 0.15, "benevoles": 0.25, "beneficiaires": 0.35}


# ── Building the rows ────────────────────────────────────────────────────────────────────
def draw(key: str) -> random.Random:
    """Return a random stream of its own for `key` (string seeds are stable across runs)."""
    return random.Random(f"{SEED}:{key}")


def territory(code, niveau, nom, region, departement, epci, population, lat, lon) -> dict:
    """Return one territoires row."""
    return {"code": code, "niveau": niveau, "nom": nom, "region": region,
            "departement": departement, "epci": epci, "population": population,
            "latitude": lat, "longitude": lon}


def territory_rows() -> list[dict]:
    """Return the territoires rows: the région, its départements, EPCIs and communes."""
    region, name, population, lat, lon = REGION
    return (
        [territory(region, "region", name, "", "", "", population, lat, lon)]
        + [territory(code, "departement", name, region, "", "", population, lat, lon)
           for code, name, population, lat, lon in DEPARTEMENTS]
        + [territory(code, "epci", name, region, departement, "", population, lat, lon)
           for code, name, departement, population, lat, lon in EPCIS]
        + [territory(code, "commune", name, region, code[:2], epci, population, lat, lon)
           for code, name, epci, population, lat, lon in COMMUNES]
    )


def indicator_rows() -> list[dict]:
    """Return the indicateurs rows (the catalogue)."""
    return [{**indicator._asdict(), "a_la_une": HEADLINE_RANKS.get(indicator.code, "")}
            for indicator in INDICATORS]


def size_factor(population: int, effect: float) -> float:
    """Return the multiplier of a rate for a town of `population` (1 at 10,000 inhabitants)."""
    return min(1.5, max(0.6, 1 + effect * math.log10(population / 10000)))


def rounded(value: float, decimals: int) -> float | int:
    """Return `value` rounded to `decimals` (an int when decimals ≤ 0)."""
    return round(value, decimals) if decimals > 0 else int(round(value, decimals))


def commune_values() -> dict[tuple[str, str, int], float | int]:
    """Return every commune value by (indicator, commune, year), before gaps are applied."""
    values = {}
    for code, _, _, population, _, _ in COMMUNES:
        growth = draw(f"population:{code}").uniform(-0.004, 0.012)
        for year in YEARS:
            values["population", code, year] = round(population * (1 + growth) ** (year - 2021))
        for indicator, series in COMMUNE_SERIES.items():
            rng = draw(f"{indicator}:{code}")
            profile = rng.uniform(0.8, 1.2) * size_factor(population, series.size_effect)
            for year in YEARS:
                noise = rng.gauss(1, 0.03)  # drawn every year so a series keeps its stream
                if year < series.first_year:
                    continue
                parent = values[series.parent, code, year]
                rate = series.rate + series.change * (year - YEARS[0])
                value = parent * rate * profile * noise * dict(series.shocks).get(year, 1)
                if series.rate < 1:  # a part never exceeds its whole (ratio components)
                    value = min(value, parent)
                values[indicator, code, year] = rounded(value, series.decimals)
    return values


def formatted(value: float | int | None, decimals: int) -> str:
    """Return `value` as CSV text with a point decimal ("" when missing)."""
    if value is None:
        return ""
    return f"{value:.{decimals}f}" if decimals > 0 else str(int(value))


def observation(indicator: str, territoire: str, year: int, value: str, statut: str,
                note: str = "") -> dict:
    """Return one observations row."""
    return {"indicateur": indicator, "territoire": territoire, "annee": year, "valeur": value,
            "statut": statut, "source": "", "note": note}


def status(year: int) -> str:
    """Return the statut of a value of `year`: the last year is still provisional."""
    return "provisoire" if year == PROVISIONAL_YEAR else "definitif"


def commune_rows(indicator: str, values: dict) -> list[dict]:
    """Return the commune rows of one aggregable indicator, with gaps and statuses."""
    decimals = COMMUNE_SERIES[indicator].decimals if indicator in COMMUNE_SERIES else 0
    rng = draw(f"statut:{indicator}")
    rows = []
    for code, *_ in COMMUNES:
        for year in YEARS:
            estimated = rng.random() < ESTIMATED_SHARE  # drawn first: gaps keep the stream
            if (indicator, code, year) not in values or year in GAPS.get((indicator, code), ()):
                continue
            value = formatted(values[indicator, code, year], decimals)
            statut, note = status(year), ""
            if (indicator, code, year) in NOT_AVAILABLE:
                value, note = "", "Valeur non transmise par le producteur"
            elif estimated and statut == "definitif":
                statut, note = "estime", "Valeur estimée par interpolation"
            rows.append(observation(indicator, code, year, value, statut, note))
    return rows


def regional_rows(indicator: str) -> list[dict]:
    """Return the région and département rows of one non-aggregable indicator."""
    series = REGIONAL_SERIES[indicator]
    rng = draw(f"regional:{indicator}")
    territories = ((REGION[0], 0.0),) + tuple(
        (code, offset) for (code, *_), offset in zip(DEPARTEMENTS, series.offsets, strict=True))
    rows = []
    for code, offset in territories:
        for year in YEARS:
            trend = series.base + series.change * (year - YEARS[0])
            value = trend + dict(series.shocks).get(year, 0) + offset + rng.gauss(0, series.noise)
            rows.append(observation(indicator, code, year,
                                    formatted(rounded(value, series.decimals), series.decimals),
                                    status(year)))
    return rows


def observation_rows() -> list[dict]:
    """Return the observations rows; ratio indicators are left to the engine."""
    values = commune_values()
    rows = []
    for indicator in INDICATORS:
        if indicator.agregation == "somme":
            rows += commune_rows(indicator.code, values)
        elif indicator.agregation == "aucune":
            rows += regional_rows(indicator.code)
    return rows


def of_place(name: str) -> str:
    """Return « de Rennes », « d'Auray », « du Palais »: the French "of" a town name."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    return ("d'" if name[0] in "AEÉIÎOUYH" else "de ") + name


def yes_no(flag: bool | None) -> str:
    """Return the contract's boolean words ("" when unknown)."""
    return "" if flag is None else ("oui" if flag else "non")


def initiative(number: int, **fields) -> dict:
    """Return one initiatives row, blank where a field is not given."""
    row = dict.fromkeys(DATASETS["initiatives"].column_names, "")
    row.update(id=f"DEMO-{number:04d}", **fields)
    return row


def real_initiative(number: int, spec: tuple) -> dict:
    """Return the row of a real structure (no figures: they are not ours to invent)."""
    nom, commune, thematique, porteur, forme, publics, circular, stade, annee, text = spec
    return initiative(number, nom=nom, commune=commune, thematique=thematique,
                      description=REAL_NOTE + text, porteur=porteur, forme_juridique=forme,
                      publics=publics, economie_circulaire=yes_no(circular), stade=stade,
                      annee_creation="" if annee is None else annee)


def invented_initiative(number: int, commune: tuple, kind: tuple, rng: random.Random) -> dict:
    """Return the row of an invented initiative of `kind` in `commune`."""
    code, name, _, _, lat, lon = commune
    thematique, label, text, forms, publics, circular = kind
    stade = rng.choices(tuple(STAGE_PROFILES), STAGE_WEIGHTS)[0]
    years, etp, volunteers, beneficiaries = STAGE_PROFILES[stade]
    forme = rng.choice(forms)
    if "tous" not in publics and rng.random() < 0.25:
        publics = (*publics, rng.choice([p for p in PUBLICS if p != "tous" and p not in publics]))
    located = rng.random() < 0.85
    return initiative(
        number, nom=f"{label} {of_place(name)}", commune=code, thematique=thematique,
        description=FICTIVE_NOTE + text,
        porteur=f"{FORM_PREFIXES[forme]} {rng.choice(STRUCTURE_NAMES)}",
        forme_juridique=forme, publics="|".join(publics),
        economie_circulaire=yes_no(circular or rng.random() < 0.08),
        portee_par_une_femme=yes_no(rng.random() < 0.5), stade=stade,
        annee_creation=rng.randint(*years),
        emplois_etp=formatted(rng.uniform(*etp), 1), benevoles=rng.randint(*volunteers),
        beneficiaires=rng.randint(*beneficiaries),
        latitude=formatted(lat + rng.uniform(-0.004, 0.004), 5) if located else "",
        longitude=formatted(lon + rng.uniform(-0.006, 0.006), 5) if located else "",
        site_web=f"https://example.org/demo/demo-{number:04d}" if rng.random() < 0.25 else "",
    )


def with_history(row: dict, rng: random.Random) -> dict:
    """Give an invented initiative its end year, if it stopped, and its blank impact fields."""
    start = int(row["annee_creation"])
    if start < LAST_STOP_YEAR and rng.random() < STOP_SHARES[row["stade"]]:
        row["annee_fin"] = rng.randint(start + 1, LAST_STOP_YEAR)
    for field, share in BLANK_SHARES.items():
        if rng.random() < share:
            row[field] = ""
    return row


def initiative_rows() -> list[dict]:
    """Return the initiatives rows: the real ones first, then invented ones."""
    rows = [real_initiative(number, spec) for number, spec in enumerate(REAL_INITIATIVES, 1)]
    real_n = len(rows)
    rng = draw("initiatives")
    weights = [math.sqrt(commune[3]) for commune in COMMUNES]
    taken = set()
    while len(rows) < INITIATIVE_COUNT:
        commune = rng.choices(COMMUNES, weights)[0]
        kind = rng.choice(KINDS)
        if (commune[0], kind[1]) not in taken:
            taken.add((commune[0], kind[1]))
            rows.append(invented_initiative(len(rows) + 1, commune, kind, rng))
    # A stream of its own, so the invented initiatives themselves stay as they were.
    histories = draw("initiative_histories")
    return rows[:real_n] + [with_history(row, histories) for row in rows[real_n:]]


BUILDERS = {"territoires": territory_rows, "indicateurs": indicator_rows,
            "observations": observation_rows, "initiatives": initiative_rows}


def write_demo(directory: Path = DEFAULT_OUTPUT) -> dict[str, Path]:
    """Write the four CSV files into `directory`; return their paths by dataset name."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in LOAD_ORDER:
        paths[name] = directory / f"{name}.csv"
        with paths[name].open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, DATASETS[name].column_names, delimiter=DELIMITER,
                                    lineterminator="\n")
            writer.writeheader()
            writer.writerows(BUILDERS[name]())
    return paths


def main(argv: list[str] | None = None) -> int:
    """Write the demonstration files and print one line per file; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m observatory.demo_generator",
        description="Écrit les quatre fichiers CSV de démonstration (Bretagne).")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help="dossier de sortie (par défaut : data/demo)")
    for name, path in write_demo(parser.parse_args(argv).output).items():
        rows = path.read_text(encoding="utf-8").count("\n") - 1
        print(f"{name} : {rows} lignes, {path.stat().st_size} octets ({path})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
