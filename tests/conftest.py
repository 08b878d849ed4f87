import pytest
import redis
from scrapy.utils.reactor import install_reactor, is_reactor_installed

from services import redis as services_redis
from services import splash as services_splash
from services.process import free_port as process_free_port
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
def redis_server(tmp_path_factory):
    """A real Redis (Debian's redis-server) on a free loopback port, started by services/."""
    run_dir = tmp_path_factory.mktemp("redis-run")
    running = services_redis.start(run_dir)
    yield services_redis.url(running)
    services_redis.stop(run_dir)


@pytest.fixture
def redis_url(redis_server):
    """The test Redis, emptied: every test starts with no run and no state in it."""
    client = redis.Redis.from_url(redis_server)
    client.flushdb()
    client.close()
    return redis_server


@pytest.fixture(scope="session")
def splash_server(tmp_path_factory):
    """A real Splash 3.5 on a free loopback port, started by services/splash.py."""
    run_dir = tmp_path_factory.mktemp("splash-run")
    running = services_splash.start(process_free_port(), run_dir=run_dir)
    yield running.url
    services_splash.stop(run_dir)


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
