"""`python -m courtesy_lint` runs the command line."""

from .cli import main

main()
