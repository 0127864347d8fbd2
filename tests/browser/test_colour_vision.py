"""The map and the portrait seen with deuteranopia and protanopia (Chromium's own emulation).

The screenshots are for looking at; the test asserts that the meaning is also in words:
the map's legend as text, the portrait's gaps saying « favorable » or « défavorable ».
The palettes themselves are checked numerically in tests/test_colour_vision.py.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, wait_for_app

VIEWS = {"indicateurs": "indicateurs?carte=commune", "territoire":
         "territoire?niveau=departement&territoire=29"}
WORDS = {"indicateurs": "Légende", "territoire": "favorable"}


@pytest.mark.parametrize("view", list(VIEWS))
def test_meaning_is_not_carried_by_colour_alone(app_url, open_context, view):
    recorded = open_context(1366, 900)
    page = recorded.page
    page.goto(f"{app_url}/{VIEWS[view]}")
    wait_for_app(page)
    if view == "indicateurs":
        page.wait_for_selector(".js-plotly-plot .maplibregl-canvas", timeout=30_000)
        page.wait_for_timeout(1000)  # let MapLibre draw the outlines
    assert WORDS[view] in page.locator("[data-testid='stMain']").inner_text()
    cdp = page.context.new_cdp_session(page)
    for vision in ("deuteranopia", "protanopia"):
        cdp.send("Emulation.setEmulatedVisionDeficiency", {"type": vision})
        screenshot(page, f"{view}-{vision}")
    cdp.send("Emulation.setEmulatedVisionDeficiency", {"type": "none"})
