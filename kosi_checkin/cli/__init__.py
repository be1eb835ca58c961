"""The command line: argparse commands that call services/. Imports no Qt except `gui`."""
