"""The benchmark's baseline pages (the usual Streamlit + pandas way) still run on the demo: a
broken baseline would make every « ours ÷ baseline » figure of BENCHMARKS.md meaningless."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.page_runs import BASELINE_DIR

PAGES = sorted(path.name for path in BASELINE_DIR.glob("*.py")
               if path.stem not in ("floor", "page_floor"))


@pytest.mark.parametrize("page", PAGES)
def test_a_baseline_page_runs_on_the_demo(demo_env, page):
    app = AppTest.from_file(str(BASELINE_DIR / page), default_timeout=120).run()
    assert not app.exception, [item.message for item in app.exception]
