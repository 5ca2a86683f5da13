#!/usr/bin/env python3
"""Entry point: `python render.py --help`. All the work is in the perfreport package."""
import sys

from perfreport.commands.entry import main

if __name__ == "__main__":
    sys.exit(main())
