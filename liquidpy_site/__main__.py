"""``python -m liquidpy_site``."""

from liquidpy_site.cli import main

if __name__ == "__main__":
    main()
