"""The first code a command runs (the console command `perfreport`, render.py, python -m
perfreport): Ctrl-C or SIGTERM while the program is still importing its modules ends it at
once, quietly, with 130, as one later does; nothing has been written yet. cli.main puts its
own handlers in place once it runs."""
import os
import signal
import sys

INTERRUPTED = 130


def _before_main(signum, frame) -> None:
    try:
        sys.stderr.write("已中断：没有写出不完整的文件\n")
        sys.stderr.flush()
    finally:
        os._exit(INTERRUPTED)


def main() -> int:
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _before_main)
    from perfreport.commands.cli import main as run
    return run()
