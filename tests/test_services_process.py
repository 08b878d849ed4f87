"""services/process.py: servers start on a free loopback port and stop by their own PID."""

import sys

import pytest

from services import process


def test_start_wait_until_ready_and_stop_by_pid(tmp_path):
    port = process.free_port()
    started = process.start("web", [sys.executable, "-m", "http.server", str(port),
                                    "--bind", "127.0.0.1"], port, run_dir=tmp_path)
    assert process.port_open(port)
    assert process.running("web", tmp_path).pid == started.pid
    assert process.stop("web", tmp_path) is True
    assert not process.alive(started.pid)
    assert not process.port_open(port)
    assert process.running("web", tmp_path) is None
    assert process.stop("web", tmp_path) is False


def test_a_server_that_dies_is_reported_with_its_log(tmp_path):
    command = [sys.executable, "-c", "import sys; print('bad config line 3'); sys.exit(2)"]
    with pytest.raises(process.ServiceError, match=r"broken exited[\s\S]*bad config line 3"):
        process.start("broken", command, process.free_port(), run_dir=tmp_path, timeout=10)
    assert not (tmp_path / "broken.json").exists()
