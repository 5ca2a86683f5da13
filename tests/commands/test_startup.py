"""What keeps a first run as fast as the next (issue 17): Cerberus imported without its
importlib.metadata scan, everything a run would compile made at install (`warm`), and
`check` on the same worker pool as `all`, saying the same things in the same order."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args, env=None):
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env=env or dict(os.environ))


def test_cerberus_is_imported_without_scanning_the_installed_distributions():
    code = ("import sys, perfreport.unitfile.validate, cerberus; "
            "assert 'importlib.metadata' not in sys.modules, 'scanned'; "
            "import importlib.metadata as m; print(cerberus.__version__, m.version('jinja2'))")
    done = run("-c", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["unknown", "3.1.6"]          # the real module for everyone else


def test_warm_makes_at_install_what_a_first_run_would():
    from perfreport.document.report_docx import cache_folder
    done = run("render.py", "warm")
    assert done.returncode == 0, done.stderr
    folder = cache_folder()
    assert folder is not None and folder.parent == Path(sys.prefix)
    names = [p.name for p in folder.iterdir()]
    assert any(n.startswith("__perfreport_body_") for n in names)      # docxtpl's patched body
    assert any(n.endswith(".cache") for n in names)                      # Jinja's compiled code
    assert list((ROOT / "perfreport" / "commands" / "__pycache__").glob("pipeline.*.pyc"))


def test_check_in_parallel_says_what_one_process_says_in_the_same_order():
    one = run("render.py", "check", "--workers", "1")
    two = run("render.py", "check", "--workers", "2")
    assert one.returncode == two.returncode == 0
    assert one.stderr == two.stderr
    assert one.stderr.splitlines()[-1] == "reports/yueyanglou.yaml：通过（8 条警告）"
