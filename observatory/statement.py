"""The accessibility statement (« Déclaration d'accessibilité »), after the French template.

Its measured figures are those of `tests/browser/test_accessibility.py` (axe-core's WCAG 2.1
A and AA rules on every page) and `tests/browser/test_keyboard.py`, as last run; a test
checks that the number of views it states is the number of views those tests check.
"""

from __future__ import annotations

AXE_VERSION = "4.14.1"
# The only links to another site the dashboard writes itself (the means of appeal).
APPEAL_FORM = "https://formulaire.defenseurdesdroits.fr/"
APPEAL_DELEGATES = "https://www.defenseurdesdroits.fr/saisir/delegues"
LINKS = (APPEAL_FORM, APPEAL_DELEGATES)
MEASURED_ON = "3 décembre 2026"
VIEWS_CHECKED = 60
VIOLATIONS_BEFORE = "40 vues sur 60 en défaut, 268 éléments (104 contrastes insuffisants, " \
    "164 marques de graphiques sans alternative textuelle)"

STATEMENT_FR = f"""
L'observatoire régional de l'innovation sociale s'engage à rendre ce tableau de bord
accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette
déclaration s'applique à l'ensemble de ses pages.

**État de conformité.** Ce tableau de bord est **partiellement conforme** au référentiel
général d'amélioration de l'accessibilité (RGAA) version 4.1, en raison des non-conformités
énumérées ci-dessous. Aucun audit complet des 106 critères n'a encore été réalisé.

**Résultats des tests** (le {MEASURED_ON}, Chromium et axe-core {AXE_VERSION}, règles WCAG 2.1
niveaux A et AA) : **{VIEWS_CHECKED} vues contrôlées, aucune violation détectée** — chaque
page, en français et en anglais, à l'ouverture, pour un département, pour une commune, et
avec l'onglet de données ouvert là où la page en a un. Avant les corrections : {VIOLATIONS_BEFORE}.
Au clavier seul, les tâches principales aboutissent, le focus restant visible : choisir un
territoire et un indicateur, ouvrir les données d'un graphique, télécharger le CSV, copier le
lien de la vue, rechercher une initiative et ouvrir sa fiche. Un test automatique ne couvre
qu'une partie des critères ; aucun test avec un lecteur d'écran n'a encore été mené.

**Contenus non accessibles — non-conformités.**

- Langue de la page (critère 8.3) : la page d'origine servie par Streamlit déclare l'anglais ;
  la langue de l'interface (français, ou anglais) est posée dès l'affichage de l'application.
- Cartes et graphiques interactifs (critères 1.1, 7.1) : le dessin Plotly lui-même n'a pas
  d'alternative attachée, et une carte ne se manipule pas au clavier. Chaque graphique est
  suivi d'une phrase qui le résume, chaque carte de sa légende en toutes lettres, et leurs
  données sont dans l'onglet « Données » (tableau et CSV) ; le territoire se choisit dans le
  menu latéral.
- Textes propres à Streamlit et à ses bibliothèques (critère 8.7) : les principaux (« Aller
  au contenu principal », « Menu principal », « Aide : … », contrôles des cartes et des
  tableaux) sont traduits à l'affichage ; d'autres (menus du tableau de données, sélecteurs de
  date, entrées du menu principal) restent en anglais.

**Dérogations pour charge disproportionnée.** Aucune.

**Contenus non soumis à l'obligation d'accessibilité.** Aucun.

**Établissement de cette déclaration.** Technologies utilisées : HTML, CSS, JavaScript
(Streamlit, Plotly, MapLibre). Environnement de test : Chromium (Debian) piloté par Playwright,
axe-core {AXE_VERSION}, clavier seul.

**Retour d'information et contact.** Si vous n'arrivez pas à accéder à un contenu ou à un
service, contactez l'équipe de l'observatoire (à l'adresse indiquée par la structure qui publie
ce tableau de bord) pour être orienté vers une alternative accessible ou obtenir le contenu
sous une autre forme.

**Voies de recours.** Si vous avez signalé un défaut d'accessibilité qui vous empêche
d'accéder à un contenu ou à un service et que vous n'avez pas obtenu de réponse satisfaisante,
vous pouvez saisir le Défenseur des droits :

- par le formulaire en ligne : {APPEAL_FORM} ;
- auprès d'un délégué dans votre région : {APPEAL_DELEGATES} ;
- par téléphone : 09 69 39 00 00 ;
- par courrier, gratuit, sans timbre : Défenseur des droits, Libre réponse 71120,
  75342 Paris CEDEX 07.
"""
