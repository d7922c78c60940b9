"""Queueing many results in steps: everything is queued once, with progress after each step,
and the loop runs between steps (in the app it is the GUI's loop)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from stacdesk.core.downloads.engine import ADD_STEP
from stacdesk.core.downloads.jobs import JobState
from tests.core.downloads.conftest import asset, make_item, new_engine, run


def test_many_results_are_queued_in_steps_with_the_loop_running_between(tmp_path: Path) -> None:
    count = 2 * ADD_STEP + 200
    items = [
        make_item(
            f"item-{n}",
            {
                "B04": asset(f"http://127.0.0.1:9/{n}/B04.tif"),
                "B08": asset(f"http://127.0.0.1:9/{n}/B08.tif"),
            },
        )
        for n in range(count)
    ]

    async def scenario() -> tuple[list[tuple[int, int]], list[int], int, int]:
        engine = new_engine(tmp_path)  # not started: nothing is fetched
        progress: list[tuple[int, int]] = []
        seen_while_queueing: list[int] = []
        adding = asyncio.ensure_future(
            engine.add_items_in_steps(items, ["B04"], progress=lambda d, t: progress.append((d, t)))
        )
        while not adding.done():
            seen_while_queueing.append(len(engine.jobs))
            await asyncio.sleep(0)
        jobs = adding.result()
        again = await engine.add_items_in_steps(items[:10], ["B04"])  # already queued: reused
        await engine.close()
        return progress, seen_while_queueing, len(jobs), len({j.id for j in [*jobs, *again]})

    progress, seen, added, distinct = run(scenario)
    assert progress == [(ADD_STEP, count), (2 * ADD_STEP, count), (count, count)]
    assert any(0 < n < count for n in seen)  # other work ran while it was queueing
    assert added == distinct == count

    reopened = new_engine(tmp_path)  # the queue is in SQLite
    assert sum(j.state is JobState.QUEUED for j in reopened.jobs.values()) == count
    assert {j.asset_key for j in reopened.jobs.values()} == {"B04"}
    reopened.store.close()
