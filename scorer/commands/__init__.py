"""One module per CLI command: `add_parser(subparsers) -> parser` and `run(args) -> exit code`."""

EXIT_OK, EXIT_FAIL_UNDER, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
