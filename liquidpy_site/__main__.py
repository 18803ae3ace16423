"""``python -m liquidpy_site``."""

from liquidpy_site.cli import run

if __name__ == "__main__":
    run(prog_name=None)
