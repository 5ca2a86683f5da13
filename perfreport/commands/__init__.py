"""The commands: what a user runs (cli, make targets), the worker pool, the summary."""
