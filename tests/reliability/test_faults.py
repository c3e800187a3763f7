"""The site under load and faults: the real server against real services.

gunicorn with three sync workers serves the site under production settings from
the suite's own PostgreSQL and Redis (see conftest.py). Every case prints its
figures on one line, then checks them against its target.
"""

import os
import signal
import threading
import time
import uuid

import pytest

from .services import (
    Client,
    Load,
    answers_not_ok,
    exceptions,
    ratio,
    statuses,
    stored_texts,
    wait_until,
)

pytestmark = pytest.mark.reliability


def verdict(report, name: str, figures: str, checks: dict[str, bool], why: str = ""):
    """Print the case's line, then fail naming every target it missed."""
    missed = [target for target, held in checks.items() if not held]
    line = f"{name}: {figures} -> {'PASS' if not missed else 'FAIL'}"
    if missed:
        line += " (missed: " + "; ".join(missed) + ")"
        if why:
            line += f" [server errors: {why}]"
    report(line)
    assert not missed, line


def lost(load: Load, stack, tag: str) -> tuple[int, int, int]:
    """Acknowledged comments, how many of them are not stored, and how many texts
    are stored more than once."""
    acknowledged = {e.text for e in load.select("post") if e.response.ok}
    stored = stored_texts(stack.postgres, tag)
    missing = sum(1 for text in acknowledged if text not in stored)
    duplicates = sum(1 for n in stored.values() if n > 1)
    return len(acknowledged), missing, duplicates


def stored_unanswered(load: Load, stack, tag: str) -> int:
    """Comments stored although their post was answered with an error."""
    stored = stored_texts(stack.postgres, tag)
    return sum(1 for e in load.select("post") if not e.response.ok and e.text in stored)


def test_concurrent_posters_lose_and_double_nothing(stack, report):
    """20 people comment at once for 15 s, each as often as the limit allows, and
    each sends its first comment twice at once (a double click): every acknowledged
    comment is stored exactly once, and nothing answers 5xx."""
    stack.ensure_up()
    offset = stack.server.log_size()
    tag = f"posters-{uuid.uuid4().hex[:6]}"
    post_path = stack.seed["post"]["url"]
    people = stack.people(0, 20)

    doubles = []
    barrier = threading.Barrier(len(people) * 2, timeout=30)

    def double_click(username, session):
        token = str(uuid.uuid4())
        text = f"{tag} {username} double {token[:8]}"
        client = Client(stack.server.port, session)

        def send():
            barrier.wait()
            doubles.append(
                (text, client.post(post_path, {"text": text, "token": token}))
            )

        pair = [threading.Thread(target=send) for _ in range(2)]
        for thread in pair:
            thread.start()
        return pair

    threads = [
        t for username, session in people for t in double_click(username, session)
    ]
    for thread in threads:
        thread.join(timeout=60)
    time.sleep(5.5)  # the double click counted as each person's one comment
    load = Load(stack.server.port, [], people, [], post_path, tag).start()
    time.sleep(15)
    load.stop()

    posts = load.select("post")
    acknowledged, missing, duplicates = lost(load, stack, tag)
    stored = stored_texts(stack.postgres, tag)
    stored_posts = sum(n for text, n in stored.items() if " double " not in text)
    double_acked = sum(r.ok for _, r in doubles)
    double_stored = sum(n for text, n in stored.items() if " double " in text)
    failed = sum(e.response.failed for e in posts) + sum(r.failed for _, r in doubles)
    verdict(
        report,
        "1 concurrent posters",
        f"{len(people)} people for 15 s: posts acknowledged {ratio(posts)} "
        f"(not ok: {statuses(posts)}), stored {stored_posts}, acknowledged but "
        f"missing {missing}, texts stored twice {duplicates}; double clicks "
        f"{len(people)}x2 sent, {double_acked} acknowledged (not ok: "
        f"{answers_not_ok(r for _, r in doubles)}), {double_stored} stored; "
        f"5xx/no answer {failed}",
        {
            "every post acknowledged": acknowledged == len(posts),
            "acknowledged == stored": acknowledged == stored_posts and not missing,
            "no duplicates": duplicates == 0,
            "a double click stores one comment": double_stored == len(people)
            and double_acked == 2 * len(people),
            "no 5xx": failed == 0,
        },
        exceptions(stack.server.errors_since(offset)),
    )


def _tally(stack, poll_id: int) -> tuple[int, dict[int, int]]:
    ballots = stack.postgres.sql(
        "SELECT count(*) FROM intranet_discussions_ballot WHERE poll_id = %s",
        (poll_id,),
    )[0][0]
    rows = stack.postgres.sql(
        "SELECT c.polloption_id, count(*) FROM intranet_discussions_ballot_choices c "
        "JOIN intranet_discussions_ballot b ON b.id = c.ballot_id "
        "WHERE b.poll_id = %s GROUP BY c.polloption_id",
        (poll_id,),
    )
    return ballots, dict(rows)


