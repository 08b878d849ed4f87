import pytest
from scrapy.utils.reactor import install_reactor, is_reactor_installed

from tests.replica.server import ReplicaServer


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
