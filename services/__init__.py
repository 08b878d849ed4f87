"""Servers the project runs beside the crawler (Splash, Redis, scrapyd), started on free
loopback ports and stopped by the PID that started them. `make` targets and the tests use
the same code."""
