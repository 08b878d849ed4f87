"""Field extraction helpers shared by every platform family."""