def _vote_at_once(stack, voters: list[tuple[str, str]], poll: dict) -> list:
    path = f"/threads/polls/{poll['id']}/vote/"
    barrier = threading.Barrier(len(voters), timeout=30)
    answers = []

    def vote(n, session):
        client = Client(stack.server.port, session)
        option = poll["options"][n % len(poll["options"])]
        barrier.wait()
        answers.append(client.post(path, {"option": option}))

    threads = [
        threading.Thread(target=vote, args=(n, session))
        for n, (_name, session) in enumerate(voters)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    return answers


def test_concurrent_voters_count_every_ballot_once(stack, report):
    """50 people vote at once: as many ballots as voters, and the tally counts each
    once. One person sending 20 votes at once, switching between the options,
    leaves one ballot."""
    stack.ensure_up()
    offset = stack.server.log_size()
    crowd = stack.people(20, 50)
    answers = _vote_at_once(stack, crowd, stack.seed["crowd_poll"])
    ballots, tally = _tally(stack, stack.seed["crowd_poll"]["id"])

    solo = stack.people(70, 1) * 20
    solo_answers = _vote_at_once(stack, solo, stack.seed["solo_poll"])
    solo_ballots, solo_tally = _tally(stack, stack.seed["solo_poll"]["id"])
    failed = sum(r.failed for r in answers + solo_answers)
    verdict(
        report,
        "2 concurrent voters",
        f"50 voters at once: answered {sum(r.ok for r in answers)}/{len(answers)}, "
        f"ballots {ballots}, tally {sum(tally.values())} {sorted(tally.values())}; "
        f"one person x20 at once: answered "
        f"{sum(r.ok for r in solo_answers)}/{len(solo_answers)}, ballots "
        f"{solo_ballots}, tally {sum(solo_tally.values())}; 5xx/no answer {failed}",
        {
            "ballots == voters": ballots == len(crowd),
            "ballots == tally": ballots == sum(tally.values()),
            "one person, one ballot": solo_ballots == 1
            and sum(solo_tally.values()) == 1,
            "no 5xx": failed == 0,
        },
        exceptions(stack.server.errors_since(offset)),
    )


def _read_paths(stack) -> list[str]:
    seed = stack.seed
    return [seed["post"]["url"], seed["thread"]["url"], seed["home"], seed["blog"]]


def test_database_restart_under_load(stack, report):
    """PostgreSQL restarts (pg_ctl restart -m fast) while people read and comment:
    the site serves again within a few seconds of the database, by the same
    workers, and no acknowledged comment is lost."""
    stack.ensure_up()
    offset = stack.server.log_size()
    tag = f"dbrestart-{uuid.uuid4().hex[:6]}"
    workers = stack.server.workers()
    load = Load(
        stack.server.port,
        [s for _n, s in stack.people(30, 3)],
        stack.people(0, 10),
        _read_paths(stack),
        stack.seed["thread"]["url"],
        tag,
    ).start()
    time.sleep(3)
    down = time.monotonic()
    took = stack.postgres.restart()
    up = time.monotonic()
    time.sleep(8)
    load.stop()

    events = load.select()
    failures = [e for e in events if e.response.failed]
    window = (
        f"{min(e.response.ended for e in failures) - down:+.1f} s to "
        f"{max(e.response.ended for e in failures) - down:+.1f} s"
        if failures
        else "none"
    )
    after = [e for e in events if e.response.ended >= up]
    first_ok = next(
        (
            e.response.ended - up
            for e in sorted(after, key=lambda e: e.response.ended)
            if e.response.ok
        ),
        None,
    )
    served = "never" if first_ok is None else f"{first_ok:.1f} s"
    late = [e for e in failures if e.response.started > up + 5]
    acknowledged, missing, _duplicates = lost(load, stack, tag)
    same_workers = stack.server.workers() == workers
    verdict(
        report,
        "3 database restart",
        f"pg_ctl restart took {took:.1f} s; failed requests {len(failures)} "
        f"({statuses(events)}), failures answered from {window} after the restart began; "
        f"served again {served} after the database was back; "
        f"failures later than 5 s after {len(late)}; reads ok "
        f"{ratio(load.select('read'))}, posts ok {ratio(load.select('post'))}; "
        f"acknowledged {acknowledged}, lost {missing}, stored although answered "
        f"with an error {stored_unanswered(load, stack, tag)}; workers unchanged "
        f"{'yes' if same_workers else 'no'}",
        {
            "served again within 5 s": first_ok is not None and first_ok <= 5,
            "no failure later than 5 s after": not late,
            "no acknowledged write lost": missing == 0,
            "no worker restarted": same_workers,
        },
        exceptions(stack.server.errors_since(offset)),
    )


def test_cache_outage_under_load(stack, report):
    """Redis stops for 8 s while people read and comment: no page and no comment
    fails, the health check says what is wrong, and the site recovers when Redis is
    back."""
    stack.ensure_up()
    offset = stack.server.log_size()
    tag = f"cacheout-{uuid.uuid4().hex[:6]}"
    load = Load(
        stack.server.port,
        [s for _n, s in stack.people(30, 3)],
        stack.people(10, 10),
        _read_paths(stack),
        stack.seed["post"]["url"],
        tag,
    ).start()
    time.sleep(2)
    stack.redis.stop()
    down = time.monotonic()
    time.sleep(4)
    health = Client(stack.server.port).get("/health/")
    time.sleep(4)
    up_start = time.monotonic()
    stack.redis.start()
    up = time.monotonic()
    time.sleep(6)
    load.stop()
    recovered_read = stack.client(stack.people(40, 1)[0][0]).get(
        stack.seed["post"]["url"]
    )
    probe_token = str(uuid.uuid4())
    recovered_post = stack.client(stack.people(41, 1)[0][0]).post(
        stack.seed["post"]["url"],
        {"text": f"{tag} recovery {probe_token[:8]}", "token": probe_token},
    )

    reads = load.select("read", down, up_start)
    posts = load.select("post", down, up_start)
    after = load.select(None, up + 1)
    acknowledged, missing, _duplicates = lost(load, stack, tag)
    verdict(
        report,
        "4 cache outage",
        f"Redis down {up_start - down:.1f} s: reads ok {ratio(reads)} "
        f"(not ok: {statuses(reads)}), posts ok {ratio(posts)} "
        f"(not ok: {statuses(posts)}); health during the outage {health.status} "
        f"{health.body.strip()[:80]}; after Redis is back: ok {ratio(after)}, "
        f"a page {recovered_read.status}, a comment {recovered_post.status}; "
        f"acknowledged {acknowledged}, lost {missing}, stored although answered "
        f"with an error {stored_unanswered(load, stack, tag)}",
        {
            "every page served during the outage": all(e.response.ok for e in reads),
            "every comment posted during the outage": all(e.response.ok for e in posts),
            "the site recovers": all(e.response.ok for e in after)
            and recovered_read.ok
            and recovered_post.ok,
            "no acknowledged write lost": missing == 0,
        },
        exceptions(stack.server.errors_since(offset)),
    )


def test_worker_kill_under_load(stack, report):
    """One of the three workers is killed (SIGKILL) while people read and comment:
    at most its request in flight fails, every acknowledged comment is stored, and
    gunicorn starts a new worker in its place."""
    stack.ensure_up()
    offset = stack.server.log_size()
    tag = f"workerkill-{uuid.uuid4().hex[:6]}"
    master = stack.server.proc.pid
    before = stack.server.workers()
    load = Load(
        stack.server.port,
        [s for _n, s in stack.people(30, 4)],
        stack.people(0, 10),
        _read_paths(stack),
        stack.seed["thread"]["url"],
        tag,
    ).start()
    time.sleep(3)
    victim = sorted(before)[0]
    os.kill(victim, signal.SIGKILL)
    killed = time.monotonic()
    replaced = wait_until(
        lambda: (
            len(stack.server.workers()) == 3 and victim not in stack.server.workers()
        ),
        20,
    )
    replaced_in = time.monotonic() - killed
    replacement = f"in {replaced_in:.1f} s" if replaced else "no"
    master_alive = stack.server.proc.pid == master and stack.server.proc.poll() is None
    time.sleep(max(0, 6 - replaced_in))
    load.stop()

    events = load.select()
    bad = [e for e in events if not e.response.ok]
    acknowledged, missing, duplicates = lost(load, stack, tag)
    after = stack.server.workers()
    verdict(
        report,
        "5 worker kill",
        f"killed worker {victim} of {sorted(before)}: requests {len(events)}, not "
        f"2xx/3xx {len(bad)} ({statuses(events)}); reads ok "
        f"{ratio(load.select('read'))}, posts ok {ratio(load.select('post'))}; "
        f"acknowledged {acknowledged}, lost {missing}, stored twice {duplicates}, "
        f"stored although answered with an error {stored_unanswered(load, stack, tag)}; "
        f"replaced {replacement}, workers now {sorted(after)}, master unchanged "
        f"{'yes' if master_alive else 'no'}",
        {
            "at most the request in flight fails": len(bad) <= 1,
            "no acknowledged write lost": missing == 0,
            "no duplicates": duplicates == 0,
            "gunicorn replaces the worker": replaced and master_alive,
        },
        exceptions(stack.server.errors_since(offset)),
    )
