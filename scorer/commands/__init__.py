"""One module per CLI command: `add_parser(subparsers) -> parser` and `run(args) -> exit code`."""

EXIT_OK, EXIT_FAIL_UNDER, EXIT_ERROR = 0, 1, 2


def interrupted_exit(signum: int) -> int:
    """The exit code of a run stopped by a signal, as a shell reports one: 130 for Ctrl-C's
    SIGINT, 143 for SIGTERM."""
    return 128 + signum
