"""What the page says to assistive technologies, beyond what Streamlit lets a script set.

Streamlit serves one `index.html` declaring `<html lang="en">` whatever the interface, names
icons by their ligature (« home Vue d'ensemble » for a navigation link) and labels its own
controls in English (« Skip to main content », « Main menu », « Help for … »). One small
script, sent with every run and run again when the language changes, puts the document's
language, hides the icons' ligature names from the accessibility tree and gives Streamlit's
labels in the interface's language. It only sets attributes and the skip link's text: nothing
from data or from the URL goes into it (the language is one of `LANGUAGES`).
"""

from __future__ import annotations

import json

import streamlit as st

from observatory.i18n import LANGUAGES

# Streamlit's (and its map and chart libraries') own English labels, and their French.
STREAMLIT_LABELS = {
    "Skip to main content": "Aller au contenu principal",
    "Sidebar": "Menu latéral",
    "Collapse sidebar": "Replier le menu latéral",
    "Expand sidebar": "Déplier le menu latéral",
    "App pages": "Pages du tableau de bord",
    "Main menu": "Menu principal",
    "Link to heading": "Lien vers ce titre",
    "Choose an option": "Choisir une option",
    "Open": "Ouvrir",
    "Close": "Fermer",
    "Clear value": "Effacer la valeur",
    "Clear all": "Tout effacer",
    "Selected values": "Valeurs choisies",
    "Show/hide columns": "Afficher ou masquer des colonnes",
    "Download as CSV": "Télécharger en CSV",
    "Search": "Rechercher",
    "Fullscreen": "Plein écran",
    "Close fullscreen": "Quitter le plein écran",
    "Running...": "Calcul en cours…",
    "Map": "Carte",
    "Toggle attribution": "Afficher ou masquer les sources de la carte",
    "Download plot as a PNG": "Télécharger le graphique en PNG",
    "Pan": "Déplacer",
    "Zoom in": "Zoom avant",
    "Zoom out": "Zoom arrière",
    "Reset view": "Réinitialiser la vue",
    "Reset axes": "Réinitialiser les axes",
    "Autoscale": "Échelle automatique",
    "Zoom": "Zoom",
}
# Labels Streamlit builds from an element's own label: « Help for Population (2024) ».
STREAMLIT_PREFIXES = {"Help for ": "Aide : ", "Remove ": "Retirer "}
# The wrapper of this script's element takes no room on the page (set in the page's CSS).
MARKER_ID = "observatory-a11y"
HIDE_CSS = f'[data-testid="stElementContainer"]:has(#{MARKER_ID}) {{ display: none; }}'

SCRIPT = """<span id="%(marker)s" hidden></span><script>
(() => {
  const lang = %(lang)s;
  // Both directions: a switch of language without reload puts Streamlit's English back.
  const pairs = %(labels)s, prefixes = %(prefixes)s;
  const words = new Map(lang === "fr" ? pairs : pairs.map(([en, fr]) => [fr, en]));
  const starts = lang === "fr" ? prefixes : prefixes.map(([en, fr]) => [fr, en]);
  const say = text => {
    if (words.has(text)) return words.get(text);
    for (const [from, to] of starts) if (text.startsWith(from)) return to + text.slice(from.length);
    return text;
  };
  const fix = () => {
    if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
    for (const icon of document.querySelectorAll(
        "[data-testid='stIconMaterial']:not([aria-hidden])")) icon.setAttribute("aria-hidden", "true");
    for (const name of ["aria-label", "title", "placeholder"]) {
      for (const node of document.querySelectorAll(`[${name}]`)) {
        const text = node.getAttribute(name), said = say(text);
        if (said !== text) node.setAttribute(name, said);
      }
    }
    const skip = document.querySelector("[data-testid='stSkipToContent']");
    if (skip && say(skip.textContent) !== skip.textContent) skip.textContent = say(skip.textContent);
  };
  window.observatoryA11y?.disconnect();
  let queued = false;
  const observer = new MutationObserver(() => {
    if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; fix(); }); }
  });
  observer.observe(document.body, {subtree: true, childList: true, attributes: true,
                                   attributeFilter: ["aria-label", "title", "placeholder"]});
  window.observatoryA11y = observer;
  fix();
})();
</script>"""


def script(lang: str) -> str:
    """Return the HTML of the accessibility script for the interface language `lang`."""
    if lang not in LANGUAGES:  # never text from outside in a script
        raise ValueError(f"unknown interface language {lang!r}")
    return SCRIPT % {"marker": MARKER_ID, "lang": json.dumps(lang),
                     "labels": json.dumps(list(STREAMLIT_LABELS.items()), ensure_ascii=False),
                     "prefixes": json.dumps(list(STREAMLIT_PREFIXES.items()),
                                            ensure_ascii=False)}


def apply(lang: str) -> None:
    """Send the script with this run (a changed language re-runs it)."""
    st.html(script(lang), unsafe_allow_javascript=True)
