"""One module per CLI command: `add_parser(subparsers) -> parser` and `run(args) -> exit code`."""

EXIT_OK, EXIT_FAIL_UNDER, EXIT_ERROR = 0, 1, 2
