"""The main tasks with the keyboard alone, the focus visible at every control reached.

Only Tab, Shift+Tab, typing, arrows and Enter: choose a territory and an indicator, open a
chart's data, download its CSV, copy the view's link; on Initiatives, search and open a card.
"""

from __future__ import annotations

from tests.browser.conftest import wait_for_app

MAX_TABS = 120
# The focused element, described: what it is, its name, and whether its focus is drawn.
PRIMARY = "rgb(31, 78, 121)"  # .streamlit/config.toml primaryColor
# The focused element, described: what it is, its name, and whether its focus is drawn (an
# outline, a shadow ring, or a border in the primary colour on it or on its widget's frame).
FOCUSED = """(primary) => {
  const node = document.activeElement;
  if (!node || node === document.body) return null;
  const box = node.closest("[data-testid='stSelectbox'], [data-testid='stTextInput']");
  const label = box?.querySelector("label")?.innerText.trim() ?? "";
  const frames = [node];  // the element and the frames a widget draws around it
  for (let item = node.parentElement; item && frames.length < 5; item = item.parentElement)
    frames.push(item);
  const drawn = frames.some(item => {
    const shown = getComputedStyle(item);
    return (shown.outlineStyle !== "none" && parseFloat(shown.outlineWidth) > 0)
      || shown.boxShadow !== "none" || shown.borderTopColor === primary;
  });
  return {tag: node.tagName, role: node.getAttribute("role") ?? "", label,
          text: (node.innerText || node.value || "").trim().slice(0, 80),
          visible: node.matches(":focus-visible") && drawn};
}"""


def tab_to(page, matches, limit: int = MAX_TABS) -> dict:
    """Press Tab until the focused element `matches`; return it (its focus drawn)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED, PRIMARY)
        if focused and matches(focused):
            if not focused["visible"]:  # widgets fade their focus colour in
                page.wait_for_timeout(400)
                focused = page.evaluate(FOCUSED, PRIMARY)
            assert focused["visible"], f"focus not visible on {focused}"
            return focused
    raise AssertionError(f"not reached with {limit} Tab presses")


def box(label: str):
    return lambda focused: focused["role"] == "combobox" and focused["label"] == label


def control(text: str):
    return lambda focused: text in focused["text"] and focused["tag"] == "BUTTON"


def choose_with_keys(page, label: str, typed: str) -> None:
    tab_to(page, box(label))
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    wait_for_app(page)


def test_indicateurs_with_the_keyboard_alone(app_url, open_context):
    page = open_context().page
    page.goto(f"{app_url}/indicateurs")
    wait_for_app(page)
    choose_with_keys(page, "Niveau de territoire", "Département")
    choose_with_keys(page, "Territoire", "Finistère")
    assert "territoire=29" in page.url
    page.keyboard.press("Shift+Tab")  # back to the top of the page's own controls
    tab_to(page, box("Indicateur"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    wait_for_app(page)
    assert "indicateur=" in page.url
    # Tabs are one stop: the arrows move between them (WAI-ARIA tabs pattern).
    tab_to(page, lambda focused: focused["role"] == "tab" and focused["text"] == "Graphique")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    wait_for_app(page)
    assert page.locator("[data-testid='stDataFrame']").first.is_visible()
    tab_to(page, control("CSV (Excel français)"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")
    page.keyboard.press("Shift+Tab")
    for _ in range(MAX_TABS):  # the link is above the panels: go back up to it
        focused = page.evaluate(FOCUSED, PRIMARY)
        if focused and control("Copier le lien de cette vue")(focused):
            assert focused["visible"]
            break
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    link = page.locator("[data-testid='stPopoverBody'] code, [data-testid='stPopover'] code")
    link.first.wait_for(timeout=10_000)
    assert "territoire=29" in link.first.inner_text()


def test_initiatives_search_and_card_with_the_keyboard_alone(app_url, open_context):
    page = open_context().page
    page.goto(f"{app_url}/initiatives")
    wait_for_app(page)
    tab_to(page, lambda focused: focused["tag"] == "INPUT" and focused["label"].startswith(
        "Rechercher une initiative"))
    page.keyboard.type("repair")
    page.keyboard.press("Enter")
    wait_for_app(page)
    assert "q=repair" in page.url
    choose_with_keys(page, "Fiche d'une initiative", "Repair")
    assert "initiative=" in page.url
    assert page.locator("[data-testid='stMain']").get_by_text("Repair", exact=False).count() > 1
