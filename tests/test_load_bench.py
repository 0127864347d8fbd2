"""The load benchmark (issue 18): simulated sessions on real servers, replicas behind HAProxy.

Fast: the scenario, the budgets and the balancer's configuration. `bench`: the whole load
benchmark at demo scale. `slow`: two replicas and the writer behind Debian's HAProxy.
"""

from __future__ import annotations

import asyncio
import json
import random
import subprocess
import sys
from urllib.parse import parse_qs

import pytest

from benchmarks import load, plot, replicas, scenario, servers
from observatory import cli, urlstate
from tests.conftest import PROJECT_ROOT

CATALOGUE = scenario.Catalogue(
    territories={"region": ["53"], "departement": ["22", "29"], "epci": ["200000001"],
                 "commune": ["22001", "29001"]},
    years=[2018, 2019, 2020],
    indicators={"genre": ["part_femmes"], "jeunesse": ["part_jeunes"], "innovation_sociale": ["ess"]},
    facets={"thematique": ["sante"], "public": ["jeunes"], "stade": ["emergence"], "forme": ["scop"]})


def test_views_follow_the_page_mix_and_carry_only_fields_of_their_page():
    rng = random.Random(3)
    views = [scenario.next_view(CATALOGUE, rng) for _ in range(2000)]
    shares = {page: sum(view.path == page for view in views) / len(views) for page in scenario.PAGE_MIX}
    for page, share in scenario.PAGE_MIX.items():
        assert abs(shares[page] - share) < 0.04, (page, shares[page])
    keys = {"": "accueil", "economie-circulaire": "economie_circulaire",
            "donnees-et-methodes": "donnees"}
    for view in views:
        params = parse_qs(view.query)
        allowed = {item.name for item in urlstate.fields_of(keys.get(view.path, view.path))}
        assert set(params) <= allowed, view
        level, code = params["niveau"][0], params["territoire"][0]
        assert code in CATALOGUE.territories[level]
        assert int(params["debut"][0]) <= int(params["fin"][0])


def test_every_visitor_opens_the_same_shared_link():
    assert scenario.shared_view(CATALOGUE) == scenario.shared_view(CATALOGUE)
    assert scenario.shared_view(CATALOGUE).path == "indicateurs"


def test_budgets_flag_what_is_missed():
    stage = {"p95_s": 0.8, "errors": 0}
    fake = {"sessions": [{"n": 25, **stage}, {"n": 50, "p95_s": 2.5, "errors": 1}],
            "saturation_ratio": 2.4, "rss_mb_per_idle_session": 6.0}
    checks = {item["budget"]: item["met"] for item in load.budgets(
        fake, {"speedup": 1.2, "new_snapshot_seen_by_all_s": 1.0})}
    assert checks == {"25 sessions: p95 ≤ 1.0 s": True, "25 sessions: 0 errors": True,
                      "50 sessions: p95 ≤ 2.0 s": False, "50 sessions: 0 errors": False,
                      "saturation ≥ 2 × baseline": True, "≤ 5 MB per idle session": False,
                      "2 replicas ≥ 1.6 × 1": False, "new snapshot on every replica ≤ 5 s": True}


def test_the_benchmarked_haproxy_config_is_deploy_s_with_ports_filled_in():
    text = servers.haproxy_config(8080, ["127.0.0.1:9001", "127.0.0.1:9002"], "127.0.0.1:9003")
    assert "${" not in text
    assert "bind 127.0.0.1:8080" in text
    assert "server r1 127.0.0.1:9001 check cookie r1" in text
    assert "server r2 127.0.0.1:9002 check cookie r2" in text
    assert "server writer 127.0.0.1:9003 check" in text
    assert "cookie OBSERVATORY_REPLICA insert" in text and "timeout tunnel" in text
    # deploy/render-haproxy.sh (compose) renders exactly the same file.
    rendered = subprocess.run(
        ["sh", str(PROJECT_ROOT / "deploy" / "render-haproxy.sh"), str(servers.HAPROXY_TEMPLATE),
         "127.0.0.1:8080", "127.0.0.1:9003", "127.0.0.1:9001", "127.0.0.1:9002"],
        capture_output=True, text=True, check=True).stdout
    assert rendered == text


