"""FileThreads, where the transfer thread hands the opening of .part files: every piece of work
handed over runs once, in one of its threads, whoever hands it and however many at once (the
wake-ups go through a socket pair, one byte per piece: none may be lost), and closing ends the
threads once the work given is done."""

from __future__ import annotations

import threading

import pytest

from stacdesk.core.downloads.curl_multi import FileThreads


def test_every_piece_runs_once_in_a_file_thread() -> None:
    files = FileThreads(4, name="test-files")
    ran: list[tuple[int, str]] = []
    lock = threading.Lock()
    all_ran = threading.Event()
    total = 4 * 500

    def piece(n: int) -> None:
        with lock:
            ran.append((n, threading.current_thread().name))
            if len(ran) == total:
                all_ran.set()

    def hand(first: int) -> None:  # several threads hand work over at once, as files finish
        for n in range(first, first + 500):
            files.submit(lambda n=n: piece(n))

    handers = [threading.Thread(target=hand, args=(k * 500,)) for k in range(4)]
    for thread in handers:
        thread.start()
    for thread in handers:
        thread.join()
    assert all_ran.wait(60)
    files.close()
    assert sorted(n for n, _ in ran) == list(range(total))
    assert {name.rsplit("-", 1)[0] for _, name in ran} == {"test-files"}
    for thread in files._threads:
        thread.join(10)
        assert not thread.is_alive()
    with pytest.raises(RuntimeError):
        files.submit(lambda: None)


def test_a_piece_that_raises_does_not_stop_the_others() -> None:
    files = FileThreads(1)
    done = threading.Event()

    def broken() -> None:
        raise ValueError("a bug")

    files.submit(broken)
    files.submit(done.set)
    assert done.wait(30)
    files.close()


def test_closing_before_any_work_is_harmless() -> None:
    files = FileThreads(2)
    files.close()
    files.close()
    with pytest.raises(RuntimeError):
        files.submit(lambda: None)
