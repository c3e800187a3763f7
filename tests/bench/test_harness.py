"""The benchmark harness's own parts that start no server: reading wrk, the goals,
the table, nginx's configuration and the seam for more sections."""

import re
import types
from pathlib import Path

import pytest

from bench import report, run, servers, wrk

WRK_LATENCY = """\
Running 3s test @ http://127.0.0.1:41234/blog/
  1 threads and 1 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   704.18us  510.95us   6.39ms   96.52%
    Req/Sec     1.28k   190.85     1.57k    63.64%
  Latency Distribution
     50%  607.00us
     75%  784.00us
     90%    0.88ms
     99%    3.60ms
  1395 requests in 1.10s, 1.83MB read
Requests/sec:   1268.54
Transfer/sec:      1.67MB
"""

WRK_FAILING = """\
Running 5s test @ http://127.0.0.1:41234/missing/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.74ms    3.45ms  18.82ms   75.22%
    Req/Sec   514.10     72.62   663.00     65.00%
  1028 requests in 5.01s, 522.03KB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 1028
Requests/sec:    205.19
Transfer/sec:    104.20KB
"""


def test_wrk_output_gives_requests_per_second_and_the_median_latency():
    figures = wrk.parse(WRK_LATENCY)
    assert figures.requests == 1395
    assert figures.seconds == pytest.approx(1.10)
    assert figures.requests_per_s == pytest.approx(1268.54)
    assert figures.p50_ms == pytest.approx(0.607)
    assert figures.problems == []


def test_wrk_durations_in_every_unit_become_milliseconds():
    assert wrk.duration_ms("812.00us") == pytest.approx(0.812)
    assert wrk.duration_ms("1.20ms") == pytest.approx(1.2)
    assert wrk.duration_ms("2.00s") == pytest.approx(2000)
    assert wrk.duration_ms("1.50m") == pytest.approx(90_000)
    with pytest.raises(ValueError):
        wrk.duration_ms("fast")


def test_wrk_run_with_failed_answers_and_socket_errors_names_them():
    figures = wrk.parse(WRK_FAILING)
    assert figures.p50_ms is None  # no --latency
    assert figures.not_ok == 1028
    assert figures.socket_errors == 5
    assert figures.problems == ["1028 answers not 2xx/3xx", "5 socket errors"]


def test_wrk_run_in_which_no_request_completed_has_no_latency_and_is_doubtful():
    figures = wrk.parse(
        "  Latency Distribution\n     50%    0.00us\n     75%    0.00us\n"
        "  0 requests in 1.00s, 0.00B read\nRequests/sec:      0.00\n"
    )
    assert figures.p50_ms is None
    assert figures.problems == ["no request completed in 1 s"]


def test_wrk_command_sends_each_header_and_asks_for_latency_only_when_asked():
    args = wrk.command(
        "wrk",
        "http://127.0.0.1:1/",
        connections=8,
        threads=2,
        seconds=5,
        headers={"Host": "127.0.0.1:8000", "Cookie": "sessionid=abc"},
    )
    assert args[:4] == ["wrk", "-c8", "-t2", "-d5s"]
    assert "--latency" not in args
    assert args[-5:] == [
        "-H",
        "Host: 127.0.0.1:8000",
        "-H",
        "Cookie: sessionid=abc",
        "http://127.0.0.1:1/",
    ]
    single = wrk.command(
        "wrk", "http://127.0.0.1:1/", connections=1, threads=1, seconds=3, latency=True
    )
    assert "--latency" in single


def page(label, ours, floor, nginx=None, p50=None):
    row = {"label": label, "bytes": 2048, "queries": 12}
    row["ours"] = {"rps": ours, "p50_ms": p50, "rss_mib": 150.0}
    row["floor"] = {"rps": floor, "p50_ms": 1.0}
    if nginx:
        row["nginx"] = {"rps": nginx, "p50_ms": 0.1}
    return row


def figures(**pages):
    return {"pages": pages, "rss_mib": {"ours": 180.0, "floor": 40.0}}


