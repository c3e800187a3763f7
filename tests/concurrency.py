"""Running one action in many threads at the same moment, as racing requests do."""

import threading

from django.db import connections


def at_once(count, action):
    """Run ``action`` in ``count`` threads released together, each on its own
    database connection; return what each answered (or raised), in no order."""
    barrier = threading.Barrier(count)
    outcomes = []
    lock = threading.Lock()

    def run():
        try:
            barrier.wait()
            try:
                outcome = action()
            except Exception as error:  # noqa: BLE001 - reported to the test
                outcome = error
            with lock:
                outcomes.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
