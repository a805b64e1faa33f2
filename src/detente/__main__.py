"""`python -m detente`, and the file to hand spark-submit: `spark-submit .../detente/__main__.py batch ...`."""

from detente.cli import main

if __name__ == "__main__":
    main()