def verdicts(found):
    return {goal.text.split(":")[0]: (goal.verdict, goal.value) for goal in found}


def test_slowdown_compares_the_better_run_of_each_server():
    row = page("home", ours=[90, 100], floor=[1900, 2000], nginx=[30000, 20000])
    assert report.slowdown(row, "floor") == pytest.approx(20)
    assert report.slowdown(row, "nginx") == pytest.approx(300)


def test_goals_are_met_at_their_limit_and_missed_above_it():
    found = verdicts(
        report.goals(
            figures(
                health=page("health check", ours=[1000], floor=[1500]),
                home=page("home", ours=[79], floor=[2000]),
                **{
                    "post-0": page("post, 0 comments", [100], [1500], p50=10.0),
                    "post-200": page("post, 200 comments", [90], [1500], p50=15.0),
                    "post-500": page("post, 500 comments", [50], [1500], p50=30.0),
                },
            )
        )
    )
    assert found["health check"] == ("met", pytest.approx(1.5))
    assert found["home"] == ("missed", pytest.approx(2000 / 79))
    assert found["post, 0 comments"] == ("met", pytest.approx(15))
    assert found["post, 500 comments"] == ("missed", pytest.approx(30))
    assert found["post with 200 comments"] == ("met", pytest.approx(1.5))
    assert found["ours"] == ("met", 180.0)


def test_goals_without_figures_are_not_measured_rather_than_met():
    found = report.goals({"pages": {"home": {"label": "home", "bytes": 1}}})
    assert {goal.verdict for goal in found} == {"not measured"}
    assert all(goal.line().strip().startswith("not measured") for goal in found)


def test_table_has_a_row_per_page_and_a_dash_for_what_was_not_measured():
    lines = report.table(
        figures(
            health=page("health check", [1000], [1500], nginx=[20000], p50=2.0),
            home=page("home", [], [2000]),
        )
    )
    assert lines[0].split()[:3] == ["page", "queries", "KB"]
    assert lines[2].startswith("health check")
    assert "1.5" in lines[2].split()  # ×floor
    home = lines[3].split()
    assert home[:4] == ["home", "12", "2.0", "-"]
    assert len(lines) == 4


def test_nginx_config_writes_nothing_outside_the_run_folder(tmp_path):
    pages = tmp_path / "pages"
    config = servers.nginx_config(pages, tmp_path, 41234)
    assert "listen 127.0.0.1:41234;" in config
    assert f"root {pages};" in config
    assert f"pid {tmp_path / 'nginx.pid'};" in config
    assert "daemon off;" in config
    paths = re.findall(r"\s(/[^\s;]+)", config)
    assert paths
    assert all(Path(found).is_relative_to(tmp_path) for found in paths)
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        assert f"{kind}_temp_path {tmp_path / 'nginx-temp' / kind};" in config


def test_free_port_is_one_nothing_listens_on():
    port = servers.free_port()
    assert 1024 < port < 65536
    assert servers.get(port, "/", timeout=1) == (0, b"")


def test_a_missing_section_module_is_left_out_and_a_present_one_runs(monkeypatch):
    extra = types.ModuleType("bench.extra_section")
    extra.section = lambda: ["extra measured"]
    monkeypatch.setitem(__import__("sys").modules, "bench.extra_section", extra)
    monkeypatch.setattr(
        run, "SECTIONS", ("bench.no_such_section", "bench.extra_section")
    )
    found = dict(run.sections())
    assert "bench.no_such_section" not in found
    assert run.run_section(found["bench.extra_section"], None) == ["extra measured"]


def test_a_section_that_takes_the_bench_is_given_it_and_others_their_defaults():
    bench = run.Bench(args=None, host="127.0.0.1:8000")
    assert run.run_section(lambda bench: [bench.host], bench) == ["127.0.0.1:8000"]
    assert run.run_section(lambda runs=5: [f"{runs} runs"], bench) == ["5 runs"]
