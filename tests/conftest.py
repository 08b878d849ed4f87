import pytest
from scrapy.utils.reactor import install_reactor, is_reactor_installed

from tests.helpers import run_crawl
from tests.replica.hosts.szwz import HOST
from tests.replica.server import ReplicaServer

ROOT_URL = f"http://{HOST}/szwz/xxgk/index.shtml"


def pytest_configure(config):
    """Scrapy components built in-process need the reactor the project settings name."""
    if not is_reactor_installed():
        install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")


@pytest.fixture
def replica():
    """A fresh replica server (its one-shot traps armed) on a free loopback port."""
    server = ReplicaServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def full_crawl(tmp_path_factory):
    """One real crawl of the whole replica section, shared by the tests that read it."""
    server = ReplicaServer().start()
    try:
        result = run_crawl(server, tmp_path_factory.mktemp("out"), "-a", f"start_url={ROOT_URL}")
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    return result, server.requests
