"""The `targettrack` console script: Ctrl-C from the first instruction on,
and the fast lane (fastlane.py) before the full command line.

Importing the command line takes a tenth of a second; Ctrl-C in that time
would print Python's traceback. Nothing is written before the command runs,
so until then Ctrl-C ends the process at once with the one-line message of
exit code 130. `cli.main` puts Python's own handler back for the command.
"""

import os
import signal


def _interrupted_while_starting(signum, frame):
    os.write(2, b"targettrack: error: interrupted; nothing was written\n")
    os._exit(130)


def main() -> None:
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when started with Ctrl-C ignored
        signal.signal(signal.SIGINT, _interrupted_while_starting)
    import gc
    import sys

    # A short-lived process that builds many objects and frees them at exit:
    # the cyclic collector only costs time here (the kept rows of 100,000
    # targets are 100,000 tuples), and reference counting frees the rest.
    gc.disable()
    from .boundary import completing
    from .fastlane import run as fast
    from .hoist import hoisted

    if not completing():
        sys.argv[1:] = hoisted(sys.argv[1:])  # global options anywhere, for both paths
        if sys.stdout.isatty():
            from .paging import start

            start(sys.argv[1:])  # long output through a pager, on a terminal (util/pager.py)
    code = fast(sys.argv[1:])  # a list served from kept rows, before Typer is imported (fastlane.py)
    if code is not None:
        from ..util.terminal import end

        end(code)
    from . import main as run

    run()
