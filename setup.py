"""`scrapyd-deploy` builds the project's egg by running this file; the packaging itself
(packages, data files, the scrapy settings entry point) is declared in pyproject.toml."""

from setuptools import setup

setup()
