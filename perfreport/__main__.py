"""`python -m perfreport …`: the same commands as the console command `perfreport` and render.py."""
import sys

from perfreport.commands.entry import main

sys.exit(main())
