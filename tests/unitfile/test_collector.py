"""load, derive and audit hold off Python's cyclic collector while they build (issue 20,
load.collector_paused): it is on again afterwards, also when a stage fails, and left off
when the caller had it off."""
import gc

import pytest

from perfreport.shared.errors import LoadError
from perfreport.unitfile.load import collector_paused, load
from tests.conftest import run, FIXTURES


@pytest.fixture
def collector():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_the_collector_is_off_inside_and_on_again_after(collector):
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off(collector):
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_stages_leave_the_collector_on(collector, tmp_path):
    gc.enable()
    run(FIXTURES / "complete.yaml")
    assert gc.isenabled()
    bad = tmp_path / "bad.yaml"
    bad.write_text("单位: [\n", encoding="utf-8")
    with pytest.raises(LoadError):
        load(bad)
    assert gc.isenabled()
