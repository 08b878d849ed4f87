"""Crawl the information-disclosure sections of Chinese government sites."""

__version__ = "0.1.0"