def test_plot_is_a_png_of_both_sides(tmp_path):
    stages = [{"n": n, "p95_s": n / 50} for n in (1, 10, 25)]
    report = {"scale": "demo", "load": {"think_s": 5.0, "sessions": stages,
                                        "baseline_sessions": [{"n": 1, "p95_s": 0.5}]}}
    path = plot.p95_against_sessions(report, tmp_path / "p95.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.bench
def test_load_benchmark_at_demo_scale(tmp_path):
    out = tmp_path / "load.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.load", "--scale", "demo", "--workdir", str(tmp_path),
         "--sessions", "1,5", "--think", "1", "--duration", "8", "--saturation-sessions", "3",
         "--json", str(out), "--plot", str(tmp_path / "p95.png")],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(out.read_text("utf-8"))
    for key in ("sessions", "baseline_sessions"):
        assert [stage["n"] for stage in report["load"][key]] == [1, 5]
        for stage in report["load"][key]:
            assert set(stage) >= {"n", "p50_s", "p95_s", "runs_per_s", "errors", "rss_mb_per_session"}
            assert stage["errors"] == 0, stage["error_samples"]
            assert stage["runs"] >= stage["n"] and stage["p50_s"] <= stage["p95_s"]
    if servers.haproxy_binary():
        assert set(report["replicas"]) >= {"replicas", "balancer", "runs_per_s", "speedup",
                                           "new_snapshot_seen_by_all_s"}
        assert report["replicas"]["new_snapshot_seen_by_all_s"] is not None


@pytest.mark.slow
def test_two_replicas_behind_haproxy_are_sticky_and_pick_up_a_new_snapshot(tmp_path, monkeypatch):
    if servers.haproxy_binary() is None:
        pytest.skip("HAProxy (Debian) n'est pas installé : apt-get install -y haproxy (.ci/run)")
    database = tmp_path / "observatory.duckdb"
    monkeypatch.setenv("OBSERVATORY_DB", str(database))
    assert cli.main(["init", "--demo"]) == 0
    cat = scenario.catalogue(database)
    app = servers.app_copy(tmp_path / "app")
    with replicas.replica_servers(app, database, 2) as started, \
            servers.streamlit_server(app, database, base_path="gestion", log_name="writer.log") as writer:
        addresses = [server.url.removeprefix("http://") for server in started]
        with servers.haproxy(tmp_path, addresses, writer.url.removeprefix("http://").split("/")[0]) as balancer:
            report = asyncio.run(replicas.stickiness(balancer.url, cat, visitors=4))
            assert report["errors"] == []
            visitors = report["visitors"]
            # Round robin spreads new visitors; then the cookie keeps each on its replica.
            assert {visitor["cookie"] for visitor in visitors} == {"r1", "r2"}
            for visitor in visitors:
                assert visitor["first"] == visitor["socket"] == visitor["again"] == \
                    visitor["upload"] == visitor["socket_again"] == visitor["cookie"], visitor
                assert visitor["same_session_after_reconnect"], visitor
            # The Import page and its uploads: the one writer, by the balancer's path rule.
            status, _, headers = replicas.http_get(balancer.url, "/gestion/import", {})
            assert (status, headers.get("x-observatory-replica")) == (200, "writer")
            pick_up = asyncio.run(replicas.snapshot_pick_up(balancer.url, database, ["r1", "r2"],
                                                            tmp_path, cat))
    assert pick_up["served_by"] == {"r1": "r1", "r2": "r2"}
    # Seen by both replicas with no restart (the 5 s budget is the benchmark's, on quiet cores).
    assert pick_up["seen_by_all_s"] is not None, pick_up
